"""The briefing layout puts time on x and levels in lanes, the same way every time."""

from __future__ import annotations

import random

import networkx as nx

from kg.views.layout import (
    MIN_GAP,
    TRACK_HEIGHT,
    UNDATED_X,
    briefing_layout,
    force_layout,
    parse_date,
    place_edges,
)
from tests.views.graphs import BASE, NQ25, chain_25, synthetic


def _shuffled(graph: nx.MultiDiGraph, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))
    rng.shuffle(nodes)
    rng.shuffle(edges)
    copy = nx.MultiDiGraph(**graph.graph)
    copy.add_nodes_from(nodes)
    copy.add_edges_from(edges)
    return copy


def test_dated_documents_run_left_to_right_in_date_order() -> None:
    graph = chain_25()
    positions = briefing_layout(graph).positions
    dated = sorted(
        (n for n in graph if graph.nodes[n]["date"]), key=lambda n: graph.nodes[n]["date"]
    )
    xs = [positions[n][0] for n in dated]
    assert xs == sorted(xs)
    assert xs[0] < xs[-1]


def test_undated_documents_sit_in_their_own_column_left_of_the_timeline() -> None:
    graph = chain_25()
    placed = briefing_layout(graph)
    undated = [n for n in graph if graph.nodes[n]["date"] is None]
    assert undated
    assert placed.undated == (UNDATED_X, UNDATED_X)
    assert all(placed.positions[n][0] == UNDATED_X for n in undated)
    assert all(x > UNDATED_X for n, (x, _) in placed.positions.items() if n not in undated)


def test_many_undated_documents_wrap_into_columns_instead_of_one_tall_stack() -> None:
    graph = nx.MultiDiGraph()
    for i in range(30):
        graph.add_node(f"u{i}", label=f"u{i}", level="province", date=None)
    graph.add_node("d", label="d", level="province", date="2020-01-01")
    placed = briefing_layout(graph)
    columns = {x for x, _ in placed.positions.values() if x < 0}
    assert len(columns) == 5  # 30 undated documents on ceil(sqrt(30)) = 6 tracks
    assert placed.undated == (min(columns), max(columns))
    assert placed.lanes[0].bottom - placed.lanes[0].top < 10 * TRACK_HEIGHT


def test_each_level_gets_a_lane_and_central_comes_first() -> None:
    graph = chain_25()
    placed = briefing_layout(graph)
    assert [lane.level for lane in placed.lanes] == ["central", "province"]
    for node, (_, y) in placed.positions.items():
        lane = next(lane for lane in placed.lanes if lane.level == graph.nodes[node]["level"])
        assert lane.top < y < lane.bottom


def test_documents_on_one_row_of_a_lane_leave_room_for_their_labels() -> None:
    placed = briefing_layout(synthetic(300))
    rows: dict[float, list[float]] = {}
    for x, y in placed.positions.values():
        rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= MIN_GAP for a, b in zip(xs, xs[1:], strict=False))


def test_layouts_do_not_depend_on_insertion_order() -> None:
    graph = chain_25()
    assert briefing_layout(graph) == briefing_layout(_shuffled(graph, 1))
    assert force_layout(graph).positions == force_layout(_shuffled(graph, 2)).positions


def test_year_ticks_label_the_time_axis() -> None:
    labels = [tick.label for tick in briefing_layout(chain_25()).ticks]
    assert labels == [str(year) for year in range(2013, 2024)]


def test_short_spans_get_month_ticks() -> None:
    graph = chain_25().subgraph([NQ25]).copy()
    graph.add_node("x", date="2013-08-20", level="central", label="x")
    assert [t.label for t in briefing_layout(graph).ticks] == ["06/2013", "07/2013", "08/2013"]


def test_partial_dates_are_placed_and_garbage_is_undated() -> None:
    assert parse_date("2013-06-03").isoformat() == "2013-06-03"  # type: ignore[union-attr]
    assert parse_date("2013-06").isoformat() == "2013-06-01"  # type: ignore[union-attr]
    assert parse_date("2013").isoformat() == "2013-01-01"  # type: ignore[union-attr]
    assert parse_date("03/6/2013") is None
    assert parse_date(None) is None


def test_an_edge_along_a_row_arcs_over_the_documents_it_passes() -> None:
    graph = chain_25()
    placed = briefing_layout(graph)
    bends = {(e.source, e.target): e.bend for e in place_edges(graph, placed)}
    kh82, kh1600 = BASE + "bdvtw/ke-hoach/2023/82", BASE + "bdvtw/ke-hoach/2018/1600"
    assert placed.positions[kh82][1] == placed.positions[kh1600][1] == placed.positions[NQ25][1]
    assert bends[(kh82, NQ25)] > 0.0  # would otherwise run through 1600-KH/BDVTW
    assert bends[(kh1600, NQ25)] == 0.0


def test_force_layout_keeps_linked_documents_closer_than_unlinked_ones() -> None:
    graph = chain_25()
    positions = force_layout(graph).positions

    def distance(a: str, b: str) -> float:
        (x1, y1), (x2, y2) = positions[a], positions[b]
        return ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5

    linked = [distance(u, v) for u, v in graph.edges()]
    unlinked = [
        distance(u, v)
        for u in graph
        for v in graph
        if u < v and not graph.has_edge(u, v) and not graph.has_edge(v, u)
    ]
    assert sum(linked) / len(linked) < sum(unlinked) / len(unlinked)
    assert len({(round(x), round(y)) for x, y in positions.values()}) == len(positions)
