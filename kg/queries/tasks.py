"""Tasks plans set out, read back from the store: who leads them, who takes part, and which are
overdue, due soon or open on a given day (``kg tasks``).

The graph holds what the texts say (:mod:`kg.graph.tasks`); the status depends on the day
asked, so it is worked out here: overdue once every stage's last day is past, due soon when
the next stage ends within 30 days, open when it ends later (or recurs with no end), unknown
when the text gives no day (:func:`kg.followup.deadlines.status_on`).

A body is asked for in any spelling: the registry's bodies whose name or alias it is, and the
names plans write, compared without case, punctuation or diacritics ("ban dan van tinh uy binh
phuoc" finds "Ban Dân vận Tỉnh ủy" in a Bình Phước plan and the Bình Phước body itself).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pyoxigraph as ox

from kg.followup.deadlines import Status, status_on
from kg.namespaces import OA, PROV, RDFS, SCHEMA, VK
from kg.queries import run_named, run_named_many
from kg.queries.citations import Evidence
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.registry import Registry, body_keys
from kg.store import SelectResult, Term
from kg.textnorm import ascii_fold


class TaskRole(StrEnum):
    """How a body asked for takes part in a task."""

    lead = "lead"
    partner = "partner"
    any = "any"


TASK_ROLES = tuple(role.value for role in TaskRole)
# A task's status on a day, most pressing first.
TaskStatus = Status
STATUS_ORDER = (Status.OVERDUE, Status.DUE_SOON, Status.OPEN, Status.UNKNOWN)
TASK_STATUSES = tuple(status.value for status in STATUS_ORDER)


# A task as a CSV row (`PlanTask.record`), in this order.
TASK_COLUMNS = (
    "plan",
    "plan_date",
    "heading",
    "task",
    "lead",
    "lead_bodies",
    "partners",
    "time",
    "begins",
    "ends",
    "recurrence",
    "status",
    "due",
    "role",
    "source",
    "start",
    "end",
    "iri",
)


@dataclass(frozen=True)
class TaskBody:
    """A registry body a task names: its IRI and the registry's name for it."""

    iri: str
    label: str | None

    def to_json(self) -> dict[str, Any]:
        return {"iri": self.iri, "label": self.label}


@dataclass(frozen=True)
class TaskStage:
    """One period of a task's time: as written, what it is for, and its days."""

    text: str
    label: str | None
    begins: str | None
    ends: str | None
    deadline: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label,
            "begins": self.begins,
            "ends": self.ends,
            "deadline": self.deadline,
        }


@dataclass(frozen=True)
class PlanTask:
    """A task with its plan, bodies, time, status on the day asked, and evidence."""

    iri: str
    plan: DocumentSummary
    text: str
    heading: str | None
    leads: tuple[str, ...]  # as written
    partners: tuple[str, ...]
    lead_bodies: tuple[TaskBody, ...]  # the registry's, where it knows them
    partner_bodies: tuple[TaskBody, ...]
    lead_by_issuer: bool
    time: str | None  # as written
    begins: str | None
    ends: str | None
    recurrence: str | None
    stages: tuple[TaskStage, ...]
    status: Status
    due: str | None  # the last day of the stage the status is about
    evidence: Evidence
    # How the body asked for takes part ("lead", "partner"), when one was asked for.
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "plan": self.plan.to_json(),
            "text": self.text,
            "heading": self.heading,
            "leads": list(self.leads),
            "partners": list(self.partners),
            "lead_bodies": [b.to_json() for b in self.lead_bodies],
            "partner_bodies": [b.to_json() for b in self.partner_bodies],
            "lead_by_issuer": self.lead_by_issuer,
            "time": self.time,
            "begins": self.begins,
            "ends": self.ends,
            "recurrence": self.recurrence,
            "stages": [s.to_json() for s in self.stages],
            "status": self.status.value,
            "due": self.due,
            "role": self.role,
            "evidence": self.evidence.to_json(),
        }

    def record(self) -> dict[str, Any]:
        """One flat row (tables and CSV): the plan's label, the bodies joined."""
        return {
            "plan": self.plan.label,
            "plan_date": self.plan.date,
            "heading": self.heading,
            "task": self.text,
            "lead": "; ".join(self.leads),
            "lead_bodies": "; ".join(b.label or b.iri for b in self.lead_bodies),
            "partners": "; ".join(self.partners),
            "time": self.time,
            "begins": self.begins,
            "ends": self.ends,
            "recurrence": self.recurrence,
            "status": self.status.value,
            "due": self.due,
            "role": self.role,
            "source": self.evidence.source,
            "start": self.evidence.start,
            "end": self.evidence.end,
            "iri": self.iri,
        }


