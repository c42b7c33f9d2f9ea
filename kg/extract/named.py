"""Documents cited by their name rather than a number: laws, the constitution, the Party's
charter and platform.

A law is "Luật" (or "Bộ luật", "Pháp lệnh") and its name. State texts write the name in title
case ("Luật Tổ chức Chính phủ"), in lower case ("Luật tổ chức chính quyền địa phương"), in
capitals in headings ("LUẬT PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT"), and break it across lines. After the
name may come its number ("số 77/2015/QH13", or the bare symbol), its year ("năm 2015", "2015",
"(2015)") and the date it was passed ("ngày 19 tháng 6 năm 2015", "được Quốc hội thông qua ngày
..."), in any order. An amending law names the laws it amends ("Luật sửa đổi, bổ sung một số
điều của Luật A và Luật B"): each is a reference of its own, nested in the amending law's name
and linked to it. The constitution is cited with its year ("Hiến pháp năm 2013"), sometimes with
several ("Hiến pháp năm 1946, 1959, 1980, 1992 và năm 2013": five documents).

The name is read word by word, the way :func:`kg.extract.mentions.read_issuer` reads a body: a
name ends at a word that cannot belong to one (a verb, a preposition, a date), at a new type
word, or at a line that does not continue it. "và"/"của" continue a name only before a body's
capitalised name ("của Nhà nước", "và Ủy ban nhân dân"), or before lower-case words when the name
then reaches its number, year or date ("Luật Bảo vệ và phát triển rừng năm 2004").
"""

from __future__ import annotations

import re

from kg.extract import tables
from kg.extract.mention import Mention
from kg.extract.patterns import DATE, DATE_RE, SYMBOL_TAIL_RE, UPPER, iso_date, parse_symbol_tail

_WORD = re.compile(r"[^\W\d_]+")
# Between two words of a name: blanks; a comma before a lower-case word ("Phòng, chống"); a line
# break before a lower-case word ("Luật Tổ chức Chính\nphủ").
_BLANKS = re.compile(r"[ \t]+")
_COMMA = re.compile(r"[ \t]*,[ \t]+")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")
# An acronym in brackets inside a name: "... ở người (HIV/AIDS)".
_BRACKETED_ACRONYM = re.compile(r"[ \t]*\((?-i:[A-Z]{2,}(?:/[A-Z]{2,})*)\)")
# Words that never belong to a document's name, lower-cased (one word, or a word and the next).
_NOT_IN_NAME = frozenset(
    {
        *("và", "của", "về", "được", "đã", "đang", "sẽ", "vừa", "bị", "theo", "nhằm", "để"),
        *("cho", "với", "trong", "tại", "khi", "thì", "là", "các", "những", "này", "đó", "số"),
        *("năm", "ngày", "tháng", "đến", "từ", "do", "mới", "có", "không", "cũng", "nêu", "gồm"),
        *("như", "trên", "qua", "kể", "hoặc", "hay", "nhưng", "mà", "nay", "sau", "trước"),
    }
)
_NOT_IN_NAME_PAIRS = frozenset(
    {
        "hiện hành",
        "sửa đổi",
        "bổ sung",
        "quy định",
        "hướng dẫn",
        "thi hành",
        "thông qua",
        "hiệu lực",
        "ban hành",
        "kỳ họp",
        "nghị định",
        "nghị quyết",
        "thông tư",
        "quyết định",
        "chỉ thị",
        "pháp lệnh",
        "bộ luật",
        "hiến pháp",
    }
)
_PAIR_STARTS = frozenset(pair.split()[0] for pair in _NOT_IN_NAME_PAIRS)
# A lower-case word right after "Luật" that shows it is not a law's name ("Luật sư", "Luật
# này", "Luật quy định ...").
_NOT_A_NAME_START = _NOT_IN_NAME | {
    *("sư", "gia", "lệ", "pháp", "học", "tục", "chơi", "chung", "riêng", "cơ"),
}
_MAX_NAME_WORDS = 24
_TYPE_WORDS_IN_NAME = re.compile(
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Hiến\s+pháp|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|"
    r"Quyết\s+định|Chỉ\s+thị)(?!\w)",
    re.IGNORECASE,
)
_JOINERS = ("và", "của")
# Where a name that ran on past "và" may end: the end of its clause or line.
_CLAUSE_END = re.compile(r"[ \t]*(?:[;.:)]|\r?\n|$)")

