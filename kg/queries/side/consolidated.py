"""Each document's summary as the answers show it, kept whole: one row per document.

A summary (`kg.queries.documents.DocumentSummary`) is assembled from the eleven predicates every
graph states of a document, the labels of the bodies and provinces named and the paths of its
files (:mod:`.summaries` keeps the first; assembling takes the rest). A trace of a central
document reaches most of the store: at 100,000 documents its 59,000 summaries took 15.6 s to
read and assemble, 1.1 million rows through Python. Kept whole, each is one row.

What a row holds is the catalogue's business (it encodes and decodes the text); this module
keeps rows valid. A row is the summary as the covered side store and the store gave it when it
was made, so it is forgotten in the same transaction as anything it was made from changes:

- the rows of its subject in ``stated`` (every value, count and graph shown of its eleven
  predicates, its own files included): a graph's write forgets the subjects whose rows it
  changes (`forget`);
- the labels of bodies and provinces, which the reference graphs state: a change of the
  registry or the ontology graph forgets every row (`forget_all`), as does a SPARQL update,
  which may change anything;
- the paths of its files: a source's path is stated in the source's own graph, beside the
  derivation of the documents read from it, so a change of it changes their rows too.

Rows are made by a writer once the side store covers the store (`kg.api.KG.ingest`): a summary
without a row is assembled as before, so a run stopped before making them loses nothing but time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from kg.queries.side.tables import batches, marks, term_ids, term_texts

SCHEMA = """
CREATE TABLE IF NOT EXISTS consolidated (
    subject INTEGER PRIMARY KEY,
    summary TEXT NOT NULL
);
"""
# consolidated: the summary text of a subject (a term id of ``stated``), as the catalogue made it.
TABLES = ("consolidated",)


def forget(db: sqlite3.Connection, subjects: Iterable[int]) -> None:
    """Forget the rows of `subjects` (term ids), within the open transaction."""
    for batch in batches(sorted(set(subjects))):
        db.execute(f"DELETE FROM consolidated WHERE subject IN ({marks(batch)})", batch)


def forget_all(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM consolidated")


def read(db: sqlite3.Connection, iris: Sequence[str]) -> dict[str, str]:
    """The summary text of each of `iris` that has a row."""
    texts = {term: iri for iri, term in term_ids(db, iris).items()}
    found: dict[str, str] = {}
    for batch in batches(sorted(texts)):
        for subject, summary in db.execute(
            f"SELECT subject, summary FROM consolidated WHERE subject IN ({marks(batch)})", batch
        ):
            found[texts[subject]] = summary
    return found


def every(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """(IRI, summary text) of every row."""
    return db.execute(
        "SELECT t.text, c.summary FROM consolidated c JOIN terms t ON t.id = c.subject"
    ).fetchall()


def missing(db: sqlite3.Connection, below: int) -> list[str]:
    """The IRIs of the subjects stating a value of a predicate coded under `below` (a summary's
    eleven, not a source's path) that have no row, in IRI order."""
    subjects = [
        subject
        for (subject,) in db.execute(
            "SELECT DISTINCT s.subject FROM stated s WHERE s.predicate < ? AND NOT EXISTS "
            "(SELECT 1 FROM consolidated c WHERE c.subject = s.subject)",
            (below,),
        )
    ]
    return sorted(term_texts(db, subjects).values())


def keep(db: sqlite3.Connection, rows: Mapping[str, str]) -> None:
    """Keep the summary text of each IRI (one already interned: a subject of ``stated``)."""
    ids = term_ids(db, rows)
    db.executemany(
        "INSERT OR REPLACE INTO consolidated (subject, summary) VALUES (?, ?)",
        [(ids[iri], summary) for iri, summary in rows.items() if iri in ids],
    )
