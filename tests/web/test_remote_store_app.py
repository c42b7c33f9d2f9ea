"""`kg serve --store http://...`: the same pages and endpoint over a SPARQL server's store."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx
import pytest

from kg.api import KG, Limits
from kg.store import SelectResult
from kg.web.app import ServeSettings
from tests.oxigraph_server import oxigraph_server
from tests.web.conftest import running_app
from tests.web.test_sparql_endpoint import CITATIONS, RUNAWAY

pytestmark = pytest.mark.server


def test_the_app_serves_a_remote_store(corpus_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "server"
    shutil.copytree(corpus_store / "oxigraph", copy)
    with oxigraph_server(copy) as server:
        settings = ServeSettings(store=server, limits=Limits(timeout=2.0, max_rows=5000))
        with running_app(settings) as url, KG.open(server) as remote:
            page = httpx.get(f"{url}/doc", params={"id": "217-QĐ/TW"}, timeout=30)
            assert page.status_code == 200
            assert "1600-KH/BDVTW" in page.text

            answer = httpx.get(f"{url}/sparql", params={"query": CITATIONS}, timeout=30).json()
            expected = remote.query(CITATIONS)
            assert isinstance(expected, SelectResult)
            assert len(answer["results"]["bindings"]) == len(expected.rows) > 10

            started = time.monotonic()
            runaway = httpx.get(f"{url}/sparql", params={"query": RUNAWAY}, timeout=60)
            assert runaway.status_code == 503
            assert time.monotonic() - started < 30
