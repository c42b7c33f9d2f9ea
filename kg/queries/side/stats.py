"""The counts of `kg stats`, kept up to date as files are written: a few rows to read, not a scan.

The shipped queries (stats_totals.rq, stats_by_*.rq) scan the whole graph: 27 s at 100,000
documents. Each count they make is a function of what the graphs state, so the side store
(:mod:`kg.queries.side.store`) keeps, integer-keyed, in three layers:

* what each graph contributes, a pure function of its statements (`stat_facts`,
  `citation_counts`): the facts the counts depend on of every subject it names (typed
  vk:Document, read from its file, kind, level, province, date; in the ontology and registry
  graphs, labels and notations too), and its citations counted (all, links, resolved,
  ambiguous, by relation);
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
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

import pyoxigraph as ox

from kg.identity import ontology_graph_iri, registry_graph_iri
from kg.namespaces import ELI, PROV, RDF, RDFS, SKOS, VK, XSD
from kg.queries.citations import PROPERTY_RELATIONS
from kg.queries.report import STAT_GROUPS, TOTALS, Stats
from kg.queries.side.tables import batches, marks

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

# The predicates whose statements `stat_facts` reads (with a subject's type and derivation).
FACT_PREDICATES = (*_VALUED, ELI + "date_document")

Statement = tuple[str, str, ox.NamedNode | ox.Literal | ox.BlankNode]
Fact = tuple[str, int, str]
# (group, key, count) of a graph's citations: ("total", "citations", 58), ("relation", IRI, 9).
CitationCount = tuple[str, str, int]


def stat_facts(statements: Iterable[Statement], graph: str) -> frozenset[Fact]:
    """The facts the counts depend on that `graph` states (subject, fact, value)."""
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


def citation_counts(statements: Iterable[Statement]) -> tuple[CitationCount, ...]:
    """The citations of one graph counted: in all, links, resolved, ambiguous, by relation."""
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


# The citations of each graph asked for, counted as `citation_counts` counts them. NOT EXISTS,
# not MINUS: within a graph it tests a few candidates, where MINUS joins every citation of the
# batch (0.15 s a batch of 100 graphs, against 2 ms).
STORED_CITATIONS = f"""
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


# -- the tables --------------------------------------------------------------------------------

SCHEMA = """
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
TABLES = ("facts", "document_counts", "citation_counts")


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


class StatTables:
    """The stats' tables of one side store, with the names last read from them."""

    def __init__(self) -> None:
        self._names: tuple[str, _Names] | None = None

    def change(
        self,
        db: sqlite3.Connection,
        facts: Counter[tuple[int, int, int]],
        cited: Counter[tuple[str, str]],
        texts: dict[int, str],
    ) -> None:
        """Add `facts` (graphs stating each (subject, fact, value) ids) and `cited` (citation
        counts), within the open transaction; `texts` holds the texts of the ids it knows."""
        self._count_facts(db, facts, texts)
        _add_counts(db, "citation_counts", cited)

    def read(self, db: sqlite3.Connection) -> Stats:
        documents = db.execute("SELECT grp, key, n FROM document_counts").fetchall()
        citations = db.execute("SELECT grp, key, n FROM citation_counts").fetchall()
        return _stats(documents + citations)

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
        for batch in batches(subjects):
            for subject, fact, value, graphs, text in db.execute(
                f"SELECT f.subject, f.fact, f.value, f.graphs, t.text FROM facts f "
                f"JOIN terms t ON t.id = f.value WHERE f.subject IN ({marks(batch)})",
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
