"""Generated pages in real headless Chromium, offline: they draw, filter, and run no payload."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from matplotlib.image import imread

from kg.views import inline_html, render_coverage, render_html
from kg.views.coverage import load_tiles
from tests.views.browser import OpenedPage, open_blocked
from tests.views.graphs import BASE, NQ25, XSS_TITLE, chain_25, hostile, synthetic

pytestmark = pytest.mark.browser
Opener = Callable[..., OpenedPage]


def _counts(opened: OpenedPage) -> dict[str, int]:
    return opened.page.evaluate(
        """() => ({nodes: kgMap.nodes.length, edges: kgMap.edges.length,
                   shownNodes: kgMap.nodeView.length, shownEdges: kgMap.edgeView.length})"""
    )


def _assert_clean(opened: OpenedPage) -> None:
    assert opened.requests == []
    assert opened.errors == []
    assert opened.dialogs == []


def _screenshot_is_not_blank(opened: OpenedPage, path: Path) -> None:
    opened.page.locator("#kg-map").screenshot(path=path)
    pixels = imread(io.BytesIO(path.read_bytes()), format="png")
    assert pixels.std() > 0.02, "the map area is a flat colour"


@pytest.mark.parametrize("layout", ["briefing", "force"])
def test_map_draws_offline_with_every_node_and_edge(
    open_page: Opener, tmp_path: Path, layout: str
) -> None:
    graph = chain_25()
    opened = open_page(render_html(graph, tmp_path / "m.html", layout=layout))  # type: ignore[arg-type]
    _assert_clean(opened)
    assert _counts(opened) == {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "shownNodes": graph.number_of_nodes(),
        "shownEdges": graph.number_of_edges(),
    }
    assert opened.page.locator("#kg-legend").is_visible()
    assert opened.page.evaluate("kgMap.network.physics.options.enabled") is False
    _screenshot_is_not_blank(opened, tmp_path / f"{layout}.png")


def test_hostile_strings_run_nothing_and_show_as_text(open_page: Opener, tmp_path: Path) -> None:
    opened = open_page(render_html(hostile(), tmp_path / "x.html"))
    page = opened.page
    _assert_clean(opened)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("h1").inner_text() == "<script>window.__xss=9</script> bản đồ"
    assert page.locator("img").count() == 0

    # Hover the document whose title is the payload: the tooltip shows it as text.
    target = page.evaluate(
        """() => { const n = kgMap.nodes.get().find((n) => n.label.includes('__xss=2'));
                   const p = kgMap.network.canvasToDOM(kgMap.network.getPosition(n.id));
                   const box = document.getElementById('kg-map').getBoundingClientRect();
                   return {x: p.x + box.left, y: p.y + box.top}; }"""
    )
    page.mouse.move(target["x"] - 30, target["y"] - 30)
    page.mouse.move(target["x"], target["y"], steps=5)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert XSS_TITLE in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0

    # The edge's citing sentence holds a link with "href": still text, no anchor element.
    middle = page.evaluate(
        """() => { const [a, b] = kgMap.nodes.getIds().map((id) => kgMap.network.getPosition(id));
                   const p = kgMap.network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
                   const box = document.getElementById('kg-map').getBoundingClientRect();
                   return {x: p.x + box.left, y: p.y + box.top}; }"""
    )
    page.mouse.move(middle["x"] + 40, middle["y"] + 60)
    page.mouse.move(middle["x"], middle["y"], steps=5)
    page.wait_for_function(
        "() => document.querySelector('div.vis-tooltip')?.innerText.includes('__xss=3')",
        timeout=5_000,
    )
    assert tooltip.locator("a").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_filters_hide_relations_levels_years_and_provinces(
    open_page: Opener, tmp_path: Path
) -> None:
    opened = open_page(render_html(chain_25(), tmp_path / "m.html"))
    page = opened.page
    page.uncheck('input[name="relation"][value="reviews"]')
    assert _counts(opened)["shownEdges"] == 11 - 3
    page.check('input[name="relation"][value="reviews"]')
    page.uncheck('input[name="level"][value="province"]')
    assert _counts(opened)["shownNodes"] == 4  # the central documents
    page.check('input[name="level"][value="province"]')
    page.fill("#kg-year-from", "2020")
    page.dispatch_event("#kg-year-from", "change")
    # 2021-2023 documents, plus the undated plan that cannot be ruled out
    assert _counts(opened)["shownNodes"] == 5
    page.fill("#kg-year-from", "2013")
    page.dispatch_event("#kg-year-from", "change")
    page.select_option("#kg-province", "Hải Phòng")
    # Hải Phòng's two documents plus the four central ones (no province)
    assert _counts(opened)["shownNodes"] == 6
    _assert_clean(opened)


def test_search_selects_matching_documents(open_page: Opener, tmp_path: Path) -> None:
    opened = open_page(render_html(chain_25(), tmp_path / "m.html"))
    page = opened.page
    page.fill("#kg-search", "25-nq")
    assert page.evaluate("kgMap.network.getSelectedNodes()") == [NQ25]
    page.fill("#kg-search", "ke hoach hanh dong")  # without diacritics still finds it
    assert page.locator("#kg-search-status").inner_text() == "2 văn bản khớp"
    _assert_clean(opened)


def test_two_thousand_documents_become_interactive(open_page: Opener, tmp_path: Path) -> None:
    graph = synthetic(2000)
    opened = open_page(render_html(graph, tmp_path / "big.html"))
    _assert_clean(opened)
    counts = _counts(opened)
    assert counts["nodes"] == 2000 and counts["edges"] == graph.number_of_edges()
    assert opened.page.evaluate("kgMap.network.physics.options.enabled") is False


def test_coverage_page_offline_with_legend(open_page: Opener, tmp_path: Path) -> None:
    rows = [(t.province, "issued", 10 * i, ["1-KH"]) for i, t in enumerate(load_tiles()["63"])]
    path = render_coverage(rows, tmp_path / "c.html", fmt="html", title="Độ phủ")
    opened = open_page(path, ready="#kg-tiles")
    _assert_clean(opened)
    assert opened.page.locator(".tile").count() == 63
    assert opened.page.locator("#kg-legend").is_visible()
    shot = tmp_path / "c.png"
    opened.page.locator("#kg-tiles").screenshot(path=shot)
    assert imread(io.BytesIO(shot.read_bytes()), format="png").std() > 0.02


def test_notebook_iframe_runs_the_map_in_isolation(open_page: Opener, tmp_path: Path) -> None:
    host = tmp_path / "notebook.html"
    host.write_text(
        "<!DOCTYPE html><html><body><h1>Notebook</h1>"
        + inline_html(chain_25(), height=500)
        + "</body></html>",
        encoding="utf-8",
    )
    opened = open_page(host, ready="iframe")
    frame = opened.page.frames[1]
    frame.wait_for_selector("body[data-ready='true']", state="attached", timeout=30_000)
    assert frame.evaluate("kgMap.nodes.length") == chain_25().number_of_nodes()
    assert opened.page.evaluate("typeof window.kgMap") == "undefined"  # nothing leaks out
    _assert_clean(opened)


# Where a node is drawn, in page pixels, and the map's box: the node is in view when inside it.
_IN_VIEW = """(id) => {
  const box = document.getElementById('kg-map').getBoundingClientRect();
  const p = kgMap.network.canvasToDOM(kgMap.network.getPosition(id));
  return {x: p.x + box.left, y: p.y + box.top, left: box.left, top: box.top,
          right: box.right, bottom: box.bottom, width: box.width};
}"""


def _in_view(opened: OpenedPage, node: str) -> bool:
    at = opened.page.evaluate(_IN_VIEW, node)
    return bool(at["left"] <= at["x"] <= at["right"] and at["top"] <= at["y"] <= at["bottom"])


def test_the_map_opens_on_its_focus_document(open_page: Opener, tmp_path: Path) -> None:
    # 600 documents over 24 years: at a readable scale the timeline is wider than the screen,
    # and the focus, a document of the last years, is far from its start.
    graph = synthetic(600, seed=5)
    focus = f"{BASE}syn/590"
    graph.graph["focus"] = focus
    opened = open_page(render_html(graph, tmp_path / "m.html"))
    _assert_clean(opened)
    assert opened.page.evaluate("kgMap.focus") == focus
    assert _in_view(opened, focus)
    assert opened.page.evaluate("kgMap.network.getSelectedNodes()") == [focus]
    assert not _in_view(opened, f"{BASE}syn/0"), "opened on the focus, not on the start"


def test_a_map_without_a_focus_opens_framed_whole(open_page: Opener, tmp_path: Path) -> None:
    graph = synthetic(300, seed=5)
    opened = open_page(render_html(graph, tmp_path / "m.html"))
    assert all(_in_view(opened, node) for node in graph.nodes)


def test_on_a_phone_the_map_keeps_the_width(browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        opened = open_blocked(context, render_html(chain_25(), tmp_path / "m.html"))
        page = opened.page
        assert page.locator("#kg-map").bounding_box()["width"] >= 300  # type: ignore[index]
        assert not page.locator("#kg-panel").is_visible()
        page.click("#kg-panel-toggle")
        assert page.locator("#kg-legend").is_visible()
        page.click("#kg-panel-toggle")
        assert not page.locator("#kg-panel").is_visible()
        _assert_clean(opened)
    finally:
        context.close()
