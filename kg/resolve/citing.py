"""The document being read: its identity, date, term and place, worked out once.

A reference is read against the document that makes it ("/TU" means the committee of the citing
document's province, "tổng kết 15 năm" counts back from its year, "Nghị quyết Trung ương 4"
without a term means the term in force when it was written), and the document's own node is
the one its citations elsewhere name. :func:`identify` is that one computation; resolution,
graph building and the bulk catalog all read its result.
"""

from __future__ import annotations

import hashlib
import re

from kg import registry as kg_registry
from kg.extract.model import DocumentInfo, Extraction
from kg.followup.tasks import Task, body_names, parse_tasks
from kg.identity import UNPLACED, BodyId, DocumentId, Level, Symbol, source_id
from kg.resolve.known import KnownDocuments, known_ids
from kg.resolve.place import (
    commune_named,
    district_named,
    level_of,
    province_most_named,
    province_named,
    year_of,
)
from kg.resolve.resolution import CitingDocument, Place
from kg.textnorm import fold, slugify

# "Kế hoạch công tác dân vận năm 2023": the year an undated plan is about.
_TITLE_YEAR = re.compile(r"\bnăm (\d{4})\b")
# How long a body name may be in a scope when the registry does not know the body.
_NAME_SCOPE_LENGTH = 40


def text_key(extraction: Extraction) -> str:
    """A key of the text itself: what scopes the identities no other text can share (a local
    document whose place no text gives). The same bytes give the same key wherever they lie."""
    if extraction.sha256:
        return extraction.sha256[:12]
    return hashlib.sha1(source_id(extraction.source).encode("utf-8")).hexdigest()[:12]


def identify(
    extraction: Extraction,
    registry: kg_registry.Registry | None = None,
    known: KnownDocuments | None = None,
) -> CitingDocument:
    """The identity, date, term and place of the document `extraction` was read from.

    With a symbol: issuer scope, kind, year and number, the same identity a citation of it gets;
    a registry entry or a node the graph already has (`known`) for the same symbol, scope and
    year is reused, so a document cited first under another type word is not duplicated.
    Without a symbol: the issuing body, kind, year and a key from the title (a page with no
    header: from its title line), so an unnumbered document still has one stable identity.
    """
    registry = registry or kg_registry.default_registry()
    document = extraction.document
    symbol = Symbol.parse(document.symbol) if document.symbol else None
    year = _document_year(document, symbol)
    place = own_place(extraction, registry, symbol)
    tasks = parse_tasks(extraction.text, year=year)
    return CitingDocument(
        id=_own_id(extraction, registry, known, symbol, place, year),
        date=document.date,
        year=year,
        term=registry.term_of(document.date or f"{year}-12-31") if year else None,
        place=place,
        label=document.title if not document.symbol else None,
        recipients=tuple(
            _body_iri(registry.match_body(name, place.province)) for name in document.recipients
        ),
        tasks=tasks,
        task_bodies=_task_bodies(tasks, registry, place),
    )


def _body_iri(body: kg_registry.Body | None) -> str | None:
    return body.iri if body else None


def _task_bodies(
    tasks: tuple[Task, ...], registry: kg_registry.Registry, place: Place
) -> tuple[tuple[str, str], ...]:
    """(name, registry body IRI) of each body the plan's tasks name that the registry knows."""
    names = body_names(tasks)
    matched = ((name, registry.match_body(name, place.province)) for name in names)
    return tuple((name, body.iri) for name, body in matched if body is not None)


