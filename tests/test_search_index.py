"""The side index: its order (a document named by the words before a sentence that cites it),
replacing and removing a source exactly, files of the layout before the compact one, and words
joined by "_" (phrases: two index words side by side)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg.search
from kg.errors import StoreError
from kg.search import IndexEntry, SearchIndex, folded


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    opened = SearchIndex(tmp_path / "search.sqlite")
    yield opened
    opened.close()


def _found(index: SearchIndex, text: str) -> list[tuple[str, str, str]]:
    return [(hit.document, hit.text, hit.source) for hit in index.search(text, limit=1000)]


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(str(path))
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _words(path: Path) -> set[str]:
    """Every word the FTS5 table still lists for some entry."""
    db = sqlite3.connect(str(path))
    try:
        db.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, entry_words, 'row')")
        return {str(term) for (term,) in db.execute("SELECT term FROM temp.words")}
    finally:
        db.close()


def test_names_of_documents_come_before_sentences_that_mention_them(index: SearchIndex) -> None:
    index.replace_source(
        "g1",
        [
            IndexEntry("doc/a", "sentence", "Quán triệt Nghị quyết về công tác dân vận."),
            IndexEntry("doc/b", "title", "Kế hoạch công tác dân vận năm 2023 của Ban Dân vận"),
            IndexEntry("doc/c", "sentence", "Dân vận."),
        ],
    )
    hits = index.search("dan van")
    assert [hit.field for hit in hits] == ["title", "sentence", "sentence"]
    assert hits[0].document == "doc/b"
    # Among sentences the shorter, more specific text first.
    assert [hit.document for hit in hits[1:]] == ["doc/c", "doc/a"]


def test_replacing_a_source_drops_its_old_words_and_keeps_the_other_sources(
    index: SearchIndex,
) -> None:
    index.replace_source("g1", [IndexEntry("doc/a", "sentence", "Tỉnh ủy Bình Phước chỉ đạo.")])
    index.replace_source("g2", [IndexEntry("doc/b", "sentence", "Thành ủy Hải Phòng chỉ đạo.")])
    index.replace_source("g1", [IndexEntry("doc/a", "sentence", "Tỉnh ủy Đắk Lắk chỉ đạo.")])

    assert _found(index, "binh phuoc") == []
    assert _found(index, "dak lak") == [("doc/a", "Tỉnh ủy Đắk Lắk chỉ đạo.", "g1")]
    # A word both sources hold: each source's entry once.
    assert _found(index, "chi dao") == [
        ("doc/a", "Tỉnh ủy Đắk Lắk chỉ đạo.", "g1"),
        ("doc/b", "Thành ủy Hải Phòng chỉ đạo.", "g2"),
    ]
    assert index.count() == 2


def test_removing_a_source_leaves_no_word_of_it(index: SearchIndex) -> None:
    index.add_sources(
        [
            ("g1", folded([IndexEntry("doc/a", "name", "Nghị quyết 25-NQ/TW dân vận")])),
            ("g2", folded([IndexEntry("doc/a", "sentence", "Thực hiện Nghị quyết 25-NQ/TW.")])),
        ]
    )
    index.remove_source("g1")
    index.remove_source("g1")  # a source the index no longer holds: nothing happens

    assert _found(index, "dan van") == []
    assert _found(index, "25-nq/tw") == [("doc/a", "Thực hiện Nghị quyết 25-NQ/TW.", "g2")]
    assert index.count() == 1
    index.remove_source("g2")
    assert _found(index, "nghi quyet") == []
    assert index.count() == 0
    assert _words(index.path) == set()


def test_a_removed_source_leaves_no_row_and_documents_are_stored_once(
    index: SearchIndex,
) -> None:
    # Source rows go with their last entry; document rows stay (see `SearchIndex._delete`) and
    # are used again, never doubled, when a source names the document again.
    index.replace_source("g1", [IndexEntry("doc/a", "name", "Chỉ thị 49-CT/TW")])
    index.replace_source("g2", [IndexEntry("doc/a", "sentence", "Theo Chỉ thị 49-CT/TW.")])
    index.remove_source("g1")
    index.replace_source("g2", [])
    assert _rows(index.path, "SELECT iri FROM source_iri") == []
    assert _found(index, "chi thi") == []

    index.replace_source("g3", [IndexEntry("doc/a", "name", "Chỉ thị 49-CT/TW")])
    assert _rows(index.path, "SELECT iri FROM document_iri") == [("doc/a",)]
    assert _found(index, "49-ct/tw") == [("doc/a", "Chỉ thị 49-CT/TW", "g3")]


def test_entries_written_again_come_first_among_equals(index: SearchIndex) -> None:
    index.replace_source("g1", [IndexEntry("doc/a", "sentence", "Kế hoạch số 12")])
    index.replace_source("g2", [IndexEntry("doc/b", "sentence", "Kế hoạch số 13")])
    index.remove_source("g2")
    index.replace_source("g3", [IndexEntry("doc/c", "sentence", "Kế hoạch số 14")])
    assert [d for d, _, _ in _found(index, "ke hoach")] == ["doc/c", "doc/a"]
    index.replace_source("g1", [IndexEntry("doc/a", "sentence", "Kế hoạch số 12")])
    assert [d for d, _, _ in _found(index, "ke hoach")] == ["doc/a", "doc/c"]


# Words joined by "_" are one query word but two index words, which must stand side by side in
# that order, whatever separates them in the text.
PHRASES = [
    ("mã_số 7", True),
    ("mã số 7", True),
    ("Mã, số 7", True),
    ("số mã 7", False),
    ("mã hồ sơ số 7", False),
]


@pytest.mark.parametrize("query", ["ma_so", "Mã_số 7", "ma_so 7"])
def test_words_joined_by_an_underscore_match_side_by_side(index: SearchIndex, query: str) -> None:
    index.replace_source(
        "g", [IndexEntry(f"doc/{n}", "sentence", t) for n, (t, _) in enumerate(PHRASES)]
    )
    expected = {f"doc/{n}" for n, (_, side_by_side) in enumerate(PHRASES) if side_by_side}
    assert {hit.document for hit in index.search(query, limit=100)} == expected


def test_phrase_matches_are_the_newest_ones_past_many_non_matches(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three matches read per search: the three newest entries holding the phrase, in index
    # order before the sort.
    monkeypatch.setattr(kg.search, "CANDIDATES", 3)
    texts = ["đoàn_thể", "thể đoàn", "thể đoàn", "đoàn thể", "thể đoàn", "đoàn thể", "đoàn thể"]
    index.replace_source("g", [IndexEntry(f"doc/{n}", "sentence", t) for n, t in enumerate(texts)])
    assert [hit.document for hit in index.search("doan_the", limit=10)] == [
        "doc/6",
        "doc/5",
        "doc/3",
    ]


def test_an_underscore_alone_is_no_word(index: SearchIndex) -> None:
    index.replace_source("g", [IndexEntry("doc/a", "sentence", "Ban Dân vận")])
    assert [hit.document for hit in index.search("_ dan")] == ["doc/a"]
    assert index.search("_") == []


# The layout written before the index was made compact: every column in the FTS5 table.
OLD_LAYOUT = """
CREATE VIRTUAL TABLE entries USING fts5(
    folded, original UNINDEXED, document UNINDEXED, field UNINDEXED, source UNINDEXED,
    tokenize = 'unicode61'
);
CREATE TABLE entry_sources (entry INTEGER PRIMARY KEY, source TEXT NOT NULL);
CREATE INDEX entry_sources_by_source ON entry_sources (source);
"""
OLD_ROWS = [
    (3, "ke hoach 36-kh/bdvtu", "Kế hoạch 36-KH/BDVTU", "doc/kh36", "name", "g/binhphuoc"),
    (4, "thuc hien ket luan 43", "Thực hiện Kết luận 43", "doc/kh36", "sentence", "g/binhphuoc"),
    (7, "ket luan 43-kl/tw", "Kết luận 43-KL/TW", "doc/kl43", "name", "g/haiphong"),
    # Folded by some earlier fold that differs from today's: the text is what counts.
    (9, "stale words", "Quán triệt Kết luận 1", "doc/kl43", "sentence", "g/haiphong"),
]


def _old_file(path: Path) -> None:
    db = sqlite3.connect(str(path))
    db.executescript(OLD_LAYOUT)
    with db:
        db.executemany(
            "INSERT INTO entries (rowid, folded, original, document, field, source) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            OLD_ROWS,
        )
        db.executemany(
            "INSERT INTO entry_sources (entry, source) VALUES (?, ?)",
            [(row[0], row[5]) for row in OLD_ROWS],
        )
    db.close()


def test_a_file_of_the_old_layout_is_moved_keeping_each_entry_and_its_order(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "search.sqlite"
    _old_file(path)
    with caplog.at_level(logging.WARNING, logger="kg.search"):
        index = SearchIndex(path)
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: converting the search index to the current layout, once "
        "(about 1 s per 1,000 documents)"
    ]
    assert index.count() == 4
    # Names first, then the newest entry (the highest old row id) among equals.
    assert _found(index, "ket luan") == [
        ("doc/kl43", "Kết luận 43-KL/TW", "g/haiphong"),
        ("doc/kl43", "Quán triệt Kết luận 1", "g/haiphong"),
        ("doc/kh36", "Thực hiện Kết luận 43", "g/binhphuoc"),
    ]
    assert _found(index, "stale") == []
    tables = {name for (name,) in _rows(path, "SELECT name FROM sqlite_schema")}
    assert not tables & {"entries", "entry_sources"}

    # The moved entries are replaced and removed exactly, and new ones follow the old ids.
    index.replace_source("g/haiphong", [IndexEntry("doc/kl43", "name", "Kết luận 43-KL/TW")])
    index.remove_source("g/binhphuoc")
    index.replace_source("g/new", [IndexEntry("doc/kh36", "sentence", "Kết luận 43 nêu")])
    assert _found(index, "ket luan") == [
        ("doc/kl43", "Kết luận 43-KL/TW", "g/haiphong"),
        ("doc/kh36", "Kết luận 43 nêu", "g/new"),
    ]
    assert _found(index, "quan triet") == [] and _found(index, "36-kh") == []
    assert index.count() == 2
    assert _words(path) == {"ket", "luan", "43", "kl", "tw", "neu"}
    index.close()

    # Opened again: nothing left to move, nothing said.
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="kg.search"):
        again = SearchIndex(path)
    assert again.count() == 2 and not caplog.records
    again.close()


def test_words_are_indexed_again_when_the_fold_changed(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite"
    index = SearchIndex(path)
    index.replace_source("g", [IndexEntry("doc/a", "sentence", "Ủy ban Mặt trận Tổ quốc")])
    index.close()
    # As if another fold had written the words: none of today's are there, and the file says
    # it was folded differently.
    db = sqlite3.connect(str(path))
    with db:
        db.execute("INSERT INTO entry_words (entry_words) VALUES ('delete-all')")
        db.execute("UPDATE index_meta SET value = 'another fold' WHERE key = 'fold'")
    db.close()

    index = SearchIndex(path)
    assert [hit.document for hit in index.search("uy ban mat tran")] == ["doc/a"]
    index.remove_source("g")
    assert index.search("uy ban") == []
    assert _words(path) == set()
    index.close()


def test_a_file_of_a_newer_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite"
    db = sqlite3.connect(str(path))
    db.execute(f"PRAGMA user_version = {kg.search.SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer layout"):
        SearchIndex(path)
