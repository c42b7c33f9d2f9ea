"""The identity of the document being read: kind, number, symbol, date, issuer, title, signers.

Two layouts occur. A formal document has a header block (issuing body in capitals on the left,
"Số 36-KH/BDVTU", the place-date line on the right), the type in capitals with its summary line,
and at the end the "Nơi nhận:" list and the signer block. A saved web page has the posting date
("Thứ Tư, 24/7/2024", never the document's date), a title line "Kế hoạch số 82-KH/BDVTW ngày
18/5/2023 của ... về ...", and site furniture at the bottom. Documents without a header take the
issuer from the body ("Ban Dân vận Tỉnh ủy ban hành ...") and the province from the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from kg.extract import tables
from kg.extract.bodies import read_issuer
from kg.extract.model import DocumentInfo, Signer
from kg.extract.patterns import (
    DATE,
    DATE_RE,
    SYMBOL_TAIL,
    SYMBOL_TAIL_RE,
    iso_date,
    parse_symbol_tail,
    symbol_kind,
)
from kg.extract.tables import kind_of_type_word
from kg.identity import Symbol
from kg.textnorm import ascii_fold

_FURNITURE_LINES = (
    *("Gửi cho bạn bè", "Phản hồi", "Thông tin người gửi phản hồi", "Các tin khác"),
    *("Xem nhiều nhất", "In trang", "Chia sẻ", "Bản in", "Về đầu trang", "Tin liên quan"),
    *("Tin cùng chuyên mục", "Bình luận", r"Lượt xem\s*:?.*", r"Tags?\s*:.*", r"Từ khóa\s*:.*"),
    *(r"File\s*:.*", r"Tệp đính kèm\s*:.*"),
)
# Opened by the class of the lines' first letters: most lines then fail at their first
# character, where a case-insensitive alternation would try its phrases one by one.
_FURNITURE = re.compile(
    rf"(?=[{''.join(sorted({line[0] for line in _FURNITURE_LINES}))}])"
    rf"(?:{'|'.join(_FURNITURE_LINES)})\s*",
    re.IGNORECASE,
)
# A posting date opening a line, with its time ("Thứ Tư, 24/7/2024 - 10:32"); what follows on
# the line ("| Lượt xem: 35", or a sentence that cites) is read as usual.
_POSTING_DATE = re.compile(
    r"\s*(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|\d)|Chủ\s+nhật)\s*,\s*"
    r"(?:\d{1,2}/\d{1,2}/\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"(?:\s*[-–|,]?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|GMT\s*[+]?\d*))?)?",
    re.IGNORECASE,
)
_TYPE_WORDS = "|".join(
    f"(?:{w.pattern})" for w in tables.type_words() if w.case == "any" and " " in w.pattern
)
_ANY_TYPE = tables.type_word_alternation("any")
_PAGE_TYPE = re.compile(rf"\s*+({_ANY_TYPE})\s+(?!số)", re.IGNORECASE)
_CAPS_TYPE = re.compile(rf"({_ANY_TYPE})(?:\s|$)", re.IGNORECASE)
# Blanks before a word are taken possessively here and below ("\s*+"): a word never starts with a
# blank, so giving some back cannot help, and a header line's runs of blanks would otherwise be
# retried at every length.
_TITLE_LINE = re.compile(
    rf"\s*+(?P<type>{_TYPE_WORDS})\s+(?:(?:số\s*:?\s*)?(?P<num>\d{{1,5}})(?P<tail>{SYMBOL_TAIL}))?"
    rf"(?:\s*,?\s*(?:ngày\s+)?(?P<date>{DATE}))?",
    re.IGNORECASE,
)
_NUMBER_START = re.compile(r"(?:\|\s*)?Số\s*:?(?:\s|$)")
# "Nghị quyết số: 653/2019/UBTVQH14" on a line of its own.
_TYPED_NUMBER_LINE = re.compile(
    rf"(?:^|\n)\s*+(?:{_TYPE_WORDS}|[A-ZĐ][^\W\d_]*\s+[^\W\d_]+)\s+số\s*:\s*(?P<num>\d{{1,5}})"
    rf"\s*(?P<tail>{SYMBOL_TAIL})",
    re.IGNORECASE,
)
_SYMBOL_ONLY = re.compile(rf"(?P<num>\d{{1,5}})\s*(?P<tail>{SYMBOL_TAIL})\s*$")
# "Số" opening a header cell: at the start, after a line break, a bar (and a blank), or a gap
# of two blanks. Written "Số" first, so that the scan skips to it; the look back then checks
# what stands before it (a pattern opening with the gap is tried at every character).
_NUMBER_LINE = re.compile(
    r"Số(?:(?<=^Số)|(?<=\nSố)|(?<=\|Số)|(?<=\|\sSố)|(?<=\s\sSố))"
    rf"\s*:?\s*(?P<num>\d{{1,5}})\s*(?P<tail>{SYMBOL_TAIL})"
)
# The header's date: "Sơn\nLa, ngày 11 tháng 3\nnăm 2020", with its place before it (`_PLACE`,
# read backwards from the date) or alone on its line ("ngày 01 tháng 4 năm 2021" under "Số:
# 68/KH-UBND"). The date words are searched first: a pattern that may start at any blank (as
# the place's opening does) gets no first-letter scan and costs a tenth of a news page's
# extraction.
_HEADER_DATE = re.compile(r"[Nn]gày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_PLACE = re.compile(
    r"(?:^|\s{2,}+|\t|\|\s*+|\n)"
    r"(?P<place>[A-ZĐÂĂÊÔƠƯ][\w.]*+(?:(?: (?:- )?|\n)[A-ZĐÂĂÊÔƠƯ][\w.]*+){0,4})\s*,\s*$"
)
_DATE_ALONE = re.compile(r"(?:^|\s{2,}|\|\s*|\n)$")
# How far before its date a place may start: five words.
_PLACE_REACH = 120
# "Nghị quyết số: 653/2019/UBTVQH14" needs this (on the lower-cased text): a quick test that
# spares the line pattern on most pages.
_NUMBER_COLON = re.compile(r"số\s*:")

# Header cells that name no body: the national motto anywhere in the cell, and rules, the number
# and signing formulas at its start (two patterns: one holding "^" would be tried at every
# character of the cell).
_SKIP_HEADER = re.compile(
    r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI|CHỦ NGHĨA VIỆT NAM|Độc lập", re.IGNORECASE
)
_SKIP_HEADER_START = re.compile(
    r"\*+$|-+$|Số\b|(?:K/T|T/M|TM\.|KT\.|PHÓ TRƯỞNG|TRƯỞNG BAN|BÍ THƯ|PHÓ BÍ THƯ)",
    re.IGNORECASE,
)
# A header's body names are short; a longer line in capitals is a title.
_UNIT_LENGTH = 80
# The enacting line right above the preamble ("ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN" / "Căn cứ ...").
_PREAMBLE_WORDS = ("Căn cứ", "Xét", "Theo đề nghị")
_PREAMBLE = re.compile(rf"(?:{'|'.join(_PREAMBLE_WORDS)})\b")
_BODY_START = re.compile(
    r"(?:CHỦ TỊCH |BỘ TRƯỞNG )?(?:ỦY BAN|UỶ BAN|HỘI ĐỒNG|CHÍNH PHỦ|THỦ TƯỚNG|QUỐC HỘI|BỘ\b|BAN\b"
    r"|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ĐẢNG ỦY|THƯỜNG TRỰC)"
)
_METADATA_FIELDS = ("Số hiệu", "Cơ quan ban hành", "Nơi ban hành", "Ngày ban hành", "Loại văn bản")
# A legal mirror's metadata block before the document ("Số hiệu 76/2025/UBTVQH15").
_METADATA = re.compile(
    r"^(?P<field>Số hiệu|Cơ quan ban hành|Nơi ban hành|Ngày ban hành|Loại văn bản)"
    r"\s*:?\s*(?P<value>.+?)\s*$"
)
# How body names are written when the header spells them in capitals; the rest is a place name.
_ORG_WORDS = (
    "Ủy ban Thường vụ Quốc hội",
    "Ủy ban Thường vụ",
    "Thường trực",
    "Thủ tướng Chính phủ",
    "Chính phủ",
    "Quốc hội",
    "Ban Chấp hành Trung ương",
    "Ban Chấp hành",
    "Ban Tuyên giáo và Dân vận",
    "Ban Cán sự đảng",
    "Ban Thường vụ",
    "Ban Dân vận",
    "Ban Tuyên giáo",
    "Ban Tổ chức",
    "Ban Nội chính",
    "Ban Kinh tế",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Ủy ban Kiểm tra",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Văn phòng",
    "Đảng đoàn",
    "Đảng bộ",
    "Đảng ủy",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Trung ương",
    "thành phố",
    "tỉnh",
    "thị xã",
    "thị trấn",
    "huyện",
    "quận",
    "phường",
    "xã",
)
# Names that continue on the next header line ("ỦY BAN THƯỜNG VỤ / QUỐC HỘI").
_INCOMPLETE = frozenset({"Ủy ban Thường vụ", "Ban Thường vụ", "Ban Chấp hành", "Thường trực"})


def _org_words_by_initial() -> dict[str, list[tuple[str, str]]]:
    """The body words and their capitals by first capital letter, in the order above: only
    those can start where that letter is."""
    table: dict[str, list[tuple[str, str]]] = {}
    for org in _ORG_WORDS:
        table.setdefault(org.upper()[0], []).append((org, org.upper()))
    return table


_ORG_WORDS_BY_INITIAL = _org_words_by_initial()
_BODY_ISSUER = re.compile(
    r"(?P<body>Ban\s+[A-ZĐ][^\W\d_]*\s+[^\W\d_]+\s+(?P<level>Tỉnh|Thành|Huyện|Quận)\s+ủy)"
    r"(?:\s+(?P<place>(?-i:[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,2})))?"
    r"\s+(?:ban\s+hành|xây\s+dựng)(?!\w)"
)
_PLACE_AFTER = {
    "Tỉnh": re.compile(r"(?:Tỉnh ủy|tỉnh)\s+(?P<place>[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){1,2})"),
    "Thành": re.compile(
        r"(?:Thành ủy|thành phố)\s+(?P<place>[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){1,2})"
    ),
}
_BODY_WORD = re.compile(
    r"ỦY|THƯỜNG TRỰC|BAN\b|ĐẢNG|BỘ\b|VĂN PHÒNG|HỘI ĐỒNG|TRUNG ƯƠNG|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN"
    r"|XÃ\b|PHƯỜNG|MẶT TRẬN|CHÍNH PHỦ|QUỐC HỘI|SỞ\b|TRƯỜNG\b|HỘI\b"
)
_VOWEL = re.compile(r"[aeiouy]")
_ABBREVIATIONS = frozenset({"UBND", "HĐND", "MTTQ", "TNCS", "UBKT", "BCH", "BTV"})
_RECIPIENTS = re.compile(r"Nơi\s+nhận\s*:?")
_ADDRESSEES = re.compile(r"Kính\s+gửi\s*:?")
_ARCHIVE = re.compile(r"Lưu\b", re.IGNORECASE)
# "- Như trên": the recipients include those the document is addressed to ("Kính gửi:").
_AS_ABOVE = re.compile(r"Như\s+trên\b", re.IGNORECASE)
_BULLETS = ("-", "+", "•")
# Items written on the label's own line ("Nơi nhận: A (b/c), B, lưu VP") are split at
# semicolons when there are any, else at commas outside parentheses.
_INLINE_ITEMS = (re.compile(r";"), re.compile(r",(?![^()]*\))"))
# The gap between two columns: two blanks, a tab or a bar. Written so that every alternative
# starts with a definite character (the regex engine then skips to one), in the order and with
# the extent of "\s{2,}|\t|\s*\|\s*".
_COLUMNS = re.compile(r"\s\s+|\t|\s\|\s*|\|\s*")
_RULE = re.compile(r"-+|\*+")
_OF = re.compile(r"\s*,?\s*của\s+")
_ABOUT = re.compile(r"\s*,?\s*về\s+")
_NAME = re.compile(r"[A-ZĐÂĂÊÔƠƯ][^\W\d_A-Z]*(?: [A-ZĐÂĂÊÔƠƯ][^\W\d_A-Z]*){1,4}")
_SIGNED = re.compile(r"\(?\s*đã\s+ký\s*\)?|\(?\s*ký\s+tên.*\)?", re.IGNORECASE)
_RECIPIENT_NOTE = re.compile(
    r"\s*\(\s*(?:để\s+)?(?:b/c|báo\s+cáo|biết|t/h|thực\s+hiện|chỉ\s+đạo|phối\s+hợp)\s*\)",
    re.IGNORECASE,
)


class Line(NamedTuple):
    """One line of the normalised text (a named tuple: a long text has thousands of lines)."""

    start: int
    end: int
    text: str
    stripped: str


def lines_of(text: str) -> list[Line]:
    found = []
    pos = 0
    for raw in text.split("\n"):
        found.append(Line(pos, pos + len(raw), raw, raw.strip()))
        pos += len(raw) + 1
    return found


def furniture_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """Spans of web-page furniture lines and posting dates: never references, never identity.

    A span starts where its line starts, so the line is left out of the header as well.
    """
    spans = []
    for line in lines:
        if not line.stripped:
            continue
        if _FURNITURE.fullmatch(line.stripped):
            spans.append((line.start, line.end))
        # A posting date holds a "/" or "ngày", which most lines lack: the cheap test spares
        # its pattern.
        elif ("/" in line.text or "ngày" in line.text) and (
            posted := _POSTING_DATE.match(line.text)
        ):
            spans.append((line.start, line.start + posted.end()))
    return spans


def _sentence_case(caps: str) -> str:
    lowered = " ".join(caps.split()).lower()
    return lowered[:1].upper() + lowered[1:]


def _org_case(caps: str) -> str:
    """ "TỈNH ỦY BÌNH PHƯỚC" -> "Tỉnh ủy Bình Phước": known body words, then a place name."""
    words = " ".join(caps.split())
    out: list[str] = []
    while words:
        upper = words.upper()
        for org, org_upper in _ORG_WORDS_BY_INITIAL.get(upper[0], ()):
            if upper.startswith(org_upper) and (len(words) == len(org) or words[len(org)] == " "):
                out.append(org)
                words = words[len(org) :].strip()
                break
        else:
            head, _, words = words.partition(" ")
            # Abbreviations ("TP", "HĐND") are kept as written; a syllable ("HÀ", "BA") has a vowel.
            abbreviation = head in _ABBREVIATIONS or not _VOWEL.search(ascii_fold(head))
            out.append(head if abbreviation else head[:1].upper() + head[1:].lower())
    return " ".join(out)


def read_document(
    text: str,
    lines: list[Line],
    excluded: list[tuple[int, int]],
    original: Callable[[int, int], str],
) -> DocumentInfo:
    """Parse the document's own identity from the normalised ``text``.

    ``original(start, end)`` returns the text as read for a span, so values that users read
    (title, recipients, signer) keep the source's spelling.
    """
    info = DocumentInfo()
    excluded_starts = {start for start, _ in excluded}
    body = [line for line in lines if line.start not in excluded_starts]
    head = [line for line in body if line.stripped][:30]
    _title_line(info, head, text, original)
    _header(info, head, original)
    _metadata(info, head)
    if info.symbol is None:
        _republished(info, head, text)
    if info.kind == "other" and info.symbol is None:
        _page_title(info, head, text)
    enacts = _enacting(text) if info.issuer is None else None
    if enacts:
        info.issuer = " ".join(enacts.group("body").split())
        if info.kind == "other" and enacts.group("type"):
            info.kind = _kind(enacts.group("type"))
    if info.issuer == "Ban Chấp hành Trung ương":
        organ = _ORGAN.search("\n".join(line.text for line in head))
        if organ:
            # The Central Committee's header over a text the Politburo or the Secretariat issues.
            info.issuer = organ.group("organ") or _org_case(organ.group("caps"))
    if info.issuer is None and info.symbol:
        parsed = Symbol.parse(info.symbol)
        info.issuer = _CODE_NAMES.get(parsed.issuer_key.upper()) if parsed else None
    if info.issuer is None:
        info.issuer = _issuer_from_body(text)
    _provincial_tu(info, head)
    _signers_and_recipients(info, body, original)
    return info


def _title_line(
    info: DocumentInfo, head: list[Line], text: str, original: Callable[[int, int], str]
) -> None:
    """A web page's title line: "Kế hoạch số 29-KH/TU ngày 23/07/2001 của Tỉnh ủy X về ...".

    Unnumbered plans are posted as "Kế hoạch ngày 18/08/2002 of X"; the subject is after "về"
    or, when the line stops at the issuer, the lower-case summary line below it.
    """
    for position, line in enumerate(head[:4]):
        match = _TITLE_LINE.match(line.text)
        if match is None or not match.group("date"):
            continue
        symbol = None
        if match.group("num"):
            tail = SYMBOL_TAIL_RE.match(line.text, match.end("num"))
            symbol = parse_symbol_tail(match.group("num"), tail) if tail else None
            if symbol is None:
                continue
        rest_start = match.end()
        issuer = _OF.match(line.text, rest_start)
        if symbol is None and issuer is None:
            continue  # "Kế hoạch ngày ..." in a sentence, not a title naming its issuer
        info.kind = _kind(match.group("type"))
        if symbol is not None:
            info.number = match.group("num")
            info.symbol = symbol.text
        date_match = DATE_RE.search(match.group("date"))
        info.date = iso_date(date_match) if date_match else None
        if issuer:
            found = read_issuer(line.text, issuer.end(), set())
            if found:
                info.issuer = found[1]
                rest_start = found[0]
        type_word = _sentence_case(match.group("type"))
        about = _ABOUT.match(line.text, rest_start)
        if about:
            subject = " ".join(original(line.start + about.end(), line.end).split())
        elif rest_start >= len(line.text.rstrip()):
            subject = _summary_below(head[position + 1 : position + 2], original)
        else:
            return
        if subject.lower().startswith(type_word.lower()):
            info.title = subject
        elif subject:
            info.title = f"{type_word} {subject}"
        return


def _summary_below(below: list[Line], original: Callable[[int, int], str]) -> str:
    """The summary line under a title line: lower-case, one line, not a lead-in ("...:")."""
    if not below:
        return ""
    summary = " ".join(original(below[0].start, below[0].end).split())
    if not summary[:1].islower() or summary.endswith(":") or len(summary) > 300:
        return ""
    return summary


def _kind(type_text: str) -> str:
    typed = kind_of_type_word(type_text)
    return typed[0] if typed else "other"


def _header(info: DocumentInfo, head: list[Line], original: Callable[[int, int], str]) -> None:
    # The type in capitals below the number line: a page's headline in capitals above the header
    # ("HƯỚNG DẪN NGHIỆP VỤ ..., SỐ 09-HD/BTCTW") is not it.
    number_at = next((i for i, line in enumerate(head) if _NUMBER_START.match(line.stripped)), -1)
    typed = [
        i for i, line in enumerate(head) if line.stripped.isupper() and _caps_kind(line.stripped)
    ]
    type_index = next((i for i in typed if i > number_at), typed[0] if typed else None)
    caps_kind = _caps_kind(head[type_index].stripped) if type_index is not None else None
    if caps_kind is not None and (info.kind == "other" or caps_kind == _symbol_kind(info)):
        # A page title may call a Quy chế a "Công văn"; the header and the symbol agree.
        info.kind = caps_kind
    # The header cells, each possibly broken over lines ("Số:\n24/KH-UBND", "Sơn\nLa, ngày 11
    # tháng 3\nnăm 2020"), read as one stretch.
    block = head[: max(type_index if type_index is not None else 12, number_at + 3)]
    flat = "\n".join(line.text for line in block)
    lowered = flat.lower()
    if info.symbol is None:
        number = (_NUMBER_LINE.search(flat) if "Số" in flat else None) or (
            _TYPED_NUMBER_LINE.search(flat) if _NUMBER_COLON.search(lowered) else None
        )
        if number:
            tail = SYMBOL_TAIL_RE.match(flat, number.start("tail"))
            symbol = parse_symbol_tail(number.group("num"), tail) if tail else None
            if symbol:
                info.number, info.symbol = number.group("num"), _whole(symbol.text, flat, number)
    if info.date is None and "ngày" in lowered:
        _header_date(info, flat)
    if info.symbol is not None and info.kind == "other":
        # No type line ("QUYẾT NGHỊ:" only): the symbol's type code says the kind.
        info.kind = _symbol_kind(info) or "other"
    if type_index is None:
        if info.issuer is None and info.symbol is not None:
            # A table header with no type line: the body above the first paragraph.
            info.issuer, info.parent = _header_issuer(block)
        if info.issuer is None:
            info.issuer = _enacting_body(head)
        return
    if info.title is None:
        info.title = _caps_title(head, type_index, original)
    if info.issuer is None:
        # The header block sits above the type line (or the number line, when a page's headline
        # in capitals comes first).
        info.issuer, info.parent = _header_issuer(head[: max(type_index, number_at + 1)])
    enacting = _enacting_body(head)
    if enacting and (info.issuer is None or _extends(enacting, info.issuer)):
        # "HỘI ĐỒNG NHÂN DÂN" in the header, "HỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA" above the preamble.
        info.issuer = enacting
    if info.issuer is None and caps_kind == "nghi-quyet":
        info.issuer = _congress_of(head, type_index)


def _header_date(info: DocumentInfo, flat: str) -> None:
    """The header's date and place: the first date with a place before it, else the first date
    alone on its line."""
    alone: re.Match[str] | None = None
    for dated in _HEADER_DATE.finditer(flat):
        before = max(0, dated.start() - _PLACE_REACH)
        comma = dated.group(0).startswith("n") and flat[before : dated.start()].rstrip()[-1:] == ","
        place = _PLACE.search(flat, before, dated.start()) if comma else None
        if place is not None:
            date_match = DATE_RE.search(dated.group(0))
            info.date = iso_date(date_match) if date_match else None
            info.place = " ".join(place.group("place").split())
            return
        if alone is None and _DATE_ALONE.search(flat, max(0, dated.start() - 8), dated.start()):
            alone = dated
    if alone is not None:
        date_match = DATE_RE.search(alone.group(0))
        info.date = iso_date(date_match) if date_match else None


_WRITTEN_SYMBOL = re.compile(r"[^\s|,;]+")
_SPACED_JOINER = re.compile(r"\s*([-/])\s*")


def _whole(parsed: str, flat: str, number: re.Match[str]) -> str:
    """A joint symbol with a code between two slashes ("01/QCPH/UBND-UBMTTQ") kept whole."""
    written = _WRITTEN_SYMBOL.match(flat, number.start("num"))
    token = written.group(0).rstrip(".") if written else parsed
    whole = _SPACED_JOINER.sub(r"\1", token)
    if whole.count("/") > parsed.count("/") and whole.upper().startswith(parsed.upper()):
        return whole
    return parsed


_PROVINCIAL_COMMITTEE = re.compile(r"(?i)tỉnh ủy|thành ủy")
_TU_CODE = re.compile(r"/\s*T\.?Ư\b")


def _provincial_tu(info: DocumentInfo, head: list[Line]) -> None:
    """ "Số 15-NQ/TƯ" under "TỈNH ỦY HÀ GIANG" is the provincial committee's ("TU")."""
    if not (info.symbol and info.symbol.endswith("/TW") and info.issuer):
        return
    if _PROVINCIAL_COMMITTEE.search(info.issuer) and any(
        _TU_CODE.search(line.text) for line in head
    ):
        info.symbol = info.symbol[: -len("TW")] + "TU"


