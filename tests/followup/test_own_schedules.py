"""`own_schedules`: the reviews a whole document schedules for itself, read at ingest from the
clauses around its review words only, on texts written for these tests."""

from __future__ import annotations

import unicodedata

import pytest

from kg.followup.schedule import AFTER, ELAPSED, EVERY, IN_YEAR, own_schedules, schedules

# A paragraph that names no review, to stand between the ones that do.
FILLER = (
    "Các cấp ủy, tổ chức đảng quán triệt sâu sắc quan điểm của Đảng về công tác dân vận, "
    "phát huy quyền làm chủ của Nhân dân, củng cố mối quan hệ mật thiết giữa Đảng với Nhân dân.\n"
)


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        (
            "Sau 3 năm sơ kết, 6 năm tổng kết việc thực hiện Chỉ thị.",
            [("sơ kết", AFTER, 3, "Sau 3 năm sơ kết"), ("tổng kết", AFTER, 6, "6 năm tổng kết")],
        ),
        (
            "Các cấp ủy hằng năm báo cáo kết quả thực hiện.",
            [("báo cáo", EVERY, 1, "hằng năm báo cáo")],
        ),
        (
            "- Năm 2023: tổ chức sơ kết việc thực hiện Kế hoạch.",
            [("sơ kết", IN_YEAR, 2023, "- Năm 2023: tổ chức sơ kết")],
        ),
        # The number and the review on two lines.
        (
            "Sau 5 năm\ntổng kết việc thực hiện Nghị quyết.",
            [("tổng kết", AFTER, 5, "Sau 5 năm\ntổng kết")],
        ),
        ("SAU 3 NĂM SƠ KẾT VIỆC THỰC HIỆN CHỈ THỊ.", [("sơ kết", AFTER, 3, "SAU 3 NĂM SƠ KẾT")]),
        # A no-break space between the syllables.
        (
            "Tổ chức sơ\u00a0kết vào năm 2018.",
            [("sơ kết", IN_YEAR, 2018, "sơ\u00a0kết vào năm 2018")],
        ),
        # Another document's review ("sơ kết 5 năm thực hiện X") schedules nothing of this one.
        ("Sơ kết 5 năm thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương.", []),
        ("Định kỳ sơ kết, tổng kết, báo cáo Ban Thường vụ.", []),
        ("", []),
    ],
)
def test_the_schedules_a_passage_states_amid_other_text(
    passage: str, expected: list[tuple[str, str, int, str]]
) -> None:
    text = FILLER * 40 + passage + "\n" + FILLER * 40
    found = own_schedules(text)
    assert [(s.kind, s.form, s.years or s.every or s.year, s.phrase) for s in found] == expected
    assert all(text[s.start : s.end] == s.phrase for s in found)


def test_a_decomposed_text_gives_spans_in_the_text_as_read() -> None:
    text = unicodedata.normalize("NFD", FILLER * 5 + "Sau 3 năm sơ kết, 6 năm tổng kết.\n")
    found = own_schedules(text)
    assert [(s.kind, s.years) for s in found] == [("sơ kết", 3), ("tổng kết", 6)]
    assert [text[s.start : s.end] for s in found] == [s.phrase for s in found]
    assert found[0].phrase == unicodedata.normalize("NFD", "Sau 3 năm sơ kết")


def test_reading_around_review_words_finds_what_reading_the_whole_text_finds() -> None:
    passages = [
        "Sau 3 năm sơ kết, 6 năm tổng kết việc thực hiện Chỉ thị.",
        "Hằng năm, các cấp ủy báo cáo kết quả về Ban Thường vụ.",
        "Năm 2025: Tổng kết việc thực hiện Kế hoạch.",
        "Tổ chức sơ kết vào quý III/2018.",
        "Đánh giá 5 năm thực hiện Chỉ thị này.",
        "Sơ kết 5 năm thực hiện Nghị quyết 25, 03 năm thực hiện Kết luận 43.",
        "Định kỳ 2 năm một lần\nđánh giá kết quả.",
    ]
    text = "".join(FILLER * 7 + passage + "\n" for passage in passages) + FILLER
    whole = [s for s in schedules(text) if s.form != ELAPSED]
    assert len(whole) == 7
    assert own_schedules(text) == whole
