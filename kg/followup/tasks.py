"""The tasks a plan sets out: what is to be done, who leads it, who takes part, and by when.

Plans lay tasks out three ways, and all three are read here:

- labelled lines under a task, the list form::

      - Tham mưu cấp ủy kế hoạch tiếp tục thực hiện Đề án ...
      + Cơ quan chủ trì: Ban Dân vận cấp ủy, (Phòng Đoàn thể và các hội tham mưu).
      + Cơ quan phối hợp: Văn phòng cấp ủy, MTTQ và các đoàn thể chính trị - xã hội tỉnh.
      + Thời gian thực hiện: cấp tỉnh quý III/2021; cấp huyện quý IV/2021.

  the lines ("Cơ quan chủ trì:", "Đơn vị chủ trì:", "Cơ quan chủ trì tham mưu:", "Đơn vị phối
  hợp:", "Thời gian hoàn thành:", "Thời hạn:") belong to the line above them, the task;
- inline: "Ban Dân vận Trung ương chủ trì tổng hợp báo cáo ... Thời gian hoàn thành: tháng
  10/2023", "Chủ trì, phối hợp tham mưu ..." (no subject: the plan's issuer leads), or a
  deadline alone ("... gửi về Ban Dân vận Trung ương trước ngày 30/8/2023");
- a table, each row a task: a header row ("TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |
  Thời gian") then the rows. The readers give a .docx or HTML table one cell per line, so the
  rows are found again from the header's width and the row numbers; a row read as one line
  with tabs between the cells works too.

A plan is text in, frozen dataclasses out, each with offsets into the text as given (patterns
match the canonical copy of :mod:`kg.textnorm`). Bodies are kept as written; the registry
matches them later, against the plan's province. Only lines holding a cue word ("chủ trì",
"thời gian", "thời hạn", "hoàn thành", "tiến độ", "trước ngày", "chậm nhất") and their
neighbours are read closely: a text without one costs a single scan.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from kg.followup.deadlines import Period, parse_periods, recurrence_of
from kg.textnorm import MatchText, fold, normalize, normalize_with_map


def _pattern(source: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern written in plain Vietnamese, compiled in the canonical form of texts."""
    return re.compile(normalize(source), flags)


# Where a close reading starts. Found with `str.find` on a lower-cased copy: a regular
# expression of the same words, ignoring case, reads text at a fifth of the speed.
_CUE_WORDS = tuple(
    normalize(word)
    for word in (
        "chủ trì",
        "thời gian",
        "thời hạn",
        "hoàn thành",
        "tiến độ",
        "trước ngày",
        "chậm nhất",
    )
)
_CUES = _pattern("|".join(_CUE_WORDS))
# What `normalize` changes besides composition: the cue words might hide behind these.
_SPACE_LIKE = ("\u00a0", "\u202f", "\u2007", "\ufeff")