_LAW_TYPES = re.compile(r"(?-i:Bộ luật|Luật|Pháp lệnh|BỘ LUẬT|LUẬT|PHÁP LỆNH)(?=\s)")
# Words that form a common noun with a following "luật" ("pháp luật", "kỷ luật", "quy luật").
_COMPOUND_BEFORE = re.compile(r"(?i:pháp|kỷ|quy|đạo|điều)[ \t]+$")
_AMENDING = re.compile(
    r"\s+(?:sửa\s+đổi(?:\s*,\s*bổ\s+sung)?|bổ\s+sung)"
    r"(?:\s+(?:một\s+số\s+điều|(?:các\s+)?(?:điều|khoản)\s+[\d,\s và]{1,40}))?\s+của\s+",
    re.IGNORECASE,
)
_NESTED_GLUE = re.compile(r"\s*,\s*|\s+và\s+", re.IGNORECASE)
_SYMBOL_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:số[ \t]*:?[ \t]*)?(?P<num>\d{1,5})(?=/\d{4}/)", re.IGNORECASE
)
_YEAR_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:\([ \t]*(?:năm[ \t]+)?(?P<y1>(?:19|20)\d\d)[ \t]*\)"
    r"|(?:năm[ \t]+)?(?P<y2>(?:19|20)\d\d))(?![\d/\-]|\.\d)",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(
    r"\s*,?\s*(?:(?:đã\s+)?được\s+(?:Quốc\s+hội\s+)?(?:khóa\s+[IVXL]+\s+)?"
    rf"(?:thông\s+qua|ban\s+hành)\s+)?ngày\s+(?:{DATE})",
    re.IGNORECASE,
)
_CONSTITUTION = re.compile(
    r"(?-i:Hiến pháp|HIẾN PHÁP)"
    r"(?:\s+(?:nước\s+)?Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam)?",
    re.IGNORECASE,
)
_MORE_YEARS = re.compile(r"(?:\s*,\s*|\s+và\s+)(?:năm\s+)?(?P<year>(?:19|20)\d\d)(?![\d/])")
_CHARTER = re.compile(r"(?-i:Điều lệ|ĐIỀU LỆ)")
# A bare "Điều lệ" names the charter only where its name would end anyway ("Cương lĩnh, Điều lệ,
# Nghị quyết ..."); "Điều lệ hoạt động của ..." is not a document's name.
_ALONE = re.compile(r"[ \t]*(?:[,;.:)]|và(?!\w)|$)", re.MULTILINE)
_PLATFORM = re.compile(
    r"(?-i:Cương lĩnh|CƯƠNG LĨNH)(?:\s+chính\s+trị)?"
    r"(?:\s+xây\s+dựng\s+đất\s+nước\s+trong\s+thời\s+kỳ\s+quá\s+độ\s+lên\s+chủ\s+nghĩa\s+xã\s+hội)?"
    r"(?:\s*\(\s*bổ\s+sung,\s*phát\s+triển\s+năm\s+\d{4}\s*\))?",
    re.IGNORECASE,
)
# An organisation's name after "Điều lệ": capitalised words ("Đảng Cộng sản Việt Nam", "Đoàn
# TNCS Hồ Chí Minh", "Hội Nông dân Việt Nam").
_ORG_NAME = re.compile(rf"[ \t]+([{UPPER}][^\W\d_]*(?:[ \t]+[{UPPER}][^\W\d_]*){{0,5}})")


def find_named(text: str, starts: list[int]) -> list[Mention]:
    """Mentions of named documents starting at ``starts`` (where a name's type word is).

    Mentions nested in an amending law's name come right after it, with ``inside`` set.
    """
    found: list[Mention] = []
    for start in starts:
        if not text[start].isupper():
            continue  # a name is capitalised ("pháp luật" is no law's)
        if _LAW_TYPES.match(text, start):
            found.extend(_law(text, start))
        elif _CONSTITUTION.match(text, start):
            found.extend(_constitution(text, start))
        elif (charter := _charter(text, start)) is not None:
            found.append(charter)
        elif (platform := _PLATFORM.match(text, start)) is not None:
            found.append(_titled(text, start, platform.end()))
    return found


