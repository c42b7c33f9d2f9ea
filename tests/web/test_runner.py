"""The endpoint's deadline is the query's own time, not the time a fresh worker takes to start."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.store.runner import Limits, ProcessRunner, QueryRequest


def test_a_fresh_worker_start_does_not_count_against_the_deadline(tmp_path: Path) -> None:
    database = tmp_path / "oxigraph"
    store = ox.Store(str(database))
    store.add(ox.Quad(ox.NamedNode("urn:x:a"), ox.NamedNode("urn:x:b"), ox.Literal("c")))
    store.flush()
    del store
    # Starting a worker process takes longer than this deadline; a trivial query does not.
    runner = ProcessRunner(database, Limits(timeout=0.1), workers=1)
    try:
        ask = QueryRequest("ASK { <urn:x:a> <urn:x:b> 'c' }")
        assert runner.run(ask) is True
        runner.invalidate()  # after an update: the next query starts a new worker
        assert runner.run(ask) is True
    finally:
        runner.close()
