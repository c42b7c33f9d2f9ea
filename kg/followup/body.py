"""What one body has to follow up: the tasks plans give it, to lead or to take part in, and the
reviews due or overdue of the documents it issued or acted on (`KG.body_followup`, the web app's
body page).

The body is asked for in any spelling, as `kg tasks --body` takes it: the registry's bodies whose
name or alias it is, and the names plans write. Its tasks are those of `kg tasks --body NAME
--role any`. Its reviews are the entries of `kg due` without a document (every review due or
overdue, read from the graph alone) whose document the body issued itself, or acted on down the
chain: found by walking up from the documents the sources say it issued (``eli:passed_by``), as
`kg due DOC` walks down from the document to the bodies acting on it. A review due or overdue has
no review document, whoever acted on the document: the body has not made it, even when it made
an earlier one (those are listed beside it).

Only registry bodies are tied to the documents they issue: a name that only plans write ("Ban
Dân vận cấp ủy") has tasks, and no documents, so no reviews.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import pyoxigraph as ox

from kg.errors import ArgumentError
from kg.followup.due import OVERDUE, DueEntry, DueList, due_list
from kg.queries import run_named, run_named_many
from kg.queries.citations import trace
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.queries.tasks import STATUS_ORDER, PlanTask, TaskBody, TaskList, body_key
from kg.registry import Registry, body_keys
from kg.store import SelectResult

# Names offered when a body is not found: at most this many, at least this close.
SUGGESTIONS = 5
SUGGESTION_CUTOFF = 0.75


class BodyNotFound(ArgumentError):
    """A body's name matches no registry body and no name a plan writes; `suggestions` are the
    nearest names (registry's or plans')."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        nearest = f"; nearest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"no body named {name!r} in the registry or in any plan's tasks{nearest}")
        self.name = name
        self.suggestions = suggestions


@dataclass(frozen=True)
class BodyReview:
    """A review due or overdue (`entry`, as `kg due` lists it) of a document the body issued
    (`issued`) or acted on: the body's documents acting on it, and those of them that reviewed
    it before (for another review: the one due has none)."""

    entry: DueEntry
    issued: bool
    documents: tuple[DocumentSummary, ...]
    reviews: tuple[DocumentSummary, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.entry.to_json(),
            "issued": self.issued,
            "acting": [d.to_json() for d in self.documents],
            "reviewed_before": [d.to_json() for d in self.reviews],
        }


@dataclass(frozen=True)
class BodyFollowUp:
    """What a body (`name`, as asked; `bodies`, the registry's it stands for) has to follow up
    as of a day: its tasks, the most pressing first, and the reviews due or overdue of the
    documents it issued or acted on, the most overdue first (`issued` of its documents were
    known that day)."""

    name: str
    bodies: tuple[TaskBody, ...]
    as_of: str
    tasks: TaskList
    reviews: tuple[BodyReview, ...]
    issued: int = 0

    def headline(self) -> str:
        counted = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in self.tasks.counts.items() if n)
        overdue = sum(1 for r in self.reviews if r.entry.review.status == OVERDUE)
        return (
            f"{self.name} as of {self.as_of}: {len(self.tasks.tasks)} tasks"
            + (f" ({counted})" if counted else "")
            + f"; {len(self.reviews)} reviews due or overdue ({overdue} overdue) of documents "
            f"it issued or acted on"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "bodies": [b.to_json() for b in self.bodies],
            "as_of": self.as_of,
            "issued": self.issued,
            "tasks": self.tasks.to_json(),
            "reviews": [r.to_json() for r in self.reviews],
        }


def pressing_first(tasks: Iterable[PlanTask]) -> tuple[PlanTask, ...]:
    """Tasks overdue first, then due soon, open and without a day; within each, the earliest
    due first, else in the order given."""
    return tuple(sorted(tasks, key=lambda t: (STATUS_ORDER.index(t.status), t.due or "9999-12-31")))


def body_name(registry: Registry, name: str) -> str:
    """The name to ask for: the registry's, for a registry body's IRI (as pages link bodies);
    else `name` as given."""
    name = name.strip()
    named = next((b for b in registry.bodies if b.iri == name), None)
    return named.name_vi if named else name


