"""What document summaries read, kept as files are written: a trace's thousands of summaries
from a few rows each, not from the graphs of every file that restates a document.

A summary (`kg.queries.documents.DocumentCatalog`) reads eleven predicates of a document from
every graph (document_summary_facts.rq): each distinct value once, with how many graphs state it
and the graph that stands for them (the registry's when it states it, else the smallest graph
IRI: the rank of document_summary_values.rq), plus every statement of the document's own graphs
(those where it is derived from the file). `document_summary_values.rq` groups thousands of
rows per central document to find them (3.6 s of a 4.8 s trace at 10,000 documents); here each
(document, predicate, value) is one row holding the count and the graph shown, changed by what
each graph's write changes, in time that does not grow with how many graphs state it. The
statements of a document's own graphs are read from those graphs' contributions. When the graph
shown goes and others still state the value, the next is not known without listing every graph
per value (most of the file): it is left unknown and found in the store when read, one query
for all such values of the documents asked.

A graph contributes its statements of those predicates (`summary_statements`), and the file
path of its source (vk:path, for `source_paths`). A derivation is kept for the subjects the
graph types vk:Document, as the graph builders write a document read from its file: the other
subjects a graph derives from its file (citations, tasks, spans, thousands per file) are no
summary's. Values keep their kind of term, so a value stated as an IRI and as a string, or with
and without a language, stays two values as the queries group them.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg.identity import registry_graph_iri
from kg.namespaces import ELI, PROV, RDF, VK, XSD
from kg.queries import BATCH_SIZE, fill_values
from kg.queries.side.tables import Triple, batches, marks, term_ids, term_texts, unpack_triples
from kg.store import GraphStore, SelectResult

# The predicates a summary reads (document_summary_facts.rq), coded by their place here from 1.
SUMMARY_PREDICATES = (
    ELI + "date_document",
    ELI + "title",
    VK + "symbol",
    ELI + "number",
    ELI + "type_document",
    VK + "term",
    VK + "level",
    VK + "province",
    ELI + "passed_by",
    VK + "issuerName",
    PROV + "wasDerivedFrom",
)
PATH = VK + "path"  # a source's file (source_paths.rq), coded after them
_CODES = {iri: code for code, iri in enumerate((*SUMMARY_PREDICATES, PATH), start=1)}
_DERIVED = _CODES[PROV + "wasDerivedFrom"]
_PATH = _CODES[PATH]
_TYPE = RDF + "type"
_DOCUMENT = VK + "Document"

# The kind of term a value is, kept beside its predicate's code (code * 8 + kind): its text
# alone would make one value of <x> and "x", or of "x"@vi and "x".
_IRI, _STRING, _VIETNAMESE, _DATE, _OTHER = range(5)  # _OTHER: the text is N-Triples
_KINDS = 8
# The first code of a source's path, of any kind: the codes below it are a summary's.
PATH_CODE = _PATH * _KINDS
_STRING_TYPE = XSD + "string"
_DATE_TYPE = XSD + "date"

Statement = tuple[str, str, ox.NamedNode | ox.Literal | ox.BlankNode]
# (subject IRI, predicate code * 8 + kind of value, value as kept) of one statement.
Stated = tuple[str, int, str]
# (predicate IRI, value, graph IRI, how many graphs state it): a row of a summary.
SummaryFact = tuple[str, str, str, int]


def summary_statements(statements: Iterable[Statement]) -> frozenset[Stated]:
    """The statements of one graph that summaries and source paths read."""
    kept: set[Stated] = set()
    typed: set[str] = set()
    derived: list[tuple[str, Stated]] = []
    for subject, predicate, obj in statements:
        if predicate == _TYPE:
            if isinstance(obj, ox.NamedNode) and obj.value == _DOCUMENT:
                typed.add(subject)
            continue
        code = _CODES.get(predicate)
        if code is None:
            continue
        kind, text = _kept(obj)
        stated = (subject, code * _KINDS + kind, text)
        if code == _DERIVED:
            derived.append((subject, stated))
        else:
            kept.add(stated)
    kept.update(stated for subject, stated in derived if subject in typed)
    return frozenset(kept)


def _kept(obj: ox.NamedNode | ox.Literal | ox.BlankNode) -> tuple[int, str]:
    """A value as kept: its kind and its text (N-Triples when its kind is not one of four)."""
    if isinstance(obj, ox.NamedNode):
        return _IRI, obj.value
    if isinstance(obj, ox.Literal):
        if obj.language == "vi":
            return _VIETNAMESE, obj.value
        if obj.language is None and obj.datatype.value == _STRING_TYPE:
            return _STRING, obj.value
        if obj.language is None and obj.datatype.value == _DATE_TYPE:
            return _DATE, obj.value
    return _OTHER, str(obj)


def _value(kind: int, text: str) -> str:
    """The value as the store gives it (a term's text) of a value as kept."""
    if kind != _OTHER:
        return text
    if text.startswith("_:"):
        return text[2:]
    (triple,) = ox.parse(f"<urn:s> <urn:p> {text} .", format=ox.RdfFormat.N_TRIPLES)
    return triple.object.value


# -- the table ---------------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS stated (
    subject INTEGER NOT NULL,
    predicate INTEGER NOT NULL,
    value INTEGER NOT NULL,
    graph INTEGER,
    graphs INTEGER NOT NULL,
    PRIMARY KEY (subject, predicate, value)
) WITHOUT ROWID;
"""
# stated: one row per (subject, predicate code * 8 + kind, value) any graph states; `graphs`
# counts the graphs stating it, `graph` is the one shown for them (NULL: unknown, see `change`).
TABLES = ("stated",)


def change(
    db: sqlite3.Connection,
    removed: Mapping[int, Sequence[Triple]],
    added: Mapping[int, Sequence[Triple]],
    graph_iris: Callable[[Iterable[int]], Mapping[int, str]],
    registry: int | None,
) -> set[int]:
    """Take the (subject, predicate, value) ids of `removed` graphs away and add those of `added`
    graphs (by graph id), within the open transaction; the subjects whose rows changed. `graph_iris`
    gives the IRIs of graph ids, which order them; `registry` is the registry graph's id (None: not
    counted yet).

    A row changes by what the graphs change, whatever how many graphs state it (a central
    document's, thousands): a graph added is shown when it comes first, and when the graph shown
    goes while others still state the value, which comes next is left unknown (NULL), found in
    the store when read (`summary_facts`): graphs are not listed per value.
    """
    gone: dict[Triple, set[int]] = defaultdict(set)
    new: dict[Triple, set[int]] = defaultdict(set)
    for graph_id, triples in removed.items():
        for triple in triples:
            gone[triple].add(graph_id)
    for graph_id, triples in added.items():
        for triple in triples:
            new[triple].add(graph_id)
    for key in gone.keys() & new.keys():  # a graph written again stating it again
        gone[key], new[key] = gone[key] - new[key], new[key] - gone[key]
    keys = {key for key in gone.keys() | new.keys() if gone.get(key) or new.get(key)}
    if not keys:
        return set()
    held = _held(db, keys)
    counts: dict[Triple, int] = {}
    shown: dict[Triple, int | None] = {}
    among: dict[Triple, set[int]] = {}  # the graphs of which the smallest IRI is shown
    for key in keys:
        graph, count = held.get(key, (None, 0))
        out, into = gone.get(key, set()), new.get(key, set())
        counts[key] = count + len(into) - len(out)
        if counts[key] <= 0:
            continue
        if registry is not None and (registry in into or (graph == registry and graph not in out)):
            shown[key] = registry
        elif count == len(out):  # every earlier graph went: those added are all there is
            among[key] = into
        elif graph is not None and graph not in out:
            among[key] = {graph} | into
        else:
            shown[key] = None
    iris = graph_iris({graph for graphs in among.values() for graph in graphs})
    for key, graphs in among.items():
        shown[key] = min(graphs, key=iris.__getitem__)
    db.executemany(
        "INSERT OR REPLACE INTO stated (subject, predicate, value, graph, graphs) "
        "VALUES (?, ?, ?, ?, ?)",
        [(*key, shown[key], counts[key]) for key in keys if counts[key] > 0],
    )
    db.executemany(
        "DELETE FROM stated WHERE subject = ? AND predicate = ? AND value = ?",
        [key for key in keys if counts[key] <= 0],
    )
    return {subject for subject, _, _ in keys}


def _held(db: sqlite3.Connection, keys: Iterable[Triple]) -> dict[Triple, tuple[int | None, int]]:
    """(graph shown, how many graphs state it) of each of `keys` the table holds."""
    wanted = set(keys)
    held: dict[Triple, tuple[int | None, int]] = {}
    subjects = sorted({subject for subject, _, _ in wanted})
    for batch in batches(subjects):
        for subject, predicate, value, graph, graphs in db.execute(
            f"SELECT subject, predicate, value, graph, graphs FROM stated "
            f"WHERE subject IN ({marks(batch)})",
            batch,
        ):
            if (subject, predicate, value) in wanted:
                held[(subject, predicate, value)] = (graph, graphs)
    return held


# -- reading -----------------------------------------------------------------------------------


@dataclass
class _Row:
    """One (predicate, value) of a document as held: its ids, text, graph shown, count."""

    predicate: int
    value: int
    text: str
    graph: str | None
    graphs: int


def summary_facts(
    db: sqlite3.Connection, store: GraphStore, iris: Sequence[str]
) -> dict[str, list[SummaryFact]]:
    """The rows `DocumentCatalog._summary` reads of each document: each distinct (predicate,
    value) with the graph shown and how many graphs state it, and each statement of the
    document's own graphs that no such row shows (counted once), as `_distinct_facts` reads
    them from the store. A document the store is needed for and cannot tell of (see `_shown`)
    is left out: the caller asks the queries for it alone."""
    ids = _term_ids(db, iris)
    held: dict[int, list[_Row]] = defaultdict(list)
    for batch in batches(sorted(ids)):
        for subject, *row in db.execute(
            f"SELECT s.subject, s.predicate, s.value, t.text, g.iri, s.graphs "
            f"FROM stated s JOIN terms t ON t.id = s.value LEFT JOIN graphs g ON g.id = s.graph "
            f"WHERE s.subject IN ({marks(batch)}) AND s.predicate < ?",
            [*batch, PATH_CODE],
        ):
            held[subject].append(_Row(*row))
    unknown = [(subject, row) for subject, rows in held.items() for row in rows if not row.graph]
    shown = _shown(store, [(ids[subject], row) for subject, row in unknown])
    untold: set[str] = set()
    for (subject, row), graph in zip(unknown, shown, strict=True):
        row.graph = graph
        if graph is None and subject in held:
            untold.add(ids[subject])
            del held[subject]
    own = {subject: _own(rows) for subject, rows in held.items()}
    unsure = [s for s, rows in held.items() if own[s] and any(_unsure(r, own[s]) for r in rows)]
    stated = _statements(db, {graph for s in unsure for graph in own[s]})
    facts: dict[str, list[SummaryFact]] = {iri: [] for iri in iris if iri not in untold}
    for subject, rows in held.items():
        facts[ids[subject]] = [_fact(row, row.graph or "", row.graphs) for row in rows]
    for subject in unsure:
        rows_by_key = {(row.predicate, row.value): row for row in held[subject]}
        for graph in sorted(own[subject]):
            for of, predicate, value in stated.get(graph, ()):
                row = rows_by_key.get((predicate, value))
                if of == subject and row is not None and row.graph != graph:
                    facts[ids[subject]].append(_fact(row, graph, 1))
    return facts


def _fact(row: _Row, graph: str, count: int) -> SummaryFact:
    code, kind = divmod(row.predicate, _KINDS)
    return (SUMMARY_PREDICATES[code - 1], _value(kind, row.text), graph, count)


def _own(rows: list[_Row]) -> set[str]:
    """The graphs a document is derived from: its own files'."""
    return {row.graph for row in rows if row.predicate // _KINDS == _DERIVED and row.graph}


def _unsure(row: _Row, own: set[str]) -> bool:
    """Whether an own graph may state the value without being the one shown (as
    `_distinct_facts` decides whether to read the own graphs' statements)."""
    return row.graphs > 1 and (row.graph not in own or len(own) > 1)


def _statements(db: sqlite3.Connection, graphs: Iterable[str]) -> dict[str, list[Triple]]:
    """The (subject, predicate, value) ids each of `graphs` states, from its contribution."""
    found: dict[str, list[Triple]] = {}
    for batch in batches(sorted(graphs)):
        for iri, blob in db.execute(
            f"SELECT g.iri, c.statements FROM graphs g JOIN contributions c ON c.graph = g.id "
            f"WHERE g.iri IN ({marks(batch)})",
            batch,
        ):
            found[iri] = unpack_triples(blob)
    return found


# The graph shown for each value asked, found in the store when the one shown last went: the
# registry's when it states it, else the smallest graph IRI (see document_summary_values.rq).
_SHOWN = """
SELECT ?d ?p ?o (MIN(?ranked) AS ?graph) WHERE {
  GRAPH ?g { VALUES (?d ?p ?o) {} ?d ?p ?o }
  BIND(CONCAT(IF(?g = REGISTRY, "0", "1"), STR(?g)) AS ?ranked)
} GROUP BY ?d ?p ?o
"""


def _shown(store: GraphStore, unknown: Sequence[tuple[str, _Row]]) -> list[str | None]:
    """The graph shown for each (document, row) of `unknown`, found in the store; None where
    it cannot tell (a blank node, which no query can name; a value the store lacks)."""
    asked: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal] | None] = []
    for document, row in unknown:
        term = _term(row)
        predicate = SUMMARY_PREDICATES[row.predicate // _KINDS - 1]
        asked.append(
            None if term is None else (ox.NamedNode(document), ox.NamedNode(predicate), term)
        )
    keys = [key for key in asked if key is not None]
    text = _SHOWN.replace("REGISTRY", str(ox.NamedNode(registry_graph_iri())))
    found: dict[tuple[str, str, str], str] = {}
    for start in range(0, len(keys), BATCH_SIZE):
        batch = keys[start : start + BATCH_SIZE]
        columns: dict[str, list[ox.NamedNode | ox.Literal]] = {
            "d": [d for d, _, _ in batch],
            "p": [p for _, p, _ in batch],
            "o": [o for _, _, o in batch],
        }
        result = store.query(fill_values(text, columns))
        assert isinstance(result, SelectResult)
        for answer in result.rows:
            key = (answer["d"].value, answer["p"].value, str(answer["o"]))
            found[key] = answer["graph"].value[1:]
    return [
        None if key is None else found.get((key[0].value, key[1].value, str(key[2])))
        for key in asked
    ]


def _term(row: _Row) -> ox.NamedNode | ox.Literal | None:
    """The value of a row as an RDF term a query can name (None: a blank node)."""
    kind = row.predicate % _KINDS
    if kind == _IRI:
        return ox.NamedNode(row.text)
    if kind == _STRING:
        return ox.Literal(row.text)
    if kind == _VIETNAMESE:
        return ox.Literal(row.text, language="vi")
    if kind == _DATE:
        return ox.Literal(row.text, datatype=ox.NamedNode(_DATE_TYPE))
    if row.text.startswith("_:"):
        return None
    (triple,) = ox.parse(f"<urn:s> <urn:p> {row.text} .", format=ox.RdfFormat.N_TRIPLES)
    assert isinstance(triple.object, ox.NamedNode | ox.Literal)
    return triple.object


def values_of(db: sqlite3.Connection, predicate: str) -> list[tuple[str, str]]:
    """(subject, value) of every distinct value any graph states of a summary's `predicate`."""
    code = _CODES[predicate] * _KINDS
    rows = db.execute(
        "SELECT s.subject, s.predicate, t.text FROM stated s JOIN terms t ON t.id = s.value "
        "WHERE s.predicate >= ? AND s.predicate < ?",
        (code, code + _KINDS),
    ).fetchall()
    subjects = term_texts(db, {subject for subject, _, _ in rows})
    return [(subjects[subject], _value(kind % _KINDS, text)) for subject, kind, text in rows]


def source_paths(db: sqlite3.Connection, sources: Sequence[str]) -> dict[str, str]:
    """The file path of each source that has one (the smallest, should a source have two)."""
    return {source: min(paths) for source, paths in values_stated(db, PATH, sources).items()}


def values_stated(
    db: sqlite3.Connection, predicate: str, subjects: Sequence[str]
) -> dict[str, set[str]]:
    """The distinct values any graph states of `predicate` (a summary's, or a source's path)
    for each of `subjects` that has one, as the store gives them."""
    code = _CODES[predicate] * _KINDS
    found: dict[str, set[str]] = defaultdict(set)
    ids = _term_ids(db, subjects)
    for batch in batches(sorted(ids)):
        for subject, kind, text in db.execute(
            f"SELECT s.subject, s.predicate, t.text FROM stated s JOIN terms t ON t.id = s.value "
            f"WHERE s.subject IN ({marks(batch)}) AND s.predicate >= ? AND s.predicate < ?",
            [*batch, code, code + _KINDS],
        ):
            found[ids[subject]].add(_value(kind % _KINDS, text))
    return dict(found)


def _term_ids(db: sqlite3.Connection, texts: Sequence[str]) -> dict[int, str]:
    """The id of each of `texts` the terms hold, as id -> text."""
    return {term: text for text, term in term_ids(db, texts).items()}
