"""Periods and deadlines as plans write them, turned into dates, and a task's status on a day.

A plan gives time in many shapes: "quý III/2021", "tháng 10/2023", "Từ tháng 8/2021 đến tháng
12/2021", "tháng 9 - 10/2023", "Năm 2022 - 2024", "trước ngày 31/7/2014", "6 tháng đầu năm
2022", "hằng năm", "thường xuyên". Each becomes a :class:`Period`: the words as written, their
offsets, and the first and last day they cover, where the text allows (a month or quarter
without a year takes the plan's year when it is given, else stays undated). "trước" marks a
deadline: nothing is said of the start, and the last day is the date named ("trước ngày
31/7/2014": 31 July) or the day before the month, quarter or year named ("trước quý IV/2021":
30 September).

Free text is full of dates that are no deadline ("Nghị quyết số 25-NQ/TW, ngày 03/6/2013"), so
outside a "Thời gian thực hiện:" value (`cued=True`) a date counts only after a word that makes
it one ("trước", "chậm nhất", "trong", "từ"); a quarter always does. Patterns are matched on the
canonical copy of :mod:`kg.textnorm` (old and new tone placement alike), offsets on the text as
given.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from kg.textnorm import MatchText, normalize, normalize_with_map

# Statuses on a day: past the last stage's end, a stage ending within `SOON_DAYS`, a stage
# ending later (or a recurring task with no end), and no date to tell by.
SOON_DAYS = 30


class Status(StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    OPEN = "open"
    UNKNOWN = "unknown"


def _pattern(source: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern written in plain Vietnamese, compiled in the canonical form texts are matched
    in ("quý" is "qúy" there)."""
    return re.compile(normalize(source), flags)


_YEAR = r"(?:19|20)\d\d"
_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# One point in time: a day, a part of a year, a quarter, a month or a year. Group names say
# which; the order of the alternatives is the order they are tried in.
_POINT = _pattern(
    r"(?:"
    rf"ngày\s+(?P<d2>\d{{1,2}})\s+tháng\s+(?P<m2>\d{{1,2}})(?:\s+năm\s+(?P<y2>{_YEAR}))?"
    rf"|(?:ngày\s+)?(?P<d>\d{{1,2}})[/-](?P<dm>\d{{1,2}})(?:[/-](?P<dy>{_YEAR}))?(?![\d/])"
    rf"|(?P<hn>[369])\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?:\s+(?P<hy>{_YEAR}))?"
    rf"|quý\s+(?P<q>iv|i{{1,3}}|[1-4])(?![a-zđ\d])(?:\s*(?:/|-|năm)\s*(?P<qy>{_YEAR}))?"
    rf"|tháng\s+(?P<m>\d{{1,2}})(?!\d)(?:\s*(?:/|-|năm)\s*(?P<my>{_YEAR}))?"
    rf"|(?P<bm>\d{{1,2}})/(?P<by>{_YEAR})"
    rf"|(?:năm\s+|giai đoạn\s+)?(?P<y>{_YEAR})"
    r")(?!\d)"
)
# Between two points of one range: "đến", "tới", a dash.
_RANGE_GAP = _pattern(r"\s*(?:-|–|—|đến(?:\s+hết)?|tới)\s*")
# Before a point: it is a deadline ("trước ngày 31/7/2014", "chậm nhất là ngày ...").
_BY = _pattern(r"(?:trước|chậm nhất(?:\s+(?:là|vào|đến))?|hạn(?:\s+chót)?|không quá)\s*$")
# Before a point in free text: it is a time the task is set for.
_CUE = _pattern(
    r"(?:trước|chậm nhất(?:\s+(?:là|vào|đến))?|hạn(?:\s+chót)?|không quá|trong|vào|từ|"
    r"đến|hoàn thành|xong)\s*$"
)
_FROM = _pattern(r"\btừ\s*$")
# Free text gives a time only where a cue word is followed by a unit or a number, or a quarter
# is named: one light scan before the full pattern.
_CUED_TIME = _pattern(
    r"quý|(?:trước|chậm nhất|trong|vào|từ|hạn|không quá|hoàn thành|xong)\s+"
    r"(?:(?:là|vào|đến)\s+)?(?:ngày|tháng|năm|giai đoạn|\d)"
)
_LOOKBEHIND = 24
_RECURRENCE = _pattern(r"\b(?:hằng|hàng)\s+(năm|quý|tháng|tuần|ngày)\b|\b(thường xuyên)\b")
_RECURRENCE_NAMES = {
    normalize("năm"): "yearly",
    normalize("quý"): "quarterly",
    normalize("tháng"): "monthly",
    normalize("tuần"): "weekly",
    normalize("ngày"): "daily",
    normalize("thường xuyên"): "ongoing",
}
# What separates the stages of one value ("cấp tỉnh quý III/2021; cấp huyện quý IV/2021").
_STAGE_TRIM = " \t.,;:-–"


