"""The coverage view: which provinces issued a document acting on a central one, and how fast.

Each province is a square tile placed on a grid that approximates Vietnam's shape (positions in
`data/province_tiles.csv`, one grid for the 63 provinces before 1 July 2025 and one for the 34
after), coloured by whether it issued and by the lag, with the lag printed in the tile. Rows
whose province is on neither grid are kept, in a separate strip below the map.
"""

from __future__ import annotations

import csv
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from matplotlib.patches import Rectangle

from kg.views.figures import drawing, new_figure, save_figure
from kg.views.output import write_text
from kg.views.pages import page_templates
from kg.views.style import LABEL_COLOUR, MUTED_COLOUR

CoverageRow = tuple[str, str, int | None, Sequence[str]]
"""(province, "issued" | "not_issued" | "no_documents", lag in days or None, labels of the
documents issued): "not_issued" when documents of the province were read and none implements,
"no_documents" when none of its documents is in the store."""
GridName = Literal["63", "34"]
CoverageFormat = Literal["html", "png", "svg"]


@dataclass(frozen=True)
class Bucket:
    """One class of the colour scale, with its legend label."""

    label: str
    colour: str
    text: str
    max_lag: float | None = None


# Faster is darker green; late is amber; documents read but none implementing stands out in
# red; a province of which no document was read stays neutral: absence of data is not failure.
LAG_BUCKETS = (
    Bucket("≤ 30 ngày", "#116329", "#ffffff", 30),
    Bucket("31–90 ngày", "#2da44e", "#ffffff", 90),
    Bucket("91–180 ngày", "#8ddb8c", LABEL_COLOUR, 180),
    Bucket("181–365 ngày", "#f2cc60", LABEL_COLOUR, 365),
    Bucket("> 1 năm", "#e09b3d", LABEL_COLOUR, float("inf")),
)
ISSUED_UNKNOWN_LAG = Bucket("Đã ban hành, chưa rõ độ trễ", "#54aeff", LABEL_COLOUR)
NOT_ISSUED = Bucket("Có văn bản trong kho, chưa thấy văn bản thực hiện", "#cf222e", "#ffffff")
NO_DATA = Bucket("Chưa có văn bản nào của tỉnh trong kho", "#eaeef2", MUTED_COLOUR)
OFF_GRID_NOTE = "Viền đứt: tên không khớp tỉnh nào trên lưới"
LEGEND = (*LAG_BUCKETS, ISSUED_UNKNOWN_LAG, NOT_ISSUED, NO_DATA)


@dataclass(frozen=True)
class Tile:
    """A province's cell on a grid and the label printed in it."""

    province: str
    short: str
    col: int
    row: int
    aliases: tuple[str, ...] = ()
    off_grid: bool = False
    """A name from the rows that matches no province of the grid, shown in a strip below."""


@dataclass(frozen=True)
class PlacedTile:
    """A tile with the coverage facts it shows."""

    tile: Tile
    bucket: Bucket
    lag_days: int | None
    documents: tuple[str, ...]

    @property
    def lag_text(self) -> str:
        return "" if self.lag_days is None else f"{self.lag_days} ngày"

    @property
    def tooltip(self) -> str:
        lines = [self.tile.province, self.bucket.label]
        if self.lag_text:
            lines.append(f"Độ trễ: {self.lag_text}")
        lines.extend(self.documents)
        return "\n".join(lines)


def province_key(name: str) -> str:
    """A matching key: no diacritics, case, spacing, punctuation or administrative prefix.

    Dropping the diacritics also absorbs the two tone placements ("Hoà"/"Hòa") and the
    look-alike "Ð"; no two provinces on either grid share a key (a test checks it).
    """
    text = unicodedata.normalize("NFC", name).replace("\u00d0", "\u0110").strip().lower()
    for prefix in ("thành phố ", "tp. ", "tp ", "tỉnh "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).replace("đ", "d")
    return "".join(c for c in stripped if c.isalnum())


