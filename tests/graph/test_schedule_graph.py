"""The reviews a document's own text schedules, stated in its graph as `vk:ReviewSchedule` with
their evidence, on a directive written for these tests."""

from __future__ import annotations

import unicodedata

import pyoxigraph as ox
import pytest

from kg.extract import extract
from kg.graph import SourceInfo, extraction_quads, registry_quads, validate
from kg.namespaces import OA, RDF, VK
from kg.resolve import resolve

PATH = "written/ct-07.txt"
DIRECTIVE = """TỈNH ỦY HẢI DƯƠNG
*
Số 07-CT/TU
Hải Dương, ngày 15 tháng 3 năm 2016

CHỈ THỊ
CỦA BAN THƯỜNG VỤ TỈNH ỦY
về tăng cường công tác dân vận ở cơ sở

1. Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận.
2. Các cấp ủy đảng định kỳ hằng năm báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy.
Sau 3 năm sơ kết, 6 năm tổng kết việc thực hiện Chỉ thị.
Năm 2020: tổ chức đánh giá giữa kỳ.
"""
# (kind, property stating when, its value, the phrase as written)
STATED = {
    ("báo cáo", "everyYears", 1, "định kỳ hằng năm báo cáo"),
    ("sơ kết", "afterYears", 3, "Sau 3 năm sơ kết"),
    ("tổng kết", "afterYears", 6, "6 năm tổng kết"),
    ("đánh giá", "inYear", 2020, "Năm 2020: tổ chức đánh giá"),
}
WHEN = ("afterYears", "everyYears", "inYear")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def _quads(body: str) -> tuple[list[ox.Quad], str]:
    extraction = extract(body, source=PATH)
    resolution = resolve(extraction)
    source = SourceInfo(PATH, extraction.sha256, "text", "utf-8", len(body.encode("utf-8")))
    return extraction_quads(extraction, resolution, source), resolution.document.iri


def _schedules(quads: list[ox.Quad], body: str) -> dict[str, dict[str, object]]:
    """Each schedule's statements: its document, kind, time, and the span and quote."""
    facts: dict[str, dict[str, object]] = {}
    values = {(str(q.subject), q.predicate.value): _value(q.object) for q in quads}
    for quad in quads:
        if quad.predicate.value == RDF + "type" and _value(quad.object) == VK + "ReviewSchedule":
            node = _value(quad.subject)
            stated = facts.setdefault(node, {})
            stated["of"] = values[(f"<{node}>", VK + "scheduleOf")]
            stated["kind"] = values[(f"<{node}>", VK + "reviewKind")]
            for name in WHEN:
                if (f"<{node}>", VK + name) in values:
                    stated[name] = int(values[(f"<{node}>", VK + name)])
            start = int(values[(f"<{node}/position>", OA + "start")])
            end = int(values[(f"<{node}/position>", OA + "end")])
            stated["span"] = body[start:end]
            stated["exact"] = values[(f"<{node}/quote>", OA + "exact")]
    return facts


def _value(term: object) -> str:
    assert isinstance(term, ox.NamedNode | ox.Literal)
    return term.value


def _as_stated(facts: dict[str, dict[str, object]]) -> set[tuple[object, ...]]:
    out: set[tuple[object, ...]] = set()
    for stated in facts.values():
        (when,) = [name for name in WHEN if name in stated]
        out.add((stated["kind"], when, stated[when], stated["exact"]))
    return out


def test_each_phrase_becomes_a_schedule_of_the_document_with_its_evidence() -> None:
    quads, document = _quads(DIRECTIVE)
    facts = _schedules(quads, DIRECTIVE)
    assert _as_stated(facts) == STATED
    assert {stated["of"] for stated in facts.values()} == {document}
    assert all(stated["span"] == stated["exact"] for stated in facts.values())


def test_in_a_decomposed_text_the_span_indexes_the_text_as_read() -> None:
    body = unicodedata.normalize("NFD", DIRECTIVE)
    facts = _schedules(_quads(body)[0], body)
    decomposed = {(*s[:3], unicodedata.normalize("NFD", str(s[3]))) for s in STATED}
    assert _as_stated(facts) == decomposed
    assert all(stated["span"] == stated["exact"] for stated in facts.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "Giao Ban Dân vận Tỉnh ủy theo dõi, đôn đốc việc thực hiện Chỉ thị.",
        # The review of another document, not a schedule of this one.
        "Sơ kết 5 năm thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành TW.",
        # A review word with no time beside it: the convention applies.
        "Các cấp ủy định kỳ sơ kết, tổng kết việc thực hiện Chỉ thị.",
    ],
)
def test_a_text_stating_no_time_of_its_review_states_no_schedule(sentence: str) -> None:
    body = DIRECTIVE.split("2. Các cấp ủy")[0] + sentence + "\n"
    assert _schedules(_quads(body)[0], body) == {}


def test_the_schedules_conform_and_the_shapes_catch_broken_ones() -> None:
    quads, _ = _quads(DIRECTIVE)
    assert validate(quads + registry_quads()).conforms
    node = next(q.subject for q in quads if q.object == ox.NamedNode(VK + "ReviewSchedule"))
    graph = quads[0].graph_name
    no_kind = [
        q for q in quads if not (q.subject == node and q.predicate.value == VK + "reviewKind")
    ]
    assert not validate(no_kind + registry_quads()).conforms
    in_a_year_too = ox.Quad(
        node, ox.NamedNode(VK + "inYear"), ox.Literal("2030", datatype=XSD_INTEGER), graph
    )
    assert not validate([*quads, in_a_year_too, *registry_quads()]).conforms
