"""The side index's order: a document named by the words comes before a sentence that cites it."""

from __future__ import annotations

from pathlib import Path

from kg.search import IndexEntry, SearchIndex


def test_names_of_documents_come_before_sentences_that_mention_them(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "search.sqlite")
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
    index.close()