@cache
def load_tiles() -> dict[GridName, tuple[Tile, ...]]:
    """Both grids from the packaged data file."""
    text = files("kg.views").joinpath("data", "province_tiles.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    grids: dict[GridName, list[Tile]] = {"63": [], "34": []}
    for row in rows:
        grid: GridName = "63" if row["grid"] == "63" else "34"
        grids[grid].append(
            Tile(
                province=row["province"],
                short=row["short"] or row["province"],
                col=int(row["col"]),
                row=int(row["row"]),
                aliases=tuple(a for a in row["aliases"].split("|") if a),
            )
        )
    return {name: tuple(tiles) for name, tiles in grids.items()}


def _index(tiles: Iterable[Tile]) -> dict[str, Tile]:
    return {province_key(name): tile for tile in tiles for name in (tile.province, *tile.aliases)}


def choose_grid(provinces: Iterable[str]) -> GridName:
    """The grid that places the most of the given provinces; ties go to the current 34."""
    keys = [province_key(p) for p in provinces]
    grids = load_tiles()
    misses = {name: sum(k not in _index(tiles) for k in keys) for name, tiles in grids.items()}
    return "63" if misses["63"] < misses["34"] else "34"


def place_rows(rows: Iterable[CoverageRow], grid: GridName) -> list[PlacedTile]:
    """Every tile of the grid with its facts, plus a strip below for unplaced provinces."""
    facts = list(rows)
    tiles = load_tiles()[grid]
    index = _index(tiles)
    by_tile: dict[Tile, CoverageRow] = {}
    strays: list[tuple[Tile, CoverageRow]] = []
    bottom = max(t.row for t in tiles) + 2
    for fact in facts:
        tile = index.get(province_key(fact[0]))
        if tile is None:
            stray = Tile(
                fact[0], fact[0], len(strays) % 7, bottom + len(strays) // 7, off_grid=True
            )
            strays.append((stray, fact))
        else:
            by_tile[tile] = fact
    placed = [_placed(tile, by_tile.get(tile)) for tile in tiles]
    placed += [_placed(tile, fact) for tile, fact in strays]
    return placed


def _placed(tile: Tile, fact: CoverageRow | None) -> PlacedTile:
    if fact is None or fact[1] == "no_documents":
        return PlacedTile(tile, NO_DATA, None, ())
    _, status, lag, documents = fact
    if status != "issued":
        return PlacedTile(tile, NOT_ISSUED, None, tuple(documents))
    if lag is None:
        return PlacedTile(tile, ISSUED_UNKNOWN_LAG, None, tuple(documents))
    bucket = next(b for b in LAG_BUCKETS if b.max_lag is not None and lag <= b.max_lag)
    return PlacedTile(tile, bucket, lag, tuple(documents))


GRID_NAMES: dict[GridName, str] = {
    "63": "63 tỉnh, thành trước ngày 1/7/2025",
    "34": "34 tỉnh, thành từ ngày 1/7/2025",
}


def summary(placed: Sequence[PlacedTile], grid: GridName) -> str:
    """One line a reader takes away: how many of the provinces with documents in the store
    issued, the median lag, and which map this is."""
    with_data = [p for p in placed if p.bucket is not NO_DATA]
    issued = [p for p in with_data if p.bucket is not NOT_ISSUED]
    lags = [p.lag_days for p in issued if p.lag_days is not None]
    line = (
        f"{len(issued)}/{len(with_data)} tỉnh, thành có văn bản trong kho đã ban hành văn bản "
        "thực hiện"
    )
    if lags:
        line += f"; độ trễ trung vị {statistics.median(lags):g} ngày"
    return f"{line}. Bản đồ {GRID_NAMES[grid]}."


def render_coverage(
    rows: Iterable[CoverageRow],
    path: str | Path,
    *,
    fmt: CoverageFormat,
    title: str,
    grid: GridName | Literal["auto"] = "auto",
) -> Path:
    """Write the tile grid as a self-contained HTML page, or as PNG/SVG for slides; `grid`
    names the provinces drawn ("auto": the grid that places most of the rows)."""
    facts = list(rows)
    chosen = choose_grid(r[0] for r in facts) if grid == "auto" else grid
    placed = place_rows(facts, chosen)
    if fmt == "html":
        page = (
            page_templates()
            .get_template("coverage.html.j2")
            .render(
                title=title,
                summary=summary(placed, chosen),
                tiles=placed,
                legend=LEGEND,
                no_data=NO_DATA,
                off_grid_note=OFF_GRID_NOTE if any(p.tile.off_grid for p in placed) else None,
                columns=max(p.tile.col for p in placed) + 1,
            )
        )
        return write_text(path, page)
    if fmt in ("png", "svg"):
        return _render_figure(placed, path, fmt, title, summary(placed, chosen))
    raise ValueError(f"unknown coverage format {fmt!r}: expected html, png or svg")


_TILE_W = 1.05  # inches per grid column
_TILE_H = 0.55  # inches per grid row: tiles are wider than tall so names fit on one line
_LEGEND_W = 3.4
_TOP = 1.0


def _render_figure(
    placed: Sequence[PlacedTile],
    path: str | Path,
    fmt: Literal["png", "svg"],
    title: str,
    headline: str,
) -> Path:
    columns = max(p.tile.col for p in placed) + 1
    rows = max(p.tile.row for p in placed) + 1
    width = 0.3 + columns * _TILE_W + _LEGEND_W
    height = _TOP + rows * _TILE_H + 0.2
    with drawing():
        figure = new_figure(width, height)
        axes = figure.add_axes(
            (0.3 / width, 0.2 / height, columns * _TILE_W / width, rows * _TILE_H / height)
        )
        for item in placed:
            x, y = item.tile.col, item.tile.row
            axes.add_patch(
                Rectangle(
                    (x + 0.03, y + 0.05),
                    0.94,
                    0.9,
                    facecolor=item.bucket.colour,
                    edgecolor=LABEL_COLOUR,
                    linestyle="--",
                    lw=1.2 if item.tile.off_grid else 0,
                )
            )
            axes.text(
                x + 0.5,
                y + (0.35 if item.lag_text else 0.5),
                item.tile.short,
                ha="center",
                va="center",
                fontsize=7.5,
                color=item.bucket.text,
                weight="bold",
            )
            if item.lag_text:
                axes.text(
                    x + 0.5,
                    y + 0.7,
                    item.lag_text,
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color=item.bucket.text,
                )
        axes.set_xlim(0, columns)
        axes.set_ylim(rows, 0)
        axes.axis("off")
        figure.text(
            0.3 / width,
            1 - 0.25 / height,
            title,
            fontsize=14,
            weight="bold",
            va="top",
            color=LABEL_COLOUR,
        )
        figure.text(
            0.3 / width,
            1 - 0.65 / height,
            headline,
            fontsize=10,
            va="top",
            color=MUTED_COLOUR,
        )
        left = (0.5 + columns * _TILE_W) / width
        for index, bucket in enumerate(LEGEND):
            top = 1 - (_TOP + 0.2 + index * 0.32) / height
            figure.patches.append(
                Rectangle(
                    (left, top),
                    0.22 / width,
                    0.22 / height,
                    facecolor=bucket.colour,
                    transform=figure.transFigure,
                    figure=figure,
                )
            )
            figure.text(
                left + 0.32 / width, top + 0.11 / height, bucket.label, fontsize=10, va="center"
            )
        if any(p.tile.off_grid for p in placed):
            top = 1 - (_TOP + 0.2 + len(LEGEND) * 0.32) / height
            figure.text(left, top + 0.11 / height, OFF_GRID_NOTE, fontsize=9, va="center")
        return save_figure(figure, path, fmt)
