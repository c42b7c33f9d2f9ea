"""Reading broken web pages: time against the same number of well-formed tags, per size.

Saved pages come with markup nobody closed: thousands of ``<b>`` never ended, stray ``</i>``,
``<font>`` runs nested a page deep, tags and comments cut off before their end. Reading must
stay linear in the tags, so each broken page is timed beside a well-formed page of the same tag
count (the baseline, same run), and each size beside the one before it (linear means the time
grows as the size does).

Run: ``python -m benchmarks.broken_html`` (``--sizes 20000,60000``, the default: large enough
that a reader quadratic in the open tags takes minutes rather than a fraction of a second).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.read.html import read_html

_PAGE = "<html><body><p>Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013</p>{}"

# name → the markup of `n` tags of that shape
SHAPES: dict[str, Callable[[int], str]] = {
    "well-formed <b>x</b> (baseline)": lambda n: "<b>x</b>" * n,
    "unclosed <b>, then stray </i>": lambda n: "<b>" * n + "</i>" * n,
    "unclosed <div> with text": lambda n: "<div>x" * n,
    "nested legacy <font>, then </font>": lambda n: '<font face=".VnTime">x' * n + "</font>" * n,
    "unterminated <a (no >)": lambda n: "x<a " * n,
    "unterminated comments <!--x>": lambda n: "<!--x>" * n,
}
BASELINE = next(iter(SHAPES))


@dataclass(frozen=True)
class Row:
    shape: str
    tags: int
    kilobytes: float
    seconds: float


def measure(sizes: Sequence[int]) -> list[Row]:
    """CPU seconds of `read_html` for every shape at every size (one pass each)."""
    rows = []
    for size in sizes:
        for shape, markup in SHAPES.items():
            data = _PAGE.format(markup(size)).encode("utf-8")
            started = time.process_time()
            read_html(data, path=f"{size}.html")
            rows.append(Row(shape, size, len(data) / 1024, time.process_time() - started))
    return rows


def report(rows: Sequence[Row]) -> str:
    """A Markdown table: seconds, times the baseline of the same size, times the size before."""
    baseline = {row.tags: row.seconds for row in rows if row.shape == BASELINE}
    previous: dict[str, Row] = {}
    lines = [
        "| shape | tags | KB | seconds | × well-formed | × previous size (size ratio) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        against = row.seconds / baseline[row.tags] if baseline[row.tags] else float("inf")
        before = previous.get(row.shape)
        growth = (
            f"{row.seconds / before.seconds:.1f} ({row.tags / before.tags:g})"
            if before and before.seconds
            else ""
        )
        lines.append(
            f"| {row.shape} | {row.tags:,} | {row.kilobytes:,.0f} | {row.seconds:.2f} "
            f"| {against:.1f} | {growth} |"
        )
        previous[row.shape] = row
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,60000", help="tag counts, comma-separated")
    sizes = [int(size) for size in parser.parse_args(argv).sizes.split(",")]
    print(report(measure(sizes)))


if __name__ == "__main__":
    main()
