"""The library facade: what the CLI, the notebooks, the web app and other programs call.

    >>> from kg.api import KG
    >>> with KG.open("build/store") as kg:          # or a SPARQL endpoint URL
    ...     kg.ingest(["data/corpus"])
    ...     kg.trace("25-NQ/TW@2013").to_frame()

Every answer is a dataclass with ``to_json()`` (the shapes documented in the README); tabular ones
(``Trace``, ``Coverage``) have ``to_frame()``, and :func:`frame` turns any list of answers (cites,
search) into a pandas DataFrame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.bulk import bulk_ingest
from kg.ingest import FileOutcome, Ingestor, IngestReport
from kg.queries import named_queries, parse_param, run_named
from kg.queries.citations import (
    CHAIN_RELATIONS,
    Citer,
    Trace,
    citations_by,
    citations_of,
    citers,
    to_frame,
    trace,
)
from kg.queries.coverage import Coverage, coverage
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.queries.known import StoreKnownDocuments
from kg.queries.network import (
    citers_network,
    edges_network,
    neighbourhood_network,
    trace_network,
    whole_network,
)
from kg.queries.report import CheckReport, Stats, quality_findings, stats
from kg.registry import Registry, load_registry
from kg.search import SearchHit, SearchIndex
from kg.store import GraphStore, QueryResult, open_store, store_directory

__all__ = [
    "KG",
    "CheckReport",
    "Citer",
    "Coverage",
    "DocumentCard",
    "DocumentSummary",
    "FileOutcome",
    "IngestReport",
    "SearchResult",
    "Stats",
    "Trace",
]


@dataclass
class DocumentCard:
    """Everything known about one document: identity, conflicts, both directions of citation."""

    document: DocumentSummary
    cites: list[dict[str, Any]]
    cited_by: list[Citer]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "term": self.document.term,
            "ingested": self.document.ingested,
            "sources": self.document.sources,
            "conflicts": {
                name: [{"value": s.value, "graph": s.graph} for s in stated]
                for name, stated in self.document.conflicts().items()
            },
            "cites": self.cites,
            "cited_by": [c.to_json() for c in self.cited_by],
        }


@dataclass
class SearchResult:
    """A search hit with the document it is about."""

    document: DocumentSummary
    field: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {**self.document.to_json(), "field": self.field, "text": self.text}


class KG:
    """A knowledge graph in one store, with its side search index and the curated registry."""

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
        on_file: Callable[[FileOutcome], None] | None = None,
        on_total: Callable[[int], None] | None = None,
        bulk: bool = False,
        on_step: Callable[[str, int, int], None] | None = None,
    ) -> IngestReport:
        """Ingest files and folders (see :mod:`kg.ingest`; `bulk`: see :mod:`kg.bulk`, whose
        steps are reported to `on_step` as (step, files done, files in the step))."""
        if bulk:
            report = bulk_ingest(
                self._ingestor(),
                paths,
                scratch=self.index.path.parent,
                jobs=jobs,
                max_bytes=max_bytes,
                on_file=on_file,
                on_total=on_total,
                on_step=on_step,
            )
        else:
            report = self._ingestor().ingest(
                paths, jobs=jobs, max_bytes=max_bytes, on_file=on_file, on_total=on_total
            )
        self.refresh()
        return report

    def refresh(self) -> None:
        """Forget cached document summaries after the store changed under this object."""
        self.catalog = DocumentCatalog(self.store)

    def remove(self, path: str | Path) -> bool:
        """Drop everything one ingested file contributed; False if it was never ingested."""
        removed = self._ingestor().remove(str(Path(path).resolve()))
        self.refresh()
        return removed

    def _ingestor(self) -> Ingestor:
        return Ingestor(self.store, self.index, self.registry, StoreKnownDocuments(self.store))

    # -- answers -------------------------------------------------------------------------

    def find(self, document: str) -> DocumentSummary:
        """The one document an argument names (symbol, symbol@year, short name, IRI, file)."""
        return self.catalog.find(document)

    def trace(
        self,
        document: str,
        *,
        depth: int | None = None,
        relations: Iterable[str] = CHAIN_RELATIONS,
        up: bool = False,
    ) -> Trace:
        """The implementation chain below a document (or above it with `up`)."""
        return trace(self.catalog, self.find(document), depth=depth, relations=relations, upward=up)

    def cites(self, document: str) -> list[Citer]:
        """Every document that cites this one, newest first, with the citing sentence."""
        return citers(self.catalog, self.find(document).iri)

    def show(self, document: str) -> DocumentCard:
        summary = self.find(document)
        outgoing = [
            {
                **self.catalog.summary(edge.cited).to_json(),
                "relation": edge.relation,
                "sentence": edge.sentence,
                "source": edge.source,
            }
            for edge in citations_by(self.catalog, summary.iri)
        ]
        return DocumentCard(summary, outgoing, citers(self.catalog, summary.iri))

    def search(self, text: str, *, limit: int = 20) -> list[SearchResult]:
        """Diacritic-insensitive full-text search over titles, symbols and citing sentences."""
        hits: list[SearchHit] = self.index.search(text, limit=limit * 3)
        first_hits: dict[str, SearchHit] = {}
        for hit in hits:
            first_hits.setdefault(hit.document, hit)
            if len(first_hits) == limit:
                break
        summaries = self.catalog.summaries(first_hits)
        return [SearchResult(summaries[d], hit.field, hit.text) for d, hit in first_hits.items()]

    def coverage(self, document: str, *, as_of: str | None = None) -> Coverage:
        """Which provinces (63 before 1 July 2025, 34 after) implemented a document, and when."""
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
        """Any SPARQL, with `params` bound to variables as RDF terms."""
        bindings = {k: parse_param(v) for k, v in (params or {}).items()}
        return self.store.query(sparql, bindings)

    def run_named(self, name: str, params: dict[str, str] | None = None) -> QueryResult:
        """One of the shipped queries (``kg query --list``), parameters bound."""
        bindings = {k: parse_param(v) for k, v in (params or {}).items()}
        return run_named(self.store, name, bindings)

    @staticmethod
    def named_queries() -> dict[str, str]:
        return {name: q.description for name, q in named_queries().items()}

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
        edges a SPARQL query returns, or (with no argument) the whole graph."""
        if trace_of is not None:
            return trace_network(self.trace(trace_of, depth=depth if depth > 0 else None))
        if cites_of is not None:
            target = self.find(cites_of)
            return citers_network(self.catalog, target, citers(self.catalog, target.iri))
        if focus is not None:
            return neighbourhood_network(self.catalog, self.find(focus), depth, direction=direction)
        if sparql is not None:
            return edges_network(self.catalog, self.store.query(sparql), "Kết quả truy vấn")
        return whole_network(self.catalog)

    def citations_of(self, document: str) -> list[dict[str, Any]]:
        """Raw citation edges of a document (every mention, not grouped)."""
        iri = self.find(document).iri
        return [edge.__dict__ for edge in citations_of(self.catalog, iri)]


def frame(answers: Iterable[Any]) -> Any:
    """A pandas DataFrame of a list of answers (anything with ``to_json``): ``kg.cites(...)``."""
    return to_frame([answer.to_json() for answer in answers])
