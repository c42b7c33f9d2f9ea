"""The interactive map: one self-contained, offline HTML page around vis-network.

vis-network's script and stylesheet are read at render time from the copies pyvis ships in its
package and inlined, together with our own script and stylesheet, so the page makes no network
request. We render our own template instead of pyvis's because pyvis turns any tooltip that
contains "href" into HTML; here every string from a document travels as JSON data and reaches
the page only through ``textContent``, so a title like ``<img src=x onerror=...>`` stays text.
"""

from __future__ import annotations

import html
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx
from markupsafe import Markup

from kg.views.layout import (
    UNDATED_LABEL,
    Layout,
    LayoutName,
    compute_layout,
    parse_date,
    place_edges,
)
from kg.views.output import write_text
from kg.views.pages import asset, page_templates, script_json
from kg.views.style import (
    FONT_FAMILY,
    kind_style,
    legend_for,
    level_style,
    map_title,
    node_label,
    relation_style,
)

VIS_VERSION = "vis-9.1.2"
LARGE_GRAPH = 1000
"""Above this many nodes the page draws plain edges and hides them while panning."""


def _vis_asset(name: str) -> Markup:
    return Markup(files("pyvis").joinpath("lib", VIS_VERSION, name).read_text(encoding="utf-8"))


def html_document(
    graph: nx.MultiDiGraph,
    *,
    layout: LayoutName = "briefing",
    title: str | None = None,
) -> str:
    """The complete page as a string; `render_html` writes it and `inline_html` embeds it."""
    placed = compute_layout(graph, layout)
    heading = map_title(graph, title)
    nodes = _node_records(graph, placed)
    provinces = sorted({n["province"] for n in nodes if n["province"]})
    years = sorted({n["year"] for n in nodes if n["year"] is not None})
    large = graph.number_of_nodes() > LARGE_GRAPH
    focus = graph.graph.get("focus")
    data = {
        "nodes": nodes,
        "edges": _edge_records(graph, placed),
        "guides": _guides(placed),
        "large": large,
        "font": FONT_FAMILY,
        # The page opens on this document and its neighbours (the whole map when None).
        "focus": focus if focus in graph else None,
    }
    return (
        page_templates()
        .get_template("map.html.j2")
        .render(
            title=heading,
            legend=legend_for(graph),
            provinces=provinces,
            year_min=years[0] if years else None,
            year_max=years[-1] if years else None,
            large=large,
            node_count=graph.number_of_nodes(),
            edge_count=graph.number_of_edges(),
            data_json=script_json(data),
            vis_css=_vis_asset("vis-network.css"),
            vis_js=_vis_asset("vis-network.min.js"),
            map_css=asset("map.css"),
            map_js=asset("map.js"),
        )
    )


def render_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    layout: LayoutName = "briefing",
    title: str | None = None,
) -> Path:
    """Write the interactive map as a self-contained UTF-8 HTML file and return its path."""
    return write_text(path, html_document(graph, layout=layout, title=title))


def inline_html(graph: nx.MultiDiGraph, *, height: int = 650, **kw: Any) -> str:
    """The map as an isolated <iframe srcdoc>, for `IPython.display.HTML` in notebooks.

    The page runs in its own document, so the notebook's scripts and styles cannot break it
    and it cannot touch the notebook.
    """
    page = html_document(graph, **kw)
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:0" '
        'sandbox="allow-scripts"></iframe>'
    )


def _node_records(graph: nx.MultiDiGraph, placed: Layout) -> list[dict[str, Any]]:
    records = []
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        kind = kind_style(data.get("kind"))
        level = level_style(data.get("level"))
        issued = parse_date(data.get("date"))
        x, y = placed.positions[node]
        records.append(
            {
                "id": node,
                "label": node_label(node, data),
                "x": round(x, 2),
                "y": round(y, 2),
                "color": kind.colour,
                "shape": level.vis_shape,
                "kind": kind.label,
                "level": level.slug or "",
                "levelLabel": level.label,
                "date": _text(data.get("date")),
                "year": issued.year if issued else None,
                "province": _text(data.get("province")),
                "issuer": _text(data.get("issuer")),
                "symbol": _text(data.get("symbol")),
                "title": _text(data.get("title")),
                "ingested": bool(data.get("ingested", False)),
            }
        )
    return records


def _edge_records(graph: nx.MultiDiGraph, placed: Layout) -> list[dict[str, Any]]:
    # Dashed lines are what a canvas draws slowest (10,000 dashed edges took 3 s a frame,
    # plain ones 0.2 s), and arcs cost a search for where each arrow meets its node, so big
    # maps tell relations apart by colour alone and bend only parallel edges.
    small = graph.number_of_nodes() <= LARGE_GRAPH
    records = []
    for index, edge in enumerate(place_edges(graph, placed, arc_over=small)):
        relation = relation_style(edge.data.get("relation"))
        lag = edge.data.get("lag_days")
        records.append(
            {
                "id": f"e{index}",
                "from": edge.source,
                "to": edge.target,
                "relation": relation.slug,
                "relationLabel": relation.label,
                "color": relation.colour,
                "dashes": (small and list(relation.dashes)) or False,
                "evidence": _text(edge.data.get("evidence")),
                "source": _text(edge.data.get("source")),
                "lagDays": lag if isinstance(lag, int) else None,
                "bend": edge.bend,
            }
        )
    return records


def _guides(placed: Layout) -> dict[str, Any]:
    return {
        "lanes": [
            {"label": lane.label, "top": lane.top, "bottom": lane.bottom} for lane in placed.lanes
        ],
        "ticks": [{"x": round(t.x, 2), "label": t.label} for t in placed.ticks],
        "undated": list(placed.undated) if placed.undated else None,
        "undatedLabel": UNDATED_LABEL,
    }


def _text(value: object) -> str:
    return "" if value is None else str(value)
