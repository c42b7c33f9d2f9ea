"""Commands that fill, empty and dump the graph: ingest, remove, export, query, demo."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from kg.api import (
    DEFAULT_BUDGET,
    EXPORT_FORMATS,
    KG,
    FileBudget,
    IngestProgress,
    SelectResult,
    as_term,
    run_demo,
    sample_corpus,
)
from kg.cli.app import StoreOption, app, output_option, sparql_text
from kg.cli.output import FormatOption, OutputFormat, console, err_console, print_records
from kg.errors import ArgumentError

if TYPE_CHECKING:
    from kg.api import FileOutcome, IngestReport


def run_ingest(
    kg: KG,
    paths: list[Path],
    jobs: int,
    max_mb: int,
    *,
    bulk: bool = False,
    budget: FileBudget = DEFAULT_BUDGET,
) -> IngestReport:
    """Ingest with a progress bar and a per-failure line; shared by `ingest` and `demo`.

    File by file, the bar counts files done; in bulk it counts the files of each step in turn.
    """
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None, counts="")
        return kg.ingest(
            [str(p) for p in paths],
            jobs=jobs,
            max_bytes=max_mb * 1024 * 1024,
            budget=budget,
            progress=_ProgressBar(progress, task),
            bulk=bulk,
        )


class _ProgressBar(IngestProgress):
    """A run's progress on one rich bar: the step and its files done, the counts so far, and
    each failed or skipped file in one line as it happens."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self.progress = progress
        self.task = task
        self.tally = {"ingested": 0, "unchanged": 0, "skipped": 0, "failed": 0}

    def step(self, name: str, done: int, total: int) -> None:
        self.progress.update(self.task, description=f"ingest: {name}", completed=done, total=total)

    def outcome(self, outcome: FileOutcome) -> None:
        self.tally[outcome.status] += 1
        if outcome.status in ("failed", "skipped"):
            self.progress.console.print(
                f"[red]{outcome.status}[/red] {outcome.message}", soft_wrap=True, highlight=False
            )
        counts = ", ".join(f"{n} {k}" for k, n in self.tally.items() if n)
        self.progress.update(self.task, counts=counts)


def print_ingest_summary(report: IngestReport, fmt: OutputFormat = OutputFormat.table) -> None:
    """The closing counts (each failure was already printed, in one line, as it happened), or
    every file's outcome as JSON or CSV."""
    if fmt is not OutputFormat.table:
        outcomes = [asdict(o) for o in report.outcomes]
        print_records(outcomes, ["path", "status", "message", "references"], fmt)
        return
    skipped = f", skipped {report.count('skipped')}" if report.count("skipped") else ""
    console.print(
        f"ingested {report.count('ingested')}, unchanged {report.count('unchanged')}"
        f"{skipped}, failed {report.count('failed')}"
    )


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="Files or folders (searched recursively)."),
    ],
    store: StoreOption = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Parallel extraction processes.")
    ] = 1,
    max_size: Annotated[
        int,
        typer.Option("--max-size", min=1, metavar="MB", help="Refuse files larger than this."),
    ] = 50,
    max_seconds: Annotated[
        float,
        typer.Option(
            "--max-seconds",
            min=0,
            metavar="SECONDS",
            help="Give up on a file after this many seconds of work (0: never).",
        ),
    ] = DEFAULT_BUDGET.seconds or 0,
    max_memory: Annotated[
        int,
        typer.Option(
            "--max-memory",
            min=0,
            metavar="MB",
            help="Give up on a file whose work needs this many MB more memory (0: never).",
        ),
    ] = DEFAULT_BUDGET.memory_mb or 0,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="For large corpora: resolve every file against every other, then load with "
            "the store's bulk loader (fast, but not one transaction per file).",
        ),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Read documents, extract their references and write them into the graph.

    Re-ingesting an unchanged file changes nothing; a changed file replaces its own statements.
    Exits 1 when any file failed (the others are still ingested).
    """
    budget = FileBudget(seconds=max_seconds or None, memory_mb=max_memory or None)
    with KG.open(store) as kg:
        report = run_ingest(kg, paths, jobs, max_size, bulk=bulk, budget=budget)
    print_ingest_summary(report, fmt)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def remove(
    paths: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Ingested files to drop from the graph.")
    ],
    store: StoreOption = None,
) -> None:
    """Drop exactly the statements that ingested files contributed."""
    missing = 0
    with KG.open(store) as kg:
        for path in paths:
            if kg.remove(path):
                console.print(f"removed {path}")
            else:
                err_console.print(f"kg: {path}: was not ingested in this store")
                missing += 1
    if missing:
        raise typer.Exit(1)


@app.command()
def export(
    output: Annotated[
        Path,
        output_option(
            "File to write; its extension names the format "
            f"({', '.join('.' + f for f in EXPORT_FORMATS)})."
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help=f"{', '.join(EXPORT_FORMATS)}: for a file name without one of those extensions.",
        ),
    ] = None,
    graph: Annotated[
        Path | None,
        typer.Option("--graph", metavar="FILE", help="Only the statements of this ingested file."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write the whole graph, or one source file's named graph, to a file."""
    with KG.open(store, read_only=True) as kg:
        written = kg.export(output, fmt, source=graph)
    console.print(f"wrote {written}")


