"""Citations as evidence-bearing edges: who cites a document, what a document cites, and the
implementation chain built from them (`trace`).

Every edge carries the sentence that states it and the file it was read from, because a researcher
must be able to check each step of a chain against the text.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import pyoxigraph as ox

from kg.collector import collector_paused
from kg.identity import citation_number
from kg.namespaces import RELATION_PROPERTIES
from kg.queries import run_named_many
from kg.queries.documents import DocumentCatalog, DocumentSummary

if TYPE_CHECKING:
    from kg.queries.side.edges import Edge


class Relation(StrEnum):
    """The relations a citation can state (the graph's property for each is in
    `RELATION_PROPERTIES`), from the most specific to the plain citation: a row that stands for
    several citations shows the first of these it has."""

    implements = "implements"
    continues = "continues"
    reviews = "reviews"
    inspects = "inspects"
    guides = "guides"
    disseminates = "disseminates"
    based_on = "based_on"
    amends = "amends"
    replaces = "replaces"
    repeals = "repeals"
    cites = "cites"


RELATION_RANK: tuple[str, ...] = tuple(r.value for r in Relation)
PROPERTY_RELATIONS = {prop: slug for slug, prop in RELATION_PROPERTIES.items()}
# Past this many links a trace is shown as an overview (by depth, and by province going down)
# rather than as a tree: a central directive's tree runs to tens of thousands of lines.
OVERVIEW_LINKS = 300
# The relations that make up an implementation chain (what `trace` follows by default).
CHAIN_RELATIONS: tuple[str, ...] = (
    "implements",
    "continues",
    "reviews",
    "inspects",
    "guides",
    "disseminates",
)


T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def citation_order(path: str | None, citation: str | None) -> tuple[bool, str, bool, int, str]:
    """The key that decides which of the citations stating one link is shown, and the order of
    citations listed together: the earliest mention, as a reader finds it. The file whose path
    sorts first (a citation without a known file last), then the citation read first from it.

    "Read first" is the n of the citation's IRI (`kg.identity.citation_iri`), not its text
    offset: every query that reads citations selects the IRI at no cost, where the offset is an
    OPTIONAL join the chain walk cannot afford, and one key must hold in every answer. The n is
    the mention's index in text order; the links a text states between two others come after
    its mentions, in the order of their acting mention. An IRI without a number (not minted by
    kg) sorts after those with one, by the IRI itself, so the order is total all the same.
    """
    number = citation_number(citation) if citation else None
    return (path is None, path or "", number is None, number or 0, citation or "")


def earliest(items: Iterable[T], link: Callable[[T], K], order: Callable[[T], Any]) -> dict[K, T]:
    """The item shown for each link (`link` of an item says which link it states): the one
    `order` puts first, whatever order the store returned them in. Links keep the order of
    their first item."""
    chosen: dict[K, tuple[Any, T]] = {}
    for item in items:
        key, rank = link(item), order(item)
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, item)
    return {key: item for key, (_, item) in chosen.items()}


def to_frame(records: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame of answer records (pandas is imported only when asked for)."""
    import pandas as pd

    return pd.DataFrame.from_records(records)


@dataclass(frozen=True)
class Evidence:
    """Where a citation was read: the sentence, the file, and the mention's character span in
    the text as read (`start`, `end`) within the file's named graph (`graph`), so a page can
    open the file with the sentence highlighted. `citation` is the citation's IRI, by which
    `order` puts it among others (not part of the JSON: an identifier, not evidence)."""

    sentence: str | None
    source: str | None  # the file's path
    graph: str | None = None
    start: int | None = None
    end: int | None = None
    citation: str | None = None

    @property
    def order(self) -> tuple[bool, str, bool, int, str]:
        """Where this citation comes among others (`citation_order`)."""
        return citation_order(self.source, self.citation)

    def to_json(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "source": self.source,
            "graph": self.graph,
            "start": self.start,
            "end": self.end,
        }


