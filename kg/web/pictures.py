"""The coverage page, and the pictures the app hands out: PNG and SVG of the coverage grid and of
the maps, drawn by the functions `kg coverage -o` and `kg map -o` call, so what a browser
downloads is the file the command would write.

Drawing runs on the facade's thread, like every page's work. That thread is also what keeps two
drawings apart: matplotlib's settings (`kg.views.figures.drawing`) are process-wide. A map too
big to draw in a few seconds is refused (`PICTURE_DOCUMENTS`, `PICTURE_LINKS`) rather than
holding every other page up; the grid is bounded by itself, one tile per province.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Literal

import networkx as nx
from starlette.requests import Request
from starlette.responses import Response

from kg.api import ISSUED, KG, NO_DOCUMENTS, NOT_ISSUED, Coverage, slugify
from kg.errors import ArgumentError
from kg.views import render_coverage, render_static
from kg.views.coverage import CoverageRow, GridName, place_rows, summary
from kg.web.pages import _choose, map_network, map_view
from kg.web.state import state_of

PictureFormat = Literal["png", "svg"]
MEDIA_TYPES: dict[PictureFormat, str] = {"png": "image/png", "svg": "image/svg+xml"}
# Past these a map picture is refused: 5,000 documents and 10,000 links take about 3.5 s to
# draw (a PNG of 7 MB), and the thread drawing it serves every page meanwhile.
PICTURE_DOCUMENTS = 5_000
PICTURE_LINKS = 10_000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What the coverage table calls each status (`kg.queries.coverage`), in the grid's words.
STATUS_LABELS = {
    ISSUED: "Đã ban hành",
    NOT_ISSUED: "Có văn bản trong kho, chưa thấy văn bản thực hiện",
    NO_DOCUMENTS: "Chưa có văn bản nào trong kho",
}


def document_argument(request: Request) -> str:
    """The document asked for: `id`, as every page names it, or `doc`, as `kg coverage` and the
    shipped queries do."""
    params = request.query_params
    return (params.get("id") or params.get("doc") or "").strip()


def as_of_date(request: Request) -> str | None:
    """The `as_of` date (YYYY-MM-DD, what a date field sends); None when empty."""
    text = request.query_params.get("as_of", "").strip()
    if not text:
        return None
    if ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ArgumentError(f"as_of must be a date written YYYY-MM-DD, not {text!r}")


# -- the coverage grid -----------------------------------------------------------------------


def grid_rows(found: Coverage) -> list[CoverageRow]:
    """The provinces as the tile grid takes them, as `kg coverage -o` passes them."""
    return [(r.area, r.status, r.lag_days, [d.label for d in r.documents]) for r in found.provinces]


def grid_name(found: Coverage) -> GridName:
    return "34" if found.grid == "34" else "63"


def grid_title(found: Coverage) -> str:
    return f"Độ phủ thực hiện {found.root.label}"


def draw_grid(found: Coverage, fmt: PictureFormat) -> bytes:
    return _drawn(
        lambda path: render_coverage(
            grid_rows(found), path, fmt=fmt, title=grid_title(found), grid=grid_name(found)
        )
    )


async def coverage_page(request: Request) -> Response:
    """Which provinces took a document up, and how fast: the grid `kg coverage -o` draws, an
    `as_of` field, and the table of provinces and central bodies with their documents."""
    state = state_of(request)
    chosen = await _choose(state, request, document_argument(request))
    if isinstance(chosen, Response):
        return chosen
    as_of = as_of_date(request)
    found = await state.call(lambda kg: kg.coverage(chosen.iri, as_of=as_of))
    grid = grid_name(found)
    return state.render(
        "coverage.html.j2",
        doc=found.root,
        coverage=found,
        as_of=as_of,
        title=grid_title(found),
        summary=summary(place_rows(grid_rows(found), grid), grid),
        # Who took it up, fastest first, then who has documents in the store and did not.
        shown=[*found.fastest_first, *(r for r in found.rows if r.status == NOT_ISSUED)],
        statuses=STATUS_LABELS,
    )


async def _coverage_picture(request: Request, fmt: PictureFormat) -> Response:
    state = state_of(request)
    chosen = await _choose(state, request, document_argument(request))
    if isinstance(chosen, Response):
        return chosen
    as_of = as_of_date(request)

    def draw(kg: KG) -> bytes:
        return draw_grid(kg.coverage(chosen.iri, as_of=as_of), fmt)

    data = await state.call(draw)
    return picture_response(data, fmt, "coverage", chosen.label, as_of)


async def coverage_png(request: Request) -> Response:
    return await _coverage_picture(request, "png")


async def coverage_svg(request: Request) -> Response:
    return await _coverage_picture(request, "svg")


# -- maps ------------------------------------------------------------------------------------


def draw_map(graph: nx.MultiDiGraph, fmt: PictureFormat) -> bytes:
    """The slide `kg map -o FILE.png|svg` draws; refused past the picture limits."""
    documents, links = graph.number_of_nodes(), graph.number_of_edges()
    if documents > PICTURE_DOCUMENTS or links > PICTURE_LINKS:
        raise ArgumentError(
            f"this map has {documents:,} documents and {links:,} links, more than the server "
            f"draws as a picture ({PICTURE_DOCUMENTS:,} documents, {PICTURE_LINKS:,} links); "
            "choose a smaller view, or draw it with `kg map -o map.png`"
        )
    return _drawn(lambda path: render_static(graph, path, fmt=fmt))


async def _map_picture(request: Request, fmt: PictureFormat) -> Response:
    state = state_of(request)
    chosen = await _choose(state, request, document_argument(request))
    if isinstance(chosen, Response):
        return chosen
    view = map_view(request)
    data = await state.call(lambda kg: draw_map(map_network(kg, chosen.iri, view), fmt))
    return picture_response(data, fmt, "map", chosen.label, view)


async def map_png(request: Request) -> Response:
    return await _map_picture(request, "png")


async def map_svg(request: Request) -> Response:
    return await _map_picture(request, "svg")


# -- answering with a picture ----------------------------------------------------------------


def _drawn(render: Callable[[Path], Path]) -> bytes:
    """The bytes a renderer writes: the library draws to files, as the commands need."""
    with tempfile.TemporaryDirectory(prefix="kg-picture-") as folder:
        return render(Path(folder) / "picture").read_bytes()


def picture_response(
    data: bytes, fmt: PictureFormat, what: str, label: str, detail: str | None
) -> Response:
    """A download: its media type, and a file name saying what it is, of which document (its
    label as an ASCII slug, which every browser keeps) and which view or date. The app's
    security headers are added as on every response."""
    name = "-".join(part for part in (what, slugify(label, 60), detail) if part)
    return Response(
        data,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