def _symbol_kind(info: DocumentInfo) -> str | None:
    """The kind the document's own symbol's type code names, if it has one."""
    if info.symbol is None:
        return None
    tail = SYMBOL_TAIL_RE.match(info.symbol, len(info.number or ""))
    parsed = parse_symbol_tail(info.number or "", tail) if tail else None
    return symbol_kind(parsed) if parsed else None


def _caps_kind(line: str) -> str | None:
    """Kind named by a type line in capitals ("KẾ HOẠCH HÀNH ĐỘNG")."""
    match = _CAPS_TYPE.match(line)
    return _kind(match.group(1)) if match and line.isupper() else None


def _caps_title(head: list[Line], type_index: int, original: Callable[[int, int], str]) -> str:
    title = _sentence_case(head[type_index].stripped)
    following = head[type_index + 1 : type_index + 4]
    summary: list[Line] = []
    for line in following:
        if summary and line.start > summary[-1].end + 1:
            break  # a blank line ends the summary paragraph
        if _RULE.fullmatch(line.stripped):
            break
        summary.append(line)
    if summary:
        text = " ".join(" ".join(original(s.start, s.end).split()) for s in summary)
        if len(text) <= 300 and not text.endswith(":") and summary[0].stripped[:1] != "-":
            title = f"{title} {text[:1].lower()}{text[1:]}"
    return title


