"""The document symbol ("số và ký hiệu"): its parts, its canonical form and key, its scope.

Party symbols are number-TYPE/ISSUER ("25-NQ/TW", "79-CTr/BDVTW-BCSĐCP"); state symbols are
number/TYPE-ISSUER, legal norms with the year between ("18/CT-UBND", "05/2021/NĐ-CP"). The
issuer code decides whether the number is unique nationally or only within a place, and
whether numbering restarts every Party term or every calendar year. Joint issuers are one code
("BDVTW-BCSĐCP"): the symbol is kept whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from kg.textnorm import fold, slugify

_PARTY = re.compile(r"^(?P<number>\d+[a-zA-Z]?)-(?P<type>[^/\s-]+)/(?P<issuer>\S+)$")
_STATE = re.compile(
    r"^(?P<number>\d+[a-zA-Z]?)/(?:(?P<year>\d{4})/)?(?:(?P<type>[^/\s-]+)-)?(?P<issuer>[^/\s]+)$"
)
_SPACED = re.compile(r"\s*([-/])\s*")

# Codes of the committees below the centre and of their commissions ("BDVTU", "BTGDVTU"):
# "/TU" means the committee of the province the text belongs to, "/HU" a district's, "/ĐU" a
# commune's or a bloc's Party committee; UBND and HĐND are a province's, a district's or a
# commune's council and committee, as the issuer's name says.
COMMITTEE_CODES: tuple[str, ...] = ("TU", "HU", "QU", "ĐU", "TXU", "TPU")
LOCAL_CODES: tuple[str, ...] = (*COMMITTEE_CODES, "UBND", "HĐND")
# Committees of a district, town or provincial city and their commissions: every district
# numbers its own, so the number is unique only within one district.
DISTRICT_CODES: tuple[str, ...] = ("HU", "QU", "TXU", "TPU")
# A commune's (or ward's) Party committee; after 1 July 2025 the level below the province.
COMMUNE_CODES: tuple[str, ...] = ("ĐU",)


# Every mention's symbol is normalised to be parsed, keyed and stored; a corpus repeats a few.
@lru_cache(maxsize=8192)
def normalize_symbol(text: str) -> str:
    """The form the graph stores: NFC, no spaces around - and /, en dash as hyphen, "Đ"."""
    text = unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("–", "-").replace("—", "-")
    return _SPACED.sub(r"\1", text.strip())


# Every mention is compared with every earlier one in its text, and with the registry.
@lru_cache(maxsize=8192)
def symbol_key(symbol: str) -> str:
    """Comparison key: normalised, folded, leading zeros of the number dropped ("05" = "5")."""
    return re.sub(r"^0+(?=\d)", "", fold(normalize_symbol(symbol)))


@dataclass(frozen=True)
class Symbol:
    """The parts of one symbol; `issuers` lists the codes of every joint issuer.

    What is read from the parts is worked out once per symbol: parsing is shared (see `_parse`),
    and resolution asks each mention's symbol several times.
    """

    number: str
    type_code: str
    issuers: tuple[str, ...]
    year: int | None
    party: bool

    @staticmethod
    def parse(text: str) -> Symbol | None:
        """Split a symbol; None when it has neither the Party nor the state shape."""
        return _parse(normalize_symbol(text))

    @cached_property
    def issuer_key(self) -> str:
        """The issuer part as one code ("TW", "BDVTW-BCSĐCP", "UBND")."""
        return "-".join(self.issuers)

    @cached_property
    def key(self) -> str:
        """What two spellings of one symbol share (see :func:`symbol_key`)."""
        return symbol_key(self.text)

    @cached_property
    def text(self) -> str:
        if self.party:
            return f"{self.number}-{self.type_code}/{self.issuer_key}"
        middle = f"{self.year}/" if self.year is not None else ""
        code = f"{self.type_code}-" if self.type_code else ""
        return f"{self.number}/{middle}{code}{self.issuer_key}"

    @cached_property
    def is_local(self) -> bool:
        """Whether the number is unique only within a place (a province, district or commune)."""
        return any(is_local_code(code) for code in self.issuers)

    @cached_property
    def is_district(self) -> bool:
        """Whether the issuer is a district-level Party committee or one of its commissions."""
        return self.party and any(_ends_with(code, DISTRICT_CODES) for code in self.issuers)

    @cached_property
    def is_commune(self) -> bool:
        """Whether the issuer code is a commune's Party committee ("/ĐU")."""
        return self.party and any(code.upper() in COMMUNE_CODES for code in self.issuers)

    @cached_property
    def scope_code(self) -> str:
        """The issuer part of an IRI scope: "tw" for the Party centre, else the code's slug."""
        return "tw" if self.issuer_key.upper() == "TW" else slugify(self.issuer_key)


@lru_cache(maxsize=8192)
def _parse(symbol: str) -> Symbol | None:
    # Resolution and graph building parse the same few symbols for every mention; a Symbol is
    # frozen, so one parse is shared.
    match = _PARTY.match(symbol)
    party = match is not None
    if match is None:
        match = _STATE.match(symbol)
    if match is None:
        return None
    year = match.groupdict().get("year")
    return Symbol(
        number=match.group("number"),
        type_code=match.group("type") or "",
        issuers=tuple(code for code in match.group("issuer").split("-") if code),
        year=int(year) if year else None,
        party=party,
    )


def _ends_with(code: str, suffixes: tuple[str, ...]) -> bool:
    return code.upper().endswith(suffixes)


def is_local_code(code: str) -> bool:
    """Whether an issuer code names a body below the centre ("TU", "BDVTU", "UBND")."""
    upper = code.upper()
    return not upper.endswith("TW") and upper.endswith(LOCAL_CODES)
