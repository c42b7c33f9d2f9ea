"""Counts and data-quality findings over the whole graph (`kg stats`, `kg check`).

A researcher reads these before trusting a chart: what the graph holds, which references stayed
unresolved or ambiguous, which facts the sources disagree on, and which chains cannot be right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pyoxigraph as ox

from kg.queries import concurrently, run_named
from kg.queries.citations import PROPERTY_RELATIONS, Evidence
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.registry import Registry, default_registry
from kg.store import GraphStore, SelectResult
from kg.textnorm import fold

STAT_GROUPS = ("kind", "level", "province", "year", "relation")
# The headline counts, in the order they are shown.
TOTALS = (
    "documents",
    "ingested_documents",
    "citations",
    "references",
    "links",
    "resolved",
    "ambiguous",
    "unresolved",
)


def _rows(store: GraphStore, name: str) -> list[dict[str, Any]]:
    """The rows of a shipped SELECT query without parameters."""
    result = run_named(store, name)
    assert isinstance(result, SelectResult)
    return result.rows


def _text(term: Any) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


@dataclass
class Stats:
    totals: dict[str, int]
    groups: dict[str, dict[str, int]]

    def to_json(self) -> dict[str, Any]:
        return {"totals": self.totals, **{f"by_{k}": v for k, v in self.groups.items()}}


def stats(catalog: DocumentCatalog) -> Stats:
    """The headline counts and the documents and citations by group.

    Each count is a scan of the whole graph (25 s at 100,000 documents): they are asked at once.
    """
    names = ["stats_totals", *(f"stats_by_{group}" for group in STAT_GROUPS)]
    totals_result, *group_results = concurrently(
        [partial(run_named, catalog.store, name) for name in names]
    )
    assert isinstance(totals_result, SelectResult)
    row = totals_result.rows[0] if totals_result.rows else {}
    totals = {name: int(_text(row[name])) if name in row else 0 for name in totals_result.variables}
    # A citation is a reference read in a text, or a link the text states between two other
    # documents (what `kg demo` counts apart); it is resolved (one cited document), ambiguous
    # (candidates only) or neither.
    totals["references"] = totals["citations"] - totals["links"]
    totals["unresolved"] = totals["citations"] - totals["resolved"] - totals["ambiguous"]
    totals = {name: totals[name] for name in TOTALS}
    groups: dict[str, dict[str, int]] = {}
    for group, result in zip(STAT_GROUPS, group_results, strict=True):
        assert isinstance(result, SelectResult)
        counts: dict[str, int] = {}
        for r in result.rows:
            key = _text(r["key"])
            if group == "relation":
                key = PROPERTY_RELATIONS.get(key, key)
            counts[key] = int(_text(r["n"]))
        groups[group] = counts
    return Stats(totals, groups)


@dataclass
class Finding:
    """One data-quality finding. `level` "error" findings make `kg check` exit non-zero.
    `evidence`: the sentences (with their files and spans) that state what is found."""

    check: str
    level: str  # "error" | "warning" | "info"
    subject: str
    message: str
    details: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "level": self.level,
            "subject": self.subject,
            "message": self.message,
            "details": self.details,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class CheckReport:
    conforms: bool
    shacl_text: str
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    def to_json(self) -> dict[str, Any]:
        return {
            "shacl_conforms": self.conforms,
            "findings": [f.to_json() for f in self.findings],
        }


def _named(catalog: DocumentCatalog, iri: str, *, complete: bool = False) -> DocumentSummary:
    """A document's summary whose label tells it from another of the same symbol (a finding
    about "25-NQ/TW" must say which)."""
    summary = catalog.summary(iri, complete=complete)
    catalog.mark_shared_symbols([summary])
    return summary


def quality_findings(
    catalog: DocumentCatalog, *, often: int = 2, registry: Registry | None = None
) -> list[Finding]:
    """Everything `kg check` reports besides SHACL. With the `registry`, a document stated in a
    province and in the province it merged into on 1 July 2025 is not two places."""
    findings: list[Finding] = []
    store = catalog.store
    findings += identity_findings(catalog, registry)

    by_doc: dict[str, dict[str, list[str]]] = {}
    for row in _rows(store, "conflicting_dates"):
        sources = by_doc.setdefault(_text(row["doc"]), {}).setdefault(_text(row["date"]), [])
        sources.append(catalog.graph_label(_text(row["g"])))
    for iri, by_date in sorted(by_doc.items()):
        label = _named(catalog, iri).label
        findings.append(
            Finding(
                "conflicting-dates",
                "warning",
                iri,
                f"{label}: sources state {len(by_date)} different dates",
                [
                    f"{day} ({', '.join(sorted(set(names)))})"
                    for day, names in sorted(by_date.items())
                ],
            )
        )
    for iri in _conflicting_titles(catalog):
        summary = _named(catalog, iri, complete=True)
        findings.append(
            Finding(
                "conflicting-titles",
                "info",
                iri,
                f"{summary.label}: sources give {len(summary.conflicts()['title'])} titles",
                [f"{t.value} ({catalog.graph_label(t.graph)})" for t in summary.titles],
            )
        )

    for row in sorted(_rows(store, "unresolved_references"), key=_place_in_files):
        candidates = sorted(_text(row["candidates"]).split()) if "candidates" in row else []
        surface = _text(row["surface"]) if "surface" in row else _text(row["citation"])
        where = _text(row["path"]) if "path" in row else "?"
        if candidates:
            findings.append(
                Finding(
                    "ambiguous-reference",
                    "warning",
                    _text(row["citation"]),
                    f"{surface!r} in {where} could be {len(candidates)} documents",
                    [catalog.summary(c).one_line() for c in candidates],
                )
            )
        else:
            findings.append(
                Finding(
                    "unresolved-reference",
                    "warning",
                    _text(row["citation"]),
                    f"{surface!r} in {where} names no identifiable document",
                )
            )

    for row in sorted(_rows(store, "short_forms_without_antecedent"), key=_place_in_files):
        surface = _text(row["surface"]) if "surface" in row else _text(row["citation"])
        findings.append(
            Finding(
                "short-form-without-antecedent",
                "info",
                _text(row["citation"]),
                f"short form {surface!r} has no full citation before it",
            )
        )

    # Chains dated backwards and acts without authority, with their sentences.
    from kg.queries.consistency import authority_findings, chronology_findings

    findings += chronology_findings(catalog)
    findings += authority_findings(catalog, registry or default_registry())

    unread = _rows(store, "cited_not_ingested")
    cited = [(int(_text(row["citers"])), _text(row["doc"])) for row in unread]
    for count, iri in sorted(cited, key=lambda found: (-found[0], found[1])):
        if count < often:
            continue
        summary = _named(catalog, iri)
        findings.append(
            Finding(
                "cited-not-ingested",
                "info",
                summary.iri,
                f"{summary.label} is cited by {count} documents but its text is not ingested",
            )
        )
    return findings


def identity_findings(catalog: DocumentCatalog, registry: Registry | None = None) -> list[Finding]:
    """Identities that cannot be right: a document citing itself, one document that two files
    with different issuers claim, local documents no text placed, and local identities that
    the sources put in two places."""
    from kg.queries.consistency import self_loop_findings

    findings = self_loop_findings(catalog)  # with the sentences in which each file does
    store = catalog.store
    claimed: dict[str, dict[str, str]] = {}
    for row in _rows(store, "documents_claimed_twice"):
        issuer = _text(row["issuer"]) if "issuer" in row else ""
        claimed.setdefault(_text(row["doc"]), {})[_text(row["path"])] = issuer
    for iri, by_path in sorted(claimed.items()):
        if len({fold(issuer) for issuer in by_path.values()}) > 1:
            label = _named(catalog, iri).label
            findings.append(
                Finding(
                    "claimed-by-two-issuers",
                    "error",
                    iri,
                    f"{label}: {len(by_path)} files are this document, with different issuers",
                    [
                        f"{path}: {issuer or 'issuer not stated'}"
                        for path, issuer in sorted(by_path.items())
                    ],
                )
            )
    for row in sorted(_rows(store, "unplaced_documents"), key=lambda row: _text(row["doc"])):
        summary = _named(catalog, _text(row["doc"]))
        findings.append(
            Finding(
                "unplaced-document",
                "info",
                summary.iri,
                f"{summary.label} ({_text(row['level'])}): no text says which province it is of",
            )
        )
    places: dict[str, dict[str, list[str]]] = {}
    named: set[str] = set()  # provinces, by IRI; a district or commune is stated by its name
    for row in _rows(store, "documents_in_two_places"):
        place = _text(row["place"])
        if isinstance(row["place"], ox.NamedNode):
            named.add(place)
        stated = places.setdefault(_text(row["doc"]), {}).setdefault(place, [])
        stated.append(catalog.graph_label(_text(row["g"])))
    names = catalog.labels(sorted(named))
    for iri, by_place in sorted(places.items()):
        if registry is not None and _one_province(registry, set(by_place)):
            continue
        label = catalog.summary(iri).label
        findings.append(
            Finding(
                "merged-places",
                "error",
                iri,
                f"{label}: one identity for bodies of {len(by_place)} places",
                [
                    f"{names.get(p) or p} ({', '.join(sorted(set(g)))})"
                    for p, g in sorted(by_place.items())
                ],
            )
        )
    return findings


def _place_in_files(row: dict[str, Any]) -> tuple[str, str]:
    """A citation's file path, then its IRI: an order of findings about citations that is not
    the engine's."""
    return (_text(row["path"]) if "path" in row else "", _text(row["citation"]))


def _one_province(registry: Registry, places: set[str]) -> bool:
    """Whether the provinces stated are one before and after the 2025 merger."""
    by_iri = {province.iri: province for province in registry.provinces}
    if not places <= set(by_iri):
        return False
    return len({by_iri[p].merged_into or by_iri[p].id for p in places}) == 1


def _conflicting_titles(catalog: DocumentCatalog) -> list[str]:
    """Documents (among those with several titles) whose titles really differ."""
    result = catalog.store.query(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        "SELECT ?doc WHERE { ?doc eli:title ?t } GROUP BY ?doc HAVING (COUNT(DISTINCT ?t) > 1)"
    )
    assert isinstance(result, SelectResult)
    out = []
    for term in sorted(result.values("doc"), key=_text):
        summary = catalog.summary(_text(term))
        if "title" in summary.conflicts():
            out.append(summary.iri)
    return out
