"""A long trace in the app: an overview by depth and province instead of a tree no one can read,
and a table that lists the first links while the CSV keeps them all."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pytest

from kg.api import KG
from kg.web import pages


@pytest.fixture()
def client(web_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_url, timeout=30) as opened:
        yield opened


def test_a_long_trace_shows_the_overview_and_the_whole_tree_on_request(
    client: httpx.Client, corpus_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KG, "overview_links", 0)
    chain = corpus_kg.trace("25-NQ/TW@2013")
    page = client.get("/trace", params={"id": "25-NQ/TW@2013"}).text
    assert 'class="trace-tree"' not in page
    assert f"{len(chain.nodes) - 1:,} văn bản qua {len(chain.edges):,} quan hệ" in page
    # The three provincial plans of the sample corpus, by the registry's names; of the other
    # 60 provinces the store holds no document (not listed as failing to implement).
    assert all(name in page for name in ("Bình Phước", "Hải Dương", "Hải Phòng"))
    assert "60 tỉnh, thành chưa có văn bản nào trong kho" in page
    assert "Cà Mau" not in page
    whole = client.get("/trace", params={"id": "25-NQ/TW@2013", "tree": "1"}).text
    assert 'class="trace-tree"' in whole and 'class="trace-levels"' not in whole


def test_the_table_lists_the_first_links_and_the_csv_all_of_them(
    client: httpx.Client, corpus_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "TABLE_ROWS", 2)
    links = len(corpus_kg.trace("25-NQ/TW@2013").edges)
    assert links > 2
    page = client.get("/trace", params={"id": "25-NQ/TW@2013"}).text
    assert page.count("<tr data-relation=") == 2
    assert f"2 đầu tiên trong {links:,} quan hệ" in page
    text = client.get("/trace.csv", params={"id": "25-NQ/TW@2013"}).text
    assert len(list(csv.reader(io.StringIO(text)))) == links + 1  # a header, then every link