def own_place(
    extraction: Extraction, registry: kg_registry.Registry, symbol: Symbol | None
) -> Place:
    """Where the issuer of the document being read sits, and how that was learnt.

    The header's parent line ("ĐẢNG BỘ TỈNH HẢI DƯƠNG" above "HUYỆN ỦY PHÚ THANH") first, then
    the issuer's own name; the place-date line only for a local body (a central document is
    written in Hà Nội without being Hà Nội's); a local body no line places is placed in the
    province its text names most.
    """
    document = extraction.document
    issuer = document.issuer
    commune = commune_named(issuer)
    district = district_named(issuer, registry)
    if district is None and commune is not None:
        # "ỦY BAN NHÂN DÂN HUYỆN X / ỦY BAN NHÂN DÂN XÃ Y": the line above names the district.
        district = district_named(document.parent, registry)
    units = (district, commune)
    # A body the registry knows without a province ("Bộ Chính trị") says the level first.
    central = registry.match_body(issuer, None)
    level = level_of(symbol, issuer, central.level if central else None, registry)
    if level is None and symbol is None:
        named = registry.match_body(issuer, registry.find_province(issuer, document.date))
        level = Level(named.level) if named else None
    local = level is not None and level.local
    texts = (document.parent, document.place, issuer) if local else (document.parent, issuer)
    province = province_named(registry, texts, units, document.date)
    how = "header" if province else None
    if province is None and local and extraction.text:
        province = province_most_named(extraction.text, registry, units, document.date)
        how = "text" if province else None
    registered = registry.match_body(issuer, province)
    if level is None:
        return Place(None, province, registered, how)
    body = body_id(
        level,
        symbol,
        registered,
        issuer,
        province,
        district if level in (Level.DISTRICT, Level.COMMUNE) else None,
        commune if level == Level.COMMUNE else None,
        text_key(extraction),
    )
    return Place(body, province, registered, how)


def body_id(
    level: Level,
    symbol: Symbol | None,
    registered: kg_registry.Body | None,
    name: str | None,
    province: kg_registry.Province | None,
    district: str | None,
    commune: str | None,
    key: str,
) -> BodyId:
    """A body's identity from its symbol's code, else the registry's, else its name.

    A local body lacking a unit its level needs (a district committee in an unnamed district) is
    scoped by the text that names it (`key`): it can join no other text's body.
    """
    if symbol is not None:
        code = symbol.issuer_key
    elif registered is not None:
        code = registered.code
    else:
        code = slugify(name or "", max_length=_NAME_SCOPE_LENGTH) or "issuer"
    placed = province is not None and (
        level == Level.PROVINCE
        or (level == Level.DISTRICT and district is not None)
        or (level == Level.COMMUNE and commune is not None)
    )
    return BodyId(
        level,
        code,
        province.slug if placed and province else None,
        district,
        commune,
        None if placed or not level.local else key,
    )


def _own_id(
    extraction: Extraction,
    registry: kg_registry.Registry,
    known: KnownDocuments | None,
    symbol: Symbol | None,
    place: Place,
    year: int | None,
) -> DocumentId:
    document = extraction.document
    if symbol is not None:
        registered = [
            doc
            for doc in registry.lookup(document.kind, document.number, document.symbol)
            if doc.year == year
        ]
        if len(registered) == 1:
            # Cited first, ingested later: the same identity either way.
            return registered[0].id
        assert place.body is not None  # a symbol always gives a level
        minted = DocumentId.numbered(place.body.scope, document.kind, year, symbol.number)
        if known is not None:
            found = known.lookup(document.kind, document.number, document.symbol)
            same = {other for other in known_ids(found) if other.same_slot(minted)}
            if len(same) == 1:
                return same.pop()
        return minted
    scope = _unnumbered_scope(extraction, place)
    if document.number:
        return DocumentId.numbered(scope, document.kind, year, document.number)
    return DocumentId.titled(scope, document.kind, year, document.title or extraction.source)


def _unnumbered_scope(extraction: Extraction, place: Place) -> tuple[str, ...]:
    """The scope of a document without a symbol: its body's, else one of its own."""
    if place.body is not None:
        return place.body.scope
    issuer = extraction.document.issuer
    if issuer:
        return (name_scope(issuer),)
    return (UNPLACED, text_key(extraction))


def name_scope(name: str) -> str:
    """The scope of a body the registry does not know and whose level its name does not say."""
    return slugify(name, max_length=_NAME_SCOPE_LENGTH) or "issuer"


def _document_year(document: DocumentInfo, symbol: Symbol | None) -> int | None:
    if year_of(document.date):
        return year_of(document.date)
    if symbol is not None and symbol.year is not None:
        return symbol.year
    found = _TITLE_YEAR.search(fold(document.title or ""))
    return int(found.group(1)) if found else None
