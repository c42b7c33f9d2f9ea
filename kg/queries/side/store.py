"""The side store: what each graph contributes to the answers kept at ingest, in one SQLite file
beside the search index (``STORE/side.sqlite``), under one protocol for every write.

A graph's contribution is a pure function of its statements (`contribution`): the facts and
citation counts `kg stats` depends on (:mod:`.stats`), the statements document summaries
and source paths read (:mod:`.summaries`) and the links its citations state, which a trace
walks (:mod:`.edges`). The file keeps each graph's contribution, integer-
keyed (terms and graph IRIs interned once), so that a write or removal changes the tables each
reader reads by exactly what that graph's contribution changes. Beside them, each document's
summary kept whole once a writer is done (:mod:`.consolidated`), forgotten as those change.

The store stays the truth. Like the change log (`kg.changes.log`), a write marks its graph
*pending* before the store's transaction and confirms it after; a bulk run confirms its files
once their fingerprints are loaded. A reader uses the side store only when none is pending and
it holds as many graphs as the store (one cheap count: listing a million graphs' IRIs takes
seconds, counting them does not); otherwise it asks the shipped queries. A writer settles the
side store before it writes (`Ingestor.plan`), as does `KG.stats` on a store it may write:
graphs pending or missing are read again from the store, a batch of graphs a query, and graphs
the store lost are forgotten. A SPARQL update may change anything: it marks every graph pending.
A SPARQL endpoint has no side store: other tools may write to it. What the count cannot see is
another program (or a `kg` older than the side store) changing graphs of the store's directory
without changing how many there are: deleting ``side.sqlite`` has them read again from the
store. A file of another layout is emptied by the first writer to open it, and refilled.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from kg.errors import StoreError
from kg.identity import ontology_graph_iri, registry_graph_iri
from kg.namespaces import PROV, RDF, RDFS, SKOS, VK
from kg.queries.report import Stats
from kg.queries.side import consolidated, edges, stats, summaries
from kg.queries.side.edges import Edge, chain_edges
from kg.queries.side.stats import CitationCount, Fact, StatTables, citation_counts, stat_facts
from kg.queries.side.summaries import Stated, SummaryFact, summary_statements
from kg.queries.side.tables import (
    KnownTerms,
    Triple,
    batches,
    intern,
    marks,
    pack_triples,
    term_texts,
    unpack_triples,
)
from kg.store import GraphStore, SelectResult

SIDE_FILE = "side.sqlite"
# Its name while it held `kg stats`'s counts alone: a writer renames it, a reader reads it.
_FORMER_FILE = "counters.sqlite"

# Graphs per query when reading what the store holds, and per transaction when settling.
GRAPHS_PER_QUERY = 100
GRAPHS_PER_TRANSACTION = 500
_SCHEMA_VERSION = "5"
# Layouts whose tables this one keeps as they are, adding its own: 4 added `consolidated`, 5
# `unconsolidated` (filled when it is added).
_EXTENDED = {"3", "4"}

Statement = tuple[str, str, ox.NamedNode | ox.Literal | ox.BlankNode]
Read = TypeVar("Read")
# The groups of citation counts, held by their place here (the key by its term id).
_GROUPS = ("total", "relation")


@dataclass(frozen=True)
class Contribution:
    """What one graph adds to the side store: the facts and citations counted by `kg stats`,
    and the statements summaries read."""

    facts: frozenset[Fact] = frozenset()
    citations: tuple[CitationCount, ...] = ()
    statements: frozenset[Stated] = frozenset()
    edges: frozenset[Edge] = frozenset()
    # Of a reference graph, a digest of the labels it states: summaries show bodies and places
    # by them, so a change of them changes every kept summary (see :mod:`.consolidated`).
    labels: str = ""
    # Equal for equal contributions: a graph written again the same changes nothing. Worked out
    # where the contribution is made, so a bulk worker's travels with it to the one writer.
    digest: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts = [
            sorted(self.facts),
            sorted(self.citations),
            sorted(self.statements),
            sorted(self.edges),
        ]
        if self.labels:
            parts.append([self.labels])
        text = json.dumps(parts, ensure_ascii=False)
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
        object.__setattr__(self, "digest", digest)  # a frozen dataclass's derived field


# The graphs whose labels summaries show (bodies and places), and the label properties.
_REFERENCE_GRAPHS = frozenset({ontology_graph_iri(), registry_graph_iri()})
_LABELS = frozenset({RDFS + "label", SKOS + "prefLabel"})


def contribution(statements: Iterable[Statement], graph: str) -> Contribution:
    """What the statements of `graph` (subject, predicate, object) add to the side store."""
    statements = list(statements)
    return Contribution(
        stat_facts(statements, graph),
        citation_counts(statements),
        summary_statements(statements),
        chain_edges(statements),
        _labels_digest(statements) if graph in _REFERENCE_GRAPHS else "",
    )


def _labels_digest(statements: Iterable[Statement]) -> str:
    """A digest of the labels among `statements`, whatever their order."""
    labels = sorted(f"{s} {p} {o}" for s, p, o in statements if p in _LABELS)
    return hashlib.sha1("\n".join(labels).encode("utf-8", "surrogatepass")).hexdigest()


def contribution_of_quads(quads: Iterable[ox.Quad], graph: str) -> Contribution:
    """`contribution` of the quads a write is about to store."""
    return contribution(
        (
            (quad.subject.value, quad.predicate.value, quad.object)
            for quad in quads
            if not isinstance(quad.subject, ox.Triple) and not isinstance(quad.object, ox.Triple)
        ),
        graph,
    )


# -- what the store holds ----------------------------------------------------------------------


def _values(predicates: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in sorted(set(predicates)))


_DOCUMENT = VK + "Document"
_DERIVED = PROV + "wasDerivedFrom"

_READ = {
    *stats.FACT_PREDICATES,
    *summaries.SUMMARY_PREDICATES,
    summaries.PATH,
    *edges.EDGE_PREDICATES,
} - {_DERIVED}

# The statements of each graph asked for that `contribution` reads, less those its citations
# count and the derivations of subjects not typed vk:Document (citations, tasks, spans).
_STORED_STATEMENTS = f"""
SELECT ?g ?s ?p ?o WHERE {{
  GRAPH ?g {{
    VALUES ?g {{}}
    {{
      VALUES ?p {{ {_values(_READ)} }}
      ?s ?p ?o
    }}
    UNION {{ ?s a <{_DOCUMENT}> BIND(<{RDF}type> AS ?p) BIND(<{_DOCUMENT}> AS ?o) }}
    UNION {{ ?s a <{_DOCUMENT}> ; <{_DERIVED}> ?o BIND(<{_DERIVED}> AS ?p) }}
  }}
}}
"""


def _select(store: GraphStore, sparql: str, graphs: Sequence[str]) -> list[dict[str, Any]]:
    batch = " ".join(str(ox.NamedNode(g)) for g in graphs)
    result = store.query(sparql.replace("VALUES ?g {}", f"VALUES ?g {{ {batch} }}", 1))
    assert isinstance(result, SelectResult)
    return result.rows


def stored_contributions(store: GraphStore, graphs: Sequence[str]) -> dict[str, Contribution]:
    """The contribution of each of `graphs` as the store holds it (an empty one for a graph it
    does not hold): the reference graphs whole, the others two queries per batch of graphs."""
    found: dict[str, Contribution] = {}
    for graph in sorted(_REFERENCE_GRAPHS.intersection(graphs)):
        node = ox.NamedNode(graph)
        result = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")
        assert isinstance(result, SelectResult)
        rows = [(r["s"].value, r["p"].value, r["o"]) for r in result.rows]
        found[graph] = contribution(rows, graph)
    sources = [g for g in graphs if g not in _REFERENCE_GRAPHS]
    for start in range(0, len(sources), GRAPHS_PER_QUERY):
        batch = sources[start : start + GRAPHS_PER_QUERY]
        statements: dict[str, list[Statement]] = defaultdict(list)
        for row in _select(store, _STORED_STATEMENTS, batch):
            statements[row["g"].value].append((row["s"].value, row["p"].value, row["o"]))
        citations: dict[str, list[CitationCount]] = defaultdict(list)
        for row in _select(store, stats.STORED_CITATIONS, batch):
            count = (row["group"].value, row["key"].value, int(row["n"].value))
            citations[row["g"].value].append(count)
        for graph in batch:
            stated = statements.get(graph, [])
            found[graph] = Contribution(
                stat_facts(stated, graph),
                tuple(sorted(citations.get(graph, ()))),
                summary_statements(stated),
                chain_edges(stated),
            )
    return found


def store_graph_count(store: GraphStore) -> int:
    """How many named graphs the store holds: one count, without reading their IRIs."""
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g {} }")
    assert isinstance(result, SelectResult)
    return int(result.rows[0]["n"].value) if result.rows else 0


# -- the file ----------------------------------------------------------------------------------

_PRAGMAS = """
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
"""
_SETTINGS = "CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS terms (
    id INTEGER PRIMARY KEY,
    hash INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS terms_hash ON terms (hash);
CREATE TABLE IF NOT EXISTS graphs (
    id INTEGER PRIMARY KEY,
    iri TEXT NOT NULL UNIQUE,
    covered INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS graphs_pending ON graphs (covered) WHERE covered = 0;
CREATE TABLE IF NOT EXISTS contributions (
    graph INTEGER PRIMARY KEY,
    digest TEXT NOT NULL,
    facts BLOB NOT NULL,
    citations BLOB NOT NULL,
    statements BLOB NOT NULL,
    edges BLOB NOT NULL
);
"""
    + stats.SCHEMA
    + summaries.SCHEMA
    + edges.SCHEMA
    + consolidated.SCHEMA
)
# Emptied (dropped and made again) when the file holds another layout.
_TABLES = (
    "terms",
    "graphs",
    "contributions",
    *stats.TABLES,
    *summaries.TABLES,
    *edges.TABLES,
    *consolidated.TABLES,
)


