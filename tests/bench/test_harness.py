"""The benchmark harness: statistics, the table, and a small end-to-end run (no timings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.harness import isolated, latency, percentile, resident_growth_mb
from benchmarks.measures import Settings, extractor_available, run_benchmark, sizes_from
from benchmarks.report import Row, markdown, save_json, table


def _square(x: int) -> int:
    return x * x


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)


def test_latency_calls_once_per_input_after_warmup() -> None:
    seen: list[int] = []
    result = latency(seen.append, [1, 2, 3], warmup=1)
    assert seen == [1, 1, 2, 3]
    assert result.calls == 3 and result.p95_ms >= result.median_ms >= 0


def test_resident_growth_counts_what_the_call_keeps_not_what_it_drops() -> None:
    kept, grown = resident_growth_mb(lambda: bytearray(b"x" * (64 * 1024 * 1024)))
    assert len(kept) == 64 * 1024 * 1024
    assert 56 <= grown <= 200
    # A same-sized buffer built and dropped leaves (almost) nothing behind.
    _, passing = resident_growth_mb(lambda: len(bytearray(b"x" * (64 * 1024 * 1024))))
    assert passing < 16


def test_isolated_runs_in_a_fresh_process_and_reports_its_peak() -> None:
    run = isolated(_square, 12)
    assert run.result == 144 and run.seconds >= 0 and run.peak_mb > 1


def test_isolated_stops_a_call_past_its_timeout() -> None:
    with pytest.raises(TimeoutError):
        isolated(time.sleep, 30, timeout=0.5)


def _start_worker_and_wait(pid_file: str) -> None:
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    Path(pid_file).write_text(str(worker.pid))
    time.sleep(60)


def test_a_stopped_call_takes_its_workers_with_it(tmp_path: Path) -> None:
    pid_file = tmp_path / "worker.pid"
    with pytest.raises(TimeoutError):
        isolated(_start_worker_and_wait, str(pid_file), timeout=3)
    worker = int(pid_file.read_text())
    for _ in range(50):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail(f"worker {worker} outlived the stopped call")


def test_sizes_accept_suffixes_and_refuse_nonsense() -> None:
    assert sizes_from("1000, 10k,1M") == (1_000, 10_000, 1_000_000)
    for bad in ("", "ten", "0", "-5"):
        with pytest.raises(ValueError):
            sizes_from(bad)


def test_ratio_reads_the_same_way_for_throughput_and_latency() -> None:
    faster = Row(1, "query", "trace median", 50.0, "ms", "floor", 100.0, higher_is_better=False)
    quicker = Row(1, "extraction", "1 core", 20.0, "MB/s", "regex", 10.0)
    assert faster.ratio == 2.0 and quicker.ratio == 2.0
    assert Row(1, "ingest", "x", None, "docs/s", "y", 3.0).ratio is None


def test_table_markdown_and_json_hold_every_row(tmp_path: Path) -> None:
    rows = [
        Row(1000, "extraction", "extraction, 1 core", 12.5, "MB/s", "bare regex scan", 250.0),
        Row(1000, "store size", "per million", 3.2, "GB", note="extrapolated from 1,000"),
    ]
    assert table(rows).row_count == 2
    text = markdown(rows)
    assert text.count("\n") == 4 and "extrapolated from 1,000" in text
    save_json(rows, tmp_path / "bench.json", {"sizes": [1000]})
    saved = json.loads((tmp_path / "bench.json").read_text())
    assert [r["measure"] for r in saved["rows"]] == [r.measure for r in rows]
    assert saved["rows"][0]["ratio"] == pytest.approx(0.05)
    # The cores the run could use: what a "2-core machine" figure is checked against.
    assert saved["machine"]["cores"] == len(os.sched_getaffinity(0))


@pytest.mark.skipif(not extractor_available(), reason="kg.extract.extract is not in this checkout")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own Dataset internals
def test_a_small_run_produces_every_row(tmp_path: Path) -> None:
    rows = run_benchmark(Settings((40,), seed=2, work_dir=tmp_path, jobs=2, targets=8))
    groups = {row.group for row in rows}
    assert {"corpus", "extraction", "recall", "ingest", "store load", "query"} <= groups
    assert {"server", "store size"} <= groups
    measures = {row.measure for row in rows}
    for name in ("trace", "cites", "search", "stats"):
        assert f"{name} median" in measures and f"{name} p95" in measures
    assert {"extraction, 1 core", "extraction, 2 cores"} <= measures
    (identity,) = [row for row in rows if row.group == "identity"]
    assert identity.note.startswith("40 documents")  # every file found in the graph
    assert "document identity fields all right" in measures
    baselines = {row.baseline for row in rows}
    assert {"bare regex scan", "networkx floor", "rdflib in memory"} <= baselines
    assert "incremental ingest, first 40 files" in baselines
    assert all(row.value is not None for row in rows if row.group != "map")
    assert {"trace median over HTTP", "cites median over HTTP"} <= measures
    assert not list(tmp_path.glob("n40"))  # scratch removed


@pytest.mark.server
def test_the_server_path_can_serve_a_bulk_loaded_store(tmp_path: Path, corpus_dir: Path) -> None:
    # Above rdflib's sizes the benchmark serves the store's own database rather than a reload.
    from benchmarks.measures import QueryRun, measure_server
    from kg.api import KG

    with KG.open(tmp_path / "store") as kg:
        kg.ingest([corpus_dir], bulk=True)
    questions = {"trace": ["25-NQ/TW@2013"], "cites": ["217-QĐ/TW"], "stats": [0]}
    run = QueryRun([], questions, {})
    rows = measure_server(5, tmp_path / "store" / "oxigraph", tmp_path, run)
    assert [row.measure for row in rows] == [
        "trace median over HTTP", "cites median over HTTP", "stats median over HTTP"
    ]  # fmt: skip
    assert all(row.value is not None and row.value > 0 for row in rows)


def test_the_networkx_floor_reaches_what_trace_reaches(tmp_path: Path) -> None:
    # The floor is a fair baseline only if it answers the same question from the same edges.
    from benchmarks.baselines import NetworkxFloor
    from benchmarks.generate import generate_corpus
    from benchmarks.measures import relation_edges
    from kg.api import KG

    generate_corpus(60, 5, tmp_path / "corpus")
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([tmp_path / "corpus" / "docs"], bulk=True)
        answer = kg.store.query(relation_edges())
        edges = [(r["citing"].value, r["cited"].value, r["relation"].value) for r in answer.rows]
        floor = NetworkxFloor(edges, [])
        cited = {cited for _, cited, _ in edges}
        reached = {iri: len(kg.trace(iri).nodes) - 1 for iri in cited}
    assert any(count > 1 for count in reached.values())  # chains deeper than one step
    assert {iri: floor.trace(iri) for iri in cited} == reached


def test_a_run_too_large_for_the_disk_refuses_before_generating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.cli import main

    asked = ["kg", "bench", "run", "--sizes", "1000000000", "--work-dir", str(tmp_path)]
    monkeypatch.setattr("sys.argv", asked)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    (line,) = capsys.readouterr().err.strip().splitlines()  # one line, no traceback
    assert str(tmp_path) in line and "1,000,000,000 documents needs about" in line
    assert "GB are free" in line and "--work-dir" in line
    assert list(tmp_path.iterdir()) == []  # nothing generated