@dataclass(frozen=True)
class Period:
    """A time a text gives, with the days it covers (None where the text does not say)."""

    text: str  # as written
    start: int  # offsets in the text parsed
    end: int
    begins: dt.date | None
    ends: dt.date | None
    # A deadline ("trước ngày ..."): the last day only.
    deadline: bool = False
    # What the period is for, as written: "cấp tỉnh" before it, or the work after "Năm 2022:".
    label: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "begins": _iso(self.begins),
            "ends": _iso(self.ends),
            "deadline": self.deadline,
            "label": self.label,
        }


# (start, end, first day, last day, deadline) of a period in the canonical copy.
_Found = tuple[int, int, dt.date | None, dt.date | None, bool]


@dataclass(frozen=True)
class _Point:
    start: int  # in the canonical copy
    end: int
    begins: dt.date | None
    ends: dt.date | None
    year_given: bool
    # How to fill a missing year: (unit, first, last) in months, or a day.
    unit: tuple[str, int, int, int | None]


def parse_periods(
    text: str, *, year: int | None = None, cued: bool = False, offset: int = 0
) -> tuple[Period, ...]:
    """Every period `text` gives, in order, offsets plus `offset`.

    `year` fills a month, quarter or day written without one (the plan's year). With `cued`,
    only times after a word that sets them ("trước", "trong", "từ"...) and quarters count:
    free text, where most dates are those of documents cited.
    """
    match_text = normalize_with_map(text)
    canon = match_text.text
    if cued and not _CUED_TIME.search(canon):
        return ()
    points = [_point(found) for found in _POINT.finditer(canon)]
    periods: list[_Found] = []
    index = 0
    while index < len(points):
        first = points[index]
        last = first
        following = points[index + 1] if index + 1 < len(points) else None
        if following is not None and _RANGE_GAP.fullmatch(canon, first.end, following.start):
            last = following
            index += 1
        index += 1
        before = canon[max(0, first.start - _LOOKBEHIND) : first.start]
        if cued and not _CUE.search(before) and first.unit[0] != "quarter":
            continue
        begins, ends = _span(first, last, year)
        deadline = bool(_BY.search(before)) and last is first
        if deadline:
            begins, ends = None, _deadline_day(first, year)
        # "từ tháng 8/2021 ...", "trước ngày 31/7/2014": the period starts at the word.
        opening = _BY.search(before) if deadline else _FROM.search(before)
        start = first.start - len(before) + opening.start() if opening else first.start
        periods.append((start, last.end, begins, ends, deadline))
    return tuple(_with_labels(text, match_text, periods, offset, labelled=not cued))


def recurrence_of(text: str, *, ongoing: bool = True) -> str | None:
    """How often a task recurs, if the text says: "hằng năm" -> "yearly", "thường xuyên" ->
    "ongoing" (only with `ongoing`: said of a task's time; in a task's own words "thường
    xuyên" is how, not when)."""
    for found in _RECURRENCE.finditer(normalize(text)):
        if found.group(1):
            return _RECURRENCE_NAMES.get(found.group(1).lower())
        if ongoing:
            return _RECURRENCE_NAMES[normalize("thường xuyên")]
    return None


def status_on(
    ends: Iterable[dt.date | None],
    recurrence: str | None,
    as_of: dt.date,
    *,
    soon_days: int = SOON_DAYS,
) -> tuple[Status, dt.date | None]:
    """A task's status on `as_of` from the last days of its stages, and the day it is due.

    Overdue once every stage's last day is past (whether it was done, no plan says); due soon
    when the next stage ends within `soon_days`; open when it ends later, or when a recurring
    task gives no end; unknown when the text gives no day at all.
    """
    dated = sorted(day for day in ends if day is not None)
    if not dated:
        return (Status.OPEN if recurrence else Status.UNKNOWN), None
    pending = [day for day in dated if day >= as_of]
    if not pending:
        return Status.OVERDUE, dated[-1]
    due = pending[0]
    if (due - as_of).days <= soon_days:
        return Status.DUE_SOON, due
    return Status.OPEN, due


