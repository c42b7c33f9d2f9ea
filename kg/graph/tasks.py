"""The tasks a plan sets out, as statements in the plan's own named graph.

Each task (:mod:`kg.followup.tasks`) becomes a ``vk:Task``, a schema.org ``Action``: its text
(``schema:description``), the lead body (``schema:agent``) and partner bodies
(``schema:participant``) where the registry knows them, every body's name as written beside
them (``vk:leadName``, ``vk:partnerName``), its time as written and as days
(``schema:startTime``, ``schema:endTime``, one ``vk:period`` per stage), how often it recurs,
and its evidence as a citation has it: the source file and the span in its text (a Web
Annotation position selector). Living in the source's graph, a task goes when its file is
re-ingested or removed, with everything else the file said.

A pure function of the extraction and its resolution, like the rest of the graph: the tasks were
read and their registry bodies matched during resolution (:attr:`~kg.resolve.CitingDocument.tasks`,
:attr:`~kg.resolve.CitingDocument.task_bodies`), and
whether a task is overdue depends on the day asked, so it is worked out by the query
(:mod:`kg.queries.tasks`), never stored.
"""

from __future__ import annotations

import datetime as dt

from pyoxigraph import Literal

from kg.extract.model import Extraction
from kg.followup.tasks import Task
from kg.graph.annotation import add_text_span
from kg.graph.terms import Triples, boolean, date_literal, text
from kg.identity import task_iri, task_period_iri
from kg.namespaces import RDF, RDFS, SCHEMA, VK
from kg.resolve import Resolution

# A task's text is kept whole up to this length, like a citation's sentence.
TEXT_LIMIT = 600


def add_tasks(
    out: Triples, extraction: Extraction, resolution: Resolution, path: str, source_node: str
) -> None:
    """Add the statements of every task the extraction's text sets out."""
    citing = resolution.document
    issuer = citing.place.registered.iri if citing.place.registered else None
    for number, task in enumerate(citing.tasks):
        node = task_iri(path, number)
        _task(out, node, task, citing.iri)
        for lead in task.leads:
            out.add(node, VK + "leadName", text(lead.name))
            out.add(node, SCHEMA + "agent", citing.task_body(lead.name))
        if task.lead_is_issuer:  # "Chủ trì, ...": the issuer, named as the header writes it
            out.add(node, VK + "leadByIssuer", boolean(True))
            out.add(node, VK + "leadName", text(extraction.document.issuer))
            out.add(node, SCHEMA + "agent", issuer)
        for partner in task.partners:
            out.add(node, VK + "partnerName", text(partner.name))
            out.add(node, SCHEMA + "participant", citing.task_body(partner.name))
        # The span of the task in its text (with its labelled lines or its row).
        add_text_span(out, node, source_node, task.start, task.end)


def _task(out: Triples, node: str, task: Task, document: str) -> None:
    add = out.add
    add(node, RDF + "type", VK + "Task")
    add(node, RDF + "type", SCHEMA + "Action")
    add(node, VK + "setOutIn", document)
    add(node, SCHEMA + "description", text(bounded(task.text), "vi"))
    add(node, VK + "heading", text(bounded(task.heading or "")))
    add(node, VK + "timeText", text(task.time_text))
    add(node, SCHEMA + "startTime", _date(task.begins))
    add(node, SCHEMA + "endTime", _date(task.ends))
    add(node, VK + "recurrence", text(task.recurrence))
    for index, period in enumerate(task.periods):
        stage = task_period_iri(node, index)
        add(node, VK + "period", stage)
        add(stage, RDF + "type", VK + "TaskPeriod")
        add(stage, VK + "timeText", text(period.text))
        add(stage, RDFS + "label", text(period.label, "vi"))
        add(stage, SCHEMA + "startTime", _date(period.begins))
        add(stage, SCHEMA + "endTime", _date(period.ends))
        if period.deadline:
            add(stage, VK + "deadline", boolean(True))


def bounded(value: str, limit: int = TEXT_LIMIT) -> str:
    """`value` whole up to `limit` characters, else cut at a space with "…"."""
    if len(value) <= limit:
        return value
    cut = value.rfind(" ", 0, limit)
    return value[: cut if cut > 0 else limit].rstrip() + "…"


def _date(day: dt.date | None) -> Literal | None:
    return date_literal(day.isoformat()) if day is not None else None
