"""The embedded store: atomic graph replacement, removal, bound parameters, one writer."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError
from kg.store import OxigraphStore, SelectResult, open_store

EX = "http://example.org/"


def quad(s: str, o: str | ox.Literal, g: str = "g1") -> ox.Quad:
    obj = o if isinstance(o, ox.Literal) else ox.NamedNode(EX + o)
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), obj, ox.NamedNode(EX + g))


def test_replace_graph_replaces_only_that_graph(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    store.replace_graph(EX + "g1", [quad("a", "b"), quad("a", "c")])
    store.replace_graph(EX + "g2", [quad("x", "y", "g2")])
    store.replace_graph(EX + "g1", [quad("a", "d")])
    assert store.quad_count(EX + "g1") == 1
    assert store.quad_count(EX + "g2") == 1
    assert store.graphs() == [EX + "g1", EX + "g2"]


def test_replacing_with_the_same_quads_changes_nothing(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    quads = [quad("a", ox.Literal('tên "lạ" {}\n;')), quad("a", "c")]
    store.replace_graph(EX + "g1", quads)
    before = store.dump(ox.RdfFormat.N_QUADS)
    store.replace_graph(EX + "g1", quads)
    assert store.dump(ox.RdfFormat.N_QUADS) == before


def test_remove_graph_reports_whether_it_existed(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    store.replace_graph(EX + "g1", [quad("a", "b")])
    assert store.remove_graph(EX + "g1") is True
    assert store.remove_graph(EX + "g1") is False
    assert store.quad_count() == 0


def test_bound_values_are_data_not_syntax(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    store.replace_graph(EX + "g1", [quad("a", ox.Literal("x")), quad("b", ox.Literal("y"))])
    hostile = ox.Literal('x" } ; DROP ALL ; SELECT * { ?s ?p "')
    result = store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": hostile})
    assert isinstance(result, SelectResult)
    assert result.rows == []
    assert store.quad_count() == 2
    found = store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": ox.Literal("x")})
    assert isinstance(found, SelectResult)
    assert [t.value for t in found.values("s")] == [EX + "a"]


def test_queries_see_the_union_of_named_graphs(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    store.replace_graph(EX + "g1", [quad("a", "b")])
    store.replace_graph(EX + "g2", [quad("b", "c", "g2")])
    assert store.query(f"ASK {{ <{EX}a> <{EX}p> ?x . ?x <{EX}p> <{EX}c> }}") is True


def test_invalid_sparql_is_a_query_error(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELEC nothing")


def test_a_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    first = open_store(tmp_path / "kg")
    try:
        with pytest.raises(StoreError, match="in use by another kg process"):
            open_store(tmp_path / "kg")
    finally:
        first.close()


def test_data_persists_across_opens(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kg")
    store.replace_graph(EX + "g1", [quad("a", "b")])
    store.close()
    reopened = open_store(tmp_path / "kg", read_only=True)
    assert reopened.quad_count() == 1
    reopened.close()


def test_a_new_store_appears_whole(tmp_path: Path) -> None:
    # Created aside and renamed into place: a process killed mid-creation leaves no
    # half-made database that a read-only open would fail on.
    location = tmp_path / "stores" / "oxigraph"
    stale = tmp_path / "stores" / "oxigraph.creating-killed"
    stale.mkdir(parents=True)
    OxigraphStore(location).close()
    assert sorted(p.name for p in location.parent.iterdir()) == ["oxigraph", stale.name]
    reader = OxigraphStore(location, read_only=True)
    assert reader.quad_count() == 0
    reader.close()


def test_reading_a_store_never_created_says_so_and_creates_nothing(tmp_path: Path) -> None:
    # A mistyped --store must not show an empty graph as if it were the user's data.
    missing = tmp_path / "typo"
    message = f"no store at {missing}: run `kg ingest` first"
    with pytest.raises(StoreError, match=f"^{re.escape(message)}$"):
        open_store(missing, read_only=True)
    assert not missing.exists()
