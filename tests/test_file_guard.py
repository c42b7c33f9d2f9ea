"""One bad file never stops the others (issue 24): every per-file step (read, extract, resolve,
build, index) runs under one guard, file by file, with `--jobs 2` and in bulk. A failure there
becomes one line naming the file, the store and the search index get nothing from that file,
and the other files land; so do files that vanish, and work that runs past its budget."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg.bulk.load as kg_bulk_load
import kg.process as kg_process
import kg.read.pdf as kg_read_pdf
from kg.api import KG
from kg.budget import BudgetExceeded, FileBudget, file_budget
from kg.cli import app
from kg.errors import InputError, StoreError
from kg.extract.model import Extraction
from kg.graph import SourceInfo
from kg.identity import source_graph_iri
from kg.ingest import IngestReport, failure_message
from kg.progress import IngestProgress
from kg.read import source_name
from tests.hostile import broken_html, citing, docx_bytes, nested_docx, non_utf8_name, paragraph
from tests.read.conftest import FIXTURES

POISON = "poisoned"
forks = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="failures are injected by patching, which only forked workers inherit",
)
MODES = {
    "file by file": {"jobs": 1},
    "--jobs 2": {"jobs": 2},
    "--bulk": {"bulk": True},
    "--bulk --jobs 2": {"bulk": True, "jobs": 2},
}
MODE_PARAMS = [
    pytest.param(mode, marks=forks if MODES[mode].get("jobs", 1) > 1 else ()) for mode in MODES
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Three plans, each citing its own resolution; the middle one is to be poisoned."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number, name, word in (
        (31, "a.txt", "tốt"),
        (32, f"b-{POISON}.txt", POISON),
        (33, "c.txt", ""),
    ):
        # The word ends the citing sentence, which the search index keeps.
        text = f"Căn cứ Nghị quyết số {number}-NQ/TW ngày 03/6/2013 của Bộ Chính trị về {word}.\n"
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def run_mode(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Callable[..., tuple[IngestReport, KG]]]:
    """Ingest in a mode and return the report and the open store."""
    opened: list[KG] = []
    # One file per bulk task, so that with two jobs the pool really runs (and forks).
    monkeypatch.setattr(kg_bulk_load, "CHUNK", 1)

    def run(mode: str, paths: list[Path], **options: Any) -> tuple[IngestReport, KG]:
        kg = KG.open(tmp_path / f"store-{len(opened)}")
        opened.append(kg)
        return kg.ingest(paths, **MODES[mode], **options), kg

    yield run
    for kg in opened:
        kg.close()


def _poisoned_input(value: object) -> bool:
    if isinstance(value, str | Path):
        return POISON in str(value)
    if isinstance(value, Extraction):
        return POISON in value.source
    return isinstance(value, SourceInfo) and POISON in value.path


def _failing(real: Callable[..., Any], *, on_result: bool = False) -> Callable[..., Any]:
    """`real`, but raising a plain RuntimeError on the poisoned file's input (or result)."""

    def step(*args: Any, **kwargs: Any) -> Any:
        if any(_poisoned_input(value) for value in (*args, *kwargs.values())):
            raise RuntimeError("injected failure")
        result = real(*args, **kwargs)
        if on_result and any(POISON in entry.text for entry in result):
            raise RuntimeError("injected failure")
        return result

    return step


# step -> the functions that do it, in the modules that call them
# (both paths run kg.process; bulk also resolves against the registry alone in its first step)
STEPS: dict[str, list[tuple[Any, str]]] = {
    "read": [(kg_process, "read_file")],
    "extract": [(kg_process, "extract")],
    "resolve": [(kg_process, "resolve"), (kg_bulk_load, "resolve")],
    "build": [(kg_process, "extraction_statements")],
    "index": [(kg_process, "search_entries")],
}


def _holds_nothing_of(kg: KG, path: Path) -> bool:
    dump = kg.store.dump(ox.RdfFormat.N_QUADS).decode("utf-8")
    graph = source_graph_iri(source_name(path))
    return POISON not in dump and graph not in kg.store.graphs() and not kg.search(POISON)


def _landed(kg: KG, path: Path) -> bool:
    return source_graph_iri(source_name(path)) in kg.store.graphs()


