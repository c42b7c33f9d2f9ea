"""A running `kg serve` app over the sample-corpus store, and a browser to drive it.

The app runs in uvicorn on a loopback socket in a background thread, as `kg serve` runs it,
with a short query deadline and a small row cap so the limits can be tested quickly.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from kg.api import Limits
from kg.web.app import ServeSettings, create_app

QUERY_TIMEOUT = 2.0
MAX_ROWS = 2000


@contextmanager
def running_app(settings: ServeSettings) -> Iterator[str]:
    """Serve the app with uvicorn on a free loopback port, as `kg serve` does; yield its URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="session")
def web_url(corpus_store: Path) -> Iterator[str]:
    """Base URL of the app serving the corpus store read-only."""
    settings = ServeSettings(
        store=str(corpus_store),
        limits=Limits(timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS),
        query_workers=1,
    )
    with running_app(settings) as url:
        yield url


@dataclass
class AppPage:
    """A browser tab on the app, recording any request that leaves it and any script error."""

    page: Any
    base: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def app_page(request: pytest.FixtureRequest, browser: Any, web_url: str) -> Iterator[AppPage]:
    """A fresh tab (desktop or phone-sized) where only the app itself can be reached."""
    width, height = request.param
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    opened = AppPage(page, web_url)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(web_url) or url.startswith(("about:", "data:", "blob:")):
            route.continue_()
        else:
            opened.outside.append(url)
            route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    yield opened
    context.close()
