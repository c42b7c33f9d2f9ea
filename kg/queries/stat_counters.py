"""The counts of `kg stats`, kept up to date as files are written: a few rows to read, not a scan.

The shipped queries (stats_totals.rq, stats_by_*.rq) scan the whole graph: 27 s at 100,000
documents. Each count they make is a function of what the graphs state, so every write keeps
counters beside the search index (``STORE/counters.sqlite``), integer-keyed, in three layers:

* what each graph contributes, a pure function of its statements (`contribution`): the facts
  the counts depend on of every subject it names (typed vk:Document, read from its file, kind,
  level, province, date; in the ontology and registry graphs, labels and notations too), and
  its citations counted (all, links, resolved, ambiguous, by relation);
* per subject and fact, how many graphs state it: a document stated by many files counts once,
  and leaves a group when the last graph stating its key goes;
* the counts by group and key, changed by what each write changes: what `stats` reads.

The queries are the specification, and are kept: each fact follows what they join. Documents
are those typed vk:Document in a graph other than the registry's; their level, province and
date may come from any graph, the registry's too; kinds are read outside the registry graph,
named by the notation of their concept; a province is named by its labels in Vietnamese or
without a language. Labels and notations are read from the ontology and registry graphs only:
the graphs of files state neither (kinds and places are the ontology's and the registry's).
Citations are counted per graph and added up: a citation's IRI names its file
(`kg.identity.citation_prefix`), so no two graphs state one citation; likewise the subjects a
graph derives from its file without typing them vk:Document (citations, tasks, reviews) are its
own, which is why a document counts as read from a file when one graph states both.
Dates are the xsd:date the graph builders write.

The store stays the truth. Like the change log (`kg.changes.log`), a write marks its graph
*pending* before the store's transaction and confirms it after; a bulk run confirms its files
once their fingerprints are loaded. `stats` uses the counters only when none is pending and they
hold as many graphs as the store (one cheap count: listing a million graphs' IRIs takes seconds,
counting them does not); otherwise it asks the queries. A writer settles the counters before it
writes (`Ingestor.plan`), as does `KG.stats` on a store it may write: graphs pending or missing
are read again from the store, a batch of graphs a query, and graphs the store lost are
forgotten. A SPARQL update may change anything: it marks every graph pending. A SPARQL endpoint
has no counters: other tools may write to it. What the count cannot see is another program (or a
`kg` older than the counters) changing graphs of the store's directory without changing how many
there are: deleting ``counters.sqlite`` has them read again from the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.identity import ontology_graph_iri, registry_graph_iri
from kg.namespaces import ELI, PROV, RDF, RDFS, SKOS, VK, XSD
from kg.queries.citations import PROPERTY_RELATIONS
from kg.queries.report import STAT_GROUPS, TOTALS, Stats
from kg.store import GraphStore, SelectResult

COUNTERS_FILE = "counters.sqlite"

# The facts of a subject the counts depend on: (subject, fact, value) for each graph stating it.
DOCUMENT = 1  # typed vk:Document in a graph other than the registry's (value "")
REGISTERED = 2  # typed vk:Document in the registry graph (value "")
READ = 3  # typed vk:Document and derived from the graph's file (value "")
KIND = 4  # eli:type_document outside the registry graph: the kind's concept
LEVEL = 5  # vk:level
PROVINCE = 6  # vk:province
DATE = 7  # eli:date_document, an xsd:date: its lexical form
LABEL = 8  # rdfs:label in Vietnamese or without a language, in a reference graph
NOTATION = 9  # skos:notation, in a reference graph
# Facts from here on name other subjects (a province's label, a concept's notation): when one
# comes or goes, every document's keys are worked out again. (The schema's index says 8.)
_NAMES = LABEL

_TYPE = RDF + "type"
_DOCUMENT = VK + "Document"
_CITATION = VK + "Citation"
_DERIVED = PROV + "wasDerivedFrom"
_DATE_TYPE = XSD + "date"
_VALUED = {
    ELI + "type_document": KIND,
    VK + "level": LEVEL,
    VK + "province": PROVINCE,
}
_REFERENCE_NAMES = {RDFS + "label": LABEL, SKOS + "notation": NOTATION}
_STATED_IN = VK + "statedIn"
_CITED = VK + "citedDocument"
_CANDIDATE = VK + "candidate"
_RELATION = VK + "relation"

# Graphs per query when reading what the store holds, and per transaction when settling.
GRAPHS_PER_QUERY = 100
GRAPHS_PER_TRANSACTION = 500
# Values per `IN (...)` list: under SQLite's smallest limit of parameters.
_IN_BATCH = 500
_SCHEMA_VERSION = "1"

Statement = tuple[str, str, ox.NamedNode | ox.Literal | ox.BlankNode]
Fact = tuple[str, int, str]
# (group, key, count) of a graph's citations: ("total", "citations", 58), ("relation", IRI, 9).
CitationCount = tuple[str, str, int]


@dataclass(frozen=True)
class Contribution:
    """What one graph adds to the counts: the facts it states and its citations counted."""

    facts: frozenset[Fact] = frozenset()
    citations: tuple[CitationCount, ...] = ()

    @cached_property
    def digest(self) -> str:
        """Equal for equal contributions: a graph written again the same changes nothing."""
        text = json.dumps([sorted(self.facts), sorted(self.citations)], ensure_ascii=False)
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def contribution(statements: Iterable[Statement], graph: str) -> Contribution:
    """What the statements of `graph` (subject, predicate, object) add to the counts."""
    statements = list(statements)
    return Contribution(_facts(statements, graph), _citations(statements))


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


def _facts(statements: Iterable[Statement], graph: str) -> frozenset[Fact]:
    registry = graph == registry_graph_iri()
    reference = registry or graph == ontology_graph_iri()
    facts: set[Fact] = set()
    typed: set[str] = set()
    derived: set[str] = set()
    for subject, predicate, obj in statements:
        if predicate == _TYPE:
            if isinstance(obj, ox.NamedNode) and obj.value == _DOCUMENT:
                typed.add(subject)
        elif predicate == _DERIVED:
            derived.add(subject)
        elif predicate in _VALUED:
            fact = _VALUED[predicate]
            if not (registry and fact == KIND):
                facts.add((subject, fact, obj.value))
        elif predicate == ELI + "date_document":
            if isinstance(obj, ox.Literal) and obj.datatype.value == _DATE_TYPE:
                facts.add((subject, DATE, obj.value))
        elif reference and predicate in _REFERENCE_NAMES and _naming(predicate, obj):
            facts.add((subject, _REFERENCE_NAMES[predicate], obj.value))
    facts.update((subject, REGISTERED if registry else DOCUMENT, "") for subject in typed)
    facts.update((subject, READ, "") for subject in typed & derived)
    return frozenset(facts)


def _naming(predicate: str, obj: ox.NamedNode | ox.Literal | ox.BlankNode) -> bool:
    """Whether a label or notation names its subject as the queries read it: any notation, a
    label in Vietnamese or without a language."""
    return predicate == SKOS + "notation" or (
        isinstance(obj, ox.Literal) and obj.language in (None, "vi")
    )


def _citations(statements: Iterable[Statement]) -> tuple[CitationCount, ...]:
    citations: set[str] = set()
    links: set[str] = set()
    resolved: set[str] = set()
    candidates: set[str] = set()
    relations: dict[str, set[str]] = defaultdict(set)
    for subject, predicate, obj in statements:
        if predicate == _TYPE:
            if isinstance(obj, ox.NamedNode) and obj.value == _CITATION:
                citations.add(subject)
        elif predicate == _STATED_IN:
            links.add(subject)
        elif predicate == _CITED:
            resolved.add(subject)
        elif predicate == _CANDIDATE:
            candidates.add(subject)
        elif predicate == _RELATION:
            relations[obj.value].add(subject)
    totals = {
        "citations": len(citations),
        "links": len(links),
        "resolved": len(resolved),
        "ambiguous": len(candidates - resolved),
    }
    counts = [("total", key, n) for key, n in totals.items() if n]
    counts += [("relation", key, len(cited)) for key, cited in relations.items()]
    return tuple(sorted(counts))


# -- what the store holds ----------------------------------------------------------------------


def _values(predicates: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in predicates)


# The statements of each graph asked for that `_facts` reads, less the citations' derivations.
_STORED_FACTS = f"""
SELECT ?g ?s ?p ?o WHERE {{
  GRAPH ?g {{
    VALUES ?g {{}}
    {{ VALUES ?p {{ {_values([*_VALUED, ELI + "date_document"])} }} ?s ?p ?o }}
    UNION {{ ?s a <{_DOCUMENT}> BIND(<{_TYPE}> AS ?p) BIND(<{_DOCUMENT}> AS ?o) }}
    UNION {{ ?s a <{_DOCUMENT}> ; <{_DERIVED}> ?o BIND(<{_DERIVED}> AS ?p) }}
  }}
}}
"""

# The citations of each graph asked for, counted as `_citations` counts them. NOT EXISTS, not
# MINUS: within a graph it tests a few candidates, where MINUS joins every citation of the batch
# (0.15 s a batch of 100 graphs, against 2 ms).
_STORED_CITATIONS = f"""
SELECT ?g ?group ?key (COUNT(DISTINCT ?c) AS ?n) WHERE {{
  GRAPH ?g {{
    VALUES ?g {{}}
    {{ ?c a <{_CITATION}> BIND("total" AS ?group) BIND("citations" AS ?key) }}
    UNION {{ ?c <{_STATED_IN}> ?x BIND("total" AS ?group) BIND("links" AS ?key) }}
    UNION {{ ?c <{_CITED}> ?x BIND("total" AS ?group) BIND("resolved" AS ?key) }}
    UNION {{
      ?c <{_CANDIDATE}> ?x FILTER NOT EXISTS {{ ?c <{_CITED}> ?y }}
      BIND("total" AS ?group) BIND("ambiguous" AS ?key)
    }}
    UNION {{ ?c <{_RELATION}> ?r BIND("relation" AS ?group) BIND(STR(?r) AS ?key) }}
  }}
}} GROUP BY ?g ?group ?key
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
    reference = {ontology_graph_iri(), registry_graph_iri()}
    for graph in sorted(reference.intersection(graphs)):
        node = ox.NamedNode(graph)
        result = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")
        assert isinstance(result, SelectResult)
        rows = [(r["s"].value, r["p"].value, r["o"]) for r in result.rows]
        found[graph] = contribution(rows, graph)
    sources = [g for g in graphs if g not in reference]
    for start in range(0, len(sources), GRAPHS_PER_QUERY):
        batch = sources[start : start + GRAPHS_PER_QUERY]
        statements: dict[str, list[Statement]] = defaultdict(list)
        for row in _select(store, _STORED_FACTS, batch):
            statements[row["g"].value].append((row["s"].value, row["p"].value, row["o"]))
        citations: dict[str, list[CitationCount]] = defaultdict(list)
        for row in _select(store, _STORED_CITATIONS, batch):
            count = (row["group"].value, row["key"].value, int(row["n"].value))
            citations[row["g"].value].append(count)
        for graph in batch:
            facts = _facts(statements.get(graph, ()), graph)
            found[graph] = Contribution(facts, tuple(sorted(citations.get(graph, ()))))
    return found


