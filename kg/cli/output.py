"""Output handling every answer command shares: `--format table|json|csv`, written once."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console()
err_console = Console(stderr=True)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="table|json|csv",
        help="Output as a table, JSON or CSV (with a byte-order mark, so Excel reads the "
        "Vietnamese right).",
    ),
]


def print_json(payload: Any) -> None:
    """JSON on stdout, UTF-8, Vietnamese kept as written (not \\u-escaped)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def print_records(
    records: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    *,
    title: str | None = None,
    payload: Any = None,
    clip: str | None = None,
) -> None:
    """Print records as a rich table, CSV (the given columns) or JSON (`payload` or the records).

    In tables, long sentences are cut to a window around `clip` (the symbol being asked about).
    """
    if fmt is OutputFormat.json:
        print_json(payload if payload is not None else list(records))
        return
    if fmt is OutputFormat.csv:
        # A byte-order mark: spreadsheet programs then read the file as UTF-8, not the locale's.
        sys.stdout.write("\ufeff")
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for record in records:
            writer.writerow({c: _cell(record.get(c)) for c in columns})
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(_HEADERS.get(column, column.replace("_", " ")), overflow="fold")
    for record in records:
        cells = [
            Path(cell).name if c == "source" and cell else cell
            for c, cell in ((c, _cell(record.get(c))) for c in columns)
        ]
        if clip is not None:
            cells = [
                snippet(cell, clip) or "" if c in ("sentence", "evidence") else cell
                for c, cell in zip(columns, cells, strict=True)
            ]
        table.add_row(*cells)
    console.print(table)


# Table headers that read better than the JSON keys they show.
_HEADERS = {"label": "document"}


def snippet(text: str | None, needle: str | None, width: int = 200) -> str | None:
    """A window of `text` around `needle` for tables; JSON and CSV keep the whole sentence."""
    if not text or len(text) <= width:
        return text
    at = text.find(needle) if needle else -1
    start = max(0, min(at - width // 3, len(text) - width)) if at >= 0 else 0
    window = text[start : start + width].strip()
    return ("…" if start > 0 else "") + window + ("…" if start + width < len(text) else "")


def _cell(value: Any) -> Any:
    """A value as a table cell: text, or rich `Text` (highlighted words) as it is."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)
