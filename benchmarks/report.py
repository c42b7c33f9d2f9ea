"""The benchmark's result: one row per figure, its baseline from the same run beside it.

A row says what was measured at which corpus size, the value, the baseline and their ratio, and
a note for anything a reader must know (a sample was used, a figure is extrapolated, a stage was
not available). The same rows print as a rich table and save as JSON for the README.
"""

from __future__ import annotations

import json
import platform
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kg.queries import usable_cores


@dataclass(frozen=True)
class Row:
    """One measured figure. `higher_is_better` tells how to read the ratio."""

    size: int
    group: str  # extraction, ingest, store load, query, map, store size, recall
    measure: str
    value: float | None
    unit: str
    baseline: str | None = None
    baseline_value: float | None = None
    higher_is_better: bool = True
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """How many times better than the baseline (>1 is better, whatever the unit)."""
        if self.value is None or not self.baseline_value or not self.value:
            return None
        if self.higher_is_better:
            return self.value / self.baseline_value
        return self.baseline_value / self.value

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio}


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def table(rows: Sequence[Row], title: str = "VanKien KG benchmark") -> Table:
    """The rows as a rich table, in the order they were measured."""
    grid = Table(title=title, title_justify="left")
    for heading, justify in (
        ("docs", "right"),
        ("measure", "left"),
        ("value", "right"),
        ("unit", "left"),
        ("baseline", "left"),
        ("baseline value", "right"),
        ("× baseline", "right"),
        ("note", "left"),
    ):
        grid.add_column(heading, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        ratio = row.ratio
        grid.add_row(
            f"{row.size:,}",
            row.measure,
            _number(row.value),
            row.unit,
            row.baseline or "",
            _number(row.baseline_value),
            f"{ratio:.2f}" if ratio is not None else "",
            row.note,
        )
    return grid


def print_table(rows: Sequence[Row], console: Console | None = None) -> None:
    # Piped to a file the table would wrap at 80 columns; give it room instead.
    (console or Console(width=None if sys.stdout.isatty() else 180)).print(table(rows))


def markdown(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table, for the README's performance section."""
    lines = [
        "| docs | measure | value | unit | baseline | baseline value | × baseline | note |",
        "|---:|---|---:|---|---|---:|---:|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else ""
        lines.append(
            f"| {row.size:,} | {row.measure} | {_number(row.value)} | {row.unit} | "
            f"{row.baseline or ''} | {_number(row.baseline_value)} | {ratio} | {row.note} |"
        )
    return "\n".join(lines) + "\n"


def save_json(rows: Sequence[Row], path: Path, settings: dict[str, Any]) -> None:
    """Write the rows with the settings and machine they came from."""
    document = {
        "settings": settings,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cores": usable_cores(),  # what "on a 2-core machine" is checked against
        },
        "rows": [row.to_json() for row in rows],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
