"""SIGKILL in the middle of an ingest leaves whole documents only, and the next run finishes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.api import KG
from kg.errors import StoreError

COPIES = 8


def _graph_sizes(store: Path) -> dict[str, int]:
    """Quads per graph; a store whose database the kill left uncreated holds nothing."""
    try:
        kg = KG.open(store, read_only=True)
    except StoreError as err:
        assert str(err).startswith(f"no store at {store}"), err
        return {}
    with kg:
        return {g: kg.store.quad_count(g) for g in kg.store.graphs()}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """Many small files, so that a kill lands between and during writes."""
    out = tmp_path_factory.mktemp("many")
    for i in range(COPIES):
        for source in sorted(corpus_dir.glob("*.txt")):
            text = source.read_text(encoding="utf-8")
            (out / f"{i:02d}-{source.name}").write_text(text + f"\n{i}\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, folder: Path) -> dict[str, int]:
    store = tmp_path_factory.mktemp("reference") / "store"
    with KG.open(store) as kg:
        kg.ingest([folder])
    return _graph_sizes(store)


@pytest.mark.parametrize("delay", [0.8, 1.5, 2.5])
def test_kill_leaves_whole_documents(
    tmp_path: Path, folder: Path, reference: dict[str, int], delay: float
) -> None:
    store = tmp_path / "store"
    command = [sys.executable, "-m", "kg", "ingest", str(folder), "--store", str(store)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    for graph, size in _graph_sizes(store).items():
        assert size == reference[graph], f"{graph} holds {size} quads, whole is {reference[graph]}"
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert _graph_sizes(store) == reference
    shutil.rmtree(store)
