"""A running `kg serve` app over the sample-corpus store, shared by the web tests.

The app runs in uvicorn on a loopback socket in a background thread, as `kg serve` runs it,
with a short query deadline and a small row cap so the limits can be tested quickly.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from kg.web.app import ServeSettings, create_app
from kg.web.runner import Limits

QUERY_TIMEOUT = 2.0
MAX_ROWS = 2000


@pytest.fixture(scope="session")
def web_url(corpus_store: Path) -> Iterator[str]:
    """Base URL of the app serving the corpus store read-only."""
    settings = ServeSettings(
        store=str(corpus_store),
        limits=Limits(timeout=QUERY_TIMEOUT, max_rows=MAX_ROWS),
        query_workers=1,
    )
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
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)
    sock.close()
