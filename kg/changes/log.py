"""The change log: when each file was ingested, re-ingested or removed, and the facts it changed.

A small SQLite file beside the search index (``STORE/changes.sqlite``; for a SPARQL endpoint, in
the endpoint's local folder, as the search index). The graph only knows what is there now; the log
keeps what was there before, as compact rows: one per change of a file, one per fact added or
removed (see :mod:`kg.changes.facts`). It also holds the watch list and the time of the last
report, for ``--since-last``.

The store stays the truth. A change is written to the log as *pending* before the store is
written, and confirmed after; a run killed in between leaves a pending change, which counts only
if the store shows it happened (the file's graph holds the write's `prov:generatedAtTime` and its
fingerprint; a removed file's graph is gone). The next ingest settles pending changes for good, and
readers check the few they meet, so the log never tells of a write the store does not hold, and a
killed run loses no change it made. The store's own atomicity is untouched: the log is written
around its transactions, never inside them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg.changes.facts import Fact, stored_facts
from kg.errors import StoreError
from kg.graph.terms import date_time
from kg.namespaces import PROV, VK
from kg.store import GraphStore, SelectResult

Action = Literal["ingested", "reingested", "removed"]

_SCHEMA = """
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS changes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    file TEXT NOT NULL,
    graph TEXT NOT NULL,
    action TEXT NOT NULL,
    detailed INTEGER NOT NULL DEFAULT 1,
    pending INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS changes_by_time ON changes (at);
