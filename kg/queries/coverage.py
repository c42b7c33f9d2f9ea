"""Implementation coverage: for one central document, which provinces issued an implementing
document, when, and how long after the centre; and which did not (as far as the graph knows).

Provinces come from the registry as they stood on the date asked: the 63 before 1 July 2025, or the
34 after, with documents of a merged province counted for the province it joined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.queries.citations import CHAIN_RELATIONS, Trace, lag_days, to_frame, trace
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.registry import Province, Registry

MERGER_DATE = "2025-07-01"


@dataclass
class CoverageRow:
    area: str  # a province name, or a central body for central-level implementers
    level: str  # "province" | "central"
    status: str  # "issued" | "none"
    first_date: str | None = None
    lag_days: int | None = None
    documents: list[DocumentSummary] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "level": self.level,
            "status": self.status,
            "first_date": self.first_date,
            "lag_days": self.lag_days,
            "documents": [d.label for d in self.documents],
            "iris": [d.iri for d in self.documents],
        }


@dataclass
class Coverage:
    root: DocumentSummary
    as_of: str | None
    rows: list[CoverageRow]

    @property
    def issued(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.status == "issued"]

    @property
    def fastest_first(self) -> list[CoverageRow]:
        """The provinces and bodies that took the root up, the shortest lag first (undated
        ones last): the order a briefing on how fast a directive travelled reads them in."""
        return sorted(self.issued, key=lambda r: (r.lag_days is None, r.lag_days or 0, r.area))

    @property
    def provinces_without(self) -> list[str]:
        """The provinces where no document of the chain was found."""
        return [r.area for r in self.rows if r.level == "province" and r.status == "none"]

    def to_frame(self) -> Any:
        """One row per province or central body, as a pandas DataFrame."""
        return to_frame([row.to_json() for row in self.rows])

    def to_json(self) -> dict[str, Any]:
        return {
            "root": self.root.to_json(),
            "as_of": self.as_of,
            "rows": [r.to_json() for r in self.rows],
        }


def coverage(
    catalog: DocumentCatalog, registry: Registry, root: DocumentSummary, as_of: str | None = None
) -> Coverage:
    """Every province (and every central body that acted), with its implementing documents."""
    return coverage_of(trace(catalog, root, relations=CHAIN_RELATIONS), registry, as_of)


def coverage_of(chain: Trace, registry: Registry, as_of: str | None = None) -> Coverage:
    """`coverage` of a trace already walked: every document it reaches, by province."""
    root = chain.root
    after_merger = bool(as_of and as_of >= MERGER_DATE)
    provinces = registry.provinces_after_2025 if after_merger else registry.provinces_before_2025
    by_iri: dict[str, Province] = {p.iri: p for p in provinces}
    if after_merger:
        for old in registry.provinces_before_2025:
            successor = registry.province(old.merged_into) if old.merged_into else None
            if successor is not None:
                by_iri[old.iri] = successor
    found: dict[str, list[DocumentSummary]] = {}
    central: dict[str, list[DocumentSummary]] = {}
    for iri, document in chain.nodes.items():
        if iri == root.iri or (as_of and document.date and document.date > as_of):
            continue
        province = by_iri.get(document.province_iri or "")
        if province is not None:
            found.setdefault(province.name, []).append(document)
        elif document.level == "central":
            central.setdefault(document.issuer or "central", []).append(document)
    rows = [_row(name, "central", docs, root) for name, docs in sorted(central.items())]
    for province in sorted(provinces, key=lambda p: p.code):
        rows.append(_row(province.name, "province", found.get(province.name, []), root))
    return Coverage(root, as_of, rows)


def _row(
    area: str, level: str, documents: list[DocumentSummary], root: DocumentSummary
) -> CoverageRow:
    if not documents:
        return CoverageRow(area, level, "none")
    documents = sorted(documents, key=lambda d: d.date or "9999")
    first = documents[0].date
    return CoverageRow(area, level, "issued", first, lag_days(root.date, first), documents)
