"""`kg ingest --bulk`: the same graph as ingesting file by file, and as safe to re-run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.bulk.load as kg_bulk_load
from kg.api import KG
from kg.errors import StoreError
from kg.ingest import FileOutcome
from kg.namespaces import PROV, VK
from kg.progress import IngestProgress
from kg.store import OxigraphStore
from tests.oxigraph_server import oxigraph_server
from tests.side.checks import assert_side_file_as_queried, counted_stats, queried_stats

CITED = f"<{VK}citedDocument>"
_VARYING = (f"<{VK}resolutionReason>", f"<{VK}confidence>", f"<{PROV}generatedAtTime>")


def _statements(kg: KG) -> set[str]:
    """The store's quads as text, less how sure resolution was and why (see below) and when
    each file's graph was written."""
    dump = kg.store.dump(ox.RdfFormat.N_QUADS).decode("utf-8")
    return {line for line in dump.splitlines() if not any(p in line for p in _VARYING)}


@pytest.fixture(scope="module")
def bulk_store(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("bulk") / "store"
    with KG.open(path) as kg:
        report = kg.ingest([corpus_dir], jobs=2, bulk=True)
    assert report.count("ingested") == 5, [o.message for o in report.failed]
    return path


def test_bulk_gives_the_graph_of_file_by_file_ingest(bulk_store: Path, corpus_kg: KG) -> None:
    # Identities, relations, evidence and search entries are the same. Only the stated reason
    # and confidence may differ: in bulk every file sees every other, so a citation that found
    # nothing earlier in file order can join a document a later file states.
    with KG.open(bulk_store, read_only=True) as bulk:
        assert _statements(bulk) == _statements(corpus_kg)
        assert bulk.index.count() == corpus_kg.index.count()
        assert [h.document for h in bulk.search("217-QĐ/TW")] == [
            h.document for h in corpus_kg.search("217-QĐ/TW")
        ]


def test_rerunning_bulk_changes_nothing(tmp_path: Path, bulk_store: Path, corpus_dir: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(bulk_store, copy)
    with KG.open(copy) as kg:
        before = kg.store.dump(ox.RdfFormat.N_QUADS)
        report = kg.ingest([corpus_dir], jobs=2, bulk=True)
        assert report.count("unchanged") == 5
        assert kg.store.dump(ox.RdfFormat.N_QUADS) == before


def test_a_changed_file_replaces_its_statements_and_a_bad_file_fails_alone(
    tmp_path: Path, corpus_dir: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    plan = sorted(corpus.glob("*.txt"))[0]
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([corpus], bulk=True)
        old_surface = "Nghị quyết số 25-NQ/TW"
        text = plan.read_text(encoding="utf-8")
        assert old_surface in text
        plan.write_text(text.replace(old_surface, "Nghị quyết số 99-NQ/TW"), encoding="utf-8")
        (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
        report = kg.ingest([corpus], bulk=True)
        assert report.count("ingested") == 1 and report.count("unchanged") == 4
        [failure] = report.failed
        assert "broken.pdf" in (failure.message or "") and "\n" not in (failure.message or "")
        with KG.open(tmp_path / "clean") as clean:
            (corpus / "broken.pdf").unlink()
            clean.ingest([corpus])
            assert _statements(kg) == _statements(clean)


def test_a_run_stopped_while_loading_is_finished_by_the_next(
    tmp_path: Path, corpus_dir: Path, bulk_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_load = OxigraphStore.bulk_load

    def load_statements_then_fail(self: OxigraphStore, files: list[Path], fmt: object) -> None:
        if files[0].name.endswith(".fingerprints.nq"):  # the statements are in; the run "dies"
            raise StoreError("disk full")
        real_load(self, files, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(kg_bulk_load, "CHUNK", 2)  # and loaded in several batches
    monkeypatch.setattr(kg_bulk_load, "LOAD_BATCH", 2)
    with KG.open(tmp_path / "store") as kg:
        monkeypatch.setattr(OxigraphStore, "bulk_load", load_statements_then_fail)
        with pytest.raises(StoreError):
            kg.ingest([corpus_dir], bulk=True)
        monkeypatch.setattr(OxigraphStore, "bulk_load", real_load)
        # The statements are in but the side file never vouches for them: the queries count.
        assert queried_stats(kg).totals["citations"] > 0
        assert counted_stats(kg) is None
        assert kg.stats().to_json() == queried_stats(kg).to_json()
        assert kg.ingest([corpus_dir], bulk=True).count("ingested") == 5
        assert_side_file_as_queried(kg)
        with KG.open(bulk_store, read_only=True) as done:
            assert _statements(kg) == _statements(done)
            assert kg.index.count() == done.index.count()


@pytest.mark.server
def test_bulk_into_a_sparql_server(tmp_path: Path, corpus_dir: Path, bulk_store: Path) -> None:
    with oxigraph_server(tmp_path / "server") as url, KG.open(url) as remote:
        assert remote.ingest([corpus_dir], jobs=2, bulk=True).count("ingested") == 5
        with KG.open(bulk_store, read_only=True) as embedded:
            assert remote.store.quad_count() == embedded.store.quad_count()
            trace = remote.trace("25-NQ/TW@2013")
            assert {e.child for e in trace.edges} == {
                e.child for e in embedded.trace("25-NQ/TW@2013").edges
            }


class _Heard(IngestProgress):
    """What a run told its progress."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, int, int]] = []
        self.outcomes: list[FileOutcome] = []

    def step(self, name: str, done: int, total: int) -> None:
        self.steps.append((name, done, total))

    def outcome(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)


@pytest.mark.parametrize(
    ("bulk", "expected"),
    [(True, ["extract", "write", "load", "compact", "summaries"]), (False, ["files", "summaries"])],
)
def test_each_step_reports_its_progress(
    tmp_path: Path, corpus_dir: Path, bulk: bool, expected: list[str]
) -> None:
    heard = _Heard()
    with KG.open(tmp_path / "store") as kg:
        report = kg.ingest([corpus_dir], bulk=bulk, progress=heard)
    steps = list(dict.fromkeys(name for name, _, _ in heard.steps))
    assert steps == expected
    totals = {name: {total for step, _, total in heard.steps if step == name} for name in steps}
    # Each step counts the five files, but the last: the documents whose summaries it keeps.
    assert all(totals[name] == {5} for name in steps[:-1])
    (documents,) = totals["summaries"]
    assert documents > 5
    for name in steps:
        done = [done for step, done, _ in heard.steps if step == name]
        assert min(done) == 0 and max(done) == max(totals[name])
    assert heard.outcomes == report.outcomes and len(report.outcomes) == 5
