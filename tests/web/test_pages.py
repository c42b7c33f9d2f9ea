"""The web app gives the answers the CLI gives, from the same facade: documents in any spelling,
the nearest symbols when none matches, the same search, the same trace CSV; and what a page
shows is readable (Vietnamese labels, IRIs as links, one-line SPARQL errors, an icon)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.cli import main


@pytest.fixture()
def client(web_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_url, timeout=30) as opened:
        yield opened


@pytest.mark.parametrize("spelling", ["217-QD/TW", "217-qđ/tw", "217/QĐ-TW", "217 qd tw"])
def test_a_document_page_is_found_in_every_spelling(client: httpx.Client, spelling: str) -> None:
    page = client.get("/doc", params={"id": spelling})
    assert page.status_code == 200
    assert "<h1>217-QĐ/TW</h1>" in page.text


def test_a_document_that_matches_nothing_offers_the_nearest(client: httpx.Client) -> None:
    page = client.get("/doc", params={"id": "217-QD/TU"})
    assert page.status_code == 404
    assert 'class="results suggestions"' in page.text
    assert ">217-QĐ/TW</a>" in page.text


def test_the_chooser_names_each_document_by_its_year(client: httpx.Client) -> None:
    page = client.get("/doc", params={"id": "25-nq/tw"})
    assert page.status_code == 300
    assert ">25-NQ/TW@2003</a>" in page.text and ">25-NQ/TW@2013</a>" in page.text


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert exited.value.code == 0
    return json.loads(capsys.readouterr().out)


def test_search_lists_what_the_cli_lists(
    client: httpx.Client, corpus_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _cli_json(capsys, "search", "dan van", "--format", "json", "--store", str(corpus_store))
    assert isinstance(found, dict)
    page = client.get("/search", params={"q": "dan van"}).text
    hits = page.partition('class="results hits"')[2]
    listed = re.findall(r'<a class="doc" href="/doc\?id=([^"]+)"', hits)
    assert [httpx.URL("?id=" + iri).params["id"] for iri in listed] == [
        row["iri"] for row in found["results"]
    ]
    assert f"{found['total']:,} văn bản khớp" in page
    assert "<mark>" in page  # the words found are marked


def test_the_trace_csv_is_the_cli_csv(
    client: httpx.Client, corpus_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["trace", "25-NQ/TW@2013", "-f", "csv", "--store", str(corpus_store)])
    from_cli = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    download = client.get("/trace.csv", params={"id": "25-NQ/TW@2013"}).text
    from_web = list(csv.DictReader(io.StringIO(download.lstrip("\ufeff"))))
    assert from_web == from_cli
    assert {"acting", "acted_on", "acted_on_date"} <= set(from_web[0])


def test_the_stats_page_names_its_counts_in_vietnamese(client: httpx.Client) -> None:
    page = client.get("/stats").text
    totals = page.partition('class="totals"')[2].partition("</table>")[0]
    assert "Văn bản đã nạp" in totals and "Tham chiếu đọc được trong văn bản" in totals
    assert "ingested_documents" not in totals


def test_the_sparql_editor_links_iris_and_says_a_parse_error_in_one_line(
    client: httpx.Client,
) -> None:
    browser = {"Accept": "text/html"}
    query = "SELECT ?doc WHERE { ?doc <https://w3id.org/vankien/ontology#symbol> '217-QĐ/TW' }"
    page = client.get("/sparql", params={"query": query}, headers=browser).text
    assert '<a class="iri" href="/doc?id=https%3A%2F%2Fw3id.org%2Fvankien%2Fdoc%2Ftw' in page
    broken = client.get("/sparql", params={"query": "SELEC ?x WHERE {}"}, headers=browser)
    error = broken.text.partition('class="error" role="alert">')[2].partition("</p>")[0]
    assert "line 1, column" in error and "\n" not in error


def test_the_app_has_an_icon(client: httpx.Client) -> None:
    icon = client.get("/favicon.ico", follow_redirects=True)
    assert icon.status_code == 200 and icon.text.startswith("<svg")
    assert 'rel="icon"' in client.get("/").text