_PLACE_UNIT = re.compile(r"(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường)\b")
_DEPARTMENT = re.compile(r"(?:Ban|Văn phòng|Ủy ban Kiểm tra|Trường|Đảng đoàn)\b")


def _header_issuer(header: list[Line]) -> tuple[str | None, str | None]:
    """The issuer the header's left column names, and the organisation above it if any."""
    units = []
    pending = ""  # a word broken off its line ("ỦY" above "BAN NHÂN DÂN")
    for line in header:
        left = _first_column(line.stripped).strip()
        # The cheap tests first: `_skipped_header` tries its phrases at every character, and a
        # page's paragraph may be a thousand characters long.
        if not left or not left.isupper() or len(left) > _UNIT_LENGTH or _skipped_header(left):
            pending = ""
            continue
        if " " not in left and not _RULE.fullmatch(left) and left.isalpha():
            pending = f"{pending} {left}".strip()
            continue
        left, pending = f"{pending} {left}".strip(), ""
        if _skipped_header(left) or not _BODY_WORD.search(left):
            continue  # "TRANG CHỦ", "TIN TỨC": capitals, but not a body
        units.append(_org_case(left))
    if pending and _BODY_WORD.search(pending):
        units.append(_org_case(pending))
    if not units:
        return None, None
    # "ỦY BAN NHÂN DÂN / TỈNH BÌNH DƯƠNG": a line that only names the place qualifies the body
    # above it.
    merged: list[str] = []
    for unit in units:
        if merged and (_PLACE_UNIT.match(unit) or merged[-1] in _INCOMPLETE):
            merged[-1] = f"{merged[-1]} {unit}"
        else:
            merged.append(unit)
    # The lowest unit is written last. A department ("TỈNH ỦY BÌNH PHƯỚC / BAN DÂN VẬN") is
    # named with the committee above it; a committee ("ĐẢNG BỘ TỈNH X / HUYỆN ỦY Y") alone,
    # and the unit above it is its parent: the only place a district's header names its
    # province.
    lowest = merged[-1]
    if len(merged) > 1 and merged[-2] == "Ban Chấp hành Trung ương":
        # The Central Committee's own organs are named "Ban Dân vận Trung ương"; the
        # Politburo and the Secretariat by their names alone.
        if lowest in ("Bộ Chính trị", "Ban Bí thư") or lowest.endswith("Trung ương"):
            return lowest, None
        return f"{lowest} Trung ương", None
    if len(merged) > 1 and _DEPARTMENT.match(lowest):
        return f"{lowest} {merged[-2]}", merged[-3] if len(merged) > 2 else None
    return lowest, merged[-2] if len(merged) > 1 else None


