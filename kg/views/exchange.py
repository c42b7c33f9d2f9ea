"""GraphML and GEXF files for Gephi and other network tools, written by networkx.

Both formats need one scalar type per attribute, so absent values are left out rather than
written as None, and anything that is not a string, number or boolean becomes text. GEXF also
carries our colours and the briefing positions (`viz`), so Gephi opens on the same picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import networkx as nx

from kg.views.layout import briefing_layout, sorted_edges
from kg.views.output import OutputError, prepare_output
from kg.views.style import kind_style

ExchangeFormat = Literal["graphml", "gexf"]
Scalar = str | int | float | bool


def write_exchange(graph: nx.MultiDiGraph, path: str | Path, fmt: ExchangeFormat) -> Path:
    """Write the graph as GraphML or GEXF and return the path."""
    if fmt not in ("graphml", "gexf"):
        raise ValueError(f"unknown exchange format {fmt!r}: expected graphml or gexf")
    portable = portable_graph(graph, with_viz=fmt == "gexf")
    target = prepare_output(path)
    try:
        if fmt == "graphml":
            nx.write_graphml(portable, target, encoding="utf-8")
        else:
            nx.write_gexf(portable, target, encoding="utf-8")
    except OSError as exc:
        raise OutputError(target, f"cannot write: {exc.strerror or exc}") from exc
    return target


def portable_graph(graph: nx.MultiDiGraph, *, with_viz: bool = False) -> nx.MultiDiGraph:
    """A copy whose attributes both formats accept, nodes and edges in a stable order."""
    portable = nx.MultiDiGraph(**_scalars(graph.graph))
    positions = briefing_layout(graph).positions if with_viz else {}
    for node in sorted(graph.nodes):
        data: dict[str, object] = dict(_scalars(graph.nodes[node]))
        if with_viz:
            x, y = positions[node]
            red, green, blue = _rgb(kind_style(graph.nodes[node].get("kind")).colour)
            # Gephi's y axis points up; the briefing layout's points down.
            data["viz"] = {
                "color": {"r": red, "g": green, "b": blue, "a": 1.0},
                "position": {"x": float(x), "y": float(-y), "z": 0.0},
                "size": 10.0,
            }
        portable.add_node(node, **data)
    for source, target, _key, data in sorted_edges(graph):
        portable.add_edge(source, target, **_scalars(data))
    return portable


def _scalars(attributes: dict[str, object]) -> dict[str, Scalar]:
    portable: dict[str, Scalar] = {}
    for name, value in attributes.items():
        if value is None:
            continue
        if isinstance(value, str | int | float | bool):
            portable[name] = value
        elif isinstance(value, list | tuple | set | frozenset):
            portable[name] = "; ".join(sorted(str(v) for v in value))
        else:
            portable[name] = str(value)
    return portable


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
