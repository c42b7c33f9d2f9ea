"""When a text says a document is to be reviewed: "Sau 5 năm sơ kết, 10 năm tổng kết", "hằng năm
báo cáo", "Năm 2023: tổ chức sơ kết", "tổng kết 10 năm".

`kg due` reads these phrases in a resolution's own text (read at ingest, `own_schedules`, and
stored as ``vk:ReviewSchedule`` by :mod:`kg.graph.schedules`) and in the sentences of the plans
that implement it (the sentence the graph keeps as a citation's evidence), to know which reviews
the document should have had. Pure: text in, phrases out, each with its span in the text as given.

"Sơ kết 5 năm thực hiện Nghị quyết X" names the review of X, the document mentioned right after:
the extractor reads it per mention (`Reference.elapsed_years`, stored as ``vk:reviewedYears``), so
that a sentence reviewing two documents ("tổng kết 10 năm thực hiện Nghị quyết 25, 05 năm thực
hiện Kết luận 43") gives each its own years. Here such a phrase is reported with the form
`ELAPSED` (its kind names the review, its years are not a schedule), except when it reviews the
text itself ("tổng kết 10 năm thực hiện Nghị quyết này").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from kg.textnorm import normalize_with_map

# The forms a schedule takes.
AFTER = "after"  # N years after the document: "sau 5 năm sơ kết", "tổng kết 10 năm"
EVERY = "every"  # every N years: "hằng năm báo cáo", "định kỳ 5 năm sơ kết"
IN_YEAR = "in_year"  # in a calendar year: "Năm 2023: ... sơ kết", "sơ kết vào quý III/2018"
ELAPSED = "elapsed"  # "sơ kết 5 năm thực hiện X": the review of the document X mentioned next

# The kinds of review, the most thorough first: a year holding two reviews is named by the first.
KINDS = ("tổng kết", "sơ kết", "đánh giá", "báo cáo")

_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "mười": 10}
_NUM = r"(?:\d{1,2}|một|hai|ba|bốn|năm|mười)"
_KIND = r"(?P<kind>sơ\s+kết|tổng\s+kết|đánh\s+giá|báo\s+cáo)"
_KIND_START = re.compile(r"(?<!\w)(?:sơ|tổng|đánh|báo)\s", re.IGNORECASE)
# Words that may stand between a time phrase and the review it schedules.
_GLUE = r"(?:\s*[,:\-–]\s*|\s+)(?:(?:tiến\s+hành|tổ\s+chức|thực\s+hiện|phải|sẽ)\s+)*"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# A calendar period that names a year: "năm 2023", "quý III/2018", "tháng 10/2023".
_PERIOD = (
    # ("quý" is matched as "qúy" too: the canonical copy moves the tone of "uý" onto the "u")
    r"(?:năm\s+|q(?:uý|úy)\s+[IVX\d]+\s*[/\-]\s*(?:năm\s+)?|tháng\s+\d{1,2}\s*[/\-]\s*(?:năm\s+)?)"
    + _YEAR
)
_SAME_CLAUSE = r"[^.;!?\n]"

# "Sau 5 năm sơ kết", "5 năm tổng kết một lần", "định kỳ 5 năm sơ kết", "qua 3 năm thực hiện,
# tổ chức sơ kết": the number of years comes before the review.
_YEARS_THEN_KIND = re.compile(
    rf"(?:(?P<lead>sau|qua|định\s+kỳ|cứ)\s+)?(?<![\w/.])(?P<n>{_NUM})\s+năm"
    rf"(?P<once>\s+(?:một|1|01)\s+lần)?(?:\s+(?:thực\s+hiện|triển\s+khai))?{_GLUE}{_KIND}"
    r"(?P<once_after>\s+(?:một|1|01)\s+lần)?",
    re.IGNORECASE,
)
# "tổng kết 10 năm", "sơ kết sau 3 năm", "đánh giá 5 năm thực hiện Chỉ thị này": the review first.
_KIND_THEN_YEARS = re.compile(
    rf"{_KIND}\s+(?:(?:việc|kết\s+quả)\s+)?(?:(?:thực\s+hiện|triển\s+khai)\s+)?(?P<lead>sau\s+)?"
    rf"(?P<n>{_NUM})\s+năm(?P<rest>\s+(?:thực\s+hiện|triển\s+khai)(?P<self>\s+(?:nghị\s+quyết|"
    r"chỉ\s+thị|kết\s+luận|kế\s+hoạch|chương\s+trình|quy\s+định|quyết\s+định|đề\s+án)\s+này)?)?",
    re.IGNORECASE,
)
# "hằng năm", "định kỳ hằng năm", "mỗi năm", "định kỳ 1 năm", "1 năm một lần" near a review.
_YEARLY = re.compile(
    r"(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+năm(?!\s+(?:19|20)\d{2})|định\s+kỳ\s+(?:01|1|một)\s+năm"
    r"|(?:01|1|một)\s+năm\s+(?:một|1|01)\s+lần",
    re.IGNORECASE,
)
# "Năm 2023: ...", "- Quý III/2018, tổ chức ...": a period that heads the clause.
_LEADING_PERIOD = re.compile(
    rf"\s*(?:[-+•*]\s*|\d+(?:\.\d+)*\.\s+|[a-zđ]\)\s*)?(?:(?:trong|vào|đến|cuối|đầu|giữa)\s+)*"
    rf"{_PERIOD}\s*[:,\-–]",
    re.IGNORECASE,
)
# "sơ kết ... vào năm 2018", "tổng kết trong quý IV/2023": the period right after the review.
_TRAILING_PERIOD = re.compile(
    rf"{_SAME_CLAUSE}{{0,80}}?(?<!\w)(?:vào|trong|trước|đến)\s+(?:(?:cuối|đầu|giữa)\s+)?"
    rf"{_PERIOD}",
    re.IGNORECASE,
)
# How far from a review a "hằng năm" may stand, in its clause.
_YEARLY_REACH = 40
# A review word and a comma or "và" right before "N năm <review>": the list goes on.
_LIST_BEFORE = re.compile(_KIND + r"\s*(?:,|và)\s*$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;!?\n]")
# "N năm thực hiện" with no review word of its own, after one that has it: "tổng kết 10 năm
# thực hiện Nghị quyết 25, 05 năm thực hiện Kết luận 43" reviews Kết luận 43 too.
_BARE_ELAPSED = re.compile(r"(?<![\w/.])(?P<n>\d{1,2})\s+năm\s+(?:thực\s+hiện|triển\s+khai)", re.I)
# The review words `_KIND` matches, by their last syllable: found with `str.find` in a whole
# document, far faster than a regular expression, so that only the clauses around them are parsed.
_LAST_SYLLABLES = {"kết": ("sơ", "tổng"), "giá": ("đánh",), "cáo": ("báo",)}
# How far from a review word a schedule's phrase may reach ("Sau 5 năm ... sơ kết", "sơ kết ...
# vào quý III/2018"), a line break between them too: each window parsed reaches this far, then to
# the edge of a clause.
_REACH = 80


@dataclass(frozen=True)
class Schedule:
    """One stated review: its kind, when (`years` after the document, `every` so many years, or
    in the calendar `year`), and the phrase's span in the text given (`phrase` as written)."""

    kind: str
    form: str  # AFTER | EVERY | IN_YEAR | ELAPSED
    start: int
    end: int
    phrase: str
    years: int | None = None
    every: int | None = None
    year: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "form": self.form,
            "years": self.years,
            "every": self.every,
            "year": self.year,
            "phrase": self.phrase,
            "start": self.start,
            "end": self.end,
        }


