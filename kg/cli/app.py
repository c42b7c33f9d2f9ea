"""The typer application and the options every command shares (defined once, reused).

Placeholders in the help read as words (DOC, FILE, N, DATE); flags show none.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import typer

app = typer.Typer(
    name="kg",
    help="VanKien KG: extract references from Party and state documents, build the graph, "
    "query it and draw it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="KG_STORE",
        metavar="DIR|URL",
        help="Store directory, or the URL of a SPARQL 1.1 endpoint. "
        "Default: $KG_STORE, else the user data directory.",
        show_default=False,
    ),
]

DocumentArgument = Annotated[
    str,
    typer.Argument(
        metavar="DOC",
        help='A document: a symbol in any spelling ("25-NQ/TW", "217-qd/tw"), symbol@year '
        '("25-NQ/TW@2013"), a short name ("QĐ 217"), an IRI, or an ingested file\'s path.',
        show_default=False,
    ),
]


def installed_version() -> str:
    try:
        return version("vankien-kg")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"kg (vankien-kg) {installed_version()}")
        raise typer.Exit()


@app.callback()
def kg_main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            metavar="",
            help="Print the version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """VanKien KG: extract references from Party and state documents, build the graph, query
    it and draw it."""
