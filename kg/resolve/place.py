"""Where an issuing body sits, read from its name and the text around it.

A local document's identity carries its issuer's place, so every text that names a body is read
for it: "Huyện ủy Vạn Ninh" is a district's committee, "Đảng ủy xã Gia Viễn" a commune's, "Ban
Thường vụ Tỉnh ủy Sơn La" a province's; a district body whose header stops at the district is
placed in the province its text names most; "Tỉnh ủy Sơn La ban hành Kế hoạch số 185-KH/TU"
places the plan it names. The level of a body comes from its symbol code and its name.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kg.identity import Level, Symbol
from kg.registry import Province, Registry
from kg.textnorm import normalize

_ISO_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}$")
# Where a text names a province: "Tỉnh ủy Thái Bình", "Đảng bộ tỉnh Thái Bình", "thành phố Hà
# Nội" (a name that is not a province's, "thành phố Vinh", is dropped by the registry lookup).
_PROVINCE_NAMED = re.compile(
    r"\b(?:Tỉnh ủy|Thành ủy|tỉnh|thành phố)\s+"
    r"(?P<name>(?-i:[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3}))",
    re.IGNORECASE,
)
# The district-level unit in a body's name, before the unit's own name: "Huyện ủy Phú Thanh",
# "Ban Dân vận Quận ủy Quận 3", "Ủy ban nhân dân thị xã Sơn Tây", "Thành ủy Thủ Dầu Một".
_DISTRICT_UNIT = re.compile(
    r"\b(?:(?P<city>thành phố|thành ủy|thành phố ủy)|(?:huyện|quận|thị xã)(?: ủy)?|thị ủy)"
    r"\s+(?P<name>.+)",
    re.IGNORECASE,
)
# The commune-level unit: "Đảng ủy xã Gia Viễn", "UBND phường Bến Thành", "thị trấn Phú Mỹ".
_COMMUNE_UNIT = re.compile(r"\b(?P<unit>xã|phường|thị trấn|đặc khu)\s+(?P<name>.+)", re.IGNORECASE)
# A province's own committees and councils, named without a lower unit.
_PROVINCE_BODY = re.compile(
    r"\b(?:tỉnh ủy|thành ủy|đảng bộ tỉnh|đảng bộ thành phố|(?:ủy ban nhân dân|ubnd|"
    r"hội đồng nhân dân|hđnd)(?:\s+(?:tỉnh|thành phố))?)\b",
    re.IGNORECASE,
)
# "Tỉnh ủy Sơn La ban hành Kế hoạch số 185-KH/TU": the body a sentence names right before the
# document it issued.
_ISSUED_BY = re.compile(
    r"(?P<body>(?:Ban Thường vụ |Ban Chấp hành Đảng bộ |Thường trực )?"
    r"(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|UBND|Ủy ban nhân dân|HĐND"
    r"|Hội đồng nhân dân"
    r"|Ban [A-ZĐ][^\W\d_]*(?:\s+(?:và\s+)?[^\W\d_]+){0,3}\s+(?:Tỉnh|Thành|Huyện|Quận)\s+ủy)"
    r"(?:\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường))?"
    r"(?:\s+(?-i:[A-ZĐ][^\W\d_]*)){0,4})"
    r"\s+(?:đã\s+|vừa\s+)?(?:ký\s+)?(?:ban\s+hành|có|xây\s+dựng)\s*$",
    re.IGNORECASE,
)
_LOOK_BACK = 160
# The words `_ISSUED_BY` ends with, the last thing before the mention: most mentions follow
# none of them, and testing the last word is far cheaper than searching the window.
_ISSUING_WORD = re.compile(r"(?:hành|có|dựng)$", re.IGNORECASE)
_CAPITALISED = re.compile(r"[A-ZĐÂĂÊÔƠƯ0-9]")


# Every candidate of every reference is dated, against a corpus's few thousand dates.
@lru_cache(maxsize=4096)
def year_of(date: str | None) -> int | None:
    """The year of an ISO date; None for a missing or malformed one (never an exception)."""
    found = _ISO_DATE.match(date or "")
    return int(found.group(1)) if found else None


def _unit_name(raw: str) -> list[str]:
    """The capitalised words that name a unit, up to a comma ("Dầu Tiếng, tỉnh Bình Dương")."""
    name: list[str] = []
    for word in raw.split():
        bare = word.rstrip(",;.:)")
        if not bare or not _CAPITALISED.match(bare):
            break
        name.append(bare)
        if bare != word:
            break
    return name


def district_named(issuer: str | None, registry: Registry) -> str | None:
    """The district-level unit a body's name places it in ("Phú Thanh"), as written.

    None for central and provincial bodies, a committee named without its place ("Ban Thường vụ
    Huyện ủy"), and a city that is itself a province ("Thành ủy Hà Nội").
    """
    found = _DISTRICT_UNIT.search(normalize(issuer)) if issuer else None
    if found is None:
        return None
    name = _unit_name(found.group("name"))
    if not name:
        return None
    district = " ".join(name)
    if found.group("city") and registry.find_province(district) is not None:
        return None  # a city that is a province ("Thành ủy Hà Nội"); a huyện never is
    return district


def commune_named(issuer: str | None) -> str | None:
    """The commune a body's name places it in, with its unit word ("xã Gia Viễn"), or None."""
    found = _COMMUNE_UNIT.search(normalize(issuer)) if issuer else None
    if found is None:
        return None
    name = _unit_name(found.group("name"))
    return f"{found.group('unit').lower()} {' '.join(name)}" if name else None


def province_named(
    registry: Registry,
    texts: tuple[str | None, ...],
    units: tuple[str | None, ...],
    on_date: str | None,
) -> Province | None:
    """The province the first of `texts` to name one names, outside the names of `units`.

    Some districts and communes bear a province's name (huyện Hòa Bình is in Bạc Liêu): only the
    rest of a body's name can say which province it is in.
    """
    for text in texts:
        if not text:
            continue
        text = normalize(text)
        for unit in units:
            if unit:
                text = text.replace(unit, " ")
        province = registry.find_province(text, on_date)
        if province is not None:
            return province
    return None


def province_most_named(
    text: str, registry: Registry, units: tuple[str | None, ...], on_date: str | None
) -> Province | None:
    """The province a text names most ("Đại hội Đảng bộ tỉnh Thái Bình"), outside `units`."""
    named: Counter[Province] = Counter()
    for found in _PROVINCE_NAMED.finditer(normalize(text)):
        name = found.group("name")
        if name not in units and (province := registry.find_province(name, on_date)):
            named[province] += 1
    return named.most_common(1)[0][0] if named else None


def issuer_before(text: str, start: int, sentence_start: int | None) -> str | None:
    """The body a sentence names as the issuer right before a mention, or None.

    "Ngày 5/3, Tỉnh ủy Sơn La ban hành Kế hoạch số 185-KH/TU" gives "Tỉnh ủy Sơn La".
    """
    window_start = max(0, start - _LOOK_BACK, sentence_start or 0)
    window = normalize(text[window_start:start])
    # `\s*$` after the word is what rstrip() strips: the same Unicode whitespace.
    if _ISSUING_WORD.search(window.rstrip()[-4:]) is None:
        return None
    found = _ISSUED_BY.search(window)
    return " ".join(found.group("body").split()) if found else None


def level_of(
    symbol: Symbol | None, issuer: str | None, registry_level: str | None, registry: Registry
) -> Level | None:
    """The level of a body from its symbol code and its name.

    A commune's or district's name decides for the local codes several levels share ("ĐU" is a
    commune's or a bloc's committee, "UBND" a province's, a district's or a commune's, "TU" also
    a provincial city's); the registry's level decides for a body it knows; the code for the
    rest.
    """
    if symbol is not None and not symbol.is_local:
        return Level.CENTRAL if symbol.party else Level.STATE
    if commune_named(issuer) is not None:
        return Level.COMMUNE
    if district_named(issuer, registry) is not None or (symbol is not None and symbol.is_district):
        return Level.DISTRICT
    if registry_level is not None:
        return Level(registry_level)
    if symbol is not None:
        return Level.COMMUNE if symbol.is_commune else Level.PROVINCE
    if issuer and _PROVINCE_BODY.search(normalize(issuer)):
        return Level.PROVINCE
    return None
