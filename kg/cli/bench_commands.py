"""`kg bench ...`: the benchmark command group (subcommands live in their own modules)."""

from __future__ import annotations

import typer

from kg.cli.app import WordsGroup, app

bench_app = typer.Typer(
    cls=WordsGroup, help="Benchmarks: each figure measured beside its baseline in the same run."
)
app.add_typer(bench_app, name="bench")
