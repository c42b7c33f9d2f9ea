"""Node positions for the maps, computed in Python so every renderer draws the same picture.

The briefing layout is a timeline: x is the issue date, y is a swimlane per administrative level,
and documents that would overlap are stacked on extra tracks inside their lane. It is a pure
function of the graph (nodes are visited in a sorted order), so regenerating gives the same
coordinates. The force layout is a seeded spring layout for exploring a neighbourhood.
Coordinates are screen pixels with y growing downwards, as vis-network expects.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import networkx as nx

from kg.views.force import grid_fruchterman_reingold
from kg.views.style import LEVELS, level_style

LayoutName = Literal["briefing", "force"]
TimeScale = Callable[[date], float]

MIN_GAP = 150.0
"""Horizontal room a node and its label need before the next node on the same track."""
TRACK_HEIGHT = 70.0
LANE_PAD = 25.0
UNDATED_X = -220.0
UNDATED_LABEL = "Không rõ ngày"
_PX_PER_MONTH = 170.0
_MIN_WIDTH = 900.0
_MAX_WIDTH = 9000.0
_LONG_SPAN_DAYS = 540
_PX_PER_UNIT = 120.0
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Lane:
    """A horizontal band holding the documents of one level."""

    level: str | None
    label: str
    top: float
    bottom: float


@dataclass(frozen=True)
class Tick:
    """A labelled vertical guide on the time axis."""

    x: float
    label: str


@dataclass(frozen=True)
class Layout:
    """Positions plus the guides (lanes, time ticks, undated column) drawn behind the nodes."""

    positions: dict[str, tuple[float, float]]
    lanes: tuple[Lane, ...] = ()
    ticks: tuple[Tick, ...] = ()
    undated: tuple[float, float] | None = None
    """x of the leftmost and rightmost sub-column of undated documents, when there are any."""

    def bounds(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) covering nodes and lanes."""
        xs = [x for x, _ in self.positions.values()] or [0.0]
        ys = [y for _, y in self.positions.values()] or [0.0]
        ys += [lane.top for lane in self.lanes] + [lane.bottom for lane in self.lanes]
        xs += [tick.x for tick in self.ticks]
        return min(xs), min(ys), max(xs), max(ys)


def compute_layout(graph: nx.MultiDiGraph, name: LayoutName) -> Layout:
    """Dispatch on the layout name the public renderers accept."""
    if name == "briefing":
        return briefing_layout(graph)
    if name == "force":
        return force_layout(graph)
    raise ValueError(f"unknown layout {name!r}: expected 'briefing' or 'force'")


