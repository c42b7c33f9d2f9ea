"""The curated authority file: central documents, congresses, plenums, bodies and provinces.

The facts live as CSV files in ``data/registry/`` so that a domain expert can correct them
without touching code; every row carries a source note. This module reads them into plain
dataclasses with the lookups identity resolution needs. :mod:`kg.graph.reference` turns the
same objects into the registry's named graph.
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

from kg.errors import InputError
from kg.identity import (
    BodyId,
    DocumentId,
    Level,
    Symbol,
    body_iri,
    kinds_compatible,
    place_iri,
    symbol_key,
)
from kg.textnorm import fold, slugify

# The day the 63 provinces became 34 and the district level was abolished.
PROVINCE_CHANGE_DATE = "2025-07-01"

# Answers a registry keeps: every file of a corpus names the same few provinces, bodies and
# dates. Bounded (emptied when full), and only for short texts, since a key keeps its text.
_MEMO_LIMIT = 8192
_MEMO_TEXT = 200

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


def default_registry_path() -> Path:
    """``$KG_REGISTRY``, else the ``data/registry`` folder next to the package."""
    configured = os.environ.get("KG_REGISTRY")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1] / "data" / "registry"


@dataclass(frozen=True)
class RegistryDocument:
    """A document whose identity the registry fixes (symbol, date, term, issuing bodies)."""

    id: DocumentId
    symbol: str | None
    kind: str
    number: str
    date: str | None
    year: int | None
    term: str | None
    issuers: tuple[str, ...]
    title: str | None
    source: str
    replaces: tuple[str, ...] = ()
    continues: tuple[str, ...] = ()

    @property
    def iri(self) -> str:
        return self.id.iri


@dataclass(frozen=True)
class CongressEntry:
    """A Party congress; its resolution is the document "Nghị quyết Đại hội ..."."""

    iri: str
    ordinal: str
    start: str
    end: str
    source: str
    province: str | None = None


@dataclass(frozen=True)
class PlenumEntry:
    """A plenum of the Central Committee and the numbered resolutions it adopted."""

    iri: str
    term: str
    ordinal: int
    date: str
    resolutions: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Body:
    """An issuing body (W3C ORG organization), central or of one province."""

    iri: str
    code: str
    name_vi: str
    name_en: str
    level: str
    source: str
    parent: str | None = None
    province: str | None = None
    aliases: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_until: str | None = None
    successor: str | None = None
    change_date: str | None = None


@dataclass(frozen=True)
class Province:
    """A province-level unit before (63) or after (34) 1 July 2025."""

    id: str
    name: str
    full_name: str
    type: str
    code: str
    source: str
    valid_from: str | None = None
    valid_until: str | None = None
    merged_into: str | None = None

    @property
    def iri(self) -> str:
        return place_iri(self.id)

    @property
    def slug(self) -> str:
        """The province part of document scopes ("binh-phuoc"), same before and after 2025."""
        return self.id.rsplit("/", 1)[-1]

    def valid_on(self, date: str | None) -> bool:
        """Whether the unit existed on `date` (ISO); undated means before the 2025 change."""
        day = date or "0000"
        return (self.valid_from or "") <= day and (not self.valid_until or day < self.valid_until)


@dataclass
class Registry:
    """Everything the authority file states, with the lookups resolution needs.

    Filled by :func:`load_registry` and never changed after: its indexes and the answers it
    remembers (`find_province`, `match_body`, `term_of`) are made on first use.
    """

    documents: list[RegistryDocument] = field(default_factory=list)
    congresses: list[CongressEntry] = field(default_factory=list)
    plenums: list[PlenumEntry] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    provinces: list[Province] = field(default_factory=list)

    @cached_property
    def _by_symbol(self) -> dict[str, list[RegistryDocument]]:
        index: dict[str, list[RegistryDocument]] = defaultdict(list)
        for doc in self.documents:
            if doc.symbol:
                index[symbol_key(doc.symbol)].append(doc)
        return index

    def lookup(self, kind: str, number: str | None, symbol: str | None) -> list[RegistryDocument]:
        """Documents that may be the one cited: same symbol, else same kind and number."""
        if symbol:
            return list(self._by_symbol.get(symbol_key(symbol), []))
        if not number:
            return []
        numbered = self._by_number.get(number.lstrip("0"), [])
        return [doc for doc in numbered if kinds_compatible(doc.kind, kind)]

    @cached_property
    def _by_number(self) -> dict[str, list[RegistryDocument]]:
        """Documents by number without leading zeros, in the registry's order."""
        index: dict[str, list[RegistryDocument]] = defaultdict(list)
        for doc in self.documents:
            index[doc.number.lstrip("0")].append(doc)
        return index

    def by_iri(self, document_iri: str) -> RegistryDocument | None:
        return next((doc for doc in self.documents if doc.iri == document_iri), None)

    def national_congresses(self) -> list[CongressEntry]:
        return list(self._national_congresses)

    @cached_property
    def _national_congresses(self) -> tuple[CongressEntry, ...]:
        return tuple(
            sorted((c for c in self.congresses if c.province is None), key=lambda c: c.start)
        )

    def congress(self, ordinal: str) -> CongressEntry | None:
        """The national congress with this Roman ordinal."""
        wanted = ordinal.upper()
        return next((c for c in self._national_congresses if c.ordinal == wanted), None)

    def term_of(self, date: str) -> str | None:
        """The Party term (ordinal of the congress that opened it) in force on an ISO date."""
        memo = self._terms
        if date in memo:
            return memo[date]
        term = None
        for congress in self._national_congresses:
            if congress.start <= date:
                term = congress.ordinal
        return _remember(memo, date, term) if len(date) <= _MEMO_TEXT else term

    @cached_property
    def _terms(self) -> dict[str, str | None]:
        return {}

    def plenum(self, term: str, ordinal: int) -> PlenumEntry | None:
        wanted = term.upper()
        return next((p for p in self.plenums if p.term == wanted and p.ordinal == ordinal), None)

    @property
    def provinces_before_2025(self) -> list[Province]:
        return [p for p in self.provinces if not p.valid_from]

    @property
    def provinces_after_2025(self) -> list[Province]:
        return [p for p in self.provinces if p.valid_from]

    @cached_property
    def _province_keys(self) -> list[tuple[str, Province]]:
        # Longest names first, so "Bà Rịa - Vũng Tàu" is not read as a shorter name inside it.
        keyed = [(f" {_name_key(p.name)} ", p) for p in self.provinces]
        return sorted(keyed, key=lambda pair: -len(pair[0]))

    def find_province(self, text: str | None, on_date: str | None = None) -> Province | None:
        """The province named in `text` ("Ban Dân vận Tỉnh ủy Bình Phước"), as of `on_date`.

        Undated text is taken as before the 2025 merger, when most sources were written.
        """
        if not text:
            return None
        if len(text) > _MEMO_TEXT:
            return self._find_province(text, on_date)
        memo, asked = self._provinces_found, (text, on_date)
        if asked in memo:
            return memo[asked]
        return _remember(memo, asked, self._find_province(text, on_date))

    @cached_property
    def _provinces_found(self) -> dict[tuple[str, str | None], Province | None]:
        return {}

    def _find_province(self, text: str, on_date: str | None) -> Province | None:
        key = f" {_name_key(text)} "
        found: list[Province] = []
        longest = 0
        for name, province in self._province_keys:
            if len(name) < longest:
                break
            if name in key:
                longest = len(name)
                found.append(province)
        if not found:
            return None
        return next((p for p in found if p.valid_on(on_date)), found[0])

    @cached_property
    def province_slugs(self) -> frozenset[str]:
        """The province parts of local document scopes ("binh-phuoc", "dong-nai")."""
        return frozenset(p.slug for p in self.provinces)

    def province(self, province_id: str) -> Province | None:
        return next((p for p in self.provinces if p.id == province_id), None)

    def body(self, code: str, province: Province | None = None) -> Body | None:
        """The body with an issuer code; local codes need the province they belong to."""
        wanted = fold(code)
        province_id = province.id if province else None
        return next(
            (b for b in self.bodies if fold(b.code) == wanted and b.province == province_id),
            None,
        )

    @cached_property
    def _bodies_by_key(self) -> dict[str, list[Body]]:
        index: dict[str, list[Body]] = defaultdict(list)
        for body in self.bodies:
            for key in body_keys(body):
                index[key].append(body)
        return index

    def match_body(self, name: str | None, province: Province | None = None) -> Body | None:
        """The body a text names ("Ban Thường vụ Tỉnh ủy Hải Dương", "Bộ Chính trị").

        Compares whole names and aliases after folding, so case, tone placement and a
        trailing "Đảng" do not matter. A name without a province ("Tỉnh ủy") is read as a
        body of `province` (the citing document's); central bodies need no province.
        """
        if not name:
            return None
        if len(name) > _MEMO_TEXT:
            return self._match_body(name, province)
        # A body's answer depends on the province only through its id (see `_match_body`).
        memo, asked = self._bodies_matched, (name, province.id if province else None)
        if asked in memo:
            return memo[asked]
        return _remember(memo, asked, self._match_body(name, province))

    @cached_property
    def _bodies_matched(self) -> dict[tuple[str, str | None], Body | None]:
        return {}

    def _match_body(self, name: str, province: Province | None) -> Body | None:
        matches = self._bodies_by_key.get(_name_key(name), [])
        if not matches:
            return None
        named = self.find_province(name)
        if named is not None and province is not None and named.slug == province.slug:
            named = province
        for candidate in (named, province):
            wanted = candidate.id if candidate is not None else None
            for body in matches:
                if body.province == wanted:
                    return body
        return None


