"""Opening generated pages in Debian's headless Chromium with the network blocked.

Shared by the browser tests (through fixtures in conftest) and by `measure_tti.py`. The launch
settings are the benchmark's (`benchmarks.page`): the system chromium, never a downloaded one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.page import CHROMIUM_ARGS, MAP_READY, chromium_path

__all__ = ["CHROMIUM_ARGS", "MAP_READY", "OpenedPage", "chromium_path", "open_blocked"]


@dataclass
class OpenedPage:
    """A loaded page plus what it tried to do: requests, console errors, dialogs."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_blocked(context: Any, path: Path, *, ready: str | None = MAP_READY) -> OpenedPage:
    """Load a local file; every request that is not file: is aborted and recorded."""
    page = context.new_page()
    opened = OpenedPage(page)

    def route(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            opened.requests.append(route.request.url)
            route.abort()

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.route("**/*", route)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.on("dialog", on_dialog)
    page.goto(path.resolve().as_uri())
    if ready:
        page.wait_for_selector(ready, state="attached", timeout=120_000)
    return opened
