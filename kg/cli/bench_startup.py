"""`kg bench startup`: CPU seconds of `kg --version` and `kg cites` beside the bare interpreter.

A thin command over :mod:`benchmarks.startup`, imported when the command runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

import kg.api as api
from kg.cli.app import StoreOption
from kg.cli.bench_commands import bench_app
from kg.cli.output import console, err_console


@bench_app.command("startup")
def bench_startup(
    store: StoreOption = None,
    document: Annotated[
        str, typer.Option("--doc", metavar="DOC", help="The document `kg cites` is asked about.")
    ] = "25-NQ/TW@2013",
    repeat: Annotated[
        int, typer.Option("--repeat", "-n", min=1, metavar="N", help="Best of N runs.")
    ] = 5,
) -> None:
    """Time the start of `kg --version` and `kg cites DOC` (child CPU time, best of N) against
    `python -c pass`. Without --store, on a store of the sample corpus made for the run."""
    from benchmarks.startup import TARGET_SECONDS, measure_startup

    with tempfile.TemporaryDirectory(prefix="kg-startup-") as scratch:
        if store is None:
            store = str(Path(scratch) / "store")
            err_console.print("ingesting the sample corpus into a scratch store…")
            with api.KG.open(store) as kg:
                kg.ingest([api.sample_corpus()])
        rows = measure_startup(Path(store), document, repeat)
    table = Table(title=f"Start-up, CPU seconds (best of {repeat})")
    for column in ("command", "CPU s", "× interpreter", f"target < {TARGET_SECONDS} s"):
        table.add_column(column)
    for row in rows[1:]:
        met = "yes" if row.cpu_seconds < TARGET_SECONDS else "no"
        table.add_row(row.command, f"{row.cpu_seconds:.3f}", f"{row.ratio:.1f}", met)
    baseline = rows[0]
    table.add_row(baseline.command, f"{baseline.cpu_seconds:.3f}", "1.0", "")
    console.print(table)