def store_graph_count(store: GraphStore) -> int:
    """How many named graphs the store holds: one count, without reading their IRIs."""
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g {} }")
    assert isinstance(result, SelectResult)
    return int(result.rows[0]["n"].value) if result.rows else 0


# -- the counters file -------------------------------------------------------------------------

_SCHEMA = """
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
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
    citations TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (
    subject INTEGER NOT NULL,
    fact INTEGER NOT NULL,
    value INTEGER NOT NULL,
    graphs INTEGER NOT NULL,
    PRIMARY KEY (subject, fact, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_names ON facts (fact) WHERE fact >= 8;
CREATE TABLE IF NOT EXISTS document_counts (
    grp TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (grp, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS citation_counts (
    grp TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (grp, key)
) WITHOUT ROWID;
"""


@dataclass
class _Names:
    """Labels of places and notations of concepts, by the subject's IRI, as the facts hold them."""

    labels: dict[str, list[str]] = field(default_factory=dict)
    notations: dict[str, list[str]] = field(default_factory=dict)


def document_keys(facts: Mapping[int, set[str]], names: _Names) -> set[tuple[str, str]]:
    """The (group, key) pairs one subject counts under, from its facts stated by any graph."""
    keys: set[tuple[str, str]] = set()
    for concept in facts.get(KIND, ()):
        keys.update(("kind", notation) for notation in names.notations.get(concept, ()))
    if READ in facts:
        keys.add(("total", "ingested_documents"))
    if DOCUMENT not in facts:
        return keys
    keys.add(("total", "documents"))
    keys.update(("level", level) for level in facts.get(LEVEL) or ("unknown",))
    for province in facts.get(PROVINCE, ()):
        keys.update(("province", label) for label in names.labels.get(province) or (province,))
    dates = facts.get(DATE)
    if dates:
        keys.add(("year", str(int(min(dates)[:4]))))
    return keys


