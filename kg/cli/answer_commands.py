"""Commands that answer the users' questions: trace, cites, show, search, stats, check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.tree import Tree

from kg.api import KG
from kg.cli.app import StoreOption, app
from kg.cli.output import (
    FormatOption,
    OutputFormat,
    console,
    print_json,
    print_records,
    snippet,
)
from kg.errors import KgError
from kg.queries.citations import CHAIN_RELATIONS, OVERVIEW_LINKS, RELATION_PROPERTIES, Trace
from kg.queries.coverage import coverage_of
from kg.registry import Registry

DocumentArgument = Annotated[
    str,
    typer.Argument(
        help='A symbol ("25-NQ/TW"), symbol@year ("25-NQ/TW@2013"), short name ("Nghị quyết 25"), '
        "an IRI, or an ingested file's path.",
        show_default=False,
    ),
]


def _trace_tree(result: Trace) -> Tree:
    root = result.root
    tree = Tree(f"[bold]{root.label}[/bold] {root.date or ''} {root.issuer or ''}")
    branches = {root.iri: tree}
    for edge in sorted(result.edges, key=lambda e: (e.depth, result.nodes[e.child].date or "")):
        node = result.nodes[edge.child]
        lag = f", +{edge.lag_days} days" if edge.lag_days is not None else ""
        where = node.province or node.level or ""
        label = (
            f"[cyan]{edge.relation}[/cyan] [bold]{node.label}[/bold] "
            f"{node.date or 'undated'}{lag} [dim]{where} {node.issuer or ''}[/dim]"
        )
        parent = branches.get(edge.parent, tree)
        branch = parent.add(label, highlight=False)
        branches.setdefault(edge.child, branch)
    return tree


def _print_overview(result: Trace, registry: Registry) -> None:
    """A trace too large to read as a tree: how deep it goes, and which provinces took it up
    how fast."""
    root = result.root
    console.print(
        f"[bold]{root.label}[/bold] {root.date or ''} {root.issuer or ''}: "
        f"{len(result.nodes) - 1:,} documents through {len(result.edges):,} links. "
        "[dim]--tree prints every branch, --format csv or json lists every link.[/dim]",
        highlight=False,
    )
    levels = []
    for level in result.levels():
        record = level.to_json()
        record["relations"] = ", ".join(f"{r} {n:,}" for r, n in record["relations"].items())
        levels.append(record)
    print_records(levels, ["depth", "documents", "links", "relations"], OutputFormat.table)
    if result.upward:
        return
    found = coverage_of(result, registry)
    print_records(
        [
            {
                "area": r.area,
                "level": r.level,
                "documents": f"{len(r.documents):,}",
                "first": r.documents[0].label,
                "first_date": r.first_date,
                "lag_days": r.lag_days,
            }
            for r in found.fastest_first
        ],
        ["area", "level", "documents", "first", "first_date", "lag_days"],
        OutputFormat.table,
        title="Where it was taken up, fastest first (lag: days from the root to the first)",
    )
    if found.provinces_without:
        missing = ", ".join(found.provinces_without)
        console.print(f"No document in the trace from: {missing}", highlight=False)


@app.command("trace")
def trace_command(
    document: DocumentArgument,
    depth: Annotated[int | None, typer.Option("--depth", "-d", help="Maximum depth.")] = None,
    relation: Annotated[
        list[str] | None,
        typer.Option(
            "--relation",
            "-r",
            help=f"Relations to follow (repeatable): {', '.join(RELATION_PROPERTIES)}. "
            f"Default: {', '.join(CHAIN_RELATIONS)}.",
        ),
    ] = None,
    up: Annotated[bool, typer.Option("--up", help="Go upward: what this implements.")] = False,
    tree: Annotated[
        bool,
        typer.Option(
            "--tree", help=f"Print the whole tree even past {OVERVIEW_LINKS:,} links (tables only)."
        ),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """The implementation chain below a document: who implements, continues, reviews, inspects or
    disseminates it, recursively, with level, province, date and lag from the parent.

    A chain of more than a few hundred links is shown as an overview (by depth, and by province
    going down); --tree prints it whole, --format csv or json lists every link.
    """
    with KG.open(store, read_only=True) as kg:
        result = kg.trace(document, depth=depth, relations=relation or CHAIN_RELATIONS, up=up)
        registry = kg.registry
    if fmt is OutputFormat.table:
        if tree or len(result.edges) <= OVERVIEW_LINKS:
            console.print(_trace_tree(result))
        else:
            _print_overview(result, registry)
        return
    columns = ["depth", "relation", "label", "kind", "date", "lag_days", "level", "province"]
    print_records(result.records(), [*columns, "issuer", "evidence"], fmt, payload=result.to_json())


@app.command()
def cites(
    document: DocumentArgument, fmt: FormatOption = OutputFormat.table, store: StoreOption = None
) -> None:
    """Every document that cites this one, newest first, with the sentence that cites it."""
    with KG.open(store, read_only=True) as kg:
        target = kg.find(document)
        rows = kg.cites(document)
    print_records(
        [row.to_json() for row in rows],
        ["label", "kind", "date", "issuer", "relation", "sentence", "source"],
        fmt,
        title=f"{len(rows)} documents cite {target.label}",
        clip=target.symbol,
    )


@app.command()
def show(
    document: DocumentArgument, fmt: FormatOption = OutputFormat.table, store: StoreOption = None
) -> None:
    """A card: identity, conflicting facts with their sources, what it cites, what cites it."""
    with KG.open(store, read_only=True) as kg:
        card = kg.show(document)
        conflicts: dict[str, list[str]] = {}
        for name, stated in card.document.conflicts().items():
            by_value: dict[str, set[str]] = {}
            for fact in stated:
                by_value.setdefault(fact.value, set()).add(kg.catalog.graph_label(fact.graph))
            conflicts[name] = [f"{v} ({', '.join(sorted(g))})" for v, g in by_value.items()]
    if fmt is OutputFormat.json:
        print_json(card.to_json())
        return
    if fmt is OutputFormat.csv:
        print_records(card.cites, ["label", "kind", "date", "relation", "sentence"], fmt)
        return
    doc = card.document
    console.print(f"[bold]{doc.label}[/bold]  {doc.kind or ''}  <{doc.iri}>", highlight=False)
    for name in ("date", "issuer", "level", "province", "term", "title"):
        value = getattr(doc, name)
        if value:
            console.print(f"  {name}: {value}", highlight=False)
    console.print(f"  ingested: {'yes' if doc.ingested else 'no (known from citations)'}")
    for source in doc.sources:
        console.print(f"  file: {source}", highlight=False)
    for name, values in conflicts.items():
        console.print(f"  [yellow]conflicting {name}s:[/yellow] {'; '.join(values)}")
    cited = [
        r | {"sentence": snippet(r["sentence"], r["symbol"] or r["label"])} for r in card.cites
    ]
    print_records(cited, ["label", "relation", "date", "sentence"], fmt, title="Cites")
    print_records(
        [c.to_json() for c in card.cited_by],
        ["label", "relation", "date", "issuer", "sentence"],
        fmt,
        title="Cited by",
        clip=doc.symbol,
    )


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find; diacritics and tone marks optional.")],
    limit: Annotated[int, typer.Option("--limit", help="Maximum number of documents.")] = 20,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Full-text search over titles, symbols and citing sentences, ignoring diacritics."""
    with KG.open(store, read_only=True) as kg:
        hits = kg.search(text, limit=limit)
    print_records(
        [h.to_json() for h in hits],
        ["label", "kind", "date", "issuer", "field", "text"],
        fmt,
        title=f"{len(hits)} documents match {text!r}",
    )


