"""Summaries kept whole in the side store (`kg.queries.side.consolidated`): made for every
document once a writer is done, each the summary the shipped queries give, and forgotten in the
same transaction as anything it was made from changes, so a summary kept is never stale.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox

from kg.api import KG
from kg.identity import registry_graph_iri, source_graph_iri
from kg.namespaces import RDFS, SKOS
from kg.process import read_and_extract
from kg.queries.side.store import SIDE_FILE, SideStore, contribution_of_quads, store_graph_count
from kg.queries.side.summaries import SUMMARY_PREDICATES
from kg.read import source_name
from kg.store import SelectResult
from tests.side.checks import (
    all_documents,
    assert_kg_kept_as_queried,
    change_first_symbol,
    copy_with_side_file,
)


def _side(kg: KG) -> SideStore:
    assert kg.side_store is not None
    return kg.side_store


def _unkept(kg: KG) -> list[str]:
    unkept = _side(kg).unconsolidated(graphs=store_graph_count(kg.store))
    assert unkept is not None, "the side store does not cover the store"
    return unkept


def _kept(kg: KG) -> set[str]:
    graphs = store_graph_count(kg.store)
    return set(_side(kg).consolidated(all_documents(kg.store), graphs=graphs))


def _subjects_stated_in(kg: KG, graph: str) -> set[str]:
    """The subjects of which a graph states a fact a summary reads."""
    predicates = " ".join(f"<{p}>" for p in SUMMARY_PREDICATES)
    pattern = f"VALUES ?p {{ {predicates} }} ?s ?p ?o"
    result = kg.store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ {pattern} }} }}")
    assert isinstance(result, SelectResult)
    return {row["s"].value for row in result.rows}


def test_every_document_written_has_its_summary_kept_whole(store: KG) -> None:
    assert _unkept(store) == []
    assert _kept(store) == set(all_documents(store.store))
    assert_kg_kept_as_queried(store)


def test_a_write_forgets_the_summaries_it_changes_and_no_other(store: KG, corpus: Path) -> None:
    plan = sorted(corpus.glob("*.txt"))[0]
    graph = source_graph_iri(source_name(plan.resolve()))
    before = _subjects_stated_in(store, graph)
    kept = _kept(store)
    change_first_symbol(plan)
    # Written without the run around it, which would keep the changed summaries again.
    assert store._ingestor().write(read_and_extract(plan, 50 * 1024 * 1024)).status == "ingested"
    forgotten = kept - _kept(store)
    assert forgotten, "the changed plan's summaries are still kept"
    touched = before | _subjects_stated_in(store, graph)
    assert forgotten <= touched
    # Those still stated are to be made again, and only those: the run's end reads no more.
    unkept = set(_unkept(store))
    assert unkept == set(all_documents(store.store)) - _kept(store)
    assert unkept and unkept <= touched
    store.refresh()
    assert_kg_kept_as_queried(store)  # those still kept are the summaries the queries give
    store.ingest([corpus])
    assert _unkept(store) == []
    assert _kept(store) == set(all_documents(store.store))
    assert_kg_kept_as_queried(store)


def test_a_new_name_of_a_body_forgets_every_kept_summary(store: KG) -> None:
    """Summaries show bodies and places by their labels, which the registry states."""
    registry = registry_graph_iri()
    result = store.store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{registry}> {{ ?s ?p ?o }} }}")
    assert isinstance(result, SelectResult)
    renamed = []
    for row in result.rows:
        obj = row["o"]
        labelled = row["p"].value in (RDFS + "label", SKOS + "prefLabel")
        if labelled and isinstance(obj, ox.Literal) and obj.language == "vi":
            obj = ox.Literal(obj.value + " (tên mới)", language="vi")
        subject, predicate = row["s"], row["p"]
        assert isinstance(subject, ox.NamedNode | ox.BlankNode)
        assert isinstance(predicate, ox.NamedNode)
        renamed.append(ox.Quad(subject, predicate, obj, ox.NamedNode(registry)))
    with _side(store).writing(registry, contribution_of_quads(renamed, registry)):
        store.store.replace_graph(registry, renamed)
    assert not _kept(store)
    store.refresh()
    issuers = {s.issuer for s in store.catalog.summaries(all_documents(store.store)).values()}
    assert any(issuer and issuer.endswith("(tên mới)") for issuer in issuers)
    store.catalog.consolidate()
    assert _unkept(store) == []
    assert_kg_kept_as_queried(store)


def test_a_side_file_of_the_layout_before_is_extended_not_refilled(
    tmp_path: Path, bulk_store: Path
) -> None:
    path = copy_with_side_file(
        bulk_store,
        tmp_path,
        "DROP TABLE consolidated",
        "DROP TABLE unconsolidated",
        "UPDATE settings SET value = '3' WHERE name = 'schema'",
    )
    with sqlite3.connect(path / SIDE_FILE) as db:
        rows = db.execute("SELECT COUNT(*) FROM stated").fetchone()
    with KG.open(path, read_only=True) as kg:
        assert_kg_kept_as_queried(kg)  # read as it is, every summary assembled from its rows
    with KG.open(path) as kg:
        assert kg.catalog.consolidate() > 0
        assert _unkept(kg) == []
        assert_kg_kept_as_queried(kg)
    with sqlite3.connect(path / SIDE_FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM stated").fetchone() == rows
        assert db.execute("SELECT value FROM settings WHERE name = 'schema'").fetchone() == ("5",)