@app.command()
def query(
    sparql: Annotated[
        str | None,
        typer.Argument(
            metavar="SPARQL",
            help="SPARQL text or a .rq file (or leave it out and give --name).",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", "-n", metavar="NAME", help="Run a shipped query (see --list)."),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            metavar="NAME=VALUE",
            help="Bound to ?NAME (repeatable); ?doc takes any document (25-NQ/TW@2013).",
        ),
    ] = None,
    list_queries: Annotated[
        bool,
        typer.Option("--list", help="List the shipped queries, what they answer, parameters."),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Run any SPARQL query (or a shipped named one) and print the results."""
    if list_queries:
        rows = [
            {
                "name": q.name,
                "description": q.description,
                "parameters": [f"{p}: {d}" for p, d in q.params.items()],
            }
            for q in KG.named_queries().values()
        ]
        print_records(rows, ["name", "description", "parameters"], fmt, title="Named queries")
        return
    if name is not None and sparql is not None:
        raise ArgumentError("give a SPARQL query or --name, not both")
    if name is None and sparql is None:
        raise ArgumentError("give a SPARQL query, a .rq file, or --name NAME (see --list)")
    params = dict(_split_param(p) for p in param or [])
    with KG.open(store, read_only=True) as kg:
        if name is not None:
            result = kg.run_named(name, params)
        else:
            assert sparql is not None
            result = kg.query(sparql_text(sparql), params)
    if isinstance(result, bool):
        print_records([{"answer": str(result).lower()}], ["answer"], fmt, payload=result)
    elif isinstance(result, SelectResult):
        records = [{k: v.value for k, v in row.items()} for row in result.rows]
        print_records(records, result.variables, fmt, title=f"{len(records)} rows")
    else:
        records = [
            {
                "subject": as_term(t.subject).value,
                "predicate": t.predicate.value,
                "object": as_term(t.object).value,
            }
            for t in result
        ]
        print_records(records, ["subject", "predicate", "object"], fmt)


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ArgumentError(f"--param {text!r}: expected NAME=VALUE")
    return name.strip(), value


@app.command()
def demo(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="DIR", help="Folder for the demo store and map."),
    ] = Path("build/demo"),
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Parallel extraction processes.")
    ] = 2,
) -> None:
    """The main job on the sample corpus: ingest it, summarise, list who cites 25-NQ/TW, draw
    the 2013 resolution's implementation chain as a map. Writes only under --output."""
    store_path = output / "store"
    with KG.open(store_path) as kg:
        report = run_ingest(kg, [sample_corpus()], jobs, 50)
        print_ingest_summary(report)
        summary = run_demo(kg, output)
    console.print(
        f"[bold]{summary.documents}[/bold] documents ingested, [bold]{summary.references}"
        f"[/bold] references found in their text (and {summary.links} links they state "
        f"between two other documents), [bold]{summary.distinct_cited}[/bold] distinct cited "
        "documents"
    )
    for identity, rows in summary.citers_of_25.items():
        print_records(
            rows,
            ["label", "date", "relation", "sentence"],
            OutputFormat.table,
            title=f"Documents citing {identity}",
            clip="25-NQ/TW",
        )
    console.print(f"map: {summary.map_path}")
    console.print(
        f"store: {store_path}  (commands take it with --store {store_path}, or after "
        f"`export KG_STORE={store_path}`; try: kg trace 25-NQ/TW@2013 --store {store_path})"
    )
