"""The documents a bulk run knows of, in one SQLite file that every worker process reads.

Incremental ingest resolves each file against the store as it stands, so what a file's citations
join depends on which files went in before it. A bulk run first extracts every file, resolves it
against the registry alone and states here what it says about the documents it names (its own
and every resolved citation, :func:`extraction_facts`); only then is each file resolved against
this catalog: all files of the run see each other, whatever their order. The facts mirror what
the store would hold (kind, number, symbol, date, term, title, and whether the file is the
document itself), and lookups follow :class:`kg.queries.known.StoreKnownDocuments`: by
normalised symbol, else by kind and number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.extract.model import Extraction
from kg.identity import kind_of_concept, normalize_symbol
from kg.namespaces import ELI, PROV, VK
from kg.queries.documents import DocumentCatalog
from kg.queries.known import CachedKnownDocuments
from kg.queries.side.store import SideStore
from kg.resolve import KnownDocument, Resolution
from kg.store import GraphStore, SelectResult

_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE IF NOT EXISTS facts (
    iri TEXT NOT NULL, kind TEXT, number TEXT, symbol TEXT, date TEXT, term TEXT, title TEXT,
    own INTEGER NOT NULL
);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS facts_by_iri ON facts (iri);
CREATE INDEX IF NOT EXISTS facts_by_symbol ON facts (symbol);
CREATE INDEX IF NOT EXISTS facts_by_number ON facts (number);
"""


@dataclass(frozen=True)
class Fact:
    """What one file states about one document (any field may be missing)."""

    iri: str
    kind: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    term: str | None = None
    title: str | None = None
    own: bool = False  # stated by the document's own file


def extraction_facts(extraction: Extraction, resolution: Resolution) -> Iterator[Fact]:
    """The facts a resolved extraction states: its own document, then each numbered citation."""
    info, document = extraction.document, resolution.document
    term = document.term if info.date else None
    yield Fact(
        document.iri, document.id.kind, info.number, _symbol(info.symbol), info.date, term,
        info.title, own=True,
    )  # fmt: skip
    for ref in extraction.references:
        target = resolution.outcome(ref.id).target
        if target is not None and (ref.number or ref.symbol):
            yield Fact(
                target.iri, target.kind, ref.number, _symbol(ref.symbol), ref.date, ref.term,
                ref.title,
            )  # fmt: skip


def _symbol(symbol: str | None) -> str | None:
    return normalize_symbol(symbol) if symbol else None


class RunCatalog:
    """The catalog being written by the run's single writer (the main process)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(str(path))
        self._db.executescript(_SCHEMA)

    def add(self, facts: Iterable[Fact]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (f.iri, f.kind, f.number, f.symbol, f.date, f.term, f.title, int(f.own))
                    for f in facts
                ),
            )

    def add_store(self, store: GraphStore, side: SideStore | None = None) -> None:
        """What the store already knows of its documents.

        From the side store when it covers the store: each document's summary, as the
        resolution of a file written alone sees it (`kg.queries.known.StoreKnownDocuments`),
        its own file's values preferred when it has one, then every number and symbol any file
        states of it, by which lookups find it. One row a document and a value, where the
        statements themselves are one row a file and a value: 148 s at 100,000 documents (3.6
        million rows, ten times that at a million), against seconds.
        """
        documents = DocumentCatalog(store, side)
        summaries = documents.every_summary()
        numbers = documents.stated_values(f"{ELI}number")
        symbols = documents.stated_values(f"{VK}symbol")
        if summaries is None or numbers is None or symbols is None:
            self._add_statements(store)
            return
        # First: a lookup's summary takes the first row's kind, number, symbol and term.
        self.add(
            Fact(
                s.iri,
                s.kind,
                s.number,
                _symbol(s.symbol),
                s.date,
                s.term,
                s.title,
                own=s.ingested,
            )
            for s in summaries
            if s.kind or s.number or s.symbol
        )
        self.add(Fact(iri, number=number) for iri, number in numbers)
        self.add(Fact(iri, symbol=_symbol(symbol)) for iri, symbol in symbols)

    def _add_statements(self, store: GraphStore) -> None:
        """What the store states about its documents, one predicate at a time (without a side
        store: an endpoint's). Single-pattern queries: a document stated by k files would give
        k^n rows to a join."""
        columns = {
            f"{ELI}type_document": "kind",
            f"{ELI}number": "number",
            f"{VK}symbol": "symbol",
            f"{ELI}date_document": "date",
            f"{VK}term": "term",
            f"{ELI}title": "title",
        }
        for predicate, column in columns.items():
            result = store.query(
                f"SELECT ?doc ?value ?own WHERE {{ GRAPH ?g {{ ?doc <{predicate}> ?value }} "
                f"BIND(EXISTS {{ GRAPH ?g {{ ?doc <{PROV}wasDerivedFrom> ?file }} }} AS ?own) }}"
            )
            assert isinstance(result, SelectResult)
            facts = []
            for row in result.rows:
                value = row["value"].value
                if column == "kind":
                    value = kind_of_concept(value) or value
                elif column == "symbol":
                    value = normalize_symbol(value)
                own = row["own"].value == "true"
                facts.append(Fact(row["doc"].value, own=own, **{column: value}))
            self.add(facts)

    def finish(self) -> None:
        """Index the facts for the readers, once all are in (faster than indexing each insert)."""
        self._db.executescript(_INDEXES)
        self._db.close()


class CatalogKnownDocuments(CachedKnownDocuments):
    """Documents known to a finished catalog (read-only, one connection per worker process)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def _lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
        if symbol:
            normalized = normalize_symbol(symbol)
            if "/" not in normalized:
                return []
            iris = self._iris("SELECT DISTINCT iri FROM facts WHERE symbol = ?", normalized)
        elif number:
            stated = self._iris("SELECT DISTINCT iri FROM facts WHERE number = ?", number)
            iris = [i for i in stated if kind in self._kinds(i)]
        else:
            return []
        return [self._summary(i, kind) for i in iris]

    def _iris(self, sql: str, value: str) -> list[str]:
        return sorted(row[0] for row in self._db.execute(sql, (value,)))

    def _kinds(self, document: str) -> set[str]:
        rows = self._db.execute(
            "SELECT DISTINCT kind FROM facts WHERE iri = ? AND kind IS NOT NULL", (document,)
        )
        return {row[0] for row in rows}

    def _summary(self, document: str, kind: str) -> KnownDocument:
        """One document from all its facts, chosen the way the store's summaries choose."""
        rows = self._db.execute(
            "SELECT kind, number, symbol, date, term, title, own FROM facts WHERE iri = ? "
            "ORDER BY rowid",
            (document,),
        ).fetchall()

        def first(column: int) -> str | None:
            return next((row[column] for row in rows if row[column]), None)

        def preferred(column: int, *, earliest: bool = False) -> str | None:
            own = [row[column] for row in rows if row[column] and row[6]]
            if own:
                return own[0]
            stated = [row[column] for row in rows if row[column]]
            if not stated:
                return None
            return min(stated) if earliest else stated[0]

        return KnownDocument(
            iri=document,
            kind=first(0) or kind,
            number=first(1),
            symbol=first(2),
            date=preferred(3, earliest=True),
            term=first(4),
            title=preferred(5),
        )
