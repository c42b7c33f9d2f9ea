"""`kg map`: draw a network of documents as an offline interactive page or a slide image."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import typer

from kg.api import KG
from kg.cli.app import StoreOption, app
from kg.cli.output import console


class Layout(StrEnum):
    briefing = "briefing"
    force = "force"


@app.command("map")
def map_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="The .html page to write.")],
    focus: Annotated[
        str | None, typer.Option("--focus", help="Document at the centre (any document form).")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="Citation steps from the focus.")] = 2,
    direction: Annotated[
        str, typer.Option("--direction", help="in (citers), out (cited) or both.")
    ] = "both",
    trace: Annotated[
        str | None, typer.Option("--trace", help="Draw the implementation chain of a document.")
    ] = None,
    cites: Annotated[
        str | None, typer.Option("--cites", help="Draw the documents citing a document.")
    ] = None,
    sparql: Annotated[
        str | None,
        typer.Option("--sparql", help="SELECT ?citing ?cited [?relation] or CONSTRUCT (text/.rq)."),
    ] = None,
    layout: Annotated[
        Layout, typer.Option("--layout", help="briefing (time x level) or force.")
    ] = Layout.briefing,
    title: Annotated[str | None, typer.Option("--title", help="Title shown on the map.")] = None,
    png: Annotated[bool, typer.Option("--png", help="Also write a PNG for slides.")] = False,
    svg: Annotated[bool, typer.Option("--svg", help="Also write an SVG.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF.")] = False,
    store: StoreOption = None,
) -> None:
    """Write a self-contained interactive map that works offline (no selection: the whole graph)."""
    from kg.views import render_html, render_static

    if sparql is not None and sparql.endswith(".rq"):
        sparql = Path(sparql).read_text(encoding="utf-8")
    with KG.open(store, read_only=True) as kg:
        network = kg.network(
            focus=focus,
            depth=depth,
            direction=direction,
            trace_of=trace,
            cites_of=cites,
            sparql=sparql,
        )
    written = [render_html(network, output, layout=layout.value, title=title)]
    slides: tuple[tuple[bool, Literal["png", "svg", "pdf"]], ...] = (
        (png, "png"),
        (svg, "svg"),
        (pdf, "pdf"),
    )
    for wanted, fmt in slides:
        if wanted:
            written.append(
                render_static(
                    network,
                    output.with_suffix(f".{fmt}"),
                    fmt=fmt,
                    title=title,
                    layout=layout.value,
                )
            )
    console.print(
        f"{network.number_of_nodes()} documents, {network.number_of_edges()} relations → "
        + ", ".join(str(p) for p in written)
    )
