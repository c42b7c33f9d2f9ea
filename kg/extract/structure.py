"""How mentions hang together: titles, references nested in titles, lists and shared attributes.

After a citation may come its subject ("về ...", a quoted title, or "thực hiện ..." for
programmes) and a parenthetical. A mention inside that clause, introduced by a cue such as
"về tiếp tục thực hiện", belongs to the cited document, not to the text being read: it is
*nested*, and the cue becomes a link between the two. Mentions joined by "," or "và" form a list
whose items share a date, issuer, term or title written once after the last item.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from kg.extract import tables
from kg.extract.bodies import read_issuer
from kg.extract.mention import Mention
from kg.extract.patterns import DATE, DATE_RE, LOWER, iso_date
from kg.extract.relations import cue_hits, governing_cue, without_oblique

_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
# A title starts with "về", a quote, or directly (no comma) with a linking verb or "ban hành":
# "Chương trình số 31-CTr/BDVTW thực hiện Nghị quyết ...", "Báo cáo số 12-BC/TU tổng kết 10
# năm thực hiện ...", "Quyết định số 1532-QĐ/TU ban hành Quy chế ... (thay thế ...)".
_LINK_CUE_ALTERNATION = "|".join(c.pattern for c in tables.cues() if c.link)
# Where a cited document's title (or the clause that says what it does) begins: "về ...", a
# quote, or a verb right after the citation: one that issues ("ban hành"), lays down ("quy định
# ..."), or links ("thực hiện", "hướng dẫn"), also after "để"/"nhằm" (purpose) or "(đã) được"/
# "bị" (passive: "Nghị định X, được sửa đổi, bổ sung bởi Nghị định Y").
_TITLE_INTRO = re.compile(
    r"\s*,?\s*(?:về(?!\w)\s*:?\s*|(?=[“\"«]))"
    # (across a line break only before a lower-case word: a capital opens a new sentence)
    rf"|(?:[ \t]+|\s*\n\s*(?=(?-i:[{LOWER}])))"
    rf"(?=(?:ban\s+hành|quy\s+định|{_LINK_CUE_ALTERNATION})(?!\w))"
    rf"|\s*,?\s*(?:để|nhằm)\s+(?=(?:{_LINK_CUE_ALTERNATION})(?!\w))"
    # "Quy định số 19-QĐ/TU, thay thế Quy định số 10-QĐ/TU": after a comma only these verbs
    # still describe the document before (other verbs there are the sentence's own).
    r"|\s*,\s*(?=(?:thay\s+thế|sửa\s+đổi|bổ\s+sung|bãi\s+bỏ)(?!\w))"
    rf"|\s*,?\s*(?=(?:đã\s+)?(?:được|bị)\s+(?:{_LINK_CUE_ALTERNATION})(?!\w))",
    re.IGNORECASE,
)
# The word (or quote mark) a title's intro can begin with, for a cheap test before the pattern.
_FIRST_WORD = re.compile(r"[\s,]*(?:[“\"«]|(?P<word>[^\W\d_]+))")
_TITLE_START_WORDS = frozenset(
    {"về", "ban", "quy", "để", "nhằm", "đã", "được", "bị"}
    | {word for cue in tables.cues() if cue.link for word in cue.starts}
)
_GLUE = re.compile(r"\s*(?:,|và(?!\w))?\s*", re.IGNORECASE)
# A title ends at a clause stop, a blank line, a list item, or a line that opens a sentence
# with a governing verb ("... VỀ VIỆC PHÊ DUYỆT QUY HOẠCH\nCăn cứ Luật ...").
_TITLE_STOP = re.compile(
    r";|\(|:\s|\.(?=\s|$)|\n\s*\n|\n\s*(?:[-+•]|\d+(?:\.\d+)*\.\s)"
    r"|\n[ \t]*(?-i:Căn cứ|Thực hiện|Xét|Theo|Trên cơ sở|Nhằm|Để|Tiếp tục|Triển khai)(?!\w)"
    r"|gắn\s+với(?!\w)|,\s*đồng\s+thời(?!\w)|nhằm(?!\w)",
    re.IGNORECASE,
)
_TITLE_EVENT = re.compile(r"[“”«»\"]|" + _TITLE_STOP.pattern, re.IGNORECASE)
_OPEN_PAREN = re.compile(r"\s*\(")
_NEXT_QUOTED = re.compile(r"\s*,\s*[“\"«]")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_QUOTE_GLUE = re.compile(r"[\s,*]*")
_DISPLACED_ISSUER = re.compile(r"\s+của\s+", re.IGNORECASE)
_TITLE_LIMIT = 600
# "Ngày 15/3/2021, Ban Thường vụ Tỉnh ủy (đã) ban hành | có | ký Kế hoạch số 45-KH/TU";
# "Ngày 18/6/2009, tại Kỳ họp thứ 5, Quốc hội khóa XII đã thông qua Luật ...". The verb must
# issue the document: a meeting ("tổ chức hội nghị quán triệt ...") or a promulgation order
# ("công bố") says nothing of the date of what it names.
_ISSUING_VERB = r"(?:ký\s+)?ban\s+hành|có|ký|thông\s+qua|ra"
_ENDS_WITH_ISSUING_VERB = re.compile(rf"(?:^|\s)(?:{_ISSUING_VERB})\s+$", re.IGNORECASE)
_DATE_BEFORE = re.compile(
    rf"(?<![\w/])ngày\s+(?P<date>{DATE})\s*,?\s*(?P<body>[^.;\n]{{0,120}}?)\s*"
    rf"(?:(?:đã|vừa|đã\s+chính\s+thức)\s+)?(?P<verb>{_ISSUING_VERB})\s+$",
    re.IGNORECASE,
)
# A row of a validity history: "24/09/2007 Văn bản được ban hành 90/2007/QĐ-UBND".
_ISSUED_ROW = re.compile(
    rf"(?:^|\n)[ \t]*(?P<date>{DATE})[ \t]+(?:Văn\s+bản\s+)?được\s+ban\s+hành[ \t]+$",
    re.IGNORECASE,
)


class LinkCue(NamedTuple):
    """The link a clause states: its relation (None when the verb belongs to a document named
    without a number in between), and whether the cue is passive ("được sửa đổi, bổ sung bởi Y"
    after X: Y amends X, the mention after the cue acts on the one before)."""

    relation: str | None
    passive: bool = False


# "(đã) được | bị" right before the cue, or before a series of cues ("được sửa đổi, bổ sung").
_PASSIVE_BEFORE = re.compile(
    r"(?<!\w)(?:được|bị)\s+(?:(?:sửa\s+đổi|bổ\s+sung|thay\s+thế|bãi\s+bỏ)\s*,?\s*)*$",
    re.IGNORECASE,
)


# A document named without a number right before the cue ("sửa đổi các nghị định quy định chi
# tiết thi hành Luật X", "dự thảo Nghị quyết sửa đổi Hiến pháp", "danh mục kết luận chuyên đề
# triển khai X"): the cue says what that document does, not the one whose title holds it.
_NOUN_BEFORE_CUE = re.compile(
    r"(?<!\w)(?:"
    + "|".join(w.pattern.replace(" ", r"\s+") for w in tables.type_words() if w.case != "exact")
    # ... perhaps with a word or two of its own ("kết luận chuyên đề triển khai X")
    + r")(?:\s+[^\W\d]+){0,2}\s*$",
    re.IGNORECASE,
)
# "về việc xây dựng Chương trình hành động thực hiện X": directing others to draw up a plan that
# implements X is implementing X; so is a title about the plan ("Nghị quyết ... về Kế hoạch
# triển khai X").
_BUILD_BEFORE = re.compile(r"(?:(?<!\w)xây\s+dựng|(?<!\w)về(?:\s+việc)?|^)\s*$")
# Past this many words between a cue and a mention that follows "và" or a comma, the mention is
# the next item of the list the citation is in, not the cue's object: the verb took the words
# before as its object ("về thực hiện dân chủ ở xã, phường, thị trấn và Nghị quyết số
# 55/1998/NQ-UBTVQH10", "về công tác kiểm tra, giám sát của Đảng và Hướng dẫn số 02-HD/TW").
_GAP_WORDS = 1
_LIST_GLUE_END = re.compile(r"(?:\svà|,)\s*$")
# ... unless those words are parts of the document that follows ("sửa đổi Khoản 2 Mục III Phần
# I, Thông tư số 04/2008/TT-BNV").
_ARTICLE_PARTS = re.compile(
    r"(?:\s*(?:một\s+số\s+)?(?:điều|khoản|mục|phần|chương|điểm)\s+[\w.]+\s*,?)+\s*"
)


def link_relation(clause: str) -> LinkCue | None:
    """The link a title clause states for the mention that ends it (None: the mention is not
    governed by a linking verb of the clause).

    The cues are weighed as for the document's own relation (:func:`governing_cue`: a series of
    verbs takes its first, a nominalised verb its head), among the cues that state links only:
    "theo" does not block inside a title ("về tiếp tục thực hiện các biện pháp ... theo Chỉ thị
    X" continues X).
    """
    lower = clause.lower()
    linking = [hit for hit in cue_hits(lower, 0, len(lower)) if hit.link and hit.kind != "blocker"]
    hits = without_oblique(lower, linking, len(lower))
    if not hits:
        return None
    cue = governing_cue(lower, hits)
    gap = lower[hits[-1].end :]
    if (
        len(gap.split()) > _GAP_WORDS
        and _LIST_GLUE_END.search(gap)
        and not _ARTICLE_PARTS.fullmatch(gap)
    ):
        return None
    noun = _NOUN_BEFORE_CUE.search(lower, max(0, cue.start - 40), cue.start)
    if noun is not None and not _BUILD_BEFORE.search(
        lower, max(0, noun.start() - 16), noun.start()
    ):
        return LinkCue(None)
    passive = _PASSIVE_BEFORE.search(lower, max(0, cue.start - 40), cue.start) is not None
    return LinkCue(cue.relation, passive)


class Structure:
    """Computes extents, titles, nesting and lists for the mentions of one normalised text."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.mentions = mentions
        self.starts = {m.start: i for i, m in enumerate(mentions)}
        self.start_list = [m.start for m in mentions]
        self.title_spans: dict[int, tuple[int, int]] = {
            i: m.name_span for i, m in enumerate(mentions) if m.name_span
        }
        self.quoted_titles: dict[int, list[tuple[int, int]]] = {}
        self._done: set[int] = set()
        index_of = {id(m): i for i, m in enumerate(mentions)}
        for mention in mentions:
            if mention.inside is not None:
                # A law named inside an amending law's name: linked to it, unless the amending
                # law itself was dropped (then it stands alone).
                mention.owner = index_of.get(id(mention.inside))
                if mention.owner is None:
                    mention.link_relation = None

    def run(self) -> None:
        """Fill extents, titles, owners and link relations, lists and shared attributes."""
        for index in range(len(self.mentions)):
            self._extent(index)
        self._lists()
        self._share()
        self._dates_before()

    # -- titles and nesting -------------------------------------------------------------

    def _extent(self, index: int) -> int:
        """End of the mention's clause (title and parenthetical), nesting what lies inside."""
        mention = self.mentions[index]
        if index in self._done:
            return mention.extent_end
        self._done.add(index)
        mention.extent_end = mention.end
        if mention.congress is None:
            self._title(index)
        self._parenthetical(index)
        return mention.extent_end

    def _title(self, index: int) -> None:
        text = self.text
        mention = self.mentions[index]
        first = _FIRST_WORD.match(text, mention.end)
        if first is None or (
            first.group("word") and first.group("word").lower() not in _TITLE_START_WORDS
        ):
            return  # the cheap test first: most citations are followed by none of these
        intro = _TITLE_INTRO.match(text, mention.end)
        if intro is None:
            return
        start = intro.end()
        pos = start
        depth = 0
        limit = min(len(text), start + _TITLE_LIMIT)
        end = None
        nested_last: int | None = None
        quoted_title = text[start : start + 1] in (_OPEN_QUOTES + '"')
        while pos < limit:
            # Jump from event to event (quote marks, clause stops, citations), not char by char.
            event = _TITLE_EVENT.search(text, pos, limit)
            event_at = event.start() if event else limit
            following = bisect.bisect_left(self.start_list, pos)
            if following < len(self.start_list) and self.start_list[following] < event_at:
                mention_at = self.start_list[following]
                other = self.starts[mention_at]
                if not self._is_nested(index, start, mention_at, nested_last):
                    end = mention_at
                    break
                nested = self.mentions[other]
                nested.owner = index
                cue = link_relation(self._masked(start, mention_at))
                if cue is not None:
                    nested.link_relation, nested.link_passive = cue
                elif nested_last is not None:
                    # A list under one verb: every item takes the link of the first.
                    previous = self.mentions[nested_last]
                    nested.link_relation = previous.link_relation
                    nested.link_passive = previous.link_passive
                nested_last = other
                pos = max(self._extent(other), mention_at + 1)
                pos = self._displaced_issuer(index, pos)
                continue
            if event is None:
                pos = limit
                break
            pos = event_at
            char = text[pos]
            if char in _OPEN_QUOTES or (char == '"' and depth == 0 and pos == start):
                depth += 1
            elif char in _CLOSE_QUOTES or char == '"':
                if depth == 0:
                    end = pos
                    break
                depth -= 1
                if depth == 0 and quoted_title and not _NEXT_QUOTED.match(text, pos + 1):
                    end = pos + 1
                    break
            elif depth == 0 or (char == "\n" and self._blank_line_ends(event)):
                end = pos
                break
            pos += 1
        if end is None:
            end = pos
        end = self._trim(start, end)
        if end > start:
            # A document named by its title keeps its name as title; the clause after it
            # still says what it does ("Luật X, đã được sửa đổi, bổ sung bởi Luật Y").
            self.title_spans.setdefault(index, (start, end))
            mention.extent_end = max(mention.extent_end, end)
            quoted = self._quoted_parts(start, end)
            if len(quoted) > 1:
                self.quoted_titles[index] = quoted

    def _displaced_issuer(self, owner: int, pos: int) -> int:
        """ "Chỉ thị số 34-CT/TU về thực hiện Quyết định số 217-QĐ/TW ... của Bộ Chính trị của Ban
        Thường vụ Tỉnh ủy": a second issuer after a nested citation belongs to the owner."""
        mention = self.mentions[owner]
        intro = _DISPLACED_ISSUER.match(self.text, pos)
        if mention.issuer is not None or intro is None:
            return pos
        found = read_issuer(self.text, intro.end(), set(self.starts))
        if found is None:
            return pos
        mention.issuer_span = (intro.end(), found[0])
        mention.issuer = found[1]
        return found[0]

    def _blank_line_ends(self, stop: re.Match[str]) -> bool:
        if "\n" not in stop.group(0):
            return False
        after = self.text[stop.end() : stop.end() + 2].lstrip("*")
        return not after[:1].islower()

    def _is_nested(self, owner: int, start: int, pos: int, nested_last: int | None) -> bool:
        if nested_last is not None:
            glue = self.text[self.mentions[nested_last].extent_end : pos]
            if _GLUE.fullmatch(glue):
                return True
        return link_relation(self._masked(start, pos)) is not None and not _GLUE.fullmatch(
            self.text[start:pos]
        )

    def _masked(self, start: int, end: int) -> str:
        """Text between start and end with nested mentions blanked (their words are not cues)."""
        pieces = []
        pos = start
        first = bisect.bisect_left(self.start_list, start)
        for mention in self.mentions[first:]:
            if mention.start >= end:
                break
            if mention.start >= pos:
                pieces.append(self.text[pos : mention.start])
                pieces.append("\x00")
                pos = max(pos, mention.extent_end or mention.end)
        pieces.append(self.text[pos:end] if pos < end else "")
        return "".join(pieces)

    def _trim(self, start: int, end: int) -> int:
        """``end`` moved back over trailing blanks, commas and a dangling " và" (looking only
        at the last characters, never copying the title)."""
        text = self.text
        while True:
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            if end - start >= 3 and text[end - 3 : end].lower() == " và":
                end -= 3
                continue
            return end

    def _quoted_parts(self, start: int, end: int) -> list[tuple[int, int]]:
        segment = self.text[start:end]
        if "“" not in segment and '"' not in segment:
            return []
        parts = [(m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(segment)]
        glue = _QUOTED.sub("", segment)
        if parts and _QUOTE_GLUE.fullmatch(glue):
            return [(start + a, start + b) for a, b in parts]
        return []

    def _parenthetical(self, index: int) -> None:
        text = self.text
        mention = self.mentions[index]
        match = _OPEN_PAREN.match(text, mention.extent_end)
        if match is None:
            return
        depth = 0
        pos = match.end() - 1
        limit = min(len(text), pos + 300)
        while pos < limit:
            if text[pos] == "(":
                depth += 1
            elif text[pos] == ")":
                depth -= 1
                if depth == 0:
                    break
            elif text[pos] == "\n":
                return
            pos += 1
        else:
            return
        inner_start, inner_end = match.end(), pos
        inner = range(
            bisect.bisect_left(self.start_list, inner_start),
            bisect.bisect_left(self.start_list, inner_end),
        )
        for other in inner:
            cue = link_relation(self._masked(inner_start, self.mentions[other].start))
            if cue:
                self.mentions[other].owner = index
                self.mentions[other].link_relation, self.mentions[other].link_passive = cue
            else:
                self.mentions[other].in_parens = True
            self._extent(other)
        mention.extent_end = pos + 1

    # -- lists -------------------------------------------------------------------------

    def _lists(self) -> None:
        for index in range(1, len(self.mentions)):
            previous = self.mentions[index - 1]
            mention = self.mentions[index]
            if previous.owner != mention.owner or previous.in_parens != mention.in_parens:
                continue
            if _GLUE.fullmatch(self.text[previous.extent_end : mention.start]):
                mention.list_prev = index - 1

    def _share(self) -> None:
        """Give list items the date, issuer, term and title written once after the last item."""
        for index in range(len(self.mentions) - 1, 0, -1):
            mention = self.mentions[index]
            members = [index]
            while self.mentions[members[-1]].list_prev is not None:
                members.append(self.mentions[members[-1]].list_prev)  # type: ignore[arg-type]
            if len(members) == 1:
                continue
            if index + 1 < len(self.mentions) and self.mentions[index + 1].list_prev == index:
                continue  # handled from the true end of the list
            last = mention
            members.reverse()
            untitled = [i for i in members[:-1] if i not in self.title_spans]
            quoted = self.quoted_titles.get(index)
            if quoted and len(quoted) == len(untitled) + 1:
                for member, span in zip(untitled + [index], quoted, strict=True):
                    self.title_spans[member] = span
            elif index in self.title_spans:
                for member in untitled:
                    self.title_spans[member] = self.title_spans[index]
            donors = self._donors(members)
            for position, member in enumerate(members[:-1]):
                item = self.mentions[member]
                last = self.mentions[donors[position]]
                if item.congress or item.plenum or last.congress or last.plenum:
                    continue
                if item.name_span or last.name_span:
                    continue  # a law cited by its name carries no list date or issuer
                # "Quyết định 217, 218-QĐ/TW": the suffix written once belongs to every number.
                if (
                    item.symbol is None
                    and last.symbol_parts
                    and not last.has_type_word
                    and item.kind == last.kind
                ):
                    item.symbol = _with_number(last.symbol_parts.text, last.number, item.number)
                if item.symbol is None:
                    continue  # "Nghị quyết 43 và Kết luận số 57-KL/TW, ngày ...": a short form
                if not item.attached and _shares_attributes(item, last):
                    item.date = last.date
                    item.issuer, item.issuer_span = last.issuer, last.issuer_span
                    item.term = last.term
                elif item.date is None and item.issuer is None and last.date is None:
                    item.issuer, item.issuer_span = last.issuer, last.issuer_span

    def _donors(self, members: list[int]) -> list[int]:
        """For each list item, the item whose date, issuer and suffix it shares: the last of
        the run of items of its own kind that follow it ("Quyết định 217, 218-QĐ/TW ngày ... và
        Chỉ thị 05-CT/TW": 218's), else the list's last. One pass from the end."""
        kinds = [self.mentions[member].kind for member in members]
        run_end = list(members)
        donors = [members[-1]] * len(members)
        for position in range(len(members) - 2, -1, -1):
            if kinds[position] == kinds[position + 1]:
                run_end[position] = run_end[position + 1]
                donors[position] = run_end[position + 1]
        return donors

    def _dates_before(self) -> None:
        """ "Ngày 15/3/2021, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 45-KH/TU": the date
        written before the verb that issued the document is its date."""
        for mention in self.mentions:
            if mention.date or mention.owner is not None:
                continue
            if mention.number is None and mention.name_span is None:
                continue
            window = self.text[max(0, mention.start - 200) : mention.start]
            if not _ENDS_WITH_ISSUING_VERB.search(window, max(0, len(window) - 24)):
                continue  # the cheap test first: the patterns below backtrack a lot
            match = _DATE_BEFORE.search(window) or _ISSUED_ROW.search(window)
            if match is None or _mention_between(
                self.start_list, mention, len(window) - match.end("date")
            ):
                continue
            date_match = DATE_RE.search(match.group("date"))
            parsed = iso_date(date_match) if date_match else None
            if parsed is None:
                continue
            mention.date = parsed
            mention.date_before = True
            body = (match.groupdict().get("body") or "").strip()
            if body and mention.issuer is None and match.group("verb").lower() != "ký":
                found = read_issuer(body, 0, set())
                if found and found[0] == len(body):
                    mention.issuer = found[1]
                    body_start = mention.start - len(window) + match.start("body")
                    body_start += len(match.group("body")) - len(match.group("body").lstrip())
                    mention.issuer_span = (body_start, body_start + len(body))


def _mention_between(starts: list[int], mention: Mention, distance: int) -> bool:
    """Whether another mention starts in the ``distance`` characters before ``mention``: the
    date then belongs to the sentence about that one."""
    index = bisect.bisect_left(starts, mention.start)
    return index > 0 and starts[index - 1] > mention.start - distance


# Codes of whole Party committees (central, provincial, district, town): every body of the
# committee numbers under them, so a shared code says nothing about a shared date or issuer.
_COMMITTEE_CODES = frozenset({None, "TW", "TU", "HU", "QU", "ĐU", "TXU", "TPU"})


def _shares_attributes(item: Mention, last: Mention) -> bool:
    """Whether the date, issuer and term written after `last` also belong to `item`.

    A list of one kind shares them ("Quyết định 217 và Quyết định 218, ngày 12/12/2013 của Bộ
    Chính trị"), and so do documents of one specific joint issuer ("Chương trình 79-CTr/BDVTW-
    BCSĐCP, Kế hoạch 1573-KH/BDVTW-BCSĐCP của ..."). Across kinds under the generic /TW code they
    do not: in "Nghị quyết số 25-NQ/TW và Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư
    (khóa XII)" the date, the Secretariat and term XII are the conclusion's alone, and the same
    holds under a provincial committee's /TU.
    """
    if item.kind == last.kind:
        return True
    codes = {_issuer_code(m.symbol) for m in (item, last)}
    return len(codes) == 1 and not codes & _COMMITTEE_CODES


def _issuer_code(symbol: str | None) -> str | None:
    """The issuer part of a Party symbol ("BDVTW-BCSĐCP" of "79-CTr/BDVTW-BCSĐCP")."""
    if not symbol or "/" not in symbol:
        return None
    return symbol.split("/", 1)[1].upper()


def _with_number(symbol: str, old: str | None, new: str | None) -> str | None:
    if old is None or new is None or not symbol.startswith(old):
        return None
    return new + symbol[len(old) :]
