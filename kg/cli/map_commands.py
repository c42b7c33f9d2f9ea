"""`kg map`: draw a network of documents as an offline interactive page, a slide image, or a file
for Gephi; the output file's extension decides which."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import typer

from kg.api import KG, format_of
from kg.cli.app import StoreOption, app, output_option, sparql_text
from kg.cli.output import console

# What `kg map -o FILE` writes, by the file's extension.
MAP_EXTENSIONS = {
    "html": "html",
    "htm": "html",
    "png": "png",
    "svg": "svg",
    "pdf": "pdf",
    "graphml": "graphml",
    "gexf": "gexf",
}
SlideFormat = Literal["png", "svg", "pdf"]
SLIDE_FORMATS: tuple[SlideFormat, ...] = ("png", "svg", "pdf")


class Layout(StrEnum):
    briefing = "briefing"
    force = "force"


class Direction(StrEnum):
    both = "both"
    in_ = "in"
    out = "out"


@app.command("map")
def map_command(
    output: Annotated[
        Path,
        output_option(
            "The file to write; its extension decides what: .html (interactive page), "
            ".png/.svg/.pdf (slide), .graphml/.gexf (Gephi)."
        ),
    ],
    focus: Annotated[
        str | None,
        typer.Option("--focus", metavar="DOC", help="Document at the centre (any document form)."),
    ] = None,
    depth: Annotated[
        int,
        typer.Option(
            "--depth", min=0, metavar="N", help="Citation steps from the focus or the root."
        ),
    ] = 2,
    direction: Annotated[
        Direction,
        typer.Option(
            "--direction", metavar="in|out|both", help="in (citers), out (cited) or both."
        ),
    ] = Direction.both,
    trace: Annotated[
        str | None,
        typer.Option("--trace", metavar="DOC", help="Draw the implementation chain of a document."),
    ] = None,
    cites: Annotated[
        str | None,
        typer.Option("--cites", metavar="DOC", help="Draw the documents citing a document."),
    ] = None,
    sparql: Annotated[
        str | None,
        typer.Option(
            "--sparql",
            metavar="SPARQL",
            help="SELECT ?citing ?cited [?relation] or CONSTRUCT (text or a .rq file).",
        ),
    ] = None,
    layout: Annotated[
        Layout,
        typer.Option(
            "--layout", metavar="briefing|force", help="briefing (time x level) or force."
        ),
    ] = Layout.briefing,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="Title shown on the map.")
    ] = None,
    png: Annotated[
        bool, typer.Option("--png", help="Also write a PNG beside it, for slides.")
    ] = False,
    svg: Annotated[bool, typer.Option("--svg", help="Also write an SVG.")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF.")] = False,
    store: StoreOption = None,
) -> None:
    """Draw a map that works offline: one of --focus, --trace, --cites or --sparql, or the whole
    graph when none is given."""
    from kg.views import render_html, render_static, write_exchange

    fmt = format_of(output, MAP_EXTENSIONS)
    if sparql is not None:
        sparql = sparql_text(sparql)
    with KG.open(store, read_only=True) as kg:
        network = kg.network(
            focus=focus,
            depth=depth,
            direction=direction.value,
            trace_of=trace,
            cites_of=cites,
            sparql=sparql,
        )
    written: list[Path] = []
    if fmt == "html":
        written.append(render_html(network, output, layout=layout.value, title=title))
    elif fmt in ("graphml", "gexf"):
        written.append(write_exchange(network, output, "graphml" if fmt == "graphml" else "gexf"))
    also = {name for name, wanted in zip(SLIDE_FORMATS, (png, svg, pdf), strict=True) if wanted}
    for slide in SLIDE_FORMATS:
        if slide == fmt or slide in also:
            target = output if slide == fmt else output.with_suffix(f".{slide}")
            written.append(
                render_static(network, target, fmt=slide, title=title, layout=layout.value)
            )
    console.print(
        f"{network.number_of_nodes()} documents, {network.number_of_edges()} relations → "
        + ", ".join(str(p) for p in written)
    )