def _law(text: str, start: int) -> list[Mention]:
    head = _LAW_TYPES.match(text, start)
    assert head is not None
    if _COMPOUND_BEFORE.search(text, max(0, start - 8), start):
        return []  # "pháp luật", "kỷ luật", "PHÁP LUẬT NĂM 2021": a word, not a law's name
    kind = "phap-lenh" if "lệnh" in head.group(0).lower() else "luat"
    amending = _AMENDING.match(text, head.end())
    if amending is not None:
        laws = _amending(text, start, kind, head.end(), amending.end())
        if laws:
            return laws
    name_start = head.end() + 1
    caps = head.group(0).isupper()
    end = _name_end(text, name_start, caps)
    if end is None:
        return []
    mention = Mention(start, end, kind, title=_squeeze(text[name_start:end]))
    mention.name_span = (name_start, end)
    _attach_law_facts(text, mention)
    return [mention]


def _amending(text: str, start: int, kind: str, name_start: int, pos: int) -> list[Mention]:
    """ "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B": the amending law, then A, B."""
    nested: list[Mention] = []
    while True:
        head = _LAW_TYPES.match(text, pos)
        constitution = _CONSTITUTION.match(text, pos) if head is None else None
        if head is None and constitution is None:
            break
        inner = _law(text, pos) if head is not None else _constitution(text, pos)
        if not inner:
            break
        nested.extend(inner)
        glue = _NESTED_GLUE.match(text, inner[-1].end)
        if glue is None:
            break
        pos = glue.end()
    if not nested:
        return []
    top_level = [m for m in nested if m.inside is None]
    outer = Mention(start, top_level[-1].end, kind)
    last = top_level[-1]
    # The year, number and date written after the last law belong to the amending law.
    outer.number, outer.symbol, outer.symbol_parts = last.number, last.symbol, last.symbol_parts
    outer.date, outer.year = last.date, last.year
    last.number = last.symbol = last.symbol_parts = last.date = last.year = None
    last.end = last.name_span[1] if last.name_span else last.end
    outer.title = _squeeze(text[name_start : last.end])
    outer.name_span = (name_start, last.end)
    for mention in nested:
        if mention.inside is None:
            mention.inside = outer
            mention.link_relation = "amends"
    return [outer, *nested]


def _name_end(text: str, pos: int, caps: bool) -> int | None:
    """End of the name starting at ``pos``, or None when no name starts there."""
    end = committed = pos
    count = 0
    tentative = False
    joined = False  # past "và"/"của" before a body's name
    cursor = pos
    while count < _MAX_NAME_WORDS:
        word = _WORD.match(text, cursor)
        if word is None:
            break
        token = word.group(0)
        lower = token.lower()
        pair = _pair_at(text, word) if lower in _PAIR_STARTS else ""
        if caps and not token.isupper():
            break
        if count == 0:
            # "ban hành" opens a law's name only in "Luật Ban hành văn bản quy phạm pháp luật".
            not_a_name = lower in _NOT_A_NAME_START or (
                pair in _NOT_IN_NAME_PAIRS and pair != "ban hành"
            )
            if (caps or token[0].islower()) and not_a_name:
                return None
            if _TYPE_WORDS_IN_NAME.match(text, cursor):
                return None
        elif lower in _JOINERS or lower in _NOT_IN_NAME or pair in _NOT_IN_NAME_PAIRS:
            if lower not in _JOINERS:
                break
            after = _BLANKS.match(text, word.end()) or _LINE_BREAK.match(text, word.end())
            nxt = _WORD.match(text, after.end()) if after else None
            if nxt is None or _TYPE_WORDS_IN_NAME.match(text, nxt.start()):
                break
            if nxt.group(0).lower() in _NOT_IN_NAME:
                break
            joined = nxt.group(0)[0].isupper()
            if not joined and not tentative:
                # "Luật Bảo vệ và phát triển rừng": kept only if the name then reaches its
                # number, year or date; otherwise the name ends before "và".
                tentative = True
                committed = end
        elif (
            _TYPE_WORDS_IN_NAME.match(text, cursor)
            and not token[0].islower()
            and not _COMPOUND_BEFORE.search(text, max(0, cursor - 8), cursor)
        ):
            break  # a new document's type word, unless part of a word ("PHÁP LUẬT")
        end = word.end()
        count += 1
        bracket = _BRACKETED_ACRONYM.match(text, end)
        if bracket is not None:
            end = bracket.end()
        separator = (
            _BLANKS.match(text, end) or _COMMA.match(text, end) or _LINE_BREAK.match(text, end)
        )
        if separator is None:
            break
        following = _WORD.match(text, separator.end())
        if following is None:
            break
        if (
            separator.group(0).strip()
            and not caps
            and not following.group(0)[0].islower()
            and not (joined and separator.group(0).strip() == ",")
        ):
            # A comma or a line break continues a name only with a lower-case word, or with the
            # next body of a list of bodies ("của Hội đồng nhân dân, Ủy ban nhân dân").
            break
        if "\n" in separator.group(0) and caps:
            break
        cursor = separator.end()
    if end == pos:
        return None
    if tentative and not (_anchored(text, end) or _CLAUSE_END.match(text, end)):
        end = committed
    return end


