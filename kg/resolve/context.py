"""What resolution needs to know about the document being read, and its own IRI.

A reference is read against the document that makes it: "/TU" means the committee of the
citing document's province, "tổng kết 15 năm" counts back from the citing document's year, and
"Nghị quyết Trung ương 4" without a term means the term in force when it was written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# The registry module mints its IRIs with kg.resolve.iri, so it is imported as a module here:
# either package may then be imported first.
from kg import registry as kg_registry
from kg.extract.model import DocumentInfo, Extraction
from kg.resolve import iri
from kg.resolve.known import KnownDocuments
from kg.resolve.symbols import parse_symbol
from kg.textnorm import fold, normalize, slugify

_ISO_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}$")
# "Kế hoạch công tác dân vận năm 2023": the year an undated plan is about.
_TITLE_YEAR = re.compile(r"\bnăm (\d{4})\b")
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


def year_of(date: str | None) -> int | None:
    """The year of an ISO date; None for a missing or malformed one (never an exception)."""
    found = _ISO_DATE.match(date or "")
    return int(found.group(1)) if found else None


def default_registry() -> kg_registry.Registry:
    """The registry at :func:`kg.registry.default_registry_path`, read once per path."""
    return _registry_at(kg_registry.default_registry_path())


@lru_cache(maxsize=4)
def _registry_at(path: Path) -> kg_registry.Registry:
    return kg_registry.load_registry(path)


@dataclass(frozen=True)
class Citing:
    """The citing document as resolution sees it."""

    date: str | None
    year: int | None
    term: str | None
    province: kg_registry.Province | None
    body: kg_registry.Body | None
    # The district, town or provincial city of a body below the province ("Phú Thanh").
    district: str | None = None


def citing_context(
    document: DocumentInfo, registry: kg_registry.Registry, text: str = ""
) -> Citing:
    """Date, year, term, province, district and issuing body of the document being read.

    A district body whose header does not name its province (a commission's header is often
    just "HUYỆN ỦY X / BAN DÂN VẬN") is placed in the province its `text` names most.
    """
    year = _document_year(document)
    district = district_named(document.issuer, registry)
    # The parent line first: it is where a district's header names its province.
    province = province_named(
        registry, (document.parent, document.place, document.issuer), district, document.date
    )
    if province is None and district is not None and text:
        province = _province_most_named(text, registry, district, document.date)
    return Citing(
        date=document.date,
        year=year,
        term=registry.term_of(document.date or f"{year}-12-31") if year else None,
        province=province,
        body=registry.match_body(document.issuer, province),
        district=district,
    )


def district_named(issuer: str | None, registry: kg_registry.Registry) -> str | None:
    """The district-level unit a body's name places it in ("Phú Thanh"), as written.

    None for central and provincial bodies, a committee named without its place ("Ban Thường vụ
    Huyện ủy"), and a city that is itself a province ("Thành ủy Hà Nội").
    """
    found = _DISTRICT_UNIT.search(normalize(issuer)) if issuer else None
    if found is None:
        return None
    name: list[str] = []
    for word in found.group("name").split():
        bare = word.rstrip(",;.:)")
        if not bare or not (bare[0].isupper() or bare.isdigit()):
            break
        name.append(bare)
        if bare != word:
            break  # "Huyện ủy Dầu Tiếng, tỉnh Bình Dương": the comma ends the name
    if not name:
        return None
    district = " ".join(name)
    if found.group("city") and registry.find_province(district) is not None:
        return None  # a city that is a province ("Thành ủy Hà Nội"); a huyện never is
    return district


def _province_most_named(
    text: str, registry: kg_registry.Registry, district: str, on_date: str | None
) -> kg_registry.Province | None:
    """The province a district's text names most ("Đại hội Đảng bộ tỉnh Thái Bình")."""
    named: Counter[kg_registry.Province] = Counter()
    for found in _PROVINCE_NAMED.finditer(normalize(text)):
        name = found.group("name")
        if name != district and (province := registry.find_province(name, on_date)):
            named[province] += 1
    return named.most_common(1)[0][0] if named else None


def province_named(
    registry: kg_registry.Registry,
    texts: tuple[str | None, ...],
    district: str | None,
    on_date: str | None,
) -> kg_registry.Province | None:
    """The province the first of `texts` to name one names, outside the district's own name.

    Some districts bear a province's name (huyện Hòa Bình is in Bạc Liêu): only the rest of a
    district body's name can say which province it is in.
    """
    for text in texts:
        if text and district:
            text = normalize(text).replace(district, " ")
        province = registry.find_province(text, on_date)
        if province is not None:
            return province
    return None


def _document_year(document: DocumentInfo) -> int | None:
    if year_of(document.date):
        return year_of(document.date)
    parsed = parse_symbol(document.symbol) if document.symbol else None
    if parsed is not None and parsed.year is not None:
        return parsed.year
    found = _TITLE_YEAR.search(fold(document.title or ""))
    return int(found.group(1)) if found else None


def _same_slot(candidate: str, minted: str) -> bool:
    """Same scope, year and number as a minted IRI, whatever the kind segment says."""
    head, _, tail = minted.rpartition("/")
    scope, year = head.rsplit("/", 2)[0], head.rsplit("/", 1)[1]
    parts = candidate.rsplit("/", 3)
    return len(parts) == 4 and parts[0] == scope and parts[2:] == [year, tail]


def body_scope(
    body: kg_registry.Body | None,
    issuer: str | None,
    province: kg_registry.Province | None = None,
    district: str | None = None,
) -> str:
    """Issuer scope of a document known only by its issuing body's name.

    A district body the registry does not know is scoped by its province too: "Huyện ủy Châu
    Thành" is the name of a dozen committees in a dozen provinces.
    """
    if body is not None:
        code = slugify(body.code)
        return f"{body.province}/{code}" if body.province else code
    named = slugify(issuer or "", max_length=40) or iri.UNKNOWN
    if district is not None:
        return f"{province.slug if province else iri.UNKNOWN}/{named}"
    return named


def document_iri(
    extraction: Extraction,
    registry: kg_registry.Registry | None = None,
    known: KnownDocuments | None = None,
    citing: Citing | None = None,
) -> str:
    """The IRI of the document being read.

    With a symbol: issuer scope, kind, year and number, the same IRI a citation of it gets;
    a registry entry or a node the graph already has (`known`) for the same symbol, scope and
    year is reused, so a document cited first under another type word is not duplicated.
    Without a symbol: the issuing body, kind, year and a key from the title, so an unnumbered
    plan still has one stable identity. Pass `citing` when it is at hand: it is
    :func:`citing_context` of the document, which costs a few registry lookups.
    """
    registry = registry or default_registry()
    document = extraction.document
    citing = citing or citing_context(document, registry, extraction.text)
    parsed = parse_symbol(document.symbol) if document.symbol else None
    if parsed is not None:
        registered = [
            doc
            for doc in registry.lookup(document.kind, document.number, document.symbol)
            if doc.year == citing.year
        ]
        if len(registered) == 1:
            # Cited first, ingested later: the same identity either way.
            return registered[0].iri
        province = citing.province.slug if citing.province else None
        scope = iri.symbol_scope(parsed, province, citing.district)
        minted = iri.doc_iri(scope, document.kind, citing.year, parsed.number)
        if known is not None:
            same = {
                doc.iri
                for doc in known.lookup(document.kind, document.number, document.symbol)
                if _same_slot(doc.iri, minted)
            }
            if len(same) == 1:
                return same.pop()
        return minted
    scope = body_scope(citing.body, document.issuer, citing.province, citing.district)
    if document.number:
        return iri.doc_iri(scope, document.kind, citing.year, document.number)
    key = iri.title_key(document.title) if document.title else iri.title_key(extraction.source)
    return iri.doc_iri(scope, document.kind, citing.year, key)