CREATE INDEX IF NOT EXISTS changes_pending ON changes (pending) WHERE pending = 1;
CREATE TABLE IF NOT EXISTS changed_facts (
    change INTEGER NOT NULL,
    added INTEGER NOT NULL,
    subject TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changed_facts_by_change ON changed_facts (change);
CREATE TABLE IF NOT EXISTS watched (
    iri TEXT PRIMARY KEY,
    argument TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_LAST_REPORT = "last_report"
# Pending changes checked against the store per query.
_CHECK_BATCH = 200


def now() -> str:
    """This moment as the log writes times: UTC, microseconds, fixed width, so that times
    compare as text ("2025-03-01T08:30:00.000000Z")."""
    return stamp(dt.datetime.now(dt.UTC))


def stamp(moment: dt.datetime) -> str:
    """An aware moment in the log's form (see `now`)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Change:
    """One change of one file: what happened to its graph, when, and the facts it added and
    removed (`id` orders changes as they were made); not `detailed` when its facts were not
    recorded (a first bulk load into an empty store)."""

    id: int
    at: str
    file: str
    graph: str
    action: Action
    added: frozenset[Fact] = frozenset()
    removed: frozenset[Fact] = frozenset()
    detailed: bool = True


@dataclass(frozen=True)
class Watched:
    """A watched document: its IRI, the argument it was added with, and when."""

    iri: str
    argument: str
    added_at: str


class ChangeLog:
    """The change log of one store; the SQLite file is opened (and made) on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    @property
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(str(self.path))
                connection.executescript(_SCHEMA)
            except (OSError, sqlite3.Error) as err:
                raise StoreError(f"{self.path}: cannot open the change log ({err})") from err
            self._connection = connection
        return self._connection

    @property
    def _reader(self) -> sqlite3.Connection | None:
        """The log for reading; None while it does not exist: reading creates nothing (a
        read-only web app over a store no ingest has logged yet)."""
        if self._connection is None and not self.path.exists():
            return None
        return self._db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction; a failure to write (a read-only folder, a full disk) is one line."""
        db = self._db
        try:
            with db:
                yield db
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot write the change log ({err})") from err

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # -- writing, around the store's own writes ----------------------------------------------

    @contextmanager
    def writing(
        self, store: GraphStore, file: str, graph: str, after: frozenset[Fact], at: str
    ) -> Iterator[None]:
        """Around the write of one file's graph (whose source states `at` as its
        prov:generatedAtTime): the facts it states (`after`) compared with the graph the store
        holds now, recorded pending, confirmed once the body (the write) returns."""
        before = stored_facts(store, [graph]).get(graph)
        if before is not None and before.complete:
            change = Change(
                0, at, file, graph, "reingested", after - before.facts, before.facts - after
            )
        else:
            change = Change(0, at, file, graph, "ingested", after)
        [change_id] = self.record([change])
        yield
        self.confirm([change_id])

    @contextmanager
    def removing(self, store: GraphStore, file: str, graph: str) -> Iterator[None]:
        """Around the removal of one file's graph: a removal of every fact it holds, when the
        store holds it."""
        before = stored_facts(store, [graph]).get(graph)
        if before is None or not before.complete:
            yield
            return
        [change_id] = self.record([Change(0, now(), file, graph, "removed", removed=before.facts)])
        yield
        self.confirm([change_id])

    def record(self, changes: Iterable[Change]) -> list[int]:
        """Record changes as pending, in one transaction; their ids, in order."""
        ids: list[int] = []
        with self._transaction() as db:
            for change in changes:
                cursor = db.execute(
                    "INSERT INTO changes (at, file, graph, action, detailed) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (change.at, change.file, change.graph, change.action, change.detailed),
                )
                assert cursor.lastrowid is not None
                ids.append(cursor.lastrowid)
                db.executemany(
                    "INSERT INTO changed_facts (change, added, subject, name, value) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(cursor.lastrowid, 1, f.subject, f.name, f.value) for f in change.added]
                    + [(cursor.lastrowid, 0, f.subject, f.name, f.value) for f in change.removed],
                )
        return ids

    def confirm(self, ids: Sequence[int]) -> None:
        """The store now holds these changes."""
        self._settle(ids, keep=True)

    def settle(self, store: GraphStore) -> None:
        """Confirm the pending changes the store shows happened and forget the others (what a
        killed or failed run left). Run by a writer before it writes."""
        pending = self._pending()
        if not pending:
            return
        happened = _happened(store, pending)
        self._settle([c.id for c in pending if c.id in happened], keep=True)
        self._settle([c.id for c in pending if c.id not in happened], keep=False)

    def _settle(self, ids: Sequence[int], *, keep: bool) -> None:
        with self._transaction() as db:
            for start in range(0, len(ids), 500):
                batch = list(ids[start : start + 500])
                marks = ", ".join("?" * len(batch))
                if keep:
                    db.execute(f"UPDATE changes SET pending = 0 WHERE id IN ({marks})", batch)
                else:
                    db.execute(f"DELETE FROM changed_facts WHERE change IN ({marks})", batch)
                    db.execute(f"DELETE FROM changes WHERE id IN ({marks})", batch)

    # -- reading -------------------------------------------------------------------------------

    def changes(self, store: GraphStore, since: str | None = None) -> list[Change]:
        """The changes made at or after `since` (the log's time form; None: all), in the order
        they were made; a pending one only if the store shows it happened."""
        db = self._reader
        if db is None:
            return []
        rows = db.execute(
            "SELECT id, at, file, graph, action, detailed, pending FROM changes WHERE at >= ? "
            "ORDER BY id",
            (since or "",),
        ).fetchall()
        facts: dict[int, tuple[set[Fact], set[Fact]]] = {row[0]: (set(), set()) for row in rows}
        for start in range(0, len(rows), 500):
            batch = [row[0] for row in rows[start : start + 500]]
            marks = ", ".join("?" * len(batch))
            for change, added, subject, name, value in db.execute(
                f"SELECT change, added, subject, name, value FROM changed_facts "
                f"WHERE change IN ({marks})",
                batch,
            ):
                facts[change][0 if added else 1].add(Fact(subject, name, value))
        changes = [
            Change(
                id,
                at,
                file,
                graph,
                action,
                frozenset(facts[id][0]),
                frozenset(facts[id][1]),
                bool(detailed),
            )
            for id, at, file, graph, action, detailed, _ in rows
        ]
        pending = [c for c, row in zip(changes, rows, strict=True) if row[-1]]
        happened = _happened(store, pending) if pending else set()
        return [c for c, row in zip(changes, rows, strict=True) if not row[-1] or c.id in happened]

    def _pending(self) -> list[Change]:
        db = self._reader
        if db is None:
            return []
        rows = db.execute(
            "SELECT id, at, file, graph, action FROM changes WHERE pending = 1 ORDER BY id"
        ).fetchall()
        return [Change(*row) for row in rows]

    # -- the last report, for --since-last -----------------------------------------------------

    def last_report(self) -> str | None:
        db = self._reader
        if db is None:
            return None
        row = db.execute("SELECT value FROM settings WHERE name = ?", (_LAST_REPORT,)).fetchone()
        return row[0] if row else None

    def set_last_report(self, at: str) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO settings (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (_LAST_REPORT, at),
            )

    # -- the watch list ----------------------------------------------------------------------

    def watch(self, iri: str, argument: str) -> bool:
        """Add a document to the watch list; False when it was on it already."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO watched (iri, argument, added_at) VALUES (?, ?, ?)",
                (iri, argument, now()),
            )
            return cursor.rowcount == 1

    def unwatch(self, iri: str) -> bool:
        """Take a document off the watch list; False when it was not on it."""
        with self._transaction() as db:
            return db.execute("DELETE FROM watched WHERE iri = ?", (iri,)).rowcount == 1

    def watched(self) -> list[Watched]:
        """The watch list, in the order documents were added."""
        db = self._reader
        if db is None:
            return []
        rows = db.execute(
            "SELECT iri, argument, added_at FROM watched ORDER BY added_at, iri"
        ).fetchall()
        return [Watched(*row) for row in rows]


class BulkRun:
    """The changes of one bulk run (:mod:`kg.bulk`), whose files' graphs all state the run's
    time `at`: what the store held of the files' earlier graphs, read before the run drops them;
    each chunk's files recorded pending as they are built, before their shards load; and, once
    the fingerprints are loaded, the earlier graphs of files that failed recorded as removed
    (the run dropped them) and everything confirmed. Without a log, nothing is done."""

    def __init__(
        self,
        log: ChangeLog | None,
        at: str,
        store: GraphStore,
        earlier: Sequence[str],
        *,
        detailed: bool = True,
    ) -> None:
        self.log, self.at, self.detailed = log, at, detailed
        self.before = stored_facts(store, earlier) if log is not None else {}
        self.ids: list[int] = []
        self.written: set[str] = set()

    def record(self, files: Iterable[tuple[str, str, frozenset[Fact]]]) -> None:
        """(file, graph, facts) of files built, before their statements load."""
        changes = []
        for file, graph, facts in files:
            self.written.add(graph)
            before = self.before.get(graph)
            if before is not None and before.complete:
                old = before.facts
                changes.append(
                    Change(0, self.at, file, graph, "reingested", facts - old, old - facts)
                )
            else:
                changes.append(
                    Change(0, self.at, file, graph, "ingested", facts, detailed=self.detailed)
                )
        if self.log is not None and changes:
            self.ids += self.log.record(changes)

    def finish(self, files: dict[str, str]) -> None:
        """After the load: `files` maps the graphs of the run's files to their paths."""
        if self.log is None:
            return
        dropped = [
            Change(0, now(), files[graph], graph, "removed", removed=before.facts)
            for graph, before in self.before.items()
            if before.complete and graph not in self.written
        ]
        if dropped:
            self.ids += self.log.record(dropped)
        self.log.confirm(self.ids)


def _happened(store: GraphStore, pending: Sequence[Change]) -> set[int]:
    """Ids of the pending changes the store shows: a write whose graph holds its time and its
    fingerprint; a removal whose graph holds no fingerprint."""
    happened: set[int] = set()
    writes = [c for c in pending if c.action != "removed"]
    for start in range(0, len(writes), _CHECK_BATCH):
        batch = writes[start : start + _CHECK_BATCH]
        rows = " ".join(f"({ox.NamedNode(c.graph)} {date_time(c.at)})" for c in batch)
        result = store.query(
            f"SELECT DISTINCT ?g ?t WHERE {{ VALUES (?g ?t) {{ {rows} }} "
            f"GRAPH ?g {{ ?src <{PROV}generatedAtTime> ?t ; <{VK}sha256> ?sha }} }}"
        )
        assert isinstance(result, SelectResult)
        held = {row["g"].value for row in result.rows}
        happened.update(c.id for c in batch if c.graph in held)
    removals = [c for c in pending if c.action == "removed"]
    for start in range(0, len(removals), _CHECK_BATCH):
        batch = removals[start : start + _CHECK_BATCH]
        graphs = " ".join(str(ox.NamedNode(c.graph)) for c in batch)
        result = store.query(
            f"SELECT DISTINCT ?g WHERE {{ VALUES ?g {{ {graphs} }} "
            f"GRAPH ?g {{ ?src <{VK}sha256> ?sha }} }}"
        )
        assert isinstance(result, SelectResult)
        held = {row["g"].value for row in result.rows}
        happened.update(c.id for c in batch if c.graph not in held)
    return happened
