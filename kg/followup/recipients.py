"""Recipients without follow-up: the bodies a document was sent to ("Nơi nhận"), each with the
documents it issued acting on the document, or none found; and the documents acting on it that
came from bodies it was not sent to (`kg followup`).

The graph holds the recipients as written (``vk:recipientName``) and the registry bodies they
were matched to at ingest (``vk:sentTo``), with no tie between the two: they are paired again
here by the same registry match (`Registry.match_body` with the document's province), so each
line shows the name as the document wrote it beside the body it stands for. A recipient that is
no one body ("Các huyện ủy, thị ủy, thành ủy") keeps its name and no body: nothing can be said of
what it issued.

A document acts on the one asked about when it implements, continues, reviews, inspects, guides
or disseminates it, or is issued on its basis ("căn cứ"). It counts for a recipient issued by the
recipient itself, or else by the nearest recipient above its issuer in the registry: a plan of
the Ban Dân vận Tỉnh ủy answers for the Tỉnh ủy when the Ban Dân vận was not a recipient itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.followup.due import issuers_of, known_by
from kg.queries import run_named
from kg.queries.citations import CHAIN_RELATIONS, Citer, citers, lag_days
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.registry import Province, Registry
from kg.store import SelectResult
from kg.textnorm import fold

# The relations by which a document acts on another, the strongest first.
ACTING_RELATIONS: tuple[str, ...] = (*CHAIN_RELATIONS, "based_on")

# Where a body to follow up comes from: the document's "Nơi nhận", or its text assigning the
# body work (the lead or a partner of a task it sets out, see kg.graph.tasks).
RECIPIENT, ASSIGNED = "recipient", "assigned"
# A document acting on it from a body neither sent it nor assigned work by it.
OTHER = "not a recipient"
# The columns of `FollowUp.records`.
FOLLOWUP_COLUMNS = ("recipient", "body", "as", "status", "documents", "body_iri")


@dataclass(frozen=True)
class Acting:
    """A document acting on the one asked about: how (its strongest relation, and all of
    them), the registry bodies that issued it, and its lag in days from the document."""

    document: DocumentSummary
    relation: str
    relations: tuple[str, ...]
    issuers: tuple[str, ...]
    lag_days: int | None
    sentence: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "relation": self.relation,
            "relations": list(self.relations),
            "issuers": list(self.issuers),
            "lag_days": self.lag_days,
            "sentence": self.sentence,
        }

    def short(self) -> str:
        """The document, its relation, date and lag in one table cell."""
        lag = f", {self.lag_days:+d} days" if self.lag_days is not None else ""
        return f"{self.document.label} ({self.relation}, {self.document.date or 'undated'}{lag})"


@dataclass(frozen=True)
class Recipient:
    """A body the document was sent to (or assigns work to), with what it issued acting on the
    document. `name` is as the document wrote it; `body` the registry body, when known."""

    name: str
    body: str | None
    body_label: str | None
    sources: tuple[str, ...]  # RECIPIENT and/or ASSIGNED
    documents: tuple[Acting, ...]

    @property
    def followed_up(self) -> bool:
        return bool(self.documents)

    @property
    def status(self) -> str:
        if self.documents:
            return "acted"
        return "none found" if self.body else "body unknown"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "body": self.body,
            "body_label": self.body_label,
            "sources": list(self.sources),
            "status": self.status,
            "documents": [d.to_json() for d in self.documents],
        }

    def record(self) -> dict[str, Any]:
        """The recipient as one row of a table or CSV."""
        return {
            "recipient": self.name,
            "body": self.body_label or "",
            "as": list(self.sources),
            "status": self.status,
            "documents": [d.short() for d in self.documents] or [self.status],
            "body_iri": self.body,
        }


@dataclass(frozen=True)
class FollowUp:
    """Who a document was sent to and what each did with it, and who else acted on it."""

    document: DocumentSummary
    recipients: tuple[Recipient, ...]
    others: tuple[Acting, ...]
    # The day asked about: only documents known by then count (None: every document).
    as_of: str | None = None

    def headline(self) -> str:
        acted = sum(1 for r in self.recipients if r.followed_up)
        day = f" as of {self.as_of}" if self.as_of else ""
        return (
            f"{self.document.label}{day}: {len(self.recipients)} recipients, {acted} with a "
            f"document acting on it; {len(self.others)} documents acting on it from other bodies"
        )

    def records(self) -> list[dict[str, Any]]:
        """One row per recipient, then one per document acting on it from another body (as
        "not a recipient", named by its issuer): a table or CSV of `FOLLOWUP_COLUMNS`."""
        rows = [r.record() for r in self.recipients]
        for acting in self.others:
            rows.append(
                {
                    "recipient": acting.document.issuer or "",
                    "body": acting.document.issuer or "",
                    "as": [OTHER],
                    "status": "acted",
                    "documents": [acting.short()],
                    "body_iri": acting.issuers[0] if acting.issuers else None,
                }
            )
        return rows

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.to_json(),
            "as_of": self.as_of,
            "recipients": [r.to_json() for r in self.recipients],
            "others": [a.to_json() for a in self.others],
        }


@dataclass
class _Wanted:
    """A body to follow up while its documents are being gathered."""

    name: str
    body: str | None
    sources: list[str]
    documents: list[Acting]


def followup(
    catalog: DocumentCatalog,
    registry: Registry,
    document: DocumentSummary,
    as_of: str | None = None,
) -> FollowUp:
    """The recipients of `document` and the bodies its tasks assign work to, each with the
    documents it issued acting on `document`; and the documents acting on it from any other
    body. With `as_of` (YYYY-MM-DD), only the documents known by that day: who had acted by
    then."""
    province = _province(registry, document.province_iri)
    wanted = _named(catalog, registry, province, document, "document_recipients", RECIPIENT)
    first = {w.body: w for w in wanted if w.body}
    for entry in _named(
        catalog, registry, province, document, "document_assigned_bodies", ASSIGNED
    ):
        if entry.body is None:
            continue  # "các cơ quan liên quan": work assigned to no one body says nothing here
        if entry.body in first:
            if ASSIGNED not in first[entry.body].sources:
                first[entry.body].sources.append(ASSIGNED)
            continue
        first[entry.body] = entry
        wanted.append(entry)
    by_body: dict[str, list[_Wanted]] = {}
    for entry in wanted:
        if entry.body:
            by_body.setdefault(entry.body, []).append(entry)
    others = []
    parents = {body.iri: body.parent for body in registry.bodies if body.parent}
    for acting in _acting(catalog, registry, document):
        if as_of is not None and not known_by(acting.document, as_of):
            continue
        receivers = _receivers(acting.issuers, by_body, parents)
        for entry in receivers:
            entry.documents.append(acting)
        if not receivers:
            others.append(acting)
    labels = catalog.labels(w.body for w in wanted if w.body)
    recipients = tuple(
        Recipient(
            name=w.name,
            body=w.body,
            body_label=labels[w.body] if w.body else None,
            sources=tuple(w.sources),
            documents=tuple(w.documents),
        )
        for w in wanted
    )
    catalog.mark_shared_symbols([document, *(a.document for a in _everyone(recipients, others))])
    return FollowUp(document, recipients, tuple(others), as_of)


def _everyone(recipients: Iterable[Recipient], others: Iterable[Acting]) -> list[Acting]:
    return [*(a for r in recipients for a in r.documents), *others]


def _named(
    catalog: DocumentCatalog,
    registry: Registry,
    province: Province | None,
    document: DocumentSummary,
    query: str,
    source: str,
) -> list[_Wanted]:
    """The bodies a shipped query finds for the document (its recipients, or the bodies its
    tasks name): each name as written with the body the registry matches it to (as at ingest),
    once per body; then any body the graph states that no name matches any more (the registry
    changed since, or the plan's own issuer leads a task)."""
    result = run_named(catalog.store, query, {"doc": ox.NamedNode(document.iri)})
    assert isinstance(result, SelectResult)
    names = sorted({t.value for t in result.values("name")}, key=fold)
    stated = {t.value for t in result.values("body")}
    wanted: list[_Wanted] = []
    seen: set[str] = set()
    for name in names:
        body = registry.match_body(name, province)
        if body is not None and body.iri in seen:
            continue
        wanted.append(_Wanted(name, body.iri if body else None, [source], []))
        seen.add(body.iri if body else "")
    for body_iri, label in catalog.labels(sorted(stated - seen)).items():
        wanted.append(_Wanted(label or body_iri, body_iri, [source], []))
    return wanted


def _province(registry: Registry, iri: str | None) -> Province | None:
    return next((p for p in registry.provinces if p.iri == iri), None) if iri else None


def _acting(
    catalog: DocumentCatalog, registry: Registry, document: DocumentSummary
) -> list[Acting]:
    """The documents citing `document` by an acting relation, oldest first, with their
    issuers: the registry bodies the sources name, else the body their issuer's name matches."""
    rows = [
        row for row in citers(catalog, document.iri) if set(row.relations) & set(ACTING_RELATIONS)
    ]
    issuers = issuers_of(catalog, (row.document.iri for row in rows))
    out = []
    for row in rows:
        bodies = issuers.get(row.document.iri) or _matched_issuer(registry, row)
        relations = tuple(r for r in ACTING_RELATIONS if r in row.relations)
        out.append(
            Acting(
                document=row.document,
                relation=relations[0],
                relations=relations,
                issuers=tuple(bodies),
                lag_days=lag_days(document.date, row.document.date),
                sentence=row.sentence,
            )
        )
    out.sort(key=lambda a: (a.document.date or "9999", a.document.label))
    return out


def _matched_issuer(registry: Registry, row: Citer) -> list[str]:
    body = registry.match_body(row.document.issuer, _province(registry, row.document.province_iri))
    return [body.iri] if body else []


def _receivers(
    issuers: Iterable[str], by_body: dict[str, list[_Wanted]], parents: dict[str, str]
) -> list[_Wanted]:
    """The bodies followed up that a document issued by `issuers` answers for: those among
    its issuers, else the nearest above them in the registry (`parents`: body -> parent)."""
    level = list(dict.fromkeys(issuers))
    seen: set[str] = set()
    while level:
        found = [entry for body in level for entry in by_body.get(body, [])]
        if found:
            return found
        seen.update(level)
        level = [p for body in level if (p := parents.get(body)) and p not in seen]
    return []