_LEAD_LABEL = (
    r"(?:(?:cơ quan|đơn vị|bộ phận|ngành)(?:\s*,\s*(?:cơ quan|đơn vị))?\s+)?chủ trì"
    r"(?:\s*,?\s*(?:tham mưu|thực hiện|triển khai|tổ chức))?"
    r"|(?:cơ quan|đơn vị)\s+(?:thực hiện|tham mưu|đầu mối|thường trực)"
)
_PARTNER_LABEL = (
    r"(?:(?:cơ quan|đơn vị|bộ phận|ngành)(?:\s*,\s*(?:cơ quan|đơn vị))?\s+)?phối hợp"
    r"(?:\s+(?:thực hiện|tham mưu|triển khai))?"
)
_TIME_LABEL = (
    r"thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai|tổ chức|dự kiến|trình))?"
    r"|thời hạn(?:\s+(?:hoàn thành|thực hiện))?|tiến độ(?:\s+(?:thực hiện|hoàn thành))?"
    r"|hạn hoàn thành"
)
# A label and where its value starts: after a colon, or for a time said in full ("Thời gian
# dự kiến từ tháng 9 - 10/2023") before the word that opens it.
_LABEL = (
    rf"(?:(?P<lead>{_LEAD_LABEL})|(?P<partner>{_PARTNER_LABEL})|(?P<time>{_TIME_LABEL}))\s*:"
    r"|(?P<said>thời gian\s+(?:thực hiện|hoàn thành|triển khai|tổ chức|dự kiến))\s+"
    r"(?=(?:từ|trong|vào|trước|chậm nhất)\s)"
)
_BULLET = r"[ \t]*(?:[-+*•·–—]+[ \t]*)?"
# A line that is a label: "- Cơ quan chủ trì: ...", "+ Đơn vị chủ trì: ...", " Thời gian: ...".
_LABELLED_LINE = _pattern(rf"{_BULLET}(?:{_LABEL})")
# A label inside a line, after a sentence: "... phù hợp. Thời gian hoàn thành: tháng 10/2023."
_INNER_LABEL = _pattern(rf"[.;][ \t]*(?:{_LABEL})")
# Numbering or a bullet before an item's words: "1.", "2.1.", "II.", "a)", "-", "+".
_MARKER = _pattern(r"[ \t]*(?:[-+*•·–—]+|(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]|[a-zđ]\))?[ \t]*")
# A numbered line, by level: "II." 0, "1." 1, "1.1." 2 (a dot a level), "a)" 9.
_NUMBERED = re.compile(
    r"[ \t]*(?:(?P<roman>[IVXLC]+)\.|(?P<arabic>\d+(?:\.\d+)*)[.)]|(?P<letter>[a-zđ])\))[ \t]*\S"
)
_LETTER_LEVEL = 9
_UNNUMBERED_LEVEL = 10
_INLINE_LEAD = _pattern(r"chủ trì")
_PARTNERS_AFTER = _pattern(r"[ \t]*,?[ \t]*(?:và[ \t]+)?phối hợp(?:[ \t]+chặt chẽ)? với[ \t]+")
# How a body's name starts (capitalised: "hội thảo do lãnh đạo Ban chủ trì" names none).
_HEAD_WORDS = (
    "Ban",
    "Sở",
    "Văn phòng",
    "Ủy ban",
    "UBND",
    "HĐND",
    "MTTQ",
    "UBMTTQ",
    "Mặt trận",
    "Đảng đoàn",
    "Đảng ủy",
    "Đảng bộ",
    "Hội",
    "Trường",
    "Công an",
    "Bộ",
    "BCH",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Tỉnh đoàn",
    "Thành đoàn",
    "Huyện đoàn",
    "Đoàn",
    "Liên đoàn",
    "Liên minh",
    "Phòng",
    "Cục",
    "Chi cục",
    "Tổng cục",
    "Vụ",
    "Viện",
    "Báo",
    "Đài",
    "Tạp chí",
    "Tòa án",
    "Thanh tra",
    "Thường trực",
    "Trung tâm",
    "Kho bạc",
    "Ngân hàng",
    "Binh đoàn",
    "Quân khu",
    "Biên phòng",
    "Bộ đội",
    "Chính phủ",
    "Thủ tướng",
    "Quốc hội",
    "Cơ quan",
    "Khối",
    "Cụm",
    "Tổ",
    "Chi bộ",
    "Tiểu ban",
    "Các",
)
_HEADS = "|".join(sorted((re.escape(normalize(w)) for w in _HEAD_WORDS), key=len, reverse=True))
_HEAD = re.compile(rf"(?:{_HEADS})(?!\w)")
# A list of bodies goes on after "và" only when a body follows: "Ban Tuyên giáo và Dân vận"
# is one body, "MTTQ và các đoàn thể" two.
_AND_BODY = re.compile(rf"\s+và\s+(?=(?:{_HEADS}|các)(?!\w))")
_LOWER_LIST = re.compile(r"các\s")
_LIST_SEPARATOR = re.compile(rf"[,;]|{_AND_BODY.pattern}")
# Words that open a subject clause before a lead: "Giao Ban Tuyên giáo chủ trì".
_SUBJECT_OPENER = _pattern(r"(?:giao|do|đề nghị|để)\s+")
# Where an inline list of partners stops: the work they do together, in lower case ("Ban Tổ
# chức Tỉnh ủy" is a body).
_PARTNERS_END = _pattern(
    r"\s(?:tổ chức|triển khai|thực hiện|xây dựng|tham mưu|hướng dẫn|tổng hợp|nắm|để|nhằm|"
    r"tiến hành|rà soát|đánh giá|tuyên truyền|theo dõi|báo cáo|chỉ đạo|vận động|giám sát|"
    r"phát động|sơ kết|tổng kết|biên soạn|khảo sát|làm việc|trong|về|tại)\s",
    flags=0,
)
_CLAUSE_BOUNDARY = ",;:.!?()\n"
# How far a lead's subject may run: a body's name, not a sentence.
_SUBJECT_WORDS = 12
# Subjects that name no body: a table header "Cơ quan chủ trì" read as a sentence.
_NO_BODY = frozenset({"cơ quan", "các", "các cơ quan"})
# How far above a task its section heading is looked for.
_HEADING_LINES = 400

