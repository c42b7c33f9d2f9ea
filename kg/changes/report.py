"""What changed since a date, and what changed around the watched documents: answers read from
the change log (:mod:`kg.changes.log`), with the documents named as the graph names them.

A file changed several times in the period counts once, by its net change: whether it existed
before the period and exists after it (ingested, re-ingested or removed), and the facts added and
not removed again, or removed and not added again. A file ingested and removed within the period
changed nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from kg.changes.facts import Fact, own_documents
from kg.changes.log import Action, Change, ChangeLog, Watched, now, stamp
from kg.errors import ArgumentError
from kg.graph.reference import kind_names
from kg.identity import DocumentId, kind_of_concept
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.store import GraphStore

# The columns of the flat (CSV) forms of the two reports.
CHANGE_COLUMNS = ["at", "file", "action", "change", "document", "fact", "value", "iri", "value_iri"]
WATCH_COLUMNS = [
    "watched",
    "section",
    "change",
    "document",
    "fact",
    "value",
    "file",
    "at",
    "watched_iri",
    "iri",
    "value_iri",
]


def parse_moment(text: str, option: str = "--since") -> str:
    """A date (YYYY-MM-DD: that day's start) or an ISO date and time, in local time unless it
    names its zone ("Z", "+07:00"), as the log's time form; else a one-line `ArgumentError`."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ArgumentError(
            f"{option} {text!r}: expected a date YYYY-MM-DD or an ISO date and time "
            "(2025-03-01T08:30, 2025-03-01T08:30:00+07:00)"
        ) from None
    return stamp(moment if moment.tzinfo is not None else moment.astimezone())


def check_period(since: str | None, since_last: bool) -> str | None:
    """The start `--since` gives, in the log's time form (None without it); a one-line
    `ArgumentError` for a date that cannot be read or for both options at once."""
    if since is not None and since_last:
        raise ArgumentError("give --since DATE or --since-last, not both")
    return parse_moment(since) if since is not None else None


def report_period(log: ChangeLog, since: str | None, since_last: bool) -> tuple[str | None, str]:
    """(from, until) of a report: from `since` (a date or ISO time), the last `since_last`
    report's time (`since_last`; none before the first), or the start of the log (neither);
    until now. Only a `since_last` report remembers its time: a look at another period (a web
    page, `kg changes --since`) must not make the next one skip what it did not cover."""
    start = check_period(since, since_last)
    until = now()
    if since_last:
        start = log.last_report()
        log.set_last_report(until)
    return start, until


@dataclass(frozen=True)
class FactChange:
    """An identity fact of a document added or removed: `value` as stored (a literal's text or an
    IRI), `shown` as people read it (a kind, a body's or a province's name)."""

    change: str  # "added" | "removed"
    iri: str
    label: str
    fact: str  # symbol, date, kind, issuer, issuing_body, province, title
    value: str
    shown: str
    file: str
    at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "iri": self.iri,
            "label": self.label,
            "fact": self.fact,
            "value": self.value,
            "shown": self.shown,
            "file": self.file,
            "at": self.at,
        }

    def row(self) -> dict[str, Any]:
        shown_iri = self.value if self.shown != self.value else None
        return {
            "change": self.change,
            "document": self.label,
            "fact": self.fact,
            "value": self.shown,
            "iri": self.iri,
            "value_iri": shown_iri,
            "file": self.file,
            "at": self.at,
        }


@dataclass(frozen=True)
class EdgeChange:
    """A relation edge added or removed: `source` (the acting document) -> `relation` ->
    `target`, as stated in `file`."""

    change: str  # "added" | "removed"
    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    file: str
    at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "from": self.source,
            "from_label": self.source_label,
            "relation": self.relation,
            "to": self.target,
            "to_label": self.target_label,
            "file": self.file,
            "at": self.at,
        }

    def row(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "document": self.source_label,
            "fact": self.relation,
            "value": self.target_label,
            "iri": self.source,
            "value_iri": self.target,
            "file": self.file,
            "at": self.at,
        }


@dataclass(frozen=True)
class FileChange:
    """The net change of one file in the period: what happened to it, when last, its
    documents' identity facts and the relation edges it states, added or removed; not
    `detailed` when the log holds no facts of some change (a first bulk load). `documents`
    are the file's own documents (IRI -> label): those the store reads it as, or, for a file
    removed, those whose facts it took away."""

    file: str
    graph: str
    action: Action
    at: str
    facts: list[FactChange] = field(default_factory=list)
    edges: list[EdgeChange] = field(default_factory=list)
    detailed: bool = True
    documents: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "graph": self.graph,
            "action": self.action,
            "at": self.at,
            "detailed": self.detailed,
            "documents": [{"iri": iri, "label": label} for iri, label in self.documents.items()],
            "facts": [f.to_json() for f in self.facts],
            "edges": [e.to_json() for e in self.edges],
        }

    def counts(self) -> str:
        """The size of the change, for a table: "+2 −1 facts, +3 −0 edges"."""

        def sign(items: Iterable[FactChange | EdgeChange], change: str) -> int:
            return sum(1 for item in items if item.change == change)

        if not self.detailed and not (self.facts or self.edges):
            return "facts not recorded (a first bulk load)"
        return (
            f"+{sign(self.facts, 'added')} −{sign(self.facts, 'removed')} facts, "
            f"+{sign(self.edges, 'added')} −{sign(self.edges, 'removed')} edges"
        )

    def rows(self) -> list[dict[str, Any]]:
        """One flat record per fact or edge (one with no change when there is none)."""
        head = {"at": self.at, "file": self.file, "action": self.action}
        changes: list[FactChange | EdgeChange] = [*self.facts, *self.edges]
        return [head | c.row() for c in changes] or [head]


