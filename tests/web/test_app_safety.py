"""What the app must never do, whatever the documents say or the requests ask: run markup from a
document, read a file it did not ingest, or write without being told it may."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from kg.api import KG, Limits
from kg.web.app import ServeSettings
from kg.web.results import CSV, GRAPH_FORMATS, HTML, JSON, SOLUTION_FORMATS, TURTLE, XML, negotiate
from kg.web.sparql import looks_like_update
from tests.web.conftest import running_app

HOSTILE_PLAN = (
    "BAN DÂN VẬN TỈNH ỦY BÌNH PHƯỚC\n"
    "Số 99-KH/BDVTU                                Đồng Xoài, ngày 01 tháng 3 năm 2022\n\n"
    "KẾ HOẠCH\n"
    '<script>alert("title")</script> công tác dân vận năm 2022\n\n'
    "Thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng "
    "(khóa XI) về “<img src=x onerror=alert(1)>”, Ban Dân vận Tỉnh ủy xây dựng kế hoạch.\n"
    # A task and a recipient with markup, for the follow-up pages.
    '- Tổ chức hội nghị <script>alert("task")</script> sơ kết.\n'
    "+ Cơ quan chủ trì: Ban Dân vận Tỉnh ủy <img src=x onerror=alert(2)>\n"
    "+ Cơ quan phối hợp: Sở <script>alert(3)</script>\n"
    "+ Thời gian thực hiện: quý II/2022.\n\n"
    "Nơi nhận:\n"
    "- Ban Dân vận Trung ương (để b/c);\n"
    '- Ban <script>alert("recipient")</script>;\n'
    "- Lưu VT.\n"
)
MARKUP = ("<script>alert", "<img src=x")
# The task's lead as the hostile plan writes it (up to where the reader stops).
HOSTILE_LEAD = "Ban Dân vận Tỉnh ủy <img src=x onerror=alert"


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "plan.txt"
    source.write_text(HOSTILE_PLAN, encoding="utf-8")
    store = folder / "store"
    with KG.open(store) as kg:
        report = kg.ingest([source])
        kg.watch_add("99-KH/BDVTU")  # for the changes page's watched documents
    assert report.count("failed") == 0
    return store


@contextmanager
def app_client(store: Path, *, allow_update: bool = False) -> Iterator[httpx.Client]:
    settings = ServeSettings(
        store=str(store), allow_update=allow_update, limits=Limits(timeout=5), query_workers=1
    )
    with running_app(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def client(hostile_store: Path) -> Iterator[httpx.Client]:
    with app_client(hostile_store) as running:
        yield running


def test_document_strings_are_shown_as_text_never_as_markup(client: httpx.Client) -> None:
    pages = [
        client.get("/doc", params={"id": "99-KH/BDVTU"}),
        client.get("/search", params={"q": "alert"}),
        client.get("/trace", params={"id": "25-NQ/TW@2013"}),
        client.get("/map", params={"id": "99-KH/BDVTU"}),
        client.get("/coverage", params={"id": "25-NQ/TW@2013"}),
        client.get("/coverage", params={"id": "99-KH/BDVTU"}),
        client.get("/followup", params={"id": "99-KH/BDVTU"}),
        client.get("/followup", params={"id": "25-NQ/TW@2013"}),
        client.get("/followup/body", params={"name": "Ban Dân vận Tỉnh ủy Bình Phước"}),
        client.get("/followup/body", params={"name": HOSTILE_LEAD}),
        client.get("/changes"),
    ]
    document = pages[0]
    link = document.text.split('class="source-link" href="', 1)[1].split('"', 1)[0]
    pages.append(client.get(link.replace("&amp;", "&")))
    for page in pages:
        assert page.status_code == 200, page.url
        for markup in MARKUP:
            assert markup not in page.text, page.url
    assert "&lt;script&gt;alert" in document.text
    assert "script-src" not in document.headers["content-security-policy"]
    # The follow-up pages show the task, its lead and the recipient, as text.
    followup, lead_page = pages[6], pages[9]
    assert followup.text.count("&lt;script&gt;alert") >= 3
    assert "&lt;img src=x onerror=alert" in lead_page.text
    # The changes page shows the plan's title among the facts it added, and the plan watched.
    changes = pages[10]
    assert "&lt;script&gt;alert" in changes.text and 'class="watched-doc"' in changes.text


def test_source_links_refuse_unknown_graphs_and_bad_spans(client: httpx.Client) -> None:
    outside = client.get("/source", params={"graph": "file:///etc/passwd", "start": 0, "end": 5})
    assert outside.status_code == 404
    malformed = client.get("/source", params={"graph": "../../etc/passwd", "start": 0, "end": 5})
    assert malformed.status_code == 400
    document = client.get("/doc", params={"id": "99-KH/BDVTU"}).text
    graph = document.split("graph=", 1)[1].split("&", 1)[0]
    beyond = client.get(f"/source?graph={graph}&start=0&end=999999")
    assert beyond.status_code == 400


def test_updates_need_the_flag_and_then_show_in_later_queries(
    hostile_store: Path, tmp_path: Path
) -> None:
    insert = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 'c' } }"
    ask = {"query": "ASK { <urn:x:a> <urn:x:b> 'c' }"}
    with app_client(hostile_store) as read_only:
        refused = read_only.post("/sparql", data={"update": insert})
        assert refused.status_code == 403
    with app_client(hostile_store, allow_update=True) as writable:
        assert writable.get("/sparql", params=ask).json()["boolean"] is False
        done = writable.post(
            "/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}
        )
        assert done.status_code == 204
        assert writable.get("/sparql", params=ask).json()["boolean"] is True
        writable.post("/sparql", data={"update": "DROP GRAPH <urn:x:g>"})
        assert writable.get("/sparql", params=ask).json()["boolean"] is False


@pytest.mark.parametrize(
    ("accept", "formats", "expected"),
    [
        (None, SOLUTION_FORMATS, JSON),
        ("*/*", SOLUTION_FORMATS, JSON),
        ("application/sparql-results+xml", SOLUTION_FORMATS, XML),
        ("text/csv;q=0.9, application/sparql-results+xml;q=0.5", SOLUTION_FORMATS, CSV),
        ("text/html,application/xhtml+xml,*/*;q=0.8", SOLUTION_FORMATS, HTML),
        ("application/json", SOLUTION_FORMATS, JSON),
        ("text/*", GRAPH_FORMATS, TURTLE),
        ("image/png", SOLUTION_FORMATS, None),
        ("text/csv;q=0", SOLUTION_FORMATS, None),
    ],
)
def test_content_negotiation(accept: str | None, formats: tuple, expected: object) -> None:
    assert negotiate(accept, formats) == expected


@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("INSERT DATA { <a:b> <a:c> <a:d> }", True),
        ("PREFIX x: <urn:x:>\n# a comment\n delete where { ?s ?p ?o }", True),
        ("DROP ALL", True),
        ("SELECT * WHERE { ?s ?p 'INSERT' }", False),
        ("PREFIX insert: <urn:x:> ASK { ?s ?p ?o }", False),
    ],
)
def test_updates_are_recognised_behind_the_prologue(text: str, update: bool) -> None:
    assert looks_like_update(text) is update


def test_serve_without_a_store_says_so_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no-store"
    done = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(missing), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"kg: error: no store at {missing}: run `kg ingest` first"
    ]
    assert not missing.exists()  # looking did not create it


def test_a_loopback_server_ignores_requests_for_other_host_names(client: httpx.Client) -> None:
    # What a DNS-rebinding page would send: its own domain, resolved to 127.0.0.1.
    rebound = client.get("/doc", params={"id": "99-KH/BDVTU"}, headers={"Host": "evil.example"})
    assert rebound.status_code == 421
    assert "99-KH/BDVTU" not in rebound.text
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200
