"""Ingest: files → text → references → identities → one named graph per file in the store.

Reading and extraction are pure and run in a process pool (`jobs`); resolution against the graph and
the write run in this process, because a store has one writer. Both are the steps of
:mod:`kg.process`, which the bulk path runs too: only the writing differs. Each file's statements
go in with one transactional update, so a killed run leaves whole documents only and the next run
finishes the job.
A file whose bytes and extractor version are already in the store is skipped ("unchanged").
Each write and removal is recorded in the change log around its transaction (`kg.changes.log`),
and each file's graph states when it was written (`prov:generatedAtTime`).

Every step of one file (read, extract, resolve, build, index) runs under one guard (`guarded`): any
exception, or the file's time and memory budget running out, becomes that file's failed outcome in
one line, the store gets nothing from it, and the run goes on with the others.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

import pyoxigraph as ox

from kg import __version__
from kg.budget import DEFAULT_BUDGET, BudgetExceeded, FileBudget, file_budget
from kg.changes.log import ChangeLog, now
from kg.errors import InputError, KgError
from kg.graph import reference_quads
from kg.identity import source_graph_iri
from kg.namespaces import VK
from kg.process import Extracted, ProcessedFile, process_file, read_and_extract
from kg.progress import IngestProgress
from kg.queries.side.store import Contribution, SideStore, contribution_of_quads
from kg.read import iter_sources, source_name
from kg.registry import Registry
from kg.resolve import KnownDocuments
from kg.search import SearchIndex
from kg.store import GraphStore, SelectResult

Status = Literal["ingested", "unchanged", "skipped", "failed"]
Result = TypeVar("Result")

# An exception's own words in a failure line are cut here: some quote the whole input.
_DETAIL_CHARS = 200

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: Status
    message: str | None = None
    references: int = 0


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    progress: IngestProgress = field(default_factory=IngestProgress, repr=False)

    def add(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)
        self.progress.outcome(outcome)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract_or_fail(
    path: Path, max_bytes: int, budget: FileBudget = DEFAULT_BUDGET
) -> Extracted | FileOutcome:
    """`read_and_extract` under the per-file guard."""
    return guarded(source_name(path), budget, lambda: read_and_extract(path, max_bytes))


def guarded(path: str, budget: FileBudget, work: Callable[[], Result]) -> Result | FileOutcome:
    """Run some of one file's work under its budget; any failure becomes its failed outcome.

    The one place where an exception of one file stops there: a bad input (KgError) says its
    problem, the budget names the limit, and anything else (a bug, met on this file) is named
    by its type and the module that raised it, so the run goes on and the report can be filed.
    """
    try:
        with file_budget(path, budget):
            return work()
    except BudgetExceeded as err:
        return FileOutcome(path, "failed", _printable(str(err)))
    except Exception as err:  # noqa: BLE001  one bad file never stops the others
        return FileOutcome(path, "failed", failure_message(path, err))


def failure_message(path: str, err: Exception) -> str:
    """``<path>: <problem>`` on one line, for any exception met while working on `path`."""
    if isinstance(err, KgError):
        line = one_line(err)
        return _printable(line if line.startswith(f"{path}:") else f"{path}: {line}")
    log.debug("internal error on %s", path, exc_info=err)
    detail = one_line(err)[:_DETAIL_CHARS] if str(err).strip() else ""
    what = f"{type(err).__name__}: {detail}" if detail else type(err).__name__
    return _printable(f"{path}: internal error in {_raised_in(err)} ({what})")


def _raised_in(err: BaseException) -> str:
    """The innermost module of this package the exception passed through (else the innermost)."""
    modules = [
        str(frame.f_globals.get("__name__", "?"))
        for frame, _ in traceback.walk_tb(err.__traceback__)
    ]
    ours = [module for module in modules if module == "kg" or module.startswith("kg.")]
    return (ours or modules or ["?"])[-1]


def _printable(line: str) -> str:
    """A message any terminal or log can take: lone surrogates (from file names) escaped."""
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


def one_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


class Ingestor:
    """Writes sources into one store and its search index."""

    def __init__(
        self,
        store: GraphStore,
        index: SearchIndex,
        registry: Registry,
        known: KnownDocuments,
        changes: ChangeLog | None = None,
        side_store: SideStore | None = None,
    ) -> None:
        self.store = store
        self.index = index
        self.registry = registry
        self.known = known
        # Where writes and removals are recorded for `kg changes` (see kg.changes.log).
        self.changes = changes
        # The counts of `kg stats` and what summaries read, kept around each write
        # (see kg.queries.side).
        self.side_store = side_store

    def load_reference_graphs(self) -> None:
        """(Re)load the ontology and registry graphs, each replaced atomically."""
        by_graph: dict[str, list[ox.Quad]] = {}
        for quad in reference_quads():
            assert isinstance(quad.graph_name, ox.NamedNode)
            by_graph.setdefault(quad.graph_name.value, []).append(quad)
        for graph, quads in by_graph.items():
            with self._counting(graph, contribution_of_quads(quads, graph)):
                self.store.replace_graph(graph, quads)

    def stored_fingerprints(self) -> dict[str, tuple[str, str]]:
        """(sha256, extractor version) of every source in the store, by path: one query per
        run, so deciding what is unchanged costs nothing per file."""
        result = self.store.query(
            f"SELECT ?path ?sha ?version WHERE {{ ?src <{VK}path> ?path ; <{VK}sha256> ?sha . "
            f"OPTIONAL {{ ?src <{VK}extractorVersion> ?version }} }}"
        )
        assert isinstance(result, SelectResult)
        return {
            row["path"].value: (row["sha"].value, row["version"].value if "version" in row else "")
            for row in result.rows
        }

    def write(self, extracted: Extracted, budget: FileBudget = DEFAULT_BUDGET) -> FileOutcome:
        """Resolve against the registry and the graph, then replace the file's named graph.

        Resolution, the graph and the search entries are made under the file's guard and budget,
        before anything is written. The store's replace is one transaction: when it fails, the
        file's earlier version stands. When the search index then fails, the new graph is taken
        out again, so the store holds nothing of the file and the next run tries it afresh.
        """
        path = extracted.source.path
        written_at = now()
        processed = guarded(
            path,
            budget,
            lambda: process_file(extracted, self.registry, self.known, written_at=written_at),
        )
        if isinstance(processed, FileOutcome):
            return processed
        quads = processed.quads()
        try:
            with (
                self._recording(processed, written_at),
                self._counting(processed.graph, processed.counted),
            ):
                self.store.replace_graph(processed.graph, quads)
        except Exception as err:  # noqa: BLE001  one bad file never stops the others
            return FileOutcome(path, "failed", failure_message(path, err))
        try:
            self.index.replace_source(processed.graph, processed.entries)
        except Exception as err:  # noqa: BLE001
            self.remove(path)
            return FileOutcome(path, "failed", failure_message(path, err))
        return FileOutcome(path, "ingested", None, processed.references)

    def _recording(self, processed: ProcessedFile, at: str) -> AbstractContextManager[None]:
        """The change log's record of one write, around it (nothing without a log)."""
        if self.changes is None:
            return nullcontext()
        return self.changes.writing(
            self.store, processed.path, processed.graph, processed.facts(), at
        )

    def _counting(self, graph: str, counted: Contribution) -> AbstractContextManager[None]:
        """The side store around the write of one graph (nothing without one)."""
        if self.side_store is None:
            return nullcontext()
        return self.side_store.writing(graph, counted)

    def remove(self, path: str) -> bool:
        graph = source_graph_iri(path)
        self.index.remove_source(graph)
        side = self.side_store
        with nullcontext() if side is None else side.removing(graph):
            if self.changes is None:
                return self.store.remove_graph(graph)
            with self.changes.removing(self.store, path, graph):
                return self.store.remove_graph(graph)

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        jobs: int = 1,
        max_bytes: int = 50 * 1024 * 1024,
        budget: FileBudget = DEFAULT_BUDGET,
        progress: IngestProgress | None = None,
    ) -> IngestReport:
        """Ingest files and folders; failures are reported per file and never stop the others.

        `budget` limits each file's reading and extraction, and then its resolution, graph and
        search entries (each in the process that does it)."""
        report = IngestReport(progress=progress or IngestProgress())
        pending = self.plan(paths, report)
        report.progress.step("files", 0, len(pending))
        results = _extract_all(pending, jobs, max_bytes, budget)
        for done, result in enumerate(results, start=1):
            report.add(result if isinstance(result, FileOutcome) else self.write(result, budget))
            report.progress.step("files", done, len(pending))
        if report.count("ingested"):
            # Many small transactions leave the embedded store's files fragmented (a third
            # larger on 1,000 documents); compacting once per run keeps disk use down.
            self.store.compact()
        return report

    def plan(self, paths: Sequence[str | Path], report: IngestReport) -> list[Path]:
        """The files of `paths` to (re)write; unreadable and unchanged ones go to `report`.

        Also (re)loads the reference graphs, which every write resolves against.
        """

        def skipped(problem: InputError) -> None:
            report.add(FileOutcome(problem.path, "skipped", one_line(problem)))

        # Absolute paths: a file's named graph is keyed by its path, whatever the cwd.
        files = [path.resolve() for path in iter_sources(paths, on_problem=skipped)]
        self.load_reference_graphs()
        if self.changes is not None:
            self.changes.settle(self.store)  # what a killed run left pending, before new writes
        if self.side_store is not None:
            self.side_store.settle(self.store)  # likewise, and graphs it has not seen yet
        fingerprints = self.stored_fingerprints()
        pending: list[Path] = []
        for path in files:
            stored = fingerprints.get(source_name(path))
            if stored is None:
                # A file the store has not seen is not hashed here: its hash is taken as it is
                # read for extraction, which also reports a file missing or unreadable by then.
                pending.append(path)
                continue
            name = source_name(path)
            try:
                unchanged = stored == (sha256_of(path), __version__)
            except FileNotFoundError:
                report.add(FileOutcome(name, "failed", f"{name}: no such file"))
                continue
            except OSError as err:
                report.add(FileOutcome(name, "failed", f"{name}: cannot read: {err.strerror}"))
                continue
            if unchanged:
                report.add(FileOutcome(name, "unchanged"))
            else:
                pending.append(path)
        return pending


