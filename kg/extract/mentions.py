"""Find every mention of another document in the normalised text, with what is attached to it.

A mention is a type word and a number ("Nghị quyết số 25-NQ/TW"), a bare Party or state symbol
("218-QĐ/TW"), a congress or plenum resolution, or a law named by its title. Attached directly
after it (and so inside its surface) may come a date, the issuing body and the Party term, in
any order. The scan is one pass of a few compiled expressions over the whole text; only the
regions around hits are looked at further, so the cost is linear in the text.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from kg.extract import tables
from kg.extract.bodies import read_issuer, skip_spaces
from kg.extract.mention import Mention
from kg.extract.model import Congress, Plenum
from kg.extract.named import find_named, named_words
from kg.extract.patterns import (
    DASH,
    DATE,
    ORDINAL_WORDS,
    ROMAN,
    SYMBOL_TAIL,
    SYMBOL_TAIL_RE,
    TERM_RE,
    UPPER,
    iso_date,
    parse_symbol_tail,
    symbol_kind,
    term_numeral,
)
from kg.extract.tables import kind_of_type_word
from kg.extract.unnumbered import UNNUMBERED_WORDS, find_unnumbered, may_follow_unnumbered
from kg.textnorm import lower_keeping_length


def _spaced(pattern: str) -> str:
    """A type word's pattern with any run of blanks (a line break too) between its words."""
    return pattern.replace(" ", r"\s+")


def _type_alternation() -> str:
    words = [_spaced(w.pattern) for w in tables.type_words()]
    return "|".join(f"(?:{w})" for w in words)


_TYPES = _type_alternation()
# A number, with the letter some carry before their symbol ("Nghị quyết số 36a/NQ-CP").
NUMBER = r"\d{1,5}(?:[a-zđ](?=/))?(?!\d)"
NUMBERED_RE = re.compile(
    rf"(?P<type>{_TYPES})\s+(?:(?P<so>số)(?:\s*:?\s*số)?\s*:?\s*)?(?P<num>{NUMBER})"
    rf"(?:{SYMBOL_TAIL})?",
    re.IGNORECASE,
)
BARE_SYMBOL_RE = re.compile(rf"(?<![\w/.\-–])(?P<num>{NUMBER})(?:{SYMBOL_TAIL})", re.IGNORECASE)
# "Quyết định 217, 218-QĐ/TW": further numbers sharing the type word (and the symbol suffix).
LIST_NUMBER_RE = re.compile(
    rf"(?:\s*,\s*|\s+và\s+)(?:số\s+)?(?P<num>\d{{1,5}})(?!\d)(?:{SYMBOL_TAIL})?", re.IGNORECASE
)
_UNIT_AFTER_NUMBER = re.compile(
    r"\s*(?:tháng|năm(?!\s+\d{4})|ngày|lần|giờ|phút|người|%|đồng|triệu|tỷ|km|ha"
    r"|cơ sở|đơn vị|xã|huyện)(?!\w)"
    r"|[.,:/]\d",
    re.IGNORECASE,
)

