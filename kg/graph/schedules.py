"""The reviews a document's own text schedules, as statements in its source's named graph.

"Sau 3 năm sơ kết, 6 năm tổng kết", "hằng năm báo cáo", "Năm 2023: tổ chức sơ kết": each phrase
(:func:`kg.followup.schedule.own_schedules`) becomes a ``vk:ReviewSchedule`` of the document:
the kind of review (``vk:reviewKind``), when (``vk:afterYears`` after the document,
``vk:everyYears`` so many years, or in the calendar year ``vk:inYear``), and its evidence as a
citation has it: the source file, the span in its text and the phrase as written (Web
Annotation position and quote selectors). `kg due` reads them from the graph, so its answer does
not depend on the file still being where it was read, nor on the store being local.

A pure function of the extraction's text and the document's identity, like the rest of the
graph; whether a review is due depends on the day asked, so the query works it out.
"""

from __future__ import annotations

from kg.followup.schedule import AFTER, EVERY, IN_YEAR, Schedule, own_schedules
from kg.graph.annotation import add_text_span
from kg.graph.terms import Triples, integer, text
from kg.identity import schedule_iri
from kg.namespaces import RDF, VK

# The property stating when, by the form of the schedule.
_WHEN = {AFTER: VK + "afterYears", EVERY: VK + "everyYears", IN_YEAR: VK + "inYear"}


def add_schedules(out: Triples, body: str, document: str, path: str, source_node: str) -> None:
    """Add the statements of every review the text `body` of `document` schedules for itself."""
    for number, found in enumerate(own_schedules(body)):
        _schedule(out, schedule_iri(path, number), found, document, source_node)


def _schedule(out: Triples, node: str, found: Schedule, document: str, source_node: str) -> None:
    add = out.add
    add(node, RDF + "type", VK + "ReviewSchedule")
    add(node, VK + "scheduleOf", document)
    add(node, VK + "reviewKind", text(found.kind))
    add(node, _WHEN[found.form], integer(_when(found)))
    add_text_span(out, node, source_node, found.start, found.end, found.phrase)


def _when(found: Schedule) -> int | None:
    """The years after the document, the years between reviews, or the calendar year."""
    return {AFTER: found.years, EVERY: found.every, IN_YEAR: found.year}[found.form]
