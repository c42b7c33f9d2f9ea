"""The full-text side index: titles, symbols and citing sentences, searchable without diacritics.

SQLite FTS5 over a folded copy of each text (NFD, marks removed, đ→d, lower case), so
"nghi quyet 25 dan van" finds "Nghị quyết 25 ... dân vận" whatever the tone placement. Rows are
grouped by source graph and replaced together with it, so the index follows ingest and removal.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.textnorm import ascii_fold

# FTS5 cannot index an UNINDEXED column, so the rows of each source are also listed in a plain
# indexed table: replacing one source's rows must not scan the whole index.
_SCHEMA = """
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE VIRTUAL TABLE IF NOT EXISTS entries USING fts5(
    folded, original UNINDEXED, document UNINDEXED, field UNINDEXED, source UNINDEXED,
    tokenize = 'unicode61'
);
CREATE TABLE IF NOT EXISTS entry_sources (entry INTEGER PRIMARY KEY, source TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entry_sources_by_source ON entry_sources (source);
"""


# Matches read per search before ordering them (see `SearchIndex.search`).
CANDIDATES = 1000


@dataclass(frozen=True)
class IndexEntry:
    document: str  # IRI of the document the text is about (or that cites, for sentences)
    field: str  # "title" | "symbol" | "sentence" | "issuer"
    text: str


# An entry with the folded text the index matches on.
FoldedEntry = tuple[str, IndexEntry]


def folded(entries: Iterable[IndexEntry]) -> list[FoldedEntry]:
    """Entries with their folded text: the costly part of indexing, which bulk ingest does in
    its worker processes rather than in the one process that writes the index."""
    return [(ascii_fold(entry.text), entry) for entry in entries]


@dataclass(frozen=True)
class SearchHit:
    document: str
    field: str
    text: str
    source: str
    rank: float


def query_words(text: str) -> list[str]:
    """The words a search matches, folded as the index folds its texts."""
    return re.findall(r"\w+", ascii_fold(text))


# A word of the original text: letters and digits, with any combining marks of decomposed input.
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def marks(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of `text` whose words are among `words` (folded), to highlight a hit
    in the text as written: "Quyết định số 217-QĐ/TW" marks "217", "QĐ" and "TW" for
    "217-qd/tw"."""
    wanted = set(words)
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if ascii_fold(m.group()) in wanted]


class SearchIndex:
    """One SQLite file beside the store; a single writer, many readers."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path))
        self._db.executescript(_SCHEMA)

    def replace_source(self, source: str, entries: Iterable[IndexEntry]) -> None:
        """Replace every entry of one source graph in one transaction."""
        with self._db:
            self._delete(source)
            self._insert(source, folded(entries))

    def add_sources(self, sources: Iterable[tuple[str, Sequence[FoldedEntry]]]) -> None:
        """Entries of sources the index does not hold, in one transaction (bulk ingest)."""
        with self._db:
            for source, entries in sources:
                self._insert(source, entries)

    def _insert(self, source: str, entries: Sequence[FoldedEntry]) -> None:
        # Row ids given here, not taken one by one from each insert, so that both tables are
        # written with one executemany each; the index has a single writer.
        last = self._db.execute("SELECT MAX(entry) FROM entry_sources").fetchone()[0] or 0
        rows = [
            (last + n, text, entry.text, entry.document, entry.field, source)
            for n, (text, entry) in enumerate(entries, start=1)
        ]
        self._db.executemany(
            "INSERT INTO entries (rowid, folded, original, document, field, source) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._db.executemany(
            "INSERT INTO entry_sources (entry, source) VALUES (?, ?)",
            [(row[0], source) for row in rows],
        )

    def remove_source(self, source: str) -> None:
        with self._db:
            self._delete(source)

    def _delete(self, source: str) -> None:
        self._db.execute(
            "DELETE FROM entries WHERE rowid IN (SELECT entry FROM entry_sources WHERE source = ?)",
            (source,),
        )
        self._db.execute("DELETE FROM entry_sources WHERE source = ?", (source,))

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Entries holding every word of `text`, most specific first.

        Ranking every match (bm25) costs a second on common words at 100,000 documents, so the
        newest `CANDIDATES` matches are taken in index order and ordered here: names of
        documents before sentences, shorter (more specific) texts first.
        """
        words = query_words(text)
        if not words:
            return []
        rows = self._db.execute(
            "SELECT document, field, original, source FROM entries WHERE entries MATCH ? "
            "ORDER BY rowid DESC LIMIT ?",
            (" ".join(f'"{w}"' for w in words), CANDIDATES),
        ).fetchall()
        rows.sort(key=lambda row: (row[1] == "sentence", len(row[2])))
        return [
            SearchHit(d, f, o, s, float(rank)) for rank, (d, f, o, s) in enumerate(rows[:limit])
        ]

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])

    def close(self) -> None:
        self._db.close()
