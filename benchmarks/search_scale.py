"""`kg search` latency at 100,000 documents and more, without a full ingest.

Filling the side index through `kg ingest` takes hours at that size, and the index is the only
part of a search that grows with the corpus (the summaries shown are per hit). So the index is
filled straight from what the generator planted, with what ingest puts in it: one name entry per
document a file speaks of ("Nghị quyết 25 25-NQ/TW <title> <issuer>") and the sentence around each
reference, attached to the citing file. The timed call is the index's own `search`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.generate import CorpusGenerator
from benchmarks.harness import latency, timed
from benchmarks.measures import SEARCH_TERMS
from benchmarks.report import Row
from kg.extract.model import Extraction
from kg.graph.reference import kind_names
from kg.search import IndexEntry, SearchIndex

BATCH = 500  # sources per SQLite transaction while filling


def index_entries(extraction: Extraction, text: str, source: str) -> list[IndexEntry]:
    """What ingest would index for one generated file (names and citing sentences)."""
    entries = []
    names = kind_names()
    for reference in extraction.references:
        document = reference.resolved or reference.symbol or reference.surface
        parts = [
            names.get(reference.kind, ""),
            reference.number or "",
            reference.symbol or "",
            reference.title or "",
            reference.issuer or "",
        ]
        entries.append(IndexEntry(document, "name", " ".join(p for p in parts if p)))
        line_start = text.rfind("\n", 0, reference.start) + 1
        line_end = text.find("\n", reference.end)
        sentence = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        entries.append(IndexEntry(source, "sentence", sentence))
    return entries


def fill(index: SearchIndex, n: int, seed: int, on_file: Callable[[], None] | None = None) -> int:
    """Index `n` generated documents; returns the number of entries written."""
    total = 0
    for name, text, truth, _identity in CorpusGenerator(n, seed).documents():
        entries = index_entries(truth, text, name)
        index.replace_source(name, entries)
        total += len(entries)
        if on_file is not None:
            on_file()
    return total


def measure_search(
    n: int, seed: int, work_dir: Path, on_file: Callable[[], None] | None = None
) -> list[Row]:
    """Rows: index size and fill rate, and search latency (median, p95) over the usual terms."""
    path = work_dir / f"search-{n}.sqlite"
    path.unlink(missing_ok=True)
    index = SearchIndex(path)
    try:
        entries, seconds = timed(lambda: fill(index, n, seed, on_file))
        queries = list(_queries())
        measured = latency(lambda q: index.search(q, limit=60), queries)
    finally:
        index.close()
    size_mb = path.stat().st_size / 1e6
    return [
        Row(n, "query", "search index entries", entries, "entries", note=f"{size_mb:.0f} MB"),
        Row(n, "query", "search index fill", n / seconds, "docs/s"),
        Row(
            n,
            "query",
            "search median (index only)",
            measured.median_ms,
            "ms",
            higher_is_better=False,
            note=f"{measured.calls} calls, up to 60 hits",
        ),
        Row(n, "query", "search p95 (index only)", measured.p95_ms, "ms", higher_is_better=False),
    ]


def _queries() -> Iterator[str]:
    """The benchmark's search terms, typed with and without diacritics."""
    from kg.textnorm import ascii_fold

    for term in SEARCH_TERMS:
        yield term
        yield ascii_fold(term)
