"""Fixtures shared by the whole suite: paths to the sample corpus and the shared gold, and one
store built from the sample corpus per session (building it is the slow part)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from kg.api import KG

# `make fuzz` runs tests/test_fuzz.py under this profile: the same properties, at length.
settings.register_profile("fuzz", max_examples=10_000, deadline=None)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the default store and endpoint side indexes of the tests out of the user's home."""
    previous = os.environ.get("KG_DATA_DIR")
    os.environ["KG_DATA_DIR"] = str(tmp_path_factory.mktemp("kg-data"))
    yield
    if previous is None:
        os.environ.pop("KG_DATA_DIR", None)
    else:
        os.environ["KG_DATA_DIR"] = previous


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "seeds.jsonl").exists():
        pytest.skip("../shared (gold annotation) is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the five sample plans, built once for the session (read-only use)."""
    from kg.api import KG

    path = tmp_path_factory.mktemp("corpus") / "store"
    with KG.open(path) as kg:
        report = kg.ingest([CORPUS])
    assert report.count("failed") == 0, [o.message for o in report.failed]
    return path


@pytest.fixture()
def corpus_kg(corpus_store: Path) -> Iterator[KG]:
    from kg.api import KG

    with KG.open(corpus_store, read_only=True) as kg:
        yield kg


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless chromium driven by Playwright, one per session (never a downloaded
    browser). Shared by the map and web-app tests: Playwright's sync API allows one driver."""
    from tests.views.browser import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    if executable is None:
        pytest.skip("no chromium binary on PATH (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
