"""The search-at-scale benchmark fills the index with what ingest would index, and measures it."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import CorpusGenerator
from benchmarks.search_scale import fill, measure_search
from kg.search import SearchIndex


def test_the_filled_index_finds_planted_references_without_diacritics(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "search.sqlite")
    entries = fill(index, 30, seed=4)
    assert entries > 30
    _name, _text, truth, _identity = next(iter(CorpusGenerator(30, 4).documents()))
    planted = next(r for r in truth.references if r.symbol)
    assert planted.symbol is not None
    hits = index.search(planted.symbol.replace("Đ", "D"), limit=100)
    assert any(planted.symbol in hit.text for hit in hits)
    index.close()


def test_a_small_run_reports_every_row(tmp_path: Path) -> None:
    rows = measure_search(20, seed=2, work_dir=tmp_path)
    assert [r.measure for r in rows] == [
        "search index entries",
        "search index fill",
        "search median (index only)",
        "search p95 (index only)",
    ]
    assert all(r.value is not None and r.value > 0 for r in rows)
