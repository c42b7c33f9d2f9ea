"""What the side-file tests assert: the side file answers what the shipped queries answer."""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.api import KG
from kg.errors import StoreError
from kg.followup.due import issuers_of
from kg.namespaces import PROV, VK
from kg.process import read_and_extract
from kg.queries import run_named_many
from kg.queries.documents import DocumentCatalog
from kg.queries.report import Stats, stats
from kg.queries.side.edges import Edge
from kg.queries.side.store import SIDE_FILE, SideStore, store_graph_count
from kg.queries.side.summaries import SUMMARY_PREDICATES
from kg.store import GraphStore, OxigraphStore, SelectResult

SYNTHETIC_DOCUMENTS = 200


def change_first_symbol(path: Path) -> None:
    """Make a file cite another document where it cited its first central one."""
    text = path.read_text(encoding="utf-8")
    symbol = re.search(r"\b\d+-(?:NQ|CT|QĐ|KL)/TW\b", text)
    assert symbol is not None, path
    path.write_text(text.replace(symbol.group(), "999-NQ/TW"), encoding="utf-8")


_NOT_DERIVATION = ", ".join(f"<{p}>" for p in SUMMARY_PREDICATES if p != PROV + "wasDerivedFrom")
# Every document: typed vk:Document, or stated any fact a summary reads other than a derivation
# (a file derives its citations, tasks and spans from itself: they are not documents).
_DOCUMENTS = f"""
SELECT DISTINCT ?d WHERE {{
  GRAPH ?g {{ {{ ?d a <{VK}Document> }} UNION {{ ?d ?p ?o FILTER(?p IN ({_NOT_DERIVATION})) }} }}
}}
"""


def all_documents(store: GraphStore) -> list[str]:
    result = store.query(_DOCUMENTS)
    assert isinstance(result, SelectResult)
    return sorted(row["d"].value for row in result.rows)


def full_summaries(summaries: dict[str, Any]) -> dict[str, Any]:
    """Summaries with every field, counts of stated values too (they do not compare equal)."""
    return {iri: asdict(summary) for iri, summary in summaries.items()}


def assert_kept_as_queried(store: GraphStore, side: SideStore) -> None:
    documents = all_documents(store)
    assert documents
    graphs = store_graph_count(store)
    assert side.summary_facts(store, documents[:1], graphs=graphs) is not None, "not covered"
    kept = DocumentCatalog(store, side)
    queried = full_summaries(DocumentCatalog(store).summaries(documents))
    assert full_summaries(kept.summaries(documents)) == queried
    assert kept._graphs == graphs  # the side store answered, not the queries
    # Both ways the side store answers: assembled from its rows, and kept whole.
    facts = side.summary_facts(store, documents, graphs=graphs)
    assert facts is not None
    assert full_summaries(kept._assembled(facts)) == queried
    whole = full_summaries(kept._consolidated(documents))
    assert whole == {iri: queried[iri] for iri in whole}
    # The issuers `kg due` and follow-up group documents by, every one each file states.
    assert issuers_of(kept, documents) == issuers_of(DocumentCatalog(store), documents)
    assert_links_kept_as_queried(store, side)


def queried_links(store: GraphStore, documents: list[str], *, upward: bool) -> set[Edge]:
    """The links (acting, relation, acted on) the shipped walk queries give for `documents`."""
    query = "chain_edges_by" if upward else "chain_edges_of"
    rows = run_named_many(store, query, "doc", map(ox.NamedNode, documents), {"relation": []})
    links = {(row["doc"].value, row["relation"].value, row["other"].value) for row in rows}
    return links if upward else {(acting, r, acted_on) for acted_on, r, acting in links}


def assert_links_kept_as_queried(store: GraphStore, side: SideStore) -> None:
    """The side store's links, both ways, are the walk queries' for every document."""
    documents = all_documents(store)
    graphs = store_graph_count(store)
    for upward in (False, True):
        kept = side.chain_edges(documents, upward=upward, graphs=graphs)
        assert kept is not None, "not covered"
        assert len(kept) == len(set(kept))
        assert set(kept) == queried_links(store, documents, upward=upward)


def assert_kg_kept_as_queried(kg: KG) -> None:
    assert kg.side_store is not None
    assert_kept_as_queried(kg.store, kg.side_store)


def queried_stats(kg: KG) -> Stats:
    """What the shipped queries count, whatever the counters hold."""
    return stats(DocumentCatalog(kg.store))


def counted_stats(kg: KG) -> Stats | None:
    assert kg.side_store is not None
    return kg.side_store.stats(kg.store)


def assert_counted_as_queried(kg: KG) -> None:
    counted = counted_stats(kg)
    assert counted is not None, "the counters do not cover the store"
    assert counted.to_json() == queried_stats(kg).to_json()


def assert_side_file_as_queried(kg: KG) -> None:
    """Both parts of the side file: the counts and the summaries."""
    assert_counted_as_queried(kg)
    assert_kg_kept_as_queried(kg)


def copy_with_side_file(store: Path, tmp_path: Path, *statements: str) -> Path:
    """A copy of `store` whose side file has had the SQL `statements` run on it (another
    layout, a table lost)."""
    path = tmp_path / "store"
    shutil.copytree(store, path)
    with sqlite3.connect(path / SIDE_FILE) as db:
        for statement in statements:
            db.execute(statement)
    return path


def refuse_a_changed_file(store: KG, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Change a file of the sample corpus and have the store refuse its write ("disk full")."""
    plan = sorted(corpus.glob("*.txt"))[0]
    change_first_symbol(plan)

    def refuse(self: OxigraphStore, graph: str, quads: object) -> None:
        raise StoreError("disk full")

    extracted = read_and_extract(plan, 50 * 1024 * 1024)
    monkeypatch.setattr(OxigraphStore, "replace_graph", refuse)
    assert store._ingestor().write(extracted).status == "failed"
    monkeypatch.undo()
