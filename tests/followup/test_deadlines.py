"""Periods and deadlines as plans write them, and a task's status on a day (texts written for
these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.followup.deadlines import Status, parse_periods, recurrence_of, status_on

D = dt.date

# (time as written, plan's year, [(period as written, first day, last day, deadline)]).
PERIODS = [
    ("quý III/2021", None, [("quý III/2021", D(2021, 7, 1), D(2021, 9, 30), False)]),
    ("Quý 4 năm 2022", None, [("Quý 4 năm 2022", D(2022, 10, 1), D(2022, 12, 31), False)]),
    ("QUÝ II - 2020", None, [("QUÝ II - 2020", D(2020, 4, 1), D(2020, 6, 30), False)]),
    ("trong quý I", 2019, [("quý I", D(2019, 1, 1), D(2019, 3, 31), False)]),
    ("quý I", None, [("quý I", None, None, False)]),
    ("tháng 10/2023", None, [("tháng 10/2023", D(2023, 10, 1), D(2023, 10, 31), False)]),
    ("Tháng 2 năm 2024", None, [("Tháng 2 năm 2024", D(2024, 2, 1), D(2024, 2, 29), False)]),
    ("tháng 11", 2020, [("tháng 11", D(2020, 11, 1), D(2020, 11, 30), False)]),
    (
        "Từ tháng 8/2021 đến tháng 12/2021",
        None,
        [("Từ tháng 8/2021 đến tháng 12/2021", D(2021, 8, 1), D(2021, 12, 31), False)],
    ),
    ("tháng 9 - 10/2023", None, [("tháng 9 - 10/2023", D(2023, 9, 1), D(2023, 10, 31), False)]),
    (
        "từ ngày 05/3 đến ngày 20/4/2022",
        None,
        [("từ ngày 05/3 đến ngày 20/4/2022", D(2022, 3, 5), D(2022, 4, 20), False)],
    ),
    ("Năm 2022 - 2024", None, [("Năm 2022 - 2024", D(2022, 1, 1), D(2024, 12, 31), False)]),
    (
        "giai đoạn 2021 – 2025",
        None,
        [("giai đoạn 2021 – 2025", D(2021, 1, 1), D(2025, 12, 31), False)],
    ),
    ("năm 2019", None, [("năm 2019", D(2019, 1, 1), D(2019, 12, 31), False)]),
    (
        "6 tháng đầu năm 2022",
        None,
        [("6 tháng đầu năm 2022", D(2022, 1, 1), D(2022, 6, 30), False)],
    ),
    ("6 tháng cuối năm", 2022, [("6 tháng cuối năm", D(2022, 7, 1), D(2022, 12, 31), False)]),
    ("trước ngày 31/7/2014", None, [("trước ngày 31/7/2014", None, D(2014, 7, 31), True)]),
    ("chậm nhất ngày 15/10", 2020, [("chậm nhất ngày 15/10", None, D(2020, 10, 15), True)]),
    ("trước quý IV/2021", None, [("trước quý IV/2021", None, D(2021, 9, 30), True)]),
    ("trước tháng 3/2024", None, [("trước tháng 3/2024", None, D(2024, 2, 29), True)]),
    ("ngày 31/2/2021", None, [("ngày 31/2/2021", None, None, False)]),
    ("hằng năm", None, []),
    ("Thường xuyên", None, []),
    (
        "cấp tỉnh quý III/2021; cấp huyện quý IV/2021.",
        None,
        [
            ("quý III/2021", D(2021, 7, 1), D(2021, 9, 30), False),
            ("quý IV/2021", D(2021, 10, 1), D(2021, 12, 31), False),
        ],
    ),
    # Old-style tone placement ("qúy" and "quý" are one word to the reader).
    ("qúy I/2023", None, [("qúy I/2023", D(2023, 1, 1), D(2023, 3, 31), False)]),
]


@pytest.mark.parametrize(("text", "year", "expected"), PERIODS, ids=[p[0] for p in PERIODS])
def test_periods_become_days(
    text: str, year: int | None, expected: list[tuple[str, D | None, D | None, bool]]
) -> None:
    found = parse_periods(text, year=year, cued="trong" in text)
    assert [(p.text, p.begins, p.ends, p.deadline) for p in found] == expected
    for period in found:
        assert text[period.start : period.end] == period.text


def test_stages_are_labelled_by_the_words_before_them_or_the_work_after_a_colon() -> None:
    text = (
        "cấp tỉnh quý III/2021; cấp huyện quý IV/2021. "
        "Năm 2022: Nhân rộng mô hình. Năm 2023: Sơ kết, rút kinh nghiệm."
    )
    labels = [p.label for p in parse_periods(text)]
    assert labels == ["cấp tỉnh", "cấp huyện", "Nhân rộng mô hình", "Sơ kết, rút kinh nghiệm"]


def test_offsets_count_from_the_offset_given() -> None:
    body = "Thời gian thực hiện: quý II/2022"
    value = body.index("quý")
    (period,) = parse_periods(body[value:], offset=value)
    assert body[period.start : period.end] == "quý II/2022"


# Free text: only times a word sets, and quarters, count; the dates of documents cited do not.
CUED = [
    ("Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương", []),
    ("Kế hoạch số 12-KH/TU năm 2020 của Tỉnh ủy", []),
    ("gửi báo cáo về Ban Dân vận Tỉnh ủy trước ngày 15/12/2022.", ["trước ngày 15/12/2022"]),
    ("trình Thường trực Tỉnh ủy trong tháng 5/2021", ["tháng 5/2021"]),
    ("Sơ kết 3 năm (trình quý III/2018)", ["quý III/2018"]),
    ("tổ chức từ tháng 3 đến tháng 5/2024", ["từ tháng 3 đến tháng 5/2024"]),
]


@pytest.mark.parametrize(("text", "expected"), CUED, ids=[c[0][:40] for c in CUED])
def test_in_free_text_only_set_times_count(text: str, expected: list[str]) -> None:
    assert [p.text for p in parse_periods(text, cued=True)] == expected


RECURRENCES = [
    ("hằng năm", "yearly"),
    ("Hàng năm", "yearly"),
    ("hằng quý", "quarterly"),
    ("hàng tháng", "monthly"),
    ("thường xuyên", "ongoing"),
    ("quý III/2021", None),
    ("năm 2022", None),
]


@pytest.mark.parametrize(("text", "expected"), RECURRENCES)
def test_recurrence(text: str, expected: str | None) -> None:
    assert recurrence_of(text) == expected


def test_in_a_tasks_own_words_thuong_xuyen_is_how_not_when() -> None:
    text = "Thường xuyên nắm tình hình đồng bào dân tộc thiểu số"
    assert recurrence_of(text, ongoing=False) is None
    assert recurrence_of("Xây dựng kế hoạch phối hợp (hàng năm)", ongoing=False) == "yearly"


AS_OF = D(2021, 11, 15)
# (last days of the stages, recurrence, expected status, expected due day).
STATUSES = [
    ([D(2021, 9, 30)], None, Status.OVERDUE, D(2021, 9, 30)),
    ([D(2021, 9, 30), D(2021, 10, 31)], None, Status.OVERDUE, D(2021, 10, 31)),
    ([D(2021, 9, 30), D(2021, 12, 10)], None, Status.DUE_SOON, D(2021, 12, 10)),
    ([D(2021, 11, 15)], None, Status.DUE_SOON, D(2021, 11, 15)),
    ([D(2021, 12, 15)], None, Status.DUE_SOON, D(2021, 12, 15)),
    ([D(2021, 12, 16)], None, Status.OPEN, D(2021, 12, 16)),
    ([D(2021, 12, 1), D(2022, 12, 31)], None, Status.DUE_SOON, D(2021, 12, 1)),
    ([D(2021, 12, 31), D(2022, 12, 31)], None, Status.OPEN, D(2021, 12, 31)),
    ([None], None, Status.UNKNOWN, None),
    ([], None, Status.UNKNOWN, None),
    ([], "yearly", Status.OPEN, None),
    ([D(2020, 12, 31)], "yearly", Status.OVERDUE, D(2020, 12, 31)),
]


@pytest.mark.parametrize(("ends", "recurrence", "status", "due"), STATUSES)
def test_status_on_a_day(
    ends: list[D | None], recurrence: str | None, status: Status, due: D | None
) -> None:
    assert status_on(ends, recurrence, AS_OF) == (status, due)
