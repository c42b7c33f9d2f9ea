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
The documents whose rows are to be made are listed as their rows are forgotten, so the end of a
run reads what the run changed, not every statement kept (a scan: 0.5 s at 100,000 documents).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from kg.queries.side.summaries import PATH_CODE
from kg.queries.side.tables import KnownTerms, batches, marks, term_ids, term_texts

SCHEMA = """
CREATE TABLE IF NOT EXISTS consolidated (
    subject INTEGER PRIMARY KEY,
    summary TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS unconsolidated (subject INTEGER PRIMARY KEY) WITHOUT ROWID;
"""
# consolidated: the summary text of a subject (a term id of ``stated``), as the catalogue made it.
# unconsolidated: the documents whose row is to be made, so that finishing a run costs what the
# run changed, not a scan of every statement kept.
TABLES = ("consolidated", "unconsolidated")


def forget(db: sqlite3.Connection, subjects: Iterable[int]) -> None:
    """Forget the rows of `subjects` (term ids), within the open transaction; those still
    stating a summary's facts are to be made again."""
    for batch in batches(sorted(set(subjects))):
        db.execute(f"DELETE FROM consolidated WHERE subject IN ({marks(batch)})", batch)
        db.execute(f"DELETE FROM unconsolidated WHERE subject IN ({marks(batch)})", batch)
        db.execute(
            f"INSERT INTO unconsolidated SELECT DISTINCT subject FROM stated "
            f"WHERE subject IN ({marks(batch)}) AND predicate < ?",
            [*batch, PATH_CODE],
        )


def forget_all(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM consolidated")
    to_make(db)


def to_make(db: sqlite3.Connection) -> None:
    """Every document without a row is to be made (a file of an earlier layout, extended)."""
    db.execute(
        "INSERT OR IGNORE INTO unconsolidated SELECT DISTINCT s.subject FROM stated s "
        "WHERE s.predicate < ? AND NOT EXISTS "
        "(SELECT 1 FROM consolidated c WHERE c.subject = s.subject)",
        (PATH_CODE,),
    )


def read(
    db: sqlite3.Connection, iris: Sequence[str], known: KnownTerms | None = None
) -> dict[str, str]:
    """The summary text of each of `iris` that has a row."""
    texts = {term: iri for iri, term in term_ids(db, iris, known).items()}
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


def missing(db: sqlite3.Connection) -> list[str]:
    """The IRIs of the documents whose row is to be made, in IRI order."""
    subjects = [subject for (subject,) in db.execute("SELECT subject FROM unconsolidated")]
    return sorted(term_texts(db, subjects).values())


def keep(db: sqlite3.Connection, rows: Mapping[str, str]) -> None:
    """Keep the summary text of each IRI (one already interned: a subject of ``stated``)."""
    ids = term_ids(db, rows)
    kept = [(ids[iri], summary) for iri, summary in rows.items() if iri in ids]
    db.executemany("INSERT OR REPLACE INTO consolidated (subject, summary) VALUES (?, ?)", kept)
    db.executemany("DELETE FROM unconsolidated WHERE subject = ?", [(s,) for s, _ in kept])
