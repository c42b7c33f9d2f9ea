"""Matplotlib set-up shared by the slide map and the coverage grid: font, determinism, saving.

Figures are built with the object API (no pyplot state), in DejaVu Sans, which ships with
matplotlib and has every Vietnamese letter. SVG text is written as glyph paths so a slide shows
the diacritics even where the font is missing, and ids, dates and software stamps are pinned so
drawing the same map twice gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from kg.views.output import OutputError, prepare_output
from kg.views.style import FONT_FAMILY

FigureFormat = Literal["png", "svg", "pdf"]
PNG_DPI = 150

_METADATA: dict[str, dict[str, str | None]] = {
    "svg": {"Date": None, "Creator": "VanKien KG"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "VanKien KG", "Producer": None},
    "png": {"Software": "VanKien KG"},
}


@contextmanager
def drawing() -> Iterator[None]:
    """Wrap figure construction and saving so our font and determinism settings apply."""
    with matplotlib.rc_context(
        {
            "font.family": [FONT_FAMILY],
            "svg.fonttype": "path",
            "svg.hashsalt": "vankien-kg",
            "pdf.fonttype": 42,
            "axes.unicode_minus": False,
        }
    ):
        yield


def new_figure(width: float, height: float) -> Figure:
    """A white figure of the given size in inches, attached to the Agg canvas."""
    figure = Figure(figsize=(width, height), facecolor="white")
    FigureCanvasAgg(figure)
    return figure


def save_figure(figure: Figure, path: str | Path, fmt: FigureFormat) -> Path:
    """Save in the requested format with pinned metadata; write errors name the file."""
    if fmt not in _METADATA:
        raise ValueError(f"unknown figure format {fmt!r}: expected png, svg or pdf")
    target = prepare_output(path)
    try:
        figure.savefig(
            target,
            format=fmt,
            dpi=PNG_DPI,
            metadata=_METADATA[fmt],
            facecolor="white",
        )
    except OSError as exc:
        raise OutputError(target, f"cannot write: {exc.strerror or exc}") from exc
    return target
