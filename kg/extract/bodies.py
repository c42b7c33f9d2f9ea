"""Reading the name of an issuing body where a text writes it ("của Ban Dân vận Trung ương")."""

from __future__ import annotations

import re

from kg.extract import tables
from kg.extract.patterns import ORDINAL_WORDS, ROMAN

_WORD = re.compile(r"[^\W\d_](?:[\w.]*\w)?")
_JOINERS = ("và", "với")
# Province names written with a dash, from the second part on ("Bà Rịa - Vũng Tàu").
_HYPHENATED_PLACE = re.compile(r"[-–]\s*(?:Vũng Tàu|Huế)(?![^\W_])")
# The lower-case words a body's name may hold, also when a text writes the whole name in lower
# case after its first word ("Ban tuyên giáo tỉnh ủy").
_ISSUER_PHRASES = (
    *("cán sự đảng", "nhân dân", "thành phố", "thị xã", "tuyên giáo", "dân vận", "tổ chức"),
    *("kiểm tra", "thường vụ", "chấp hành", "thường trực", "chỉ đạo", "nội chính", "trung ương"),
    *("tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "đảng ủy", "tỉnh", "huyện", "quận"),
)
# A capitalised verb after a body's name begins what the document does ("... của Chính phủ
# Quy định chi tiết ..."), not more of the name.
_ISSUER_VERB = re.compile(r"(?:Quy\s+định|Ban\s+hành|Hướng\s+dẫn|Thực\s+hiện|Sửa\s+đổi|Về)(?!\w)")
_ISSUER_ORDINAL = re.compile(
    rf"lần\s+thứ\s+(?:\d{{1,2}}|{ROMAN}|(?:{ORDINAL_WORDS})(?!\w))", re.IGNORECASE
)
# A document's type word after "và" starts the next document, not more of the body's name
# ("Quy chế làm việc của Ban Chấp hành Trung ương và Chương trình làm việc toàn khóa").
_DOCUMENT_WORD = re.compile(
    rf"(?:{tables.type_word_alternation('any', 'title')})(?!\w)", re.IGNORECASE
)
_PLENUM_NUMBER = re.compile(r"\d{1,2}(?![\d/.,-])")
_ISSUER_STOP = frozenset(
    {"về", "khóa", "ngày", "số", "tại", "trong", "đối", "thực", "hiện", "nhằm", "để", "theo"}
    | {"đã", "đang", "sẽ", "là", "có", "được", "năm", "tháng"}
    # What a body does, after a name whose last syllable is capitalised ("Bộ Xây Dựng hướng
    # dẫn ..."): no body's name has these as a lower-case syllable.
    | {"hướng", "quy", "sửa", "bổ", "phê", "triển", "yêu", "gửi"}
)


def read_issuer(text: str, pos: int, stops: set[int]) -> tuple[int, str] | None:
    """Read an issuing body starting at ``pos`` ("Ban Dân vận Trung ương và Ban cán sự đảng ...").

    Vietnamese body names capitalise the first syllable of each compound ("Ban Dân vận", "Bộ
    Chính trị"), so a lower-case syllable is accepted right after a capitalised one, or as one of
    a few fixed phrases ("cán sự đảng", "nhân dân", "tỉnh"); anything else ends the name.
    """
    end = pos
    cursor = pos
    previous_capital = False
    count = 0
    while count < 16:
        if cursor in stops and count:
            break
        word = _WORD.match(text, cursor)
        if word is None:
            # Not a word, yet part of the name: the dashed end of "Tỉnh ủy Bà Rịa - Vũng Tàu", or
            # the plenum's number in "của Hội nghị Trung ương 6 khóa XII".
            dashed = _HYPHENATED_PLACE.match(text, cursor) if previous_capital else None
            plenum = count and text[pos:end].endswith(("Trung ương", "TW", "TƯ"))
            part = dashed or (_PLENUM_NUMBER.match(text, cursor) if plenum else None)
            if part is None:
                break
            end = part.end()
            count += 1
            after = skip_spaces(text, end)
            if after == end:
                break
            cursor = after
            continue
        token = word.group(0)
        lower = token.lower()
        if token[0].isupper():
            if cursor in stops or (count and _ISSUER_VERB.match(text, cursor)):
                break
            accept_end = word.end()
            previous_capital = True
        elif lower in _JOINERS and count:
            after = skip_spaces(text, word.end())
            nxt = _WORD.match(text, after)
            if (
                nxt is None
                or not nxt.group(0)[0].isupper()
                or after in stops
                or _DOCUMENT_WORD.match(text, after)
            ):
                break
            cursor = after
            count += 1
            continue
        elif count and (phrase := _issuer_phrase(text, cursor, lower)) is not None:
            accept_end = cursor + len(phrase)
            previous_capital = False
        elif previous_capital and lower not in _ISSUER_STOP and count:
            accept_end = word.end()
            previous_capital = False
        else:
            break
        if not count and not token[0].isupper():
            return None
        end = accept_end
        count += 1
        after = skip_spaces(text, end)
        if after == end or "\n\n" in text[end:after]:
            break
        cursor = after
    if end == pos:
        return None
    return end, " ".join(text[pos:end].split())


# The lower-case phrases a body name may hold, in order of preference, each ending a word.
_ISSUER_PHRASE = re.compile(rf"(?:{'|'.join(_ISSUER_PHRASES)})(?![^\W_])")


def _issuer_phrase(text: str, pos: int, lower: str) -> str | None:
    """The fixed lower-case phrase of a body name at ``pos`` ("cán sự đảng", "lần thứ bảy")."""
    phrase = _ISSUER_PHRASE.match(text, pos)
    if phrase is not None:
        return phrase.group(0)
    if lower == "lần":
        # "của Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XI"
        ordinal = _ISSUER_ORDINAL.match(text, pos)
        return ordinal.group(0) if ordinal else None
    return None


# Never fails (it may match nothing), so its end is where the blanks end.
_SPACES = re.compile(r"[ \t\n\r]*")


def skip_spaces(text: str, pos: int) -> int:
    match = _SPACES.match(text, pos)
    assert match is not None
    return match.end()
