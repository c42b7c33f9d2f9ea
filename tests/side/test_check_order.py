"""`kg check` lists its findings in one order, whatever order the engine gives rows in: many
documents are cited by as many files, and a reference can have several candidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import KG
from tests.row_order import reverse_rows


def _check(store: Path, monkeypatch: pytest.MonkeyPatch, *, reverse: bool) -> object:
    with KG.open(store, read_only=True) as kg:
        if reverse:
            reverse_rows(kg, monkeypatch)
        return kg.check().to_json()


@pytest.mark.parametrize("which", ["sample corpus", "synthetic corpus"])
def test_findings_do_not_follow_the_engine_s_row_order(
    which: str, corpus_store: Path, bulk_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = corpus_store if which == "sample corpus" else bulk_store
    as_given = _check(store, monkeypatch, reverse=False)
    assert as_given == _check(store, monkeypatch, reverse=True)
