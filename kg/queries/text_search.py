"""Search: the documents some words name, then those whose titles, symbols or citing sentences
hold every word, diacritics optional. One function answers the CLI, the web app and the API.

The side index (:mod:`kg.search`) finds the texts; this module turns them into one row per
document, in the index's order (names before sentences, shorter texts first), each with the text
to show (the title, the symbol or the citing sentence, never the index's own composite text) and
the spans of the words found in it, so every front end highlights the same words.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.queries.lookup import candidates
from kg.search import CANDIDATES, SearchHit, SearchIndex, marks, query_words


@dataclass
class SearchResult:
    """A document found, with the text that matched and where the words are in it."""

    document: DocumentSummary
    field: str  # "symbol" | "title" | "issuer" | "sentence"
    text: str
    marks: list[tuple[int, int]] = default(default_factory=list)

    def pieces(self) -> list[tuple[str, bool]]:
        """The text cut at the marks: (piece, is a word found), for highlighting."""
        out: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.marks:
            if start > at:
                out.append((self.text[at:start], False))
            out.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            out.append((self.text[at:], False))
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "field": self.field,
            "text": self.text,
            "marks": [list(span) for span in self.marks],
        }


@dataclass
class SearchResults:
    """The first `limit` documents found, and how many were found in all."""

    text: str
    results: list[SearchResult]
    total: int
    # False when more texts matched than the index reads per search: `total` is then a floor.
    exact: bool = True

    def __iter__(self) -> Iterator[SearchResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def headline(self) -> str:
        """ "29 documents match 'dan van' (the first 20 shown)"."""
        count = f"{self.total:,}" if self.exact else f"at least {self.total:,}"
        noun = "document matches" if self.total == 1 and self.exact else "documents match"
        shown = f" (the first {len(self.results)} shown)" if len(self.results) < self.total else ""
        return f"{count} {noun} {self.text!r}{shown}"

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.text,
            "total": self.total,
            "exact": self.exact,
            "results": [r.to_json() for r in self.results],
        }


def search(
    catalog: DocumentCatalog, index: SearchIndex, text: str, *, limit: int = 20
) -> SearchResults:
    """Documents `text` names (a symbol in any spelling, a short name), then documents whose
    title, symbol, issuer or citing sentences hold every word of it."""
    words = query_words(text)
    if not words:
        return SearchResults(text, [], 0)
    named = candidates(catalog, text)
    hits = index.search(text, limit=CANDIDATES)
    first_hit: dict[str, SearchHit | None] = dict.fromkeys(named)
    for hit in hits:
        first_hit.setdefault(hit.document, hit)
    shown = list(first_hit)[:limit]
    summaries = catalog.summaries(shown)
    catalog.mark_shared_symbols(summaries.values())
    results = [_result(summaries[iri], first_hit[iri], words) for iri in shown]
    return SearchResults(text, results, len(first_hit), exact=len(hits) < CANDIDATES)


def _result(document: DocumentSummary, hit: SearchHit | None, words: list[str]) -> SearchResult:
    """What to show of a document found: the citing sentence that matched, else the one of its
    titles (sources give several), its symbol or its issuer where most of the words are."""
    if hit is not None and hit.field == "sentence":
        return SearchResult(document, "sentence", hit.text, marks(hit.text, words))
    titles = [document.title, *(stated.value for stated in document.titles)]
    shown = [
        (name, value, marks(value, words))
        for name, values in (
            ("title", titles),
            ("symbol", [document.symbol or document.label]),
            ("issuer", [document.issuer]),
        )
        for value in dict.fromkeys(values)
        if value
    ]
    name, value, found = max(shown, key=lambda item: len(item[2]))
    return SearchResult(document, name, value, found)
