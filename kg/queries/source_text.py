"""The text of an ingested source file with one citation highlighted, for checking evidence.

A request names a source *graph* and a span, never a file: the path is the one recorded in that
graph at ingest (``vk:path``), so no request can make the server read any other file. The file is
read again through :func:`kg.read.read_file`, which yields the same text the offsets were
measured on, unless the file changed since ingest; then the page says so (sha-256 differs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DocumentNotFound, InputError, QueryError
from kg.namespaces import OA, VK
from kg.read import read_file, source_path
from kg.store import GraphStore, SelectResult

_SOURCE = f"""
SELECT ?path ?sha WHERE {{ GRAPH ?g {{
  ?src a <{VK}SourceFile> ; <{VK}path> ?path .
  OPTIONAL {{ ?src <{VK}sha256> ?sha }}
}} }} LIMIT 1
"""

_SENTENCES = f"""
SELECT ?start ?end ?sentence WHERE {{ GRAPH ?g {{
  ?citation <{OA}hasSelector> ?position ; <{VK}sentence> ?sentence .
  ?position <{OA}start> ?start ; <{OA}end> ?end .
}} }}
"""


@dataclass(frozen=True)
class Highlight:
    """The text cut around one citation: `lead` + `mention` + `tail` is the citing sentence
    (lead and tail are empty when the sentence is not known)."""

    before: str
    lead: str
    mention: str
    tail: str
    after: str


@dataclass(frozen=True)
class SourceText:
    path: str
    name: str
    text: Highlight
    changed: bool  # the file's bytes differ from those ingested: offsets may be off


def source_text(store: GraphStore, graph: str, start: int, end: int) -> SourceText:
    """The file recorded in `graph`, cut around the span [start, end)."""
    found = store.query(_SOURCE, {"g": parse_iri(graph)})
    assert isinstance(found, SelectResult)
    if not found.rows:
        raise DocumentNotFound(f"no ingested source file has the graph {graph!r}")
    row = found.rows[0]
    path = row["path"].value
    if not source_path(path).is_file():
        raise InputError(path, "the source file is no longer there (moved or deleted since ingest)")
    read = read_file(source_path(path))
    text = read.text
    if not 0 <= start <= end <= len(text):
        raise QueryError(f"span {start}-{end} lies outside {Path(path).name} ({len(text)} chars)")
    changed = "sha" in row and row["sha"].value != read.sha256
    sentence = _sentence_at(store, graph, start, end)
    return SourceText(path, Path(path).name, highlight(text, start, end, sentence), changed)


def _sentence_at(store: GraphStore, graph: str, start: int, end: int) -> str | None:
    result = store.query(_SENTENCES, {"g": ox.NamedNode(graph)})
    assert isinstance(result, SelectResult)
    for row in result.rows:
        if (row["start"].value, row["end"].value) == (str(start), str(end)):
            return row["sentence"].value
    return None


def parse_iri(text: str) -> ox.NamedNode:
    """`text` as an IRI node; anything else is refused as a bad argument, not a crash."""
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise QueryError(f"not an IRI: {text!r}") from None


def highlight(text: str, start: int, end: int, sentence: str | None) -> Highlight:
    """Cut `text` so the mention [start, end) and the sentence around it can be marked.

    The graph stores the sentence's text, not its offsets; it is found again as the occurrence
    that contains the mention. A long sentence is stored as the part around the mention, with
    "…" where it was cut: that part is marked. When it cannot be found only the mention is marked.
    """
    if sentence:
        sentence = sentence.strip("…")
        at = text.find(sentence, max(0, end - len(sentence)), start + len(sentence))
        if at != -1 and at <= start and at + len(sentence) >= end:
            stop = at + len(sentence)
            return Highlight(
                text[:at], text[at:start], text[start:end], text[end:stop], text[stop:]
            )
    return Highlight(text[:start], "", text[start:end], "", text[end:])
