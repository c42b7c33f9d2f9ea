"""Identity by content: when one symbol names two documents, the words around the citation
choose, with the reason; a year written beside the symbol is evidence too."""

from __future__ import annotations

import pytest

from kg.extract.model import DocumentInfo, Extraction, Reference
from kg.registry import Registry, load_registry
from kg.resolve import Evidence, resolve

BASE = "https://w3id.org/vankien/doc/tw/"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _cite(text: str, surface: str, **fields: object) -> tuple[Extraction, Reference]:
    start = text.index(surface)
    ref = Reference(0, start, start + len(surface), surface, "nghi-quyet", number="20",
                    symbol="20-NQ/TW", sentence_start=0, sentence_end=len(text), **fields)  # type: ignore[arg-type]  # fmt: skip
    plan = Extraction(
        "plan.txt", "", DocumentInfo(kind="ke-hoach", date="2019-05-01"), [ref], text=text
    )
    return plan, ref


@pytest.mark.parametrize(
    ("text", "fields", "expected", "evidence"),
    [
        ("Tiếp tục thực hiện Nghị quyết số 20-NQ/TW về tăng cường công tác bảo vệ, chăm sóc và "
         "nâng cao sức khỏe nhân dân.", {"title": "tăng cường công tác bảo vệ, chăm sóc và nâng "
         "cao sức khỏe nhân dân"}, "nghi-quyet/2017/20", Evidence.TITLE),
        ("Thực hiện Nghị quyết số 20-NQ/TW, tiếp tục xây dựng giai cấp công nhân Việt Nam thời kỳ "
         "đẩy mạnh công nghiệp hóa, hiện đại hóa.", {}, "nghi-quyet/2008/20", Evidence.SUBJECT),
        ("Quán triệt Nghị quyết số 20-NQ/TW năm 2008 của Ban Chấp hành Trung ương.", {},
         "nghi-quyet/2008/20", Evidence.YEAR_BESIDE_SYMBOL),
        ("Quán triệt Nghị quyết số 20-NQ/TW (2017) của Ban Chấp hành Trung ương.", {},
         "nghi-quyet/2017/20", Evidence.YEAR_BESIDE_SYMBOL),
    ],
)  # fmt: skip
def test_the_words_around_a_shared_symbol_choose_between_its_documents(
    registry: Registry, text: str, fields: dict[str, object], expected: str, evidence: Evidence
) -> None:
    plan, ref = _cite(text, "Nghị quyết số 20-NQ/TW", **fields)
    outcome = resolve(plan, registry).outcome(ref.id)
    assert outcome.iri == BASE + expected
    assert evidence in {clue.evidence for clue in outcome.clues}
    assert outcome.reason  # rendered from the evidence, for people


def test_without_such_words_both_stay_candidates(registry: Registry) -> None:
    plan, ref = _cite("Quán triệt Nghị quyết số 20-NQ/TW của Trung ương.", "Nghị quyết số 20-NQ/TW")
    outcome = resolve(plan, registry).outcome(ref.id)
    assert outcome.target is None and len(outcome.candidates) == 2
    assert outcome.evidence is Evidence.AMBIGUOUS


def test_a_citing_documents_date_never_makes_it_cite_a_later_document(registry: Registry) -> None:
    plan, ref = _cite("Quán triệt Nghị quyết số 20-NQ/TW của Trung ương.", "Nghị quyết số 20-NQ/TW")
    plan.document.date = "2012-03-01"  # before the 2017 resolution: only the 2008 one is left
    outcome = resolve(plan, registry).outcome(ref.id)
    assert outcome.iri == BASE + "nghi-quyet/2008/20"
