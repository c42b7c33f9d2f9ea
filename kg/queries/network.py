"""Networks for maps and graph algorithms: answers turned into networkx MultiDiGraphs.

The node and edge attributes are the contract :mod:`kg.views` draws from: nodes keyed by IRI with
label, symbol, kind, date, issuer, level, province, title, ingested; edges from the acting document
to the one it acts on, with relation, evidence, source and lag_days.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.errors import QueryError
from kg.queries.citations import (
    PROPERTY_RELATIONS,
    RELATION_PROPERTIES,
    CitationEdge,
    Citer,
    Trace,
    citation_order,
    citations_by_many,
    citations_of_many,
    earliest,
    lag_days,
)
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.store import SelectResult
from kg.store.base import as_term


def _add_node(graph: nx.MultiDiGraph, summary: DocumentSummary) -> None:
    graph.add_node(
        summary.iri,
        label=summary.label,
        symbol=summary.symbol,
        kind=summary.kind or "other",
        date=summary.date,
        issuer=summary.issuer,
        level=summary.level,
        province=summary.province,
        title=summary.title,
        ingested=summary.ingested,
    )


def _add_edge(
    graph: nx.MultiDiGraph,
    acting: DocumentSummary,
    acted_on: DocumentSummary,
    relation: str,
    evidence: str | None,
    source: str | None,
) -> None:
    graph.add_edge(
        acting.iri,
        acted_on.iri,
        key=relation,
        relation=relation,
        evidence=evidence,
        source=Path(source).name if source else None,
        lag_days=lag_days(acted_on.date, acting.date),
    )


def trace_network(
    catalog: DocumentCatalog, trace: Trace, title: str | None = None
) -> nx.MultiDiGraph:
    """The chain of a trace, opened on its root."""
    catalog.mark_shared_symbols(trace.nodes.values())
    label = trace.root.label
    default = f"Văn bản mà {label} thực hiện" if trace.upward else f"Chuỗi thực hiện {label}"
    graph = nx.MultiDiGraph(title=title or default, focus=trace.root.iri)
    for summary in trace.nodes.values():
        _add_node(graph, summary)
    for edge in trace.edges:
        _add_edge(
            graph,
            trace.nodes[edge.acting],
            trace.nodes[edge.acted_on],
            edge.relation,
            edge.evidence,
            edge.source,
        )
    return graph


def citers_network(
    catalog: DocumentCatalog, target: DocumentSummary, rows: Iterable[Citer]
) -> nx.MultiDiGraph:
    rows = list(rows)
    catalog.mark_shared_symbols([target, *(row.document for row in rows)])
    graph = nx.MultiDiGraph(title=f"Văn bản dẫn chiếu {target.label}", focus=target.iri)
    _add_node(graph, target)
    for row in rows:
        _add_node(graph, row.document)
        _add_edge(graph, row.document, target, row.relation, row.sentence, row.source)
    return graph


def neighbourhood_network(
    catalog: DocumentCatalog, focus: DocumentSummary, depth: int, *, direction: str = "both"
) -> nx.MultiDiGraph:
    """Every document within `depth` citation steps of `focus` (any relation).

    Read a level at a time, as `trace` is: the citations of a whole level, then the summaries of
    the documents they name, a few hundred documents per query rather than a query per document.
    A link stated by several citations shows the earliest (`citation_order`), as `trace` does.
    """
    catalog.mark_shared_symbols([focus])
    graph = nx.MultiDiGraph(
        title=f"{focus.label} và các văn bản trong {depth} bước", focus=focus.iri
    )
    _add_node(graph, focus)
    frontier = [focus.iri]
    seen = {focus.iri}
    for _ in range(depth):
        found: dict[str, list[CitationEdge]] = {iri: [] for iri in frontier}
        if direction in ("both", "in"):
            for iri, cited_by in citations_of_many(catalog, frontier).items():
                found[iri] += cited_by
        if direction in ("both", "out"):
            for iri, citing in citations_by_many(catalog, frontier).items():
                found[iri] += citing
        edges = [edge for iri in frontier for edge in found[iri]]
        summaries = catalog.summaries(end for edge in edges for end in (edge.citing, edge.cited))
        catalog.mark_shared_symbols(summaries.values())
        shown = earliest(edges, _link_of, lambda edge: edge.evidence.order)
        next_frontier: list[str] = []
        for edge in edges:
            if shown[_link_of(edge)] is not edge:
                continue  # the link is drawn with another citation's evidence
            for end in (edge.citing, edge.cited):
                if end not in seen:
                    seen.add(end)
                    next_frontier.append(end)
                    _add_node(graph, summaries[end])
            _add_edge(
                graph,
                summaries[edge.citing],
                summaries[edge.cited],
                edge.relation,
                edge.sentence,
                edge.source,
            )
        frontier = next_frontier
    return graph


def _link_of(edge: CitationEdge) -> tuple[str, str, str]:
    return (edge.citing, edge.cited, edge.relation)


@dataclass(frozen=True)
class _Row:
    """One edge a map query gives: a citation, or a relation triple (without evidence)."""

    citing: str
    cited: str
    relation: str  # a property's IRI, or a relation's name
    sentence: str | None = None
    path: str | None = None
    citation: str | None = None

    def link(self) -> tuple[str, str, str]:
        relation = self.relation
        slug = PROPERTY_RELATIONS.get(
            relation, relation if relation in RELATION_PROPERTIES else "cites"
        )
        return (self.citing, self.cited, slug)

    def order(self) -> tuple[tuple[bool, str, bool, int, str], str]:
        return (citation_order(self.path, self.citation), self.sentence or "")


# Every citation, not grouped per document pair in SPARQL: grouping doubled the time, and
# `edges_network` keeps one edge per pair and relation anyway (the earliest citation, by ?path
# and ?citation). Only citations carry vk:citingDocument, so their type need not be joined.
_EDGES = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?citation ?citing ?cited ?relation ?sentence ?path WHERE {
  ?citation vk:citingDocument ?citing ; vk:citedDocument ?cited ; vk:relation ?relation .
  OPTIONAL { ?citation vk:sentence ?sentence }
  OPTIONAL { ?citation prov:wasDerivedFrom ?src . ?src vk:path ?path }
}
"""


