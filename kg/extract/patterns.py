"""Regular expressions and small parsers for the pieces of a citation: symbols, dates, terms.

All patterns run on the normalised match copy (:mod:`kg.textnorm`), so they are written for one
spelling: NFC, "khóa"/"ủy" tone placement, "Đ". The parsers never raise on odd input: a piece that
does not parse is simply absent (property-tested).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date

from kg.extract import tables

# Every upper-case letter of the Latin script Vietnamese is written in (with its marks), for
# character classes: Python's `re` has no Unicode category classes.
UPPER = "".join(
    char
    for char in map(chr, range(0x41, 0x1F00))
    if char.isupper() and unicodedata.name(char, "").startswith("LATIN")
)
LOWER = "".join(
    char
    for char in map(chr, range(0x61, 0x1F00))
    if char.islower() and unicodedata.name(char, "").startswith("LATIN")
)
DASH = r"[-\u2010\u2011\u2012\u2013\u2014\u2212]"
# A symbol segment: a code such as NQ, CTr, QĐi, T.Ư, BCSĐCP, QH15, NN&PTNT (never ends with a
# dot, so a sentence full stop after the symbol stays outside).
SEG = r"[^\W\d_](?:[\w.&]*\w)?"
# A Party issuer code ends with a letter: digits glued after it are a footnote ("30-CT/TW1").
_PARTY_SEG = r"[^\W\d_](?:[\w.&]*[^\W\d_])?"
# A further joint issuer after a dash, where blanks and line breaks may surround the dash: only
# an upper-case code, so a dash before an ordinary word ("... -\nCông tác") is not taken for one.
_JOINT_SEG = rf"(?-i:[{UPPER}](?:[{UPPER}\d&.]*[{UPPER}\d])?[a-zđ]?)(?![\w&])"
# Party codes that are also written after a slash ("646/QĐ/QUTW" for 646-QĐ/QUTW).
_SLASHED_PARTY_CODE = r"(?:QĐi|QĐ|NQ|CT|KL|HD|TB|TT|KH|CTr|QC|BC|ĐA|CV)\s*/"
_PARTY_TAIL = (
    rf"(?:\s*{DASH}\s*|/(?={_SLASHED_PARTY_CODE})|(?=[^\W\d_]))(?P<code>{SEG})\s*/\s*"
    rf"(?P<issuers>{_PARTY_SEG}(?:\s*{DASH}\s*{_JOINT_SEG})*)"
)
# "/2007/QĐ-TTg", "/ TTr-UB" after a line break, "/QĐ- TTg", "/TTr -\nNN&PTNT", "/BKH/ VPTĐ".
_STATE_TAIL = (
    rf"/\s*(?:(?P<syear>\d{{4}})/\s*)?(?P<scode>{SEG})"
    rf"(?:(?P<sissuers>[ \t]*{DASH}\s*{SEG}(?:{DASH}{_JOINT_SEG})*)"
    rf"|/[ \t]*(?P<sunit>{_JOINT_SEG}(?:{DASH}{_JOINT_SEG})*))?"
)
SYMBOL_TAIL = rf"(?:{_PARTY_TAIL}|{_STATE_TAIL})"
SYMBOL_TAIL_RE = re.compile(SYMBOL_TAIL)
_DASH_RE = re.compile(DASH)

ROMAN = r"(?-i:[IVXL]+)(?![\w])"
# Ordinals written in words ("lần thứ tư", "lần thứ mười một"), longest first.
ORDINAL_WORDS = "|".join(sorted(tables.ordinal_words(), key=len, reverse=True))
TERM_RE = re.compile(
    rf"\s*,?\s*(?:\(\s*khóa\s+(?P<t1>{ROMAN}|\d{{1,2}})\s*\)|khóa\s+(?P<t2>{ROMAN}|\d{{1,2}})(?!\w))",
    re.IGNORECASE,
)
_NUMERIC_DATE = (
    rf"(?P<d>\d{{1,2}})\s*[/.]\s*(?P<m>\d{{1,2}})\s*[/.]\s*(?P<y>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})\s*{DASH}\s*(?P<m3>\d{{1,2}})\s*{DASH}\s*(?P<y3>\d{{4}})"
)
_WORD_DATE = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>\d{4})"
DATE = rf"(?:{_NUMERIC_DATE}|{_WORD_DATE})(?!\d)"
DATE_RE = re.compile(DATE, re.IGNORECASE)


def int_to_roman(value: int) -> str:
    """Roman numeral of a positive integer (terms and congresses are written in Roman)."""
    parts = []
    for number, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            parts.append(letters)
            value -= number
    return "".join(parts)


def term_numeral(raw: str) -> str:
    """A Party term as a Roman numeral: "XI" stays, "11" becomes "XI"."""
    return int_to_roman(int(raw)) if raw.isdigit() else raw.upper()


def iso_date(match: re.Match[str]) -> str | None:
    """ISO date of a ``DATE_RE`` match, or None when day or month is out of range."""
    groups = match.groupdict()
    for d, m, y in (("d", "m", "y"), ("d2", "m2", "y2"), ("d3", "m3", "y3")):
        if groups.get(d):
            return _iso_date(groups[y], groups[m], groups[d])
    return None


@functools.lru_cache(maxsize=4096)
def _iso_date(year: str, month: str, day: str) -> str | None:
    """The date as written, in ISO form; cached, as a text repeats the dates it cites."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """ISO date of the first date written in ``text`` (any of the forms in DATE), or None."""
    match = DATE_RE.search(text)
    return iso_date(match) if match else None


def _canonical(segment: str) -> str:
    compact = "".join(segment.split())
    return tables.canonical_codes().get(compact.upper(), compact.upper())


def _is_code(segment: str) -> bool:
    """A plausible code: known, or written in capitals (never an ordinary lower-case word)."""
    compact = segment.replace(".", "")
    return compact.upper() in tables.canonical_codes() or (
        compact[:1].isupper() and not compact[1:].islower()
    )


class Symbol:
    """A parsed document symbol ("số và ký hiệu") in its normalised written form.

    Parses are cached and shared by every mention that writes the same symbol, so a symbol is
    never changed once built.
    """

    __slots__ = ("ambiguous_tu", "code", "issuers", "sector", "text", "year")

    def __init__(self, text: str, code: str, issuers: list[str], sector: str, year: int | None):
        self.text = text
        self.code = code
        self.issuers = issuers
        self.sector = sector
        self.year = year
        # "TƯ"/"T.Ư" was written: Trung ương unless the text names a Tỉnh ủy as issuer.
        self.ambiguous_tu = False


def parse_symbol_tail(number: str, match: re.Match[str], issuer_hint: str = "") -> Symbol | None:
    """Build the normalised symbol from a number and a ``SYMBOL_TAIL_RE`` match.

    Party symbols come out as ``N-CODE/ISSUER`` and state symbols as ``N/CODE-ISSUER`` or
    ``N/YYYY/CODE-ISSUER``; a Party symbol written in the state shape ("217/QĐ-TW") is put back
    into the Party shape. ``issuer_hint`` (the issuing body named in the text) decides whether
    "TƯ"/"T.Ư" means Trung ương or Tỉnh ủy.
    """
    return _parse_symbol(number, *match.group(*_TAIL_GROUPS), issuer_hint)


_TAIL_GROUPS = ("code", "issuers", "syear", "scode", "sissuers", "sunit")


@functools.lru_cache(maxsize=4096)
def _parse_symbol(
    number: str,
    party_code: str | None,
    party_issuers: str | None,
    state_year: str | None,
    state_code: str | None,
    state_issuers: str | None,
    state_unit: str | None,
    issuer_hint: str,
) -> Symbol | None:
    """:func:`parse_symbol_tail` on the groups of the match; cached, because a text (and a
    corpus) writes the same few symbols over and over and the parse is pure."""
    if party_code:
        code, issuers, year = party_code, _DASH_RE.split(party_issuers or ""), None
        shape = "party"
    else:
        code = state_code or ""
        issuers = _DASH_RE.split(state_issuers)[1:] if state_issuers else []
        year = int(state_year) if state_year else None
        shape = "state"
    issuers = [s.strip() for s in issuers if s.strip()]
    if not _is_code(code) or (issuers and not _is_code(issuers[0])):
        return None
    code_text = _canonical(code)
    issuer_texts = [_issuer_text(s, issuer_hint) for s in issuers]
    known = tables.issuer_codes()
    sectors = {known[s.upper()].sector for s in issuer_texts if s.upper() in known}
    if shape == "party":
        text = f"{number}-{code_text}/{'-'.join(issuer_texts)}"
        sector = "party"
    elif year is None and len(issuer_texts) == 1 and sectors == {"party"}:
        # "217/QĐ-TW": Party codes in the state shape; the Party shape is the real symbol.
        text = f"{number}-{code_text}/{'-'.join(issuer_texts)}"
        sector = "party"
    elif state_unit:
        # "2325/BKH/VPTĐ": a ministry's code and its unit, as written; "01/QCPH/UBND-UBMTTQ":
        # the joint issuers of a joint regulation.
        units = "-".join(_canonical(unit) for unit in _DASH_RE.split(state_unit))
        text = f"{number}/{code_text}/{units}"
        sector = "state"
    else:
        middle = f"{year}/" if year else ""
        tail = f"-{'-'.join(issuer_texts)}" if issuer_texts else ""
        text = f"{number}/{middle}{code_text}{tail}"
        sector = "party" if sectors == {"party"} else "state"
    symbol = Symbol(text, code_text, issuer_texts, sector, year)
    symbol.ambiguous_tu = any("".join(s.split()).upper() in ("TƯ", "T.Ư") for s in issuers)
    return symbol


def _issuer_text(segment: str, issuer_hint: str) -> str:
    compact = "".join(segment.split())
    if compact.upper() in ("TƯ", "T.Ư") and re.search(r"(?i)tỉnh ủy|thành ủy", issuer_hint):
        return "TU"
    return _canonical(compact)


def symbol_kind(symbol: Symbol) -> str | None:
    """The kind a symbol's type code names (Thông tri for Party TT, Thông tư for state TT)."""
    code = symbol.code.upper()
    if code == "TT":
        return "thong-tri" if symbol.sector == "party" else "thong-tu"
    if code.startswith("QH"):
        return "luat"
    return tables.type_codes().get(code)
