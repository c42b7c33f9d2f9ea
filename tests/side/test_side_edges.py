"""The chain's links kept in the side store: what the walk queries (chain_edges_of.rq,
chain_edges_by.rq) give, and a trace walked from them is the trace walked from the queries.

Every scenario of the other side-store tests (file by file, bulk, a changed file again, a
removal, a refused write, a SPARQL update) also compares the links, through
`assert_kept_as_queried`.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kg.api import KG
from kg.namespaces import VK
from kg.queries.citations import trace
from kg.queries.documents import DocumentCatalog
from kg.queries.side.edges import Edge
from kg.queries.side.store import SideStore, store_graph_count
from kg.store import SelectResult
from tests.side.checks import all_documents, assert_links_kept_as_queried


def _most_linked(kg: KG, count: int, *, upward: bool) -> list[str]:
    """The documents most cited (`upward`: citing most), where the longest walks start."""
    role = "citingDocument" if upward else "citedDocument"
    result = kg.query(
        f"SELECT ?d (COUNT(*) AS ?n) WHERE {{ ?c <{VK}{role}> ?d }} "
        "GROUP BY ?d ORDER BY DESC(?n) ?d"
    )
    assert isinstance(result, SelectResult)
    return [row["d"].value for row in result.rows[:count]]


@pytest.mark.parametrize("upward", [False, True], ids=["down", "up"])
def test_a_walk_without_evidence_from_the_kept_links_is_the_queried_walk(
    bulk_store: Path, upward: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    with KG.open(bulk_store, read_only=True) as kg:
        roots = _most_linked(kg, 4, upward=upward)
        read: list[int] = []
        kept_links = DocumentCatalog.chain_edges

        def counted(self: DocumentCatalog, documents: list[str], *, upward: bool) -> object:
            links = kept_links(self, documents, upward=upward)
            read.append(len(links or []))
            return links

        def walks() -> list[str]:
            catalog = DocumentCatalog(kg.store, kg.side_store)
            chains = []
            for iri in roots:
                root = catalog.summaries([iri])[iri]
                chain = trace(catalog, root, upward=upward, evidence_limit=0)
                chains.append(json.dumps(chain.to_json(), sort_keys=True, ensure_ascii=False))
            return chains

        monkeypatch.setattr(DocumentCatalog, "chain_edges", counted)
        from_links = walks()
        assert sum(read) > 0  # the kept links answered
        monkeypatch.setattr(DocumentCatalog, "chain_edges", lambda *_, **__: None)
        assert from_links == walks()


def _kept_links(kg: KG) -> set[Edge]:
    """Every link the side store keeps, checked against the queries."""
    assert kg.side_store is not None
    assert_links_kept_as_queried(kg.store, kg.side_store)
    documents = all_documents(kg.store)
    kept = kg.side_store.chain_edges(documents, upward=True, graphs=store_graph_count(kg.store))
    assert kept is not None
    return set(kept)


def test_a_link_two_files_state_goes_with_the_last_of_them(
    tmp_path: Path, corpus_dir: Path
) -> None:
    original = sorted(corpus_dir.glob("*.txt"))[0]
    folder = tmp_path / "in"
    folder.mkdir()
    first, mirror = folder / original.name, folder / f"mirror-{original.name}"
    shutil.copy(original, first)
    shutil.copy(original, mirror)
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([first])
        links = _kept_links(kg)
        assert links
        kg.ingest([mirror])  # the same document, its links stated by a second graph
        assert _kept_links(kg) == links
        assert kg.remove(first)
        assert _kept_links(kg) == links
        assert kg.remove(mirror)
        assert _kept_links(kg) == set()


def test_a_trace_looks_each_term_up_once_and_reads_one_state_of_the_file(
    store: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within `pinned`, the reads of an answer share one snapshot of the side file: what another
    writer commits meanwhile is seen only after, and a trace finds each IRI's id by its hash
    once, however many levels and summaries read it."""
    from kg.queries.side import tables

    side = store.side_store
    assert side is not None
    graphs = store_graph_count(store.store)
    (root,) = _most_linked(store, 1, upward=False)
    reader = SideStore(side.path, read_only=True)
    catalog = DocumentCatalog(store.store, reader)
    summary = catalog.summary(root)
    asked: list[str] = []
    lookup = tables._term_ids

    def counted(db: sqlite3.Connection, hashes: dict[str, int]) -> dict[str, int]:
        asked.extend(hashes)
        return lookup(db, hashes)

    monkeypatch.setattr(tables, "_term_ids", counted)
    chain = trace(catalog, summary, evidence_limit=0)
    assert len(chain.nodes) > 2 and asked
    assert len(asked) == len(set(asked))
    before = reader.consolidated([root], graphs=graphs)[root]
    with catalog.pinned():
        assert reader.consolidated([root], graphs=graphs)[root] == before
        side.consolidate({root: '"changed"'})  # another writer commits
        assert reader.consolidated([root], graphs=graphs)[root] == before
    assert reader.consolidated([root], graphs=graphs)[root] == '"changed"'
    reader.close()
