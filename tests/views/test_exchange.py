"""GraphML and GEXF exports open in networkx (and so in Gephi) with nothing lost."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg.views import write_exchange
from kg.views.style import KINDS
from tests.views.graphs import NQ25, chain_25

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_round_trip_keeps_documents_links_and_text(tmp_path: Path, fmt: str) -> None:
    graph = chain_25()
    path = write_exchange(graph, tmp_path / f"g.{fmt}", fmt)  # type: ignore[arg-type]
    back = READERS[fmt](path)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()  # parallel edges survive
    assert back.nodes[NQ25]["label"] == "25-NQ/TW"
    assert back.nodes[NQ25]["issuer"] == "Ban Chấp hành Trung ương"
    relations = sorted(d["relation"] for _, _, d in back.edges(data=True))
    assert relations == sorted(d["relation"] for _, _, d in graph.edges(data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_missing_values_are_left_out_not_written_as_none(tmp_path: Path, fmt: str) -> None:
    path = write_exchange(chain_25(), tmp_path / f"g.{fmt}", fmt)  # type: ignore[arg-type]
    text = path.read_text(encoding="utf-8")
    assert "None" not in text
    back = READERS[fmt](path)
    undated = next(n for n, d in chain_25().nodes(data=True) if d["date"] is None)
    assert "date" not in back.nodes[undated]


def test_gexf_carries_colour_and_position_for_gephi(tmp_path: Path) -> None:
    back = nx.read_gexf(write_exchange(chain_25(), tmp_path / "g.gexf", "gexf"))
    viz = back.nodes[NQ25]["viz"]
    # The map's colour of Nghị quyết, so Gephi shows the kinds as the map does.
    colour = "#" + "".join(f"{viz['color'][c]:02x}" for c in "rgb")
    assert colour == KINDS["nghi-quyet"].colour
    assert "position" in viz


def test_same_export_twice_is_identical(tmp_path: Path) -> None:
    a = write_exchange(chain_25(), tmp_path / "a.graphml", "graphml")
    b = write_exchange(chain_25(), tmp_path / "b.graphml", "graphml")
    assert a.read_bytes() == b.read_bytes()
