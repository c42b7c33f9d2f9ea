"""The map as a picture for slides (PNG, SVG, PDF): the same layout and encodings as the page.

A slide cannot be hovered, so it carries what the page shows on demand: a title, the legend,
lane names, the time axis and the generation date. Edges are drawn before nodes, labels last,
each with a white halo so they stay readable over lines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.patheffects import withStroke

from kg.views.figures import FigureFormat, drawing, new_figure, save_figure
from kg.views.layout import (
    UNDATED_LABEL,
    Layout,
    LayoutName,
    PlacedEdge,
    compute_layout,
    place_edges,
)
from kg.views.style import (
    LABEL_COLOUR,
    LEVELS,
    MUTED_COLOUR,
    Legend,
    kind_style,
    legend_for,
    level_style,
    map_title,
    node_label,
    relation_style,
)

_NODE_AREA = 150.0
LABEL_LIMIT = 400
"""Past this many documents a slide shows the shape of the network, not its labels."""
ARROW_LIMIT = 1500
"""Past this many edges they are drawn as plain lines, without arrow heads."""
_EDGE_WIDTH = 1.4
_HALO = [withStroke(linewidth=3, foreground="white")]


def render_static(
    graph: nx.MultiDiGraph,
    path: str | Path,
    *,
    fmt: FigureFormat,
    title: str | None = None,
    generated: date | None = None,
    layout: LayoutName = "briefing",
) -> Path:
    """Draw the map to PNG, SVG or PDF and return the path.

    `generated` is the date printed on the slide (today when omitted); pass it explicitly to
    get byte-identical output on another day.
    """
    placed = compute_layout(graph, layout)
    heading = map_title(graph, title)
    with drawing():
        figure = _figure_for(placed)
        axes = figure.add_axes((0.03, 0.06, 0.70, 0.82))
        _draw_guides(axes, placed)
        _draw_edges(axes, graph, placed)
        _draw_nodes(axes, graph, placed)
        _frame(axes, placed)
        _draw_legend(figure, legend_for(graph))
        figure.text(0.03, 0.965, heading, fontsize=17, weight="bold", va="top", color=LABEL_COLOUR)
        stamp = (generated or date.today()).strftime("%d/%m/%Y")
        figure.text(
            0.99,
            0.012,
            f"Tạo ngày {stamp} · VanKien KG · {graph.number_of_nodes()} văn bản, "
            f"{graph.number_of_edges()} liên kết",
            fontsize=9,
            ha="right",
            color=MUTED_COLOUR,
        )
        return save_figure(figure, path, fmt)


def _figure_for(placed: Layout) -> Figure:
    """A 16:9 slide, taller when the lanes hold many stacked tracks."""
    if not placed.lanes:
        return new_figure(16.0, 9.0)
    xmin, ymin, xmax, ymax = placed.bounds()
    aspect = (ymax - ymin + 1) / (xmax - xmin + 1)
    height = min(max(9.0, 16 * 0.7 * aspect / 0.82 + 1.5), 30.0)
    return new_figure(16.0, height)


def _draw_guides(axes: Axes, placed: Layout) -> None:
    for index, lane in enumerate(placed.lanes):
        axes.axhspan(lane.top, lane.bottom, color="#eef1f5" if index % 2 == 0 else "#f8f9fb", lw=0)
        axes.text(
            0.003,
            lane.top + 6,
            lane.label,
            transform=axes.get_yaxis_transform(),
            fontsize=11,
            weight="bold",
            color=MUTED_COLOUR,
            va="top",
        )
    _, top, _, bottom = placed.bounds()
    axes.vlines([t.x for t in placed.ticks], top, bottom, color="#d0d7de", lw=0.8, zorder=1.5)
    if placed.undated is not None:
        first, last = placed.undated
        axes.fill_betweenx([top, bottom], first - 70, last + 70, color="#d0d7de", alpha=0.45, lw=0)
    labels = [(t.x, t.label) for t in placed.ticks]
    if placed.undated is not None:
        labels.insert(0, ((placed.undated[0] + placed.undated[1]) / 2, UNDATED_LABEL))
    axes.set_xticks([x for x, _ in labels], [text for _, text in labels], fontsize=10)
    axes.xaxis.tick_top()
    axes.set_yticks([])


def _draw_edges(axes: Axes, graph: nx.MultiDiGraph, placed: Layout) -> None:
    edges = place_edges(graph, placed)
    if len(edges) > ARROW_LIMIT:
        _draw_plain_edges(axes, edges, placed)
        return
    for edge in edges:
        style = relation_style(edge.data.get("relation"))
        axes.add_patch(
            FancyArrowPatch(
                placed.positions[edge.source],
                placed.positions[edge.target],
                arrowstyle="-|>",
                mutation_scale=13,
                color=style.colour,
                linewidth=_EDGE_WIDTH,
                linestyle=_dash_style(style.dashes),
                connectionstyle=f"arc3,rad={edge.bend}",
                shrinkA=9,
                shrinkB=9,
                zorder=2,
            )
        )


def _draw_plain_edges(axes: Axes, edges: list[PlacedEdge], placed: Layout) -> None:
    """Straight lines, one collection per relation: a patch per edge took minutes at 10k."""
    by_relation: dict[str, list[tuple[tuple[float, float], tuple[float, float]]]] = {}
    styles = {}
    for edge in edges:
        style = relation_style(edge.data.get("relation"))
        styles[style.slug] = style
        segment = (placed.positions[edge.source], placed.positions[edge.target])
        by_relation.setdefault(style.slug, []).append(segment)
    for slug in sorted(by_relation):
        axes.add_collection(
            LineCollection(
                by_relation[slug],
                colors=styles[slug].colour,
                linewidths=0.6,
                linestyles=_dash_style(styles[slug].dashes),
                alpha=0.6,
                zorder=2,
            )
        )


def _dash_style(dashes: tuple[int, ...]) -> str | tuple[int, tuple[float, ...]]:
    # vis-network dash lengths are pixels; matplotlib's are multiples of the line width.
    return (0, tuple(d / _EDGE_WIDTH for d in dashes)) if dashes else "solid"


def _draw_nodes(axes: Axes, graph: nx.MultiDiGraph, placed: Layout) -> None:
    """One scatter per level shape; labels only while a slide can still show them."""
    nodes = sorted(graph.nodes)
    labelled = len(nodes) <= LABEL_LIMIT
    for level in LEVELS:
        members = [n for n in nodes if level_style(graph.nodes[n].get("level")) == level]
        if not members:
            continue
        edges = [kind_style(graph.nodes[n].get("kind")).colour for n in members]
        faces = [
            colour if graph.nodes[n].get("ingested") else "white"
            for n, colour in zip(members, edges, strict=True)
        ]
        axes.scatter(
            [placed.positions[n][0] for n in members],
            [placed.positions[n][1] for n in members],
            s=_NODE_AREA if labelled else _NODE_AREA / 4,
            marker=level.marker,
            c=faces,
            edgecolors=edges,
            linewidths=2.0 if labelled else 0.8,
            zorder=3,
        )
    if not labelled:
        return
    for node in nodes:
        axes.annotate(
            node_label(node, graph.nodes[node]),
            placed.positions[node],
            xytext=(0, -11),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=10,
            color=LABEL_COLOUR,
            path_effects=_HALO,
            zorder=4,
        )


def _frame(axes: Axes, placed: Layout) -> None:
    if placed.lanes:
        xmin, ymin, xmax, ymax = placed.bounds()
        pad_x = max(90.0, 0.04 * (xmax - xmin))
        axes.set_xlim(xmin - pad_x - 80, xmax + pad_x)
        axes.set_ylim(ymax + 20, ymin - 10)  # y grows downwards, as in the page
    else:
        # Distances carry the meaning in a force layout, so neither axis is stretched.
        axes.set_aspect("equal", adjustable="datalim")
        axes.margins(0.08)
        axes.invert_yaxis()
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.tick_params(axis="x", length=0, colors=MUTED_COLOUR)


def _draw_legend(figure: Figure, legend: Legend) -> None:
    """One legend column with bold section headers, so it reads like the page's panel."""
    handles: list[Line2D] = []
    labels: list[str] = []
    headers: set[int] = set()

    def header(text: str) -> None:
        headers.add(len(labels))
        handles.append(Line2D([], [], linestyle="none"))
        labels.append(text)

    header("Loại văn bản (màu)")
    for kind in legend.kinds:
        handles.append(_marker("o", kind.colour, kind.colour))
        labels.append(kind.label)
    handles.append(_marker("o", "white", MUTED_COLOUR))
    labels.append("Rỗng: chỉ được dẫn chiếu")
    header("Cấp (hình, làn)")
    for level in legend.levels:
        handles.append(_marker(level.marker, MUTED_COLOUR, MUTED_COLOUR))
        labels.append(level.label)
    header("Quan hệ (mũi tên: văn bản\nhành động → văn bản được\nthực hiện)")
    for relation in legend.relations:
        dashes = tuple(d / 2.0 for d in relation.dashes)
        handles.append(
            Line2D(
                [],
                [],
                color=relation.colour,
                linewidth=2.0,
                linestyle=(0, dashes) if dashes else "solid",
            )
        )
        labels.append(relation.label)
    drawn = figure.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(0.755, 0.9),
        frameon=False,
        fontsize=10,
        handlelength=2.6,
        alignment="left",
    )
    for index, text in enumerate(drawn.get_texts()):
        if index in headers:
            text.set_fontweight("bold")
            text.set_color(MUTED_COLOUR)
            text.set_x(-38)  # headers start where the symbols do


def _marker(shape: str, face: str, edge: str) -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=shape,
        markersize=9,
        markerfacecolor=face,
        markeredgecolor=edge,
        markeredgewidth=1.6,
    )