def _skipped_header(cell: str) -> bool:
    return _SKIP_HEADER.search(cell) is not None or _SKIP_HEADER_START.match(cell) is not None


def _extends(longer: str, shorter: str) -> bool:
    """Whether a name is another with more said ("... tỉnh Sơn La" after "Hội đồng nhân dân")."""
    long_key, short_key = ascii_fold(longer), ascii_fold(shorter)
    return long_key != short_key and long_key.startswith(short_key)


def _congress_of(head: list[Line], type_index: int) -> str | None:
    """A congress's resolution: "NGHỊ QUYẾT / ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ TỈNH X LẦN THỨ XIX, ..."."""
    below = head[type_index + 1 : type_index + 2]
    if below and below[0].stripped.upper().startswith("ĐẠI HỘI"):
        return _org_case(below[0].stripped.split(",")[0])
    return None


def _enacting_body(head: list[Line]) -> str | None:
    """The body named in capitals right above the preamble ("THỦ TƯỚNG CHÍNH PHỦ")."""
    for index, line in enumerate(head):
        # (The plain prefix test first: it spares the pattern on most lines.)
        if index and line.stripped.startswith(_PREAMBLE_WORDS) and _PREAMBLE.match(line.stripped):
            # The line right above, or the one above a session line ("KHÓA XIII, KỲ HỌP ...").
            for above in (head[index - 1].stripped, head[max(0, index - 2)].stripped):
                if above.isupper() and len(above) <= _UNIT_LENGTH and _BODY_START.match(above):
                    return _org_case(above)
            return None
    return None