# Table headers, on a folded cell.
_HEADER_CELL = re.compile(
    r"(?P<stt>s?tt|số tt|số thứ tự)"
    r"|(?P<lead>(?:(?:cơ quan|đơn vị|bộ phận)\s*)?chủ trì.*|(?:cơ quan|đơn vị) thực hiện.*)"
    r"|(?P<partner>(?:(?:cơ quan|đơn vị|bộ phận)\s*)?phối hợp.*)"
    r"|(?P<time>thời gian.*|thời hạn.*|tiến độ.*|hạn hoàn thành.*)"
    r"|(?P<content>nội dung.*|nhiệm vụ.*|công việc.*|tên .*|các nhiệm vụ.*|giải pháp.*)"
    r"|(?P<other>ghi chú.*|sản phẩm.*|kết quả.*|hình thức.*|kinh phí.*|dự kiến.*|cấp .*)"
)
_HEADER_LENGTH = 60
_ROW_NUMBER = re.compile(r"(?:\d{1,3}|[IVXLC]{1,5}|[a-zđA-Z])(?:\.\d{1,3})*[.)]?")
# How many more lines than columns one row may take (cells of several paragraphs).
_ROW_SLACK = 8
_TAB_CELLS = re.compile(r"\t| \| ")


@dataclass(frozen=True)
class BodyName:
    """A body as a task names it: the name as written, its offsets, and the note in brackets
    after it ("Phòng Đoàn thể và các hội tham mưu")."""

    name: str
    start: int
    end: int
    note: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "start": self.start, "end": self.end, "note": self.note}


@dataclass(frozen=True)
class Task:
    """One task of a plan, with the offsets of its text and of the whole of it in the plan."""

    text: str  # what is to be done, as written (the item, the sentence, the row's content)
    text_start: int
    text_end: int
    start: int  # the task with its labelled lines or its row
    end: int
    layout: str  # "lines", "inline" or "table"
    heading: str | None = None  # the numbered heading above it ("2.2. Nâng cao hiệu quả ...")
    leads: tuple[BodyName, ...] = ()
    partners: tuple[BodyName, ...] = ()
    # "Chủ trì, phối hợp ..." with no subject: the body issuing the plan leads.
    lead_is_issuer: bool = False
    time_text: str | None = None  # the time as written ("cấp tỉnh quý III/2021; ...")
    periods: tuple[Period, ...] = ()
    recurrence: str | None = None  # "yearly", "quarterly", "monthly", "ongoing"...

    @property
    def begins(self) -> dt.date | None:
        days = [p.begins for p in self.periods if p.begins is not None]
        return min(days) if days else None

    @property
    def ends(self) -> dt.date | None:
        days = [p.ends for p in self.periods if p.ends is not None]
        return max(days) if days else None

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "text_start": self.text_start,
            "text_end": self.text_end,
            "start": self.start,
            "end": self.end,
            "layout": self.layout,
            "heading": self.heading,
            "leads": [b.to_json() for b in self.leads],
            "partners": [b.to_json() for b in self.partners],
            "lead_is_issuer": self.lead_is_issuer,
            "time_text": self.time_text,
            "periods": [p.to_json() for p in self.periods],
            "recurrence": self.recurrence,
        }


@lru_cache(maxsize=4)
def parse_tasks(text: str, *, year: int | None = None) -> tuple[Task, ...]:
    """Every task `text` sets out, in the order written.

    `year` (the plan's) dates a month or quarter written without one.
    """
    if not text or not _has_cue(text):
        return ()
    plan = _Plan(text, year)
    return tuple(sorted(plan.tasks(), key=lambda task: (task.start, task.text_start)))


