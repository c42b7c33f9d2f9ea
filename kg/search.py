"""The full-text side index: titles, symbols and citing sentences, searchable without diacritics.

SQLite FTS5 over a folded copy of each text (NFD, marks removed, đ→d, lower case), so
"nghi quyet 25 dan van" finds "Nghị quyết 25 ... dân vận" whatever the tone placement. Rows are
grouped by source graph and replaced together with it, so the index follows ingest and removal.

The file is kept small: each text is stored once, as written, in a plain table; the
FTS5 table is contentless (``content=''``): it keeps only the words, over integer entry ids;
document IRIs, source graph IRIs and field names are each stored once, in dictionary tables the
entries refer to by id. The folded text is not stored: it is `ascii_fold` of the text,
recomputed when an entry is deleted (a contentless table must be told the words it indexed) —
see `_FOLD_SAMPLE` for what keeps that exact.

Word positions stay (``detail=full``): a query word such as "dan_van" is two index words that
must stand side by side. Without positions the index would be a third of its size (0.6 KB per
document instead of 2.4 KB on the synthetic corpus), but such a query would have to read and
check every entry holding both words: seconds on common words.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import StoreError
from kg.textnorm import ascii_fold

log = logging.getLogger(__name__)

# The layout below; 0 is the layout before it (one FTS5 table holding every column, see
# `_migrate`), or a new file.
SCHEMA_VERSION = 2

_TABLES = """
CREATE TABLE source_iri (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE document_iri (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);
CREATE TABLE field_name (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE entry (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source INTEGER NOT NULL,
    document INTEGER NOT NULL,
    field INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX entry_by_source ON entry (source);
CREATE VIRTUAL TABLE entry_words USING fts5(
    folded, content = '', columnsize = 0, tokenize = 'unicode61'
);
CREATE TABLE index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""
# Entry ids are never reused (AUTOINCREMENT): they are the index order (newest first), and an id
# the FTS5 table might still list after a mistaken delete can then only point at no entry.

# A hit's columns, in `SearchHit` order but for the rank.
_HIT_COLUMNS = (
    "SELECT e.id, d.iri, f.name, e.text, s.iri FROM entry AS e "
    "JOIN document_iri AS d ON d.id = e.document JOIN field_name AS f ON f.id = e.field "
    "JOIN source_iri AS s ON s.id = e.source"
)

# Deleting from a contentless table means restating the words indexed, so the fold must give
# today what it gave when the entries were written. It is a pure function of the text, of
# Python's Unicode database and of its own code; a fingerprint of the last two (the fold of
# the characters Vietnamese texts are written in, and of the spaces it collapses) is kept in
# the file, and the words are reindexed from the stored texts when it changes.
_FOLD_SAMPLE = "".join(
    [chr(code) for code in range(0x20, 0x250)]
    + [chr(code) for code in range(0x300, 0x370)]
    + [chr(code) for code in range(0x1E00, 0x1F00)]
    + list("\u00d0\u2007\u202f\u2028\u3000\ufeff Ho\u0300a Uy\u0309 Qu\u00ea\u0301")
)


@cache
def _fold_fingerprint() -> str:
    key = f"{unicodedata.unidata_version}\n{ascii_fold(_FOLD_SAMPLE)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# Matches read per search before ordering them (see `SearchIndex.search`).
CANDIDATES = 1000


@dataclass(frozen=True)
class IndexEntry:
    document: str  # IRI of the document the text is about (or that cites, for sentences)
    field: str  # "title" | "symbol" | "sentence" | "issuer"
    text: str


# An entry with the folded text the index matches on: `ascii_fold(entry.text)`, as `folded`
# makes it (the index recomputes it to delete the entry; see `_FOLD_SAMPLE`).
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
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.create_function("kg_fold", 1, ascii_fold, deterministic=True)
        try:
            self._open()
        except BaseException:
            self._db.close()
            raise

    # -- layout ----------------------------------------------------------------------------------

    def _open(self) -> None:
        """Bring the file to this layout: readers of a current file take no write lock."""
        if self._version() == SCHEMA_VERSION and self._meta("fold") == _fold_fingerprint():
            return
        migrated = False
        self._db.execute("BEGIN IMMEDIATE")
        try:
            version = self._version()  # again: another process may have done it meanwhile
            if version == 0:
                migrated = self._create()
            elif version != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: search index of a newer layout ({version}); "
                    "upgrade kg or delete the file and ingest again"
                )
            if self._meta("fold") != _fold_fingerprint():
                self._reindex()
            self._db.commit()
        except BaseException:
            self._db.rollback()
            raise
        if migrated:
            self._db.execute("VACUUM")  # the old table's pages, once

    def _version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _meta(self, key: str) -> str | None:
        if not self._has_table("index_meta"):
            return None
        row = self._db.execute("SELECT value FROM index_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _has_table(self, name: str) -> bool:
        found = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?"
        return self._db.execute(found, (name,)).fetchone() is not None

    def _create(self) -> bool:
        """Make this layout, moving the entries of a file of the layout before it; True when
        there were such entries to move."""
        for statement in _TABLES.split(";"):
            if statement.strip():
                self._db.execute(statement)
        old = self._has_table("entries")
        if old:
            # Once per file, and long on a large one: say so rather than seem to hang.
            log.warning(
                "%s: converting the search index to the current layout, once "
                "(about 1 s per 1,000 documents)",
                self.path,
            )
            _migrate(self._db)
        self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._set_fingerprint()
        return old

    def _reindex(self) -> None:
        """Index every stored text's words again, folded as this process folds them."""
        self._db.execute("INSERT INTO entry_words (entry_words) VALUES ('delete-all')")
        self._db.execute(
            "INSERT INTO entry_words (rowid, folded) SELECT id, kg_fold(text) FROM entry"
        )
        self._set_fingerprint()

    def _set_fingerprint(self) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO index_meta (key, value) VALUES ('fold', ?)",
            (_fold_fingerprint(),),
        )

    # -- writing ---------------------------------------------------------------------------------

    def replace_source(self, source: str, entries: Iterable[IndexEntry]) -> None:
        """Replace every entry of one source graph in one transaction."""
        with self._db:
            self._delete(source)
            self._insert([(source, folded(entries))])

    def add_sources(self, sources: Iterable[tuple[str, Sequence[FoldedEntry]]]) -> None:
        """Entries of sources the index does not hold, in one transaction (bulk ingest)."""
        with self._db:
            self._insert(list(sources))

    def _insert(self, sources: Sequence[tuple[str, Sequence[FoldedEntry]]]) -> None:
        # Ids given here, not taken one by one from each insert, so that both tables are written
        # with one executemany each; the index has a single writer.
        sources = [(source, entries) for source, entries in sources if entries]
        if not sources:
            return
        source_ids = self._ids("source_iri", "iri", [source for source, _ in sources])
        every = [entry for _, entries in sources for _, entry in entries]
        documents = self._ids("document_iri", "iri", [entry.document for entry in every])
        fields = self._ids("field_name", "name", [entry.field for entry in every])
        last = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entry'").fetchone()
        rows: list[tuple[int, int, int, int, str]] = []
        words: list[tuple[int, str]] = []
        entry_id = 0 if last is None else int(last[0])
        for source, entries in sources:
            for text, entry in entries:
                entry_id += 1
                document, field = documents[entry.document], fields[entry.field]
                rows.append((entry_id, source_ids[source], document, field, entry.text))
                words.append((entry_id, text))
        self._db.executemany(
            "INSERT INTO entry (id, source, document, field, text) VALUES (?, ?, ?, ?, ?)", rows
        )
        self._db.executemany("INSERT INTO entry_words (rowid, folded) VALUES (?, ?)", words)

    def _ids(self, table: str, column: str, values: Iterable[str]) -> dict[str, int]:
        """The dictionary ids of `values`, adding the ones `table` lacks."""
        distinct = list(dict.fromkeys(values))
        self._db.executemany(
            f"INSERT OR IGNORE INTO {table} ({column}) VALUES (?)", [(v,) for v in distinct]
        )
        lookup = f"SELECT id FROM {table} WHERE {column} = ?"
        return {v: int(self._db.execute(lookup, (v,)).fetchone()[0]) for v in distinct}

    def remove_source(self, source: str) -> None:
        with self._db:
            self._delete(source)

    def _delete(self, source: str) -> None:
        """Drop one source's entries, their words and its dictionary row. Document and field
        rows stay: they are few (one per document ever indexed), never reach an answer without
        an entry, and knowing that none refers to one any more would need an index on
        `entry.document` larger than they are."""
        found = self._db.execute("SELECT id FROM source_iri WHERE iri = ?", (source,)).fetchone()
        if found is None:
            return
        source_id = int(found[0])
        texts = self._db.execute("SELECT id, text FROM entry WHERE source = ?", (source_id,))
        self._db.executemany(
            "INSERT INTO entry_words (entry_words, rowid, folded) VALUES ('delete', ?, ?)",
            [(entry_id, ascii_fold(text)) for entry_id, text in texts.fetchall()],
        )
        self._db.execute("DELETE FROM entry WHERE source = ?", (source_id,))
        self._db.execute("DELETE FROM source_iri WHERE id = ?", (source_id,))

    # -- reading ---------------------------------------------------------------------------------

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
            f"{_HIT_COLUMNS} JOIN (SELECT rowid AS id FROM entry_words "
            "WHERE entry_words MATCH ? ORDER BY rowid DESC LIMIT ?) AS m ON m.id = e.id "
            "ORDER BY e.id DESC",
            (" ".join(f'"{w}"' for w in words), CANDIDATES),
        ).fetchall()
        hits = [row[1:] for row in rows]
        hits.sort(key=lambda row: (row[1] == "sentence", len(row[2])))
        return [
            SearchHit(d, f, o, s, float(rank)) for rank, (d, f, o, s) in enumerate(hits[:limit])
        ]

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM entry").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def _migrate(db: sqlite3.Connection) -> None:
    """Move the entries of the layout before this one (an FTS5 table `entries` holding folded
    text, text, document, field and source in every row, and `entry_sources` listing each row's
    source) into this layout's tables, keeping each entry's id; then drop the old tables.

    The words are indexed from the fold of each text, not from the stored folded copy: deleting
    an entry later restates the words this process's fold gives."""
    for table, column, old in (
        ("source_iri", "iri", "source"),
        ("document_iri", "iri", "document"),
        ("field_name", "name", "field"),
    ):
        db.execute(f"INSERT OR IGNORE INTO {table} ({column}) SELECT DISTINCT {old} FROM entries")
    db.execute(
        "INSERT INTO entry (id, source, document, field, text) "
        "SELECT o.rowid, s.id, d.id, f.id, o.original FROM entries AS o "
        "JOIN source_iri AS s ON s.iri = o.source JOIN document_iri AS d ON d.iri = o.document "
        "JOIN field_name AS f ON f.name = o.field ORDER BY o.rowid"
    )
    db.execute("INSERT INTO entry_words (rowid, folded) SELECT id, kg_fold(text) FROM entry")
    db.execute("DROP TABLE entries")
    db.execute("DROP TABLE IF EXISTS entry_sources")