def _remember(memo: dict[_Key, _Value], key: _Key, value: _Value) -> _Value:
    """Keep `value` as the answer for `key`, emptying a full memo first."""
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value
    return value


def _name_key(name: str) -> str:
    words = re.findall(r"[^\W_]+", fold(name))
    return " ".join(words)


def body_keys(body: Body) -> set[str]:
    """The folded names a body answers to; a trailing "Đảng" is optional."""
    keys = {_name_key(n) for n in (body.name_vi, *body.aliases)}
    return keys | {k.removesuffix(" đảng") for k in keys}


def default_registry() -> Registry:
    """The registry at :func:`default_registry_path`, read once per path."""
    return _registry_at(default_registry_path())


@lru_cache(maxsize=4)
def _registry_at(path: Path) -> Registry:
    return load_registry(path)


def load_registry(path: Path | None = None) -> Registry:
    """Read the registry folder (default :func:`default_registry_path`)."""
    folder = path or default_registry_path()
    provinces = [_province(row) for row in _rows(folder / "provinces.csv")]
    congresses = [_congress(row) for row in _rows(folder / "congresses.csv")]
    registry = Registry(provinces=provinces, congresses=congresses)
    registry.bodies = [_central_body(row) for row in _rows(folder / "bodies.csv")]
    templates = _rows(folder / "local_bodies.csv")
    local = (_local_body(row, province, registry) for province in provinces for row in templates)
    registry.bodies += [body for body in local if body is not None]
    registry.documents = _documents(_rows(folder / "documents.csv"), registry)
    registry.plenums = [_plenum(row, registry) for row in _rows(folder / "plenums.csv")]
    return registry


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return [
                {key: (value or "").strip() for key, value in row.items()}
                for row in csv.DictReader(handle)
            ]
    except OSError as err:
        raise InputError(str(path), f"cannot read the registry file ({err.strerror})") from err