def whole_network(catalog: DocumentCatalog) -> nx.MultiDiGraph:
    """Every citation edge in the store (one per document pair and relation)."""
    result = catalog.store.query(_EDGES)
    assert isinstance(result, SelectResult)
    return edges_network(catalog, result, "Toàn bộ đồ thị văn bản")


def edges_network(catalog: DocumentCatalog, result: object, title: str) -> nx.MultiDiGraph:
    """A network from a SELECT with ?citing ?cited [?relation ?sentence ?path ?citation], or a
    CONSTRUCT of direct relation triples. A link stated by several rows shows the earliest
    citation (`citation_order` of ?path and ?citation, then the sentence)."""
    graph = nx.MultiDiGraph(title=title)
    rows: list[_Row] = []
    if isinstance(result, SelectResult):
        if not {"citing", "cited"} <= set(result.variables):
            raise QueryError("a map query must SELECT ?citing and ?cited (and may add ?relation)")
        for row in result.rows:
            relation = row["relation"].value if "relation" in row else RELATION_PROPERTIES["cites"]
            sentence = row["sentence"].value if "sentence" in row else None
            path = row["path"].value if "path" in row else None
            citation = row["citation"].value if "citation" in row else None
            rows.append(
                _Row(row["citing"].value, row["cited"].value, relation, sentence, path, citation)
            )
    elif isinstance(result, list):
        for triple in result:
            subject, obj = as_term(triple.subject), as_term(triple.object)
            if triple.predicate.value in PROPERTY_RELATIONS:
                rows.append(_Row(subject.value, obj.value, triple.predicate.value))
    else:
        raise QueryError("a map query must be a SELECT of edges or a CONSTRUCT of relations")
    # Read a few hundred per query (one query per document cost 90 s for 24,000 documents) and
    # kept here for the whole network: the catalog's bounded cache would be emptied and refilled
    # over and over on a network of more documents than it holds.
    summaries = catalog.summaries(end for row in rows for end in (row.citing, row.cited))
    catalog.mark_shared_symbols(summaries.values())
    # One edge per document pair and relation, with the earliest citation's evidence.
    shown = earliest(rows, _Row.link, _Row.order)
    for (citing, cited, slug), edge in shown.items():
        for end in (citing, cited):
            if end not in graph:
                _add_node(graph, summaries[end])
        _add_edge(graph, summaries[citing], summaries[cited], slug, edge.sentence, edge.path)
    return graph