@dataclass(frozen=True)
class TaskList:
    """The tasks asked for, on the day asked, most pressing first within each plan."""

    as_of: str
    tasks: tuple[PlanTask, ...]
    plans: tuple[DocumentSummary, ...] = ()  # the plans asked for (DOC or FILE), if any
    body: str | None = None
    role: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def headline(self) -> str:
        whose = ""
        if self.body:
            whose = f" {'led by' if self.role == 'lead' else 'naming'} {self.body!r}"
        where = f" in {', '.join(p.label for p in self.plans)}" if self.plans else ""
        counted = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in self.counts.items() if n)
        count = f"{len(self.tasks)} task{'' if len(self.tasks) == 1 else 's'}"
        return f"{count}{whose}{where} as of {self.as_of}" + (f": {counted}" if counted else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "plans": [p.to_json() for p in self.plans],
            "body": self.body,
            "role": self.role,
            "counts": self.counts,
            "tasks": [t.to_json() for t in self.tasks],
        }


def plan_tasks(
    catalog: DocumentCatalog,
    registry: Registry,
    *,
    plans: Iterable[str] | None = None,
    graphs: Iterable[str] | None = None,
    body: str | None = None,
    role: str = "lead",
    status: Status | None = None,
    as_of: dt.date,
) -> TaskList:
    """The tasks of some plans (`plans`: document IRIs; `graphs`: the files' named graphs) or of
    every plan, those of a body only (`body`, any spelling, as `role`), with their status on
    `as_of` (only those of `status`, if given)."""
    store = catalog.store
    chosen: set[str] | None = None
    if plans is not None:
        rows = run_named_many(store, "tasks_of_plans", "plan", map(ox.NamedNode, plans))
        chosen = {row["task"].value for row in rows}
    if graphs is not None:
        rows = run_named_many(store, "tasks_in_graphs", "g", map(ox.NamedNode, graphs))
        chosen = (chosen or set()) | {row["task"].value for row in rows}
    roles: dict[str, str] = {}
    if body is not None:
        roles = _tasks_of_body(catalog, registry, body, role)
        chosen = set(roles) if chosen is None else chosen & set(roles)
    if chosen is None:
        result = run_named(store, "tasks_all")
        assert isinstance(result, SelectResult)
        chosen = {term.value for term in result.values("task")}
    found = _read_tasks(catalog, sorted(chosen), as_of, roles)
    if status is not None:
        found = [task for task in found if task.status is status]
    # Plans newest first, each plan's tasks in the order written.
    found.sort(key=lambda t: (t.plan.iri, t.evidence.graph or "", t.evidence.start or 0))
    found.sort(key=lambda t: t.plan.date or "", reverse=True)
    counts = Counter(task.status for task in found)
    return TaskList(
        as_of=as_of.isoformat(),
        tasks=tuple(found),
        body=body,
        role=role if body is not None else None,
        counts={s.value: counts.get(s, 0) for s in STATUS_ORDER},
    )


# -- bodies ---------------------------------------------------------------------------------


def body_key(name: str) -> str:
    """A body's name without case, punctuation or diacritics: what `--body` compares."""
    return " ".join(re.findall(r"[a-z0-9]+", ascii_fold(name)))


def _tasks_of_body(
    catalog: DocumentCatalog, registry: Registry, body: str, role: str
) -> dict[str, str]:
    """Task IRI -> how the body takes part ("lead" or "partner"), for the roles asked."""
    wanted = body_key(body)
    bodies = [b.iri for b in registry.bodies if wanted in {body_key(k) for k in body_keys(b)}]
    result = run_named(catalog.store, "task_body_names")
    assert isinstance(result, SelectResult)
    names = [t for t in result.values("name") if body_key(t.value) == wanted]
    found: dict[str, str] = {}
    rows = run_named_many(catalog.store, "tasks_of_bodies", "body", map(ox.NamedNode, bodies))
    rows += run_named_many(catalog.store, "tasks_of_body_names", "name", names)
    for row in rows:
        taken = row["role"].value
        if role in (taken, "any"):
            task = row["task"].value
            # A body that leads and takes part too is listed as the lead.
            found[task] = "lead" if "lead" in (taken, found.get(task)) else taken
    return found


