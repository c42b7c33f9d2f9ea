"""One file through the pure steps of ingest, the same for every writer.

Reading and extraction (:func:`read_and_extract`) need nothing but the file; resolution, the
graph, the search entries and what the file adds to the side store (:func:`process_file`) need
the registry and the documents known. Both ingest paths run exactly these two steps: file by file
(:class:`kg.ingest.Ingestor`, resolving against the store as it stands) and in bulk
(:mod:`kg.bulk`, in worker processes, resolving against the run's catalog). What differs is only
how the result is written: one transaction per file, or N-Quads shards for the bulk loader.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pyoxigraph import Quad

from kg.changes.facts import Fact, facts_of
from kg.extract import extract
from kg.extract.model import Extraction
from kg.graph import SourceInfo, extraction_statements, search_entries
from kg.graph.terms import Triples
from kg.identity import source_graph_iri
from kg.queries.side.store import Contribution, contribution
from kg.read import read_file, source_name
from kg.registry import Registry
from kg.resolve import CitingDocument, KnownDocuments, resolve
from kg.search import IndexEntry


@dataclass
class Extracted:
    """What a worker sends back: the extraction and how the file was read."""

    source: SourceInfo
    extraction: Extraction


def read_and_extract(path: Path, max_bytes: int) -> Extracted:
    """The pure, CPU-bound first step of one file (raises :class:`kg.errors.InputError` when it
    cannot be read)."""
    read = read_file(path, max_bytes=max_bytes)
    name = source_name(path)
    extraction = extract(read.text, source=name, sha256=read.sha256)
    source = SourceInfo(
        path=name, sha256=read.sha256, reader=read.reader, encoding=read.encoding, size=read.size
    )
    return Extracted(source, extraction)


@dataclass(frozen=True)
class ProcessedFile:
    """One file resolved and built, ready to write: its named graph's statements, its search
    entries and what it adds to the side store (the counts of `kg stats`, what summaries read)."""

    path: str
    graph: str
    statements: Triples
    entries: list[IndexEntry]
    counted: Contribution
    references: int

    def quads(self) -> list[Quad]:
        """The statements as quads, for a transactional write."""
        return self.statements.quads()

    def nquads(self, apart: str = "") -> tuple[str, str]:
        """The statements as N-Quads text for the bulk loader's shards: those whose predicate
        is not `apart`, and those whose predicate is (see `Triples.nquads`)."""
        return self.statements.nquads(apart)

    def facts(self) -> frozenset[Fact]:
        """The facts the change log records of this file (see :mod:`kg.changes`)."""
        return facts_of(self.statements.statements())


def process_file(
    extracted: Extracted,
    registry: Registry,
    known: KnownDocuments | None,
    *,
    written_at: str,
    document: CitingDocument | None = None,
) -> ProcessedFile:
    """Resolve one extraction against `registry` and `known`, and build what its writer stores.

    `written_at` is when its graph is written (its source states it as prov:generatedAtTime);
    `document` is the file's own identity when an earlier step already worked it out (bulk).
    """
    extraction = extracted.extraction
    source = replace(extracted.source, generated_at=written_at)
    resolution = resolve(extraction, registry, known, document=document)
    statements = extraction_statements(extraction, resolution, source)
    graph = source_graph_iri(source.path)
    return ProcessedFile(
        path=source.path,
        graph=graph,
        statements=statements,
        entries=search_entries(extraction, resolution),
        counted=contribution(statements.statements(), graph),
        references=len(extraction.references),
    )