def _province(row: dict[str, str]) -> Province:
    return Province(
        id=row["id"],
        name=row["name"],
        full_name=row["full_name"],
        type=row["type"],
        code=row["code"],
        source=row["source"],
        valid_from=row["valid_from"] or None,
        valid_until=row["valid_until"] or None,
        merged_into=row["merged_into"] or None,
    )


def _congress(row: dict[str, str]) -> CongressEntry:
    return CongressEntry(
        iri=DocumentId.congress(row["ordinal"], (row["place"],) if row["place"] else ()).iri,
        ordinal=row["ordinal"].upper(),
        start=row["start"],
        end=row["end"],
        source=row["source"],
        province=row["place"] or None,
    )


def _split(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(separator) if part.strip())


def _central_body(row: dict[str, str]) -> Body:
    return Body(
        iri=body_iri(row["slug"]),
        code=row["code"],
        name_vi=row["name_vi"],
        name_en=row["name_en"],
        level=row["level"],
        source=row["source"],
        parent=_central_body_iri(row["parent"]),
        aliases=_split(row["aliases"], "|"),
        valid_from=row["valid_from"] or None,
        valid_until=row["valid_until"] or None,
        successor=_central_body_iri(row["successor"]),
        change_date=row["change_date"] or None,
    )


def _central_body_iri(code: str) -> str | None:
    return body_iri(slugify(code)) if code else None