@dataclass(frozen=True)
class ChangeReport:
    """Every file ingested, re-ingested or removed since `since` (None: since the log began),
    until `until` (when the report was made), oldest change first."""

    since: str | None
    until: str
    files: list[FileChange]

    def headline(self) -> str:
        start = f"since {self.since}" if self.since else "in the change log"
        return f"{len(self.files)} files changed {start}"

    def rows(self) -> list[dict[str, Any]]:
        return [row for file in self.files for row in file.rows()]

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "files": [f.to_json() for f in self.files],
        }


@dataclass(frozen=True)
class WatchedDocument:
    """A document on the watch list: its IRI and label, the argument it was added with, and
    when it was added."""

    iri: str
    label: str
    argument: str
    added_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "label": self.label,
            "argument": self.argument,
            "added_at": self.added_at,
        }


@dataclass(frozen=True)
class WatchChanges:
    """What changed around one watched document: the documents that newly cite, implement,
    review, replace… it (`citers`: the edges added towards it), its own identity facts that
    changed, and the relation edges it states that changed."""

    document: WatchedDocument
    citers: list[EdgeChange]
    facts: list[FactChange]
    edges: list[EdgeChange]

    @property
    def changed(self) -> bool:
        return bool(self.citers or self.facts or self.edges)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "citers": [e.to_json() for e in self.citers],
            "facts": [f.to_json() for f in self.facts],
            "edges": [e.to_json() for e in self.edges],
        }

    def rows(self) -> list[dict[str, Any]]:
        head = {"watched": self.document.label, "watched_iri": self.document.iri}
        sections = (("citer", self.citers), ("fact", self.facts), ("edge", self.edges))
        return [
            head | {"section": section} | item.row()
            for section, items in sections
            for item in items
        ]


@dataclass(frozen=True)
class WatchReport:
    """For each watched document, what changed around it since `since` (None: since the log
    began), until `until`."""

    since: str | None
    until: str
    watched: list[WatchChanges]

    def headline(self) -> str:
        start = f"since {self.since}" if self.since else "in the change log"
        changed = sum(1 for w in self.watched if w.changed)
        return f"{changed} of {len(self.watched)} watched documents changed {start}"

    def rows(self) -> list[dict[str, Any]]:
        return [row for watched in self.watched for row in watched.rows()]

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "watched": [w.to_json() for w in self.watched],
        }


# -- building the answers ------------------------------------------------------------------------


@dataclass
class _Net:
    """One file's net change over a period."""

    file: str
    graph: str
    action: Action
    at: str
    facts: dict[Fact, bool]  # True: added, False: removed
    detailed: bool


def net_changes(changes: Iterable[Change]) -> list[_Net]:
    """Each file's net change over `changes` (in the order made), the files in the order of
    their last change; a file ingested and removed within them is left out."""
    by_graph: dict[str, list[Change]] = {}
    for change in changes:
        by_graph.setdefault(change.graph, []).append(change)
    nets: list[_Net] = []
    for graph, made in by_graph.items():
        existed, exists = made[0].action != "ingested", made[-1].action != "removed"
        if not existed and not exists:
            continue
        action: Action = "reingested" if existed and exists else "ingested" if exists else "removed"
        state: dict[Fact, bool] = {}
        for change in made:
            steps = [(f, False) for f in change.removed] + [(f, True) for f in change.added]
            for fact, added in steps:
                if state.get(fact) is (not added):
                    del state[fact]  # back to what it was before the period
                else:
                    state[fact] = added
        detailed = all(change.detailed for change in made)
        nets.append(_Net(made[-1].file, graph, action, made[-1].at, state, detailed))
    nets.sort(key=lambda net: net.at)
    return nets


# Facts whose value is a body or a place, shown by its label.
_PLACE_FACTS = ("issuing_body", "province")


