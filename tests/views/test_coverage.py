"""The coverage tile grid: every province once, matched by name however it is spelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.registry import load_registry
from kg.views import render_coverage
from kg.views.coverage import (
    LAG_BUCKETS,
    NO_DATA,
    NOT_ISSUED,
    choose_grid,
    load_tiles,
    place_rows,
    province_key,
    summary,
)


@pytest.mark.parametrize(("grid", "count"), [("63", 63), ("34", 34)])
def test_each_grid_has_every_province_once_on_its_own_cell(grid: str, count: int) -> None:
    tiles = load_tiles()[grid]  # type: ignore[index]
    assert len(tiles) == count
    assert len({t.province for t in tiles}) == count
    assert len({(t.col, t.row) for t in tiles}) == count
    keys = [province_key(name) for t in tiles for name in (t.province, *t.aliases)]
    assert len(keys) == len(set(keys)), "two provinces share a matching key"


def test_grids_keep_neighbours_close() -> None:
    cells = {t.province: (t.col, t.row) for t in load_tiles()["63"]}
    assert cells["Hà Nội"][1] < cells["Đà Nẵng"][1] < cells["Hồ Chí Minh"][1]
    assert cells["Cà Mau"][1] == max(row for _, row in cells.values())
    assert abs(cells["Hải Dương"][0] - cells["Hải Phòng"][0]) == 1


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Khánh Hoà", "Khánh Hòa"),
        ("tỉnh Bình Phước", "Bình Phước"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố Hải Phòng", "Hải Phòng"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("BÀ RỊA - VŨNG TÀU", "Bà Rịa - Vũng Tàu"),
        ("\u00d0ồng Nai", "Đồng Nai"),
    ],
)
def test_province_names_match_across_spellings(spelling: str, canonical: str) -> None:
    assert province_key(spelling) == province_key(canonical)


def test_grid_follows_the_provinces_named() -> None:
    assert choose_grid(["Hải Dương", "Hà Nội"]) == "63"
    assert choose_grid(["Huế", "Hà Nội"]) == "34"
    assert choose_grid(["Hà Nội"]) == "34"


def test_tiles_carry_status_lag_and_unknown_provinces_are_kept() -> None:
    rows = [
        ("Bình Phước", "issued", 30, ["36-KH/BDVTU"]),
        ("Hải Dương", "issued", 31, []),
        ("Hà Nội", "not_issued", None, []),
        ("Cần Thơ", "no_documents", None, []),
        ("Đảo Nổi", "issued", 400, ["1-KH"]),
    ]
    placed = {p.tile.province: p for p in place_rows(rows, "63")}
    assert len(placed) == 64
    assert placed["Bình Phước"].bucket is LAG_BUCKETS[0]
    assert placed["Bình Phước"].lag_text == "30 ngày"
    assert placed["Hải Dương"].bucket is LAG_BUCKETS[1]
    # Documents of Hà Nội were read and none implements: red. Nothing of Cần Thơ or Cà Mau
    # was read: neutral, never painted as a failure.
    assert placed["Hà Nội"].bucket is NOT_ISSUED
    assert placed["Cần Thơ"].bucket is NO_DATA
    assert placed["Cà Mau"].bucket is NO_DATA
    stray = placed["Đảo Nổi"]
    assert stray.tile.off_grid and not placed["Hà Nội"].tile.off_grid
    assert stray.tile.row > max(t.row for t in load_tiles()["63"])
    assert summary(list(placed.values()), "63") == (
        "3/4 tỉnh, thành có văn bản trong kho đã ban hành văn bản thực hiện; độ trễ trung vị "
        "31 ngày. Bản đồ 63 tỉnh, thành trước ngày 1/7/2025."
    )


def test_html_escapes_names_and_shows_lag(tmp_path: Path) -> None:
    rows = [("Bình Phước", "issued", 45, ["<b>36</b>-KH"]), ("<i>X</i>", "not_issued", None, [])]
    page = render_coverage(
        rows, tmp_path / "c.html", fmt="html", title="Độ phủ <script>"
    ).read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>36" not in page and "<i>X" not in page
    assert "Độ phủ &lt;script&gt;" in page
    assert "45 ngày" in page
    assert page.count('class="tile"') == 63
    assert page.count('class="tile off-grid"') == 1
    assert "Viền đứt: tên không khớp tỉnh nào trên lưới" in page
    assert "http" not in page


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_figures_are_written_and_reproducible(tmp_path: Path, fmt: str) -> None:
    rows = [(t.province, "issued", i * 20, []) for i, t in enumerate(load_tiles()["34"])]
    a = render_coverage(rows, tmp_path / f"a.{fmt}", fmt=fmt, title="34 tỉnh")  # type: ignore[arg-type]
    b = render_coverage(rows, tmp_path / f"b.{fmt}", fmt=fmt, title="34 tỉnh")  # type: ignore[arg-type]
    assert a.read_bytes() == b.read_bytes()
    assert a.stat().st_size > 1000


def test_every_registry_province_has_a_tile_on_its_grid() -> None:
    registry = load_registry()
    for grid, provinces in (
        ("63", registry.provinces_before_2025),
        ("34", registry.provinces_after_2025),
    ):
        keys = {province_key(n) for t in load_tiles()[grid] for n in (t.province, *t.aliases)}  # type: ignore[index]
        assert len(provinces) == int(grid)
        for province in provinces:
            assert province_key(province.name) in keys, province.name
            assert province_key(province.full_name) in keys, province.full_name