def _local_body(row: dict[str, str], province: Province, registry: Registry) -> Body | None:
    """One kind of provincial body in one province, for as long as both existed (None if never:
    a commission merged away before the province was made)."""
    city = province.type == "thanh-pho"
    committee = "Thành ủy" if city else "Tỉnh ủy"
    unit = "thành phố" if city else "tỉnh"
    words = {
        "u": committee,
        "uy": f"{committee} {province.name}",
        "loai": unit,
        "tinh": f"{unit} {province.name}",
        "Province": province.name,
    }
    valid_from = max(province.valid_from or "", row.get("valid_from") or "") or None
    ends_first = bool(row.get("valid_until")) and (
        not province.valid_until or row["valid_until"] < province.valid_until
    )
    valid_until = row["valid_until"] if ends_first else province.valid_until
    if valid_from and valid_until and valid_until <= valid_from:
        return None
    successor = None
    if ends_first and row.get("successor"):
        # The two provincial commissions merged in 2025 into one, in the same province.
        successor = body_iri(province.id, slugify(row["successor"]))
    elif province.merged_into:
        successor = body_iri(province.merged_into, row["slug"])
    parent = row["parent"]
    return Body(
        iri=body_iri(province.id, row["slug"]),
        code=row["code"],
        name_vi=row["name_vi"].format(**words),
        name_en=row["name_en"].format(**words),
        level=row["level"],
        source=f"{row['source']}; province from {province.source}",
        parent=_local_parent(parent, province),
        province=province.id,
        aliases=tuple(alias.format(**words) for alias in _split(row["aliases"], "|")),
        valid_from=valid_from,
        valid_until=valid_until,
        successor=successor,
        change_date=valid_until,
    )


def _local_parent(code: str, province: Province) -> str | None:
    if not code:
        return None
    if code.upper().endswith("TW"):
        return _central_body_iri(code)
    return body_iri(province.id, code.lower())


def _documents(rows: list[dict[str, str]], registry: Registry) -> list[RegistryDocument]:
    documents = [_document(row, registry) for row in rows]
    by_key = {(doc.symbol, doc.year): doc.iri for doc in documents}
    by_symbol: dict[str | None, list[str]] = defaultdict(list)
    for doc in documents:
        by_symbol[doc.symbol].append(doc.iri)

    def target(reference: str, row: dict[str, str]) -> str:
        # "25-NQ/TW@2003" names one of several documents that share a symbol.
        symbol, _, year = reference.partition("@")
        found = by_key.get((symbol, int(year))) if year else None
        if found is None and len(by_symbol.get(symbol, [])) == 1:
            found = by_symbol[symbol][0]
        if found is None:
            raise InputError("documents.csv", f"{row['symbol']}: unknown target {reference!r}")
        return found

    linked = []
    for doc, row in zip(documents, rows, strict=True):
        linked.append(
            RegistryDocument(
                **{
                    **doc.__dict__,
                    "replaces": tuple(target(r, row) for r in _split(row["replaces"], ";")),
                    "continues": tuple(target(r, row) for r in _split(row["continues"], ";")),
                }
            )
        )
    return linked


def _document(row: dict[str, str], registry: Registry) -> RegistryDocument:
    symbol = row["symbol"] or None
    date = row["date"] or None
    year = int(row["year"]) if row["year"] else (int(date[:4]) if date else None)
    parsed = Symbol.parse(symbol) if symbol else None
    if parsed is None:
        raise InputError("documents.csv", f"{symbol or row['title']}: not a Party or state symbol")
    level = Level.CENTRAL if parsed.party else Level.STATE
    return RegistryDocument(
        id=DocumentId.numbered(
            BodyId(level, parsed.issuer_key).scope, row["kind"], year, row["number"]
        ),
        symbol=symbol,
        kind=row["kind"],
        number=row["number"],
        date=date,
        year=year,
        term=row["term"] or (registry.term_of(date) if date else None),
        issuers=_split(row["issuer"], ";"),
        title=row["title"] or None,
        source=row["source"],
    )


def _plenum(row: dict[str, str], registry: Registry) -> PlenumEntry:
    term = row["term"].upper()
    ordinal = int(row["ordinal"])
    date = row["date"]
    resolutions = []
    for symbol in _split(row["resolutions"], ";"):
        matches = [doc for doc in registry.lookup("nghi-quyet", None, symbol) if doc.term == term]
        if len(matches) != 1:
            raise InputError("plenums.csv", f"{term}-{ordinal}: no single {symbol} of term {term}")
        resolutions.append(matches[0].iri)
    return PlenumEntry(
        iri=DocumentId.plenum(term, ordinal).iri,
        term=term,
        ordinal=ordinal,
        date=date,
        resolutions=tuple(resolutions),
        source=row["source"],
    )
