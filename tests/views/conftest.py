"""Fixtures for the browser tests; they skip with a reason when chromium or playwright is absent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.views.browser import CHROMIUM_ARGS, MAP_READY, OpenedPage, chromium_path, open_blocked


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no chromium binary on PATH (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., OpenedPage]]:
    """Open local files in a fresh 1400x900 context with the network blocked."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})

    def opener(path: Path, *, ready: str | None = MAP_READY) -> OpenedPage:
        return open_blocked(context, path, ready=ready)

    yield opener
    context.close()