class _Evidenced:
    """A citation's sentence and file, read from its `evidence`."""

    evidence: Evidence

    @property
    def sentence(self) -> str | None:
        return self.evidence.sentence

    @property
    def source(self) -> str | None:
        return self.evidence.source


@dataclass(frozen=True)
class CitationEdge(_Evidenced):
    """One stated relation from `citing` to `cited`, with its evidence."""

    citing: str
    cited: str
    relation: str
    evidence: Evidence
    stated_in: str | None = None  # the document whose text states a link between two others


def _offset(row: dict[str, Any], name: str) -> int | None:
    """A character offset of the row, None when missing or malformed (the sentence still shows)."""
    try:
        return int(row[name].value) if name in row else None
    except ValueError:
        return None


def _row_order(row: dict[str, Any]) -> tuple[bool, str, bool, int, str]:
    """`citation_order` of a row with ?citation and the file's path (as `path`)."""
    path, citation = row.get("path"), row.get("citation")
    return citation_order(path.value if path else None, citation.value if citation else None)


def _edges(rows: Iterable[dict[str, Any]], fixed: str, fixed_role: str) -> list[CitationEdge]:
    """The citations of the rows in `citation_order`; a sentence stated again in one file for
    the same document and relation is listed once, where it comes first."""
    edges: list[CitationEdge] = []
    seen: set[tuple[str, str, str, str | None]] = set()
    for row in sorted(rows, key=_row_order):
        other = row["citing" if fixed_role == "cited" else "cited"].value
        relation = PROPERTY_RELATIONS.get(row["relation"].value, "cites")
        sentence = row["sentence"].value if "sentence" in row else None
        key = (other, relation, row.get("path", ox.Literal("")).value, sentence)
        if key in seen:
            continue
        seen.add(key)
        citing, cited = (other, fixed) if fixed_role == "cited" else (fixed, other)
        evidence = Evidence(
            sentence=sentence,
            source=row["path"].value if "path" in row else None,
            graph=row["g"].value if "g" in row else None,
            start=_offset(row, "start"),
            end=_offset(row, "end"),
            citation=row["citation"].value if "citation" in row else None,
        )
        edges.append(
            CitationEdge(
                citing=citing,
                cited=cited,
                relation=relation,
                evidence=evidence,
                stated_in=row["statedIn"].value if "statedIn" in row else None,
            )
        )
    return edges


def citations_of(catalog: DocumentCatalog, iri: str) -> list[CitationEdge]:
    """Every citation whose cited document is `iri`, in `citation_order`."""
    return citations_of_many(catalog, [iri])[iri]


def citations_by(catalog: DocumentCatalog, iri: str) -> list[CitationEdge]:
    """Every citation made by `iri`, in `citation_order`: its file's in the order written."""
    return citations_by_many(catalog, [iri])[iri]


def citations_of_many(
    catalog: DocumentCatalog, iris: Iterable[str]
) -> dict[str, list[CitationEdge]]:
    """`citations_of` each document, a few hundred documents a query."""
    return _citations_many(catalog, "citations_of", iris, "cited")


def citations_by_many(
    catalog: DocumentCatalog, iris: Iterable[str]
) -> dict[str, list[CitationEdge]]:
    """`citations_by` each document, a few hundred documents a query."""
    return _citations_many(catalog, "citations_by", iris, "citing")


def _citations_many(
    catalog: DocumentCatalog, query: str, iris: Iterable[str], fixed_role: str
) -> dict[str, list[CitationEdge]]:
    rows: dict[str, list[dict[str, Any]]] = {iri: [] for iri in iris}
    answer = run_named_many(catalog.store, query, "doc", map(ox.NamedNode, rows))
    paths = catalog.source_paths(row["src"].value for row in answer)
    for row in answer:
        path = paths.get(row["src"].value)
        if path is not None:
            row["path"] = ox.Literal(path)
        rows[row["doc"].value].append(row)
    return {iri: _edges(found, iri, fixed_role) for iri, found in rows.items()}


