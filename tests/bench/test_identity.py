"""The generated corpus holds the identity traps of real ones, and the graph keeps them apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate_corpus
from benchmarks.identity import merged_share, truth_of
from kg.extract import extract
from kg.resolve import identify


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("identity")
    generate_corpus(1000, 5, out)
    return out


def test_merged_share_counts_every_file_of_a_shared_node() -> None:
    identity = {"a": "x", "b": "y", "c": "z", "d": "z"}
    assert merged_share(identity, {"a": "n1", "b": "n1", "c": "n2", "d": "n2"}) == 0.5
    assert merged_share(identity, {"a": "n1", "b": "n2", "c": "n3", "d": "n3"}) == 0.0


def test_documents_sharing_a_local_number_keep_their_own_identities(corpus: Path) -> None:
    identity, naive = truth_of(corpus)
    # The trap is there: by kind, symbol and year alone, district and provincial plans merge.
    assert merged_share(identity, naive) > 0.01
    node_of = {}
    for path in sorted((corpus / "docs").rglob("*.txt")):
        extraction = extract(path.read_text(encoding="utf-8"), source=str(path), sha256="")
        node_of[path.name] = identify(extraction).iri
    assert merged_share(identity, node_of) == 0.0