# -- points and ranges ----------------------------------------------------------------------


def _point(found: re.Match[str]) -> _Point:
    groups = found.groupdict()
    if groups["d2"] or groups["d"]:
        day = int(groups["d2"] or groups["d"])
        month = int(groups["m2"] or groups["dm"])
        given = groups["y2"] or groups["dy"]
        return _made(found, given, ("day", month, month, day))
    if groups["hn"]:
        months = int(groups["hn"])
        first, last = (1, months) if groups["half"].lower() == "đầu" else (13 - months, 12)
        return _made(found, groups["hy"], ("months", first, last, None))
    if groups["q"]:
        numeral = groups["q"].lower()
        quarter = _ROMAN_QUARTER.get(numeral) or int(numeral)
        return _made(found, groups["qy"], ("quarter", 3 * quarter - 2, 3 * quarter, None))
    if groups["m"] or groups["bm"]:
        month = int(groups["m"] or groups["bm"])
        return _made(found, groups["my"] or groups["by"], ("months", month, month, None))
    return _made(found, groups["y"], ("months", 1, 12, None))


def _made(
    found: re.Match[str], given: str | None, unit: tuple[str, int, int, int | None]
) -> _Point:
    begins, ends = _days(unit, int(given)) if given else (None, None)
    return _Point(found.start(), found.end(), begins, ends, given is not None, unit)


def _days(
    unit: tuple[str, int, int, int | None], year: int
) -> tuple[dt.date | None, dt.date | None]:
    kind, first, last, day = unit
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return None, None
    if kind == "day":
        try:
            date = dt.date(year, first, day or 0)
        except ValueError:
            return None, None
        return date, date
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _span(first: _Point, last: _Point, year: int | None) -> tuple[dt.date | None, dt.date | None]:
    """The days of a point or range; a missing year comes from the range's other end ("tháng 9
    - 10/2023"), else from `year`."""
    fill = next(
        (p.begins.year for p in (last, first) if p.year_given and p.begins is not None), year
    )
    begins = first.begins if first.year_given else _filled(first, fill)[0]
    ends = last.ends if last.year_given else _filled(last, fill)[1]
    if begins is not None and ends is not None and ends < begins:
        return None, None  # "tháng 12 - 2/2022": a range the text leaves unclear
    return begins, ends


def _filled(point: _Point, year: int | None) -> tuple[dt.date | None, dt.date | None]:
    return _days(point.unit, year) if year is not None else (None, None)


def _deadline_day(point: _Point, year: int | None) -> dt.date | None:
    """The last day of a "trước ..." deadline: the day named, or the day before the month,
    quarter or year named."""
    begins, ends = (point.begins, point.ends) if point.year_given else _filled(point, year)
    if point.unit[0] == "day":
        return ends
    return begins - dt.timedelta(days=1) if begins is not None else None


def _with_labels(
    text: str, match_text: MatchText, periods: list[_Found], offset: int, *, labelled: bool
) -> Iterator[Period]:
    """Periods with offsets in the original text and what each is for: the words after it
    up to the next period when a colon follows it ("Năm 2022: Thực hiện ..."), else the words
    before it since the last period or semicolon ("cấp tỉnh quý III/2021"). Free text has no
    such labels (`labelled` false)."""
    for index, (start, end, begins, ends, deadline) in enumerate(periods):
        label_start, label_end = _label_span(match_text.text, periods, index)
        first, last = match_text.span(start, end)
        label = None
        if labelled and label_end > label_start:
            a, b = match_text.span(label_start, label_end)
            label = text[a:b].strip(_STAGE_TRIM) or None
        yield Period(text[first:last], first + offset, last + offset, begins, ends, deadline, label)


def _label_span(canon: str, periods: list[_Found], index: int) -> tuple[int, int]:
    start, end = periods[index][0], periods[index][1]
    following = periods[index + 1][0] if index + 1 < len(periods) else len(canon)
    after = canon[end:following]
    if after.lstrip().startswith(":"):
        return end + after.index(":") + 1, following
    previous = periods[index - 1][1] if index else 0
    before = canon[previous:start]
    cut = max(before.rfind(";"), before.rfind("."), before.rfind(":"))
    return previous + cut + 1, start


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