@dataclass
class Citer:
    """A document that cites the one asked about, with its strongest relation and evidence."""

    document: DocumentSummary
    relation: str
    sentence: str | None
    source: str | None
    relations: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    # One per distinct sentence, strongest relation first: each with its file and span.
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "relation": self.relation,
            "sentence": self.sentence,
            "source": self.source,
            "relations": self.relations,
            "sentences": self.sentences,
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class Cited(_Evidenced):
    """A document the one asked about cites, with the relation and the evidence of each
    citation (a document cited twice is listed twice, as the text cites it)."""

    document: DocumentSummary
    relation: str
    evidence: Evidence

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "relation": self.relation,
            "sentence": self.sentence,
            "source": self.source,
            "evidence": [self.evidence.to_json()],
        }


def _rank(relation: str) -> int:
    return RELATION_RANK.index(relation) if relation in RELATION_RANK else len(RELATION_RANK)


def citers(catalog: DocumentCatalog, iri: str) -> list[Citer]:
    """One row per citing document, newest first (then by label and IRI); the relation shown is
    the most specific one, with the earliest citation stating it (`citation_order`)."""
    by_document: dict[str, list[CitationEdge]] = {}
    for edge in citations_of(catalog, iri):
        by_document.setdefault(edge.citing, []).append(edge)
    summaries = catalog.summaries(by_document)
    rows: list[Citer] = []
    for citing, edges in by_document.items():
        edges.sort(key=lambda e: (_rank(e.relation), e.evidence.order))
        best = edges[0]
        evidence = {e.sentence: e.evidence for e in reversed(edges) if e.sentence}
        rows.append(
            Citer(
                document=summaries[citing],
                relation=best.relation,
                sentence=best.sentence,
                source=best.source,
                relations=sorted({e.relation for e in edges}, key=_rank),
                sentences=list(dict.fromkeys(e.sentence for e in edges if e.sentence)),
                evidence=[evidence[s] for s in dict.fromkeys(e.sentence for e in edges) if s],
            )
        )
    rows.sort(key=lambda c: (c.document.date or "", c.document.label, c.document.iri), reverse=True)
    return rows


def cited_documents(catalog: DocumentCatalog, iri: str) -> list[Cited]:
    """Every citation `iri` makes, in `citation_order` (its file's in the order written), with
    the cited document."""
    edges = citations_by(catalog, iri)
    summaries = catalog.summaries(edge.cited for edge in edges)
    return [Cited(summaries[e.cited], e.relation, e.evidence) for e in edges]


@dataclass(slots=True)  # a central document's trace holds hundreds of thousands
class TraceEdge:
    parent: str  # the node nearer the root in the walk
    child: str
    acting: str  # the document that implements, reviews... (the citing one)
    acted_on: str
    relation: str
    depth: int
    lag_days: int | None
    evidence: str | None
    source: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.acting,
            "to": self.acted_on,
            "relation": self.relation,
            "depth": self.depth,
            "lag_days": self.lag_days,
            "evidence": self.evidence,
        }


TRACE_COLUMNS = (
    "depth",
    "relation",
    "acting",
    "acting_date",
    "acting_issuer",
    "acted_on",
    "acted_on_date",
    "lag_days",
    "kind",
    "level",
    "province",
    "evidence",
    "source",
    "acting_iri",
    "acted_on_iri",
)
"""The columns of `Trace.links`: a trace as a table (CSV)."""


