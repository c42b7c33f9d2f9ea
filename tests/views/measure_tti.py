"""Time to interactive of generated maps in headless Chromium, for the README's numbers.

Not a test (timings vary by machine). Run:
`.venv/bin/python -m tests.views.measure_tti 1000 5000 [--layout briefing]`.
For each size it renders a seeded synthetic graph in each layout and reports: Python render
time, file size, the in-page time from navigation start to the first drawn frame
(`window.kgReadyMs`), and how long a filter change takes to redraw.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.views import render_html
from tests.views.browser import CHROMIUM_ARGS, chromium_path, open_blocked
from tests.views.graphs import synthetic

_REDRAW = """() => new Promise((done) => {
  const box = document.querySelector('input[name="relation"][value="cites"]');
  const start = performance.now();
  kgMap.network.once("afterDrawing", () => done(performance.now() - start));
  box.checked = !box.checked;
  box.dispatchEvent(new Event("change", { bubbles: true }));
  kgMap.network.redraw();
})"""


def measure(sizes: list[int], layouts: tuple[str, ...] = ("briefing", "force")) -> None:
    executable = chromium_path()
    if executable is None:
        raise SystemExit("no chromium on PATH")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        print("nodes  edges  layout    render_s  size_MB  ready_ms  filter_redraw_ms")
        for size in sizes:
            graph = synthetic(size)
            for layout in layouts:
                path = Path(folder) / f"map-{size}-{layout}.html"
                started = time.perf_counter()
                render_html(graph, path, layout=layout)  # type: ignore[arg-type]
                rendered = time.perf_counter() - started
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                opened = open_blocked(context, path)
                ready = opened.page.evaluate("window.kgReadyMs")
                redraw = opened.page.evaluate(_REDRAW)
                assert not opened.requests and not opened.errors, (opened.requests, opened.errors)
                print(
                    f"{size:5d}  {graph.number_of_edges():5d}  {layout:8s}  {rendered:8.1f}  "
                    f"{path.stat().st_size / 1e6:7.1f}  {ready:8.0f}  {redraw:16.0f}"
                )
                context.close()
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen: tuple[str, ...] = ("briefing", "force")
    if "--layout" in args:
        at = args.index("--layout")
        chosen = (args[at + 1],)
        del args[at : at + 2]
    measure([int(arg) for arg in args] or [1000, 5000], chosen)