def _pack(triples: Iterable[tuple[int, int, int]]) -> bytes:
    flat = array("q", chain.from_iterable(sorted(triples)))
    if sys.byteorder == "big":
        flat.byteswap()
    return zlib.compress(flat.tobytes(), 1)


def _unpack(blob: bytes) -> list[tuple[int, int, int]]:
    flat = array("q")
    flat.frombytes(zlib.decompress(blob))
    if sys.byteorder == "big":
        flat.byteswap()
    return list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))


def _batches(items: Sequence[Any], size: int = _IN_BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(items: Sequence[Any]) -> str:
    return ", ".join("?" * len(items))


class StatCounters:
    """The counters of one store; the SQLite file is opened (and, to write, made) on first use.
    `read_only`: never made nor written (a reader without it asks the queries)."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._connection: sqlite3.Connection | None = None
        self._names: tuple[str, _Names] | None = None

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
                connection.executescript(_SCHEMA)
                self._check_version(connection)
            except (OSError, sqlite3.Error) as err:
                raise StoreError(f"{self.path}: cannot open the stats counters ({err})") from err
            self._connection = connection
        return self._connection

    @staticmethod
    def _check_version(db: sqlite3.Connection) -> None:
        """Counters of another layout are emptied: they are refilled from the store."""
        row = db.execute("SELECT value FROM settings WHERE name = 'schema'").fetchone()
        if row is not None and row[0] == _SCHEMA_VERSION:
            return
        db.execute("BEGIN IMMEDIATE")
        tables = ("terms", "graphs", "contributions", "facts", "document_counts", "citation_counts")
        for table in tables:
            db.execute(f"DELETE FROM {table}")
        db.execute(
            "INSERT INTO settings (name, value) VALUES ('schema', ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (_SCHEMA_VERSION,),
        )
        db.execute("COMMIT")

    @property
    def _reader(self) -> sqlite3.Connection | None:
        """The counters for reading; None while the file does not exist (reading makes
        nothing), or when a reader meets counters of another layout."""
        if self._connection is None and not self.path.exists():
            return None
        if not self.read_only:
            return self._db
        if self._connection is None:
            connection = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
            row = connection.execute("SELECT value FROM settings WHERE name = 'schema'").fetchone()
            if row is None or row[0] != _SCHEMA_VERSION:
                connection.close()
                return None
            self._connection = connection
        return self._connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction; a failure to write is one line."""
        if self.read_only:
            raise StoreError(f"{self.path}: the stats counters are open read-only")
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
            raise StoreError(f"{self.path}: cannot write the stats counters ({err})") from err

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection | None]:
        """One read transaction: what it reads is one state of the counters (None: none)."""
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
        """The counts of `kg stats`, when the counters cover the store (else None: ask the
        queries). Reading makes nothing: without the file there are no counters."""
        if self._connection is None and not self.path.exists():
            return None
        graphs = store_graph_count(store)
        try:
            with self._snapshot() as db:
                if db is None or not self._cover(db, graphs):
                    return None
                documents = db.execute("SELECT grp, key, n FROM document_counts").fetchall()
                citations = db.execute("SELECT grp, key, n FROM citation_counts").fetchall()
        except (StoreError, sqlite3.Error):
            return None  # unreadable counters: the queries still answer
        return _stats(documents + citations)

    def covers(self, store: GraphStore) -> bool:
        """Whether no graph is pending and the counters hold as many graphs as the store."""
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
        """Mark graphs about to be written or removed: the counters stop covering the store
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
            for batch in _batches(list(graphs)):
                db.execute(f"UPDATE graphs SET covered = 1 WHERE iri IN ({_marks(batch)})", batch)

    def invalidate(self) -> None:
        """Before a change of the store the counters cannot follow (a SPARQL update): every
        graph pending, read again from the store when next settled."""
        if self._connection is None and not self.path.exists():
            return
        with self._transaction() as db:
            db.execute("UPDATE graphs SET covered = 0")

    def settle(self, store: GraphStore) -> None:
        """Make the counters cover the store: graphs pending or missing are read from it, a
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
        for batch in _batches(stale, GRAPHS_PER_TRANSACTION):
            found = stored_contributions(store, batch)
            self.replace({graph: found.get(graph, Contribution()) for graph in batch})

    # -- the counts, changed by what each graph's contribution changes -------------------------

    def _change(
        self,
        db: sqlite3.Connection,
        contributions: Mapping[str, Contribution | None],
        *,
        covered: bool,
    ) -> None:
        """Replace (None: forget) the contributions of graphs, within the open transaction."""
        graphs = list(contributions)
        earlier = self._contributions(db, graphs)
        changed = {
            graph: new
            for graph, new in contributions.items()
            if new is None or graph not in earlier or earlier[graph][1] != new.digest
        }
        facts: Counter[tuple[int, int, int]] = Counter()
        cited: Counter[tuple[str, str]] = Counter()
        for graph in changed:
            if graph in earlier:
                _, _, blob, citations = earlier[graph]
                facts.subtract(_unpack(blob))
                for group, key, n in json.loads(citations):
                    cited[(group, key)] -= n
        texts = {
            text
            for new in changed.values()
            if new is not None
            for subject, _, value in new.facts
            for text in (subject, value)
        }
        ids = self._intern(db, texts)
        added: dict[str, tuple[list[tuple[int, int, int]], Contribution]] = {}
        for graph, new in changed.items():
            if new is None:
                continue
            triples = [(ids[s], fact, ids[v]) for s, fact, v in new.facts]
            facts.update(triples)
            for group, key, n in new.citations:
                cited[(group, key)] += n
            added[graph] = (triples, new)
        self._count_facts(db, facts, {i: t for t, i in ids.items()})
        _add_counts(db, "citation_counts", cited)
        self._write_graphs(db, contributions, added, covered=covered)

    def _write_graphs(
        self,
        db: sqlite3.Connection,
        contributions: Mapping[str, Contribution | None],
        added: Mapping[str, tuple[list[tuple[int, int, int]], Contribution]],
        *,
        covered: bool,
    ) -> None:
        gone = [g for g, new in contributions.items() if new is None]
        for batch in _batches(gone):
            marks = _marks(batch)
            db.execute(
                f"DELETE FROM contributions WHERE graph IN "
                f"(SELECT id FROM graphs WHERE iri IN ({marks}))",
                batch,
            )
            db.execute(f"DELETE FROM graphs WHERE iri IN ({marks})", batch)
        kept = [g for g, new in contributions.items() if new is not None]
        db.executemany(
            "INSERT INTO graphs (iri, covered) VALUES (?, ?) "
            "ON CONFLICT (iri) DO UPDATE SET covered = excluded.covered",
            [(g, int(covered)) for g in kept],
        )
        if not added:
            return
        graph_ids = dict(self._graph_ids(db, list(added)))
        db.executemany(
            "INSERT OR REPLACE INTO contributions (graph, digest, facts, citations) "
            "VALUES (?, ?, ?, ?)",
            [
                (graph_ids[g], new.digest, _pack(triples), json.dumps(new.citations))
                for g, (triples, new) in added.items()
            ],
        )

    @staticmethod
    def _graph_ids(db: sqlite3.Connection, graphs: Sequence[str]) -> Iterator[tuple[str, int]]:
        for batch in _batches(graphs):
            yield from db.execute(
                f"SELECT iri, id FROM graphs WHERE iri IN ({_marks(batch)})", batch
            ).fetchall()

    @staticmethod
    def _contributions(
        db: sqlite3.Connection, graphs: Sequence[str]
    ) -> dict[str, tuple[int, str, bytes, str]]:
        """(graph id, digest, facts, citations) of those of `graphs` counted."""
        found: dict[str, tuple[int, str, bytes, str]] = {}
        for batch in _batches(graphs):
            for iri, graph, digest, blob, citations in db.execute(
                f"SELECT g.iri, g.id, c.digest, c.facts, c.citations FROM graphs g "
                f"JOIN contributions c ON c.graph = g.id WHERE g.iri IN ({_marks(batch)})",
                batch,
            ):
                found[iri] = (graph, digest, blob, citations)
        return found

    @staticmethod
    def _intern(db: sqlite3.Connection, texts: set[str]) -> dict[str, int]:
        """The id of each text, made for those met for the first time."""
        ids: dict[str, int] = {}
        wanted = sorted(texts)
        for batch in _batches(wanted):
            ids.update(
                db.execute(f"SELECT text, id FROM terms WHERE text IN ({_marks(batch)})", batch)
            )
        new = [text for text in wanted if text not in ids]
        db.executemany("INSERT INTO terms (text) VALUES (?)", [(text,) for text in new])
        for batch in _batches(new):
            ids.update(
                db.execute(f"SELECT text, id FROM terms WHERE text IN ({_marks(batch)})", batch)
            )
        return ids

    def _count_facts(
        self, db: sqlite3.Connection, delta: Counter[tuple[int, int, int]], texts: dict[int, str]
    ) -> None:
        """Add `delta` (graphs stating each fact) to the facts, and what it changes of each
        subject's keys to the document counts."""
        delta = Counter({triple: n for triple, n in delta.items() if n})
        if not delta:
            return
        subjects = sorted({subject for subject, _, _ in delta})
        stated: dict[tuple[int, int, int], int] = {}
        for batch in _batches(subjects):
            for subject, fact, value, graphs, text in db.execute(
                f"SELECT f.subject, f.fact, f.value, f.graphs, t.text FROM facts f "
                f"JOIN terms t ON t.id = f.value WHERE f.subject IN ({_marks(batch)})",
                batch,
            ):
                stated[(subject, fact, value)] = graphs
                texts[value] = text
        after = dict(stated)
        for triple, n in delta.items():
            after[triple] = after.get(triple, 0) + n
        names_changed = any(
            triple[1] >= _NAMES and (stated.get(triple, 0) > 0) != (after[triple] > 0)
            for triple in delta
        )
        db.executemany(
            "INSERT INTO facts (subject, fact, value, graphs) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (subject, fact, value) DO UPDATE SET graphs = excluded.graphs",
            [(*triple, after[triple]) for triple in delta if after[triple] > 0],
        )
        db.executemany(
            "DELETE FROM facts WHERE subject = ? AND fact = ? AND value = ?",
            [triple for triple in delta if after[triple] <= 0],
        )
        if names_changed:
            db.execute(
                "INSERT INTO settings (name, value) VALUES ('names', ?) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (os.urandom(8).hex(),),  # tells every reader its names are out of date
            )
            self._recount_documents(db)
            return
        names = self._load_names(db)
        counts: Counter[tuple[str, str]] = Counter()
        for subject, before_keys, after_keys in _key_changes(stated, after, texts, names):
            del subject
            counts.update(after_keys - before_keys)
            counts.subtract(before_keys - after_keys)
        _add_counts(db, "document_counts", counts)

    def _load_names(self, db: sqlite3.Connection) -> _Names:
        """Labels and notations, read again only when they changed (see `_count_facts`)."""
        row = db.execute("SELECT value FROM settings WHERE name = 'names'").fetchone()
        stamp = row[0] if row else ""
        if self._names is not None and self._names[0] == stamp:
            return self._names[1]
        names = _Names()
        for subject, fact, value in db.execute(
            "SELECT s.text, f.fact, v.text FROM facts f JOIN terms s ON s.id = f.subject "
            "JOIN terms v ON v.id = f.value WHERE f.fact >= 8"
        ):
            kept = names.labels if fact == LABEL else names.notations
            kept.setdefault(subject, []).append(value)
        self._names = (stamp, names)
        return names

    def _recount_documents(self, db: sqlite3.Connection) -> None:
        """Count every subject's keys again (labels or notations changed: a new registry)."""
        names = self._load_names(db)
        counts: Counter[tuple[str, str]] = Counter()
        rows = db.execute(
            "SELECT f.subject, f.fact, t.text FROM facts f JOIN terms t ON t.id = f.value "
            "ORDER BY f.subject"
        )
        for _, facts in groupby(rows, key=itemgetter(0)):
            state: dict[int, set[str]] = defaultdict(set)
            for _, fact, text in facts:
                state[fact].add(text)
            counts.update(document_keys(state, names))
        db.execute("DELETE FROM document_counts")
        _add_counts(db, "document_counts", counts)


