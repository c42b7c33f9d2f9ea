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
its own and its score against gold, the export formats, the SPARQL endpoint's query runner. The
benchmarks are not among them: the top-level `benchmarks` package imports this one, never the
other way round, and `kg bench` imports it when run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.budget import DEFAULT_BUDGET, FileBudget
from kg.collector import collector_paused
from kg.errors import ArgumentError
from kg.exporting import EXPORT_FORMATS, EXTENSIONS, export_graph, format_of
from kg.identity import is_document_iri, source_graph_iri
from kg.lazy import lazy_exports, lazy_module
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
    read_evidence,
    to_frame,
    trace,
)
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.queries.lookup import Choice, choose, ingested_files
from kg.queries.report import CheckReport, Finding, Stats, quality_findings, stats
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
from kg.textnorm import slugify
from kg.version import version_line

if TYPE_CHECKING:
    import networkx as nx

    from kg.changes import log as change_log
    from kg.changes.log import ChangeLog
    from kg.changes.report import (
        CHANGE_COLUMNS,
        WATCH_COLUMNS,
        ChangeReport,
        WatchedDocument,
        WatchReport,
        check_period,
    )
    from kg.demo import DemoSummary, run_demo, sample_corpus
    from kg.evaluate import EvalReport
    from kg.extract.model import Extraction
    from kg.followup.body import BodyFollowUp, BodyNotFound, BodyReview, pressing_first
    from kg.followup.due import DUE_COLUMNS, REVIEW_COLUMNS, DueList, ReviewsDue
    from kg.followup.recipients import FOLLOWUP_COLUMNS, FollowUp
    from kg.ingest import FileOutcome, Ingestor, IngestReport
    from kg.pipeline import extract_file
    from kg.progress import IngestProgress
    from kg.queries import coverage as coverage_queries
    from kg.queries import source_text as source_text_queries
    from kg.queries import tasks as task_queries
    from kg.queries import text_search as search_queries
    from kg.queries.coverage import ISSUED, NO_DOCUMENTS, NOT_ISSUED, Coverage, TraceOverview
    from kg.queries.side.store import SideStore
    from kg.queries.source_text import SourceText
    from kg.queries.tasks import (
        TASK_COLUMNS,
        TASK_ROLES,
        TASK_STATUSES,
        PlanTask,
        TaskList,
        TaskRole,
        TaskStatus,
    )
    from kg.queries.text_search import SearchResult, SearchResults
    from kg.store.runner import Limits, QueryRequest, QueryRunner, QueryTimeout, open_runner
else:
    # Modules that only some methods call (the change log, coverage, tasks, search, source
    # texts), imported by the first call: `kg cites` starts without them.
    change_log = lazy_module("kg.changes.log")
    coverage_queries = lazy_module("kg.queries.coverage")
    source_text_queries = lazy_module("kg.queries.source_text")
    task_queries = lazy_module("kg.queries.tasks")
    search_queries = lazy_module("kg.queries.text_search")

# What only some commands need (the extractor, ingest, scoring, the SPARQL endpoint's worker
# processes, the answers `kg cites` does not give) is imported when first used, so answering
# from a store (`kg cites`) starts without it.
__getattr__ = lazy_exports(
    __name__,
    {
        "DemoSummary": "kg.demo",
        "run_demo": "kg.demo",
        "sample_corpus": "kg.demo",
        "ISSUED": "kg.queries.coverage",
        "NO_DOCUMENTS": "kg.queries.coverage",
        "NOT_ISSUED": "kg.queries.coverage",
        "Coverage": "kg.queries.coverage",
        "TraceOverview": "kg.queries.coverage",
        "SourceText": "kg.queries.source_text",
        "TASK_COLUMNS": "kg.queries.tasks",
        "TASK_ROLES": "kg.queries.tasks",
        "TASK_STATUSES": "kg.queries.tasks",
        "PlanTask": "kg.queries.tasks",
        "TaskList": "kg.queries.tasks",
        "TaskRole": "kg.queries.tasks",
        "TaskStatus": "kg.queries.tasks",
        "SearchResult": "kg.queries.text_search",
        "SearchResults": "kg.queries.text_search",
        "BodyFollowUp": "kg.followup.body",
        "BodyNotFound": "kg.followup.body",
        "BodyReview": "kg.followup.body",
        "CHANGE_COLUMNS": "kg.changes.report",
        "ChangeReport": "kg.changes.report",
        "DUE_COLUMNS": "kg.followup.due",
        "DueList": "kg.followup.due",
        "FOLLOWUP_COLUMNS": "kg.followup.recipients",
        "FollowUp": "kg.followup.recipients",
        "REVIEW_COLUMNS": "kg.followup.due",
        "ReviewsDue": "kg.followup.due",
        "WATCH_COLUMNS": "kg.changes.report",
        "WatchReport": "kg.changes.report",
        "WatchedDocument": "kg.changes.report",
        "check_period": "kg.changes.report",
        "pressing_first": "kg.followup.body",
        "EvalReport": "kg.evaluate",
        "FileOutcome": "kg.ingest",
        "IngestProgress": "kg.progress",
        "IngestReport": "kg.ingest",
        "extract_file": "kg.pipeline",
        "Extraction": "kg.extract.model",
        "Limits": "kg.store.runner",
        "QueryRequest": "kg.store.runner",
        "QueryRunner": "kg.store.runner",
        "QueryTimeout": "kg.store.runner",
        "open_runner": "kg.store.runner",
    },
)