def _metadata(info: DocumentInfo, head: list[Line]) -> None:
    """What a legal mirror's metadata block says, for the fields the document did not."""
    pairs: list[tuple[str, str]] = []
    # Most texts have no such block: plain substring tests spare the cell patterns.
    joined = "\n".join(line.text for line in head)
    if not any(field in joined for field in _METADATA_FIELDS):
        return
    for line in head:
        cells = [cell.strip() for cell in line.stripped.split("|") if cell.strip()]
        for index, cell in enumerate(cells):
            found = _METADATA.match(cell)
            if found is not None and found.group("value").strip(" :"):
                pairs.append((found.group("field"), found.group("value").strip(" :")))
            label = _METADATA.match(f"{cell.split(':')[0]}: x")
            if label is not None and index + 1 < len(cells):
                # "Số hiệu: | 254/2006/QĐ-TTg |": the value in the next cell.
                pairs.append((label.group("field"), cells[index + 1]))
    for field, value in pairs:
        if field == "Số hiệu" and info.symbol is None:
            symbol = _SYMBOL_ONLY.match(value)
            tail = SYMBOL_TAIL_RE.match(value, symbol.start("tail")) if symbol else None
            parsed = parse_symbol_tail(symbol.group("num"), tail) if symbol and tail else None
            if symbol and parsed:
                info.number, info.symbol = symbol.group("num"), parsed.text
        elif field in ("Cơ quan ban hành", "Nơi ban hành") and info.issuer is None:
            info.issuer = value
        elif field == "Ngày ban hành" and info.date is None:
            date_match = DATE_RE.search(value)
            info.date = iso_date(date_match) if date_match else None
        elif field == "Loại văn bản" and info.kind == "other":
            info.kind = _kind(value)


