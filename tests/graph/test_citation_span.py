"""Where a citation's words are: its `vk:surface`, the text at its one position selector's
offsets, stated once (no Web Annotation quote selector repeats them); and the shapes still accept
a store written when citations had that quote."""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.extract import extract
from kg.extract.model import Extraction
from kg.graph import SourceInfo, extraction_quads, registry_quads, validate
from kg.namespaces import OA, PROV, RDF, VK
from kg.resolve import resolve

FIXTURES = Path(__file__).with_name("fixtures")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

# Decomposed marks (NFD) on the line with the resolution, "khoá" spelt the old way, and a stated
# link ("thay thế QĐ 290") whose span runs over two references.
DECOMPOSED = (
    "BAN DÂN VẬN TỈNH ỦY BÌNH PHƯỚC\n*\nSố 36-KH/BDVTU\nBình Phước, ngày 05 tháng 3 năm 2021\n\n"
    "KẾ HOẠCH\nthực hiện Chỉ thị số 18-CT/TW của Bộ Chính trị\n\n"
    + unicodedata.normalize(
        "NFD",
        "Căn cứ Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương (khoá XI);",
    )
    + "\nThực hiện Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị về ban hành Quy chế"
    " công tác dân vận (thay thế QĐ 290);\n"
)


def _plan() -> Extraction:
    text = (FIXTURES / "plan.txt").read_text(encoding="utf-8")
    obj = json.loads((FIXTURES / "plan.extraction.json").read_text(encoding="utf-8"))
    return Extraction.from_json(obj, text=text)


def _decomposed() -> Extraction:
    return extract(DECOMPOSED, source="written/kh-36.txt")


def _build(extraction: Extraction) -> list[ox.Quad]:
    source = SourceInfo(extraction.source, extraction.sha256, "text", "utf-8", 1)
    return extraction_quads(extraction, resolve(extraction), source)


Term = ox.NamedNode | ox.Literal


def _statements(quads: list[ox.Quad]) -> dict[str, dict[str, list[Term]]]:
    """Subject IRI -> predicate IRI -> objects (the graph has no blank nodes)."""
    out: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for quad in quads:
        assert isinstance(quad.subject, ox.NamedNode)
        assert isinstance(quad.object, ox.NamedNode | ox.Literal)
        out[quad.subject.value][quad.predicate.value].append(quad.object)
    return out


def _citations(quads: list[ox.Quad]) -> list[str]:
    citation = ox.NamedNode(VK + "Citation")
    return [
        q.subject.value
        for q in quads
        if q.predicate.value == RDF + "type"
        and q.object == citation
        and isinstance(q.subject, ox.NamedNode)
    ]


@pytest.mark.parametrize("read", [_plan, _decomposed], ids=["plan", "decomposed marks"])
def test_a_citations_words_are_its_surface_at_its_one_position_selector(
    read: Callable[[], Extraction],
) -> None:
    extraction = read()
    quads = _build(extraction)
    facts = _statements(quads)
    citations = _citations(quads)
    assert len(citations) == len(extraction.references) + len(extraction.links) > 1
    assert extraction.links, "the texts state a link, whose citation goes the same way"
    for citation in citations:
        stated = facts[citation]
        (selector,) = stated[OA + "hasSelector"]
        assert isinstance(selector, ox.NamedNode)
        assert facts[selector.value][RDF + "type"] == [ox.NamedNode(OA + "TextPositionSelector")]
        assert OA + "exact" not in facts[selector.value]
        (start,) = (int(o.value) for o in facts[selector.value][OA + "start"])
        (end,) = (int(o.value) for o in facts[selector.value][OA + "end"])
        assert stated[VK + "surface"] == [ox.Literal(extraction.text[start:end])]
        assert stated[OA + "hasSource"] == stated[PROV + "wasDerivedFrom"] != []
    assert not [q for q in quads if q.predicate.value == OA + "exact"]


def test_the_decomposed_surface_is_kept_as_written() -> None:
    """The words are stored as the text has them, not normalised: offsets and words agree."""
    surfaces = {
        str(q.object.value)
        for q in _build(_decomposed())
        if q.predicate.value == VK + "surface" and isinstance(q.object, ox.Literal)
    }
    written = unicodedata.normalize(
        "NFD", "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương (khoá XI)"
    )
    assert written in surfaces


def _with_old_quotes(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The graph as earlier versions wrote it: each citation also quoting its surface."""
    facts = _statements(quads)
    graph = quads[0].graph_name
    old = list(quads)
    for iri in _citations(quads):
        citation, quote = ox.NamedNode(iri), ox.NamedNode(iri + "/quote")
        (surface,) = facts[iri][VK + "surface"]
        old += [
            ox.Quad(citation, ox.NamedNode(OA + "hasSelector"), quote, graph),
            ox.Quad(
                quote, ox.NamedNode(RDF + "type"), ox.NamedNode(OA + "TextQuoteSelector"), graph
            ),
            ox.Quad(quote, ox.NamedNode(OA + "exact"), surface, graph),
        ]
    return old


def test_the_shapes_accept_citations_with_and_without_the_old_quote() -> None:
    quads = _build(_plan())
    assert validate(quads + registry_quads()).conforms
    old = _with_old_quotes(quads)
    assert len(old) > len(quads)
    assert validate(old + registry_quads()).conforms


def test_the_shapes_want_exactly_one_position_selector_on_a_citation() -> None:
    quads = _build(_plan())
    citation = ox.NamedNode(_citations(quads)[0])
    graph = quads[0].graph_name
    without = [
        q for q in quads if not (q.subject == citation and q.predicate.value == OA + "hasSelector")
    ]
    report = validate(without + registry_quads())
    assert not report.conforms and "hasSelector" in report.text
    second = ox.NamedNode(citation.value + "/second")
    two_positions = [
        *quads,
        ox.Quad(citation, ox.NamedNode(OA + "hasSelector"), second, graph),
        ox.Quad(
            second, ox.NamedNode(RDF + "type"), ox.NamedNode(OA + "TextPositionSelector"), graph
        ),
        ox.Quad(second, ox.NamedNode(OA + "start"), ox.Literal("1", datatype=XSD_INTEGER), graph),
        ox.Quad(second, ox.NamedNode(OA + "end"), ox.Literal("2", datatype=XSD_INTEGER), graph),
    ]
    report = validate(two_positions + registry_quads())
    assert not report.conforms and "hasSelector" in report.text
