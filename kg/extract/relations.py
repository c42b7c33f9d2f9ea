"""What the document being read does with each document it cites, from the verb in front of it.

The relation is read from the clause before the mention, with other citations and quoted titles
blanked out so their words are not taken for verbs. The nearest cue decides, with three
corrections real plans need: a series of verbs ("Quán triệt, triển khai X") takes its first verb;
a nominalised verb ("Kiểm tra việc thực hiện X", "Đánh giá kết quả thực hiện X") yields to the
head verb before it; and "theo X" only cites, whatever governs the clause.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from kg.extract import tables
from kg.extract.mention import Mention
from kg.textnorm import lower_keeping_length

_MASK = "\x00"
_QUOTE_MASK = "\x01"


class Hit(NamedTuple):
    """A cue found in the lower-cased masked text; offsets index that whole text."""

    start: int
    end: int
    relation: str
    kind: str
    link: bool  # the cue also states a link inside a cited document's title


_CUE_ROWS = tables.cues()
# "(được) quy định | nêu | đề ra | xác định trong | tại". Spelt as two alternatives, each opening
# with a word, for "(?:được\s+)?..." would be tried at every character: the regex engine skips
# only to a definite first character.
_WHERE_LAID_DOWN = r"(?:quy\s+định|nêu|đề\s+ra|xác\s+định)\s+(?:trong|tại)(?!\w)"
OBLIQUE = re.compile(rf"được\s+{_WHERE_LAID_DOWN}|{_WHERE_LAID_DOWN}")
# A passive cue ("được sửa đổi bởi X", "bị thay thế bởi X"): X acts, the document being read
# only cites it.
# (Each word is checked for a letter before it after it is found: a pattern that opens with the
# look back is tried at every character of the window.)
_PASSIVE = re.compile(r"(?:được(?<!\wđược)|bị(?<!\wbị))\s+(?:[^\s\x00\x01]+\s+){0,2}$")
_SERIES_GLUE = re.compile(r"[\s,]*(?:(?:và|hoặc)\s+)?(?:tổ\s+chức\s+)?")
_NOMINAL = re.compile(r"(?:việc|kết\s+quả|\d+\s+năm)(?:\s+[^\s\x00\x01]+){0,3}\s*$")
_ELAPSED = re.compile(r"(\d{1,3})\s+năm\s+thực\s+hiện")
_YEARS_OF = re.compile(r"(?<![\d/])\d{1,2}\s+năm\s+$")
_LIST_MARKER = re.compile(r"\s*(?:[-+•]|\d+(?:\.\d+)*\.(?!\d)|[IVX]+\.|\(\d+\)|[a-zđ]\))")
_NUMBERING = re.compile(r"[ \t]*(?:\d+|[IVXLC]+|[a-zđ])(?:\.\d+)*\.")
# Sentence stops and line breaks: two scans, each starting with a literal the regex engine skips
# to at C speed (one alternation of both is tried at every character, three times slower).
_STOP = re.compile(r"[.!?](?=\s)")
_FULL_STOP = re.compile(r"\.(?=\s)")
_LINE_BREAK = re.compile(r"\n(?P<blank>[ \t\r]*\n)?[ \t\r\n]*")
_QUOTED = re.compile(r"“[^“”\n]{0,400}”")
# The most cues before a mention that its relation is read from, and how far back its clause
# is read for "N năm thực hiện" and "quy định trong": bounds that keep a sentence holding
# thousands of citations linear.
_CUES_CONSIDERED = 8
_NOMINAL_REACH = 60
_CLAUSE_WINDOW = 300


class ClauseReader:
    """Sentence boundaries and the masked text of one document, shared by all its mentions."""

    def __init__(self, text: str, mentions: list[Mention], lowered: str | None = None) -> None:
        """``lowered`` is ``lower_keeping_length(text)`` when the caller has it already."""
        masked = _masked(text, mentions)
        self.masked = masked
        # Lower-casing maps each character alone (the one exception is a capital sigma, which
        # looks at its neighbours): masking the lower-cased text then gives the lower-cased
        # masked text, and a text is lower-cased once, not twice. Cues found in the lower-cased
        # copy are read at the same offsets in the masked text: it keeps the length ("İ").
        if lowered is not None and len(lowered) == len(text) and "Σ" not in text:
            lower = _masked(lowered, mentions)
        else:
            lower = lower_keeping_length(masked)
        # Cues are written with single spaces; a title broken over lines ("HƯỚNG DẪN\nphổ biến
        # ...") keeps its words apart by a line break instead. Same length, same offsets.
        # (str.replace: a translate table walks a non-ASCII text one character at a time.)
        self.lower = lower.replace("\n", " ").replace("\t", " ").replace("\r", " ")
        self.boundaries = _boundaries(masked)
        self.semicolons = _positions(masked, ";")
        # The cues of every clause that precedes a mention, found once (clauses overlap when a
        # sentence holds several mentions): a C-speed search for the words a cue can start with,
        # and the cue pattern tried only there. Each mention then takes those of its clause.
        intervals: list[tuple[int, int]] = []
        for mention in mentions:
            if mention.owner is None:
                start = self.sentence_start(mention.start)
                if intervals and start <= intervals[-1][1]:
                    intervals[-1] = (intervals[-1][0], max(intervals[-1][1], mention.start))
                else:
                    intervals.append((start, mention.start))
        self.hits = [hit for start, end in intervals for hit in cue_hits(self.lower, start, end)]
        self.hit_starts = [hit.start for hit in self.hits]

    def sentence_start(self, pos: int) -> int:
        index = bisect.bisect_right(self.boundaries, pos) - 1
        return self.boundaries[index] if index >= 0 else 0

    def sentence_end(self, pos: int) -> int:
        index = bisect.bisect_right(self.boundaries, pos)
        return self.boundaries[index] if index < len(self.boundaries) else len(self.masked)

    def relation(self, mention: Mention) -> tuple[str, int | None]:
        """The relation of a top-level mention and the N of "N năm thực hiện" in front of it."""
        start = self.sentence_start(mention.start)
        first = bisect.bisect_left(self.hit_starts, start)
        last = bisect.bisect_left(self.hit_starts, mention.start)
        # Only the last few cues can decide (a series of verbs, a head verb), so a sentence of
        # thousands of citations costs what each citation costs alone.
        hits = self.hits[max(first, last - _CUES_CONSIDERED) : last]
        before = bisect.bisect_left(self.semicolons, mention.start)
        if before and self.semicolons[before - 1] >= start:
            # "Căn cứ A; Nghị định B quy định chi tiết Luật C; Quy định D": an item of a list
            # separated by semicolons takes the verb that heads the list, not one that an
            # earlier item holds; its own segment's verbs still come first.
            item = self.semicolons[before - 1]
            head_end = self.semicolons[bisect.bisect_left(self.semicolons, start)]
            head_last = bisect.bisect_left(self.hit_starts, head_end)
            own_first = bisect.bisect_right(self.hit_starts, item)
            hits = (
                self.hits[max(first, head_last - _CUES_CONSIDERED) : head_last]
                + self.hits[max(own_first, last - _CUES_CONSIDERED) : last]
            )
        hits = [hit for hit in hits if hit.end <= mention.start]
        relation, elapsed = self._decide(start, mention.start, hits)
        if relation is None:
            relation = self._lead_in(start) or "cites"
        return relation, elapsed

    def _decide(self, start: int, end: int, found: list[Hit]) -> tuple[str | None, int | None]:
        """The relation the cues ``found`` in the clause ``start:end`` give, and the elapsed
        years. Patterns run on the whole text bounded by the clause, never on a copy of it."""
        lower = self.lower
        hits = without_oblique(lower, [hit for hit in found if hit.kind != "link"], end)
        elapsed = _elapsed(lower, max(start, end - _CLAUSE_WINDOW), end, hits)
        if not hits:
            return None, elapsed
        nearest = hits[-1]
        if nearest.kind == "blocker" or _PASSIVE.search(
            lower, max(start, nearest.start - 24), nearest.start
        ):
            return "cites", elapsed
        governing = governing_cue(lower, hits)
        if governing.relation == "implements" and _YEARS_OF.search(
            lower, max(start, governing.start - 12), governing.start
        ):
            # "...; 05 năm thực hiện Kết luận X": N years of carrying X out are reviewed.
            return "reviews", elapsed
        return governing.relation, elapsed

    def _lead_in(self, start: int) -> str | None:
        """A list item without a verb takes the verb of the line that introduces the list:
        "Căn cứ:" / "- Nghị quyết số ...;" / "- Chỉ thị số ...", or of the first item of a list
        whose items end with semicolons ("Căn cứ Thông tư A ...;\nThông tư B ...;")."""
        position = start
        for _ in range(30):
            back = position - 1
            while back >= 0 and self.masked[back] in " \t\r\n":
                back -= 1
            if back < 0:
                return None
            lead_start = self.sentence_start(back)
            if self.masked[back] == ":":
                relation, _ = self._decide(lead_start, back, cue_hits(self.lower, lead_start, back))
                return relation
            if self.masked[back] == ";" and not _LIST_MARKER.match(self.masked, position):
                relation, _ = self._decide(lead_start, back, cue_hits(self.lower, lead_start, back))
                if relation is not None:
                    return relation
            elif not _LIST_MARKER.match(self.masked, position):
                return None
            position = lead_start
        return None


def _masked(text: str, mentions: list[Mention]) -> str:
    """``text`` with the top-level mentions (and their titles) and the quoted titles blanked out,
    so that their words are not read as verbs; same length, same offsets."""
    pieces = []
    pos = 0
    for mention in mentions:
        if mention.owner is None and mention.start >= pos:
            end = max(mention.extent_end, mention.end)
            pieces.append(text[pos : mention.start])
            pieces.append(_MASK * (end - mention.start))
            pos = end
    pieces.append(text[pos:])
    masked = "".join(pieces)
    if "“" in masked:
        masked = _QUOTED.sub(lambda m: _QUOTE_MASK * len(m.group(0)), masked)
    return masked


def without_oblique(lower: str, hits: list[Hit], end: int) -> list[Hit]:
    """``hits`` less the nearest one when a "quy định trong"/"nêu tại" phrase right after it
    says the reference is where something is laid down ("tổ chức thực hiện quy định trong X":
    the head verb before governs X). With an object in between, the verb still governs:
    "thực hiện có hiệu quả các nhiệm vụ được nêu trong X" implements X."""
    if not hits:
        return hits
    oblique = OBLIQUE.search(lower, max(hits[-1].end, end - _CLAUSE_WINDOW), end)
    if oblique is None or len(lower[hits[-1].end : oblique.start()].split()) > 1:
        return hits
    return hits[:-1]


def governing_cue(lower: str, hits: list[Hit]) -> Hit:
    """Of the cues before a mention (``hits``, in text order, at least one, none a blocker
    after the last verb), the one that governs it: the nearest, unless it continues a series of
    verbs ("Quán triệt, triển khai X": the first) or is a nominalised verb under a head verb
    ("Kiểm tra việc thực hiện X": the head), or a strong cue stands in front of it."""
    if hits[-1].kind == "strong":
        return hits[-1]
    verbs = [hit for hit in hits if hit.kind != "blocker"]
    index = len(verbs) - 1
    while True:
        while index > 0 and _SERIES_GLUE.fullmatch(lower, verbs[index - 1].end, verbs[index].start):
            index -= 1
        if verbs[index].kind == "strong":
            break
        # The nominal words sit right before the verb: only that stretch is read.
        stretch = max(verbs[index - 1].end, verbs[index].start - _NOMINAL_REACH) if index else 0
        if (
            index > 0
            and _NOMINAL.search(lower, stretch, verbs[index].start)
            and lower.find(";", verbs[index - 1].end, verbs[index].start) < 0
        ):
            index -= 1
            continue
        break
    return verbs[index]


def _positions(text: str, char: str) -> list[int]:
    found = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def _start_words() -> list[str]:
    words = sorted({word for row in _CUE_ROWS for word in row.starts}, key=len, reverse=True)
    if not all(word.isalpha() for word in words):
        raise ValueError("relation_verbs.tsv: a cue's start words must be letters only")
    return words


def _cue_start_regex(words: list[str]) -> re.Pattern[str]:
    """The start words, longest first, grouped by their first letter: only the words sharing the
    letter under the cursor are tried, and among them the same word wins as in a plain
    alternation."""
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]))
    return re.compile(
        "|".join(f"{re.escape(letter)}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())
    )


def _cues_by_start(words: list[str]) -> dict[str, re.Pattern[str]]:
    """For each start word, the cue pattern of the rows that can begin where it was found: those
    with a start word that is a prefix of it (the found word is the longest there), in table
    order, each row a group named by its index."""
    patterns = {}
    for word in words:
        rows = [
            f"(?P<c{index}>{row.pattern})"
            for index, row in enumerate(_CUE_ROWS)
            if any(word.startswith(start) for start in row.starts)
        ]
        patterns[word] = re.compile(rf"(?<!\w)(?:{'|'.join(rows)})(?!\w)")
    return patterns


_START_WORDS = _start_words()
# Where a cue can begin: one scan for the words cues start with, the cue pattern tried only there.
_CUE_START = _cue_start_regex(_START_WORDS)
_CUES = _cues_by_start(_START_WORDS)
_ROW_OF_GROUP = {f"c{index}": row for index, row in enumerate(_CUE_ROWS)}


def cue_hits(text: str, start: int, end: int) -> list[Hit]:
    """The cues in ``text[start:end]``, in order and not overlapping (as ``finditer`` would).

    The scan for start words does not report a word that begins inside another; no cue can begin
    there, as start words are letters only and a cue must not follow a letter.
    """
    hits = []
    last_end = start
    for word in _CUE_START.finditer(text, start, end):
        position = word.start()
        if position < last_end:
            continue
        # (a cue may look just past the clause, at the citation it governs)
        match = _CUES[word.group()].match(text, position, end + 2)
        if match is None or match.lastgroup is None or match.end() > end:
            continue
        row = _ROW_OF_GROUP[match.lastgroup]
        hits.append(Hit(match.start(), match.end(), row.relation, row.kind, row.link))
        last_end = match.end()
    return hits


def _elapsed(text: str, start: int, end: int, hits: list[Hit]) -> int | None:
    """N of the last "N năm thực hiện" in ``text[start:end]``, unless a cue follows it."""
    if text.find("năm thực hiện", start, end) < 0:
        return None
    last = None
    for match in _ELAPSED.finditer(text, start, end):
        last = match
    if last is None:
        return None
    if any(hit.start >= last.end() for hit in hits):
        return None
    return int(last.group(1))


def _is_capitals(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a line written in capitals (a heading)."""
    line = text[start:end]
    return line.isupper() and sum(char.isalpha() for char in line) > 3


