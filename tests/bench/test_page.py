"""The benchmark's page timing opens a generated map in headless Chromium and reads its clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.harness import isolated
from benchmarks.page import browser_missing, time_to_interactive
from kg.views import render_html
from tests.views.graphs import synthetic


@pytest.mark.skipif(browser_missing() is not None, reason=str(browser_missing()))
def test_a_map_page_reports_when_it_became_interactive(tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    render_html(synthetic(30), page)
    # In its own process: Playwright's sync API allows one driver per process, and the
    # browser tests hold one for the session.
    [ready] = isolated(time_to_interactive, [page]).result
    assert 0 < ready < 120_000