@dataclass
class Trace:
    root: DocumentSummary
    nodes: dict[str, DocumentSummary]
    edges: list[TraceEdge]
    upward: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "root": self.root.to_json(),
            "nodes": [n.to_json() for n in self.nodes.values()],
            "edges": [e.to_json() for e in self.edges],
        }

    def children(self, iri: str) -> list[TraceEdge]:
        return [e for e in self.edges if e.parent == iri]

    def links(self) -> list[dict[str, Any]]:
        """One row per link of the walk (`TRACE_COLUMNS`): the acting document and the one it
        acts on side by side, the level and province of the document reached, the evidence.
        The CLI's CSV and the web app's download are these rows."""
        rows = []
        for edge in self.edges:
            acting, acted_on = self.nodes[edge.acting], self.nodes[edge.acted_on]
            reached = self.nodes[edge.child]
            rows.append(
                {
                    "depth": edge.depth,
                    "relation": edge.relation,
                    "acting": acting.label,
                    "acting_date": acting.date,
                    "acting_issuer": acting.issuer,
                    "acted_on": acted_on.label,
                    "acted_on_date": acted_on.date,
                    "lag_days": edge.lag_days,
                    "kind": reached.kind,
                    "level": reached.level,
                    "province": reached.province,
                    "evidence": edge.evidence,
                    "source": edge.source,
                    "acting_iri": acting.iri,
                    "acted_on_iri": acted_on.iri,
                }
            )
        return rows

    def to_frame(self) -> Any:
        """The rows of `links()` as a pandas DataFrame."""
        return to_frame(self.links())

    def levels(self) -> list[TraceLevel]:
        """Per depth, the documents first reached there and the links followed into it.

        The shape of a trace too large to read as a tree: a central directive's reaches tens
        of thousands of documents.
        """
        reached = {self.root.iri}
        levels: dict[int, TraceLevel] = {}
        for edge in self.edges:  # in the walk's order: a document's first edge is its depth
            level = levels.get(edge.depth)
            if level is None:
                level = levels[edge.depth] = TraceLevel(edge.depth)
            level.links += 1
            level.relations[edge.relation] = level.relations.get(edge.relation, 0) + 1
            if edge.child not in reached:
                reached.add(edge.child)
                level.documents += 1
        return [levels[depth] for depth in sorted(levels)]


@dataclass
class TraceLevel:
    """One depth of a trace: documents first reached there, and the links (distinct citing,
    cited, relation) followed into it, counted by relation."""

    depth: int
    documents: int = 0
    links: int = 0
    relations: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        ranked = sorted(self.relations.items(), key=lambda item: _rank(item[0]))
        return {
            "depth": self.depth,
            "documents": self.documents,
            "links": self.links,
            "relations": dict(ranked),
        }


def lag_days(parent_date: str | None, child_date: str | None) -> int | None:
    """Days from the parent's issue to the child's; None when either date is unknown."""
    if not parent_date or not child_date:
        return None
    parent, child = _day(parent_date), _day(child_date)
    return None if parent is None or child is None else child - parent


@lru_cache(maxsize=65_536)
def _day(text: str) -> int | None:
    """The day number of an ISO date (None: not one). Kept per text: a trace of a central
    document works out hundreds of thousands of lags between a few thousand dates."""
    try:
        return date.fromisoformat(text).toordinal()
    except ValueError:
        return None


class _Link(NamedTuple):
    """A citation a walk follows: `current` is the document walked from, `other` the one
    reached, `source` the IRI of the file the citation was read from. A tuple: a central
    document's walk makes hundreds of thousands."""

    current: str
    other: str
    relation: str
    source: str | None  # None when the walk reads no evidence
    sentence: str | None
    citation: str | None = None  # its IRI, by which one of a link's citations is chosen

    @property
    def link(self) -> tuple[str, str, str]:
        return (self.current, self.other, self.relation)


