"""The spaCy component, added by name through the entry point, puts references in doc.spans."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

TEXT = (
    "Căn cứ Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương về công tác "
    "dân vận và Chỉ thị số 18-CT/TW của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số "
    "24-NQ/TW về công tác dân tộc."
)


@pytest.mark.parametrize(
    ("lang", "config"),
    [
        ("xx", {}),
        # spaCy's Vietnamese tokenizer wants pyvi unless told not to use it.
        ("vi", {"nlp": {"tokenizer": {"use_pyvi": False}}}),
    ],
)
def test_component_adds_reference_spans(lang: str, config: dict[str, Any]) -> None:
    nlp = spacy.blank(lang, config=config)
    nlp.add_pipe("vankien_references")
    doc = nlp(TEXT)
    spans = doc.spans["vankien_references"]
    assert [span.text for span in spans] == [
        "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương",
        "Chỉ thị số 18-CT/TW của Bộ Chính trị",
        "Nghị quyết số 24-NQ/TW",
    ]
    assert [span.label_ for span in spans] == ["nghi-quyet", "chi-thi", "nghi-quyet"]
    assert spans[0]._.vankien["date"] == "2013-06-03"
    assert [span._.vankien["relation"] for span in spans] == ["based_on", "based_on", "cites"]
    link_start = TEXT.index("Chỉ thị số 18")
    link_end = TEXT.index("24-NQ/TW") + len("24-NQ/TW")
    assert doc._.vankien_links == [
        {"subject": 1, "relation": "continues", "object": 2, "start": link_start, "end": link_end}
    ]


def test_spans_key_is_configurable() -> None:
    nlp = spacy.blank("xx")
    nlp.add_pipe("vankien_references", config={"spans_key": "refs"})
    assert len(nlp(TEXT).spans["refs"]) == 3
