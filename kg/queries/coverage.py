"""Implementation coverage: for one central document, which provinces issued an implementing
document, when, and how long after the centre; which have documents in the store but none
implementing it; and which the store knows nothing of (no document of theirs was ingested), so
absence of data is never painted as failure.

Provinces come from the registry as they stood on the date asked, by default the root
document's date: the 63 before 1 July 2025, or the 34 after, with documents of a merged province
counted for the province it joined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import pyoxigraph as ox

from kg.queries import run_named, run_named_many
from kg.queries.citations import CHAIN_RELATIONS, Trace, TraceLevel, lag_days, to_frame, trace
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.registry import Province, Registry
from kg.store import SelectResult

MERGER_DATE = "2025-07-01"
# A row's status: it issued an implementing document; documents of it were read, none
# implementing; or no document of it was ever ingested (nothing is known).
ISSUED, NOT_ISSUED, NO_DOCUMENTS = "issued", "not_issued", "no_documents"
# Where an issued row's documents are known from: one of them was ingested (its own text), or
# only another document states them ("Tỉnh ủy Sơn La ban hành Kế hoạch số 185-KH/TU thực hiện
# ..." in a news page or a report).
OWN_TEXT, REPORT = "own_text", "report"


@dataclass
class CoverageRow:
    area: str  # a province name, or a central body for central-level implementers
    level: str  # "province" | "central"
    status: str  # ISSUED | NOT_ISSUED | NO_DOCUMENTS
    first_date: str | None = None
    lag_days: int | None = None
    documents: list[DocumentSummary] = field(default_factory=list)

    @property
    def known_from(self) -> str | None:
        """OWN_TEXT or REPORT for an issued row (a province known only through a report is
        taken up on another document's word); None for the others."""
        if not self.documents:
            return None
        return OWN_TEXT if any(d.ingested for d in self.documents) else REPORT

    def to_json(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "level": self.level,
            "status": self.status,
            "known_from": self.known_from,
            "first_date": self.first_date,
            "lag_days": self.lag_days,
            "documents": [d.label for d in self.documents],
            "iris": [d.iri for d in self.documents],
        }


@dataclass
class Coverage:
    root: DocumentSummary
    as_of: str | None  # documents dated after this are left out (None: every document)
    provinces_on: str  # the date whose provinces are listed
    rows: list[CoverageRow]

    @property
    def grid(self) -> str:
        """Which provinces: "63" before 1 July 2025, "34" after."""
        return "34" if self.provinces_on >= MERGER_DATE else "63"

    @property
    def map_name(self) -> str:
        """Which map is shown, in words a briefing can quote."""
        period = "after" if self.grid == "34" else "before"
        return f"the {self.grid} provinces {period} 1 July 2025 (as on {self.provinces_on})"

    @property
    def issued(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.status == ISSUED]

    @property
    def provinces(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.level == "province"]

    @property
    def fastest_first(self) -> list[CoverageRow]:
        """The provinces and bodies that took the root up, the shortest lag first (undated
        ones last): the order a briefing on how fast a directive travelled reads them in."""
        return sorted(self.issued, key=lambda r: (r.lag_days is None, r.lag_days or 0, r.area))

    @property
    def provinces_without(self) -> list[str]:
        """The provinces whose documents were read and none of which is in the chain."""
        return [r.area for r in self.provinces if r.status == NOT_ISSUED]

    @property
    def provinces_unknown(self) -> list[str]:
        """The provinces of which no document was ingested: nothing can be said of them."""
        return [r.area for r in self.provinces if r.status == NO_DOCUMENTS]

    def headline(self) -> str:
        """One line: how many provinces issued, of those whose documents the store holds."""
        read = [r for r in self.provinces if r.status != NO_DOCUMENTS]
        issued = [r for r in read if r.status == ISSUED]
        return (
            f"{self.root.label}: {len(issued)} of the {len(read)} provinces with documents in the "
            f"store issued an implementing document ({len(self.provinces) - len(read)} others "
            f"have none in the store); map: {self.map_name}"
        )

    def to_frame(self) -> Any:
        """One row per province or central body, as a pandas DataFrame."""
        return to_frame([row.to_json() for row in self.rows])

    def to_json(self) -> dict[str, Any]:
        return {
            "root": self.root.to_json(),
            "as_of": self.as_of,
            "provinces_on": self.provinces_on,
            "grid": self.grid,
            "rows": [r.to_json() for r in self.rows],
        }


@dataclass
class TraceOverview:
    """A trace too large to read as a tree: per depth, the documents and links; going down,
    where it was taken up (`spread`, fastest first)."""

    levels: list[TraceLevel]
    spread: Coverage | None


def coverage(
    catalog: DocumentCatalog, registry: Registry, root: DocumentSummary, as_of: str | None = None
) -> Coverage:
    """Every province (and every central body that acted), with its implementing documents.
    The chain is walked without its sentences, which coverage does not show: a national
    resolution's chain at 100,000 documents has 450,000 citations to read them from."""
    chain = trace(catalog, root, relations=CHAIN_RELATIONS, evidence_limit=0)
    return chain_coverage(catalog, registry, chain, as_of)


def chain_coverage(
    catalog: DocumentCatalog, registry: Registry, chain: Trace, as_of: str | None = None
) -> Coverage:
    """`coverage_of` a chain already walked. Which provinces the store has read is taken from
    the chain's own ingested documents first; only the provinces none of them is of are asked
    of the store. Asking about every province read every ingested document in the store: at
    3,000 documents, 160 of the 300 ms `KG.shown_trace` took for a national congress
    resolution, whose chain reaches every province."""
    return _coverage(chain, registry, partial(_provinces_read, catalog, chain), as_of)


def ingested_provinces(catalog: DocumentCatalog, among: Iterable[str] | None = None) -> set[str]:
    """IRIs of the provinces with at least one ingested document; of those `among` only, when
    given (a few hundred a query)."""
    if among is not None:
        rows = run_named_many(
            catalog.store, "provinces_ingested_among", "province", map(ox.NamedNode, among)
        )
        return {row["province"].value for row in rows}
    result = run_named(catalog.store, "provinces_ingested")
    assert isinstance(result, SelectResult)
    return {term.value for term in result.values("province")}


def coverage_of(
    chain: Trace, registry: Registry, read_from: set[str], as_of: str | None = None
) -> Coverage:
    """`coverage` of a trace already walked: every document it reaches, by province.
    `read_from` holds the IRIs of the provinces whose documents the store has read."""
    return _coverage(chain, registry, lambda _: read_from, as_of)


def _provinces_read(
    catalog: DocumentCatalog, chain: Trace, by_iri: dict[str, Province]
) -> set[str]:
    """Of the province IRIs of `by_iri`, enough of those with an ingested document to tell
    every province read from one never read: the provinces of the chain's ingested documents
    (each the province a source states for a document with its own file), then, of the
    provinces none of those stands for, the ones the store has an ingested document of."""
    stated = (d.province_iri for d in chain.nodes.values() if d.ingested)
    seen = {iri for iri in stated if iri is not None and iri in by_iri}
    shown = {by_iri[iri].name for iri in seen}
    rest = [iri for iri, province in by_iri.items() if province.name not in shown]
    return seen | ingested_provinces(catalog, sorted(rest))


def _coverage(
    chain: Trace,
    registry: Registry,
    read_from: Callable[[dict[str, Province]], set[str]],
    as_of: str | None,
) -> Coverage:
    """`coverage_of`, `read_from` giving the IRIs (of those it is given, each with the
    province it counts for) of the provinces whose documents the store has read."""
    root = chain.root
    provinces_on = as_of or root.date or date.today().isoformat()
    after_merger = provinces_on >= MERGER_DATE
    provinces = registry.provinces_after_2025 if after_merger else registry.provinces_before_2025
    by_iri: dict[str, Province] = {p.iri: p for p in provinces}
    if after_merger:
        for old in registry.provinces_before_2025:
            successor = registry.province(old.merged_into) if old.merged_into else None
            if successor is not None:
                by_iri[old.iri] = successor
    present = {by_iri[iri].name for iri in read_from(by_iri) if iri in by_iri}
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
    rows = [_row(name, "central", docs, root, True) for name, docs in sorted(central.items())]
    for province in sorted(provinces, key=lambda p: p.code):
        name = province.name
        rows.append(_row(name, "province", found.get(name, []), root, name in present))
    return Coverage(root, as_of, provinces_on, rows)


def _row(
    area: str, level: str, documents: list[DocumentSummary], root: DocumentSummary, read: bool
) -> CoverageRow:
    if not documents:
        return CoverageRow(area, level, NOT_ISSUED if read else NO_DOCUMENTS)
    documents = sorted(documents, key=lambda d: d.date or "9999")
    first = documents[0].date
    return CoverageRow(area, level, ISSUED, first, lag_days(root.date, first), documents)