def schedules(text: str) -> list[Schedule]:
    """The reviews `text` schedules, in text order, at most one per review word it holds.

    A review word with no time beside it ("định kỳ sơ kết, tổng kết") schedules nothing: the
    conventions of `kg.followup.due` apply then.
    """
    matched = normalize_with_map(text)
    copy = matched.text
    if not _KIND_START.search(copy):  # most sentences name no review: one scan and out
        return []
    found: dict[int, Schedule] = {}  # by the start of the review word in the copy

    def keep(kind_start: int, schedule: Schedule) -> None:
        if kind_start not in found:
            found[kind_start] = schedule

    def make(match: re.Match[str], form: str, start: int, end: int, **when: int | None) -> Schedule:
        first, last = matched.span(start, end)
        kind = " ".join(match.group("kind").lower().split())
        return Schedule(kind, form, first, last, text[first:last], **when)

    for match in _KIND_THEN_YEARS.finditer(copy):
        years = _number(match.group("n"))
        if match.group("rest") and not match.group("self"):
            schedule = make(match, ELAPSED, match.start(), match.end(), years=years)
        else:
            schedule = make(match, AFTER, match.start(), match.end(), years=years)
        keep(match.start("kind"), schedule)
    _listed_reviews(copy, found, matched.span, text)
    for match in _YEARS_THEN_KIND.finditer(copy):
        years = _number(match.group("n"))
        lead = " ".join((match.group("lead") or "").lower().split())
        recurring = lead in ("định kỳ", "cứ") or match.group("once") or match.group("once_after")
        if recurring:
            schedule = make(match, EVERY, match.start(), match.end(), every=years)
        elif lead or _continues_a_list(copy, match.start()):
            schedule = make(match, AFTER, match.start(), match.end(), years=years)
        else:
            continue
        keep(match.start("kind"), schedule)
    for kind in re.finditer(_KIND, copy, re.IGNORECASE):
        if kind.start() in found:
            continue
        clause_start, clause_end = _clause(copy, kind.start())
        yearly = _yearly_near(copy, kind, clause_start, clause_end)
        if yearly is not None:
            start, end = min(yearly.start(), kind.start()), max(yearly.end(), kind.end())
            keep(kind.start(), make(kind, EVERY, start, end, every=1))
            continue
        leading = _LEADING_PERIOD.match(copy, clause_start, clause_end)
        if leading is not None:
            year = int(leading.group("year"))
            keep(kind.start(), make(kind, IN_YEAR, leading.start(), kind.end(), year=year))
            continue
        trailing = _TRAILING_PERIOD.match(copy, kind.end(), clause_end)
        if trailing is not None:
            year = int(trailing.group("year"))
            keep(kind.start(), make(kind, IN_YEAR, kind.start(), trailing.end(), year=year))
    return [found[at] for at in sorted(found)]


