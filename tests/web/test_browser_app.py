"""Staff use the app in a real browser (headless Chromium): search, evidence, trace, map.

Every test runs on a desktop and on a phone-sized screen, checks that no request leaves the app
and no script fails, and keeps a screenshot that must not be blank.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat

from tests.web.conftest import AppPage

pytestmark = pytest.mark.browser

CITING_217 = {
    # symbol, or the issuer of an unnumbered plan
    "1600-KH/BDVTW",
    "36-KH/BDVTU",
    "Ban Dân vận Tỉnh ủy Hải Dương",
    "Ban Dân vận Thành ủy Hải Phòng",
}


def assert_not_blank(page: Any, path: Path) -> None:
    """Take a screenshot and check it shows something: many distinct, varied pixels."""
    page.screenshot(path=str(path), full_page=False)
    image = Image.open(path).convert("L")
    spread = ImageStat.Stat(image).stddev[0]
    colours = len(image.getcolors(maxcolors=1 << 16) or [])
    assert spread > 10 and colours > 20, f"{path.name} looks blank (stddev {spread:.1f})"


def assert_clean(app: AppPage) -> None:
    assert app.outside == [], "the page tried to reach outside the app"
    assert app.errors == []


def plan_items(app: AppPage) -> list[str]:
    """Text of the search hits that are plans (Kế hoạch)."""
    items = app.page.locator("ul.hits > li").all_inner_texts()
    return [text for text in items if "Kế hoạch" in text]


def test_search_finds_the_plans_citing_217(app_page: AppPage, tmp_path: Path) -> None:
    app_page.goto("/")
    app_page.page.fill("main input[name=q]", "217-QĐ/TW")
    app_page.page.press("main input[name=q]", "Enter")
    app_page.page.wait_for_selector("ul.hits")
    plans = plan_items(app_page)
    for expected in CITING_217:
        assert any(expected in text for text in plans), expected
    assert len(plans) == 4
    assert_not_blank(app_page.page, tmp_path / "search.png")
    assert_clean(app_page)


def test_search_ignores_diacritics(app_page: AppPage) -> None:
    app_page.goto("/search?q=217-QD/TW")
    assert len(plan_items(app_page)) == 4


def test_a_citing_plan_links_to_its_sentence_highlighted(app_page: AppPage, tmp_path: Path) -> None:
    page = app_page.page
    app_page.goto("/search?q=217-QĐ/TW")
    page.click("ul.hits a.doc:text-is('1600-KH/BDVTW')")
    page.wait_for_selector("h1:text-is('1600-KH/BDVTW')")
    row = page.locator("section.cites li", has=page.locator("a.doc:text-is('217-QĐ/TW')"))
    sentence = row.locator("blockquote.sentence").first.inner_text()
    row.locator("a.source-link").first.click()
    page.wait_for_selector("mark.mention")
    mention = page.locator("mark.mention")
    highlighted = page.locator("mark.sentence")
    assert "217-QĐ/TW" in mention.inner_text()
    assert highlighted.inner_text().strip() in sentence
    assert "217-QĐ/TW" in highlighted.inner_text()
    assert highlighted.is_visible()
    box, viewport = highlighted.bounding_box(), page.viewport_size
    assert box is not None and box["y"] < viewport["height"], "the sentence is scrolled into view"
    background = highlighted.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert_not_blank(page, tmp_path / "source.png")
    assert_clean(app_page)


def test_the_document_page_lists_who_cites_217_with_sentences(app_page: AppPage) -> None:
    app_page.goto("/doc?id=217-QĐ/TW")
    items = app_page.page.locator("section.cited-by > ul > li")
    plans = [text for text in items.all_inner_texts() if "Kế hoạch" in text]
    for expected in CITING_217:
        assert any(expected in text for text in plans), expected
    assert all("217-QĐ/TW" in text for text in plans)  # each with its citing sentence
    # Three dates are stated for 217-QĐ/TW; the page shows them with their sources.
    conflicts = app_page.page.locator("section.conflicts").inner_text()
    assert "2013-12-12" in conflicts and "2013-12-13" in conflicts


TRACE_CHAIN = {
    ("43-KL/TW", "continues"),
    ("82-KH/BDVTW", "reviews"),
    ("1600-KH/BDVTW", "reviews"),
    ("36-KH/BDVTU", "implements"),
}


def trace_rows(app: AppPage) -> set[tuple[str, str]]:
    rows = app.page.locator("table.trace-table tbody tr")
    return {
        (row.locator("td").nth(1).locator("a.doc").inner_text(), row.get_attribute("data-relation"))
        for row in rows.all()
    }


def test_the_trace_of_25_lists_the_chain(app_page: AppPage, tmp_path: Path) -> None:
    app_page.goto("/trace?id=25-NQ/TW@2013")
    assert trace_rows(app_page) >= TRACE_CHAIN
    tree = app_page.page.locator(".trace-tree").inner_text()
    for symbol, _ in TRACE_CHAIN:
        assert symbol in tree
    assert_not_blank(app_page.page, tmp_path / "trace.png")
    assert_clean(app_page)


def test_the_trace_filters_by_relation_and_downloads_csv(app_page: AppPage) -> None:
    page = app_page.page
    app_page.goto("/trace?id=25-NQ/TW@2013")
    for box in page.locator("form.filters input[name=relation]").all():
        box.uncheck()
    page.check("form.filters input[name=relation][value=implements]")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    rows = trace_rows(app_page)
    assert ("36-KH/BDVTU", "implements") in rows
    assert {relation for _, relation in rows} == {"implements"}

    with page.expect_download() as download:
        page.click("a.download")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert {(r["acting"], r["relation"]) for r in table} == rows


def test_the_map_page_renders(app_page: AppPage, tmp_path: Path) -> None:
    app_page.goto("/map?id=25-NQ/TW@2013&view=trace")
    frame = app_page.page.frame_locator(".map-frame iframe")
    frame.locator("body[data-ready='true']").wait_for(state="attached", timeout=120_000)
    canvas = frame.locator("canvas").first
    assert canvas.is_visible()
    assert_not_blank(app_page.page, tmp_path / "map.png")
    assert_clean(app_page)


def test_an_ambiguous_argument_offers_a_choice(app_page: AppPage) -> None:
    app_page.goto("/doc?id=25-NQ/TW")
    choices = app_page.page.locator("ul.choose > li")
    assert choices.count() > 1
    assert all("25-NQ/TW" in text for text in choices.all_inner_texts())


def test_the_stats_page_renders(app_page: AppPage, tmp_path: Path) -> None:
    app_page.goto("/stats")
    assert app_page.page.locator("table.totals tr").count() > 0
    assert_not_blank(app_page.page, tmp_path / "stats.png")
    assert_clean(app_page)


NQ25_2013 = "https://w3id.org/vankien/doc/tw/nghi-quyet/2013/25"


def test_the_map_page_opens_on_the_document_and_keeps_its_width(app_page: AppPage) -> None:
    # The neighbourhood of the 2013 resolution reaches back to 2000: the page must open on
    # the resolution, not on the first years.
    app_page.goto("/map?id=25-NQ/TW@2013")
    frame = app_page.page.frame_locator(".map-frame iframe")
    frame.locator("body[data-ready='true']").wait_for(state="attached", timeout=120_000)
    at = frame.locator("#kg-map").evaluate(
        """(map) => {
             const box = map.getBoundingClientRect();
             const p = kgMap.network.canvasToDOM(kgMap.network.getPosition(kgMap.focus));
             return {focus: kgMap.focus, x: p.x, y: p.y, width: box.width, height: box.height};
           }"""
    )
    assert at["focus"] == NQ25_2013
    assert 0 <= at["x"] <= at["width"] and 0 <= at["y"] <= at["height"], at
    assert at["width"] >= 300, "the map keeps the width of a phone's screen"
    assert_clean(app_page)


def test_the_coverage_page_shows_the_grid_for_a_date(app_page: AppPage, tmp_path: Path) -> None:
    page = app_page.page
    app_page.goto("/doc?id=25-NQ/TW@2013")
    page.click("nav.doc-pages a:text-is('Độ phủ thực hiện')")
    grid = page.locator(".coverage-grid img")
    grid.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=grid.element_handle())
    issued = page.locator("table.coverage-table tr[data-status=issued]").all_inner_texts()
    assert any("Bình Phước" in row and "36-KH/BDVTU" in row for row in issued)
    # The grid fits the screen: a phone shows all of it, smaller, without scrolling sideways.
    width = page.viewport_size["width"]
    box = grid.bounding_box()
    assert box is not None and box["width"] <= width and box["height"] > 100
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_not_blank(page, tmp_path / "coverage.png")

    page.fill("input[name=as_of]", "2025-08-01")
    page.click("form.as-of button[type=submit]")
    page.wait_for_selector("p.summary:has-text('34 tỉnh')")
    assert "Đồng Nai" in page.locator("table.coverage-table").inner_text()
    with page.expect_download() as download:
        page.click("a.download[data-format=png]")
    assert download.value.suggested_filename == "coverage-25-nq-tw-2013-2025-08-01.png"
    assert Path(download.value.path()).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert_clean(app_page)


def test_the_map_page_downloads_its_picture(app_page: AppPage) -> None:
    page = app_page.page
    app_page.goto("/map?id=25-NQ/TW@2013&view=trace")
    with page.expect_download() as download:
        page.click("a.download[data-format=svg]")
    assert download.value.suggested_filename == "map-25-nq-tw-2013-trace.svg"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text and "<script" not in text
    assert_clean(app_page)


def test_the_followup_pages_lead_from_a_plan_to_its_bodies(
    app_page: AppPage, tmp_path: Path
) -> None:
    page = app_page.page
    width = page.viewport_size["width"]
    app_page.goto("/doc?id=36-KH/BDVTU")
    page.click("nav.doc-pages a:text-is('Việc cần theo dõi')")
    page.fill("input[name=as_of]", "2022-06-01")
    page.click("form.as-of button[type=submit]")
    first = page.locator("section.tasks li.task").first
    first.wait_for()
    assert first.get_attribute("data-status") == "overdue"
    assert "2021-12-31" in first.inner_text()
    # A task's long text wraps on a phone: nothing scrolls sideways, and no script runs.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.scripts.length") == 0
    assert_not_blank(page, tmp_path / "followup.png")

    first.locator("dd.leads a.body").first.click()
    page.wait_for_selector("h1:has-text('Ban Dân vận Tỉnh ủy Bình Phước')")
    tasks = page.locator("section.tasks li.task")
    assert tasks.count() > 0
    assert tasks.first.get_attribute("data-status") == "overdue"  # the day was kept
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_not_blank(page, tmp_path / "followup-body.png")
    assert_clean(app_page)


def test_the_followup_page_marks_recipients_that_issued_nothing(app_page: AppPage) -> None:
    page = app_page.page
    app_page.goto("/followup?id=25-NQ/TW@2013")
    found = page.locator("section.reviews li.review[data-status=found]")
    assert found.count() == 2
    assert "1600-KH/BDVTW" in found.nth(0).inner_text()
    assert "82-KH/BDVTW" in found.nth(1).inner_text()
    app_page.goto("/search?q=Kế hoạch hành động Hải Dương")
    page.click("ul.hits a.doc:has-text('Tỉnh Hải Dương')")
    page.click("nav.doc-pages a:text-is('Việc cần theo dõi')")
    silent = page.locator("li.recipient[data-status='none found']")
    silent.first.wait_for()
    assert silent.count() >= 2
    page.wait_for_load_state("load")  # the style sheet too, on a busy machine
    # A silent recipient stands out: its badge is not the grey of the others.
    badge = silent.first.locator(".badge").evaluate("e => getComputedStyle(e).backgroundColor")
    assert badge not in ("rgba(0, 0, 0, 0)", "rgb(234, 238, 242)")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_clean(app_page)


def test_the_changes_page_lists_the_files_ingested(app_page: AppPage, tmp_path: Path) -> None:
    page = app_page.page
    width = page.viewport_size["width"]
    app_page.goto("/")
    page.click("header nav a:text-is('Thay đổi')")
    files = page.locator("section.changed-files li.file-change")
    files.first.wait_for()
    # The session's store was built from the five sample plans, within the last 30 days.
    assert files.count() == 5
    assert {f.get_attribute("data-action") for f in files.all()} == {"ingested"}
    plan = files.filter(has_text="binhphuoc-36-kh-bdvtu-2021.txt")
    symbol = plan.locator("li.fact[data-fact=symbol]")
    assert not symbol.is_visible()  # a new file's facts are folded away
    plan.locator("summary").click()
    assert symbol.is_visible() and "36-KH/BDVTU" in symbol.inner_text()
    # Long paths and titles wrap on a phone: nothing scrolls sideways, and no script runs.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.scripts.length") == 0
    assert_not_blank(page, tmp_path / "changes.png")

    with page.expect_download() as download:
        page.click("a.download[data-format=csv]")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len({r["file"] for r in rows}) == 5
    facts = {(r["change"], r["fact"], r["value"]) for r in rows}
    assert ("added", "symbol", "36-KH/BDVTU") in facts
    assert_clean(app_page)
