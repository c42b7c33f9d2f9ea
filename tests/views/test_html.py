"""The interactive map is one offline UTF-8 file that treats every document string as text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from kg.views import OutputError, inline_html, render_html
from kg.views.html import LARGE_GRAPH, html_document
from tests.views.graphs import chain_25, hostile, synthetic

# Anything that would make the browser fetch over the network: a src/href/action attribute,
# a CSS url() or @import pointing at http(s) or a protocol-relative address.
REMOTE = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


def _data(page: str) -> dict:  # type: ignore[type-arg]
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_page_is_self_contained_utf8(tmp_path: Path) -> None:
    path = render_html(chain_25(), tmp_path / "maps" / "chain.html")
    page = path.read_bytes().decode("utf-8")
    assert REMOTE.search(page) is None
    assert "<script src" not in page and "<link" not in page
    assert "vis.Network" in page  # vis-network inlined from pyvis's package
    assert "Chuỗi thực hiện Nghị quyết 25-NQ/TW (2013)" in page
    assert '<meta charset="utf-8">' in page


def test_remote_link_detector_catches_what_it_must() -> None:
    for remote in ('<script src="https://x/vis.js">', "url(//cdn/x.png)", '<link href="http://a">'):
        assert REMOTE.search(remote)


def test_every_document_and_link_reaches_the_page_data() -> None:
    graph = chain_25()
    data = _data(html_document(graph))
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert len(data["edges"]) == graph.number_of_edges()
    labels = {n["label"] for n in data["nodes"]}
    assert {"25-NQ/TW", "KH hành động BDV Hải Dương"} <= labels
    evidence = {e["evidence"] for e in data["edges"]}
    assert "Sơ kết 5 năm thực hiện Nghị quyết số 25-NQ/TW" in evidence


def test_parallel_edges_are_bent_apart() -> None:
    data = _data(html_document(chain_25()))
    pair = [e for e in data["edges"] if e["to"].endswith("nghi-quyet/2022/08")]
    assert sorted(e["bend"] for e in pair) == [0.0, 0.18]


def test_hostile_strings_never_appear_as_markup() -> None:
    page = html_document(hostile())
    assert "<img" not in page
    assert "window.__xss=2</script>" not in page
    assert "<svg onload" not in page
    assert "<a href=" not in page
    assert "&lt;script&gt;window.__xss=9&lt;/script&gt;" in page  # the title, escaped
    data = _data(page)
    assert '<img src=x onerror="window.__xss=1">' in {n["title"] for n in data["nodes"]}


def test_legend_and_filters_list_what_the_graph_uses() -> None:
    page = html_document(chain_25())
    legend = page[page.index('id="kg-legend"') :]
    for label in ("Nghị quyết", "Kết luận", "Trung ương", "Cấp tỉnh", "kiểm tra, giám sát"):
        assert label in legend
    assert "Luật" not in legend and "thay thế" not in legend
    assert '<option value="Bình Phước">' in page
    assert 'id="kg-year-from" type="number" min="2013" max="2023" value="2013"' in page


@pytest.mark.parametrize("layout", ["briefing", "force"])
def test_generating_twice_gives_identical_bytes(tmp_path: Path, layout: str) -> None:
    first = render_html(chain_25(), tmp_path / "a.html", layout=layout)  # type: ignore[arg-type]
    second = render_html(chain_25(), tmp_path / "b.html", layout=layout)  # type: ignore[arg-type]
    assert first.read_bytes() == second.read_bytes()


def test_briefing_positions_disable_physics() -> None:
    page = html_document(chain_25())
    assert "physics: { enabled: false }" in page
    assert all("x" in n and "y" in n for n in _data(page)["nodes"])


def test_inline_html_is_an_isolated_iframe() -> None:
    frame = inline_html(hostile(), height=400)
    assert frame.startswith("<iframe srcdoc=")
    assert 'sandbox="allow-scripts"' in frame and "height:400px" in frame
    srcdoc = re.match(r'<iframe srcdoc="([^"]*)"', frame)
    assert srcdoc is not None
    assert html.unescape(srcdoc.group(1)) == html_document(hostile())


def test_unwritable_output_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="file"):
        render_html(chain_25(), blocker / "map.html")


def test_large_maps_draw_plain_edges_and_say_so() -> None:
    small, large = html_document(synthetic(50)), html_document(synthetic(LARGE_GRAPH + 1))
    assert any(e["dashes"] for e in _data(small)["edges"])
    assert not any(e["dashes"] for e in _data(large)["edges"])
    assert "quan hệ chỉ phân biệt bằng màu" in large
    assert "quan hệ chỉ phân biệt bằng màu" not in small