def _code_names() -> dict[str, str]:
    """Central issuer codes and the bodies they name ("BDVTW" -> "Ban Dân vận Trung ương")."""
    return {
        row["code"].upper(): row["name"]
        for row in tables.load_table("issuer_codes")
        if row["code"].upper().endswith(("TW", "CP", "TTG")) and row["code"].upper() != "TW"
    }


_CODE_NAMES = _code_names()
# "Chính phủ ban hành Nghị định ...": a central state organ enacting in its own preamble, at the
# start of a line or a sentence (checked in `_enacting`: a pattern that may start with an empty
# "^" gets no first-letter scan and costs a fifth of a sample plan's extraction).
_ENACTS = re.compile(
    rf"(?P<body>Chính\s+phủ|Thủ\s+tướng\s+Chính\s+phủ|Quốc\s+hội"
    rf"|Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội)\s+"
    rf"(?:ban\s+hành\s+(?P<type>{_ANY_TYPE})|quyết\s+(?:định|nghị))(?!\w)"
    # A preamble enacts the text itself, which has no number yet; "ban hành Nghị quyết số
    # 77/NQ-CP" is a page reporting another document.
    r"(?!\s*(?:số\b|\d))"
)
_SENTENCE_OPENING = re.compile(r"(?:^|\n|[.;:]\s+)[ \t]*$")
# A page republishing a document whole: "Toàn văn ...", "Nội dung như sau:", "Kết luận nêu:".
_REPUBLISHED = re.compile(
    r"[Tt]oàn văn|(?:^|\n|[.!]\s+)Nội dung như sau\s*:|(?:[Kk]ết luận|[Nn]ghị quyết|[Cc]hỉ thị"
    r"|[Qq]uy định|[Hh]ướng dẫn|[Tt]hông báo)\s+nêu\s*:"
)
_REPUBLISHED_WORDS = ("oàn văn", "Nội dung như sau", "nêu:", "nêu :")
# How far after "toàn văn" the republished document may be named ("giới thiệu toàn văn Nghị quyết
# số 10-NQ/TU ...").
_CUE_REACH = 40
# A document named after a citing verb in its sentence ("Thực hiện ý kiến chỉ đạo ... tại Thông
# báo số 253/TB-VPCP"), on a page that republishes another, is one the page cites.
_CITED_LEAD = re.compile(r"\b(?:Thực hiện|Căn cứ|Theo|Triển khai)\b")
_SENTENCE_END = re.compile(r"[.;\n]")
_ISSUED = re.compile(
    rf"(?:[Nn]gày\s+(?:{DATE})\s*,\s*)?(?P<issuer>[A-ZĐ][^,.;:()\n]{{2,80}}?)\s+(?:đã\s+|vừa\s+)?"
    rf"(?:ký\s+)?ban\s+hành\s+(?P<type>{_ANY_TYPE})\s+(?:số\s+)?(?P<num>\d{{1,5}})"
    rf"(?P<tail>{SYMBOL_TAIL})"
)
_STATED = re.compile(
    rf"(?P<type>{_ANY_TYPE})\s+số\s+(?P<num>\d{{1,5}})\s*(?P<tail>{SYMBOL_TAIL})\s*,?\s*"
    rf"(?:ngày\s+(?:{DATE})\s*)?(?:của\s+)?",
    re.IGNORECASE,
)
_OF_ORGAN = re.compile(rf"ban\s+hành\s+(?P<type>{_ANY_TYPE})\s+của\s+", re.IGNORECASE)
_ORGAN = re.compile(
    r"(?:^|\n)\s*(?:(?P<organ>Bộ Chính trị|Ban Bí thư)\s+(?:quy định|quyết định|ban hành|chỉ thị"
    r"|kết luận|yêu cầu)|CỦA\s+(?P<caps>BỘ CHÍNH TRỊ|BAN BÍ THƯ)\s*(?:\n|$))"
)
_CONGRESS_RESOLUTION = re.compile(
    r"Nghị quyết Đại hội (?:đại biểu )?Đảng bộ (?P<unit>tỉnh|thành phố) "
    r"(?P<name>(?-i:[A-ZĐ][^\W\d_]*(?: [A-ZĐ][^\W\d_]*){0,3})),? (?:lần thứ|khóa) "
    r"(?P<ordinal>(?-i:[IVXL]+))\b",
    re.IGNORECASE,
)
_PLENUM_BODY = re.compile(r"Hội nghị (?:lần thứ \w+ )?(?P<body>Ban Chấp hành Trung ương(?: Đảng)?)")