def _pair_at(text: str, word: re.Match[str]) -> str:
    """The word at ``word`` and the next one, lower-cased ("quy định")."""
    after = _BLANKS.match(text, word.end())
    if after is None:
        return ""
    nxt = _WORD.match(text, after.end())
    return f"{word.group(0)} {nxt.group(0)}".lower() if nxt else ""


def _anchored(text: str, pos: int) -> bool:
    return bool(
        _SYMBOL_AFTER.match(text, pos)
        or _YEAR_AFTER.match(text, pos)
        or _DATE_AFTER.match(text, pos)
    )


def _attach_law_facts(text: str, mention: Mention) -> None:
    """Extend a named document over its number, year and date, written in any order."""
    progress = True
    while progress:
        progress = False
        if mention.symbol is None and (number := _SYMBOL_AFTER.match(text, mention.end)):
            tail = SYMBOL_TAIL_RE.match(text, number.end("num"))
            symbol = parse_symbol_tail(number.group("num"), tail) if tail else None
            if tail is not None and symbol is not None:
                mention.number = number.group("num")
                mention.symbol, mention.symbol_parts = symbol.text, symbol
                mention.end = tail.end()
                progress = True
        if mention.date is None and (stated := _DATE_AFTER.match(text, mention.end)):
            date_match = DATE_RE.search(text, stated.start(), stated.end())
            parsed = iso_date(date_match) if date_match else None
            if parsed:
                mention.date = parsed
                mention.end = stated.end()
                progress = True
        if (
            mention.year is None
            and mention.date is None
            and (year := _YEAR_AFTER.match(text, mention.end))
        ):
            mention.year = int(year.group("y1") or year.group("y2"))
            mention.end = year.end()
            progress = True


def _constitution(text: str, start: int) -> list[Mention]:
    """ "Hiến pháp năm 2013"; "Hiến pháp năm 1946, 1959 ... và năm 2013" names one per year."""
    match = _CONSTITUTION.match(text, start)
    assert match is not None
    mention = _titled(text, start, match.end())
    _attach_law_facts(text, mention)
    found = [mention]
    if mention.year is None:
        return found
    pos = mention.end
    while (more := _MORE_YEARS.match(text, pos)) is not None:
        item_start = more.start("year")
        prefix = text[more.start() : item_start].rstrip()
        if prefix.lower().endswith("năm"):
            item_start = more.start() + prefix.lower().rindex("năm")
        item = Mention(item_start, more.end(), "other", title=mention.title)
        item.name_span = mention.name_span
        item.year = int(more.group("year"))
        item.has_type_word = False
        found.append(item)
        pos = more.end()
    return found


def _charter(text: str, start: int) -> Mention | None:
    """ "Điều lệ Đảng", "Điều lệ Đoàn TNCS Hồ Chí Minh", or "Điều lệ" alone in a list."""
    head = _CHARTER.match(text, start)
    if head is None:
        return None
    organisation = _ORG_NAME.match(text, head.end())
    if organisation is not None and not _TYPE_WORDS_IN_NAME.match(text, organisation.start(1)):
        return _titled(text, start, organisation.end())
    if _ALONE.match(text, head.end()):
        return _titled(text, start, head.end())
    return None


def _titled(text: str, start: int, end: int) -> Mention:
    """A document whose whole written name is its title."""
    mention = Mention(start, end, "other", title=_squeeze(text[start:end]))
    mention.name_span = (start, end)
    return mention


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def named_words() -> tuple[str, ...]:
    """The lower-cased words a named document starts with (for the type-word scan)."""
    return tuple(w.lower() for w in ("Hiến pháp", "Điều lệ", "Cương lĩnh")) + tuple(
        w.pattern.lower() for w in tables.type_words() if w.kind in ("luat", "phap-lenh")
    )
