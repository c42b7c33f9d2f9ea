"""`kg serve`: the local web app for staff and a SPARQL endpoint for other tools."""

from __future__ import annotations

from typing import Annotated

import typer

import kg.api as api
from kg.cli.app import StoreOption, app
from kg.cli.output import console


@app.command("serve")
def serve_command(
    store: StoreOption = None,
    host: Annotated[
        str,
        typer.Option(
            "--host", metavar="ADDRESS", help="Address to listen on; loopback keeps it here."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int,
        typer.Option(
            "--port", min=0, max=65535, metavar="PORT", help="TCP port (0: any free one)."
        ),
    ] = 8000,
    allow_update: Annotated[
        bool,
        typer.Option(
            "--allow-update",
            help="Accept SPARQL Update on /sparql (default: refuse).",
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0.1, metavar="SECONDS", help="Seconds a /sparql query may run."
        ),
    ] = 10.0,
    max_rows: Annotated[
        int,
        typer.Option(
            "--max-rows",
            min=1,
            metavar="N",
            help="Most rows (or triples) a /sparql result may have.",
        ),
    ] = 10_000,
) -> None:
    """Serve search, document pages, traces, maps and a SPARQL 1.1 endpoint in the browser."""
    # The web app (Starlette, Jinja, the map renderers) is imported by this command alone: every
    # other command starts without it.
    from kg.web.app import LOOPBACK, ServeSettings, listen, serve

    settings = ServeSettings(
        store=store,
        allow_update=allow_update,
        limits=api.Limits(timeout=timeout, max_rows=max_rows),
    )
    # The port is taken before anything is printed: a busy port is one line, not a banner
    # followed by a server's traceback.
    socket = listen(settings, host, port)
    if host not in LOOPBACK:
        console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this address can read "
            "the graph (there is no login)"
        )
    console.print(f"VanKien KG at http://{host}:{port}/ (SPARQL endpoint: /sparql); Ctrl+C stops")
    serve(settings, socket, loopback_only=host in LOOPBACK)
