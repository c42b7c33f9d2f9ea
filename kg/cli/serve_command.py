"""`kg serve`: the local web app for staff and a SPARQL endpoint for other tools."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.app import StoreOption, app
from kg.cli.output import console
from kg.web.app import LOOPBACK, ServeSettings, serve
from kg.web.runner import Limits


@app.command("serve")
def serve_command(
    store: StoreOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; loopback keeps it on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    allow_update: Annotated[
        bool,
        typer.Option("--allow-update", help="Accept SPARQL Update on /sparql (default: refuse)."),
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a /sparql query may run.", min=0.1)
    ] = 10.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="Most rows (or triples) a /sparql result may have.")
    ] = 10_000,
) -> None:
    """Serve search, document pages, traces, maps and a SPARQL 1.1 endpoint in the browser."""
    if host not in LOOPBACK:
        console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this address can read "
            "the graph (there is no login)"
        )
    settings = ServeSettings(
        store=store, allow_update=allow_update, limits=Limits(timeout=timeout, max_rows=max_rows)
    )
    console.print(f"VanKien KG at http://{host}:{port}/ (SPARQL endpoint: /sparql); Ctrl+C stops")
    serve(settings, host=host, port=port)
