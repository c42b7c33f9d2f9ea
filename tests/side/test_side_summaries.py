"""Document summaries from the side store kept at ingest: the summaries the shipped queries give,
exactly (every field, each stated date and title with its graph and count, sources, ingested).

The queries (document_summary_values.rq, document_own_facts.rq, source_paths.rq) are the
specification and the fallback: after every way of writing the store (file by file, bulk, a
changed file again, a removal, a refused write, a SPARQL update, a file of another layout) the
side store gives what the queries read, or nothing (the queries answer). The answers built on
summaries (trace, search, cites) are the same with and without the side store.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.api import KG
from kg.identity import registry_graph_iri
from kg.namespaces import ELI, PROV, RDF, VK, XSD
from kg.queries.documents import DocumentCatalog
from kg.queries.side.store import SIDE_FILE, SideStore, contribution_of_quads, store_graph_count
from kg.store import OxigraphStore, SelectResult
from tests.side.checks import (
    all_documents,
    assert_kg_kept_as_queried,
    copy_with_side_file,
    full_summaries,
    refuse_a_changed_file,
)


def _kept(kg: KG) -> dict[str, list[Any]] | None:
    assert kg.side_store is not None
    return kg.side_store.summary_facts(kg.store, ["x"], graphs=store_graph_count(kg.store))


# -- the same summaries ----------------------------------------------------------------------------


def test_the_sample_corpus_summaries_are_the_queried_ones(corpus_kg: KG) -> None:
    assert_kg_kept_as_queried(corpus_kg)


def test_removing_the_graph_shown_for_a_value_shows_the_next(
    tmp_path: Path, synthetic: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for source in sorted(synthetic.rglob("*.txt"))[:60]:
        shutil.copy(source, docs / source.name)
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([docs], bulk=True)
        # A value several files state and the registry does not: its graph is the smallest IRI.
        summaries = kg.catalog.summaries(all_documents(kg.store))
        iri, shown = max(
            (
                (s.iri, value)
                for s in summaries.values()
                for value in [*s.dates, *s.titles]
                if value.count > 1 and value.graph != registry_graph_iri()
            ),
            key=lambda found: (found[1].count, found[0]),
        )
        path = next(p for p in docs.glob("*.txt") if kg.catalog.graph_label(shown.graph) == p.name)
        assert kg.remove(path)
        assert_kg_kept_as_queried(kg)
        after = kg.catalog.summary(iri)
        (now,) = [v for v in [*after.dates, *after.titles] if v.value == shown.value]
        assert now.graph > shown.graph and now.count == shown.count - 1
        assert kg.ingest([path]).count("ingested") == 1
        assert_kg_kept_as_queried(kg)


def test_a_removed_file_keeps_the_queried_summaries(store: KG, corpus: Path) -> None:
    assert store.remove(sorted(corpus.glob("*.txt"))[0])
    assert_kg_kept_as_queried(store)
    for path in sorted(corpus.glob("*.txt")):
        store.remove(path)
    assert_kg_kept_as_queried(store)  # the registry's documents are left
    assert not any(s.ingested for s in store.catalog.summaries(all_documents(store.store)).values())


# -- values the queries tell apart -----------------------------------------------------------------

DOC = "https://w3id.org/vankien/test/doc/d"
ANNEX = "https://w3id.org/vankien/test/doc/annex"  # stated by its own two files alone
TITLE = ELI + "title"


def _source(n: int) -> str:
    """A file's graph, its IRI before the registry's: the registry still comes first."""
    return f"https://w3id.org/vankien/graph/file/test-{n}"


def _lit(text: str, **kind: Any) -> ox.Literal:
    return ox.Literal(text, **kind)


Statements = list[tuple[str, str, ox.NamedNode | ox.Literal | ox.BlankNode]]

# Each step writes or removes one graph; after each, the summary is the queried one.
STEPS: list[tuple[str, Statements | None]] = [
    (
        _source(3),
        [
            (DOC, RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC, TITLE, _lit("Về công tác dân vận", language="vi")),
            (DOC, VK + "symbol", _lit("25-NQ/TW")),
            (DOC, ELI + "date_document", _lit("2013-06-03", datatype=ox.NamedNode(XSD + "date"))),
        ],
    ),
    (
        _source(2),
        [
            # The same text without a language, in English, as an IRI: four values, not one.
            (DOC, TITLE, _lit("Về công tác dân vận")),
            (DOC, TITLE, _lit("Về công tác dân vận", language="en")),
            (DOC, TITLE, _lit("Về công tác dân vận", language="vi")),
            (DOC, VK + "symbol", ox.NamedNode("https://w3id.org/vankien/test/25-NQ/TW")),
            (DOC, VK + "symbol", _lit("25-NQ/TW")),
            (DOC, ELI + "date_document", _lit("2013-06-03")),
            (DOC, ELI + "number", _lit("25", datatype=ox.NamedNode(XSD + "integer"))),
        ],
    ),
    (
        _source(4),
        [
            # The document's own file, not the smallest IRI: its statements are all shown too.
            (DOC, RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC, PROV + "wasDerivedFrom", ox.NamedNode(_source(4) + "/file")),
            (DOC, VK + "symbol", _lit("25-NQ/TW")),
            (DOC, TITLE, _lit("Về công tác dân vận", language="vi")),
            (DOC, TITLE, _lit("Kế hoạch thực hiện", language="vi")),
            (_source(4) + "/file", VK + "path", _lit("/data/plan.txt")),
            (ANNEX, RDF + "type", ox.NamedNode(VK + "Document")),
            (ANNEX, PROV + "wasDerivedFrom", ox.NamedNode(_source(4) + "/file")),
            (ANNEX, TITLE, _lit("Phụ lục", language="vi")),
            # A citation is derived from the file too, and is no document.
            (DOC + "/citation", PROV + "wasDerivedFrom", ox.NamedNode(_source(4) + "/file")),
        ],
    ),
    (
        _source(5),
        [
            # A second copy of the file: both are the document's own, the smaller shown.
            (DOC, RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC, PROV + "wasDerivedFrom", ox.NamedNode(_source(5) + "/file")),
            (DOC, TITLE, _lit("Kế hoạch thực hiện", language="vi")),
            (_source(5) + "/file", VK + "path", _lit("/data/copy/plan.txt")),
            (ANNEX, RDF + "type", ox.NamedNode(VK + "Document")),
            (ANNEX, PROV + "wasDerivedFrom", ox.NamedNode(_source(5) + "/file")),
            (ANNEX, TITLE, _lit("Phụ lục", language="vi")),
        ],
    ),
    (
        registry_graph_iri(),
        [
            # The registry is shown for what it states, whatever the IRIs.
            (DOC, RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC, VK + "symbol", _lit("25-NQ/TW")),
            (DOC, TITLE, _lit("Về công tác dân vận", language="vi")),
        ],
    ),
    (_source(2), None),  # the smallest graph shown for the title goes
    (_source(4), None),
    (registry_graph_iri(), None),
    (_source(5), None),
    (_source(3), None),
]


def test_each_value_keeps_its_kind_count_and_graph(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    side = SideStore(tmp_path / SIDE_FILE)
    for graph, statements in STEPS:
        if statements is None:
            with side.removing(graph):
                store.remove_graph(graph)
        else:
            node = ox.NamedNode(graph)
            quads = [ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, node) for s, p, o in statements]
            with side.writing(graph, contribution_of_quads(quads, graph)):
                store.replace_graph(graph, quads)
        graphs = store_graph_count(store)
        queried = DocumentCatalog(store)
        wanted = [DOC, ANNEX, _source(4) + "/file", _source(5) + "/file"]
        assert full_summaries(DocumentCatalog(store, side).summaries(wanted)) == full_summaries(
            queried.summaries(wanted)
        ), graph
        assert side.source_paths(wanted, graphs=graphs) == queried.source_paths(wanted), graph
    side.close()


def _write(store: OxigraphStore, side: SideStore, graph: str, statements: Statements) -> None:
    node = ox.NamedNode(graph)
    quads = [ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, node) for s, p, o in statements]
    with side.writing(graph, contribution_of_quads(quads, graph)):
        store.replace_graph(graph, quads)


def test_a_value_no_query_can_name_sends_its_document_alone_to_the_store(
    tmp_path: Path,
) -> None:
    """A blank-node value whose graph shown is unknown (the one shown was removed) cannot be
    looked up in the store by value: its document is read from the store, the others of the
    same call still from the side store, and every summary is kept whole all the same."""
    store = OxigraphStore(None)
    side = SideStore(tmp_path / SIDE_FILE)
    blank = ox.BlankNode("title")
    for n in (1, 2, 3):
        _write(
            store,
            side,
            _source(n),
            [(DOC, TITLE, blank), (ANNEX, TITLE, _lit("Phụ lục", language="vi"))],
        )
    with side.removing(_source(1)):  # both rows' graph shown is now unknown
        store.remove_graph(_source(1))
    graphs = store_graph_count(store)
    facts = side.summary_facts(store, [DOC, ANNEX], graphs=graphs)
    assert facts is not None and set(facts) == {ANNEX}
    assert [graph for _, _, graph, _ in facts[ANNEX]] == [_source(2)]
    queried = full_summaries(DocumentCatalog(store).summaries([DOC, ANNEX]))
    assert queried[DOC]["titles"][0]["graph"] == _source(2)
    kept = DocumentCatalog(store, side)
    assert full_summaries(kept.summaries([DOC, ANNEX])) == queried
    assert kept.consolidate() == 2
    assert side.unconsolidated(graphs=graphs) == []  # not retried by every later run
    assert full_summaries(DocumentCatalog(store, side)._consolidated([DOC, ANNEX])) == queried
    side.close()


# -- the queries answer when the side store does not cover the store -------------------------------


def test_a_write_the_store_refuses_falls_back_to_the_queries(
    store: KG, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_a_changed_file(store, corpus, monkeypatch)
    assert _kept(store) is None  # the graph is pending: the side store vouches for nothing
    store.refresh()
    documents = all_documents(store.store)
    assert full_summaries(store.catalog.summaries(documents)) == full_summaries(
        DocumentCatalog(store.store).summaries(documents)
    )
    assert store.ingest([corpus]).count("ingested") == 1  # a writer settles it first
    assert_kg_kept_as_queried(store)


def test_a_sparql_update_falls_back_to_the_queries_until_settled(store: KG) -> None:
    doc = store.find("25-NQ/TW@2013").iri
    graph = next(g for g in store.store.graphs() if "/graph/source/" in g)
    store.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <{doc}> <{TITLE}> "Tên khác"@vi }} }}')
    assert _kept(store) is None
    assert "Tên khác" in [t.value for t in store.catalog.summary(doc).titles]
    store.stats()  # a writer settles the side store from the store
    assert_kg_kept_as_queried(store)


def test_a_side_store_of_another_layout_is_not_read_then_refilled(
    tmp_path: Path, bulk_store: Path
) -> None:
    path = copy_with_side_file(
        bulk_store, tmp_path, "UPDATE settings SET value = '1' WHERE name = 'schema'"
    )
    with KG.open(path, read_only=True) as kg:
        assert _kept(kg) is None
        documents = all_documents(kg.store)
        assert full_summaries(kg.catalog.summaries(documents)) == full_summaries(
            DocumentCatalog(kg.store).summaries(documents)
        )
    with KG.open(path) as kg:
        kg.stats()  # settles: the file is made again and refilled from the store
    with KG.open(path, read_only=True) as kg:
        assert_kg_kept_as_queried(kg)


# -- the answers built on summaries ----------------------------------------------------------------


def _without_side_store(store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "without"
    shutil.copytree(store, copy, ignore=shutil.ignore_patterns(f"{SIDE_FILE}*"))
    return copy


def _answers(store: Path, document: str, words: str) -> dict[str, Any]:
    with KG.open(store, read_only=True) as kg:
        return {
            "trace": asdict(kg.trace(document)),
            "trace up": asdict(kg.trace(document, up=True)),
            "search": asdict(kg.search(words)),
            "cites": [asdict(citer) for citer in kg.cites(document)],
        }


def _most_cited(store: Path) -> str:
    with KG.open(store, read_only=True) as kg:
        result = kg.store.query(
            f"SELECT ?d (COUNT(*) AS ?n) WHERE {{ ?c <{VK}citedDocument> ?d }} "
            "GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1"
        )
        assert isinstance(result, SelectResult)
        return result.rows[0]["d"].value


@pytest.mark.parametrize("which", ["sample corpus", "synthetic corpus"])
def test_trace_search_and_cites_are_the_same_without_the_side_store(
    which: str, corpus_store: Path, bulk_store: Path, tmp_path: Path
) -> None:
    store = corpus_store if which == "sample corpus" else bulk_store
    document = "25-NQ/TW@2013" if which == "sample corpus" else _most_cited(store)
    with_side = _answers(store, document, "dân vận")
    assert with_side["trace"]["nodes"] and with_side["cites"] and with_side["search"]["results"]
    assert with_side == _answers(_without_side_store(store, tmp_path), document, "dân vận")


# -- interned texts ------------------------------------------------------------------------------


def test_texts_whose_hashes_collide_keep_their_own_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.queries.side import tables

    monkeypatch.setattr(tables, "text_hash", lambda text: len(text) % 2)  # two hashes for all
    db = sqlite3.connect(tmp_path / "terms.sqlite")
    db.execute("CREATE TABLE terms (id INTEGER PRIMARY KEY, hash INTEGER NOT NULL, text TEXT)")
    first = tables.intern(db, ["Nghị quyết", "Nghi quyet", "25-NQ/TW"])
    again = tables.intern(db, ["Nghi quyet", "Chỉ thị", "Nghị quyết"])
    assert len(set(first.values()) | set(again.values())) == 4
    assert again["Nghi quyet"] == first["Nghi quyet"] and again["Nghị quyết"] == first["Nghị quyết"]
    assert tables.term_ids(db, ["25-NQ/TW", "Kết luận"]) == {"25-NQ/TW": first["25-NQ/TW"]}