class BulkCounts:
    """The counters around one bulk run (:mod:`kg.bulk`): the earlier graphs of its files
    pending before the run drops them, each chunk's files counted (pending) as they are built,
    and all confirmed once the fingerprints are loaded, the earlier graphs of files that failed
    forgotten. A run stopped before leaves them pending: settled from the store by the next.
    Without counters, nothing is done."""

    def __init__(self, counters: StatCounters | None, earlier: Sequence[str]) -> None:
        self.counters, self.earlier = counters, list(earlier)
        self.written: set[str] = set()
        if counters is not None:
            counters.pending(self.earlier)

    def stage(self, counted: Mapping[str, Contribution]) -> None:
        self.written.update(counted)
        if self.counters is not None and counted:
            self.counters.stage(counted)

    def finish(self) -> None:
        if self.counters is not None:
            dropped = [graph for graph in self.earlier if graph not in self.written]
            self.counters.confirm(sorted(self.written), forget=dropped)


def _key_changes(
    stated: Mapping[tuple[int, int, int], int],
    after: Mapping[tuple[int, int, int], int],
    texts: Mapping[int, str],
    names: _Names,
) -> Iterator[tuple[int, set[tuple[str, str]], set[tuple[str, str]]]]:
    """(subject, keys before, keys after) of each subject whose facts are in `after`."""
    before: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (subject, fact, value), graphs in stated.items():
        if graphs > 0:
            before[subject][fact].add(texts[value])
    now: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (subject, fact, value), graphs in after.items():
        if graphs > 0:
            now[subject][fact].add(texts[value])
    for subject in {subject for subject, _, _ in after}:
        yield (
            subject,
            document_keys(before.get(subject, {}), names),
            document_keys(now.get(subject, {}), names),
        )