def own_schedules(text: str) -> list[Schedule]:
    """The reviews a document's whole text schedules for itself, in text order: `schedules`
    without the `ELAPSED` phrases (those review the document mentioned next) and without any of
    no years. Only the clauses around its review words are parsed: most of a document names
    none, and ingest reads every document."""
    matched = normalize_with_map(text)
    copy = matched.text
    found = []
    for first, last in _windows(copy):
        # The copy is canonical already: parsing it normalises nothing again.
        for schedule in schedules(copy[first:last]):
            if schedule.form != ELAPSED and (schedule.years or schedule.every or schedule.year):
                start, end = matched.span(schedule.start + first, schedule.end + first)
                found.append(replace(schedule, start=start, end=end, phrase=text[start:end]))
    return found


def _windows(copy: str) -> list[tuple[int, int]]:
    """The stretches of the canonical `copy` around its review words: `_REACH` characters either
    side of each, widened to the start and the end of a clause, the overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for word_start, word_end in _review_words(copy):
        before = max(0, word_start - _REACH)
        start = max(copy.rfind(char, 0, before) for char in ".;!?\n") + 1
        stop = _CLAUSE_END.search(copy, min(len(copy), word_end + _REACH))
        end = stop.start() if stop else len(copy)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _review_words(copy: str) -> list[tuple[int, int]]:
    """The spans of the review words of the canonical `copy`, in text order: where `_KIND`
    matches, any case, any space between the syllables."""
    lowered = copy.lower()
    if len(lowered) != len(copy):  # a letter whose lower case is longer: offsets would drift
        return [m.span() for m in re.finditer(_KIND, copy, re.IGNORECASE)]
    spans = []
    for last, firsts in _LAST_SYLLABLES.items():
        at = lowered.find(last)
        while at != -1:
            space = at
            while space > 0 and lowered[space - 1].isspace():
                space -= 1
            for first in firsts:
                start = space - len(first)
                if space < at and start >= 0 and lowered.startswith(first, start):
                    spans.append((start, at + len(last)))
            at = lowered.find(last, at + 1)
    return sorted(spans)


def _listed_reviews(
    copy: str, found: dict[int, Schedule], span: Callable[[int, int], tuple[int, int]], text: str
) -> None:
    """Add to `found` each bare "N năm thực hiện" that follows an `ELAPSED` review in the same
    clause, with that review's kind (keyed by the number's start: no review word of its own)."""
    elapsed = sorted((at, s) for at, s in found.items() if s.form == ELAPSED)
    if not elapsed:
        return
    covered = [(s.start, s.end) for s in found.values()]
    for match in _BARE_ELAPSED.finditer(copy, elapsed[0][0]):
        first, last = span(match.start(), match.end())
        if any(start <= first < end for start, end in covered):
            continue
        earlier = [at for at, _ in elapsed if at < match.start()]
        if earlier and not _CLAUSE_END.search(copy, earlier[-1], match.start()):
            kind = found[earlier[-1]].kind
            years = int(match.group("n"))
            found[match.start()] = Schedule(
                kind, ELAPSED, first, last, text[first:last], years=years
            )


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _continues_a_list(copy: str, start: int) -> bool:
    """Whether "10 năm tổng kết" continues a list of reviews ("Sau 5 năm sơ kết, 10 năm tổng
    kết", "Hằng năm sơ kết, 5 năm tổng kết"): then it is N years after the document too."""
    return _LIST_BEFORE.search(copy, max(0, start - 30), start) is not None


def _clause(copy: str, at: int) -> tuple[int, int]:
    """The clause around `at`: from the last stop or line break before it to the next one."""
    start = max(copy.rfind(char, 0, at) for char in ".;!?\n") + 1
    stop = _CLAUSE_END.search(copy, at)
    return start, stop.start() if stop else len(copy)


def _yearly_near(
    copy: str, kind: re.Match[str], clause_start: int, clause_end: int
) -> re.Match[str] | None:
    """A "hằng năm" within reach of the review word, in its clause, the nearest one."""
    window_start = max(clause_start, kind.start() - _YEARLY_REACH)
    window_end = min(clause_end, kind.end() + _YEARLY_REACH)
    near = list(_YEARLY.finditer(copy, window_start, window_end))
    if not near:
        return None
    return min(near, key=lambda m: min(abs(m.end() - kind.start()), abs(m.start() - kind.end())))