def body_names(tasks: Iterable[Task]) -> list[str]:
    """Each body name the tasks give, once, in the order first written."""
    names = (b.name for task in tasks for b in (*task.leads, *task.partners))
    return list(dict.fromkeys(names))


def _has_cue(text: str) -> bool:
    """Whether a cue word occurs: in the text as read, else (when normalising might change a
    cue word: decomposed text, special spaces; tone placement does not touch them) in the
    canonical copy. Most texts answer at the first check, without normalising."""
    lowered = text.lower()
    if any(word in lowered for word in _CUE_WORDS):
        return True
    if unicodedata.is_normalized("NFC", text) and not any(c in text for c in _SPACE_LIKE):
        return False
    lowered = normalize(text).lower()
    return any(word in lowered for word in _CUE_WORDS)


def _cue_positions(canon: str) -> Iterator[int]:
    """Where each cue word starts in the canonical copy."""
    lowered = canon.lower()
    if len(lowered) != len(canon):  # a character lower-cased to two ("İ"): offsets would drift
        yield from (found.start() for found in _CUES.finditer(canon))
        return
    for word in _CUE_WORDS:
        at = lowered.find(word)
        while at != -1:
            yield at
            at = lowered.find(word, at + len(word))


# -- the plan, line by line ----------------------------------------------------------------


@dataclass
class _Draft:
    """A task being put together from its item line and the lines that belong to it."""

    item: int  # the item's line
    text_span: tuple[int, int]  # in the canonical copy
    end: int
    layout: str
    leads: list[BodyName] = field(default_factory=list)
    partners: list[BodyName] = field(default_factory=list)
    lead_is_issuer: bool = False
    times: list[str] = field(default_factory=list)  # time values as written
    periods: list[Period] = field(default_factory=list)


