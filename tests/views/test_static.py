"""Slides: the same map as PNG, SVG or PDF, reproducible, with Vietnamese that renders."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from kg.views import render_static
from kg.views.figures import drawing
from kg.views.static import draw_slide
from kg.views.style import BRIEFING_KINDS, KINDS
from tests.views.graphs import NQ25, chain_25, synthetic

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 22)
SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF"}


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_each_format_is_written(tmp_path: Path, fmt: str) -> None:
    path = render_static(chain_25(), tmp_path / f"map.{fmt}", fmt=fmt, generated=DAY)  # type: ignore[arg-type]
    assert path.read_bytes().startswith(SIGNATURES[fmt])


@pytest.mark.parametrize("layout", ["briefing", "force"])
def test_same_map_twice_gives_identical_svg(tmp_path: Path, layout: str) -> None:
    paths = [
        render_static(chain_25(), tmp_path / f"{i}.svg", fmt="svg", generated=DAY, layout=layout)  # type: ignore[arg-type]
        for i in range(2)
    ]
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert b"<dc:date>" not in paths[0].read_bytes()


def test_same_pdf_twice_is_identical(tmp_path: Path) -> None:
    a = render_static(chain_25(), tmp_path / "a.pdf", fmt="pdf", generated=DAY)
    b = render_static(chain_25(), tmp_path / "b.pdf", fmt="pdf", generated=DAY)
    assert a.read_bytes() == b.read_bytes()


def test_generation_date_and_title_are_drawn(tmp_path: Path) -> None:
    base = render_static(chain_25(), tmp_path / "a.svg", fmt="svg", generated=DAY).read_bytes()
    other_day = render_static(
        chain_25(), tmp_path / "b.svg", fmt="svg", generated=date(2026, 11, 23)
    ).read_bytes()
    other_title = render_static(
        chain_25(), tmp_path / "c.svg", fmt="svg", generated=DAY, title="Khác"
    ).read_bytes()
    assert base != other_day
    assert base != other_title


def test_every_vietnamese_letter_has_a_glyph(tmp_path: Path) -> None:
    graph = chain_25()
    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    graph.nodes[NQ25]["label"] = letters + letters.upper()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_static(graph, tmp_path / "all.png", fmt="png", generated=DAY)
    assert not [w for w in caught if "missing from" in str(w.message)]


def test_empty_graph_still_draws_a_titled_slide(tmp_path: Path) -> None:
    import networkx as nx

    path = render_static(nx.MultiDiGraph(), tmp_path / "e.png", fmt="png", title="Trống")
    assert path.stat().st_size > 0


def test_svg_and_html_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Set iteration order changes between processes (hash seeds); the output must not."""
    script = (
        "import sys; from datetime import date; from pathlib import Path\n"
        "from kg.views import render_html, render_static\n"
        "from tests.views.graphs import chain_25\n"
        "out = Path(sys.argv[1])\n"
        "render_static(chain_25(), out / 'm.svg', fmt='svg', generated=date(2026, 1, 1))\n"
        "render_html(chain_25(), out / 'm.html')\n"
    )
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(folder)], check=True, env=env, cwd=ROOT)
        outputs.append(((folder / "m.svg").read_bytes(), (folder / "m.html").read_bytes()))
    assert outputs[0] == outputs[1]


def test_slide_labels_neither_overlap_nor_leave_the_map() -> None:
    # A crowded map: 150 documents over 24 years, most in two lanes.
    graph = synthetic(150, seed=3)
    with drawing():
        figure = draw_slide(graph, generated=date(2025, 1, 1))
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        axes = figure.axes[0]
        frame = axes.get_window_extent(renderer)
        labels = {text.get_text() for text in axes.texts} & {
            str(data["label"]) for _, data in graph.nodes(data=True)
        }
        boxes = [t.get_window_extent(renderer) for t in axes.texts if t.get_text() in labels]
    assert len(boxes) > 40, "most documents keep their label"
    for i, box in enumerate(boxes):
        assert (
            frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 <= box.y1 <= frame.y1
        )
        assert not any(box.overlaps(other) for other in boxes[i + 1 :])


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour: how different two colours look."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_kinds_are_told_apart_in_colour_and_in_greyscale() -> None:
    colours = {slug: _lab(style.colour) for slug, style in KINDS.items()}
    for a, b in combinations(colours, 2):
        distance = sum((p - q) ** 2 for p, q in zip(colours[a], colours[b], strict=True)) ** 0.5
        assert distance >= 20, f"{a} and {b} look alike ({distance:.1f})"
    for a, b in combinations(BRIEFING_KINDS, 2):
        lightness = abs(colours[a][0] - colours[b][0])
        assert lightness >= 5, f"{a} and {b} are one grey in print ({lightness:.1f})"
