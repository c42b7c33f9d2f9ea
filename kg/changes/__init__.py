"""What changed: a log of every file ingested, re-ingested or removed, the document facts and
relation edges each change added or removed, and a watch list of documents to follow.

The graph holds only the present; researchers following a corpus ask what is new since they last
looked (a province's new plans, a re-read file whose date was wrong) and what happened around the
documents they follow (who newly implements 25-NQ/TW). Both ingest paths record their writes in
the log (:mod:`kg.changes.log`) beside the store; :mod:`kg.changes.facts` says which statements of
a file's graph are facts worth reporting, and :mod:`kg.changes.report` builds the answers
(`kg changes`, `kg watch report`).
"""

from kg.changes.facts import Fact, StoredGraph, facts_of, facts_of_quads, stored_facts
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
    "facts_of_quads",
    "now",
    "parse_moment",
    "stored_facts",
    "watch_report",
    "watched_documents",
]