_PLACE = r"(?-i:[A-ZĐÂĂÊÔƠƯ][^\W\d_]*(?:(?:\s+|\s*-\s*)[A-ZĐÂĂÊÔƠƯ][^\W\d_]*){0,4})"
# The units whose Party organisation holds a congress, below the nation; the army's counts as a
# province's.
_CONGRESS_UNITS = r"tỉnh|thành\s+phố|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|(?-i:Quân\s+đội)"
_CONGRESS_ORDINAL = rf"lần\s+thứ\s+(?P<ord2>{ROMAN}|\d{{1,2}}(?!\d))"
# "nhiệm kỳ 2020 - 2025" names a local congress when its ordinal is not written.
_CONGRESS_PERIOD = rf"\s*,?\s+nhiệm\s+kỳ\s+(?P<period>(?:19|20)\d\d)\s*{DASH}\s*(?:19|20)\d\d"
_CONGRESS_BODY = (
    r"Đại\s+hội(?:\s+đại\s+biểu)?"
    rf"(?:\s+(?P<ord1>{ROMAN}))?"
    r"(?:\s+Đảng)?"
    rf"(?:\s+(?P<bo>bộ)(?:\s+(?P<unit>{_CONGRESS_UNITS})(?:\s+(?P<place>{_PLACE}))?)?)?"
    r"(?:\s+toàn\s+quốc)?"
    rf"(?:\s+{_CONGRESS_ORDINAL}|\s+khóa\s+(?P<ord3>{ROMAN}))?"
    r"(?:\s+(?P<party>của\s+Đảng)(?!\s+bộ))?"
    rf"(?:{_CONGRESS_PERIOD})?"
)
CONGRESS_RE = re.compile(
    rf"(?P<type>Nghị\s+quyết(?:\s+quyết)?|NQ)(?:\s+của)?\s+{_CONGRESS_BODY}", re.IGNORECASE
)
ELLIPTICAL_CONGRESS_RE = re.compile(
    rf"(?:\s*,\s*|\s+và\s+)(?:{_CONGRESS_BODY}"
    # "Đại hội Đảng bộ tỉnh lần thứ XVIII và huyện lần thứ XXI": the second names its unit only.
    rf"|(?:Đảng\s+bộ\s+)?(?P<eunit>{_CONGRESS_UNITS})(?:\s+(?P<eplace>{_PLACE}))?"
    rf"\s+lần\s+thứ\s+(?P<eord>{ROMAN}|\d{{1,2}}(?!\d)))",
    re.IGNORECASE,
)
PLENUM_RE = re.compile(
    r"(?:Nghị\s+quyết|NQ)\s*(?:"
    r"(?:Hội\s+nghị\s+)?(?:Trung\s+ương|TW|TƯ|T\.Ư)\s*(?P<n1>\d{1,2})(?!\d)"
    # "lần" is mistyped "làn" often enough to be read as written.
    rf"|(?<=\s)Hội\s+nghị\s+(?:Trung\s+ương\s+)?l[ầà]n\s+thứ\s+(?P<n2>\d{{1,2}}(?!\d)|{ORDINAL_WORDS})(?!\w)"
    r"(?:\s+(?:Ban\s+Chấp\s+hành|BCH)\s+Trung\s+ương(?:\s+Đảng)?)?"
    r")"
    rf"(?:\s*,?\s*\(\s*khóa\s+(?P<t1>{ROMAN}|\d{{1,2}})\s*\)|\s*,?\s*khóa\s+(?P<t2>{ROMAN}|\d{{1,2}})(?!\w))?",
    re.IGNORECASE,
)
# A date written after the symbol. On the next line only with "ngày" or "ban hành": a bare date
# opening a line is the next row's ("90/2007/QĐ-UBND\n04/10/2007 Văn bản có hiệu lực").
# (or in brackets: "Chỉ thị 05-CT/TW (ngày 15/5/2016)", "(22/10/2018)").
_DATE_ATTACH = re.compile(
    r"(?:[ \t]*,\s*|[ \t]+|\s+(?=ngày|ban\s+hành)|[ \t]*(?P<bracket>\()[ \t]*)"
    rf"(?:ban\s+hành\s+)?(?:ngày\s+)?(?:{DATE})(?(bracket)[ \t]*\))",
    re.IGNORECASE,
)
# A word between a citation and its date ("ký ngày", "ra ngày"); never one that makes the date
# an effective date or a deadline ("từ ngày", "kể từ ngày", "trước ngày").
_STRAY_BEFORE_DATE = re.compile(
    r"\s+(?!(?:từ|đến|tới|trước|sau|kể|hạn)\s)[^\W\d_]{2,6}(?=\s*,?\s*ngày\s)", re.IGNORECASE
)
# What is left of a date when the text gives no full one: the year alone ("năm 2003",
# "(2003)"), kept as a year; a date without its year or with a broken one ("ngày 19/6",
# "ngày 28/10/201", "tháng 4-2007"), kept as written and never completed.
_YEAR_ATTACH = re.compile(
    r"(?:[ \t]*,?[ \t]*năm[ \t]+|[ \t]*\([ \t]*(?:năm[ \t]+)?(?=(?:19|20)\d\d[ \t]*\)))"
    r"(?P<year>(?:19|20)\d\d)(?:[ \t]*\))?(?![\d/\-]|\.\d)",
    re.IGNORECASE,
)
_MAY_BE_PARTIAL = re.compile(r"[\s,]*(?:năm|ngày|tháng|ban|\()", re.IGNORECASE)
_PARTIAL_DATE = re.compile(
    r"(?:[ \t]*,\s*|[ \t]+)(?:ban\s+hành\s+)?(?:ngày\s+(?P<raw>\d{1,2}\s*[/.\-]\s*\d{1,2}"
    r"(?:\s*[/.\-]\s*\d{1,3})?)(?![\d/.\-]*\d)|(?P<month>tháng\s+\d{1,2}\s*[/\-]\s*"
    r"(?P<year>(?:19|20)\d\d))(?![\d/.\-]))",
    re.IGNORECASE,
)
# "của Bộ Chính trị", "giữa A và B", "do Bộ Chính trị ban hành ngày ...".
_ISSUER_INTRO = re.compile(r"(?:\s*,\s*|\s+)(?:của|giữa|do)\s+", re.IGNORECASE)
# What must come next for anything to attach: a date ("ban hành", "ngày", a digit, or a stray
# word before "ngày"), an issuer ("của", "giữa") or a term ("(", "khóa"). Most mentions end with
# none of these, and this one test then stands for the patterns that would each fail.
_MAY_ATTACH = re.compile(
    r"[\s,]*(?:ban|ngày|\d|của|giữa|do|\(|khóa|năm|tháng|[^\W\d_]{2,6}\s*,?\s*ngày\s)",
    re.IGNORECASE,
)