class _Plan:
    """One text, its canonical copy, its lines, and the tasks found in them."""

    def __init__(self, text: str, year: int | None) -> None:
        self.original = text
        self.match: MatchText = normalize_with_map(text)
        self.canon = self.match.text
        self.year = year
        self.starts = [0, *(m.end() for m in re.finditer("\n", self.canon))]

    # Lines -----------------------------------------------------------------------------------

    def line_span(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.canon)
        if end > start and self.canon[end - 1] == "\r":
            end -= 1
        return start, end

    def line(self, index: int) -> str:
        start, end = self.line_span(index)
        return self.canon[start:end]

    def blank(self, index: int) -> bool:
        return not self.line(index).strip()

    def labelled(self, index: int) -> re.Match[str] | None:
        start, end = self.line_span(index)
        return _LABELLED_LINE.match(self.canon, start, end)

    def original_span(self, start: int, end: int) -> tuple[str, int, int]:
        """The original text of a canonical span, and its offsets in the original."""
        first, last = self.match.span(start, end)
        return self.original[first:last], first, last

    def trimmed(self, start: int, end: int, chars: str = " \t.,;:") -> tuple[int, int]:
        while start < end and self.canon[start] in chars:
            start += 1
        while end > start and self.canon[end - 1] in chars:
            end -= 1
        return start, end

    # Tasks -----------------------------------------------------------------------------------

    def tasks(self) -> Iterator[Task]:
        cue_lines = sorted({bisect_right(self.starts, at) - 1 for at in _cue_positions(self.canon)})
        in_tables: set[int] = set()
        for index in cue_lines:
            if index not in in_tables:
                rows, used = self._table_at(index)
                in_tables |= used
                yield from rows
        drafts: dict[int, _Draft] = {}
        grouped: set[int] = set()
        for index in cue_lines:
            if index in in_tables or index in grouped:
                continue
            if self.labelled(index):
                group = self._group(index)
                grouped.update(group)
                item = self._item_above(group[0], in_tables)
                if item is not None:
                    self._read_group(drafts, item, group)
            else:
                self._read_inline(drafts, index)
        for draft in drafts.values():
            task = self._task(draft)
            if task is not None:
                yield task

    def _group(self, index: int) -> list[int]:
        """The labelled lines around `index`, blank lines between them allowed."""
        first = last = index
        probe = index - 1
        while probe >= 0 and (self.blank(probe) or self.labelled(probe)):
            if self.labelled(probe):
                first = probe
            probe -= 1
        probe = index + 1
        while probe < len(self.starts) and (self.blank(probe) or self.labelled(probe)):
            if self.labelled(probe):
                last = probe
            probe += 1
        return [i for i in range(first, last + 1) if not self.blank(i)]

    def _item_above(self, index: int, in_tables: set[int]) -> int | None:
        probe = index - 1
        while probe >= 0 and self.blank(probe):
            probe -= 1
        if probe < 0 or probe in in_tables:
            return None
        return probe

    def _draft(self, drafts: dict[int, _Draft], item: int, layout: str) -> _Draft:
        if item not in drafts:
            start, end = self.line_span(item)
            inner = _INNER_LABEL.search(self.canon, start, end)
            text_end = inner.start() + 1 if inner else end
            marker = _MARKER.match(self.canon, start, text_end)
            text_start = marker.end() if marker else start
            drafts[item] = _Draft(item, self.trimmed(text_start, text_end, " \t"), end, layout)
        return drafts[item]

    def _read_group(self, drafts: dict[int, _Draft], item: int, group: list[int]) -> None:
        draft = self._draft(drafts, item, "lines")
        draft.layout = "lines"
        for index in group:
            start, end = self.line_span(index)
            self._read_labels(draft, start, end)
            draft.end = max(draft.end, end)

    def _read_labels(self, draft: _Draft, start: int, end: int) -> None:
        """The labelled values from `start` to `end`: each runs to the next label."""
        labels = []
        first = _LABELLED_LINE.match(self.canon, start, end)
        if first is not None:
            labels.append(first)
        search_from = first.end() if first is not None else start
        labels += list(_INNER_LABEL.finditer(self.canon, search_from, end))
        for number, label in enumerate(labels):
            value_end = labels[number + 1].start() + 1 if number + 1 < len(labels) else end
            value = self.trimmed(label.end(), value_end)
            if label.group("lead"):
                draft.leads += self._bodies(*value)
            elif label.group("partner"):
                draft.partners += self._bodies(*value)
            else:
                self._read_time(draft, *value, said=bool(label.group("said")))

    def _read_time(self, draft: _Draft, start: int, end: int, *, said: bool = False) -> None:
        """A time value; one said without a colon ("Thời gian dự kiến từ tháng 9 - 10/2023,
        Chương trình ...") runs only as far as its periods."""
        if end <= start:
            return
        text, first, _ = self.original_span(start, end)
        periods = parse_periods(text, year=self.year, offset=first)
        if said and periods:
            text = self.original[periods[0].start : periods[-1].end]
        draft.times.append(text)
        draft.periods += periods

    def _read_inline(self, drafts: dict[int, _Draft], index: int) -> None:
        """A line that is no label: a lead named in it, a label after a sentence, a deadline."""
        start, end = self.line_span(index)
        inner = _INNER_LABEL.search(self.canon, start, end)
        item_end = inner.start() + 1 if inner else end
        marker = _MARKER.match(self.canon, start, item_end)
        content = marker.end() if marker else start
        leads: list[BodyName] = []
        partners: list[BodyName] = []
        by_issuer = False
        for cue in _INLINE_LEAD.finditer(self.canon, content, item_end):
            subject = self._subject(content, cue.start())
            if subject is None:
                by_issuer = by_issuer or self._opens_item(content, cue)
                if not by_issuer:
                    continue
            else:
                leads.append(subject)
            partners += self._inline_partners(cue.end(), item_end)
        item_text, first, _ = self.original_span(content, item_end)
        periods = parse_periods(item_text, year=self.year, cued=True, offset=first)
        has_deadline = any(p.deadline for p in periods)
        if not (leads or by_issuer or inner or has_deadline):
            return
        draft = self._draft(drafts, index, "inline")
        draft.leads += leads
        draft.partners += partners
        draft.lead_is_issuer = draft.lead_is_issuer or (by_issuer and not leads)
        draft.periods += periods
        if inner:
            self._read_labels(draft, inner.start() + 1, end)

    def _opens_item(self, content: int, cue: re.Match[str]) -> bool:
        """ "Chủ trì, phối hợp ..." at the start of an item: no subject, the plan's issuer."""
        return cue.start() == content and self.canon[cue.start()] == "C"

    def _subject(self, content: int, cue: int) -> BodyName | None:
        """The body before an inline "chủ trì": the words since the clause began, when they
        are a body's name ("Ban Dân vận Trung ương chủ trì ...")."""
        before = self.canon[content:cue]
        boundary = max(before.rfind(ch) for ch in _CLAUSE_BOUNDARY)
        start = content + boundary + 1
        opener = _SUBJECT_OPENER.match(self.canon, start + _spaces(self.canon, start), cue)
        if opener is not None:
            start = opener.end()
        start, end = self.trimmed(start, cue, " \t")
        if end <= start or not _HEAD.match(self.canon, start, end):
            return None
        words = self.canon[start:end]
        if len(words.split()) > _SUBJECT_WORDS or fold(words) in _NO_BODY:
            return None
        name, first, last = self.original_span(start, end)
        return BodyName(name, first, last)

    def _inline_partners(self, after: int, end: int) -> list[BodyName]:
        """The bodies of "..., phối hợp với A, B và C" after a lead, up to the work itself."""
        opener = _PARTNERS_AFTER.match(self.canon, after, end)
        if opener is None:
            return []
        stop = end
        for index in range(opener.end(), end):
            if self.canon[index] in ".;:(\n":
                stop = index
                break
        verb = _PARTNERS_END.search(self.canon, opener.end(), stop)
        if verb is not None:
            stop = verb.start()
        found = []
        for body in self._bodies(opener.end(), stop):
            if not _HEAD.match(body.name) and not _LOWER_LIST.match(body.name):
                break
            found.append(body)
        return found

    def _bodies(self, start: int, end: int) -> list[BodyName]:
        """The bodies of a list as written: split at commas, semicolons and "và" before a
        body, never inside brackets; a bracket is a note on the body before it."""
        brackets = _bracket_spans(self.canon, start, end)
        cuts = [
            m
            for m in _LIST_SEPARATOR.finditer(self.canon, start, end)
            if not any(a <= m.start() < b for a, b in brackets)
        ]
        pieces, begin = [], start
        for cut in cuts:
            pieces.append((begin, cut.start()))
            begin = cut.end()
        pieces.append((begin, end))
        bodies: list[BodyName] = []
        for first, last in pieces:
            first, last = self.trimmed(first, last, " \t.,;:-")
            if last <= first:
                continue
            bracket = next(((a, b) for a, b in brackets if first <= a < last), None)
            name_end = bracket[0] if bracket else last
            note = None
            if bracket is not None:
                inside = self.trimmed(bracket[0] + 1, min(bracket[1], last) - 1, " \t")
                note = self.original_span(*inside)[0] or None
            name_start, name_end = self.trimmed(first, name_end, " \t.,;:-")
            if name_end <= name_start or not any(
                ch.isalpha() for ch in self.canon[name_start:name_end]
            ):
                if note and bodies:
                    bodies[-1] = BodyName(bodies[-1].name, bodies[-1].start, bodies[-1].end, note)
                continue
            name, a, b = self.original_span(name_start, name_end)
            bodies.append(BodyName(" ".join(name.split()), a, b, note))
        return bodies

    def _heading(self, item: int) -> str | None:
        """The nearest numbered line above the item at a higher level than the item's
        ("1. Nhiệm vụ trọng tâm" above "1.1. Chủ trì, ..."; any number above a bullet)."""
        level = self._level(item)
        for probe in range(item - 1, max(-1, item - _HEADING_LINES), -1):
            if self._level(probe) < level:
                start, end = self.line_span(probe)
                return self.original_span(*self.trimmed(start, end, " \t"))[0]
        return None

    def _level(self, index: int) -> int:
        start, end = self.line_span(index)
        numbered = _NUMBERED.match(self.canon, start, end)
        if numbered is None:
            return _UNNUMBERED_LEVEL
        if numbered.group("roman"):
            return 0
        if numbered.group("arabic"):
            return numbered.group("arabic").count(".") + 1
        return _LETTER_LEVEL

    def _task(self, draft: _Draft) -> Task | None:
        text_start, text_end = draft.text_span
        if text_end <= text_start:
            return None
        text, first, last = self.original_span(text_start, text_end)
        # The time as written: the labelled values, else the deadlines found in the text.
        time_text = "; ".join(draft.times or [p.text for p in draft.periods]) or None
        recurrence = recurrence_of(time_text or "") or recurrence_of(text, ongoing=False)
        periods = tuple(dict.fromkeys(draft.periods))
        line_start = self.line_span(draft.item)[0]
        return Task(
            text=text,
            text_start=first,
            text_end=last,
            start=self.match.to_original(
                min(line_start + _spaces(self.canon, line_start), text_start)
            ),
            end=self.match.to_original(draft.end),
            layout=draft.layout,
            heading=self._heading(draft.item),
            leads=tuple(dict.fromkeys(draft.leads)),
            partners=tuple(dict.fromkeys(draft.partners)),
            lead_is_issuer=draft.lead_is_issuer,
            time_text=time_text,
            periods=periods,
            recurrence=recurrence,
        )

    # Tables ----------------------------------------------------------------------------------

    def _table_at(self, index: int) -> tuple[list[Task], set[int]]:
        """The tasks of a table whose header has its lead column on line `index`, and the lines
        the table takes (none when there is no table there)."""
        line = self.line(index)
        if "\t" in line or " | " in line:
            return self._tab_table(index)
        if _header_role(line) != "lead":
            return [], set()
        first = last = index
        while first > 0 and _header_role(self.line(first - 1)) is not None:
            first -= 1
        while last + 1 < len(self.starts) and _header_role(self.line(last + 1)) is not None:
            last += 1
        if last - first + 1 < 3:
            return [], set()
        roles = _with_content(
            [_header_role(self.line(i)) or "other" for i in range(first, last + 1)]
        )
        heading = self._heading(first)
        tasks: list[Task] = []
        used = set(range(first, last + 1))
        for row in self._rows(last + 1, roles):
            used.update(row)
            cells = [self.line_span(i) for i in row]
            if len(cells) < len(roles) and len(cells) <= 2:  # a group row: "I | CÔNG TÁC ..."
                heading = self._row_heading(cells) or heading
                continue
            task = self._row_task(_assign(roles, cells), heading, cells[0][0], cells[-1][1])
            if task is not None:
                tasks.append(task)
        return tasks, used

    def _rows(self, start: int, roles: list[str]) -> Iterator[list[int]]:
        """The line numbers of each row after a header, one cell a line: from a row number to
        the next, and the last row as long as its cells read best."""
        count, width = len(self.starts), len(roles)
        index = start
        while index < count:
            if roles[0] == "stt":
                if not _ROW_NUMBER.fullmatch(self.line(index).strip()):
                    return
                following = index + 1
                limit = min(count, index + width + _ROW_SLACK)
                while following < limit and not _ROW_NUMBER.fullmatch(self.line(following).strip()):
                    following += 1
                if following >= limit:
                    yield self._last_row(index, roles)
                    return
                yield list(range(index, following))
                index = following
            else:
                row = list(range(index, min(count, index + width)))
                if len(row) < width or not any(self.line(i).strip() for i in row):
                    return
                yield row
                index += width

    def _last_row(self, index: int, roles: list[str]) -> list[int]:
        """The lines of a table's last row, which no next row number bounds: of the lengths
        it may have, the shortest whose lead, partner and time cells read best as such."""
        width = len(roles)
        longest = min(len(self.starts) - index, width + _ROW_SLACK)
        scores = {
            length: self._row_score(
                _assign(roles, [self.line_span(i) for i in range(index, index + length)])
            )
            for length in range(min(width, longest), longest + 1)
        }
        best = max(scores.values())
        return list(range(index, index + min(n for n, score in scores.items() if score == best)))

    def _row_score(self, cells: dict[str, list[tuple[int, int]]]) -> int:
        """How well a row's cells read: +1 for each body cell that names bodies (or is empty)
        and each time cell that gives a time, -1 for each that does not."""
        score = 0
        for role in ("lead", "partner"):
            for a, b in cells.get(role, []):
                a, b = self.trimmed(a, b, " \t")
                named = (
                    b == a or _HEAD.match(self.canon, a, b) or _LOWER_LIST.match(self.canon, a, b)
                )
                score += 1 if named else -1
        for a, b in cells.get("time", []):
            time = self.canon[a:b]
            score += 1 if not time.strip() or parse_periods(time) or recurrence_of(time) else -1
        return score

    def _row_heading(self, cells: list[tuple[int, int]]) -> str | None:
        words = [self.original_span(*self.trimmed(a, b, " \t"))[0] for a, b in cells]
        return " ".join(w for w in words if w) or None

    def _row_task(
        self,
        cells: dict[str, list[tuple[int, int]]],
        heading: str | None,
        start: int,
        end: int,
    ) -> Task | None:
        content = [self.trimmed(a, b, " \t") for a, b in cells.get("content", [])]
        content = [(a, b) for a, b in content if b > a]
        if not content:
            return None
        text_start, text_end = content[0][0], content[-1][1]
        text = " ".join(self.original_span(a, b)[0] for a, b in content)
        draft = _Draft(0, (text_start, text_end), end, "table")
        for a, b in cells.get("lead", []):
            draft.leads += self._bodies(a, b)
        for a, b in cells.get("partner", []):
            draft.partners += self._bodies(a, b)
        for a, b in cells.get("time", []):
            self._read_time(draft, *self.trimmed(a, b))
        time_text = "; ".join(draft.times) or None
        return Task(
            text=" ".join(text.split()),
            text_start=self.match.to_original(text_start),
            text_end=self.match.to_original(text_end),
            start=self.match.to_original(start),
            end=self.match.to_original(end),
            layout="table",
            heading=heading,
            leads=tuple(dict.fromkeys(draft.leads)),
            partners=tuple(dict.fromkeys(draft.partners)),
            time_text=time_text,
            periods=tuple(draft.periods),
            recurrence=recurrence_of(time_text or ""),
        )

    def _tab_table(self, index: int) -> tuple[list[Task], set[int]]:
        """A table read one row a line, its cells between tabs (or " | ")."""
        start, end = self.line_span(index)
        header = _cell_spans(self.canon, start, end)
        roles = [_header_role(self.canon[a:b]) for a, b in header]
        if len(roles) < 3 or "lead" not in roles or None in roles:
            return [], set()
        named = _with_content([role or "other" for role in roles])
        heading = self._heading(index)
        used = {index}
        tasks = []
        row = index + 1
        while row < len(self.starts):
            a, b = self.line_span(row)
            cells = _cell_spans(self.canon, a, b)
            if len(cells) != len(named):
                break
            used.add(row)
            task = self._row_task(_assign(named, cells), heading, a, b)
            if task is not None:
                tasks.append(task)
            row += 1
        return tasks, used