def _enacting(text: str) -> re.Match[str] | None:
    """The first `_ENACTS` sentence that opens a line or a sentence."""
    for found in _ENACTS.finditer(text):
        if _SENTENCE_OPENING.search(text, max(0, found.start() - 8), found.start()):
            return found
    return None


def _republished(info: DocumentInfo, head: list[Line], text: str) -> None:
    """A news page that republishes a document whole is that document: its type, number,
    date and issuer from the lead ("Ngày 23/9/2024, Ban Tuyên giáo Trung ương ban hành Hướng
    dẫn số 168-HD/BTGTW ... Toàn văn bản Hướng dẫn:")."""
    lead = "\n".join(line.text for line in head[:12])
    # Every cue holds one of these words: substring tests for them spare the pattern (which may
    # start anywhere) on the many pages without one. (A pattern of the words would still try
    # them at every "o" and "n" of a page's long paragraphs.)
    if not any(word in lead for word in _REPUBLISHED_WORDS):
        return
    cue = _REPUBLISHED.search(lead)
    if cue is None or not _text_follows(cue.end(), head[:12], text):
        return
    found = _ISSUED.search(lead) or _STATED.search(lead)
    if found is not None and found.start() > cue.end() + _CUE_REACH:
        found = None  # a document named well after the cue is one the text cites
    if found is not None and _CITED_LEAD.search(_SENTENCE_END.split(lead[: found.start()])[-1]):
        found = None
    congress = _CONGRESS_RESOLUTION.search(lead)
    if found is None and congress is not None:
        # "... giới thiệu toàn văn Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Nghệ An khóa XX".
        info.kind = "nghi-quyet"
        info.issuer = (
            f"Đại hội đại biểu Đảng bộ {congress.group('unit')} {congress.group('name')} "
            f"lần thứ {congress.group('ordinal')}"
        )
        return
    if found is None:
        return
    tail = SYMBOL_TAIL_RE.match(lead, found.start("tail"))
    symbol = parse_symbol_tail(found.group("num"), tail) if tail else None
    if symbol is None:
        return
    info.kind = _kind(found.group("type"))
    info.number, info.symbol = found.group("num"), symbol.text
    dated = DATE_RE.search(found.group(0))
    if dated is None:
        # "Ngày 28/5, ... ban hành Nghị quyết số 49-NQ/TU": the full date where it is cited in full.
        for other in _STATED.finditer(lead):
            if other.group("num") == info.number and DATE_RE.search(other.group(0)):
                dated = DATE_RE.search(other.group(0))
                break
    info.date = iso_date(dated) if dated else None
    organ = _OF_ORGAN.search(lead)
    if "issuer" in found.groupdict() and found.group("issuer"):
        info.issuer = " ".join(found.group("issuer").split())
    elif organ is not None and _kind(organ.group("type")) == info.kind:
        # "Ngày 17/10/2025, ... ký ban hành Kết luận của Bộ Chính trị, Ban Bí thư về ...".
        info.issuer = lead[organ.end() :].split(" về ", 1)[0].strip(" ,")
        for stated in _OF_ORGAN.finditer(lead):
            # The date that opens the sentence: "Ngày 17/10/2025, ... ký ban hành Kết luận".
            dated = dated or DATE_RE.search(lead[: stated.start()].rsplit("\n", 1)[-1])
        info.date = iso_date(dated) if dated else None
    else:
        named = read_issuer(lead, found.end(), set())
        info.issuer = named[1] if named else info.issuer


def _text_follows(offset: int, lead: list[Line], text: str) -> bool:
    """Whether a republished text follows the line of the cue at `offset` of the joined `lead`
    lines: a page that ends on "giới thiệu toàn văn Chỉ thị." holds only the announcement."""
    for line in lead:
        if offset <= len(line.text):
            return bool(text[line.end :].strip())
        offset -= len(line.text) + 1
    return False


def _page_title(info: DocumentInfo, head: list[Line], text: str) -> None:
    """A page's first line that names its type ("Báo cáo kiểm điểm ... của Ban Chấp hành
    Trung ương Đảng khoá X", "Thông báo Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng")."""
    if not head:
        return
    first = head[0]
    typed = _PAGE_TYPE.match(first.text)
    if typed is None or _reports_issuing(typed.group(1), head[1:8]):
        return
    info.kind = _kind(typed.group(1))
    if info.issuer is None:
        of = _OF.search(first.text)
        named = read_issuer(first.text, of.end(), set()) if of else None
        plenum = _PLENUM_BODY.search(first.text)
        info.issuer = named[1] if named else (plenum.group("body") if plenum else None)


