"""What changed: a log of every file ingested, re-ingested or removed, the document facts and
relation edges each change added or removed, and a watch list of documents to follow.

The graph holds only the present; researchers following a corpus ask what is new since they last
looked (a province's new plans, a re-read file whose date was wrong) and what happened around the
documents they follow (who newly implements 25-NQ/TW). Both ingest paths record their writes in
the log (:mod:`kg.changes.log`) beside the store; :mod:`kg.changes.facts` says which statements of
a file's graph are facts worth reporting, and :mod:`kg.changes.report` builds the answers
(`kg changes`, `kg watch report`). Each name is imported on first use: ingest needs the log alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.lazy import lazy_exports

if TYPE_CHECKING:
    from kg.changes.facts import Fact, StoredGraph, facts_of, stored_facts
    from kg.changes.log import Change, ChangeLog, Watched, now
    from kg.changes.report import (
        CHANGE_COLUMNS,
        WATCH_COLUMNS,
        ChangeReport,
        EdgeChange,
        FactChange,
        FileChange,
        WatchChanges,
        WatchedDocument,
        WatchReport,
        change_report,
        check_period,
        parse_moment,
        watch_report,
        watched_documents,
    )

__all__ = [
    "CHANGE_COLUMNS",
    "WATCH_COLUMNS",
    "Change",
    "ChangeLog",
    "ChangeReport",
    "EdgeChange",
    "Fact",
    "FactChange",
    "FileChange",
    "StoredGraph",
    "WatchChanges",
    "WatchReport",
    "Watched",
    "WatchedDocument",
    "change_report",
    "check_period",
    "facts_of",
    "now",
    "parse_moment",
    "stored_facts",
    "watch_report",
    "watched_documents",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "CHANGE_COLUMNS": "kg.changes.report",
        "Change": "kg.changes.log",
        "ChangeLog": "kg.changes.log",
        "ChangeReport": "kg.changes.report",
        "EdgeChange": "kg.changes.report",
        "Fact": "kg.changes.facts",
        "FactChange": "kg.changes.report",
        "FileChange": "kg.changes.report",
        "StoredGraph": "kg.changes.facts",
        "WATCH_COLUMNS": "kg.changes.report",
        "WatchChanges": "kg.changes.report",
        "WatchReport": "kg.changes.report",
        "Watched": "kg.changes.log",
        "WatchedDocument": "kg.changes.report",
        "change_report": "kg.changes.report",
        "check_period": "kg.changes.report",
        "facts_of": "kg.changes.facts",
        "now": "kg.changes.log",
        "parse_moment": "kg.changes.report",
        "stored_facts": "kg.changes.facts",
        "watch_report": "kg.changes.report",
        "watched_documents": "kg.changes.report",
    },
)
