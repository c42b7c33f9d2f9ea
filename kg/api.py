"""The library facade: what the CLI, the notebooks, the web app and other programs call.

    >>> from kg.api import KG
    >>> with KG.open("build/store") as kg:          # or a SPARQL endpoint URL
    ...     kg.ingest(["data/corpus"])
    ...     kg.trace("25-NQ/TW@2013").to_frame()

Every answer is a dataclass with ``to_json()`` (the shapes documented in the README); tabular ones
(``Trace``, ``Coverage``) have ``to_frame()``, and :func:`frame` turns any list of answers (cites,
search) into a pandas DataFrame. Answers are complete: a citation carries its sentence, its file
and the span of the mention in that file's text; a document card names the sources of each
conflicting fact; a trace too long to read has its overview. The front ends (``kg.cli``,
``kg.web``) only format them, so the CLI, the web app and a notebook give the same answers.

Besides the graph's answers, this module hands the front ends the tools they run: extraction on
its own and its score against gold, the export formats, the SPARQL endpoint's query runner, the
benchmark.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.bench.flood import measure_flood
from kg.bench.generate import CorpusSummary, generate_corpus
from kg.bench.measures import Settings as BenchSettings
from kg.bench.measures import default_work_dir, run_benchmark, sizes_from
from kg.bench.report import Row as BenchRow
from kg.bench.report import markdown as bench_markdown
from kg.bench.report import print_table as print_bench_table
from kg.bench.report import save_json as save_bench_json
from kg.bench.search_scale import measure_search
from kg.bench.throughput import Throughput, measure
from kg.budget import FileBudget
from kg.bulk import bulk_ingest
from kg.demo import DemoSummary, run_demo, sample_corpus
from kg.errors import ArgumentError
from kg.evaluate import EvalReport, compare_runs, compare_verdicts, load_extractions, score
from kg.exporting import EXPORT_FORMATS, EXTENSIONS, export_graph, format_of
from kg.extract.model import Extraction
from kg.gold_sets import load_gold
from kg.identity import is_document_iri
from kg.ingest import DEFAULT_BUDGET, FileOutcome, Ingestor, IngestReport
from kg.pipeline import extract_file, run_gold
from kg.queries import NamedQuery, named_queries, parse_param, run_named
from kg.queries.citations import (
    CHAIN_RELATIONS,
    OVERVIEW_LINKS,
    RELATION_PROPERTIES,
    TRACE_COLUMNS,
    CitationEdge,
    Cited,
    Citer,
    Evidence,
    Relation,
    Trace,
    TraceEdge,
    citations_of,
    cited_documents,
    citers,
    to_frame,
    trace,
)
from kg.queries.coverage import Coverage, TraceOverview, coverage, coverage_of, ingested_provinces
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.queries.known import StoreKnownDocuments
from kg.queries.lookup import Choice, choose
from kg.queries.network import (
    citers_network,
    edges_network,
    neighbourhood_network,
    trace_network,
    whole_network,
)
from kg.queries.report import CheckReport, Stats, quality_findings, stats
from kg.queries.source_text import SourceText, source_text
from kg.queries.text_search import SearchResult, SearchResults, search
from kg.read import iter_sources, read_file, source_name
from kg.registry import Registry, load_registry
from kg.search import SearchIndex
from kg.store import (
    GraphStore,
    QueryResult,
    SelectResult,
    Term,
    existing_database,
    open_store,
    store_directory,
)
from kg.store.base import as_term
from kg.store.remote import is_endpoint
from kg.store.runner import Limits, QueryRequest, QueryRunner, QueryTimeout, open_runner

__all__ = [
    "CHAIN_RELATIONS",
    "DEFAULT_BUDGET",
    "EXPORT_FORMATS",
    "KG",
    "OVERVIEW_LINKS",
    "RELATION_PROPERTIES",
    "TRACE_COLUMNS",
    "BenchRow",
    "BenchSettings",
    "CheckReport",
    "Choice",
    "CitationEdge",
    "Cited",
    "Citer",
    "ConflictValue",
    "CorpusSummary",
    "FileBudget",
    "Coverage",
    "DemoSummary",
    "DocumentCard",
    "DocumentSummary",
    "EvalReport",
    "Evidence",
    "Extraction",
    "FileOutcome",
    "IngestReport",
    "Limits",
    "NamedQuery",
    "QueryRequest",
    "QueryResult",
    "QueryRunner",
    "QueryTimeout",
    "Relation",
    "SearchResult",
    "SearchResults",
    "SelectResult",
    "SourceText",
    "Stats",
    "Term",
    "Throughput",
    "Trace",
    "TraceEdge",
    "TraceOverview",
    "as_term",
    "bench_markdown",
    "evaluate",
    "default_work_dir",
    "format_of",
    "extract_file",
    "frame",
    "generate_corpus",
    "is_document_iri",
    "iter_sources",
    "measure",
    "measure_flood",
    "measure_search",
    "named_queries",
    "open_runner",
    "print_bench_table",
    "read_file",
    "require_store",
    "run_demo",
    "sample_corpus",
    "run_benchmark",
    "save_bench_json",
    "sizes_from",
]

# Parameters of this name in a SPARQL query take a document argument: a symbol in any spelling,
# symbol@year, a short name or an IRI, bound as the document's IRI.
DOCUMENT_PARAM = "doc"


@dataclass(frozen=True)
class ConflictValue:
    """One of the values the sources disagree on, with the sources that state it ("registry",
    or the file names)."""

    value: str
    sources: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "sources": self.sources}


@dataclass
class DocumentCard:
    """Everything known about one document: identity, the facts its sources disagree on (each
    value with the sources stating it), and both directions of citation with their evidence."""

    document: DocumentSummary
    conflicts: dict[str, list[ConflictValue]]
    cites: list[Cited]
    cited_by: list[Citer]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "term": self.document.term,
            "ingested": self.document.ingested,
            "sources": self.document.sources,
            "conflicts": {
                name: [v.to_json() for v in values] for name, values in self.conflicts.items()
            },
            "cites": [c.to_json() for c in self.cites],
            "cited_by": [c.to_json() for c in self.cited_by],
        }


class KG:
    """A knowledge graph in one store, with its side search index and the curated registry."""

    # Past this many links a trace is shown as an overview (`overview`), by every front end.
    overview_links = OVERVIEW_LINKS

    def __init__(self, store: GraphStore, index: SearchIndex, registry: Registry) -> None:
        self.store = store
        self.index = index
        self.registry = registry
        self.catalog = DocumentCatalog(store)

    @classmethod
    def open(cls, store: str | Path | None = None, *, read_only: bool = False) -> KG:
        """Open (creating if needed) the store named by a path or endpoint URL, else the default."""
        graph_store = open_store(store, read_only=read_only)
        index = SearchIndex(store_directory(store) / "search.sqlite")
        return cls(graph_store, index, load_registry())

    def close(self) -> None:
        self.store.close()
        self.index.close()

    def __enter__(self) -> KG:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        jobs: int = 1,
        max_bytes: int = 50 * 1024 * 1024,
        budget: FileBudget = DEFAULT_BUDGET,
        on_file: Callable[[FileOutcome], None] | None = None,
        on_total: Callable[[int], None] | None = None,
        bulk: bool = False,
        on_step: Callable[[str, int, int], None] | None = None,
    ) -> IngestReport:
        """Ingest files and folders (see :mod:`kg.ingest`; `bulk`: see :mod:`kg.bulk`, whose
        steps are reported to `on_step` as (step, files done, files in the step)).

        `budget` bounds the time and memory of each file's work (see :mod:`kg.budget`)."""
        if bulk:
            report = bulk_ingest(
                self._ingestor(),
                paths,
                scratch=self.index.path.parent,
                jobs=jobs,
                max_bytes=max_bytes,
                budget=budget,
                on_file=on_file,
                on_total=on_total,
                on_step=on_step,
            )
        else:
            report = self._ingestor().ingest(
                paths,
                jobs=jobs,
                max_bytes=max_bytes,
                budget=budget,
                on_file=on_file,
                on_total=on_total,
            )
        self.refresh()
        return report

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the store (the endpoint's ``--allow-update``), then forget
        what was cached of the graph before it."""
        self.store.update(sparql)
        self.refresh()

    def refresh(self) -> None:
        """Forget cached document summaries after the store changed under this object."""
        self.catalog = DocumentCatalog(self.store)

    def remove(self, path: str | Path) -> bool:
        """Drop everything one ingested file contributed; False if it was never ingested."""
        removed = self._ingestor().remove(source_name(Path(path).resolve()))
        self.refresh()
        return removed

    def _ingestor(self) -> Ingestor:
        return Ingestor(self.store, self.index, self.registry, StoreKnownDocuments(self.store))

    # -- answers -------------------------------------------------------------------------

    def choose(self, document: str) -> Choice:
        """Every document an argument names, in any spelling: a symbol without diacritics, in
        any case, with the slash and hyphen swapped or spaces ("217-qd/tw", "217/QĐ-TW"), a
        symbol@year, a short name ("QĐ 217"), an IRI or an ingested file. Oldest first, with
        the argument that picks each (`Choice.picks`); when none, the nearest symbols."""
        found = choose(self.catalog, document)
        self.catalog.mark_shared_symbols(found.documents)
        return found

    def find(self, document: str) -> DocumentSummary:
        """The one document an argument names (see `choose`); raises `DocumentNotFound` (with
        the nearest symbols) or `AmbiguousDocument` (with the argument that picks each)."""
        return self.choose(document).one()

    def trace(
        self,
        document: str,
        *,
        depth: int | None = None,
        relations: Iterable[str] = CHAIN_RELATIONS,
        up: bool = False,
    ) -> Trace:
        """The implementation chain below a document (or above it with `up`)."""
        if depth is not None and depth < 0:
            raise ArgumentError(f"depth must be 0 or more, not {depth}")
        unknown = sorted(set(relations) - set(RELATION_PROPERTIES))
        if unknown:
            known = ", ".join(RELATION_PROPERTIES)
            raise ArgumentError(f"unknown relation {', '.join(unknown)}; use one of {known}")
        root = self.find(document)
        chain = trace(self.catalog, root, depth=depth or None, relations=relations, upward=up)
        self.catalog.mark_shared_symbols(chain.nodes.values())
        return chain

    def overview(self, chain: Trace) -> TraceOverview | None:
        """How a chain of more than `overview_links` links is shown instead of a tree: documents
        and links by depth, and, going down, the provinces and central bodies that took it up,
        fastest first. None for a chain short enough to read whole."""
        if len(chain.edges) <= self.overview_links:
            return None
        spread = None
        if not chain.upward:
            spread = coverage_of(chain, self.registry, ingested_provinces(self.catalog))
        return TraceOverview(chain.levels(), spread)

    def cites(self, document: str) -> list[Citer]:
        """Every document that cites this one, newest first, each with its sentences, their
        files and spans."""
        rows = citers(self.catalog, self.find(document).iri)
        self.catalog.mark_shared_symbols(row.document for row in rows)
        return rows

    def show(self, document: str) -> DocumentCard:
        """A document's card: identity, conflicting facts with their sources, what it cites and
        what cites it, each citation with its evidence."""
        summary = self.find(document)
        conflicts = {name: self._labelled(stated) for name, stated in summary.conflicts().items()}
        outgoing = cited_documents(self.catalog, summary.iri)
        incoming = citers(self.catalog, summary.iri)
        self.catalog.mark_shared_symbols(
            [*(c.document for c in outgoing), *(c.document for c in incoming)]
        )
        return DocumentCard(summary, conflicts, outgoing, incoming)

    def _labelled(self, stated: Iterable[Any]) -> list[ConflictValue]:
        by_value: dict[str, set[str]] = {}
        for fact in stated:
            by_value.setdefault(fact.value, set()).add(self.catalog.graph_label(fact.graph))
        return [ConflictValue(value, sorted(names)) for value, names in by_value.items()]

    def search(self, text: str, *, limit: int = 20) -> SearchResults:
        """The documents `text` names, then those whose titles, symbols, issuers or citing
        sentences hold every word (diacritics optional), the first `limit` of them, each with
        the words found marked in the text shown."""
        if limit < 1:
            raise ArgumentError(f"limit must be 1 or more, not {limit}")
        return search(self.catalog, self.index, text, limit=limit)

    def coverage(self, document: str, *, as_of: str | None = None) -> Coverage:
        """Which provinces implemented a document, and when; which have documents in the store
        but none implementing it; and which have none in the store. Provinces as they stood on
        `as_of` (documents after it left out), else on the document's own date: 63 before
        1 July 2025, 34 after."""
        return coverage(self.catalog, self.registry, self.find(document), as_of)

    def stats(self) -> Stats:
        return stats(self.catalog)

    def check(self) -> CheckReport:
        """SHACL validation plus the data-quality findings a researcher needs."""
        from kg.graph import validate

        quads = ox.parse(self.store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        report = validate(quads)
        findings = quality_findings(self.catalog, registry=self.registry)
        return CheckReport(report.conforms, report.text, findings)

    def query(self, sparql: str, params: dict[str, str] | None = None) -> QueryResult:
        """Any SPARQL, with `params` bound to variables as RDF terms (``doc`` takes any
        document argument)."""
        return self.store.query(sparql, self._bindings(params))

    def run_named(self, name: str, params: dict[str, str] | None = None) -> QueryResult:
        """One of the shipped queries (``kg query --list``), parameters bound (``doc`` takes
        any document argument)."""
        return run_named(self.store, name, self._bindings(params))

    def _bindings(self, params: dict[str, str] | None) -> dict[str, Term]:
        """Parameters as RDF terms: <iri> and http(s) IRIs as IRIs, a ``doc`` as the IRI of the
        document it names, anything else as a string."""
        return {
            name: ox.NamedNode(self.find(value).iri)
            if name == DOCUMENT_PARAM
            else parse_param(value)
            for name, value in (params or {}).items()
        }

    @staticmethod
    def named_queries() -> dict[str, NamedQuery]:
        """The shipped queries by name, with their descriptions and parameters."""
        return named_queries()

    def network(
        self,
        *,
        focus: str | None = None,
        depth: int = 2,
        direction: str = "both",
        trace_of: str | None = None,
        cites_of: str | None = None,
        sparql: str | None = None,
    ) -> nx.MultiDiGraph:
        """The network a map draws: a focus neighbourhood, a trace, the citers of a document, the
        edges a SPARQL query returns, or (with no argument) the whole graph. The graph names its
        focus document (``graph.graph["focus"]``), which a map opens on."""
        selections = {
            "--focus": focus,
            "--trace": trace_of,
            "--cites": cites_of,
            "--sparql": sparql,
        }
        chosen = [name for name, value in selections.items() if value is not None]
        if len(chosen) > 1:
            raise ArgumentError(f"draw one selection at a time, not {' and '.join(chosen)}")
        if direction not in ("in", "out", "both"):
            raise ArgumentError(f"direction must be in, out or both, not {direction!r}")
        if depth < 0:
            raise ArgumentError(f"depth must be 0 or more, not {depth}")
        if trace_of is not None:
            chain = self.trace(trace_of, depth=depth or None)
            return trace_network(self.catalog, chain)
        if cites_of is not None:
            target = self.find(cites_of)
            return citers_network(self.catalog, target, citers(self.catalog, target.iri))
        if focus is not None:
            return neighbourhood_network(self.catalog, self.find(focus), depth, direction=direction)
        if sparql is not None:
            return edges_network(self.catalog, self.store.query(sparql), "Kết quả truy vấn")
        return whole_network(self.catalog)

    def citations_of(self, document: str) -> list[CitationEdge]:
        """Raw citation edges of a document (every mention, not grouped), with their evidence."""
        return citations_of(self.catalog, self.find(document).iri)

    def source_text(self, graph: str, start: int, end: int) -> SourceText:
        """The file a named graph was read from, cut around the span [start, end) and the
        sentence holding it: what a citation's evidence links to."""
        return source_text(self.store, graph, start, end)

    def export(self, output: Path, fmt: str | None = None, *, source: Path | None = None) -> Path:
        """Write the graph (or one ingested file's named graph) in the format `fmt`, else the
        one the file's extension names; a mismatch of the two is refused."""
        return export_graph(self, output, format_of(output, EXTENSIONS, fmt), source=source)

    def graph_label(self, graph: str) -> str:
        """A named graph as people know it: "registry", or the file it was read from."""
        return self.catalog.graph_label(graph)


def frame(answers: Iterable[Any]) -> Any:
    """A pandas DataFrame of a list of answers (anything with ``to_json``): ``kg.cites(...)``."""
    return to_frame([answer.to_json() for answer in answers])


def evaluate(
    gold: Path,
    corpus: Path | None = None,
    *,
    baseline: Path | None = None,
    save: Path | None = None,
) -> EvalReport:
    """Score the extractor (and resolver) on a gold file of the contract's shape (its sources
    in `corpus`) or on a folder of annotated passages (see `kg.gold_sets`): with `baseline` (a
    run saved before), the references gained and lost since and every judgement against the
    gold that became better or worse; with `save`, this run's extractions written there."""
    gold_extractions, sources, judge = load_gold(gold, corpus)
    predicted = run_gold(gold_extractions, sources)
    report = score(gold_extractions, predicted, judge)
    if baseline is not None:
        before = load_extractions(baseline)
        compare_runs(report, predicted, before)
        compare_verdicts(report, score(gold_extractions, before, judge))
    if save is not None:
        with save.open("w", encoding="utf-8") as handle:
            for extraction in predicted:
                handle.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
    return report


def require_store(store: str | Path | None) -> None:
    """Raise `StoreError` (one line, saying how to make one) unless `store` names a SPARQL
    endpoint or a local store that exists: a reader must not create an empty store."""
    if not (store is not None and is_endpoint(str(store))):
        existing_database(store)
