"""Command-line entry point: registers every command module on the shared typer app.

Each module under ``kg.cli`` holds one command group and only formats what the library
(:mod:`kg.api`) returns; user errors (:class:`kg.errors.KgError`) become one-line messages.
"""

from __future__ import annotations

import sys

from kg.cli.app import app
from kg.errors import KgError

# Command modules register themselves on `app` when imported.
from kg.cli import (  # noqa: E402,F401  isort: skip
    answer_commands,
    bench_commands,
    bench_extract,
    bench_run,
    extract_commands,
    graph_commands,
    map_commands,
    serve_command,
)


def main() -> None:
    """Run the CLI, turning user errors into one line on stderr and exit code 1."""
    try:
        app()
    except KgError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        sys.exit(1)
