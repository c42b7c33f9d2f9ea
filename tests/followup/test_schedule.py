"""The schedule phrases `kg due` reads: texts written for these tests, one phrase shape a row."""

from __future__ import annotations

import unicodedata

import pytest

from kg.followup.schedule import AFTER, ELAPSED, EVERY, IN_YEAR, schedules

# (text, [(kind, form, years, every, year, phrase as written)])
CASES = [
    (
        "Sau 5 năm sơ kết, 10 năm tổng kết việc thực hiện Nghị quyết.",
        [
            ("sơ kết", AFTER, 5, None, None, "Sau 5 năm sơ kết"),
            ("tổng kết", AFTER, 10, None, None, "10 năm tổng kết"),
        ],
    ),
    (
        "Sau ba năm sơ kết, năm năm tổng kết.",
        [
            ("sơ kết", AFTER, 3, None, None, "Sau ba năm sơ kết"),
            ("tổng kết", AFTER, 5, None, None, "năm năm tổng kết"),
        ],
    ),
    (
        "Qua 3 năm thực hiện, tổ chức sơ kết rút kinh nghiệm.",
        [("sơ kết", AFTER, 3, None, None, "Qua 3 năm thực hiện, tổ chức sơ kết")],
    ),
    (
        "Ban Tuyên giáo chủ trì tổng kết 10 năm Nghị quyết vào dịp cuối nhiệm kỳ.",
        [("tổng kết", AFTER, 10, None, None, "tổng kết 10 năm")],
    ),
    (
        "Tổ chức sơ kết 5 năm thực hiện Chỉ thị này.",
        [("sơ kết", AFTER, 5, None, None, "sơ kết 5 năm thực hiện Chỉ thị này")],
    ),
    (
        "Định kỳ hằng năm báo cáo Ban Thường vụ Tỉnh ủy.",
        [("báo cáo", EVERY, None, 1, None, "Định kỳ hằng năm báo cáo")],
    ),
    (
        "Các huyện ủy báo cáo kết quả hàng năm về Ban Dân vận.",
        [("báo cáo", EVERY, None, 1, None, "báo cáo kết quả hàng năm")],
    ),
    (
        "Định kỳ 5 năm sơ kết một lần.",
        [("sơ kết", EVERY, None, 5, None, "Định kỳ 5 năm sơ kết một lần")],
    ),
    (
        "Hằng năm sơ kết, 5 năm tổng kết việc thực hiện Kế hoạch.",
        [
            ("sơ kết", EVERY, None, 1, None, "Hằng năm sơ kết"),
            ("tổng kết", AFTER, 5, None, None, "5 năm tổng kết"),
        ],
    ),
    (
        "Năm 2023: tổ chức sơ kết việc thực hiện Kết luận.",
        [("sơ kết", IN_YEAR, None, None, 2023, "Năm 2023: tổ chức sơ kết")],
    ),
    (
        "- Quý III/2018, Ban Dân vận tổ chức sơ kết.",
        [("sơ kết", IN_YEAR, None, None, 2018, "- Quý III/2018, Ban Dân vận tổ chức sơ kết")],
    ),
    (
        "Tham mưu tổng kết trong quý IV/2023 và báo cáo Thường trực.",
        [("tổng kết", IN_YEAR, None, None, 2023, "tổng kết trong quý IV/2023")],
    ),
    (
        "Tổ chức sơ kết việc thực hiện Chỉ thị vào năm 2018.",
        [("sơ kết", IN_YEAR, None, None, 2018, "sơ kết việc thực hiện Chỉ thị vào năm 2018")],
    ),
    # The review of the document mentioned next: its years are read per mention, not here.
    (
        "Sơ kết 5 năm thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013.",
        [("sơ kết", ELAPSED, 5, None, None, "Sơ kết 5 năm thực hiện")],
    ),
    (
        "Báo cáo đánh giá kết quả 5 năm thực hiện Chỉ thị số 23-CT/TW.",
        [("đánh giá", ELAPSED, 5, None, None, "đánh giá kết quả 5 năm thực hiện")],
    ),
    (
        "Kế hoạch tổng kết 10 năm thực hiện Nghị quyết số 25, 05 năm thực hiện Kết luận số 43.",
        [
            ("tổng kết", ELAPSED, 10, None, None, "tổng kết 10 năm thực hiện"),
            ("tổng kết", ELAPSED, 5, None, None, "05 năm thực hiện"),
        ],
    ),
]

# Texts that schedule nothing.
NOTHING = [
    "Định kỳ sơ kết, tổng kết việc thực hiện Nghị quyết.",  # no time given
    "Định kỳ 6 tháng, các vụ báo cáo lãnh đạo Ban.",  # months, not years
    "Thực hiện Kế hoạch công tác năm 2023, Ban Dân vận xây dựng kế hoạch.",  # no review word
    "Các đơn vị gửi báo cáo về Ban Dân vận trước ngày 30/8/2023.",  # a deadline, not a review
    "Sơ kết 5 năm thực hiện Nghị quyết. Trong 3 năm thực hiện Chỉ thị, tỉnh đạt nhiều kết quả.",
]


def _read(text: str) -> list[tuple[object, ...]]:
    return [(s.kind, s.form, s.years, s.every, s.year, s.phrase) for s in schedules(text)]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_each_phrase_shape_is_read(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize("text", NOTHING[:-1], ids=[t[:40] for t in NOTHING[:-1]])
def test_texts_without_a_timed_review_schedule_nothing(text: str) -> None:
    assert _read(text) == []


def test_a_bare_n_years_in_another_sentence_is_no_review() -> None:
    assert [s.phrase for s in schedules(NOTHING[-1])] == ["Sơ kết 5 năm thực hiện"]


def test_spans_index_the_text_as_written_even_when_decomposed() -> None:
    composed = "Chỉ thị nêu rõ: sau 5 năm sơ kết, 10 năm tổng kết."
    decomposed = unicodedata.normalize("NFD", composed)
    found = schedules(decomposed)
    assert [(s.kind, s.years) for s in found] == [("sơ kết", 5), ("tổng kết", 10)]
    for schedule in found:
        assert decomposed[schedule.start : schedule.end] == schedule.phrase
        assert unicodedata.normalize("NFC", schedule.phrase) in composed
