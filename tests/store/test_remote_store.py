"""The SPARQL-server path: the same GraphStore operations through a real `oxigraph serve`."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store import SelectResult, SparqlEndpointStore, open_store
from tests.oxigraph_server import oxigraph_server

pytestmark = pytest.mark.server
EX = "http://example.org/"


def test_replace_query_remove_through_the_protocol(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "server") as url:
        store = open_store(url)
        assert isinstance(store, SparqlEndpointStore)
        g = EX + "g1"
        p, graph = ox.NamedNode(EX + "p"), ox.NamedNode(g)
        quads = [
            ox.Quad(ox.NamedNode(EX + "a"), p, ox.Literal('Nghị "quyết"'), graph),
            ox.Quad(ox.NamedNode(EX + "b"), p, ox.Literal("x"), graph),
        ]
        store.replace_graph(g, quads)
        store.replace_graph(g, quads)
        assert store.quad_count() == 2
        assert store.graphs() == [g]
        result = store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal('Nghị "quyết"')})
        assert isinstance(result, SelectResult)
        assert [t.value for t in result.values("s")] == [EX + "a"]
        assert store.remove_graph(g) is True
        assert store.quad_count() == 0


def test_unreachable_endpoint_is_a_clear_error() -> None:
    store = SparqlEndpointStore("http://127.0.0.1:9/")
    with pytest.raises(StoreError, match="cannot reach SPARQL endpoint"):
        store.query("ASK {}")