def _extract_all(
    paths: list[Path], jobs: int, max_bytes: int, budget: FileBudget
) -> Iterator[Extracted | FileOutcome]:
    """Results in input order; at most a few files per worker wait for the single writer, so
    memory stays flat however many files a run holds (a plain pool.map queues them all).

    A worker that dies (killed for its memory, or a crash inside a library) breaks the pool and
    every file in its hands: those files are tried again one process each, so the file that
    kills its process fails alone, and the rest of the run goes on in a new pool.
    """
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield extract_or_fail(path, max_bytes, budget)
        return
    waiting = deque(paths)
    while waiting:
        in_hand: deque[tuple[Path, Future[Extracted | FileOutcome]]] = deque()
        try:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                while waiting or in_hand:
                    while waiting and len(in_hand) < jobs * 4:
                        future = pool.submit(extract_or_fail, waiting[0], max_bytes, budget)
                        in_hand.append((waiting.popleft(), future))
                    result = in_hand[0][1].result()
                    in_hand.popleft()
                    yield result
        except BrokenProcessPool:
            for path, _ in in_hand:
                yield _extract_alone(path, max_bytes, budget)


def _extract_alone(path: Path, max_bytes: int, budget: FileBudget) -> Extracted | FileOutcome:
    """`extract_or_fail` in a process of its own, whose death fails this file only."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(extract_or_fail, path, max_bytes, budget).result()
    except BrokenProcessPool:
        name = source_name(path)
        problem = "the process reading it died (out of memory, or a crash in a library)"
        return FileOutcome(name, "failed", f"{name}: {problem}")
