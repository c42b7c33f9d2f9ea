"""Rows of the table-driven extraction tests: a reference described by its surface and the
fields a row checks (fields not named are not checked), and the checks every table runs."""

from __future__ import annotations

from typing import Any

from kg.extract import extract


def ref(surface: str, **fields: Any) -> dict[str, Any]:
    return {"surface": surface, **fields}


def check_references(text: str, expected: list[dict[str, Any]]) -> None:
    """``text`` yields exactly the ``expected`` references, in order, with those fields."""
    references = extract(text).references
    assert [r.surface for r in references] == [e["surface"] for e in expected]
    for reference, wanted in zip(references, expected, strict=True):
        assert text[reference.start : reference.end] == reference.surface
        for name, value in wanted.items():
            assert getattr(reference, name) == value, (reference.surface, name)


def links_of(text: str) -> list[tuple[str, str, str]]:
    """The links ``text`` states, by the surfaces of the two references."""
    extraction = extract(text)
    surfaces = [r.surface for r in extraction.references]
    return [(surfaces[k.subject], k.relation, surfaces[k.object]) for k in extraction.links]
