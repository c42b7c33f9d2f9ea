"""The coverage page and the pictures the app hands out: the grid `kg coverage -o` draws, for the
date asked, linked from the document page; PNG and SVG of grids and maps as downloads, the same
files the commands write; and the same one-line errors as every other page."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from PIL import Image, ImageColor

from kg.cli import main
from kg.views.coverage import LAG_BUCKETS, NO_DATA
from kg.web import pictures

NQ25 = "25-NQ/TW@2013"
NQ25_IRI = "https://w3id.org/vankien/doc/tw/nghi-quyet/2013/25"
SVG = "{http://www.w3.org/2000/svg}"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture()
def client(web_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_url, timeout=120) as opened:
        yield opened


class Rows(HTMLParser):
    """The coverage table's rows (status, cells' text) and every URL the page refers to."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[str]]] = []
        self.urls: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("href", "src", "action") and v]
        if tag == "tr" and "data-status" in named:
            self.rows.append((named["data-status"] or "", []))
        elif tag == "td" and self.rows:
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None


def coverage_page(client: httpx.Client, **params: str) -> tuple[httpx.Response, Rows]:
    page = client.get("/coverage", params=params)
    parsed = Rows()
    parsed.feed(page.text)
    return page, parsed


def by_area(parsed: Rows) -> dict[str, tuple[str, list[str]]]:
    return {cells[0]: (status, cells) for status, cells in parsed.rows}


def test_the_page_shows_the_grid_and_who_implemented_25(client: httpx.Client) -> None:
    page, parsed = coverage_page(client, doc=NQ25)
    assert page.status_code == 200
    rows = by_area(parsed)
    # 36-KH/BDVTU (Bình Phước, 17/8/2021) implements the resolution of 3/6/2013: 2,997 days.
    status, cells = rows["Bình Phước"]
    assert status == "issued" and "36-KH/BDVTU" in cells[3] and cells[5] == "2997"
    assert rows["Ban Dân vận Trung ương"][0] == "issued"
    assert "1600-KH/BDVTW" in rows["Ban Dân vận Trung ương"][1][3]
    assert "Bản đồ 63 tỉnh, thành trước ngày 1/7/2025" in page.text
    grid = [u for u in parsed.urls if u.startswith("/coverage.svg?")]
    assert grid, "the page shows the grid picture"
    assert httpx.URL(grid[0]).params["id"] == NQ25_IRI


def test_the_page_refers_to_nothing_outside_the_app(client: httpx.Client) -> None:
    page, parsed = coverage_page(client, doc=NQ25)
    outside = [u for u in parsed.urls if re.match(r"^([a-z][a-z0-9+.-]*:|//)", u, re.I)]
    assert outside == []
    assert "<script" not in page.text


def test_as_of_shows_the_provinces_and_documents_of_that_day(client: httpx.Client) -> None:
    # On 1 June 2018 Bình Phước's plan (2021) was not yet issued, nor 82-KH/BDVTW (2023).
    page, parsed = coverage_page(client, doc=NQ25, as_of="2018-06-01")
    assert page.status_code == 200
    rows = by_area(parsed)
    assert rows["Bình Phước"][0] == "not_issued"
    assert "82-KH/BDVTW" not in rows["Ban Dân vận Trung ương"][1][3]
    assert 'name="as_of" value="2018-06-01"' in page.text
    # After 1 July 2025 Bình Phước is part of Đồng Nai, on the map of 34.
    page, parsed = coverage_page(client, doc=NQ25, as_of="2025-08-01")
    rows = by_area(parsed)
    assert "Bình Phước" not in rows and "36-KH/BDVTU" in rows["Đồng Nai"][1][3]
    assert "Bản đồ 34 tỉnh, thành từ ngày 1/7/2025" in page.text
    grid = next(u for u in parsed.urls if u.startswith("/coverage.svg?"))
    assert httpx.URL(grid).params["as_of"] == "2025-08-01"


@pytest.mark.parametrize("path", ["/coverage", "/coverage.png", "/coverage.svg", "/map.svg"])
@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({}, 400, "give a document"),
        ({"doc": "217-QD/TU"}, 404, ">217-QĐ/TW</a>"),  # the nearest symbol
        ({"doc": "25-NQ/TW"}, 300, ">25-NQ/TW@2003</a>"),  # two documents: a choice
    ],
)
def test_a_bad_document_gets_the_pages_of_every_other_page(
    client: httpx.Client, path: str, params: dict[str, str], status: int, says: str
) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert says in answer.text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/coverage", {"as_of": "2025-02-30"}),
        ("/coverage", {"as_of": "1/6/2018"}),
        ("/coverage.png", {"as_of": "2018"}),
        ("/map.png", {"view": "everything"}),
    ],
)
def test_a_bad_parameter_is_a_one_line_error(
    client: httpx.Client, path: str, params: dict[str, str]
) -> None:
    answer = client.get(path, params={"doc": NQ25, **params})
    assert answer.status_code == 400
    error = answer.text.partition('class="error" role="alert">')[2].partition("</p>")[0]
    assert error and "\n" not in error


