"""The typer application and the options every command shares (defined once, reused)."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    name="kg",
    help="VanKien KG: extract references from Party and state documents, build the graph, "
    "query it and draw it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="KG_STORE",
        help="Store directory, or the URL of a SPARQL 1.1 endpoint. "
        "Default: $KG_STORE, else the user data directory.",
        show_default=False,
    ),
]
