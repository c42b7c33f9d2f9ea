"""The "what changed" page: the files ingested, re-ingested or removed since a day, each with its
document and the facts and edges it changed; the news of the watched documents; the CSV that
`kg changes --format csv` prints. The page only reads: it never moves the `--since-last` marker
and never creates a change log.

The store is the sample corpus, ingested, then one plan edited as a corrected version would be
(its date, and a new sentence implementing 43-KL/TW) and ingested again; 43-KL/TW is watched.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from kg.api import KG, Limits
from kg.cli import main
from kg.web.app import ServeSettings
from tests.conftest import CORPUS
from tests.web.conftest import running_app

PLAN = "binhphuoc-36-kh-bdvtu-2021.txt"
PLAN_SYMBOL = "36-KH/BDVTU"
WATCHED = "43-KL/TW"
# The corrected version of the plan: another day, and one more line implementing 43-KL/TW.
EDITS = (
    ("Bình Phước, ngày 17 tháng 8 năm 2021", "Bình Phước, ngày 18 tháng 8 năm 2021"),
    (
        "- Căn cứ Chương trình số 04-CTr/TU",
        "- Thực hiện Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư về tiếp tục thực "
        "hiện Nghị quyết số 25-NQ/TW,\n- Căn cứ Chương trình số 04-CTr/TU",
    ),
)
SAMPLE_FILES = 5


@dataclass
class Item:
    """A list item of the page (a file, a fact, an edge, a watched document, a citer): its
    class, data attributes, text, the documents it links and the items inside it."""

    kind: str
    data: dict[str, str]
    text: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    path: str = ""
    value: str = ""
    children: list[Item] = field(default_factory=list)

    def inner(self, kind: str) -> list[Item]:
        return [child for child in self.children if child.kind == kind]


class Page(HTMLParser):
    """The items of the changes page, nested as shown, and the paragraphs marked empty."""

    KINDS = ("file-change", "fact", "edge", "watched-doc", "citer")

    def __init__(self, html: str) -> None:
        super().__init__()
        self.items: list[Item] = []
        self.empty: list[str] = []
        self._open: list[Item | None] = []
        self._capture: list[tuple[str, str]] = []  # (tag, what) of the element being read
        self.feed(html)

    def of(self, kind: str) -> list[Item]:
        return [item for item in self.items if item.kind == kind]

    def _innermost(self) -> Item | None:
        return next((item for item in reversed(self._open) if item is not None), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {k: v or "" for k, v in attrs}
        classes = named.get("class", "").split()
        if tag == "li":
            kind = next((k for k in classes if k in self.KINDS), None)
            item = None
            if kind is not None:
                data = {k[5:]: v for k, v in named.items() if k.startswith("data-")}
                item = Item(kind, data)
                parent = self._innermost()
                (parent.children if parent is not None else self.items).append(item)
            self._open.append(item)
        what = next((c for c in ("doc", "path", "value", "empty") if c in classes), None)
        if what is not None:
            self._capture.append((tag, what))
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if self._capture and self._capture[-1][0] == tag:
            _, what = self._capture.pop()
            item = self._innermost()
            if what == "empty":
                self.empty.append(self._text)
            elif item is not None and what == "doc":
                item.docs.append(self._text)
            elif item is not None:
                setattr(item, what, self._text)
        if tag == "li" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._text += data
        for item in self._open:
            if item is not None:
                item.text.append(data)


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class Changed:
    """The store and the moments around the re-ingest of the plan."""

    store: Path
    before: str  # after the first ingest, before the re-ingest
    after: str  # after the re-ingest


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Changed:
    folder = tmp_path_factory.mktemp("changes")
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    store = folder / "store"
    with KG.open(store) as kg:
        kg.ingest([corpus])
        before = _now()
        plan = corpus / PLAN
        text = plan.read_text(encoding="utf-8")
        for old, new in EDITS:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        plan.write_text(text, encoding="utf-8")
        assert kg.ingest([corpus]).count("ingested") == 1
        after = _now()
        kg.watch_add(WATCHED)
    return Changed(store, before, after)


@pytest.fixture(scope="module")
def client(changed: Changed) -> Iterator[httpx.Client]:
    settings = ServeSettings(store=str(changed.store), limits=Limits(timeout=5), query_workers=1)
    with running_app(settings) as url, httpx.Client(base_url=url, timeout=60) as opened:
        yield opened


def _page(client: httpx.Client, **params: str) -> Page:
    response = client.get("/changes", params=params)
    assert response.status_code == 200, response.text
    return Page(response.text)


def test_the_page_lists_exactly_the_reingested_file_with_its_changed_facts(
    client: httpx.Client, changed: Changed
) -> None:
    page = _page(client, since=changed.before)
    [file] = page.of("file-change")
    assert Path(file.path).name == PLAN
    assert file.data["action"] == "reingested"
    assert file.docs[0] == PLAN_SYMBOL  # the file's document
    facts = {(f.data["change"], f.data["fact"], f.value) for f in file.inner("fact")}
    assert facts == {("removed", "date", "2021-08-17"), ("added", "date", "2021-08-18")}
    assert all(f.docs == [PLAN_SYMBOL] for f in file.inner("fact"))
    edges = {(e.data["change"], *e.docs, e.data["relation"]) for e in file.inner("edge")}
    assert ("added", PLAN_SYMBOL, WATCHED, "implements") in edges


def test_the_watched_document_shows_its_new_citer(client: httpx.Client, changed: Changed) -> None:
    page = _page(client, since=changed.before)
    [watched] = page.of("watched-doc")
    assert watched.docs[0] == WATCHED and watched.data["changed"] == "yes"
    citers = {(c.docs[0], c.data["relation"]) for c in watched.inner("citer")}
    assert citers == {(PLAN_SYMBOL, "implements")}


def test_the_page_covers_the_last_30_days_by_default(client: httpx.Client) -> None:
    page = _page(client)
    files = page.of("file-change")
    assert len(files) == SAMPLE_FILES
    # Ingested and re-ingested within the period: the plan is new to it, with its last date.
    assert {f.data["action"] for f in files} == {"ingested"}
    [plan] = [f for f in files if Path(f.path).name == PLAN]
    assert ("added", "date", "2021-08-18") in {
        (f.data["change"], f.data["fact"], f.value) for f in plan.inner("fact")
    }
    # 82-KH/BDVTW, ingested first, reviews 43-KL/TW: a new citer too over 30 days.
    [watched] = page.of("watched-doc")
    assert {"82-KH/BDVTW", PLAN_SYMBOL} <= {c.docs[0] for c in watched.inner("citer")}


@pytest.mark.parametrize("later", ["after", "tomorrow"])
def test_since_after_the_reingest_shows_nothing(
    client: httpx.Client, changed: Changed, later: str
) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    page = _page(client, since=changed.after if later == "after" else tomorrow)
    assert page.of("file-change") == []
    assert len(page.empty) == 1  # "no file was ingested, re-ingested or removed"
    [watched] = page.of("watched-doc")
    assert watched.data["changed"] == "no" and watched.children == []


def test_the_csv_holds_the_rows_of_kg_changes_and_of_the_page(
    client: httpx.Client, changed: Changed, capsys: pytest.CaptureFixture[str]
) -> None:
    response = client.get("/changes.csv", params={"since": changed.before})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    with pytest.raises(SystemExit) as exited:
        main(["changes", "--since", changed.before, "-f", "csv", "--store", str(changed.store)])
    assert exited.value.code in (0, None)
    printed = capsys.readouterr().out
    assert response.text.splitlines() == printed.splitlines()
    assert {Path(row["file"]).name for row in rows} == {PLAN}
    assert {row["action"] for row in rows} == {"reingested"}
    [file] = _page(client, since=changed.before).of("file-change")
    shown = [(i.data["change"], i.data.get("fact") or i.data["relation"]) for i in file.children]
    assert sorted(shown) == sorted((row["change"], row["fact"]) for row in rows)
    assert ("removed", "date", "2021-08-17") in {(r["change"], r["fact"], r["value"]) for r in rows}


@pytest.mark.parametrize("path", ["/changes", "/changes.csv"])
@pytest.mark.parametrize("since", ["31/12/2024", "soon", "2025-02-30", "2025-13-01"])
def test_a_bad_since_is_a_400_in_one_line(client: httpx.Client, path: str, since: str) -> None:
    response = client.get(path, params={"since": since})
    assert response.status_code == 400
    [message] = [line for line in response.text.splitlines() if 'class="error"' in line]
    assert "since" in message and "YYYY-MM-DD" in message


def test_viewing_the_page_never_moves_the_since_last_marker(
    client: httpx.Client, changed: Changed
) -> None:
    with KG.open(changed.store, read_only=True) as kg:
        marker = kg.changes(since_last=True).until
        for params in ({}, {"since": changed.before}, {"since": "2000-01-01"}):
            assert client.get("/changes", params=params).status_code == 200
            assert client.get("/changes.csv", params=params).status_code == 200
        kg.changes("2000-01-01")  # a report of another period does not move it either
        kg.watch_report(changed.before)
        assert kg.changes(since_last=True).since == marker


def test_a_store_without_a_change_log_shows_an_empty_page(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with KG.open(store) as kg:
        kg.ingest([CORPUS / PLAN])
    for log in store.glob("changes.sqlite*"):
        log.unlink()
    settings = ServeSettings(store=str(store), limits=Limits(timeout=5), query_workers=1)
    with running_app(settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        page = _page(client, since="2000-01-01")
        csv_text = client.get("/changes.csv").text
    assert page.of("file-change") == [] and page.of("watched-doc") == []
    assert len(page.empty) == 2  # no file changed, no document watched
    assert csv_text.lstrip("\ufeff").splitlines() == [
        "at,file,action,change,document,fact,value,iri,value_iri"
    ]
    assert list(store.glob("changes.sqlite*")) == []  # reading created nothing