def _reports_issuing(type_text: str, lead: list[Line]) -> bool:
    """Whether the lines under a headline report a document of its type being issued ("Ngày
    04/7/2018, Quận ủy ban hành Kế hoạch số 149-KH/QU", "Kế hoạch do Phó Chủ tịch ... ký ban
    hành", "vừa ký Quyết định ... ban hành Kế hoạch"): a news page about that document, not
    the document."""
    typed = re.escape(" ".join(type_text.split()))
    issued = re.compile(
        rf"ban\s+hành\s+(?:{typed})\b|(?:{typed})\b[^.;\n]{{0,80}}?\bký\s+ban\s+hành",
        re.IGNORECASE,
    )
    return any(issued.search(line.text) for line in lead)


def _issuer_from_body(text: str) -> str | None:
    match = _BODY_ISSUER.search(text)
    if match is None:
        return None
    name = " ".join(match.group("body").split())
    if match.group("place"):
        return f"{name} {' '.join(match.group('place').split())}"
    pattern = _PLACE_AFTER.get(match.group("level"))
    if pattern is None:
        return name
    places = Counter(" ".join(m.group("place").split()) for m in pattern.finditer(text))
    if places:
        return f"{name} {places.most_common(1)[0][0]}"
    return name


def _signers_and_recipients(
    info: DocumentInfo, body: list[Line], original: Callable[[int, int], str]
) -> None:
    content = [line for line in body if line.stripped]
    recipients_at = next(
        (
            i
            for i, line in enumerate(content)
            if line.stripped.startswith("Nơi") and _RECIPIENTS.match(line.stripped)
        ),
        None,
    )
    # The recipient lines, each with what stands beside it: in the usual layout the signer's
    # block ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(đã ký)") is a right-hand column on the same rows.
    beside: dict[int, str] = {}
    if recipients_at is not None:
        beside = _recipient_lines(content, recipients_at, _RECIPIENTS)
        named = [_left_column(content[i], original) for i in sorted(beside)]
        for value in _listed(named, _RECIPIENTS):
            if _AS_ABOVE.match(value):
                info.recipients.extend(_addressees(content[:recipients_at], original))
            elif not _ARCHIVE.match(value):
                info.recipients.append(value)
    name_index = None
    for index in range(len(content) - 1, max(-1, len(content) - 16), -1):
        if index in beside:
            continue
        if _NAME.fullmatch(content[index].stripped):
            name_index = index
            break
    if name_index is None:
        return
    name = " ".join(original(content[name_index].start, content[name_index].end).split())
    roles: list[str] = []
    for index in range(name_index - 1, max(-1, name_index - 20), -1):
        stripped = beside.get(index, content[index].stripped)
        if not stripped or _SIGNED.fullmatch(stripped):
            continue
        if _is_role(stripped):
            roles.append(" ".join(stripped.split()))
            continue
        break
    info.signers.append(Signer(name, ", ".join(reversed(roles)) or None))


def _recipient_lines(content: list[Line], at: int, label: re.Pattern[str]) -> dict[int, str]:
    """The lines of a list that starts at a label ("Nơi nhận:", "Kính gửi:"), each with what
    stands in its right-hand column: the label's line, then every bulleted line, and unbulleted
    ones that end an item ("Ban Bí thư (b/c),") until the archive line ("Lưu VP") or the first
    line that is neither."""
    lines = {at: _right_column(content[at].stripped)}
    for index in range(at + 1, len(content)):
        left = _first_column(content[index].stripped)
        bulleted = left[:1] in _BULLETS
        if not bulleted and not (left.endswith((",", ";")) or _ARCHIVE.match(left)):
            break
        lines[index] = _right_column(content[index].stripped)
        if _ARCHIVE.match(left.lstrip("-+• ")):
            break
    return lines


def _left_column(line: Line, original: Callable[[int, int], str]) -> str:
    return _first_column(original(line.start, line.end).strip())


def _first_column(line: str) -> str:
    """What stands before the first wide gap of a line (the whole line when it has none)."""
    gap = _COLUMNS.search(line)
    return line[: gap.start()] if gap else line


def _listed(lines: list[str], label: re.Pattern[str]) -> list[str]:
    """The items of a recipient or addressee list as written, notes such as "(để b/c)" and
    bullets removed; items on the label's own line are split at its separators."""
    first, *rest = lines
    inline = label.sub("", first, count=1).strip()
    items: list[str] = []
    if inline:
        splitter = _INLINE_ITEMS[0] if ";" in inline else _INLINE_ITEMS[1]
        items += splitter.split(inline) if inline[:1] not in _BULLETS else [inline]
    items += rest
    values = []
    for item in items:
        if "(" in item:  # a note such as "(để b/c)" is always in parentheses
            item = _RECIPIENT_NOTE.sub("", item)
        value = item.strip().lstrip("-+• ").rstrip(" ;,.")
        if value:
            values.append(value)
    return values


def _addressees(head: list[Line], original: Callable[[int, int], str]) -> list[str]:
    """Whom a document is addressed to ("Kính gửi: ..."), what "Như trên" stands for among
    its recipients; none when it names no addressee."""
    at = next(
        (i for i, line in enumerate(head) if _ADDRESSEES.match(line.stripped)),
        None,
    )
    if at is None:
        return []
    lines = _recipient_lines(head, at, _ADDRESSEES)
    return _listed([_left_column(head[i], original) for i in sorted(lines)], _ADDRESSEES)


def _right_column(line: str) -> str:
    """What stands after the first wide gap of a line ("" for a line of one column)."""
    gap = _COLUMNS.search(line)
    return " ".join(line[gap.end() :].split()) if gap else ""


_NUMBERED_ROLE = re.compile(r"[IVX]+\.|\d")


def _is_role(line: str) -> bool:
    return (
        line.isupper()
        and len(line) <= 70
        and not line.endswith(":")
        and not _NUMBERED_ROLE.match(line)
    )
