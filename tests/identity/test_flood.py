"""A document's graph grows with its references, not their square (issue 24, item 1)."""

from __future__ import annotations

from benchmarks.flood import reference_flood
from kg.extract import extract
from kg.graph import SourceInfo, extraction_statements, search_entries
from kg.resolve import resolve


def _footprint(references: int) -> tuple[int, int]:
    """Characters held by the document's statements and search entries, and references."""
    text = reference_flood(references)
    extraction = extract(text, source="flood.txt")
    resolution = resolve(extraction)
    source = SourceInfo("flood.txt", "", "text", "utf-8", len(text))
    statements = extraction_statements(extraction, resolution, source)
    held = sum(len(str(obj)) for _, _, obj in statements.statements())
    held += sum(len(entry.text) for entry in search_entries(extraction, resolution))
    resolved = sum(1 for outcome in resolution.outcomes if outcome.target is not None)
    assert resolved == len(extraction.references) == references
    return held, len(text)


def test_statements_and_entries_grow_linearly_with_references() -> None:
    small, small_text = _footprint(1_000)
    large, large_text = _footprint(4_000)
    # Four times the references in one paragraph: about four times the statements, and a
    # small multiple of the text itself (every citation once held the whole paragraph).
    assert large / small < 4.5
    assert large < 40 * large_text