def attach(text: str, mention: Mention, stops: set[int]) -> None:
    """Extend ``mention`` over a directly attached date, issuer and term (in any order)."""
    pos = mention.end
    progress = True
    while progress and _MAY_ATTACH.match(text, pos):
        progress = False
        if mention.date is None:
            stray = _STRAY_BEFORE_DATE.match(text, pos)
            probe = stray.end() if stray and not mention.issuer else pos
            match = _DATE_ATTACH.match(text, probe)
            if match:
                # The match holds the date's own groups (nothing before the date is a digit).
                parsed = iso_date(match)
                if parsed:
                    mention.date = parsed
                    pos = match.end()
                    progress = True
            elif mention.date_raw is None and mention.year is None:
                pos, progress = _attach_partial_date(text, mention, pos, progress)
        if mention.issuer is None:
            intro = _ISSUER_INTRO.match(text, pos)
            if intro and intro.end() not in stops:
                found = read_issuer(text, intro.end(), stops)
                if found:
                    mention.issuer_span = (intro.end(), found[0])
                    pos, mention.issuer = found
                    progress = True
        if mention.term is None:
            match = TERM_RE.match(text, pos)
            if match:
                mention.term = term_numeral(match.group("t1") or match.group("t2"))
                pos = match.end()
                progress = True
    mention.end = pos


def _attach_partial_date(text: str, mention: Mention, pos: int, progress: bool) -> tuple[int, bool]:
    """Attach the year alone or a partial date after ``pos`` (see ``_PARTIAL_DATE``)."""
    if not _MAY_BE_PARTIAL.match(text, pos):
        return pos, progress  # the cheap test first
    year = _YEAR_ATTACH.match(text, pos)
    if year is not None:
        mention.year = int(year.group("year"))
        return year.end(), True
    partial = _PARTIAL_DATE.match(text, pos)
    if partial is None:
        return pos, progress
    mention.date_raw = " ".join((partial.group("raw") or partial.group("month")).split())
    if partial.group("year"):
        mention.year = int(partial.group("year"))
    return partial.end(), True


