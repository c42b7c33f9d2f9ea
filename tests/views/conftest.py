"""Fixtures for the browser tests; they skip with a reason when chromium or playwright is absent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.views.browser import MAP_READY, OpenedPage, open_blocked


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., OpenedPage]]:
    """Open local files in a fresh 1400x900 context with the network blocked."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})

    def opener(path: Path, *, ready: str | None = MAP_READY) -> OpenedPage:
        return open_blocked(context, path, ready=ready)

    yield opener
    context.close()