def _spaces(text: str, at: int) -> int:
    count = 0
    while at + count < len(text) and text[at + count] in " \t":
        count += 1
    return count


def _bracket_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, after close) of each top-level bracket between `start` and `end`; an unclosed one
    runs to the end."""
    spans, depth, opened = [], 0, start
    for index in range(start, end):
        char = text[index]
        if char == "(":
            if depth == 0:
                opened = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, index + 1))
    if depth:
        spans.append((opened, end))
    return spans


def _header_role(cell: str) -> str | None:
    words = fold(cell.strip(" \t.:*"))
    if not words or len(words) > _HEADER_LENGTH:
        return None
    found = _HEADER_CELL.fullmatch(words)
    return found.lastgroup if found else None


def _with_content(roles: list[str]) -> list[str]:
    """Column roles with one content column: the first "other" after the number, if no header
    said which."""
    if "content" in roles:
        return roles
    for index, role in enumerate(roles):
        if role == "other":
            return [*roles[:index], "content", *roles[index + 1 :]]
    return roles


def _assign(roles: list[str], cells: list[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Cells by column role. A row with more cells than columns holds a cell of several
    paragraphs: the content's, whose extra lines are taken before the columns after it."""
    out: dict[str, list[tuple[int, int]]] = {}
    extra = max(0, len(cells) - len(roles))
    content = roles.index("content") if "content" in roles else len(roles) - 1
    position = 0
    for column, role in enumerate(roles):
        take = 1 + (extra if column == content else 0)
        out.setdefault(role, []).extend(cells[position : position + take])
        position += take
    return out


def _cell_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    for cut in _TAB_CELLS.finditer(text, start, end):
        spans.append((begin, cut.start()))
        begin = cut.end()
    spans.append((begin, end))
    return spans
