"""Commands that answer the users' questions: trace, cites, show, search, stats, check, coverage."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text
from rich.tree import Tree

from kg.api import (
    CHAIN_RELATIONS,
    KG,
    OVERVIEW_LINKS,
    TRACE_COLUMNS,
    Relation,
    Trace,
    format_of,
)
from kg.cli.app import DocumentArgument, StoreOption, app, as_of_option, output_option
from kg.cli.output import (
    FormatOption,
    OutputFormat,
    console,
    print_json,
    print_records,
    snippet,
)

if TYPE_CHECKING:
    # Named in annotations only: their modules load with the commands that answer with them.
    from kg.api import SearchResult, TraceOverview


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


def _print_overview(result: Trace, overview: TraceOverview) -> None:
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
    for level in overview.levels:
        record = level.to_json()
        record["relations"] = ", ".join(f"{r} {n:,}" for r, n in record["relations"].items())
        levels.append(record)
    print_records(levels, ["depth", "documents", "links", "relations"], OutputFormat.table)
    spread = overview.spread
    if spread is None:
        return
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
            for r in spread.fastest_first
        ],
        ["area", "level", "documents", "first", "first_date", "lag_days"],
        OutputFormat.table,
        title="Where it was taken up, fastest first (lag: days from the root to the first)",
    )
    if spread.provinces_without:
        missing = ", ".join(spread.provinces_without)
        console.print(f"Documents read, none in the trace: {missing}", highlight=False)
    if spread.provinces_unknown:
        console.print(
            f"{len(spread.provinces_unknown)} provinces have no document in the store.",
            highlight=False,
        )


@app.command("trace")
def trace_command(
    document: DocumentArgument,
    depth: Annotated[
        int | None,
        typer.Option("--depth", "-d", min=0, metavar="N", help="Maximum depth (0: no limit)."),
    ] = None,
    relation: Annotated[
        list[Relation] | None,
        typer.Option(
            "--relation",
            "-r",
            metavar="RELATION",
            help=f"A relation to follow (repeatable): {', '.join(Relation)}. "
            f"Default: {', '.join(CHAIN_RELATIONS)}.",
        ),
    ] = None,
    up: Annotated[bool, typer.Option("--up", help="Go upward: what this implements.")] = False,
    tree: Annotated[
        bool,
        typer.Option(
            "--tree",
            help=f"Print the whole tree even past {OVERVIEW_LINKS:,} links (tables only).",
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
    relations = [r.value for r in relation] if relation else CHAIN_RELATIONS
    with KG.open(store, read_only=True) as kg:
        if tree or fmt is not OutputFormat.table:
            result, overview = kg.trace(document, depth=depth, relations=relations, up=up), None
        else:
            result, overview = kg.shown_trace(document, depth=depth, relations=relations, up=up)
    if fmt is OutputFormat.table:
        if overview is None:
            console.print(_trace_tree(result))
        else:
            _print_overview(result, overview)
        return
    print_records(result.links(), TRACE_COLUMNS, fmt, payload=result.to_json())


@app.command()
def cites(
    document: DocumentArgument, fmt: FormatOption = OutputFormat.table, store: StoreOption = None
) -> None:
    """Every document that cites this one, newest first, with the sentence that cites it."""
    with KG.open(store, read_only=True) as kg:
        target = kg.find(document, complete=False)
        rows = kg.cites(target.iri)
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
    if fmt is OutputFormat.json:
        print_json(card.to_json())
        return
    cited = [c.to_json() for c in card.cites]
    if fmt is OutputFormat.csv:
        print_records(cited, ["label", "kind", "date", "relation", "sentence"], fmt)
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
    for name, values in card.conflicts.items():
        stated = "; ".join(f"{v.value} ({', '.join(v.sources)})" for v in values)
        console.print(f"  [yellow]conflicting {name}s:[/yellow] {stated}", highlight=False)
    shown = [r | {"sentence": snippet(r["sentence"], r["symbol"] or r["label"])} for r in cited]
    print_records(shown, ["label", "relation", "date", "sentence"], fmt, title="Cites")
    print_records(
        [c.to_json() for c in card.cited_by],
        ["label", "relation", "date", "issuer", "sentence"],
        fmt,
        title="Cited by",
        clip=doc.symbol,
    )
    if card.findings:
        print_records(
            [
                f.to_json() | {"sentence": " | ".join(e.sentence for e in f.evidence if e.sentence)}
                for f in card.findings
            ],
            ["level", "check", "message", "sentence"],
            fmt,
            title="Findings (kg check)",
            clip=doc.symbol,
        )


def _highlighted(result: SearchResult) -> Text:
    text = Text()
    for piece, found in result.pieces():
        text.append(piece, style="bold reverse" if found else None)
    return text


@app.command()
def search(
    text: Annotated[
        str,
        typer.Argument(metavar="WORDS", help="Words to find; diacritics and tone marks optional."),
    ],
    limit: Annotated[
        int, typer.Option("--limit", min=1, metavar="N", help="Documents to show.")
    ] = 20,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """The documents the words name, then those whose title, symbol or citing sentences hold
    every word, diacritics optional (the web app's search gives the same list)."""
    with KG.open(store, read_only=True) as kg:
        found = kg.search(text, limit=limit)
    records = [r.to_json() for r in found]
    if fmt is OutputFormat.table:
        records = [
            record | {"text": _highlighted(result)}
            for record, result in zip(records, found, strict=True)
        ]
    print_records(
        records,
        ["label", "kind", "date", "issuer", "field", "text"],
        fmt,
        title=found.headline(),
        payload=found.to_json(),
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
    references, implausible chains, amendments without authority, self-citations (each with its
    sentence), documents cited often but never ingested. Exits 1 on errors."""
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


# What `kg coverage -o` writes, by the file's extension.
GRID_EXTENSIONS = {"html": "html", "htm": "html", "png": "png", "svg": "svg"}


@app.command("coverage")
def coverage_command(
    document: DocumentArgument,
    as_of: Annotated[
        datetime | None,
        as_of_option(
            "the provinces as they stood that day (34 from 2025-07-01) and "
            "documents up to it. Default: the provinces on the document's own date."
        ),
    ] = None,
    output: Annotated[
        Path | None, output_option("Also draw the tile grid (.html, .png or .svg).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Implementation coverage: every province and central body, with its implementing
    documents, their dates and lag from the parent; provinces whose documents were read but
    none implements it; and provinces of which the store holds no document."""
    grid_format = format_of(output, GRID_EXTENSIONS) if output is not None else None
    with KG.open(store, read_only=True) as kg:
        result = kg.coverage(document, as_of=as_of.date().isoformat() if as_of else None)
    print_records(
        [r.to_json() for r in result.rows],
        ["area", "level", "status", "known_from", "first_date", "lag_days", "documents"],
        fmt,
        title=result.headline(),
        payload=result.to_json(),
    )
    if output is not None:
        from kg.views import render_coverage

        tiles = [
            (r.area, r.status, r.lag_days, [d.label for d in r.documents]) for r in result.provinces
        ]
        written = render_coverage(
            tiles,
            output,
            fmt=grid_format,  # type: ignore[arg-type]  # one of GRID_EXTENSIONS' values
            title=f"Độ phủ thực hiện {result.root.label}",
            grid="34" if result.grid == "34" else "63",
        )
        console.print(f"wrote {written}")