def _chain_links(
    catalog: DocumentCatalog,
    frontier: Iterable[str],
    wanted: set[str],
    upward: bool,
    *,
    evidence: bool = True,
) -> list[_Link]:
    """The citations of (or by) the frontier documents whose relation is wanted, in the order
    the store gives them (`_chosen_links` picks one per link); with `evidence`, each with its
    sentence, source and IRI.

    Relations are filtered in SPARQL by the properties not wanted, so that a relation property
    kg does not know still counts as "cites", as in `citations_of`. Without evidence, the links
    come from the side store's index when it covers the store (`kg.queries.side.edges`).
    """
    frontier = list(frontier)
    if not evidence:
        kept = catalog.chain_edges(frontier, upward=upward)
        if kept is not None:
            return _bare_links(kept, wanted, upward)
    unwanted = [ox.NamedNode(p) for slug, p in RELATION_PROPERTIES.items() if slug not in wanted]
    query = ("chain_links" if evidence else "chain_edges") + ("_by" if upward else "_of")
    rows = run_named_many(
        catalog.store, query, "doc", map(ox.NamedNode, frontier), {"relation": unwanted}
    )
    links: list[_Link] = []
    for row in rows:
        relation = PROPERTY_RELATIONS.get(row["relation"].value, "cites")
        if relation in wanted:
            source = row["src"].value if "src" in row else None
            sentence = row["sentence"].value if "sentence" in row else None
            citation = row["citation"].value if "citation" in row else None
            links.append(
                _Link(row["doc"].value, row["other"].value, relation, source, sentence, citation)
            )
    return links


def _level_links(
    catalog: DocumentCatalog,
    frontier: list[str],
    wanted: set[str],
    upward: bool,
    seen: set[tuple[str, str, str]],
    room: int | None,
) -> list[_Link]:
    """The links of the level below `frontier`, with their evidence when the new links they
    add (not `seen`, not to itself) fit in `room` more (None: always): the first level of a
    central document alone can hold tens of thousands, whose sentences an overview never shows.
    """
    if room is None:
        return _chain_links(catalog, frontier, wanted, upward)
    bare = _chain_links(catalog, frontier, wanted, upward, evidence=False)
    new = {link.link for link in bare if link.other != link.current} - seen
    if room <= 0 or len(new) > room:
        return bare
    return _chain_links(catalog, frontier, wanted, upward)


def _bare_links(edges: Iterable[Edge], wanted: set[str], upward: bool) -> list[_Link]:
    """The links of a level from the side store's index (`DocumentCatalog.chain_edges`), as the
    queries without evidence give them: a relation property kg does not know counts as "cites"."""
    links: list[_Link] = []
    make_link = _Link._make  # a third of the time of calling the class, for 300,000 links
    for acting, prop, acted_on in edges:
        relation = PROPERTY_RELATIONS.get(prop, "cites")
        if relation in wanted:
            current, other = (acting, acted_on) if upward else (acted_on, acting)
            links.append(make_link((current, other, relation, None, None, None)))
    return links


def _chosen_links(
    catalog: DocumentCatalog, links: Iterable[_Link]
) -> tuple[dict[tuple[str, str, str], _Link], dict[str, str]]:
    """The citation shown for each link (`citation_order`), and the paths of the files read.
    Links read without evidence (the side store's, one per link) are their own choice."""
    links = list(links)
    if not any(link.source or link.citation for link in links):
        return {link.link: link for link in links}, {}
    paths = catalog.source_paths(link.source for link in links if link.source)

    def order(link: _Link) -> tuple[bool, str, bool, int, str]:
        return citation_order(paths.get(link.source) if link.source else None, link.citation)

    return earliest(links, lambda link: link.link, order), paths


def read_evidence(catalog: DocumentCatalog, chain: Trace, edges: Iterable[TraceEdge]) -> None:
    """Give `edges` of a chain walked without evidence the sentence and file each would have
    had in a walk with it: the earliest citation of the link (`citation_order`), as `trace`
    chooses it. Only the parents of the edges asked for are read again, so a page of a large
    chain costs a page's worth of queries."""
    edges = [edge for edge in edges if edge.evidence is None and edge.source is None]
    if not edges:
        return
    wanted = {edge.relation for edge in edges}
    links = _chain_links(catalog, {e.parent: None for e in edges}, wanted, chain.upward)
    chosen, paths = _chosen_links(catalog, links)
    for edge in edges:
        found = chosen.get((edge.parent, edge.child, edge.relation))
        if found is not None:
            edge.evidence = found.sentence
            edge.source = paths.get(found.source) if found.source else None


