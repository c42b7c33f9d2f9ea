"""The full-text side index: titles, symbols and citing sentences, searchable without diacritics.

SQLite FTS5 over a folded copy of each text (NFD, marks removed, đ→d, lower case), so
"nghi quyet 25 dan van" finds "Nghị quyết 25 ... dân vận" whatever the tone placement. Rows are
grouped by source graph and replaced together with it, so the index follows ingest and removal.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.textnorm import ascii_fold

_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS entries USING fts5(
    folded, original UNINDEXED, document UNINDEXED, field UNINDEXED, source UNINDEXED,
    tokenize = 'unicode61'
);
"""


@dataclass(frozen=True)
class IndexEntry:
    document: str  # IRI of the document the text is about (or that cites, for sentences)
    field: str  # "title" | "symbol" | "sentence" | "issuer"
    text: str


@dataclass(frozen=True)
class SearchHit:
    document: str
    field: str
    text: str
    source: str
    rank: float


class SearchIndex:
    """One SQLite file beside the store; a single writer, many readers."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path))
        self._db.executescript(_SCHEMA)

    def replace_source(self, source: str, entries: Iterable[IndexEntry]) -> None:
        """Replace every entry of one source graph in one transaction."""
        rows = [(ascii_fold(e.text), e.text, e.document, e.field, source) for e in entries]
        with self._db:
            self._db.execute("DELETE FROM entries WHERE source = ?", (source,))
            self._db.executemany(
                "INSERT INTO entries (folded, original, document, field, source) "
                "VALUES (?, ?, ?, ?, ?)",
                rows,
            )

    def remove_source(self, source: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM entries WHERE source = ?", (source,))

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Entries holding every word of `text` (prefix match on the last one), best first."""
        words = re.findall(r"\w+", ascii_fold(text))
        if not words:
            return []
        terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
        rows = self._db.execute(
            "SELECT document, field, original, source, rank FROM entries "
            "WHERE entries MATCH ? ORDER BY rank LIMIT ?",
            (" ".join(terms), limit),
        ).fetchall()
        return [SearchHit(d, f, o, s, float(r)) for d, f, o, s, r in rows]

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])

    def close(self) -> None:
        self._db.close()
