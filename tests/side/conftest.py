"""Corpora and stores the side-file tests share: a synthetic corpus ingested in bulk (read or
copied, never written), and a writable copy of the sample corpus with its store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.api import KG
from tests.side.checks import SYNTHETIC_DOCUMENTS


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from benchmarks.generate import generate_corpus

    out = tmp_path_factory.mktemp("synthetic")
    generate_corpus(SYNTHETIC_DOCUMENTS, 23, out, truth=False)
    return out / "docs"


@pytest.fixture(scope="session")
def bulk_store(tmp_path_factory: pytest.TempPathFactory, synthetic: Path) -> Path:
    path = tmp_path_factory.mktemp("bulk") / "store"
    with KG.open(path) as kg:
        report = kg.ingest([synthetic], bulk=True, jobs=2)
    assert report.count("ingested") == SYNTHETIC_DOCUMENTS, [o.message for o in report.failed]
    return path


@pytest.fixture()
def corpus(tmp_path: Path, corpus_dir: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(corpus_dir, copy)
    return copy


@pytest.fixture()
def store(tmp_path: Path, corpus: Path) -> Iterator[KG]:
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([corpus])
        yield kg
