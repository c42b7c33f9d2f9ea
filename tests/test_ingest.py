"""Ingest: the sample corpus into a store, idempotence, removal, failures that stop nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.api import KG
from kg.store import SelectResult

CITERS_OF_217 = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?path WHERE {
  ?doc vk:symbol "217-QĐ/TW" .
  ?citation vk:citedDocument ?doc ; vk:citingDocument ?plan .
  ?plan prov:wasDerivedFrom ?src . ?src vk:path ?path .
}
"""


def test_sparql_finds_every_plan_citing_217_except_the_2023_central_one(corpus_kg: KG) -> None:
    result = corpus_kg.query(CITERS_OF_217)
    assert isinstance(result, SelectResult)
    files = {Path(t.value).name for t in result.values("path")}
    assert files == {
        "bdvtw-1600-kh-2018.txt",
        "binhphuoc-36-kh-bdvtu-2021.txt",
        "haiduong-bdvtu-kh-hanh-dong-2021.txt",
        "haiphong-bdvtu-kh-2023.txt",
    }


def test_reingesting_changes_nothing(tmp_path: Path, corpus_dir: Path) -> None:
    source = tmp_path / "plan.txt"
    shutil.copy(corpus_dir / "bdvtw-82-kh-2023.txt", source)
    with KG.open(tmp_path / "store") as kg:
        first = kg.ingest([source])
        dump = kg.store.dump(ox.RdfFormat.N_QUADS)
        again = kg.ingest([source])
        assert first.count("ingested") == 1
        assert again.count("unchanged") == 1
        assert kg.store.dump(ox.RdfFormat.N_QUADS) == dump


def test_a_changed_file_replaces_its_own_statements(tmp_path: Path, corpus_dir: Path) -> None:
    source = tmp_path / "plan.txt"
    shutil.copy(corpus_dir / "bdvtw-82-kh-2023.txt", source)
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([source])
        before = kg.store.quad_count()
        source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        report = kg.ingest([source])
        assert report.count("ingested") == 1
        assert kg.store.quad_count() == before


def test_removing_a_file_removes_exactly_its_statements(tmp_path: Path, corpus_dir: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(corpus_dir / "bdvtw-82-kh-2023.txt", first)
    shutil.copy(corpus_dir / "haiphong-bdvtu-kh-2023.txt", second)
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([first])
        only_first = kg.store.dump(ox.RdfFormat.N_QUADS)
        kg.ingest([second])
        assert kg.remove(second) is True
        assert kg.store.dump(ox.RdfFormat.N_QUADS) == only_first
        assert kg.remove(second) is False
        assert not [h for h in kg.search("Lê Trí Vũ") if h.document.ingested]


def test_a_bad_file_is_reported_and_the_others_are_ingested(
    tmp_path: Path, corpus_dir: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus_dir / "bdvtw-82-kh-2023.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with KG.open(tmp_path / "store") as kg:
        report = kg.ingest([folder])
    assert report.count("ingested") == 1
    failed = {Path(o.path).name: o.message for o in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt"}
    for name, message in failed.items():
        assert message is not None and name in message and "\n" not in message


@pytest.mark.parametrize("jobs", [2])
def test_parallel_ingest_gives_the_same_graph(
    tmp_path: Path, corpus_dir: Path, corpus_store: Path, jobs: int
) -> None:
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([corpus_dir], jobs=jobs)
        parallel = kg.store.quad_count()
    with KG.open(corpus_store, read_only=True) as serial:
        assert serial.store.quad_count() == parallel
