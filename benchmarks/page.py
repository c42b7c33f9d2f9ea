"""Generated pages in Debian's headless Chromium: how long a map takes to become interactive.

We never download a browser (`playwright install`): the system chromium is launched by path, and
Playwright (a development dependency) drives it. The browser tests use the same launch settings.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# The map page sets these once its first frame is drawn (kg/views/static/map.js).
MAP_READY = "body[data-ready='true']"
READY_MS = "window.kgReadyMs"


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_missing() -> str | None:
    """Why pages cannot be timed here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if chromium_path() is None:
        return "no chromium on PATH (apt-get install chromium)"
    return None


def time_to_interactive(
    pages: Sequence[Path], viewport: tuple[int, int] = (1400, 900)
) -> list[float]:
    """Milliseconds from navigation start to each map's first drawn frame, one fresh tab each."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    assert executable is not None, browser_missing()
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            for path in pages:
                context = browser.new_context(
                    viewport={"width": viewport[0], "height": viewport[1]}
                )
                page = context.new_page()
                page.goto(path.resolve().as_uri())
                page.wait_for_selector(MAP_READY, state="attached", timeout=300_000)
                timings.append(float(page.evaluate(READY_MS)))
                context.close()
        finally:
            browser.close()
    return timings