__all__ = [
    "CHAIN_RELATIONS",
    "CHANGE_COLUMNS",
    "WATCH_COLUMNS",
    "ChangeReport",
    "WatchReport",
    "WatchedDocument",
    "check_period",
    "DEFAULT_BUDGET",
    "EXPORT_FORMATS",
    "KG",
    "OVERVIEW_LINKS",
    "RELATION_PROPERTIES",
    "TRACE_COLUMNS",
    "CheckReport",
    "Choice",
    "CitationEdge",
    "Cited",
    "Citer",
    "ConflictValue",
    "FileBudget",
    "Coverage",
    "ISSUED",
    "NO_DOCUMENTS",
    "NOT_ISSUED",
    "DUE_COLUMNS",
    "DueList",
    "FOLLOWUP_COLUMNS",
    "FollowUp",
    "BodyFollowUp",
    "BodyNotFound",
    "BodyReview",
    "pressing_first",
    "REVIEW_COLUMNS",
    "ReviewsDue",
    "DemoSummary",
    "DocumentCard",
    "DocumentSummary",
    "EvalReport",
    "Evidence",
    "Extraction",
    "FileOutcome",
    "Finding",
    "IngestProgress",
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
    "Trace",
    "TraceEdge",
    "TraceOverview",
    "PlanTask",
    "TASK_COLUMNS",
    "TASK_ROLES",
    "TASK_STATUSES",
    "TaskList",
    "TaskRole",
    "TaskStatus",
    "as_term",
    "evaluate",
    "format_of",
    "extract_file",
    "frame",
    "is_document_iri",
    "iter_sources",
    "named_queries",
    "open_runner",
    "read_file",
    "require_store",
    "run_demo",
    "sample_corpus",
    "slugify",
    "version_line",
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
    value with the sources stating it), both directions of citation with their evidence, and
    what cannot be right in how it and others act on each other (`KG.findings`)."""

    document: DocumentSummary
    conflicts: dict[str, list[ConflictValue]]
    cites: list[Cited]
    cited_by: list[Citer]
    findings: list[Finding] = field(default_factory=list)

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
            "findings": [f.to_json() for f in self.findings],
        }


class KG:
    """A knowledge graph in one store, with its side search index and the curated registry."""

    # Past this many links a trace is shown as an overview (`overview`), by every front end.
    overview_links = OVERVIEW_LINKS

    def __init__(
        self,
        store: GraphStore,
        index: SearchIndex,
        registry: Registry | None = None,
        changes: ChangeLog | None = None,
    ) -> None:
        self.store = store
        self.index = index
        self._registry = registry
        self._side_store: SideStore | None = None
        self.catalog = DocumentCatalog(store, self.side_store)
        self._changelog = changes

    @property
    def registry(self) -> Registry:
        """The curated registry (given, else the one shipped), read when first needed: `cites`,
        `trace` and `search` answer without its 700 bodies."""
        if self._registry is None:
            self._registry = load_registry()
        return self._registry

    @property
    def changelog(self) -> ChangeLog:
        """The change log and watch list beside the search index (kg.changes.log), given or
        opened when first used."""
        if self._changelog is None:
            self._changelog = change_log.ChangeLog(self.index.path.parent / "changes.sqlite")
        return self._changelog

    @property
    def side_store(self) -> SideStore | None:
        """What ingest keeps beside the search index for `stats` and document summaries
        (kg.queries.side); None for a SPARQL endpoint, which other tools may write."""
        from kg.store import OxigraphStore

        if self._side_store is None and isinstance(self.store, OxigraphStore):
            from kg.queries.side.store import SIDE_FILE, SideStore

            path = self.index.path.parent / SIDE_FILE
            self._side_store = SideStore(path, read_only=self.store.read_only)
        return self._side_store

    @classmethod
    def open(cls, store: str | Path | None = None, *, read_only: bool = False) -> KG:
        """Open (creating if needed) the store named by a path or endpoint URL, else the default."""
        graph_store = open_store(store, read_only=read_only)
        index = SearchIndex(store_directory(store) / "search.sqlite")
        return cls(graph_store, index)

    def close(self) -> None:
        self.store.close()
        self.index.close()
        if self._changelog is not None:
            self._changelog.close()
        if self._side_store is not None:
            self._side_store.close()

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
        bulk: bool = False,
        progress: IngestProgress | None = None,
    ) -> IngestReport:
        """Ingest files and folders (see :mod:`kg.ingest`; `bulk`: see :mod:`kg.bulk`), telling
        `progress` each file's outcome and how far each step is.

        `budget` bounds the time and memory of each file's work (see :mod:`kg.budget`)."""
        if bulk:
            from kg.bulk import bulk_ingest

            report = bulk_ingest(
                self._ingestor(),
                paths,
                scratch=self.index.path.parent,
                jobs=jobs,
                max_bytes=max_bytes,
                budget=budget,
                progress=progress,
            )
        else:
            report = self._ingestor().ingest(
                paths,
                jobs=jobs,
                max_bytes=max_bytes,
                budget=budget,
                progress=progress,
            )
        self.refresh()
        self._consolidate(progress)
        return report

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the store (the endpoint's ``--allow-update``), then forget
        what was cached of the graph before it."""
        side = self.side_store
        if side is not None and not side.read_only:
            side.invalidate()  # an update may change any graph: read them all again
        self.store.update(sparql)
        self.refresh()

    def refresh(self) -> None:
        """Forget cached document summaries after the store changed under this object."""
        self.catalog = DocumentCatalog(self.store, self.side_store)

    def remove(self, path: str | Path) -> bool:
        """Drop everything one ingested file contributed; False if it was never ingested."""
        removed = self._ingestor().remove(source_name(Path(path).resolve()))
        self.refresh()
        self._consolidate()
        return removed

    def _consolidate(self, progress: IngestProgress | None = None) -> None:
        """Keep whole the summaries the writes changed (see `DocumentCatalog.consolidate`)."""
        from kg.progress import IngestProgress

        shown = progress or IngestProgress()
        self.catalog.consolidate(lambda done, total: shown.step("summaries", done, total))

    def _ingestor(self) -> Ingestor:
        from kg.ingest import Ingestor
        from kg.queries.known import StoreKnownDocuments

        known = StoreKnownDocuments(self.store)
        return Ingestor(
            self.store, self.index, self.registry, known, self.changelog, self.side_store
        )

    # -- answers -------------------------------------------------------------------------

    def choose(self, document: str, *, complete: bool = True) -> Choice:
        """Every document an argument names, in any spelling: a symbol without diacritics, in
        any case, with the slash and hyphen swapped or spaces ("217-qd/tw", "217/QĐ-TW"), a
        symbol@year, a short name ("QĐ 217"), an IRI or an ingested file. Oldest first, with
        the argument that picks each (`Choice.picks`); when none, the nearest symbols. The one
        named lists every graph stating each of its values, as its card does, unless not
        `complete`: each value once, with how many graphs state it. The answers here ask for
        that: a central document is restated by thousands of files, and its complete summary
        took half a second at 100,000 documents, for the same fields shown."""
        found = choose(self.catalog, document, complete=complete)
        self.catalog.mark_shared_symbols(found.documents)
        return found

    def find(self, document: str, *, complete: bool = True) -> DocumentSummary:
        """The one document an argument names (see `choose`); raises `DocumentNotFound` (with
        the nearest symbols) or `AmbiguousDocument` (with the argument that picks each)."""
        return self.choose(document, complete=complete).one()

    def trace(
        self,
        document: str,
        *,
        depth: int | None = None,
        relations: Iterable[str] = CHAIN_RELATIONS,
        up: bool = False,
        evidence_limit: int | None = None,
    ) -> Trace:
        """The implementation chain below a document (or above it with `up`); the level that
        takes it past `evidence_limit` links, and those after, carry no sentence or file (see
        `read_evidence`)."""
        if depth is not None and depth < 0:
            raise ArgumentError(f"depth must be 0 or more, not {depth}")
        unknown = sorted(set(relations) - set(RELATION_PROPERTIES))
        if unknown:
            known = ", ".join(RELATION_PROPERTIES)
            raise ArgumentError(f"unknown relation {', '.join(unknown)}; use one of {known}")
        root = self.find(document, complete=False)
        chain = trace(
            self.catalog,
            root,
            depth=depth or None,
            relations=relations,
            upward=up,
            evidence_limit=evidence_limit,
        )
        self.catalog.mark_shared_symbols(chain.nodes.values())
        return chain

    def shown_trace(
        self,
        document: str,
        *,
        depth: int | None = None,
        relations: Iterable[str] = CHAIN_RELATIONS,
        up: bool = False,
    ) -> tuple[Trace, TraceOverview | None]:
        """A chain as the CLI and the web app show it: a short one whole, with its evidence, to
        be read as a tree; one of more than `overview_links` links with its overview, its
        levels past that many links walked without evidence (`read_evidence` reads it for the
        links shown). The garbage collector waits (`collector_paused`): the overview of a
        central document's chain goes over hundreds of thousands of links that form no cycles."""
        limit = self.overview_links
        with collector_paused():
            chain = self.trace(
                document, depth=depth, relations=relations, up=up, evidence_limit=limit
            )
            return chain, self.overview(chain)

    def read_evidence(self, chain: Trace, edges: Iterable[TraceEdge] | None = None) -> None:
        """Fill in the sentence and file of `edges` (default: all) of a chain walked without
        them, as the walk with evidence would have given them."""
        read_evidence(self.catalog, chain, chain.edges if edges is None else edges)

    def overview(self, chain: Trace) -> TraceOverview | None:
        """How a chain of more than `overview_links` links is shown instead of a tree: documents
        and links by depth, and, going down, the provinces and central bodies that took it up,
        fastest first. None for a chain short enough to read whole."""
        if len(chain.edges) <= self.overview_links:
            return None
        spread = None
        if not chain.upward:
            spread = coverage_queries.chain_coverage(self.catalog, self.registry, chain)
        return coverage_queries.TraceOverview(chain.levels(), spread)

    def cites(self, document: str) -> list[Citer]:
        """Every document that cites this one, newest first, each with its sentences, their
        files and spans."""
        rows = citers(self.catalog, self.find(document, complete=False).iri)
        self.catalog.mark_shared_symbols(row.document for row in rows)
        return rows

    def show(self, document: str) -> DocumentCard:
        """A document's card: identity, conflicting facts with their sources, what it cites and
        what cites it, each citation with its evidence, and its `findings`."""
        summary = self.find(document)
        conflicts = {name: self._labelled(stated) for name, stated in summary.conflicts().items()}
        outgoing = cited_documents(self.catalog, summary.iri)
        incoming = citers(self.catalog, summary.iri)
        self.catalog.mark_shared_symbols(
            [*(c.document for c in outgoing), *(c.document for c in incoming)]
        )
        from kg.queries.consistency import document_findings

        found = document_findings(self.catalog, self.registry, summary.iri)
        return DocumentCard(summary, conflicts, outgoing, incoming, found)

    def findings(self, document: str) -> list[Finding]:
        """What cannot be right in how a document and others act on each other, as `check`
        reports it, each finding with its sentences: it or another amends, replaces or repeals
        without authority, implements (continues, amends…) a document issued after it, or cites
        itself."""
        from kg.queries.consistency import document_findings

        return document_findings(
            self.catalog, self.registry, self.find(document, complete=False).iri
        )

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
        return search_queries.search(self.catalog, self.index, text, limit=limit)

    def coverage(self, document: str, *, as_of: str | None = None) -> Coverage:
        """Which provinces implemented a document, and when; which have documents in the store
        but none implementing it; and which have none in the store. Provinces as they stood on
        `as_of` (documents after it left out), else on the document's own date: 63 before
        1 July 2025, 34 after."""
        found = coverage_queries.coverage(
            self.catalog, self.registry, self.find(document, complete=False), as_of
        )
        self.catalog.mark_shared_symbols(
            [found.root, *(d for r in found.rows for d in r.documents)]
        )
        return found

    def due(self, document: str | None = None, *, as_of: str | None = None) -> ReviewsDue | DueList:
        """The reviews a resolution, directive or conclusion should have had as of `as_of`
        (YYYY-MM-DD, default today): those its own text and the plans acting on it schedule,
        and the conventional 5-year sơ kết and 10-year tổng kết where nothing says when; each
        with its due date, the review documents found and their lag, and which bodies acting
        on it reviewed it. Without a document, every review due or overdue over the store's
        resolutions, directives and conclusions, the most overdue first."""
        from kg.followup.due import as_of_day, due_list, reviews_due

        day = as_of_day(as_of)
        if document is None:
            return due_list(self.catalog, day)
        return reviews_due(self.catalog, self.find(document, complete=False), day)

    def followup(self, document: str, *, as_of: str | None = None) -> FollowUp:
        """The bodies a document was sent to ("Nơi nhận") and those its tasks assign work to,
        each with the documents it issued acting on the document (relation, date, lag) or none
        found; and the documents acting on it from bodies it was not sent to. With `as_of`
        (YYYY-MM-DD), only what was issued by that day; else everything in the store."""
        from kg.followup.due import as_of_day
        from kg.followup.recipients import followup

        day = as_of_day(as_of) if as_of is not None else None
        return followup(self.catalog, self.registry, self.find(document, complete=False), day)

    def body_followup(self, body: str, *, as_of: str | None = None) -> BodyFollowUp:
        """What a body (any spelling, as `tasks` takes it, or a registry body's IRI) has to
        follow up as of `as_of` (YYYY-MM-DD, default today): the tasks it leads or takes part
        in, the most pressing first, and the reviews due or overdue (as `due()` lists them) of
        the documents it issued or acted on down their chain. Raises `BodyNotFound` (with the
        nearest names) for a name no registry body and no plan's task has."""
        from kg.followup.body import body_followup, body_name
        from kg.followup.due import as_of_day

        name = body_name(self.registry, body)
        tasks = self.tasks(body=name, as_of=as_of_day(as_of), role="any")
        return body_followup(self.catalog, self.registry, body, tasks)

    def tasks(
        self,
        document: str | None = None,
        *,
        body: str | None = None,
        as_of: str | None = None,
        role: str = "lead",
        status: str | None = None,
    ) -> TaskList:
        """The tasks plans set out, each with its text, lead and partner bodies (as written and
        the registry's), its time as written and as days, and its status on `as_of`
        (YYYY-MM-DD, default today): overdue, due soon (within 30 days), open, or unknown (no
        day given). `document`: one plan (any document argument) or an ingested file (its path
        or its name alone); else every plan. `body`: only the tasks it leads (`role` "lead"),
        takes part in ("partner") or either ("any"), the body in any spelling (the registry's
        name or the plan's, diacritics optional). `status`: only tasks of that status."""
        roles, statuses = task_queries.TASK_ROLES, task_queries.TASK_STATUSES
        if role not in roles:
            raise ArgumentError(f"role must be one of {', '.join(roles)}, not {role!r}")
        if status is not None and status not in statuses:
            choices = ", ".join(statuses)
            raise ArgumentError(f"status must be one of {choices}, not {status!r}")
        from kg.followup.due import as_of_day

        day = date.fromisoformat(as_of_day(as_of))
        plans: list[DocumentSummary] = []
        plan_iris = graphs = None
        if document is not None:
            files = ingested_files(self.catalog, document)
            if files:
                graphs = [source_graph_iri(path) for path in files]
                held = [
                    iri
                    for path in files
                    for iri in self.catalog.documents_of("documents_from_source", path=path)
                ]
                plans = list(self.catalog.summaries(held).values())
            else:
                plans = [self.find(document, complete=False)]
                plan_iris = [plans[0].iri]
        found = task_queries.plan_tasks(
            self.catalog,
            self.registry,
            plans=plan_iris,
            graphs=graphs,
            body=body,
            role=role,
            status=task_queries.TaskStatus(status) if status else None,
            as_of=day,
        )
        return replace(found, plans=tuple(plans))

    def stats(self) -> Stats:
        """The headline counts and the documents and citations by group: read from the
        counters kept at ingest when they cover the store (settled first when this object may
        write it), else counted by the shipped queries (kg.queries.side.stats)."""
        side = self.side_store
        if side is None:
            return stats(self.catalog)
        if not side.read_only:
            side.settle(self.store)
        return side.stats(self.store) or stats(self.catalog)

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
            name: ox.NamedNode(self.find(value, complete=False).iri)
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
        from kg.queries.network import (
            citers_network,
            edges_network,
            neighbourhood_network,
            trace_network,
            whole_network,
        )

        if trace_of is not None:
            chain = self.trace(trace_of, depth=depth or None)
            return trace_network(self.catalog, chain)
        if cites_of is not None:
            target = self.find(cites_of, complete=False)
            return citers_network(self.catalog, target, citers(self.catalog, target.iri))
        if focus is not None:
            return neighbourhood_network(
                self.catalog, self.find(focus, complete=False), depth, direction=direction
            )
        if sparql is not None:
            return edges_network(self.catalog, self.store.query(sparql), "Kết quả truy vấn")
        return whole_network(self.catalog)

    def citations_of(self, document: str) -> list[CitationEdge]:
        """Raw citation edges of a document (every mention, not grouped), with their evidence."""
        return citations_of(self.catalog, self.find(document, complete=False).iri)

    def source_text(self, graph: str, start: int, end: int) -> SourceText:
        """The file a named graph was read from, cut around the span [start, end) and the
        sentence holding it: what a citation's evidence links to."""
        return source_text_queries.source_text(self.store, graph, start, end)

    def export(self, output: Path, fmt: str | None = None, *, source: Path | None = None) -> Path:
        """Write the graph (or one ingested file's named graph) in the format `fmt`, else the
        one the file's extension names; a mismatch of the two is refused."""
        return export_graph(self, output, format_of(output, EXTENSIONS, fmt), source=source)

    def graph_label(self, graph: str) -> str:
        """A named graph as people know it: "registry", or the file it was read from."""
        return self.catalog.graph_label(graph)

    # -- what changed (see kg.changes) ---------------------------------------------------------

    def changes(self, since: str | None = None, *, since_last: bool = False) -> ChangeReport:
        """Every file ingested, re-ingested or removed since `since` (YYYY-MM-DD, or an ISO date
        and time: local time unless it names its zone), since the last `changes` or
        `watch_report` made with `since_last` (`since_last`), or in the whole log (neither),
        each with the identity facts and relation edges it added and removed. Only a
        `since_last` report's time is remembered for the next one; reading writes nothing
        else (a log that does not exist yet is an empty one, and is not created)."""
        from kg.changes.report import change_report

        return change_report(self.changelog, self.store, self.catalog, since, since_last)

    def watch_add(self, document: str) -> WatchedDocument:
        """Put the document an argument names on the watch list (where it stays, with its first
        argument and time, when it is on it already)."""
        iri = self.find(document, complete=False).iri
        self.changelog.watch(iri, document)
        return next(entry for entry in self.watch_list() if entry.iri == iri)

    def watch_remove(self, document: str) -> WatchedDocument:
        """Take a document off the watch list: named by the argument it was added with, its
        IRI, or any argument naming it; `ArgumentError` when it is not on the list."""
        entries = self.watch_list()
        chosen = [entry for entry in entries if document in (entry.argument, entry.iri)]
        if not chosen:
            try:
                iri = self.find(document, complete=False).iri
            except ArgumentError:
                iri = None
            chosen = [entry for entry in entries if entry.iri == iri]
        if not chosen:
            raise ArgumentError(f"{document!r} is not on the watch list (see kg watch list)")
        self.changelog.unwatch(chosen[0].iri)
        return chosen[0]

    def watch_list(self) -> list[WatchedDocument]:
        """The watched documents, in the order they were added."""
        from kg.changes.report import watched_documents

        return watched_documents(self.changelog, self.catalog)

    def watch_report(self, since: str | None = None, *, since_last: bool = False) -> WatchReport:
        """For each watched document, what changed around it in the period (as `changes`): the
        documents that newly cite, implement, review, replace… it, its own identity facts that
        changed, and the relation edges it states that changed."""
        from kg.changes.report import watch_report

        return watch_report(self.changelog, self.store, self.catalog, since, since_last)


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
    from kg.evaluate import compare_runs, compare_verdicts, load_extractions, score
    from kg.gold_sets import load_gold
    from kg.pipeline import run_gold

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