def test_the_document_page_links_its_coverage(client: httpx.Client) -> None:
    page = client.get("/doc", params={"id": NQ25})
    links = Rows()
    links.feed(page.text)
    coverage = [u for u in links.urls if u.startswith("/coverage?")]
    assert [httpx.URL(u).params["id"] for u in coverage] == [NQ25_IRI]


def test_the_grid_downloads_as_png(client: httpx.Client) -> None:
    picture = client.get("/coverage.png", params={"doc": NQ25})
    assert picture.status_code == 200
    assert picture.headers["content-type"] == "image/png"
    assert picture.headers["content-disposition"] == (
        'attachment; filename="coverage-25-nq-tw-2013.png"'
    )
    assert picture.content.startswith(PNG_MAGIC)
    image = Image.open(io.BytesIO(picture.content)).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20) or []}
    # Bình Phước's tile took more than a year; the provinces of which nothing was read are grey.
    late, unknown = (LAG_BUCKETS[-1].colour, NO_DATA.colour)
    assert {ImageColor.getrgb(late), ImageColor.getrgb(unknown)} <= colours
    # The app's security headers go with pictures too.
    assert "default-src 'none'" in picture.headers["content-security-policy"]
    assert picture.headers["x-content-type-options"] == "nosniff"


def test_the_grid_svg_is_the_file_kg_coverage_writes(
    client: httpx.Client, corpus_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    params = {"doc": NQ25, "as_of": "2025-08-01"}
    picture = client.get("/coverage.svg", params=params)
    assert picture.headers["content-type"] == "image/svg+xml"
    assert picture.headers["content-disposition"] == (
        'attachment; filename="coverage-25-nq-tw-2013-2025-08-01.svg"'
    )
    root = ET.fromstring(picture.content)
    assert root.tag == f"{SVG}svg"
    assert not list(root.iter(f"{SVG}script"))
    written = tmp_path / "grid.svg"
    with pytest.raises(SystemExit) as exited:
        main(
            [
                "coverage",
                NQ25,
                "--as-of",
                "2025-08-01",
                "-o",
                str(written),
                "--store",
                str(corpus_store),
            ]
        )
    assert exited.value.code == 0
    capsys.readouterr()
    assert picture.content == written.read_bytes()


@pytest.mark.parametrize(
    ("view", "fmt"), [("neighbourhood", "svg"), ("trace", "png"), ("citers", "svg")]
)
def test_each_map_view_downloads_as_a_picture(client: httpx.Client, view: str, fmt: str) -> None:
    picture = client.get(f"/map.{fmt}", params={"id": NQ25, "view": view})
    assert picture.status_code == 200
    assert picture.headers["content-type"] == {"png": "image/png", "svg": "image/svg+xml"}[fmt]
    assert picture.headers["content-disposition"] == (
        f'attachment; filename="map-25-nq-tw-2013-{view}.{fmt}"'
    )
    if fmt == "svg":
        root = ET.fromstring(picture.content)
        assert root.tag == f"{SVG}svg" and not list(root.iter(f"{SVG}script"))
    else:
        assert picture.content.startswith(PNG_MAGIC)
        assert Image.open(io.BytesIO(picture.content)).width >= 1600  # 16 inches at 150 dpi


def test_the_views_draw_different_maps(client: httpx.Client) -> None:
    drawn = {
        view: client.get("/map.svg", params={"id": "217-QĐ/TW", "view": view}).content
        for view in ("trace", "citers")
    }
    assert drawn["trace"] != drawn["citers"]


def test_the_map_page_links_its_pictures(client: httpx.Client) -> None:
    page = client.get("/map", params={"id": NQ25, "view": "citers"})
    links = Rows()
    links.feed(page.text)
    pictures_linked = [httpx.URL(u) for u in links.urls if u.startswith("/map.")]
    assert {u.path for u in pictures_linked} == {"/map.png", "/map.svg"}
    assert all(u.params["view"] == "citers" for u in pictures_linked)


def test_a_map_too_big_for_a_picture_is_refused(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The neighbourhood of 25-NQ/TW (2013) has dozens of documents; a limit of three refuses it.
    monkeypatch.setattr(pictures, "PICTURE_DOCUMENTS", 3)
    refused = client.get("/map.png", params={"id": NQ25})
    assert refused.status_code == 400
    assert "kg map -o" in refused.text