def parse_date(value: object) -> date | None:
    """An ISO date, or the first day of a bare year or year-month; anything else is undated."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        match = _PARTIAL_DATE.match(value.strip())
        if not match:
            return None
        return date(int(match[1]), int(match[2] or 1), 1)


def briefing_layout(graph: nx.MultiDiGraph) -> Layout:
    """Timeline by issue date, one swimlane per level present, undated documents in a column
    left of the timeline (wrapped into sub-columns so a lane is no taller than its dated
    documents need)."""
    dates = {node: parse_date(data.get("date")) for node, data in graph.nodes(data=True)}
    known = sorted({d for d in dates.values() if d is not None})
    to_x = _time_scale(known)

    by_lane: dict[str | None, list[str]] = {}
    for node, data in graph.nodes(data=True):
        by_lane.setdefault(level_style(data.get("level")).slug, []).append(node)

    def label_key(node: str) -> tuple[str, str]:
        return str(graph.nodes[node].get("label") or ""), node

    positions: dict[str, tuple[float, float]] = {}
    lanes: list[Lane] = []
    undated_columns = 0
    top = 0.0
    for level in LEVELS:
        members = by_lane.get(level.slug)
        if not members:
            continue
        dated = sorted((to_x(d), *label_key(n)) for n in members if (d := dates[n]) is not None)
        undated = sorted((n for n in members if dates[n] is None), key=label_key)
        placed = [(node, x) for x, _, node in dated]
        tracks = _assign_tracks([x for _, x in placed])
        rows = max(max(tracks, default=-1) + 1, math.ceil(math.sqrt(len(undated))))
        for index, node in enumerate(undated):
            column, track = divmod(index, rows)
            placed.append((node, UNDATED_X - column * MIN_GAP))
            tracks.append(track)
            undated_columns = max(undated_columns, column + 1)
        for (node, x), track in zip(placed, tracks, strict=True):
            positions[node] = (x, top + LANE_PAD + (track + 0.5) * TRACK_HEIGHT)
        height = (max(tracks) + 1) * TRACK_HEIGHT + 2 * LANE_PAD
        lanes.append(Lane(level.slug, level.label, top, top + height))
        top += height

    return Layout(
        positions=positions,
        lanes=tuple(lanes),
        ticks=tuple(_ticks(known, to_x)),
        undated=(UNDATED_X - (undated_columns - 1) * MIN_GAP, UNDATED_X)
        if undated_columns
        else None,
    )


def _axis_start(known: list[date]) -> date:
    """The axis starts on a period boundary, so guides fall on real year (or month) starts."""
    first, last = known[0], known[-1]
    if (last - first).days > _LONG_SPAN_DAYS:
        return date(first.year, 1, 1)
    return date(first.year, first.month, 1)


def _time_scale(known: list[date]) -> TimeScale:
    """A linear date → x map whose width grows with the number of distinct months shown."""
    if not known:
        return lambda _d: 0.0
    start = _axis_start(known)
    span = (known[-1] - start).days
    months = len({(d.year, d.month) for d in known})
    width = min(max(_PX_PER_MONTH * months, _MIN_WIDTH), _MAX_WIDTH)
    if span == 0:
        return lambda _d: 0.0
    return lambda d: (d - start).days / span * width


def _assign_tracks(xs: list[float]) -> list[int]:
    """Greedy interval packing: each x (ascending) takes the first track it does not crowd."""
    track_ends: list[float] = []
    tracks: list[int] = []
    for x in xs:
        for i, end in enumerate(track_ends):
            if x - end >= MIN_GAP:
                track_ends[i] = x
                tracks.append(i)
                break
        else:
            track_ends.append(x)
            tracks.append(len(track_ends) - 1)
    return tracks


def _ticks(known: list[date], to_x: TimeScale) -> list[Tick]:
    """Year guides for long spans, month guides when everything falls within ~18 months."""
    if not known:
        return []
    start, last = _axis_start(known), known[-1]
    if (last - known[0]).days > _LONG_SPAN_DAYS:
        return [Tick(to_x(date(y, 1, 1)), str(y)) for y in range(start.year, last.year + 1)]
    ticks = []
    year, month = start.year, start.month
    while (year, month) <= (last.year, last.month):
        ticks.append(Tick(to_x(date(year, month, 1)), f"{month:02d}/{year}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def force_layout(graph: nx.MultiDiGraph, *, seed: int = 7) -> Layout:
    """A seeded force-directed layout, scaled so an ideal edge is about 120 pixels long."""
    nodes = sorted(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = sorted({(index[u], index[v]) for u, v in graph.edges() if u != v})
    raw = grid_fruchterman_reingold(len(nodes), edges, seed=seed)
    return Layout(
        positions={
            node: (round(float(x) * _PX_PER_UNIT, 2), round(float(y) * _PX_PER_UNIT, 2))
            for node, (x, y) in zip(nodes, raw, strict=True)
        }
    )


@dataclass(frozen=True)
class PlacedEdge:
    """An edge to draw, with how far to bend it off the straight line (0 = straight)."""

    source: str
    target: str
    data: dict[str, Any]
    bend: float


PARALLEL_BEND = 0.18
OVER_CLEARANCE = 45.0
"""Height in pixels at which an arc passes over the documents between its ends."""


def sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, Any, dict[str, Any]]]:
    """Edges in an order that does not depend on how the graph was built."""
    return sorted(
        graph.edges(keys=True, data=True),
        key=lambda e: (e[0], e[1], str(e[3].get("relation") or ""), str(e[2])),
    )


def place_edges(
    graph: nx.MultiDiGraph, placed: Layout, *, arc_over: bool = True
) -> list[PlacedEdge]:
    """Bend edges that would hide something: parallel edges fan out, and (with `arc_over`)
    an edge running along a row of the timeline arcs over the documents between its ends,
    which a straight line would pass through and seem to connect."""
    rows: dict[float, list[float]] = {}
    for x, y in placed.positions.values():
        rows.setdefault(y, []).append(x)
    seen: Counter[tuple[str, str]] = Counter()
    edges = []
    for source, target, _key, data in sorted_edges(graph):
        pair = (source, target) if source <= target else (target, source)
        bend = PARALLEL_BEND * seen[pair]
        seen[pair] += 1
        (x1, y1), (x2, y2) = placed.positions[source], placed.positions[target]
        low, high = min(x1, x2), max(x1, x2)
        if arc_over and y1 == y2 and any(low < x < high for x in rows[y1]):
            # A quadratic curve peaks at half its control offset, and the offset is
            # bend x length: solve for the bend that lifts the middle by the clearance.
            bend += min(0.5, 2 * OVER_CLEARANCE / (high - low))
        edges.append(PlacedEdge(source, target, data, round(bend, 2)))
    return edges
