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
from kg.extract.mentions import kind_of_type_word, read_issuer
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
from kg.textnorm import ascii_fold

_FURNITURE = re.compile(
    r"(?:Gửi cho bạn bè|Phản hồi|Thông tin người gửi phản hồi|Các tin khác|Xem nhiều nhất"
    r"|In trang|Chia sẻ|Bản in|Về đầu trang|Tin liên quan|Tin cùng chuyên mục|Bình luận"
    r"|Lượt xem\s*:?.*|Tags?\s*:.*|Từ khóa\s*:.*|File\s*:.*|Tệp đính kèm\s*:.*)\s*",
    re.IGNORECASE,
)
_POSTING_DATE = re.compile(
    r"\s*(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+nhật)\s*,\s*\d{1,2}/\d{1,2}/\d{4}.*",
    re.IGNORECASE,
)
_TYPE_WORDS = "|".join(
    f"(?:{w.pattern})" for w in tables.type_words() if w.case == "any" and " " in w.pattern
)
_CAPS_TYPE = re.compile(
    "("
    + "|".join(f"(?:{w.pattern})" for w in tables.type_words() if w.case == "any")
    + r")(?:\s|$)",
    re.IGNORECASE,
)
_TITLE_LINE = re.compile(
    rf"\s*(?P<type>{_TYPE_WORDS})\s+(?:(?:số\s*:?\s*)?(?P<num>\d{{1,5}})(?P<tail>{SYMBOL_TAIL}))?"
    rf"(?:\s*,?\s*(?:ngày\s+)?(?P<date>{DATE}))?",
    re.IGNORECASE,
)
_NUMBER_LINE = re.compile(
    rf"(?:^|\s{{2,}}|\|\s*|\n\s*)Số\s*:?\s*(?P<num>\d{{1,5}})\s*(?P<tail>{SYMBOL_TAIL})"
)
_PLACE_DATE = re.compile(
    r"(?:^|\s{2,}|\t|\|\s*|\n)"
    r"(?P<place>[A-ZĐÂĂÊÔƠƯ][\w.]*(?:(?: (?:- )?|\n)[A-ZĐÂĂÊÔƠƯ][\w.]*){0,4})"
    r"\s*,\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
# A date line without its place ("ngày 01 tháng 4 năm 2021" under "Số: 68/KH-UBND").
_DATE_LINE = re.compile(
    r"(?:^|\s{2,}|\|\s*|\n)[Nn]gày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
# How many lines above the type line the header block may start: a table layout breaks every
# cell over several lines.
_HEADER_LINES = 14
_SKIP_HEADER = re.compile(
    r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI|Độc lập|^\*+$|^-+$|^Số\b", re.IGNORECASE
)
# How body names are written when the header spells them in capitals; the rest is a place name.
_ORG_WORDS = (
    "Ủy ban Thường vụ Quốc hội",
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
)


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
    r"ỦY|BAN\b|ĐẢNG|BỘ\b|VĂN PHÒNG|HỘI ĐỒNG|TRUNG ƯƠNG|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ\b|PHƯỜNG"
    r"|MẶT TRẬN|CHÍNH PHỦ|QUỐC HỘI|SỞ\b|TRƯỜNG\b|HỘI\b"
)
_VOWEL = re.compile(r"[aeiouy]")
_RECIPIENTS = re.compile(r"Nơi\s+nhận\s*:?")
_ARCHIVE = re.compile(r"Lưu\b")
_COLUMNS = re.compile(r"\s{2,}|\t|\s*\|\s*")
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
    """Spans of web-page furniture and posting-date lines: never references, never identity."""
    # A posting date holds a "/", which most lines lack: the cheap test spares its pattern.
    return [
        (line.start, line.end)
        for line in lines
        if line.stripped
        and (
            _FURNITURE.fullmatch(line.stripped)
            or ("/" in line.text and _POSTING_DATE.fullmatch(line.text))
        )
    ]


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
            # Abbreviations ("TP", "TX") are kept as written; a syllable ("HÀ", "BA") has a vowel.
            abbreviation = len(head) <= 2 and not _VOWEL.search(ascii_fold(head))
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
    if info.issuer is None:
        info.issuer = _issuer_from_body(text)
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
    type_index = None
    for index, line in enumerate(head):
        if line.stripped.isupper():
            kind = _caps_kind(line.stripped)
            if kind:
                type_index = index
                if info.kind == "other":
                    info.kind = kind
                break
    # The header cells, each possibly broken over lines ("Số:\n24/KH-UBND", "Sơn\nLa, ngày 11
    # tháng 3\nnăm 2020"), read as one stretch.
    block = head[: type_index if type_index is not None else 12]
    flat = "\n".join(line.text for line in block)
    if info.symbol is None and "Số" in flat:
        number = _NUMBER_LINE.search(flat)
        if number:
            tail = SYMBOL_TAIL_RE.match(flat, number.start("tail"))
            symbol = parse_symbol_tail(number.group("num"), tail) if tail else None
            if symbol:
                info.number, info.symbol = number.group("num"), symbol.text
    if info.date is None and "ngày" in flat.lower():
        place_date = _PLACE_DATE.search(flat)
        if place_date:
            date_match = DATE_RE.search(place_date.group(0))
            info.date = iso_date(date_match) if date_match else None
            info.place = " ".join(place_date.group("place").split())
        elif bare := _DATE_LINE.search(flat):
            date_match = DATE_RE.search(bare.group(0))
            info.date = iso_date(date_match) if date_match else None
    if info.symbol is not None and info.kind == "other":
        # No type line ("QUYẾT NGHỊ:" only): the symbol's type code says the kind.
        tail = SYMBOL_TAIL_RE.match(info.symbol, len(info.number or ""))
        parsed = parse_symbol_tail(info.number or "", tail) if tail else None
        info.kind = (symbol_kind(parsed) if parsed else None) or "other"
    if type_index is None:
        if info.issuer is None and info.symbol is not None:
            # A table header with no type line: the body above the first paragraph.
            info.issuer, info.parent = _header_issuer(block)
        return
    if info.title is None:
        info.title = _caps_title(head, type_index, original)
    if info.issuer is None:
        # The header block sits above the type line; web menus further up do not count.
        above = head[max(0, type_index - _HEADER_LINES) : type_index]
        info.issuer, info.parent = _header_issuer(above)


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


def _header_issuer(header: list[Line]) -> tuple[str | None, str | None]:
    """The issuer the header's left column names, and the organisation above it if any."""
    units = []
    pending = ""  # a word broken off its line ("ỦY" above "BAN NHÂN DÂN")
    for line in header:
        left = _COLUMNS.split(line.stripped)[0].strip()
        if not left or _SKIP_HEADER.search(left) or not left.isupper():
            pending = ""
            continue
        if " " not in left and not _RULE.fullmatch(left) and left.isalpha():
            pending = f"{pending} {left}".strip()
            continue
        left, pending = f"{pending} {left}".strip(), ""
        if _SKIP_HEADER.search(left) or not _BODY_WORD.search(left):
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
        if merged and re.match(r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\b", unit):
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
    if len(merged) > 1 and re.match(
        r"(?:Ban|Văn phòng|Ủy ban Kiểm tra|Trường|Đảng đoàn)\b", lowest
    ):
        return f"{lowest} {merged[-2]}", merged[-3] if len(merged) > 2 else None
    return lowest, merged[-2] if len(merged) > 1 else None


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
        beside[recipients_at] = _right_column(content[recipients_at].stripped)
        for index in range(recipients_at + 1, len(content)):
            stripped = content[index].stripped
            if stripped[:1] not in ("-", "+", "•"):
                break
            beside[index] = _right_column(stripped)
            value = _COLUMNS.split(original(content[index].start, content[index].end).strip())[0]
            if "(" in value:  # a note such as "(để b/c)" is always in parentheses
                value = _RECIPIENT_NOTE.sub("", value)
            value = value.strip().lstrip("-+• ").rstrip(" ;,.")
            if value and not _ARCHIVE.match(value):
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


def _right_column(line: str) -> str:
    """What stands after the first wide gap of a line ("" for a line of one column)."""
    columns = _COLUMNS.split(line, maxsplit=1)
    return " ".join(columns[1].split()) if len(columns) > 1 else ""


def _is_role(line: str) -> bool:
    return (
        line.isupper()
        and len(line) <= 70
        and not line.endswith(":")
        and not re.match(r"[IVX]+\.|\d", line)
    )
