"""Slides: the same map as PNG, SVG or PDF, reproducible, with Vietnamese that renders."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import pytest

from kg.views import render_static
from tests.views.graphs import NQ25, chain_25

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