def _boundaries(masked: str) -> list[int]:
    """Starts of sentences and list items: after . ! ? and at line breaks that end a sentence."""
    # Only "." in most texts: its scan is a plain character search.
    stop_pattern = _STOP if "!" in masked or "?" in masked else _FULL_STOP
    # (start, end, blank line) of every break; None for a stop. Stops and line breaks never
    # overlap, so in text order each break ends past the last boundary found.
    breaks: list[tuple[int, int, bool | None]] = [
        (m.start(), m.end(), None) for m in stop_pattern.finditer(masked)
    ]
    breaks += [
        (m.start(), m.end(), m.group("blank") is not None) for m in _LINE_BREAK.finditer(masked)
    ]
    breaks.sort()
    found = [0]
    # Numbering ("1.2.", "II.") is the line's first token, so only the first stop of a line can
    # be its dot: any earlier stop would be followed by a blank inside the token.
    first_stop_of_line = True
    for start, end, blank in breaks:
        if blank is None:
            if first_stop_of_line:
                first_stop_of_line = False
                line_start = masked.rfind("\n", 0, start) + 1
                if _NUMBERING.fullmatch(masked, line_start, end):
                    continue  # the dot of "1.2." or "II." numbering a heading or list item
            found.append(end)
            continue
        first_stop_of_line = True
        back = start - 1
        while back >= 0 and masked[back] in " \t\r":
            back -= 1
        # Most lines end a sentence or open a list item: the tests on the next line come after.
        if back < 0 or masked[back] in ".;:!?" or _LIST_MARKER.match(masked, end):
            found.append(end)
            continue
        following = masked[end : end + 1]
        if (
            (blank and (following.isupper() or following.isdigit()))
            # A numbered heading ends at its line: "1. Công tác quán triệt\nNgay sau khi ..."
            or (following.isupper() and _LIST_MARKER.match(masked, found[-1]))
            # So does a heading in capitals: "KẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC ...\nThực hiện ..."
            or (
                following.isupper()
                and _is_capitals(masked, masked.rfind("\n", 0, start) + 1, start)
            )
        ):
            found.append(end)
    return found
