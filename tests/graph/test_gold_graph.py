"""The graph of the five gold extractions answers the questions the issue asks of it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.graph import SourceInfo, extraction_quads, reference_quads, validate
from kg.identity import source_graph_iri
from kg.resolve import resolve

from .gold import CORPUS, gold_available, load_gold

pytestmark = pytest.mark.skipif(not gold_available(), reason="shared gold (../shared) not found")

PREFIXES = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def _source(name: str, sha256: str) -> SourceInfo:
    return SourceInfo(
        path=f"data/corpus/{name}",
        sha256=sha256,
        reader="text",
        encoding="utf-8",
        size=(CORPUS / name).stat().st_size,
    )


@pytest.fixture(scope="module")
def source_quads() -> dict[str, list[ox.Quad]]:
    quads = {}
    for document in load_gold():
        extraction = document.extraction
        quads[extraction.source] = extraction_quads(
            extraction, resolve(extraction), _source(extraction.source, extraction.sha256)
        )
    return quads


@pytest.fixture(scope="module")
def store(source_quads: dict[str, list[ox.Quad]]) -> ox.Store:
    store = ox.Store()
    store.extend([q for quads in source_quads.values() for q in quads])
    store.extend(reference_quads())
    return store


def _select(
    store: ox.Store, query: str, **bindings: ox.NamedNode | ox.Literal
) -> list[tuple[str, ...]]:
    substitutions = {ox.Variable(name): term for name, term in bindings.items()}
    results = store.query(
        PREFIXES + query, use_default_graph_as_union=True, substitutions=substitutions
    )
    assert isinstance(results, ox.QuerySolutions)
    return sorted(tuple(term.value for term in row) for row in results)


def _doc(store: ox.Store, symbol: str) -> list[str]:
    rows = _select(
        store,
        "SELECT DISTINCT ?d ?wanted WHERE { ?d a vk:Document ; vk:symbol ?wanted }",
        wanted=ox.Literal(symbol),
    )
    return [row[0] for row in rows]


def test_gold_graph_conforms_to_the_shapes(source_quads: dict[str, list[ox.Quad]]) -> None:
    quads = [q for per_source in source_quads.values() for q in per_source]
    report = validate(quads + reference_quads())
    assert report.conforms, report.text


def test_each_source_writes_only_its_own_named_graph(
    source_quads: dict[str, list[ox.Quad]],
) -> None:
    for name, quads in source_quads.items():
        graphs = {q.graph_name for q in quads}
        assert graphs == {ox.NamedNode(source_graph_iri(f"data/corpus/{name}"))}


def test_the_2003_and_2013_resolution_25_are_two_documents(store: ox.Store) -> None:
    dates = _select(
        store,
        """SELECT DISTINCT ?d ?date WHERE { GRAPH ?registry {
               ?d vk:symbol "25-NQ/TW" ; eli:date_document ?date } }""",
    )
    assert [date for _, date in dates] == ["2003-03-12", "2013-06-03"]
    assert len(_doc(store, "25-NQ/TW")) == 2


def test_the_2003_resolution_is_continued_by_18_ct_and_reviewed_by_the_2018_plan(
    store: ox.Store,
) -> None:
    rows = _select(
        store,
        """SELECT DISTINCT ?citingSymbol ?rel WHERE {
               ?nq vk:symbol "25-NQ/TW" ; eli:date_document "2003-03-12"^^xsd:date .
               ?citing ?rel ?nq ; vk:symbol ?citingSymbol .
               FILTER(?rel IN (vk:continues, vk:reviews))
           }""",
    )
    assert ("18-CT/TW", "https://w3id.org/vankien/ontology#continues") in rows
    assert ("1600-KH/BDVTW", "https://w3id.org/vankien/ontology#reviews") in rows


def test_43_kl_continues_the_2013_resolution(store: ox.Store) -> None:
    rows = _select(
        store,
        """SELECT DISTINCT ?date WHERE {
               ?kl vk:symbol "43-KL/TW" ; vk:continues ?nq .
               ?nq vk:symbol "25-NQ/TW" .
               GRAPH ?g { ?nq eli:date_document ?date } }""",
    )
    assert {date for (date,) in rows} == {"2013-06-03"}


def test_23_qd_replaces_290_qd(store: ox.Store) -> None:
    rows = _select(
        store,
        """SELECT DISTINCT ?new ?old WHERE {
               ?new vk:symbol "23-QĐ/TW" ; vk:replaces ?old . ?old vk:symbol "290-QĐ/TW" }""",
    )
    assert len(rows) == 1


def test_217_qd_is_one_document_with_three_stated_dates_each_with_its_source(
    store: ox.Store,
) -> None:
    assert len(_doc(store, "217-QĐ/TW")) == 1
    rows = _select(
        store,
        """SELECT DISTINCT ?date ?g WHERE {
               ?d vk:symbol "217-QĐ/TW" .
               GRAPH ?g { ?d eli:date_document ?date }
               FILTER(STRSTARTS(STR(?g), "https://w3id.org/vankien/graph/source/")) }""",
    )
    assert {date for date, _ in rows} == {"2013-12-12", "2013-12-13", "2014-12-12"}
    haiduong = {g for date, g in rows if date == "2014-12-12"}
    assert haiduong == {source_graph_iri("data/corpus/haiduong-bdvtu-kh-hanh-dong-2021.txt")}


def test_plenum_6_of_term_xii_is_not_merged_with_its_resolution_18(store: ox.Store) -> None:
    rows = _select(
        store,
        """SELECT DISTINCT ?plenum ?part WHERE {
               ?plenum vk:plenumOrdinal 6 ; vk:term "XII" ; eli:has_part ?part .
               ?part vk:symbol "18-NQ/TW" }""",
    )
    assert len(rows) == 1
    plenum, part = rows[0]
    assert plenum != part
    cited = _select(
        store,
        "SELECT DISTINCT ?plenum WHERE { ?citation vk:citedDocument ?plenum }",
        plenum=ox.NamedNode(plenum),
    )
    assert cited == [(plenum,)]


def test_every_citation_carries_its_evidence(store: ox.Store) -> None:
    missing = _select(
        store,
        """SELECT ?c WHERE { ?c a vk:Citation .
               FILTER NOT EXISTS { ?c vk:surface ?s ; vk:sentence ?sentence ;
                                      vk:confidence ?k ; vk:relation ?r ;
                                      <http://www.w3.org/ns/prov#wasDerivedFrom> ?src } }""",
    )
    assert missing == []


def test_the_unresolvable_26_kl_has_no_cited_document(store: ox.Store) -> None:
    rows = _select(
        store,
        """SELECT ?c ?reason WHERE { ?c vk:statedSymbol "26-KL/TW" ; vk:resolutionReason ?reason .
               FILTER NOT EXISTS { ?c vk:citedDocument ?d } }""",
    )
    assert len(rows) == 1


def test_building_twice_gives_the_same_quads() -> None:
    extraction = load_gold()[0].extraction
    source = _source(extraction.source, extraction.sha256)
    assert extraction_quads(extraction, resolve(extraction), source) == extraction_quads(
        extraction, resolve(extraction), source
    )
