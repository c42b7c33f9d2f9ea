"""`kg bench extract`: extraction MB/s and documents/s on one core, beside a bare regex scan.

A thin command over :mod:`benchmarks.throughput`, imported when the command runs so that the
CLI starts without the benchmarks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.api import iter_sources, read_file
from kg.cli.bench_commands import bench_app
from kg.cli.output import console, err_console
from kg.errors import InputError

SAMPLE_CORPUS = Path("data") / "corpus"


@bench_app.command("extract")
def bench_extract(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH...", help="Files or folders to time (default: the sample corpus)."
        ),
    ] = None,
    repeat: Annotated[
        int, typer.Option("--repeat", "-n", min=1, metavar="N", help="Best of N passes.")
    ] = 5,
) -> None:
    """Time the full extractor against a bare regex scan of the same texts, on one core
    (process CPU time, best of N passes, so other jobs on the machine do not skew it)."""
    from benchmarks.throughput import measure

    paths = list(iter_sources(folders or [SAMPLE_CORPUS]))
    texts = []
    for path in paths:
        try:
            texts.append(read_file(path).text)
        except InputError as err:
            err_console.print(f"[yellow]skipped[/yellow] {err}")
    if not texts:
        named = ", ".join(str(folder) for folder in folders or [SAMPLE_CORPUS])
        raise InputError(named, "no readable source files")
    result = measure(texts, repeat)
    table = Table(
        title=f"Extraction on one core: {result.documents} documents, "
        f"{result.megabytes:.3f} MB, best of {repeat}"
    )
    for column in ("run", "MB/s", "docs/s", "found"):
        table.add_column(column)
    table.add_row(
        "full extractor",
        f"{result.extract_mb_per_s:.2f}",
        f"{result.extract_docs_per_s:.0f}",
        f"{result.references} references",
    )
    table.add_row(
        "bare regex scan",
        f"{result.bare_mb_per_s:.2f}",
        f"{result.documents / result.bare_seconds:.0f}",
        f"{result.bare_matches} matches",
    )
    console.print(table)
    console.print(
        f"extractor {result.extract_mb_per_s:.2f} MB/s = {result.ratio:.1f}x the time of the "
        f"bare scan ({result.bare_mb_per_s:.2f} MB/s); target 10 MB/s per core"
    )
