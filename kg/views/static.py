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
from matplotlib.transforms import Bbox

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
    with drawing():
        figure = draw_slide(graph, title=title, generated=generated, layout=layout)
        return save_figure(figure, path, fmt)


def draw_slide(
    graph: nx.MultiDiGraph,
    *,
    title: str | None = None,
    generated: date | None = None,
    layout: LayoutName = "briefing",
) -> Figure:
    """The slide as a figure (call inside `drawing()`): guides, edges, nodes, labels placed
    without overlap, legend, title and the generation date."""
    placed = compute_layout(graph, layout)
    heading = map_title(graph, title)
    figure = _figure_for(placed)
    axes = figure.add_axes((0.03, 0.06, 0.70, 0.82))
    _draw_guides(axes, placed)
    _draw_edges(axes, graph, placed)
    _draw_nodes(axes, graph, placed)
    _frame(axes, placed)
    if placed.lanes:
        _name_time_axis(axes, placed)
    _draw_labels(axes, graph, placed)
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
    return figure


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
    axes.set_yticks([])


def _name_time_axis(axes: Axes, placed: Layout) -> None:
    """Years (and the undated column) named along the top, left to right, each name kept only
    if it clears the one before: a dense timeline names every other year, not a smear."""
    labels = [(t.x, t.label) for t in placed.ticks]
    if placed.undated is not None:
        labels.insert(0, ((placed.undated[0] + placed.undated[1]) / 2, UNDATED_LABEL))
    renderer = axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    kept: list[tuple[float, str]] = []
    right_of_last = float("-inf")
    for x, name in labels:
        probe = axes.text(0, 0, name, fontsize=10)
        half = probe.get_window_extent(renderer).width / 2
        probe.remove()
        centre = axes.transData.transform((x, 0))[0]
        if centre - half > right_of_last + 6:
            kept.append((x, name))
            right_of_last = centre + half
    axes.set_xticks([x for x, _ in kept], [name for _, name in kept], fontsize=10)
    axes.xaxis.tick_top()


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
    """One scatter per level shape, smaller past the label limit."""
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


# Where a label may go, in points from its node, in the order tried: below, above, right, left.
_LABEL_SPOTS: tuple[tuple[tuple[float, float], str, str], ...] = (
    ((0, -11), "center", "top"),
    ((0, 11), "center", "bottom"),
    ((10, 0), "left", "center"),
    ((-10, 0), "right", "center"),
)
_NODE_RADIUS = 7.0  # half a node's marker, in points


def _draw_labels(axes: Axes, graph: nx.MultiDiGraph, placed: Layout) -> None:
    """Labels that overlap no other label or node and stay inside the map: the focus and the
    most connected documents are placed first, each at the first free spot around its node;
    a label with no free spot is left out (the interactive page still names every node)."""
    if graph.number_of_nodes() > LABEL_LIMIT:
        return
    renderer = axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = axes.get_window_extent(renderer)
    radius = _NODE_RADIUS * axes.figure.dpi / 72
    centres = {n: axes.transData.transform(placed.positions[n]) for n in graph.nodes}
    focus = graph.graph.get("focus")
    order = sorted(
        graph.nodes,
        key=lambda n: (n != focus, -graph.degree(n), not graph.nodes[n].get("ingested"), n),
    )
    # The lane names are drawn already: labels keep off them too.
    taken: list[Bbox] = [text.get_window_extent(renderer) for text in axes.texts]
    for node in order:
        for offset, ha, va in _LABEL_SPOTS:
            text = axes.annotate(
                node_label(node, graph.nodes[node]),
                placed.positions[node],
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=10,
                color=LABEL_COLOUR,
                path_effects=_HALO,
                zorder=4,
            )
            box = text.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0
            inside = inside and box.y1 <= frame.y1
            covers_node = any(
                other != node
                and box.x0 - radius < x < box.x1 + radius
                and box.y0 - radius < y < box.y1 + radius
                for other, (x, y) in centres.items()
            )
            if inside and not covers_node and not any(box.overlaps(t) for t in taken):
                taken.append(box)
                break
            text.remove()


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
