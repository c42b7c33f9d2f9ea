"""`kg check` lists its findings in one order, whatever order the engine gives rows in: many
documents are cited by as many files, and a reference can have several candidates."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from kg.api import KG
from kg.store import QueryResult, SelectResult, Term


def _check(store: Path, monkeypatch: pytest.MonkeyPatch, *, reverse: bool) -> object:
    with KG.open(store, read_only=True) as kg:
        if reverse:
            query = kg.store.query

            def reversed_rows(
                sparql: str, bindings: Mapping[str, Term] | None = None
            ) -> QueryResult:
                result = query(sparql, bindings)
                if isinstance(result, SelectResult):
                    return SelectResult(result.variables, result.rows[::-1])
                return result

            monkeypatch.setattr(kg.store, "query", reversed_rows)
        return kg.check().to_json()


@pytest.mark.parametrize("which", ["sample corpus", "synthetic corpus"])
def test_findings_do_not_follow_the_engine_s_row_order(
    which: str, corpus_store: Path, bulk_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = corpus_store if which == "sample corpus" else bulk_store
    as_given = _check(store, monkeypatch, reverse=False)
    assert as_given == _check(store, monkeypatch, reverse=True)