def _add_counts(db: sqlite3.Connection, table: str, delta: Counter[tuple[str, str]]) -> None:
    changes = [(group, key, n) for (group, key), n in delta.items() if n]
    if not changes:
        return
    db.executemany(
        f"INSERT INTO {table} (grp, key, n) VALUES (?, ?, ?) "
        f"ON CONFLICT (grp, key) DO UPDATE SET n = n + excluded.n",
        changes,
    )
    db.execute(f"DELETE FROM {table} WHERE n = 0")


def _stats(rows: Iterable[tuple[str, str, int]]) -> Stats:
    """The counters' rows as `kg stats` answers: the shape of `kg.queries.report.stats`."""
    counted: dict[str, dict[str, int]] = defaultdict(dict)
    for group, key, n in rows:
        if group == "relation":
            key = PROPERTY_RELATIONS.get(key, key)
        counted[group][key] = n
    totals = {name: counted["total"].get(name, 0) for name in TOTALS}
    totals["references"] = totals["citations"] - totals["links"]
    totals["unresolved"] = totals["citations"] - totals["resolved"] - totals["ambiguous"]
    groups: dict[str, dict[str, int]] = {}
    for group in STAT_GROUPS:
        counts = counted.get(group, {})
        # As the queries order them: by count, the largest first; years in order.
        order = sorted(counts) if group == "year" else sorted(counts, key=lambda k: (-counts[k], k))
        groups[group] = {key: counts[key] for key in order}
    return Stats(totals, groups)