# -- reading tasks back ------------------------------------------------------------------------


@dataclass
class _Facts:
    graph: str = ""
    values: dict[str, list[Term]] = field(default_factory=dict)
    periods: dict[str, dict[str, list[Term]]] = field(default_factory=dict)

    def one(self, predicate: str) -> str | None:
        terms = self.values.get(predicate)
        return min(t.value for t in terms) if terms else None

    def all(self, predicate: str) -> list[str]:
        return sorted({t.value for t in self.values.get(predicate, [])})


# The bodies a task names (its leads, its partners), shown by their labels.
_BODY_ROLES = (SCHEMA + "agent", SCHEMA + "participant")


def _read_tasks(
    catalog: DocumentCatalog, iris: list[str], as_of: dt.date, roles: dict[str, str]
) -> list[PlanTask]:
    facts: dict[str, _Facts] = {}
    for row in run_named_many(catalog.store, "task_facts", "task", map(ox.NamedNode, iris)):
        entry = facts.setdefault(row["task"].value, _Facts())
        entry.graph = row["g"].value
        if "period" in row:
            stage = entry.periods.setdefault(row["period"].value, {})
            stage.setdefault(row["pp"].value, []).append(row["po"])
        else:
            entry.values.setdefault(row["p"].value, []).append(row["o"])
    plans = catalog.summaries(f.one(VK + "setOutIn") or "" for f in facts.values())
    sources = catalog.source_paths(f.one(PROV + "wasDerivedFrom") or "" for f in facts.values())
    bodies = catalog.labels(
        body for f in facts.values() for role in _BODY_ROLES for body in f.all(role)
    )
    return [
        _task(bodies, iri, entry, plans, sources, as_of, roles.get(iri))
        for iri, entry in facts.items()
    ]


def _task(
    bodies: dict[str, str | None],
    iri: str,
    facts: _Facts,
    plans: dict[str, DocumentSummary],
    sources: dict[str, str],
    as_of: dt.date,
    role: str | None,
) -> PlanTask:
    stages = sorted(
        (_stage(values) for values in facts.periods.values()),
        key=lambda s: (s.ends or s.begins or "9999", s.text),
    )
    ends = [_day(s.ends) for s in stages] or [_day(facts.one(SCHEMA + "endTime"))]
    recurrence = facts.one(VK + "recurrence")
    status, due = status_on(ends, recurrence, as_of)
    text = facts.one(SCHEMA + "description") or ""
    start, end = facts.one(OA + "start"), facts.one(OA + "end")
    source = facts.one(PROV + "wasDerivedFrom")
    return PlanTask(
        iri=iri,
        plan=plans[facts.one(VK + "setOutIn") or ""],
        text=text,
        heading=facts.one(VK + "heading"),
        leads=tuple(facts.all(VK + "leadName")),
        partners=tuple(facts.all(VK + "partnerName")),
        lead_bodies=tuple(TaskBody(b, bodies[b]) for b in facts.all(SCHEMA + "agent")),
        partner_bodies=tuple(TaskBody(b, bodies[b]) for b in facts.all(SCHEMA + "participant")),
        lead_by_issuer=facts.one(VK + "leadByIssuer") == "true",
        time=facts.one(VK + "timeText"),
        begins=facts.one(SCHEMA + "startTime"),
        ends=facts.one(SCHEMA + "endTime"),
        recurrence=recurrence,
        stages=tuple(stages),
        status=status,
        due=due.isoformat() if due else None,
        evidence=Evidence(
            sentence=text,
            source=sources.get(source or ""),
            graph=facts.graph,
            start=int(start) if start is not None else None,
            end=int(end) if end is not None else None,
        ),
        role=role,
    )


def _stage(values: dict[str, list[Term]]) -> TaskStage:
    def one(predicate: str) -> str | None:
        terms = values.get(predicate)
        return min(t.value for t in terms) if terms else None

    return TaskStage(
        text=one(VK + "timeText") or "",
        label=one(RDFS + "label"),
        begins=one(SCHEMA + "startTime"),
        ends=one(SCHEMA + "endTime"),
        deadline=one(VK + "deadline") == "true",
    )


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
