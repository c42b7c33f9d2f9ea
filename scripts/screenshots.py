"""Take the README's screenshots of the web app, on the demo store, in headless Chromium.

    make demo && .venv/bin/python scripts/screenshots.py

Serves `build/demo/store` as `kg serve` does, on a free loopback port, opens the map of the 2013
resolution's implementation chain and the page of 217-QĐ/TW in Debian's chromium (the launch
settings of the browser tests), and writes docs/screenshot-map.png and
docs/screenshot-document.png: 1200 × 800, reduced to a 256-colour palette so each stays well
under 150 KB. Needs the dev extra (playwright) and chromium (scripts/test-setup.sh).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

from PIL import Image

from benchmarks.page import CHROMIUM_ARGS, MAP_READY, chromium_path
from kg.api import Limits
from kg.web.app import ServeSettings, create_app

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "build" / "demo" / "store"
DOCS = ROOT / "docs"
VIEWPORT = {"width": 1200, "height": 800}
PAGES = {
    "screenshot-map.png": ("/map?id=25-NQ/TW@2013&view=trace", ".map-frame iframe"),
    "screenshot-document.png": ("/doc?id=217-QĐ/TW", None),
}


def serve(store: Path) -> tuple[str, threading.Thread, object]:
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    settings = ServeSettings(store=str(store), limits=Limits(), query_workers=1)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{sock.getsockname()[1]}", thread, server


def compress(path: Path) -> None:
    """A 256-colour palette: screenshots are flat colours and text, so nothing shows the loss."""
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


def main() -> None:
    executable = chromium_path()
    if executable is None or not (STORE / "oxigraph").is_dir():
        sys.exit("needs chromium (scripts/test-setup.sh) and the demo store (make demo)")
    from playwright.sync_api import sync_playwright

    base, thread, server = serve(STORE)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            for name, (path, frame) in PAGES.items():
                page.goto(base + path)
                if frame is not None:
                    ready = page.frame_locator(frame).locator(MAP_READY)
                    ready.wait_for(state="attached", timeout=60_000)
                    page.wait_for_timeout(500)  # the first frame drawn, then the guides
                target = DOCS / name
                page.screenshot(path=str(target))
                compress(target)
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")
            browser.close()
    finally:
        server.should_exit = True  # type: ignore[attr-defined]
        thread.join(timeout=15)


if __name__ == "__main__":
    main()