def _named_anew(path: Path, *, read_only: bool) -> Path:
    """The side file at `path`, a file of the former name beside it renamed first (with its
    write-ahead log) when it may be written, read where it is when not: what it holds stays."""
    former = path.with_name(_FORMER_FILE)
    if path.name != SIDE_FILE or path.exists() or not former.exists():
        return path
    if read_only:
        return former
    for suffix in ("", "-wal", "-shm"):
        old = former.with_name(former.name + suffix)
        if old.exists():
            old.replace(path.with_name(path.name + suffix))
    return path


@dataclass
class _Pin:
    """One snapshot of the file that several reads share (`SideStore.pinned`)."""

    db: sqlite3.Connection
    known: KnownTerms = field(default_factory=KnownTerms)
    covers: dict[int, bool] = field(default_factory=dict)  # store's graph count -> covered


@dataclass(frozen=True)
class _Held:
    """A graph's contribution as the file holds it."""

    graph: int
    digest: str
    facts: bytes
    citations: bytes
    statements: bytes
    edges: bytes


class SideStore:
    """The side store of one store; the SQLite file is opened (and, to write, made) on first
    use. `read_only`: never made nor written (a reader without it asks the queries)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = _named_anew(path, read_only=read_only)
        self.read_only = read_only
        self._connection: sqlite3.Connection | None = None
        self._stats = StatTables()
        self._pin: _Pin | None = None  # see `pinned`

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @property
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
                connection.executescript(_PRAGMAS)
                self._make_tables(connection)
            except (OSError, sqlite3.Error) as err:
                raise StoreError(f"{self.path}: cannot open the side store ({err})") from err
            self._connection = connection
        return self._connection

    @staticmethod
    def _make_tables(db: sqlite3.Connection) -> None:
        """Make the tables; those of another layout are dropped first: refilled from the store
        (those of a layout this one extends are kept)."""
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(_SETTINGS)
            row = db.execute("SELECT value FROM settings WHERE name = 'schema'").fetchone()
            if row is None or row[0] not in {_SCHEMA_VERSION, *_EXTENDED}:
                for table in _TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute("DELETE FROM settings")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            if row is not None and row[0] in _EXTENDED:
                consolidated.to_make(db)
            db.execute(
                "INSERT INTO settings (name, value) VALUES ('schema', ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (_SCHEMA_VERSION,),
            )
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @property
    def _reader(self) -> sqlite3.Connection | None:
        """The side store for reading; None while the file does not exist (reading makes
        nothing), or when a reader meets a file of another layout."""
        if self._connection is None and not self.path.exists():
            return None
        if not self.read_only:
            return self._db
        if self._connection is None:
            connection = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
            row = connection.execute("SELECT value FROM settings WHERE name = 'schema'").fetchone()
            if row is None or row[0] not in {_SCHEMA_VERSION, *_EXTENDED}:
                connection.close()
                return None
            self._connection = connection
        return self._connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction; a failure to write is one line."""
        if self.read_only:
            raise StoreError(f"{self.path}: the side store is open read-only")
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot write the side store ({err})") from err

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection | None]:
        """One read transaction: what it reads is one state of the file (None: none)."""
        db = self._reader
        if db is None:
            yield None
            return
        db.execute("BEGIN")
        try:
            yield db
        finally:
            db.execute("COMMIT")

    # -- reading -------------------------------------------------------------------------------

    def stats(self, store: GraphStore) -> Stats | None:
        """The counts of `kg stats`, when the side store covers the store (else None: ask the
        queries). Reading makes nothing: without the file there is no side store."""
        if self._connection is None and not self.path.exists():
            return None
        return self._read(store_graph_count(store), self._stats.read)

    def summary_facts(
        self, store: GraphStore, iris: Sequence[str], *, graphs: int
    ) -> dict[str, list[SummaryFact]] | None:
        """The rows each document's summary reads (see :func:`.summaries.summary_facts`) when
        the side store covers `store`, which holds `graphs` named graphs (`store_graph_count`,
        counted by the caller), else None: ask the queries."""
        return self._read(graphs, lambda db: summaries.summary_facts(db, store, iris))

    def chain_edges(
        self, documents: Sequence[str], *, upward: bool, graphs: int
    ) -> list[Edge] | None:
        """The links that act on `documents` (`upward`: that they act on) when the side store
        covers a store of `graphs` named graphs, else None: ask the queries."""
        return self._read(
            graphs, lambda db: edges.edges_of(db, documents, upward=upward, known=self._known)
        )

    def values_stated(
        self, predicate: str, subjects: Sequence[str], *, graphs: int
    ) -> dict[str, set[str]] | None:
        """The distinct values any graph states of a summary's `predicate` for each of
        `subjects` that has one, when the side store covers a store of `graphs` named graphs,
        else None: ask the queries."""
        return self._read(graphs, lambda db: summaries.values_stated(db, predicate, subjects))

    def source_paths(self, sources: Sequence[str], *, graphs: int) -> dict[str, str] | None:
        """The file path of each source that has one, when the side store covers a store of
        `graphs` named graphs, else None: ask the queries."""
        return self._read(graphs, lambda db: summaries.source_paths(db, sources))

    def consolidated(self, iris: Sequence[str], *, graphs: int) -> dict[str, str]:
        """The summary text kept of each of `iris` that has one (see :mod:`.consolidated`),
        when the side store covers a store of `graphs` named graphs (else none)."""
        return self._read(graphs, lambda db: consolidated.read(db, iris, self._known)) or {}

    def unconsolidated(self, *, graphs: int) -> list[str] | None:
        """The documents whose summaries are not kept, when the side store covers a store of
        `graphs` named graphs, else None."""
        return self._read(graphs, consolidated.missing)

    def every_consolidated(self, *, graphs: int) -> list[tuple[str, str]] | None:
        """(IRI, summary text) of every summary kept whole, when the side store covers a store
        of `graphs` named graphs, else None."""
        return self._read(graphs, consolidated.every)

    def stated_values(self, predicate: str, *, graphs: int) -> list[tuple[str, str]] | None:
        """(document, value) of every distinct value stated of one of a summary's predicates,
        when the side store covers a store of `graphs` named graphs, else None."""
        return self._read(graphs, lambda db: summaries.values_of(db, predicate))

    def consolidate(self, rows: Mapping[str, str]) -> None:
        """Keep the summary text of documents, made while the side store covered the store."""
        with self._transaction() as db:
            consolidated.keep(db, rows)

    @contextmanager
    def pinned(self) -> Iterator[None]:
        """Reads within see one state of the file: asked once whether it covers the store,
        and each term's id looked up once (`KnownTerms`). For an answer made of many reads (a
        trace reads a level's links, then the summaries of the documents they reach, level
        after level). Nothing may be written within."""
        if self._pin is not None or (self._connection is None and not self.path.exists()):
            yield
            return
        with ExitStack() as stack:
            try:
                db = stack.enter_context(self._snapshot())
            except (StoreError, sqlite3.Error):
                db = None  # an unreadable side store: each read finds it so, the queries answer
            self._pin = None if db is None else _Pin(db)
            try:
                yield
            finally:
                self._pin = None

    @property
    def _known(self) -> KnownTerms | None:
        return None if self._pin is None else self._pin.known

    def _read(self, graphs: int, read: Callable[[sqlite3.Connection], Read]) -> Read | None:
        if self._pin is not None:
            return self._pinned_read(self._pin, graphs, read)
        if self._connection is None and not self.path.exists():
            return None
        try:
            with self._snapshot() as db:
                if db is None or not self._cover(db, graphs):
                    return None
                return read(db)
        except (StoreError, sqlite3.Error):
            return None  # an unreadable side store: the queries still answer

    def _pinned_read(
        self, pin: _Pin, graphs: int, read: Callable[[sqlite3.Connection], Read]
    ) -> Read | None:
        try:
            if graphs not in pin.covers:
                pin.covers[graphs] = self._cover(pin.db, graphs)
            return read(pin.db) if pin.covers[graphs] else None
        except sqlite3.Error:
            return None

    def covers(self, store: GraphStore) -> bool:
        """Whether no graph is pending and the side store holds as many graphs as the store."""
        if self._connection is None and not self.path.exists():
            return False
        graphs = store_graph_count(store)
        with self._snapshot() as db:
            return db is not None and self._cover(db, graphs)

    @staticmethod
    def _cover(db: sqlite3.Connection, graphs: int) -> bool:
        if db.execute("SELECT 1 FROM graphs WHERE covered = 0 LIMIT 1").fetchone():
            return False
        return int(db.execute("SELECT COUNT(*) FROM graphs").fetchone()[0]) == graphs

    # -- writing, around the store's own writes ------------------------------------------------

    @contextmanager
    def writing(self, graph: str, added: Contribution) -> Iterator[None]:
        """Around the write of one graph: pending before it, its contribution after."""
        self.pending([graph])
        yield
        self.replace({graph: added})

    @contextmanager
    def removing(self, graph: str) -> Iterator[None]:
        """Around the removal of one graph: pending before it, forgotten after."""
        self.pending([graph])
        yield
        self.replace({graph: None})

    def pending(self, graphs: Iterable[str]) -> None:
        """Mark graphs about to be written or removed: the side store stops covering the store
        until each is confirmed (or settled from the store)."""
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO graphs (iri, covered) VALUES (?, 0) "
                "ON CONFLICT (iri) DO UPDATE SET covered = 0",
                [(g,) for g in graphs],
            )

    def replace(self, contributions: Mapping[str, Contribution | None]) -> None:
        """The store now holds these graphs with these contributions (None: no longer holds)."""
        with self._transaction() as db:
            self._change(db, contributions, covered=True)

    def stage(self, contributions: Mapping[str, Contribution]) -> None:
        """Count graphs whose statements are still on their way into the store (a bulk run),
        pending until `confirm`."""
        with self._transaction() as db:
            self._change(db, contributions, covered=False)

    def confirm(self, graphs: Sequence[str], forget: Sequence[str] = ()) -> None:
        """The store now holds the staged `graphs`, and no longer holds `forget`."""
        with self._transaction() as db:
            self._change(db, dict.fromkeys(forget), covered=True)
            for batch in batches(list(graphs)):
                db.execute(f"UPDATE graphs SET covered = 1 WHERE iri IN ({marks(batch)})", batch)

    def invalidate(self) -> None:
        """Before a change of the store the side store cannot follow (a SPARQL update): every
        graph pending, read again from the store when next settled."""
        if self._connection is None and not self.path.exists():
            return
        with self._transaction() as db:
            db.execute("UPDATE graphs SET covered = 0")
            consolidated.forget_all(db)

    def settle(self, store: GraphStore) -> None:
        """Make the side store cover the store: graphs pending or missing are read from it, a
        batch of graphs a transaction (a stopped settle keeps what it did), and graphs it no
        longer holds are forgotten. Only a writer of the store may settle: a graph must not
        change between its reading and its counting."""
        if self.covers(store):
            return
        present = set(store.graphs())
        with self._transaction() as db:
            held = dict(db.execute("SELECT iri, covered FROM graphs").fetchall())
        gone = sorted(set(held) - present)
        if gone:
            self.replace(dict.fromkeys(gone))
        stale = sorted(g for g in present if held.get(g) != 1)
        for batch in batches(stale, GRAPHS_PER_TRANSACTION):
            found = stored_contributions(store, batch)
            self.replace({graph: found.get(graph, Contribution()) for graph in batch})

    # -- the tables, changed by what each graph's contribution changes -------------------------

    def _change(
        self,
        db: sqlite3.Connection,
        contributions: Mapping[str, Contribution | None],
        *,
        covered: bool,
    ) -> None:
        """Replace (None: forget) the contributions of graphs, within the open transaction."""
        earlier = self._contributions(db, list(contributions))
        changed = {
            graph: new
            for graph, new in contributions.items()
            if new is None or graph not in earlier or earlier[graph].digest != new.digest
        }
        kept = [g for g, new in contributions.items() if new is not None]
        # A graph gets its id before its statements name it.
        db.executemany(
            "INSERT INTO graphs (iri, covered) VALUES (?, ?) "
            "ON CONFLICT (iri) DO UPDATE SET covered = excluded.covered",
            [(g, int(covered)) for g in kept],
        )
        added = {g: new for g, new in changed.items() if new is not None}
        graph_ids = dict(self._graph_ids(db, list(added)))
        facts: Counter[Triple] = Counter()
        cited: Counter[tuple[str, str]] = Counter()
        links: Counter[Triple] = Counter()
        removed: dict[int, list[Triple]] = {}
        for graph in changed:
            if graph in earlier:
                held = earlier[graph]
                facts.subtract(unpack_triples(held.facts))
                cited.subtract(self._citations(db, held.citations))
                links.subtract(unpack_triples(held.edges))
                removed[held.graph] = unpack_triples(held.statements)
        texts = {
            text
            for new in added.values()
            for subject, _, value in chain(new.facts, new.statements)
            for text in (subject, value)
        }
        texts.update(key for new in added.values() for _, key, _ in new.citations)
        texts.update(text for new in added.values() for edge in new.edges for text in edge)
        ids = intern(db, texts)
        rows = []
        stated: dict[int, list[Triple]] = {}
        for graph, new in added.items():
            fact_ids = [(ids[s], fact, ids[v]) for s, fact, v in new.facts]
            facts.update(fact_ids)
            for group, key, n in new.citations:
                cited[(group, key)] += n
            graph_id = graph_ids[graph]
            stated[graph_id] = [(ids[s], p, ids[v]) for s, p, v in new.statements]
            citations = [(_GROUPS.index(group), ids[key], n) for group, key, n in new.citations]
            edge_ids = [(ids[s], ids[r], ids[o]) for s, r, o in new.edges]
            links.update(edge_ids)
            blobs = (
                pack_triples(fact_ids),
                pack_triples(citations),
                pack_triples(stated[graph_id]),
                pack_triples(edge_ids),
            )
            rows.append((graph_id, new.digest, *blobs))
        self._stats.change(db, facts, cited, {i: t for t, i in ids.items()})
        known = {graph_ids[g]: g for g in added}

        def graph_iris(wanted: Iterable[int]) -> dict[int, str]:
            return self._graph_iris(db, wanted, known)

        restated = summaries.change(db, removed, stated, graph_iris, self._registry(db))
        if changed.keys() & _REFERENCE_GRAPHS:
            consolidated.forget_all(db)  # the labels of bodies and places may have changed
        else:
            consolidated.forget(db, restated)
        edges.change(db, links)
        db.executemany(
            "INSERT OR REPLACE INTO contributions "
            "(graph, digest, facts, citations, statements, edges) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        gone = [g for g, new in contributions.items() if new is None]
        for batch in batches(gone):
            db.execute(
                f"DELETE FROM contributions WHERE graph IN "
                f"(SELECT id FROM graphs WHERE iri IN ({marks(batch)}))",
                batch,
            )
            db.execute(f"DELETE FROM graphs WHERE iri IN ({marks(batch)})", batch)

    @staticmethod
    def _graph_ids(db: sqlite3.Connection, graphs: Sequence[str]) -> Iterator[tuple[str, int]]:
        for batch in batches(graphs):
            yield from db.execute(
                f"SELECT iri, id FROM graphs WHERE iri IN ({marks(batch)})", batch
            ).fetchall()

    @staticmethod
    def _graph_iris(
        db: sqlite3.Connection, wanted: Iterable[int], known: Mapping[int, str]
    ) -> dict[int, str]:
        """The IRI of each graph id of `wanted`, those not `known` read from the file."""
        iris = {graph: known[graph] for graph in wanted if graph in known}
        missing = sorted(set(wanted) - set(iris))
        for batch in batches(missing):
            sql = f"SELECT id, iri FROM graphs WHERE id IN ({marks(batch)})"
            iris.update(db.execute(sql, batch))
        return iris

    @staticmethod
    def _registry(db: sqlite3.Connection) -> int | None:
        row = db.execute("SELECT id FROM graphs WHERE iri = ?", (registry_graph_iri(),)).fetchone()
        return int(row[0]) if row else None

    @staticmethod
    def _contributions(db: sqlite3.Connection, graphs: Sequence[str]) -> dict[str, _Held]:
        """The contributions held of those of `graphs` counted."""
        found: dict[str, _Held] = {}
        for batch in batches(graphs):
            for iri, *held in db.execute(
                f"SELECT g.iri, g.id, c.digest, c.facts, c.citations, c.statements, c.edges "
                f"FROM graphs g "
                f"JOIN contributions c ON c.graph = g.id WHERE g.iri IN ({marks(batch)})",
                batch,
            ):
                found[iri] = _Held(*held)
        return found

    @staticmethod
    def _citations(db: sqlite3.Connection, blob: bytes) -> Counter[tuple[str, str]]:
        """A graph's citation counts as held, by (group, key)."""
        held = unpack_triples(blob)
        keys = [key for _, key, _ in held]
        texts = term_texts(db, keys)
        return Counter({(_GROUPS[group], texts[key]): n for group, key, n in held})


class BulkContributions:
    """The side store around one bulk run (:mod:`kg.bulk`): the earlier graphs of its files
    pending before the run drops them, each chunk's files counted (pending) as they are built,
    and all confirmed once the fingerprints are loaded, the earlier graphs of files that failed
    forgotten. A run stopped before leaves them pending: settled from the store by the next.
    Without a side store, nothing is done."""

    def __init__(self, side: SideStore | None, earlier: Sequence[str]) -> None:
        self.side, self.earlier = side, list(earlier)
        self.written: set[str] = set()
        if side is not None:
            side.pending(self.earlier)

    def stage(self, counted: Mapping[str, Contribution]) -> None:
        self.written.update(counted)
        if self.side is not None and counted:
            self.side.stage(counted)

    def finish(self) -> None:
        if self.side is not None:
            dropped = [graph for graph in self.earlier if graph not in self.written]
            self.side.confirm(sorted(self.written), forget=dropped)