@pytest.mark.parametrize("step", sorted(STEPS))
@pytest.mark.parametrize("mode", MODE_PARAMS)
def test_a_failure_in_any_step_fails_that_file_alone(
    monkeypatch: pytest.MonkeyPatch,
    run_mode: Callable[..., tuple[IngestReport, KG]],
    corpus: Path,
    mode: str,
    step: str,
) -> None:
    for module, name in STEPS[step]:
        monkeypatch.setattr(
            module, name, _failing(getattr(module, name), on_result=step == "index")
        )
    report, kg = run_mode(mode, [corpus])
    [failure] = report.failed
    poisoned = corpus / f"b-{POISON}.txt"
    assert failure.path == str(poisoned)
    assert failure.message is not None and "\n" not in failure.message
    assert failure.message.startswith(f"{poisoned}: internal error in ")
    assert failure.message.endswith("(RuntimeError: injected failure)")
    assert report.count("ingested") == 2
    assert _landed(kg, corpus / "a.txt") and _landed(kg, corpus / "c.txt")
    assert _holds_nothing_of(kg, poisoned)


def test_the_cli_prints_one_line_per_failed_file_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, corpus: Path, tmp_path: Path
) -> None:
    monkeypatch.setattr(kg_process, "extract", _failing(kg_process.extract))
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    poisoned = corpus / f"b-{POISON}.txt"
    failed = [line for line in result.output.splitlines() if line.startswith("failed ")]
    assert failed == [
        f"failed {poisoned}: internal error in kg.process (RuntimeError: injected failure)"
    ]
    assert "ingested 2, unchanged 0, failed 1" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("mode", MODE_PARAMS)
def test_hostile_files_are_ingested_and_a_late_nul_fails_alone(
    run_mode: Callable[..., tuple[IngestReport, KG]], tmp_path: Path, mode: str
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "sdt.docx").write_bytes(nested_docx("sdt", 5000, citing(41)))
    (folder / "links.docx").write_bytes(nested_docx("hyperlink", 5000, citing(42)))
    declaration = '<?xml version="1.0" encoding="x-undefined"?>'
    (folder / "declared.docx").write_bytes(
        docx_bytes(paragraph(citing(43)), declaration=declaration)
    )
    (folder / "meta.html").write_text(
        f'<html><head><meta charset="undefined"></head><body><p>{citing(44)}</p></body></html>',
        encoding="utf-8",
    )
    (folder / "broken.html").write_bytes(broken_html(20_000, citing(45)))
    name = non_utf8_name(folder, citing(46))
    late_nul = folder / "late-nul.txt"
    late_nul.write_bytes(((citing(47) + "\n") * 2000).encode("utf-8")[:70_000] + b"\x00\n")

    report, kg = run_mode(mode, [folder])
    assert [(o.path, o.message) for o in report.failed] == [
        (str(late_nul), f"{late_nul}: binary data, not text (a NUL byte at offset 70000)")
    ]
    assert report.count("ingested") == 6
    stored = kg.store.query(
        "SELECT ?path WHERE { GRAPH ?g { ?s <https://w3id.org/vankien/ontology#path> ?path } }"
    )
    assert f"{folder}/bad\\xff\\xfename.txt" in {row["path"].value for row in stored.rows}
    assert _landed(kg, name)
    again = kg.ingest([folder], **MODES[mode])
    assert again.count("unchanged") == 6


@pytest.mark.parametrize("mode", MODE_PARAMS)
def test_a_file_removed_between_listing_and_reading_fails_alone(
    run_mode: Callable[..., tuple[IngestReport, KG]], corpus: Path, mode: str
) -> None:
    doomed = corpus / f"b-{POISON}.txt"

    class RemovesItAsWritingStarts(IngestProgress):
        def step(self, name: str, done: int, total: int) -> None:
            if done == 0:
                doomed.unlink(missing_ok=True)

    report, kg = run_mode(mode, [corpus], progress=RemovesItAsWritingStarts())
    assert [o.message for o in report.failed] == [f"{doomed}: no such file"]
    assert report.count("ingested") == 2
    assert _holds_nothing_of(kg, doomed)


def test_a_file_removed_right_after_it_was_read_is_ingested_from_what_was_read(
    monkeypatch: pytest.MonkeyPatch, run_mode: Callable[..., tuple[IngestReport, KG]], corpus: Path
) -> None:
    real_read = kg_process.read_file

    def read_then_vanish(path: Path, **options: Any) -> Any:
        read = real_read(path, **options)
        Path(path).unlink()
        return read

    monkeypatch.setattr(kg_process, "read_file", read_then_vanish)
    report, kg = run_mode("file by file", [corpus])
    assert report.count("ingested") == 3 and not report.failed