def registry_bodies(registry: Registry, name: str) -> list[TaskBody]:
    """The registry bodies a name stands for, compared as `kg tasks --body` compares them
    (without case, punctuation or diacritics); the one body of an IRI."""
    by_iri = [TaskBody(b.iri, b.name_vi) for b in registry.bodies if b.iri == name.strip()]
    if by_iri:
        return by_iri
    wanted = body_key(name)
    return [
        TaskBody(b.iri, b.name_vi)
        for b in registry.bodies
        if wanted in {body_key(key) for key in body_keys(b)}
    ]


def body_followup(
    catalog: DocumentCatalog, registry: Registry, name: str, tasks: TaskList
) -> BodyFollowUp:
    """The follow-up of the body `name` (any spelling, or a registry body's IRI) with its `tasks`
    (`KG.tasks(body=body_name(name), role="any")`) on their day: the reviews due or overdue of
    the documents it issued or acted on. Raises `BodyNotFound` when the name is no registry body
    and no plan gives it a task."""
    if not name.strip():
        raise ArgumentError("give a body: a name such as “Ban Dân vận Tỉnh ủy Bình Phước”")
    bodies = registry_bodies(registry, name)
    name = body_name(registry, name)
    if not bodies and not tasks.tasks:
        raise BodyNotFound(name, _nearest(catalog, registry, name))
    issued = _issued(catalog, (b.iri for b in bodies), tasks.as_of)
    reviews = _reviews(catalog, issued, tasks.as_of) if issued else ()
    catalog.mark_shared_symbols(
        [
            *(t.plan for t in tasks.tasks),
            *(r.entry.document for r in reviews),
            *(d for r in reviews for d in r.documents),
        ]
    )
    return BodyFollowUp(
        name=name,
        bodies=tuple(bodies),
        as_of=tasks.as_of,
        tasks=replace(tasks, tasks=pressing_first(tasks.tasks)),
        reviews=reviews,
        issued=len(issued),
    )


def _issued(catalog: DocumentCatalog, bodies: Iterable[str], as_of: str) -> list[DocumentSummary]:
    """The documents the bodies issued that were known on `as_of` (undated ones are taken to
    be)."""
    rows = run_named_many(catalog.store, "documents_issued_by", "body", map(ox.NamedNode, bodies))
    found = catalog.summaries(sorted({row["doc"].value for row in rows}))
    return [d for d in found.values() if not d.date or d.date <= as_of]


def _reviews(
    catalog: DocumentCatalog, issued: list[DocumentSummary], as_of: str
) -> tuple[BodyReview, ...]:
    """The reviews due or overdue of the documents the body issued, or that its documents act
    on (each walked up its chain, without its sentences), with its documents acting on each
    and reviewing it."""
    own = {d.iri for d in issued}
    acting: dict[str, dict[str, DocumentSummary]] = {}
    reviewing: dict[str, set[str]] = {}
    for document in issued:
        chain = trace(catalog, document, upward=True, evidence_limit=0)
        for iri in chain.nodes:
            if iri != document.iri:
                acting.setdefault(iri, {})[document.iri] = document
        for edge in chain.edges:
            if edge.relation == "reviews" and edge.acting in own:
                reviewing.setdefault(edge.acted_on, set()).add(edge.acting)
    due: DueList = due_list(catalog, as_of)
    out = []
    for entry in due.entries:
        iri = entry.document.iri
        if iri not in own and iri not in acting:
            continue
        documents = sorted(acting.get(iri, {}).values(), key=_by_date)
        out.append(
            BodyReview(
                entry=entry,
                issued=iri in own,
                documents=tuple(documents),
                reviews=tuple(d for d in documents if d.iri in reviewing.get(iri, ())),
            )
        )
    return tuple(out)


def _by_date(document: DocumentSummary) -> tuple[str, str]:
    return (document.date or "9999", document.label)


def _nearest(catalog: DocumentCatalog, registry: Registry, name: str) -> list[str]:
    """The registry's body names and the names plans write nearest `name`."""
    result = run_named(catalog.store, "task_body_names")
    assert isinstance(result, SelectResult)
    names = [b.name_vi for b in registry.bodies] + [t.value for t in result.values("name")]
    by_key: dict[str, str] = {}
    for written in names:
        by_key.setdefault(body_key(written), written)
    close = difflib.get_close_matches(body_key(name), by_key, SUGGESTIONS, SUGGESTION_CUTOFF)
    return [by_key[key] for key in close]