class _Names:
    """Labels of the documents, bodies, places and kinds a report names, read in one go."""

    def __init__(self, catalog: DocumentCatalog, nets: Iterable[_Net], extra: Iterable[str]):
        self.catalog = catalog
        facts = [fact for net in nets for fact in net.facts]
        documents = {f.subject for f in facts} | {f.value for f in facts if f.is_edge}
        documents.update(extra)
        summaries = catalog.summaries(sorted(documents))
        catalog.mark_shared_symbols(summaries.values())
        logged = {f.subject: f.value for f in facts if f.name == "symbol"}
        self.labels = {iri: _label(s, logged.get(iri)) for iri, s in summaries.items()}
        self.places = catalog.labels(f.value for f in facts if f.name in _PLACE_FACTS)

    def document(self, iri: str) -> str:
        return self.labels.get(iri, iri)

    def value(self, fact: Fact) -> str:
        if fact.name == "kind":
            kind = kind_of_concept(fact.value)
            return kind_names().get(kind, kind) if kind else fact.value
        if fact.name in _PLACE_FACTS:
            if fact.value not in self.places:
                self.places.update(self.catalog.labels([fact.value]))
            return self.places[fact.value] or fact.value
        return fact.value


def _label(summary: DocumentSummary, logged_symbol: str | None) -> str:
    """A document's label; one the store no longer holds is named by the symbol its own file
    stated (as the log recorded it), else by the kind and number of its IRI."""
    if summary.symbol or summary.kind:
        return summary.label
    if logged_symbol:
        return logged_symbol
    identity = DocumentId.parse(summary.iri)
    if identity is None:
        return summary.label
    number = identity.key if identity.key.isdigit() else None
    return replace(summary, kind=identity.kind, number=number).label


def _fact_change(names: _Names, net: _Net, fact: Fact, added: bool) -> FactChange:
    return FactChange(
        "added" if added else "removed",
        fact.subject,
        names.document(fact.subject),
        fact.name,
        fact.value,
        names.value(fact),
        net.file,
        net.at,
    )


def _edge_change(names: _Names, net: _Net, fact: Fact, added: bool) -> EdgeChange:
    return EdgeChange(
        "added" if added else "removed",
        fact.subject,
        names.document(fact.subject),
        fact.name,
        fact.value,
        names.document(fact.value),
        net.file,
        net.at,
    )


def _ordered(net: _Net) -> list[tuple[Fact, bool]]:
    """A file's facts in a stable order: removed before added, then by document and fact."""
    return sorted(net.facts.items(), key=lambda item: (item[1], item[0]))


def change_report(
    log: ChangeLog,
    store: GraphStore,
    catalog: DocumentCatalog,
    since: str | None = None,
    since_last: bool = False,
) -> ChangeReport:
    """What changed in the period (see `report_period`)."""
    start, until = report_period(log, since, since_last)
    nets = net_changes(log.changes(store, start))
    held = own_documents(store, [net.graph for net in nets if net.action != "removed"])
    owners = {
        net.graph: sorted(
            held.get(net.graph, set()) | {f.subject for f in net.facts if not f.is_edge}
        )
        for net in nets
    }
    names = _Names(catalog, nets, (iri for iris in owners.values() for iri in iris))
    files = [
        FileChange(
            net.file,
            net.graph,
            net.action,
            net.at,
            [_fact_change(names, net, f, a) for f, a in _ordered(net) if not f.is_edge],
            [_edge_change(names, net, f, a) for f, a in _ordered(net) if f.is_edge],
            net.detailed,
            {iri: names.document(iri) for iri in owners[net.graph]},
        )
        for net in nets
    ]
    return ChangeReport(start, until, files)


def watched_documents(log: ChangeLog, catalog: DocumentCatalog) -> list[WatchedDocument]:
    """The watch list, each document with its label."""
    entries = log.watched()
    names = _Names(catalog, (), (w.iri for w in entries))
    return [_watched(names, entry) for entry in entries]


def _watched(names: _Names, entry: Watched) -> WatchedDocument:
    return WatchedDocument(entry.iri, names.document(entry.iri), entry.argument, entry.added_at)


def watch_report(
    log: ChangeLog,
    store: GraphStore,
    catalog: DocumentCatalog,
    since: str | None = None,
    since_last: bool = False,
) -> WatchReport:
    """For each watched document, what changed around it in the period (see `report_period`)."""
    start, until = report_period(log, since, since_last)
    entries = log.watched()
    iris = {entry.iri for entry in entries}
    nets = [
        net
        for net in net_changes(log.changes(store, start))
        if any(f.subject in iris or (f.is_edge and f.value in iris) for f in net.facts)
    ]
    names = _Names(catalog, nets, iris)
    report = []
    for entry in entries:
        citers, facts, edges = [], [], []
        for net in nets:
            for fact, added in _ordered(net):
                if fact.is_edge and fact.value == entry.iri and added:
                    citers.append(_edge_change(names, net, fact, added))
                elif fact.is_edge and fact.subject == entry.iri:
                    edges.append(_edge_change(names, net, fact, added))
                elif not fact.is_edge and fact.subject == entry.iri:
                    facts.append(_fact_change(names, net, fact, added))
        report.append(WatchChanges(_watched(names, entry), citers, facts, edges))
    return WatchReport(start, until, report)