@forks
def test_a_worker_killed_on_a_file_fails_that_file_alone(
    monkeypatch: pytest.MonkeyPatch, run_mode: Callable[..., tuple[IngestReport, KG]], corpus: Path
) -> None:
    real_extract = kg_process.extract
    main_process = os.getpid()

    def killed_on_poison(text: str, **options: Any) -> Any:
        if POISON in text and os.getpid() != main_process:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer does
        return real_extract(text, **options)

    monkeypatch.setattr(kg_process, "extract", killed_on_poison)
    report, kg = run_mode("--jobs 2", [corpus])
    poisoned = corpus / f"b-{POISON}.txt"
    assert [o.message for o in report.failed] == [
        f"{poisoned}: the process reading it died (out of memory, or a crash in a library)"
    ]
    assert report.count("ingested") == 2
    assert _holds_nothing_of(kg, poisoned)


def _slow_on_poison(real: Callable[..., Any]) -> Callable[..., Any]:
    def step(text: str, **options: Any) -> Any:
        while POISON in text:
            time.sleep(0.01)
        return real(text, **options)

    return step


def _hungry_on_poison(real: Callable[..., Any]) -> Callable[..., Any]:
    def step(text: str, **options: Any) -> Any:
        if POISON in text:
            hoard = []
            for _ in range(128):  # 1 GB at most, if the budget failed to stop it
                hoard.append("x" * (8 * 1024 * 1024))
                time.sleep(0.005)
            raise AssertionError("the memory budget did not stop the work")
        return real(text, **options)

    return step


@pytest.mark.parametrize("mode", MODE_PARAMS)
def test_work_past_the_time_budget_fails_that_file_alone(
    monkeypatch: pytest.MonkeyPatch,
    run_mode: Callable[..., tuple[IngestReport, KG]],
    corpus: Path,
    mode: str,
) -> None:
    monkeypatch.setattr(kg_process, "extract", _slow_on_poison(kg_process.extract))
    # Generous enough for the other files' first work on a busy machine (tables, imports).
    report, kg = run_mode(mode, [corpus], budget=FileBudget(seconds=2, memory_mb=None))
    poisoned = corpus / f"b-{POISON}.txt"
    assert [o.message for o in report.failed] == [
        f"{poisoned}: gave up after 2 s of work; raise --max-seconds"
    ]
    assert report.count("ingested") == 2
    assert _holds_nothing_of(kg, poisoned)


@pytest.mark.parametrize("mode", ["file by file", pytest.param("--bulk --jobs 2", marks=forks)])
def test_work_past_the_memory_budget_fails_that_file_alone(
    monkeypatch: pytest.MonkeyPatch,
    run_mode: Callable[..., tuple[IngestReport, KG]],
    corpus: Path,
    mode: str,
) -> None:
    monkeypatch.setattr(kg_process, "extract", _hungry_on_poison(kg_process.extract))
    report, kg = run_mode(mode, [corpus], budget=FileBudget(seconds=None, memory_mb=128))
    poisoned = corpus / f"b-{POISON}.txt"
    assert [o.message for o in report.failed] == [
        f"{poisoned}: needed more than 128 MB of memory; raise --max-memory"
    ]
    assert report.count("ingested") == 2


def test_a_reader_that_swallows_every_exception_cannot_swallow_the_budget(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The PDF reader turns any exception of a damaged page into a warning and goes on.
    def endless_page(*_args: Any) -> str:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(kg_read_pdf, "_page_text", endless_page)
    with KG.open(tmp_path / "store") as kg:
        report = kg.ingest([FIXTURES / "plan.pdf"], budget=FileBudget(seconds=0.3))
    [failure] = report.failed
    assert failure.message == (
        f"{FIXTURES / 'plan.pdf'}: gave up after 0.3 s of work; raise --max-seconds"
    )


def test_the_budget_leaves_the_alarm_as_it_found_it() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with file_budget("x.txt", FileBudget(seconds=5)):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with pytest.raises(BudgetExceeded), file_budget("x.txt", FileBudget(seconds=0.2)):
        time.sleep(5)
    assert signal.getsignal(signal.SIGALRM) == before


def test_outside_the_main_thread_work_runs_without_a_budget() -> None:
    finished: list[bool] = []

    def work() -> None:
        with file_budget("x.txt", FileBudget(seconds=0.05)):
            time.sleep(0.3)
        finished.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert finished == [True]


def test_failure_messages_name_the_file_once() -> None:
    assert failure_message("a.txt", InputError("a.txt", "empty file")) == "a.txt: empty file"
    assert failure_message("a.txt", StoreError("store: locked")) == "a.txt: store: locked"
    try:
        {}["missing"]
    except KeyError as err:
        assert failure_message("a.txt", err) == (
            "a.txt: internal error in tests.test_file_guard (KeyError: 'missing')"
        )
    assert failure_message("b\udcffc.txt", MemoryError()) == (
        "b\\udcffc.txt: internal error in ? (MemoryError)"
    )
