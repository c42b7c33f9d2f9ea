"""The links of the implementation chain, kept as files are written: a level of a trace read from
an index, not from a SPARQL join over every citation of the level's documents.

A trace walks a chain a level at a time (`kg.queries.citations.trace`); past the links it shows
with their sentences, it needs only which documents act on which, by which relation
(chain_edges_of.rq / chain_edges_by.rq). At 10,000 documents those queries were four fifths of
the time of a 4,700-link chain shown as its overview (0.48 of 0.58 s): they join each citation's
cited document, relation and citing document for every document of a level.

Here each link (acting document, relation property, acted-on document) that any graph's
citations state is one row, with how many graphs state it, keyed both ways (what acts on a
document; what a document acts on), so a level is one index lookup per document. A graph
contributes the links of its citations exactly as the queries join them (`chain_edges`): every
subject with a citing document, a relation and a cited document gives each combination of them,
so a relation property kg does not know is kept too (the walk counts it as "cites").
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.namespaces import VK
from kg.queries.side.tables import KnownTerms, Triple, batches, marks, term_ids, term_texts

CITING = VK + "citingDocument"
RELATION = VK + "relation"
CITED = VK + "citedDocument"
# The predicates whose statements `chain_edges` reads.
EDGE_PREDICATES = (CITING, RELATION, CITED)

Statement = tuple[str, str, ox.NamedNode | ox.Literal | ox.BlankNode]
# (acting document, relation property, acted-on document) of a link, as IRIs.
Edge = tuple[str, str, str]

SCHEMA = """
CREATE TABLE IF NOT EXISTS edges (
    object INTEGER NOT NULL,
    relation INTEGER NOT NULL,
    subject INTEGER NOT NULL,
    graphs INTEGER NOT NULL,
    PRIMARY KEY (object, relation, subject)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_by_subject ON edges (subject, relation, object);
"""
# edges: one row per link (term ids), `graphs` counting the graphs whose citations state it.
TABLES = ("edges",)


def chain_edges(statements: Iterable[Statement]) -> frozenset[Edge]:
    """The links one graph's citations state (acting, relation, acted on)."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for subject, predicate, obj in statements:
        if predicate in EDGE_PREDICATES and isinstance(obj, ox.NamedNode):
            found[subject][predicate].add(obj.value)
    return frozenset(
        (citing, relation, cited)
        for held in found.values()
        for citing in held[CITING]
        for relation in held[RELATION]
        for cited in held[CITED]
    )


def change(db: sqlite3.Connection, counted: Counter[Triple]) -> None:
    """Add to each link (term ids: subject, relation, object) how many more (or fewer) graphs
    state it, within the open transaction; a link no graph states any more goes."""
    rows = [(obj, relation, subject, n) for (subject, relation, obj), n in counted.items() if n]
    db.executemany(
        "INSERT INTO edges (object, relation, subject, graphs) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (object, relation, subject) DO UPDATE SET graphs = graphs + excluded.graphs",
        rows,
    )
    db.executemany(
        "DELETE FROM edges WHERE object = ? AND relation = ? AND subject = ? AND graphs <= 0",
        [row[:3] for row in rows if row[3] < 0],
    )


def edges_of(
    db: sqlite3.Connection,
    documents: Sequence[str],
    *,
    upward: bool,
    known: KnownTerms | None = None,
) -> list[Edge]:
    """The links that act on `documents` (`upward`: that they act on), in no given order."""
    ids = {term: text for text, term in term_ids(db, documents, known).items()}
    near, far = ("subject", "object") if upward else ("object", "subject")
    rows: list[tuple[int, int, int]] = []
    for batch in batches(sorted(ids)):
        rows += db.execute(
            f"SELECT {near}, relation, {far} FROM edges WHERE {near} IN ({marks(batch)})", batch
        ).fetchall()
    named = {term for _, relation, other in rows for term in (relation, other)}
    texts = {**ids, **term_texts(db, named - ids.keys(), known)}
    if upward:
        return [(texts[doc], texts[relation], texts[other]) for doc, relation, other in rows]
    return [(texts[other], texts[relation], texts[doc]) for doc, relation, other in rows]