def _tail_of(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The symbol tail after the number of ``match`` (a case-insensitive pattern ending with
    an optional or required ``SYMBOL_TAIL``), as ``SYMBOL_TAIL_RE`` reads it; None if none.

    Case matters to the tail in one branch only: a Party code after a slash ("646/QĐ/QUTW") is
    spelt in capitals. Every other path of the tail reads the same whatever the flag, so there
    the match's own groups are the tail's and the tail is not read a second time.
    """
    if not (match.group("code") or match.group("scode")):
        return None
    if match.group("code") and text.startswith("/", match.end("num")):
        return SYMBOL_TAIL_RE.match(text, match.end("num"))
    return match


def _numbered(text: str, starts: list[int]) -> list[Mention]:
    found: list[Mention] = []
    for start in starts:
        match = NUMBERED_RE.match(text, start)
        if match is None:
            continue
        typed = kind_of_type_word(match.group("type"))
        if typed is None:
            continue
        kind, case = typed
        number = match.group("num")
        tail = _tail_of(text, match)
        symbol = parse_symbol_tail(number, tail) if tail else None
        end = match.end() if symbol else match.end("num")
        has_so = bool(match.group("so"))
        if not symbol and not has_so:
            # Without "số" or a symbol a number is often a count ("Báo cáo 6 tháng") or a
            # heading's numbering ("CHƯƠNG TRÌNH\n1. ..."): accept it only after a capitalised
            # type word on the same line, and not before a unit.
            if not match.group("type")[0].isupper() or _UNIT_AFTER_NUMBER.match(text, end):
                continue
            if "\n" in text[match.end("type") : match.start("num")]:
                continue
            if len(number) == 4 and 1945 <= int(number) <= 2100:
                continue
        if symbol and kind == "cong-van":
            # "văn bản số 71-HD/BTGTW": a generic type word, the symbol says what it is.
            kind = symbol_kind(symbol) or kind
        mention = Mention(match.start(), end, kind, number=number)
        if symbol:
            mention.symbol, mention.symbol_parts = symbol.text, symbol
        if case == "exact" and kind == "quyet-dinh":
            mention.warnings.append("QĐ without a type word: taken as Quyết định")
        found.append(mention)
    return found


def _bare_symbols(text: str, taken: list[Mention]) -> list[Mention]:
    """Symbols written without a type word, outside the mentions already found."""
    found: list[Mention] = []
    taken_starts = [m.start for m in taken]
    last_end = -1
    for start in _symbol_starts(text):
        if start < last_end:
            continue
        # Most candidates lie in a symbol already read with its type word: skip those first.
        before = bisect.bisect_right(taken_starts, start) - 1
        if before >= 0 and taken[before].end > start:
            continue
        match = BARE_SYMBOL_RE.match(text, start)
        if match is None:
            continue
        tail = _tail_of(text, match)
        symbol = parse_symbol_tail(match.group("num"), tail) if tail else None
        if symbol is None or not tail:
            continue
        kind = symbol_kind(symbol)
        # A code alone after the number is a symbol only when it names the issuer itself
        # ("6/CP", a decree of the Government before 1997); "12/KH" is too bare to tell.
        if kind is None or not (
            symbol.issuers or symbol.year or symbol.code in tables.issuer_codes()
        ):
            continue
        mention = Mention(match.start(), tail.end(), kind, number=match.group("num"))
        mention.symbol, mention.symbol_parts = symbol.text, symbol
        mention.has_type_word = False
        if symbol.code.upper() == "QĐ":
            mention.warnings.append("QĐ without a type word: taken as Quyết định")
        found.append(mention)
        last_end = mention.end
    return found


_DIGIT_RUN = re.compile(r"(?<!\d)\d")


def _symbol_starts(text: str) -> list[int]:
    """Where a number that may begin a symbol starts: every symbol holds a "/", so only the
    digit runs in the few characters before each slash are candidates (a cheap C-speed find
    instead of trying the symbol pattern at every position).

    Slashes come close together ("03/6/2013"); each window starts no earlier than the previous
    slash, so no stretch is searched twice and the starts come out in order without duplicates.
    """
    starts: list[int] = []
    searched = 0
    slash = text.find("/")
    while slash >= 0:
        for digits in _DIGIT_RUN.finditer(text, max(searched, slash - 24), slash):
            starts.append(digits.start())
        searched = slash
        slash = text.find("/", slash + 1)
    return starts


_CONGRESS_SCOPES = {"tỉnh": "tinh", "thành phố": "thanh-pho", "quân đội": "tinh"}
_COMMUNE_UNITS = frozenset({"xã", "phường", "thị trấn"})


def _congress(match: re.Match[str], start: int) -> Mention | None:
    """The congress resolution a ``CONGRESS_RE`` or ``ELLIPTICAL_CONGRESS_RE`` match names.

    A local congress may be named by its term instead of its ordinal ("Nghị quyết Đại hội Đảng
    bộ huyện nhiệm kỳ 2020 - 2025"); a congress with neither, and no unit, is an event.
    """
    groups = match.groupdict()
    ordinal = groups.get("ord2") or groups.get("eord") or groups.get("ord1") or groups.get("ord3")
    unit = groups.get("unit") or groups.get("eunit")
    period = groups.get("period")
    if not ordinal and not (period and groups.get("bo")) and not unit:
        return None
    if ordinal and ordinal.isdigit():
        ordinal = term_numeral(ordinal)
    if unit or groups.get("bo"):
        unit_text = " ".join(unit.lower().split()) if unit else None
        if unit_text in _COMMUNE_UNITS:
            scope = "xa"
        else:
            scope = _CONGRESS_SCOPES.get(unit_text or "", "huyen" if unit_text else "tinh")
        raw_place = groups.get("place") or groups.get("eplace")
        place = " ".join(raw_place.split()) if raw_place else None
        if unit_text == "quân đội":
            place = "Quân đội"
        congress = Congress(ordinal, scope, place, int(period) if period else None)
    else:
        congress = Congress(ordinal, "toan-quoc")
    # The surface ends at the ordinal (plus "của Đảng"), or at the place when the ordinal
    # came first ("Đại hội XVII Đảng bộ tỉnh Hải Dương"), or at the term that stands for it.
    ends = [
        match.end(g)
        for g in ("ord2", "eord", "ord3", "ord1", "party", "place", "eplace", "unit", "eunit", "bo")
        if groups.get(g)
    ]
    if period and not ordinal:
        ends.append(match.end())
    return Mention(start, max(ends), "nghi-quyet", congress=congress)


def _congresses(text: str, starts: list[int]) -> list[Mention]:
    found: list[Mention] = []
    for start in starts:
        match = CONGRESS_RE.match(text, start)
        if match is None:
            continue
        mention = _congress(match, match.start())
        if mention is None:
            continue
        found.append(mention)
        # "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, Đại hội Đảng bộ tỉnh lần thứ XI":
        # the second congress shares the type word of the first.
        pos = mention.end
        while True:
            more = ELLIPTICAL_CONGRESS_RE.match(text, pos)
            if more is None:
                break
            body_start = skip_spaces(text, more.start() + (1 if text[more.start()] == "," else 0))
            if text.startswith("và", body_start):
                body_start = skip_spaces(text, body_start + 2)
            follower = _congress(more, body_start)
            national = mention.congress is not None and mention.congress.scope == "toan-quoc"
            if follower is None or (more.group("eunit") and national):
                break
            follower.has_type_word = False
            found.append(follower)
            pos = follower.end
    return found


def _plenums(text: str, starts: list[int]) -> list[Mention]:
    found: list[Mention] = []
    for start in starts:
        match = PLENUM_RE.match(text, start)
        if match is None:
            continue
        raw = match.group("n1") or match.group("n2")
        ordinal = int(raw) if raw.isdigit() else tables.ordinal_words().get(raw.lower())
        if not ordinal:
            continue
        term = match.group("t1") or match.group("t2")
        mention = Mention(match.start(), match.end(), "nghi-quyet", plenum=Plenum(ordinal))
        mention.term = term_numeral(term) if term else None
        found.append(mention)
    return found


# "Hội nghị đã thông qua Nghị quyết về “Tăng cường ...”": a resolution named by its quoted title,
# the way plenum documents are announced before their number is known.
QUOTED_TITLE_RE = re.compile(
    r"(?P<type>Nghị\s+quyết|Kết\s+luận|Chỉ\s+thị|Quy\s+định)(?:\s+về)?\s*“"
    rf"(?P<title>[{UPPER}][^“”\n]{{8,400}})”",
    re.IGNORECASE,
)


def _quoted_titles(text: str, starts: list[int]) -> list[Mention]:
    found: list[Mention] = []
    for start in starts:
        match = QUOTED_TITLE_RE.match(text, start)
        if match is None:
            continue
        typed = kind_of_type_word(match.group("type"))
        if typed is None:
            continue
        mention = Mention(start, match.end(), typed[0])
        mention.name_span = (match.start("title"), match.end("title"))
        found.append(mention)
    return found


# "Nghị quyết nói trên", "Chỉ thị trên", "Kết luận này": the type word and a word that points
# back. Whether it points at an earlier citation or at the document itself is decided once the
# document's own kind is known (:func:`kg.extract._names_itself`).
_BACK_REFERENCE_TYPES = (
    r"Nghị\s+quyết|Chỉ\s+thị|Kết\s+luận|Quyết\s+định|Quy\s+định|Kế\s+hoạch|Chương\s+trình"
    r"|Hướng\s+dẫn|Thông\s+báo|Thông\s+tri|Thông\s+tư|Nghị\s+định|Đề\s+án|Quy\s+chế|Công\s+văn"
)
ANAPHOR_RE = re.compile(
    rf"(?P<type>{_BACK_REFERENCE_TYPES})\s+(?:nói\s+trên|nêu\s+trên|vừa\s+nêu|trên|này)(?!\w)",
    re.IGNORECASE,
)


_PLURAL_BEFORE = re.compile(r"(?<!\w)(?:các|những|mấy)\s+$", re.IGNORECASE)
# "Để thực hiện Nghị quyết này": a text acting on "X này" points back at a document it cited;
# "chịu trách nhiệm thi hành Quyết định này" is a decision's own closing formula.
_ACTS_ON_THIS = re.compile(
    r"(?<!\w)(?:thực\s+hiện|triển\s+khai|quán\s+triệt|tuyên\s+truyền|học\s+tập|cụ\s+thể\s+hóa"
    r"|sơ\s+kết|tổng\s+kết)(?:\s+(?:có\s+)?hiệu\s+quả|\s+tốt|\s+nghiêm\s+túc)?\s+$",
    re.IGNORECASE,
)


def _anaphora(text: str, starts: list[int]) -> list[Mention]:
    found: list[Mention] = []
    for start in starts:
        match = ANAPHOR_RE.match(text, start)
        if match is None or _PLURAL_BEFORE.search(text, max(0, start - 8), start):
            continue  # "các nghị quyết trên": several documents, none named
        if match.group(0).endswith("này") and not _ACTS_ON_THIS.search(
            text, max(0, start - 40), start
        ):
            continue  # "Quyết định này có hiệu lực ...": the text speaking of itself
        typed = kind_of_type_word(match.group("type"))
        if typed is None:
            continue
        mention = Mention(start, match.end(), typed[0])
        mention.anaphor = True
        found.append(mention)
    return found


# "(sau đây gọi tắt là Quy chế)": later, "thực hiện Quy chế" points back at that document.
_ALIAS_DEFINITION = re.compile(
    r"\(\s*(?:sau\s+đây\s+)?gọi\s+(?:tắt\s+|chung\s+)?là\s+"
    rf"(?P<alias>{_BACK_REFERENCE_TYPES})\s*\)",
    re.IGNORECASE,
)
_ALIAS_ACTED_ON = re.compile(
    r"(?<!\w)(?:thực\s+hiện|triển\s+khai|quán\s+triệt|theo|căn\s+cứ|tại|của)\s+$",
    re.IGNORECASE,
)


def _alias_uses(text: str, mentions: list[Mention]) -> list[Mention]:
    """Uses of a short name a text defines for a document it cites, where the text acts on it
    ("Triển khai Quy chế"); each points back like "Quy chế nói trên"."""
    if "gọi" not in text:
        return []
    taken = [(m.start, m.end) for m in mentions]
    starts = [m.start for m in mentions]
    found: list[Mention] = []
    for definition in _ALIAS_DEFINITION.finditer(text):
        alias = definition.group("alias")
        typed = kind_of_type_word(alias)
        named = bisect.bisect_left(starts, definition.start()) - 1
        if typed is None or not alias[0].isupper() or named < 0:
            continue
        uses = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)(?!\s*(?:số|\d))")
        for use in uses.finditer(text, definition.end()):
            start, end = use.start(), use.end()
            if any(a <= start < b for a, b in taken) or not _ALIAS_ACTED_ON.search(
                text, max(0, start - 20), start
            ):
                continue
            mention = Mention(start, end, typed[0])
            mention.anaphor = True
            mention.refers_to = mentions[named]
            found.append(mention)
    return found


_SHORT_FORM_LIST_HEAD = re.compile(r"\ssố\s*:?\s*\d{2,5}$", re.IGNORECASE)


def _list_numbers(text: str, head: Mention) -> list[Mention]:
    """Numbers after ``head`` that share its type word: "Quyết định 217, 218-QĐ/TW"."""
    items: list[Mention] = []
    pos = head.end
    while True:
        match = LIST_NUMBER_RE.match(text, pos)
        if match is None:
            break
        number = match.group("num")
        tail = _tail_of(text, match)
        symbol = parse_symbol_tail(number, tail) if tail else None
        if _UNIT_AFTER_NUMBER.match(text, match.end("num")) and symbol is None:
            break
        start = match.start("num")
        before = text[match.start() : start].rstrip()
        if before.lower().endswith("số"):  # written "SỐ" too
            start = match.start() + len(before) - len("số")
        item = Mention(start, match.end() if symbol else match.end("num"), head.kind, number=number)
        if symbol:
            item.symbol, item.symbol_parts = symbol.text, symbol
        item.has_type_word = False
        items.append(item)
        pos = item.end
        if symbol:
            break
    if not items:
        return []
    if items[-1].symbol is None and not _SHORT_FORM_LIST_HEAD.search(text, head.start, head.end):
        # Without a symbol the numbers must follow "số" ("Quyết định số 217 và 218": two short
        # forms); "Báo cáo 6 và 9" counts something.
        return []
    return items


def _trigger_pattern() -> str:
    """The type words as one alternation, grouped by their first letter, then by syllable.

    Only the words sharing the letter under the cursor are tried ("c(?:hương ...|hỉ ...)"), and
    words sharing their first syllables share one attempt at them ("thông (?:tư|báo|tri)"):
    "th", "ch", "ng" open half the syllables of a text, and each word tried in turn would read
    them again. Words are taken longest first and, where one word continues another ("thông tư"
    and "thông tư liên tịch"), the continuation is tried first. Words that part at a syllable
    then cannot both match at one place (see :func:`_parts_cleanly`), so the same word wins at
    every position as in the plain alternation, longest first; where they could, the words are
    grouped by their first letter only. Words whose second character is regex syntax cannot be
    split after their first letter; then the plain alternation is used.
    """
    words = sorted(
        {w.pattern.lower() for w in tables.type_words()} | set(named_words()),
        key=lambda word: len(_spaced(word)),
        reverse=True,
    )
    if not all(len(word) > 1 and word[0].isalpha() and word[1].isalpha() for word in words):
        return "|".join(map(_spaced, words))
    by_letter: dict[str, list[list[str]]] = {}
    for word in words:
        by_letter.setdefault(word[0], []).append(word[1:].split(" "))
    # (A group holding a blank, "quyết(?: liên tịch)?", would be cut by the split into syllables.)
    whole = all(
        syllable.count("(") == syllable.count(")") for word in words for syllable in word.split(" ")
    )
    if whole and all(_parts_cleanly(rests) for rests in by_letter.values()):
        return "|".join(f"{letter}{_syllable_trie(rests)}" for letter, rests in by_letter.items())
    return "|".join(
        f"{letter}(?:{'|'.join(_spaced(' '.join(rest)) for rest in rests)})"
        for letter, rests in by_letter.items()
    )


def _syllable_trie(words: list[list[str]]) -> str:
    """The words (lists of syllables, none empty; in the order to try) as nested groups that
    share their common first syllables."""
    branches = _branches(words)
    alternatives = []
    for syllable, rests in branches.items():
        longer = [rest for rest in rests if rest]
        if not longer:
            alternatives.append(syllable)
            continue
        optional = "?" if len(longer) < len(rests) else ""
        alternatives.append(rf"{syllable}(?:\s+{_syllable_trie(longer)}){optional}")
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


def _branches(words: list[list[str]]) -> dict[str, list[list[str]]]:
    """The words by their first syllable (in order of first appearance), each with the rest of
    its syllables."""
    branches: dict[str, list[list[str]]] = {}
    for syllables in words:
        branches.setdefault(syllables[0], []).append(syllables[1:])
    return branches


_PATTERN_SYNTAX = re.compile(r"[\\()\[\]{}?*+|.^$]")


def _parts_cleanly(words: list[list[str]]) -> bool:
    """Whether the syllable groups of ``words`` keep the plain alternation's choice: no two
    syllables at one branching may match at one place. A syllable followed by more of its word
    needs a blank next, so it never matches where a longer syllable does; one that may end a
    word (or is a pattern, not plain letters) must not begin another or be begun by it."""
    branches = _branches(words)
    ends = {
        syllable: any(not rest for rest in rests) or "(" in syllable or ")" in syllable
        for syllable, rests in branches.items()
    }
    letters = {syllable: _PATTERN_SYNTAX.split(syllable, 1)[0] for syllable in branches}
    for first in branches:
        for second in branches:
            if first == second or not (ends[first] or ends[second]):
                continue
            if letters[first].startswith(letters[second]) or letters[second].startswith(
                letters[first]
            ):
                return False
    return all(
        _parts_cleanly(longer)
        for rests in branches.values()
        if (longer := [rest for rest in rests if rest])
    )


# Where a type word starts. Searching the lower-cased text case-sensitively is some twenty times
# faster than one case-insensitive alternation; the full patterns then run only at these points.
# Each hit also says what follows the type word (see _TypeWords), read in the same scan.
_TRIGGER = re.compile(
    rf"(?P<word>{_trigger_pattern()})"
    r"(?:\s*(?:(?P<number>\d|số)|(?P<quote>“|về(?!\w))|(?P<back>(?:nói|nêu|vừa|trên|này)(?!\w))))?"
)
_NAMED_WORDS = frozenset(named_words())
_MAY_FOLLOW_UNNUMBERED = may_follow_unnumbered()
_TRIGGER_WORDS = frozenset(w.pattern.lower() for w in tables.type_words()) | _NAMED_WORDS
# Named-document words that never precede a number ("Hiến pháp", "Điều lệ", "Cương lĩnh").
_NAME_ONLY_WORDS = _NAMED_WORDS - {w.pattern.lower() for w in tables.type_words()}


class _TypeWords(NamedTuple):
    """Where type words start, sorted by what may follow them (one look at the next word
    spares the patterns most places): a number ("số 25", "25-NQ/TW"); a quoted title; a word
    that points back ("nói trên", "này"); a congress or plenum; a name (a law, the
    constitution); and the spans of those that can name a plan or programme without a number."""

    numbered: list[int]
    quoted: list[int]
    anaphoric: list[int]
    resolutions: list[int]
    named: list[int]
    unnumbered: list[tuple[int, int]]


def _type_word_starts(text: str, lowered: str) -> _TypeWords:
    """The type words of ``text`` (see :class:`_TypeWords`); ``lowered`` is
    ``lower_keeping_length(text)``: hits in it are read at the same offsets in ``text``.

    A type word glued to a list number counts ("- 3Nghị định 34/2016/NĐ-CP"), one glued to
    letters does not."""
    found = _TypeWords([], [], [], [], [], [])
    for hit in _TRIGGER.finditer(lowered):
        start = hit.start()
        if start and (
            text[start - 1].isalpha()
            or text[start - 1] == "/"
            or (text[start - 1].isdigit() and not text[start].isupper())
        ):
            continue
        word = hit.group("word")
        if word not in _TRIGGER_WORDS:
            word = " ".join(word.split())  # a type word broken across lines
        if word in _NAMED_WORDS:
            found.named.append(start)
            if word in _NAME_ONLY_WORDS:
                continue
        following = hit.lastgroup
        if following == "number":
            found.numbered.append(start)
        elif following == "quote":
            found.quoted.append(start)
        elif following == "back":
            found.anaphoric.append(start)
        if word.startswith(("nghị", "nq")):
            found.resolutions.append(start)
        elif following == "word" and word in UNNUMBERED_WORDS:
            end = hit.end()
            next_word = _NEXT_WORD.match(lowered, end)
            if next_word is not None and next_word.group(1) in _MAY_FOLLOW_UNNUMBERED:
                found.unnumbered.append((start, end))
    return found


_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")


def find_mentions(text: str, lowered: str | None = None) -> list[Mention]:
    """Every mention in ``text`` (normalised), sorted, non-overlapping, with attachments;
    ``lowered`` is ``lower_keeping_length(text)`` when the caller has it already."""
    words = _type_word_starts(text, lower_keeping_length(text) if lowered is None else lowered)
    named = find_named(text, words.named)
    candidates = (
        _congresses(text, words.resolutions)
        + _plenums(text, words.resolutions)
        + _numbered(text, words.numbered)
        + _quoted_titles(text, words.quoted)
        + _anaphora(text, words.anaphoric)
        + [m for m in named if m.inside is None]
    )
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Mention] = []
    last_end = -1
    for mention in candidates:
        if mention.start >= last_end:
            chosen.append(mention)
            last_end = mention.end
    extra: list[Mention] = []
    for mention in chosen:
        if mention.number and mention.symbol is None and mention.has_type_word:
            extra.extend(_list_numbers(text, mention))
    extra.extend(_bare_symbols(text, chosen))
    merged = sorted(chosen + extra, key=lambda m: (m.start, -(m.end - m.start)))
    result: list[Mention] = []
    last_end = -1
    for mention in merged:
        if mention.start >= last_end:
            result.append(mention)
            last_end = mention.end
    result = _with_nested(result, [m for m in named if m.inside is not None])
    stops = {m.start for m in result}
    for mention in result:
        if mention.congress is None and mention.plenum is None and mention.title is None:
            attach(text, mention, stops)
        elif mention.plenum is not None and mention.term is None:
            attach_term_only(text, mention)
    _fix_tu_symbols(result)
    added = find_unnumbered(text, words.unnumbered, result) + _alias_uses(text, result)
    if added:
        result = sorted(result + added, key=lambda m: (m.start, -(m.end - m.start)))
    return result


def _with_nested(mentions: list[Mention], nested: list[Mention]) -> list[Mention]:
    """``mentions`` with the ``nested`` ones whose container was kept, each after it."""
    if not nested:
        return mentions
    kept = {id(m) for m in mentions}
    inner = [m for m in nested if id(m.inside) in kept]
    return sorted(mentions + inner, key=lambda m: (m.start, -(m.end - m.start)))


def attach_term_only(text: str, mention: Mention) -> None:
    match = TERM_RE.match(text, mention.end)
    if match:
        mention.term = term_numeral(match.group("t1") or match.group("t2"))
        mention.end = match.end()


def _fix_tu_symbols(mentions: list[Mention]) -> None:
    """Re-read "TƯ"/"T.Ư" issuer codes once the issuing body named in the text is known."""
    for mention in mentions:
        parts = mention.symbol_parts
        if (
            parts
            and parts.ambiguous_tu
            and mention.issuer
            and mention.symbol
            and re.search(r"(?i)tỉnh ủy|thành ủy", mention.issuer)
            and not re.search(r"(?i)trung ương|bộ chính trị|ban bí thư", mention.issuer)
        ):
            mention.symbol = mention.symbol.replace("/TW", "/TU")


def congress_year(mention: Mention) -> int | None:
    """Year of a national congress resolution from the table of congress dates."""
    if mention.congress is None or mention.congress.scope != "toan-quoc":
        return None
    ordinal = mention.congress.ordinal
    return tables.congress_years().get(ordinal) if ordinal else None
