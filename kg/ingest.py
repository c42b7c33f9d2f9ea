"""Ingest: files → text → references → identities → one named graph per file in the store.

Reading and extraction are pure and run in a process pool (`jobs`); resolution against the graph and
the write run in this process, because a store has one writer. Each file's statements go in with one
transactional update, so a killed run leaves whole documents only and the next run finishes the job.
A file whose bytes and extractor version are already in the store is skipped ("unchanged").
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg import __version__
from kg.errors import InputError, KgError
from kg.extract import extract
from kg.extract.model import Extraction
from kg.graph import SourceInfo, extraction_statements, reference_quads, search_entries
from kg.identity import source_graph_iri
from kg.namespaces import VK
from kg.read import iter_sources, read_file
from kg.registry import Registry
from kg.resolve import KnownDocuments, resolve
from kg.search import SearchIndex
from kg.store import GraphStore, SelectResult

Status = Literal["ingested", "unchanged", "skipped", "failed"]


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: Status
    message: str | None = None
    references: int = 0


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    on_file: Callable[[FileOutcome], None] | None = field(default=None, repr=False)

    def add(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)
        if self.on_file is not None:
            self.on_file(outcome)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


@dataclass
class Extracted:
    """What a worker sends back: the extraction and how the file was read."""

    source: SourceInfo
    extraction: Extraction


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_and_extract(path: Path, max_bytes: int) -> Extracted:
    """Worker step: the pure, CPU-bound part of ingest for one file."""
    read = read_file(path, max_bytes=max_bytes)
    try:
        digest = sha256_of(path)
    except FileNotFoundError as err:
        raise InputError(str(path), "file disappeared while reading") from err
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}") from err
    extraction = extract(read.text, source=str(path), sha256=digest)
    source = SourceInfo(
        path=str(path),
        sha256=digest,
        reader=read.reader,
        encoding=read.encoding,
        size=path.stat().st_size,
    )
    return Extracted(source, extraction)


def extract_or_fail(path: Path, max_bytes: int) -> Extracted | FileOutcome:
    """`read_and_extract`, with a bad file turned into its failed outcome."""
    try:
        return read_and_extract(path, max_bytes)
    except KgError as err:
        return FileOutcome(str(path), "failed", one_line(err))


def one_line(err: Exception) -> str:
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
    ) -> None:
        self.store = store
        self.index = index
        self.registry = registry
        self.known = known

    def load_reference_graphs(self) -> None:
        """(Re)load the ontology and registry graphs, each replaced atomically."""
        by_graph: dict[str, list[ox.Quad]] = {}
        for quad in reference_quads():
            assert isinstance(quad.graph_name, ox.NamedNode)
            by_graph.setdefault(quad.graph_name.value, []).append(quad)
        for graph, quads in by_graph.items():
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

    def write(self, extracted: Extracted) -> FileOutcome:
        """Resolve against the registry and the graph, then replace the file's named graph."""
        extraction = extracted.extraction
        resolution = resolve(extraction, self.registry, self.known)
        statements = extraction_statements(extraction, resolution, extracted.source)
        graph = source_graph_iri(extracted.source.path)
        self.index.replace_source(graph, search_entries(extraction, resolution))
        self.store.replace_graph(graph, statements.quads())
        return FileOutcome(extracted.source.path, "ingested", None, len(extraction.references))

    def remove(self, path: str) -> bool:
        graph = source_graph_iri(path)
        self.index.remove_source(graph)
        return self.store.remove_graph(graph)

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        jobs: int = 1,
        max_bytes: int = 50 * 1024 * 1024,
        on_file: Callable[[FileOutcome], None] | None = None,
        on_total: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Ingest files and folders; failures are reported per file and never stop the others."""
        report = IngestReport(on_file=on_file)
        pending = self.plan(paths, report, on_total)
        for result in _extract_all(pending, jobs, max_bytes):
            if isinstance(result, FileOutcome):
                report.add(result)
                continue
            try:
                report.add(self.write(result))
            except KgError as err:
                report.add(FileOutcome(result.source.path, "failed", one_line(err)))
        if report.count("ingested"):
            # Many small transactions leave the embedded store's files fragmented (a third
            # larger on 1,000 documents); compacting once per run keeps disk use down.
            self.store.compact()
        return report

    def plan(
        self,
        paths: Sequence[str | Path],
        report: IngestReport,
        on_total: Callable[[int], None] | None = None,
    ) -> list[Path]:
        """The files of `paths` to (re)write; unreadable and unchanged ones go to `report`.

        Also (re)loads the reference graphs, which every write resolves against.
        """

        def skipped(problem: InputError) -> None:
            report.add(FileOutcome(problem.path, "skipped", one_line(problem)))

        # Absolute paths: a file's named graph is keyed by its path, whatever the cwd.
        files = [path.resolve() for path in iter_sources(paths, on_problem=skipped)]
        if on_total is not None:
            on_total(len(files))
        self.load_reference_graphs()
        fingerprints = self.stored_fingerprints()
        pending: list[Path] = []
        for path in files:
            stored = fingerprints.get(str(path))
            if stored is None:
                # A file the store has not seen is not hashed here: its hash is taken as it is
                # read for extraction, which also reports a file missing or unreadable by then.
                pending.append(path)
                continue
            try:
                unchanged = stored == (sha256_of(path), __version__)
            except FileNotFoundError:
                report.add(FileOutcome(str(path), "failed", f"{path}: no such file"))
                continue
            except OSError as err:
                report.add(FileOutcome(str(path), "failed", f"{path}: cannot read: {err.strerror}"))
                continue
            if unchanged:
                report.add(FileOutcome(str(path), "unchanged"))
            else:
                pending.append(path)
        return pending


def _extract_all(paths: list[Path], jobs: int, max_bytes: int) -> Iterator[Extracted | FileOutcome]:
    """Results in input order; at most a few files per worker wait for the single writer, so
    memory stays flat however many files a run holds (a plain pool.map queues them all)."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield extract_or_fail(path, max_bytes)
        return
    window = jobs * 4
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[Extracted | FileOutcome]] = deque()
        for path in paths:
            pending.append(pool.submit(extract_or_fail, path, max_bytes))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