@app.command()
def stats(fmt: FormatOption = OutputFormat.table, store: StoreOption = None) -> None:
    """Counts by kind, level, province, year and relation; unresolved and ambiguous references."""
    with KG.open(store, read_only=True) as kg:
        result = kg.stats()
    if fmt is OutputFormat.json:
        print_json(result.to_json())
        return
    records = [{"group": "total", "value": k, "count": v} for k, v in result.totals.items()]
    for group, counts in result.groups.items():
        records += [{"group": group, "value": k, "count": n} for k, n in counts.items()]
    print_records(records, ["group", "value", "count"], fmt, title="Graph statistics")


@app.command()
def check(fmt: FormatOption = OutputFormat.table, store: StoreOption = None) -> None:
    """SHACL validation and the data-quality report: conflicting facts, unresolved and ambiguous
    references, implausible chains, documents cited often but never ingested. Exits 1 on errors."""
    with KG.open(store, read_only=True) as kg:
        report = kg.check()
    if fmt is OutputFormat.json:
        print_json(report.to_json())
    else:
        verdict = "conforms" if report.conforms else "[red]does not conform[/red]"
        if fmt is OutputFormat.table:
            console.print(f"SHACL: {verdict}")
            if not report.conforms:
                console.print(report.shacl_text, highlight=False)
        print_records(
            [f.to_json() for f in report.findings],
            ["level", "check", "message", "details"],
            fmt,
            title=f"{len(report.findings)} findings",
        )
    if report.errors or not report.conforms:
        raise typer.Exit(1)


@app.command("coverage")
def coverage_command(
    document: DocumentArgument,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="ISO date: provinces as they stood then (34 after 2025-07-01)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also draw the tile grid (.html, .png or .svg)."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Implementation coverage: every province and central body, with its implementing
    documents, their dates and lag from the parent, and the ones where none was found."""
    with KG.open(store, read_only=True) as kg:
        result = kg.coverage(document, as_of=as_of)
    records = [r.to_json() for r in result.rows]
    issued = len([r for r in result.rows if r.level == "province" and r.status == "issued"])
    provinces = len([r for r in result.rows if r.level == "province"])
    print_records(
        records,
        ["area", "level", "status", "first_date", "lag_days", "documents"],
        fmt,
        title=f"{result.root.label}: {issued} of {provinces} provinces issued an implementing "
        "document",
        payload=result.to_json(),
    )
    if output is not None:
        from kg.views import render_coverage

        tiles = [
            (r.area, r.status, r.lag_days, [d.label for d in r.documents])
            for r in result.rows
            if r.level == "province"
        ]
        grid_formats: dict[str, Literal["html", "png", "svg"]] = {
            ".html": "html",
            ".png": "png",
            ".svg": "svg",
        }
        grid_format = grid_formats.get(output.suffix.lower())
        if grid_format is None:
            raise KgError(f"{output}: the coverage grid is written as .html, .png or .svg")
        written = render_coverage(
            tiles, output, fmt=grid_format, title=f"Độ phủ thực hiện {result.root.label}"
        )
        console.print(f"wrote {written}")
