"""Command-line entry point: registers every command module on the shared typer app.

Each module under ``kg.cli`` holds one command group and only formats what the library
(:mod:`kg.api`) returns. Errors are one line on stderr: exit 2 for a wrong argument (a bad
option, a document that names nothing or several), exit 1 when the work itself failed.
"""

from __future__ import annotations

import sys

import typer

from kg.cli.app import app
from kg.errors import KgError

# Command modules register themselves on `app` when imported.
from kg.cli import (  # noqa: E402,F401  isort: skip
    answer_commands,
    bench_commands,
    bench_extract,
    bench_run,
    bench_startup,
    change_commands,
    extract_commands,
    followup_commands,
    graph_commands,
    map_commands,
    serve_command,
    task_commands,
)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI on `argv` (default: the process's arguments); every error is one line."""
    try:
        code = app(args=argv, prog_name="kg", standalone_mode=False)
    except typer.Abort:
        print("kg: aborted", file=sys.stderr)
        sys.exit(1)
    except typer.TyperException as err:  # a usage error: unknown option, invalid value...
        message = " ".join(err.format_message().split())
        print(f"kg: error: {message}", file=sys.stderr)
        sys.exit(err.exit_code)
    except KgError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        sys.exit(err.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
