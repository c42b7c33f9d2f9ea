"""Graph building on a small hand-written plan, and the files of ontology/ themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.extract.model import DocumentInfo, Extraction
from kg.graph import (
    SourceInfo,
    extraction_quads,
    extraction_statements,
    ontology_quads,
    registry_quads,
    validate,
)
from kg.graph.reference import ontology_dir
from kg.graph.terms import Triples, integer, text
from kg.identity import KINDS, ontology_graph_iri, source_graph_iri
from kg.namespaces import ELI, RDF, RDFS, RELATION_PROPERTIES, SKOS, VK
from kg.resolve import resolve

FIXTURES = Path(__file__).with_name("fixtures")
SOURCE_PATH = "fixtures/plan.txt"


def _plan() -> Extraction:
    text = (FIXTURES / "plan.txt").read_text(encoding="utf-8")
    obj = json.loads((FIXTURES / "plan.extraction.json").read_text(encoding="utf-8"))
    return Extraction.from_json(obj, text=text)


def _quads(extraction: Extraction, source: SourceInfo) -> list[ox.Quad]:
    return extraction_quads(extraction, resolve(extraction), source)


def _statements(extraction: Extraction, source: SourceInfo) -> Triples:
    return extraction_statements(extraction, resolve(extraction), source)


def _plan_quads() -> list[ox.Quad]:
    extraction = _plan()
    source = SourceInfo(
        path=SOURCE_PATH,
        sha256=extraction.sha256,
        reader="text",
        encoding="utf-8",
        size=len(extraction.text.encode("utf-8")),
        extractor_version="golden",
    )
    return _quads(extraction, source)


def _dataset(quads: list[ox.Quad]) -> Dataset:
    dataset = Dataset()
    dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    return dataset


def test_the_graph_of_a_small_plan_matches_the_hand_checked_golden_file() -> None:
    expected = Dataset().parse(FIXTURES / "plan.expected.trig", format="trig")
    actual = _dataset(_plan_quads())
    graph = URIRef(source_graph_iri(SOURCE_PATH))
    want, got = Graph(), Graph()
    for triple in expected.graph(graph):
        want.add(triple)
    for triple in actual.graph(graph):
        got.add(triple)
    assert len(got) > 0
    _, missing, extra = graph_diff(to_isomorphic(want), to_isomorphic(got))
    assert isomorphic(want, got), (sorted(missing)[:5], sorted(extra)[:5])


def test_the_golden_file_and_ontology_files_parse_strictly() -> None:
    list(ox.parse(path=FIXTURES / "plan.expected.trig", format=ox.RdfFormat.TRIG))
    for name in ("vankien.ttl", "kinds.ttl", "shapes.ttl"):
        assert list(ox.parse(path=ontology_dir() / name, format=ox.RdfFormat.TURTLE))


def test_exported_serialisations_of_the_graph_parse_back() -> None:
    quads = _plan_quads() + registry_quads()
    for fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        again = list(ox.parse(ox.serialize(quads, format=fmt), format=fmt))
        assert sorted(map(str, again)) == sorted(map(str, quads))


def test_the_json_ld_context_expands_our_terms() -> None:
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    document = {
        "@context": context["@context"],
        "id": "https://w3id.org/vankien/doc/tw/ket-luan/2019/43",
        "type": "Document",
        "kind": "ket-luan",
        "date": "2019-01-07",
        "continues": "https://w3id.org/vankien/doc/tw/nghi-quyet/2013/25",
    }
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    subject = URIRef(document["id"])
    assert (subject, URIRef(VK + "continues"), URIRef(document["continues"])) in graph
    kind = URIRef("https://w3id.org/vankien/kind/ket-luan")
    assert (subject, URIRef(ELI + "type_document"), kind) in graph


def test_every_relation_property_is_declared_under_a_standard_one() -> None:
    ontology = _dataset(ontology_quads()).graph(URIRef(ontology_graph_iri()))
    for prop in RELATION_PROPERTIES.values():
        if prop.startswith(VK):
            parents = set(ontology.objects(URIRef(prop), URIRef(RDFS + "subPropertyOf")))
            assert any(str(p).startswith(ELI) for p in parents), prop
    kinds = set(ontology.subjects(URIRef(RDF + "type"), URIRef(SKOS + "Concept")))
    assert {str(k).rsplit("/", 1)[-1] for k in kinds} == set(KINDS)


def test_the_plan_graph_conforms_and_the_shapes_catch_broken_graphs() -> None:
    quads = _plan_quads()
    assert validate(quads + registry_quads()).conforms
    graph = quads[0].graph_name
    citation = ox.NamedNode(
        source_graph_iri(SOURCE_PATH).replace("graph/source", "citation") + "/0"
    )
    document = ox.NamedNode("https://w3id.org/vankien/doc/tw/quyet-dinh/2021/23")
    two_kinds = ox.Quad(
        document,
        ox.NamedNode(ELI + "type_document"),
        ox.NamedNode("https://w3id.org/vankien/kind/quy-dinh"),
        graph,
    )
    report = validate([*quads, two_kinds])
    assert not report.conforms and "kind" in report.text
    no_relation = [
        q for q in quads if not (q.subject == citation and q.predicate.value == VK + "relation")
    ]
    assert not validate(no_relation).conforms


def test_a_dataset_can_be_validated_too() -> None:
    assert validate(_dataset(_plan_quads())).conforms


@pytest.mark.parametrize("relation", sorted(RELATION_PROPERTIES))
def test_each_relation_becomes_its_property(relation: str) -> None:
    extraction = _plan()
    extraction.references[0].relation = relation
    source = SourceInfo(SOURCE_PATH, extraction.sha256, "text", "utf-8", 1)
    quads = _quads(extraction, source)
    edges = {
        q.predicate.value
        for q in quads
        if q.object.value == "https://w3id.org/vankien/doc/tw/quyet-dinh/2021/23"
        and q.subject.value.endswith("/ke-hoach/2024/12")
    }
    assert edges == {RELATION_PROPERTIES[relation]}


def test_quads_come_back_unchanged_from_a_store() -> None:
    """Literals a store would canonicalise (derived integer types) would break re-ingest."""
    quads = _plan_quads() + registry_quads()
    store = ox.Store()
    store.extend(quads)
    assert set(store) == set(quads)


def test_a_registered_document_read_under_another_kind_keeps_one_kind() -> None:
    text = "QUY ĐỊNH số 23-QĐ/TW"
    info = DocumentInfo(kind="quy-dinh", number="23", symbol="23-QĐ/TW", date="2021-07-30")
    extraction = Extraction("qd23.txt", "", info, text=text)
    quads = _quads(extraction, SourceInfo("qd23.txt", "", "text", "utf-8", 1))
    assert validate(quads + registry_quads()).conforms


def test_an_extraction_loaded_without_its_text_still_builds_a_valid_graph() -> None:
    obj = json.loads((FIXTURES / "plan.extraction.json").read_text(encoding="utf-8"))
    extraction = Extraction.from_json(obj)
    quads = _quads(extraction, SourceInfo(SOURCE_PATH, "", "json", "utf-8", 1))
    assert not any(q.predicate.value == VK + "sentence" for q in quads)
    assert validate(quads + registry_quads()).conforms


def test_triples_drop_duplicates_and_unstated_objects_and_sort_by_n_triples() -> None:
    out = Triples("http://example.org/g")
    s, p = "http://example.org/s", "http://example.org/p"
    out.add(s, p, "http://example.org/o")
    out.add(s, p, ox.NamedNode("http://example.org/o"))
    out.add(s, p, text("b"))
    out.add(s, p, text("a", "vi"))
    out.add(s, p, integer(3))
    out.add(s, p, text(" "))
    out.add(s, p, None)
    quads = out.quads()
    assert [str(q.object) for q in quads] == sorted(str(q.object) for q in quads)
    assert len(quads) == 4
    assert {q.graph_name for q in quads} == {ox.NamedNode("http://example.org/g")}


def test_the_n_quads_written_for_bulk_load_are_exactly_the_graphs_quads() -> None:
    triples = Triples(source_graph_iri(SOURCE_PATH))
    subject = "https://w3id.org/vankien/citation/x/0"
    # What a sentence can hold: quotes, a backslash, a line break, a tab, Vietnamese text.
    awkward = 'Căn cứ "Quy chế" số 23-QĐ/TW\\2021,\n\tthay thế QĐ 290'
    triples.add(subject, VK + "sentence", text(awkward))
    triples.add(subject, VK + "statedTitle", text("về công tác dân vận", "vi"))
    triples.add(subject, VK + "citedDocument", "https://w3id.org/vankien/doc/tw/quyet-dinh/2021/23")
    triples.add(subject, ELI + "number", integer(23))
    kept, held = triples.nquads()
    assert held == ""
    parsed = ox.parse(kept.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    assert sorted(map(str, parsed)) == sorted(map(str, triples.quads()))
    # The statements of one predicate set apart (the fingerprint a bulk load loads last).
    kept, held = triples.nquads(apart=ELI + "number")
    rest = ox.parse(kept.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    apart = ox.parse(held.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    assert [(q.predicate, q.object) for q in apart] == [(ox.NamedNode(ELI + "number"), integer(23))]
    assert {q.predicate.value for q in rest} == {
        VK + "sentence",
        VK + "statedTitle",
        VK + "citedDocument",
    }


def test_a_whole_documents_n_quads_parse_back_to_its_quads() -> None:
    extraction = _plan()
    source = SourceInfo(SOURCE_PATH, extraction.sha256, "text", "utf-8", 1)
    triples = _statements(extraction, source)
    kept, held = triples.nquads(apart=VK + "sha256")
    assert held.count("\n") == 1  # the file's fingerprint
    lines = (kept + held).encode("utf-8")
    assert sorted(map(str, ox.parse(lines, format=ox.RdfFormat.N_QUADS))) == sorted(
        map(str, _quads(extraction, source))
    )
