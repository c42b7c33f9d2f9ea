"""Command-line entry point: the shared typer app (:mod:`kg.cli.app`) and its error handling.

Each module under ``kg.cli`` holds one command group and only formats what the library
(:mod:`kg.api`) returns; the app imports a command's module when the command is asked for
(``kg.cli.app.COMMANDS`` names them). Errors are one line on stderr: exit 2 for a wrong argument
(a bad option, a document that names nothing or several), exit 1 when the work itself failed.
"""

from __future__ import annotations

import sys

import typer

from kg.cli.app import app
from kg.errors import KgError


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