def _in_walk_order(
    links: Iterable[_Link], frontier: list[str], nodes: Mapping[str, DocumentSummary]
) -> list[_Link]:
    """A level's links by parent, in the order the level before reached them, then by the
    child's date (undated first, as the CLI's tree), IRI and relation."""
    position = {iri: index for index, iri in enumerate(frontier)}

    def key(link: _Link) -> tuple[int, str, str, int]:
        child = nodes[link.other]
        return (position[link.current], child.date or "", link.other, _rank(link.relation))

    return sorted(links, key=key)


def trace(
    catalog: DocumentCatalog,
    root: DocumentSummary,
    *,
    depth: int | None = None,
    relations: Iterable[str] = CHAIN_RELATIONS,
    upward: bool = False,
    evidence_limit: int | None = None,
) -> Trace:
    """Breadth-first walk of the implementation chain below `root` (or above it, `upward`).

    A level whose new links would take the walk past `evidence_limit` links (None: never), and
    every level after it, are read without their sentences and files (most of the time of the
    walk on a large chain), for a chain shown as its overview; `read_evidence` reads them for
    the links shown. A chain within the limit has every link's evidence.

    Each document appears once, at the depth it is first reached; an edge to a document already
    reached is still recorded, so the chain's structure is complete. Each edge is the earliest
    citation of its (parent, child, relation) (`citation_order`), with that citation's sentence
    and source. A level's edges come by parent, in the order the level before reached them,
    then by the child's date, IRI and relation: the same walk whatever the store's row order.

    The walk goes a level at a time so that the citations of a whole level, then the summaries
    of the documents it reaches, are read a few hundred documents per query rather than one
    query per document. A central document is cited by thousands of citations, most of another
    relation or restating a link already kept: citations are filtered by relation in the store.
    """
    with catalog.pinned(), collector_paused():
        return _walk(catalog, root, depth, set(relations), upward, evidence_limit)


def _walk(
    catalog: DocumentCatalog,
    root: DocumentSummary,
    depth: int | None,
    wanted: set[str],
    upward: bool,
    evidence_limit: int | None,
) -> Trace:
    """`trace`, within one snapshot of the side store."""
    nodes: dict[str, DocumentSummary] = {root.iri: root}
    edges: list[TraceEdge] = []
    seen_edges: set[tuple[str, str, str]] = set()
    frontier = [root.iri]
    level = 0
    while frontier and (depth is None or level < depth):
        room = None if evidence_limit is None else evidence_limit - len(edges)
        links = _level_links(catalog, frontier, wanted, upward, seen_edges, room)
        chosen, paths = _chosen_links(catalog, links)
        kept = [
            link
            for key, link in chosen.items()
            if key not in seen_edges and link.other != link.current
        ]
        seen_edges.update(link.link for link in kept)
        reached = catalog.summaries(link.other for link in kept if link.other not in nodes)
        kept = _in_walk_order(kept, frontier, {**nodes, **reached})
        next_frontier: list[str] = []
        for link in kept:
            if link.other not in nodes:
                nodes[link.other] = reached[link.other]
                next_frontier.append(link.other)
            acting, acted_on = (link.current, link.other) if upward else (link.other, link.current)
            edges.append(
                TraceEdge(
                    parent=link.current,
                    child=link.other,
                    acting=acting,
                    acted_on=acted_on,
                    relation=link.relation,
                    depth=level + 1,
                    lag_days=lag_days(nodes[acted_on].date, nodes[acting].date),
                    evidence=link.sentence,
                    source=paths.get(link.source) if link.source else None,
                )
            )
        frontier = next_frontier
        level += 1
    return Trace(root=root, nodes=nodes, edges=edges, upward=upward)
