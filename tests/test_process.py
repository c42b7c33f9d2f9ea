"""`kg.process`: one file's work as two functions of the file, which both ingest paths run and
any engine that maps functions over files (a process pool, Dask, Ray) can run unchanged."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kg.api import KG
from kg.identity import source_graph_iri
from kg.namespaces import PROV
from kg.process import ProcessedFile, process_file, read_and_extract
from kg.read import source_name
from kg.registry import default_registry

_WRITTEN_AT = "2026-01-02T03:04:05+00:00"


def _processed(path: Path) -> ProcessedFile:
    extracted = read_and_extract(path, 50 * 1024 * 1024)
    return process_file(extracted, default_registry(), None, written_at=_WRITTEN_AT)


def _lines(processed: ProcessedFile) -> list[str]:
    kept, held = processed.nquads()
    return sorted((kept + held).split("\n"))


def test_a_file_processed_in_another_process_comes_back_whole(corpus_dir: Path) -> None:
    paths = sorted(corpus_dir.glob("*.txt"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        remote = list(pool.map(_processed, paths))
    for path, there in zip(paths, remote, strict=True):
        here = _processed(path)
        assert _lines(there) == _lines(here)
        assert there.entries == here.entries
        assert there.counted == here.counted and there.counted.digest == here.counted.digest
        assert there.facts() == here.facts()
        again = pickle.loads(pickle.dumps(here))
        assert _lines(again) == _lines(here)


def test_the_store_holds_what_the_step_built(tmp_path: Path, corpus_dir: Path) -> None:
    path = sorted(corpus_dir.glob("*.txt"))[0]
    processed = _processed(path)
    assert processed.graph == source_graph_iri(source_name(path))
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([path])
        result = kg.query(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH <{processed.graph}> {{ ?s ?p ?o }} "
            f"FILTER(?p != <{PROV}generatedAtTime>) }}"
        )
    held = {(row["s"].value, row["p"].value, str(row["o"])) for row in result.rows}
    built = {
        (s, p, str(o))
        for s, p, o in processed.statements.statements()
        if p != f"{PROV}generatedAtTime"
    }
    assert held == built and len(built) > 100
