"""Read the parts of a document symbol ("số và ký hiệu").

Party symbols are number-TYPE/ISSUER ("25-NQ/TW", "79-CTr/BDVTW-BCSĐCP"); state symbols are
number/TYPE-ISSUER, legal norms with the year between ("18/CT-UBND", "05/2021/NĐ-CP"). The
issuer code decides whether the number is unique nationally or only within a province, and
whether numbering restarts every Party term or every calendar year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.textnorm import fold

_PARTY = re.compile(r"^(?P<number>\d+[a-zA-Z]?)-(?P<type>[^/\s-]+)/(?P<issuer>\S+)$")
_STATE = re.compile(
    r"^(?P<number>\d+[a-zA-Z]?)/(?:(?P<year>\d{4})/)?(?:(?P<type>[^/\s-]+)-)?(?P<issuer>[^/\s]+)$"
)

# Local codes: provincial and district Party committees and their commissions, and the
# provincial state bodies. "/TU" means the committee of the province the text belongs to.
_LOCAL_SUFFIXES = ("TU", "HU", "QU", "ĐU", "UBND", "HĐND", "TXU", "TPU")
# Committees of a district, town or provincial city and their commissions ("HU", "BDVQU"):
# every district numbers its own, so the number is unique only within one district.
_DISTRICT_SUFFIXES = ("HU", "QU", "TXU", "TPU")


@dataclass(frozen=True)
class Symbol:
    """The parts of one symbol; `issuers` lists the codes of every joint issuer."""

    number: str
    type_code: str
    issuers: tuple[str, ...]
    year: int | None
    party: bool

    @property
    def central(self) -> bool:
        """Whether the number is unique nationally (else only within one province)."""
        return not any(is_local_code(code) for code in self.issuers)

    @property
    def district(self) -> bool:
        """Whether the issuer is a district-level Party committee or one of its commissions."""
        return self.party and any(
            code.upper().endswith(_DISTRICT_SUFFIXES) for code in self.issuers
        )

    @property
    def issuer_key(self) -> str:
        """The issuer part as one code ("TW", "BDVTW-BCSĐCP", "UBND")."""
        return "-".join(self.issuers)


# Resolution and graph building parse the same few symbols for every mention; a Symbol is
# frozen, so one parse can be shared.
@lru_cache(maxsize=8192)
def parse_symbol(symbol: str) -> Symbol | None:
    """Split a normalised symbol; None when it has neither the Party nor the state shape."""
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


# Every mention is compared with every earlier one in its text, and with the registry.
@lru_cache(maxsize=8192)
def symbol_key(symbol: str) -> str:
    """Comparison key of a symbol: folded, leading zeros of the number dropped ("05" = "5")."""
    key = fold(symbol)
    return re.sub(r"^0+(?=\d)", "", key)


def is_local_code(code: str) -> bool:
    """Whether an issuer code names a body below the centre ("TU", "BDVTU", "UBND")."""
    upper = code.upper()
    return not upper.endswith("TW") and upper.endswith(_LOCAL_SUFFIXES)
