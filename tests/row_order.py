"""Rows of every SELECT in reverse: whichever row the engine gives first comes last, so an
answer that follows the engine's row order (which SPARQL leaves open) changes."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from kg.api import KG
from kg.store import QueryResult, SelectResult, Term


def reverse_rows(kg: KG, monkeypatch: pytest.MonkeyPatch) -> None:
    """Have `kg`'s store give every SELECT's rows reversed (undone with `monkeypatch`)."""
    query = kg.store.query

    def reversed_rows(sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        result = query(sparql, bindings)
        if isinstance(result, SelectResult):
            return SelectResult(result.variables, result.rows[::-1])
        return result

    monkeypatch.setattr(kg.store, "query", reversed_rows)
