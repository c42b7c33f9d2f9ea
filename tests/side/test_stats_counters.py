"""`kg stats` from the counters kept at ingest: the answers of the shipped queries, exactly.

The queries (stats_totals.rq, stats_by_*.rq) are the specification: after every way of writing
the store (file by file, bulk, a changed file again, a removal, a stopped run, a SPARQL update,
a counters file lost) the counters give what the queries count, or nothing (the queries answer).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.api import KG
from kg.identity import ontology_graph_iri, registry_graph_iri
from kg.namespaces import ELI, PROV, RDF, RDFS, SKOS, VK, XSD
from kg.queries.documents import DocumentCatalog
from kg.queries.report import stats
from kg.queries.side.store import SIDE_FILE, SideStore, contribution_of_quads
from kg.store import OxigraphStore
from tests.side.checks import (
    assert_counted_as_queried,
    assert_side_file_as_queried,
    change_first_symbol,
    counted_stats,
    queried_stats,
    refuse_a_changed_file,
)

# -- the same answers ----------------------------------------------------------------------------


def test_the_sample_corpus_counts_as_the_queries_do(corpus_kg: KG) -> None:
    assert_counted_as_queried(corpus_kg)
    assert corpus_kg.stats().to_json() == queried_stats(corpus_kg).to_json()


def test_stats_command_answers_from_the_counters(
    corpus_store: Path, corpus_kg: KG, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["stats", "--format", "json", "--store", str(corpus_store)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == queried_stats(corpus_kg).to_json()


def test_a_bulk_run_counts_and_summarises_as_the_queries_do(bulk_store: Path) -> None:
    with KG.open(bulk_store, read_only=True) as kg:
        assert_side_file_as_queried(kg)


def test_file_by_file_counts_and_summarises_as_the_queries_do(
    tmp_path: Path, synthetic: Path
) -> None:
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([synthetic])
        assert_side_file_as_queried(kg)


def test_a_changed_file_ingested_again_counts_and_summarises_as_the_queries_do(
    tmp_path: Path, synthetic: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for source in sorted(synthetic.rglob("*.txt"))[:40]:
        shutil.copy(source, docs / source.name)
    files = sorted(docs.glob("*.txt"))
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([docs], bulk=True)
        change_first_symbol(files[0])
        assert kg.ingest([files[0]]).count("ingested") == 1
        assert_side_file_as_queried(kg)
        change_first_symbol(files[1])
        assert kg.ingest([docs], bulk=True).count("ingested") == 1
        assert_side_file_as_queried(kg)


def test_an_unchanged_ingest_changes_no_count(store: KG, corpus: Path) -> None:
    before = counted_stats(store)
    assert store.ingest([corpus]).count("unchanged") == 5
    assert store.ingest([corpus], bulk=True).count("unchanged") == 5
    after = counted_stats(store)
    assert before is not None and after is not None
    assert after.to_json() == before.to_json()


def test_a_removed_file_counts_as_the_queries_do(store: KG, corpus: Path) -> None:
    before = counted_stats(store)
    assert store.remove(sorted(corpus.glob("*.txt"))[0])
    assert_counted_as_queried(store)
    assert counted_stats(store) != before
    for path in sorted(corpus.glob("*.txt")):
        store.remove(path)
    assert_counted_as_queried(store)
    # Only the ontology and registry graphs are left, and their documents are not the corpus.
    assert queried_stats(store).totals["documents"] == 0


def test_a_write_the_store_refuses_leaves_the_earlier_counts(
    store: KG, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_a_changed_file(store, corpus, monkeypatch)
    # The counters no longer vouch for that graph: the queries answer, then a writer settles.
    assert counted_stats(store) is None
    assert store.stats().to_json() == queried_stats(store).to_json()
    assert_counted_as_queried(store)


# -- never wrong ---------------------------------------------------------------------------------


def test_a_run_killed_between_the_store_and_the_counters_is_never_counted_wrong(
    tmp_path: Path, corpus: Path
) -> None:
    probe = (
        "import os, sys\n"
        "from kg.api import KG\n"
        "from kg.queries.side.store import SideStore\n"
        "real = SideStore.replace\n"
        "def replace(self, contributions):\n"
        "    if any('/graph/source/' in g for g in contributions):\n"
        "        os._exit(9)  # killed: the file's graph is in the store, not yet counted\n"
        "    real(self, contributions)\n"
        "SideStore.replace = replace\n"
        "with KG.open(sys.argv[1]) as kg:\n"
        "    kg.ingest([sys.argv[2]])\n"
    )
    path = tmp_path / "store"
    done = subprocess.run([sys.executable, "-c", probe, str(path), str(corpus)], check=False)
    assert done.returncode == 9
    with KG.open(path, read_only=True) as kg:
        assert queried_stats(kg).totals["ingested_documents"] == 1
        assert counted_stats(kg) is None
        assert kg.stats().to_json() == queried_stats(kg).to_json()
    with KG.open(path) as kg:
        assert kg.ingest([corpus]).count("ingested") == 4
        assert_counted_as_queried(kg)


def test_a_lost_counters_file_falls_back_to_the_queries_then_is_refilled(
    tmp_path: Path, bulk_store: Path
) -> None:
    path = tmp_path / "store"
    shutil.copytree(bulk_store, path)
    for side in path.glob(f"{SIDE_FILE}*"):
        side.unlink()
    with KG.open(path, read_only=True) as kg:
        assert counted_stats(kg) is None
        queried = queried_stats(kg)
        assert kg.stats().to_json() == queried.to_json()
    assert not (path / SIDE_FILE).exists()  # a reader makes nothing
    with KG.open(path) as kg:
        assert kg.stats().to_json() == queried.to_json()  # and fills the counters
    with KG.open(path, read_only=True) as kg:
        assert_counted_as_queried(kg)


def test_a_side_file_of_the_former_name_is_read_then_renamed_not_refilled(
    tmp_path: Path, bulk_store: Path
) -> None:
    """A store whose side file is still named counters.sqlite: a reader reads it where it is,
    the first writer renames it (with its log) and keeps what it holds."""
    path = tmp_path / "store"
    shutil.copytree(bulk_store, path)
    for side in path.glob(f"{SIDE_FILE}*"):
        side.rename(side.with_name(side.name.replace(SIDE_FILE, "counters.sqlite")))
    with KG.open(path, read_only=True) as kg:
        assert counted_stats(kg) is not None  # read from the former file
    assert not (path / SIDE_FILE).exists()
    with sqlite3.connect(path / "counters.sqlite") as db:
        kept = db.execute("SELECT COUNT(*) FROM contributions").fetchone()[0]
    with KG.open(path) as kg:
        assert kg.side_store is not None and kg.side_store.path == path / SIDE_FILE
        assert kg.side_store.covers(kg.store)  # nothing to read again from the store
        assert_counted_as_queried(kg)
    assert not list(path.glob("counters.sqlite*"))
    with sqlite3.connect(path / SIDE_FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM contributions").fetchone()[0] == kept > 0


def test_a_sparql_update_is_counted_again(store: KG) -> None:
    # Within a graph already counted (the store holds as many graphs as before), and in a new one.
    graph = next(g for g in store.store.graphs() if "/graph/source/" in g)
    doc = "https://w3id.org/vankien/test/doc/1"
    store.update(
        f"INSERT DATA {{ GRAPH <{graph}> {{ <{doc}> a <{VK}Document> ; "
        f'<{VK}level> "commune" ; <{ELI}date_document> "1990-05-01"^^<{XSD}date> }} }}'
    )
    assert counted_stats(store) is None
    assert store.stats().groups["level"]["commune"] == 1
    assert_counted_as_queried(store)
    store.update(f'INSERT DATA {{ GRAPH <{graph}/more> {{ <{doc}> <{VK}level> "district" }} }}')
    assert store.stats().groups["level"]["district"] == 1
    assert_counted_as_queried(store)


# -- facts stated by several graphs --------------------------------------------------------------

DOC = "https://w3id.org/vankien/test/doc/"
PLACE = "https://w3id.org/vankien/test/place/p"
KIND = "https://w3id.org/vankien/test/kind/k"
CITATION = "https://w3id.org/vankien/test/citation/"


Statements = list[tuple[str, str, ox.NamedNode | ox.Literal]]


def _quads(graph: str, statements: Statements) -> list[ox.Quad]:
    node = ox.NamedNode(graph)
    return [ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, node) for s, p, o in statements]


def _date(day: str) -> ox.Literal:
    return ox.Literal(day, datatype=ox.NamedNode(XSD + "date"))


def _source(n: int) -> str:
    return f"https://w3id.org/vankien/graph/source/test-{n}"


# Each step writes or removes one graph; after each, the counters must count as the queries do.
STEPS: list[tuple[str, Statements | None]] = [
    (
        ontology_graph_iri(),
        [(KIND, SKOS + "notation", ox.Literal("nghi-quyet"))],
    ),
    (
        registry_graph_iri(),
        [
            # Registry documents are not the corpus, but their level and date count for it.
            (DOC + "a", RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC + "a", VK + "level", ox.Literal("central")),
            (DOC + "a", ELI + "date_document", _date("2001-02-03")),
            (DOC + "r", RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC + "r", ELI + "type_document", ox.NamedNode(KIND)),
            (PLACE, RDFS + "label", ox.Literal("Bình Phước", language="vi")),
            (PLACE, RDFS + "label", ox.Literal("Binh Phuoc", language="en")),
        ],
    ),
    (
        _source(1),
        [
            (DOC + "a", RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC + "a", ELI + "type_document", ox.NamedNode(KIND)),
            (DOC + "a", ELI + "date_document", _date("2003-01-01")),
            (DOC + "b", RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC + "b", PROV + "wasDerivedFrom", ox.NamedNode(_source(1) + "/file")),
            (DOC + "b", VK + "province", ox.NamedNode(PLACE)),
            (DOC + "b", VK + "province", ox.NamedNode(PLACE + "2")),
            (CITATION + "1", RDF + "type", ox.NamedNode(VK + "Citation")),
            (CITATION + "1", VK + "relation", ox.NamedNode(ELI + "cites")),
            (CITATION + "1", VK + "citedDocument", ox.NamedNode(DOC + "a")),
            (CITATION + "2", RDF + "type", ox.NamedNode(VK + "Citation")),
            (CITATION + "2", VK + "relation", ox.NamedNode(VK + "implements")),
            (CITATION + "2", VK + "candidate", ox.NamedNode(DOC + "a")),
            (CITATION + "2", VK + "candidate", ox.NamedNode(DOC + "b")),
            (CITATION + "3", RDF + "type", ox.NamedNode(VK + "Citation")),
            (CITATION + "3", VK + "statedIn", ox.NamedNode(DOC + "b")),
            (CITATION + "3", VK + "candidate", ox.NamedNode(DOC + "a")),
            (CITATION + "3", VK + "citedDocument", ox.NamedNode(DOC + "a")),
        ],
    ),
    (
        _source(2),
        [
            # The same document from another file, with another level and an earlier date.
            (DOC + "a", RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC + "a", VK + "level", ox.Literal("province")),
            (DOC + "a", ELI + "date_document", _date("1999-12-31")),
            (DOC + "b", RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC + "b", VK + "province", ox.NamedNode(PLACE)),
            (DOC + "c", RDF + "type", ox.NamedNode(VK + "Document")),
            (DOC + "c", VK + "level", ox.Literal("district")),
        ],
    ),
    (_source(1), None),
    (
        registry_graph_iri(),
        [(PLACE, RDFS + "label", ox.Literal("Đồng Xoài"))],  # the names change: all recounted
    ),
    (_source(2), None),
]


def test_documents_stated_by_several_graphs_count_once_until_the_last_goes(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    counters = SideStore(tmp_path / SIDE_FILE)
    for graph, statements in STEPS:
        if statements is None:
            with counters.removing(graph):
                store.remove_graph(graph)
        else:
            quads = _quads(graph, statements)
            with counters.writing(graph, contribution_of_quads(quads, graph)):
                store.replace_graph(graph, quads)
        counted = counters.stats(store)
        assert counted is not None
        assert counted.to_json() == stats(DocumentCatalog(store)).to_json(), graph


# -- start-up ------------------------------------------------------------------------------------


def test_answering_commands_start_without_the_counters() -> None:
    probe = "import sys\nimport kg.cli, kg.api\nprint('kg.queries.side.store' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
