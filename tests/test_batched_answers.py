"""Answers read in batches (many documents per query) are the answers read one document at a time.

`trace`, `cites`, `search` and the neighbourhood map read citations and summaries for hundreds of
documents per query; the reference here is the plain walk that asks about one document at a time.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox
import pytest

import kg.queries
from kg.api import KG
from kg.errors import QueryError
from kg.queries import fill_values, run_named, run_named_many
from kg.queries.citations import (
    CHAIN_RELATIONS,
    RELATION_RANK,
    Trace,
    TraceEdge,
    citations_by,
    citations_by_many,
    citations_of,
    citations_of_many,
    citers,
    lag_days,
)
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.queries.lookup import find
from kg.queries.network import _add_edge, _add_node, neighbourhood_network
from kg.store import OxigraphStore, SelectResult


@pytest.fixture()
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two values a query, so the sample corpus needs many batches."""
    monkeypatch.setattr(kg.queries, "BATCH_SIZE", 2)


def _reference_trace(
    catalog: DocumentCatalog,
    root: DocumentSummary,
    *,
    upward: bool = False,
    depth: int | None = None,
    relations: Iterable[str] = CHAIN_RELATIONS,
) -> Trace:
    """The walk one document at a time: a FIFO queue, every citation of each node (as
    `citations_of` and `citations_by` list them, the first of a link shown) and its summary;
    the children of a node by date, IRI and relation, as `trace` documents."""
    wanted = set(relations)
    nodes = {root.iri: root}
    edges: list[TraceEdge] = []
    queue = deque([(root.iri, 0)])
    seen: set[tuple[str, str, str]] = set()
    while queue:
        current, level = queue.popleft()
        if depth is not None and level >= depth:
            continue
        found = citations_by(catalog, current) if upward else citations_of(catalog, current)
        kept = []
        for edge in found:
            other = edge.cited if upward else edge.citing
            key = (current, other, edge.relation)
            if edge.relation not in wanted or key in seen or other == current:
                continue
            seen.add(key)
            date = (nodes[other] if other in nodes else catalog.summary(other)).date
            kept.append((date or "", other, RELATION_RANK.index(edge.relation), edge))
        for *_, edge in sorted(kept, key=lambda item: item[:3]):
            other = edge.cited if upward else edge.citing
            first_visit = other not in nodes
            if first_visit:
                nodes[other] = catalog.summary(other)
                catalog.mark_shared_symbols([nodes[other]])
            edges.append(
                TraceEdge(
                    parent=current,
                    child=other,
                    acting=edge.citing,
                    acted_on=edge.cited,
                    relation=edge.relation,
                    depth=level + 1,
                    lag_days=lag_days(nodes[edge.cited].date, nodes[edge.citing].date),
                    evidence=edge.sentence,
                    source=edge.source,
                )
            )
            if first_visit:
                queue.append((other, level + 1))
    return Trace(root=root, nodes=nodes, edges=edges, upward=upward)


def _reference_neighbourhood(
    catalog: DocumentCatalog, focus: DocumentSummary, depth: int, direction: str
) -> nx.MultiDiGraph:
    """The neighbourhood one document at a time: its citations, then each end's summary, named
    apart from any other document of its symbol."""

    def summary(iri: str) -> DocumentSummary:
        found = catalog.summary(iri)
        catalog.mark_shared_symbols([found])
        return found

    catalog.mark_shared_symbols([focus])
    graph = nx.MultiDiGraph(
        title=f"{focus.label} và các văn bản trong {depth} bước", focus=focus.iri
    )
    _add_node(graph, focus)
    frontier, seen = [focus.iri], {focus.iri}
    for _ in range(depth):
        next_frontier: list[str] = []
        for iri in frontier:
            edges = citations_of(catalog, iri) if direction in ("both", "in") else []
            edges += citations_by(catalog, iri) if direction in ("both", "out") else []
            for edge in edges:
                for end in (edge.citing, edge.cited):
                    if end not in seen:
                        seen.add(end)
                        next_frontier.append(end)
                        _add_node(graph, summary(end))
                citing, cited = summary(edge.citing), summary(edge.cited)
                if not graph.has_edge(citing.iri, cited.iri, key=edge.relation):  # the first shown
                    _add_edge(graph, citing, cited, edge.relation, edge.sentence, edge.source)
        frontier = next_frontier
    return graph


def _documents(kg_: KG) -> list[str]:
    result = kg_.store.query(
        "SELECT DISTINCT ?doc WHERE { ?doc a <https://w3id.org/vankien/ontology#Document> }"
    )
    assert isinstance(result, SelectResult)
    return sorted(t.value for t in result.values("doc"))


def _labelled(trace: Trace) -> list[tuple[int, str, str, str, int | None]]:
    return [
        (e.depth, e.relation, trace.nodes[e.parent].label, trace.nodes[e.child].label, e.lag_days)
        for e in trace.edges
    ]


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize(
    ("document", "upward", "depth", "relations"),
    [
        ("25-NQ/TW@2013", False, None, CHAIN_RELATIONS),
        ("36-KH/BDVTU", True, None, CHAIN_RELATIONS),
        ("25-NQ/TW@2013", False, 1, CHAIN_RELATIONS),
        ("36-KH/BDVTU", True, 1, CHAIN_RELATIONS),
        # Every relation, plain citations too: nothing is left out in the store.
        ("25-NQ/TW@2013", False, None, RELATION_RANK),
        ("36-KH/BDVTU", True, 2, RELATION_RANK),
        ("217-QĐ/TW", False, None, ("cites", "based_on", "implements")),
        ("25-NQ/TW@2013", False, None, ("reviews",)),
    ],
)
def test_trace_is_the_one_document_at_a_time_walk(
    corpus_kg: KG, document: str, upward: bool, depth: int | None, relations: tuple[str, ...]
) -> None:
    batched = corpus_kg.trace(document, up=upward, depth=depth, relations=relations)
    reference_catalog = DocumentCatalog(corpus_kg.store)
    root = find(reference_catalog, document)
    reference_catalog.mark_shared_symbols([root])  # as the facade names the root: 25-NQ/TW@2013
    reference = _reference_trace(
        reference_catalog,
        root,
        upward=upward,
        depth=depth,
        relations=relations,
    )
    assert batched.edges, "a walk with edges to compare"
    assert {e.evidence for e in batched.edges} - {None}, "with their sentences"
    assert {e.source for e in batched.edges} - {None}, "and their sources"
    assert list(batched.nodes) == list(reference.nodes)
    # What a trace shows of each document (a summary cached by an earlier answer may also list
    # every file stating its date and title: that is not part of the trace).
    assert [n.to_json() for n in batched.nodes.values()] == [
        n.to_json() for n in reference.nodes.values()
    ]
    assert batched.edges == reference.edges


def test_trace_down_from_the_2013_resolution(corpus_kg: KG) -> None:
    edges = _labelled(corpus_kg.trace("25-NQ/TW@2013"))
    assert (1, "implements", "25-NQ/TW@2013", "36-KH/BDVTU", 2997) in edges
    assert (1, "continues", "25-NQ/TW@2013", "43-KL/TW", 2044) in edges
    # 82-KH/BDVTW is reached at depth 1; the review of 43-KL/TW it states is still an edge.
    assert (1, "reviews", "25-NQ/TW@2013", "82-KH/BDVTW", 3636) in edges
    assert (2, "reviews", "43-KL/TW", "82-KH/BDVTW", 1592) in edges
    assert [d for d, *_ in edges] == sorted(d for d, *_ in edges), "breadth first"


def test_trace_up_from_the_binh_phuoc_plan(corpus_kg: KG) -> None:
    result = corpus_kg.trace("36-KH/BDVTU", up=True)
    edges = _labelled(result)
    # 25-NQ/TW names two resolutions: the one reached is labelled with its year.
    assert (1, "implements", "36-KH/BDVTU", "25-NQ/TW@2013", 2997) in edges
    assert (1, "inspects", "36-KH/BDVTU", "18-CT/TW", 1315) in edges
    assert (2, "continues", "18-CT/TW", "25-NQ/TW@2003", 5418) in edges
    assert len(result.nodes) == len({e.child for e in result.edges}) + 1
    assert corpus_kg.trace("36-KH/BDVTU", up=True, depth=1).edges == [
        e for e in result.edges if e.depth == 1
    ]


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize(
    ("document", "depth", "direction"),
    [("25-NQ/TW@2013", 2, "both"), ("25-NQ/TW@2013", 2, "in"), ("36-KH/BDVTU", 3, "out")],
)
def test_the_neighbourhood_is_the_one_document_at_a_time_walk(
    corpus_kg: KG, document: str, depth: int, direction: str
) -> None:
    batched = neighbourhood_network(
        corpus_kg.catalog, corpus_kg.find(document), depth, direction=direction
    )
    catalog = DocumentCatalog(corpus_kg.store)
    reference = _reference_neighbourhood(catalog, find(catalog, document), depth, direction)
    assert batched.number_of_edges() > batched.number_of_nodes() > 5
    assert batched.graph == reference.graph
    assert list(batched.nodes(data=True)) == list(reference.nodes(data=True))
    # Every edge with its relation, evidence, source file and lag, in the order they were met.
    assert list(batched.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))


@pytest.mark.usefixtures("small_batches")
def test_summaries_are_the_summary_of_each_document(corpus_kg: KG) -> None:
    documents = _documents(corpus_kg)
    assert len(documents) > 10
    one_by_one = DocumentCatalog(corpus_kg.store)
    expected = {iri: one_by_one.summary(iri) for iri in documents}
    many = DocumentCatalog(corpus_kg.store).summaries([*reversed(documents), *documents[:3]])
    assert list(many) == list(reversed(documents)), "each once, in the order asked"
    assert many == expected
    assert any(s.sources for s in many.values()), "the source files are read too"
    assert any(s.conflicts() for s in many.values()), "217-QĐ/TW's three dates are kept"


@pytest.mark.usefixtures("small_batches")
def test_citations_of_many_are_the_citations_of_each(corpus_kg: KG) -> None:
    catalog = DocumentCatalog(corpus_kg.store)
    documents = _documents(corpus_kg)
    assert citations_of_many(catalog, documents) == {
        iri: citations_of(catalog, iri) for iri in documents
    }
    assert citations_by_many(catalog, documents) == {
        iri: citations_by(catalog, iri) for iri in documents
    }
    assert sum(map(len, citations_of_many(catalog, documents).values())) > 0


def test_cites_and_search_read_summaries_in_one_call(corpus_kg: KG) -> None:
    calls: list[list[str]] = []
    original = corpus_kg.catalog.summaries

    def counting(iris: Iterable[str], *, complete: bool = False) -> dict[str, DocumentSummary]:
        asked = list(iris)
        calls.append(asked)
        return original(asked, complete=complete)

    corpus_kg.catalog.summaries = counting  # type: ignore[method-assign]
    target = corpus_kg.find("217-QĐ/TW").iri
    calls.clear()
    rows = citers(corpus_kg.catalog, target)
    assert len(calls) == 1 and len(rows) >= 4
    calls.clear()
    hits = corpus_kg.search("nghi quyet 25 dan van", limit=3)
    assert len(calls) == 1 and 0 < len(hits) <= 3
    assert len({h.document.iri for h in hits}) == len(hits)


def test_a_many_values_query_runs_with_one_parameter_too(corpus_kg: KG) -> None:
    iri = corpus_kg.find("217-QĐ/TW").iri
    result = run_named(corpus_kg.store, "document_summary_facts", {"doc": ox.NamedNode(iri)})
    assert isinstance(result, SelectResult)
    assert {t.value for t in result.values("doc")} == {iri}
    assert len({t.value for t in result.values("g")}) > 1


def test_filled_values_are_terms_not_syntax(corpus_kg: KG) -> None:
    hostile = ox.Literal('x" } } ; DROP ALL ; SELECT * { "')
    text = fill_values("SELECT ?x WHERE { VALUES ?x {} }", {"x": [hostile]})
    result = corpus_kg.store.query(text)
    assert isinstance(result, SelectResult)
    assert result.values("x") == [hostile]
    with pytest.raises(QueryError):
        fill_values("SELECT ?x WHERE { VALUES ?x {} }", {"x": [ox.BlankNode()]})


def test_a_summary_shows_what_the_complete_one_shows(corpus_kg: KG) -> None:
    documents = _documents(corpus_kg)
    brief = DocumentCatalog(corpus_kg.store).summaries(documents)
    complete = DocumentCatalog(corpus_kg.store).summaries(documents, complete=True)
    for iri in documents:
        assert brief[iri].to_json() == complete[iri].to_json()
        assert brief[iri].conflicts().keys() == complete[iri].conflicts().keys()
        assert {s.value for s in brief[iri].dates} == {s.value for s in complete[iri].dates}
    # 217-QĐ/TW: three dates, one of them stated by two files; the complete summary names both.
    qd217 = corpus_kg.find("217-QĐ/TW").iri
    assert len(complete[qd217].dates) > len(brief[qd217].dates) == 3
    assert sum(s.count for s in brief[qd217].dates) == len(complete[qd217].dates)


def test_a_values_block_of_pairs_takes_one_row_per_position() -> None:
    sparql = "SELECT * WHERE { VALUES (?doc ?g) {} GRAPH ?g { ?doc ?p ?o } }"
    a, b = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b")
    filled = fill_values(sparql, {"doc": [a, b], "g": [b, a]})
    assert "VALUES (?doc ?g) { (<http://example.org/a> <http://example.org/b>) " in filled
    assert "(<http://example.org/b> <http://example.org/a>) }" in filled
    with pytest.raises(QueryError):
        fill_values(sparql, {"doc": [a, b], "g": [a]})


def test_an_empty_in_list_lists_the_values_given(corpus_kg: KG) -> None:
    a, b, c = (ox.NamedNode(f"http://example.org/{name}") for name in "abc")

    def answer(operator: str, listed: list[ox.NamedNode]) -> list[str]:
        sparql = f"SELECT ?x WHERE {{ VALUES ?x {{}} BIND(?x AS ?y) FILTER(?y {operator} ()) }}"
        result = corpus_kg.store.query(fill_values(sparql, {"x": [a, b, c], "y": listed}))
        assert isinstance(result, SelectResult)
        return [t.value for t in result.values("x")]

    assert answer("NOT IN", [c]) == [a.value, b.value]
    assert answer("IN", [c, a]) == [a.value, c.value]
    # Nothing listed: NOT IN keeps every row and IN none (Oxigraph itself drops all for both).
    assert answer("NOT IN", []) == [a.value, b.value, c.value]
    assert answer("IN", []) == []


def test_source_paths_stay_right_past_the_cache_limit(
    corpus_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The paths a catalogue keeps are bounded; past the bound every file must still get its own
    # path, or a trace would show a citation as read from another file.
    result = corpus_kg.store.query(
        "SELECT ?src ?path WHERE { ?src <https://w3id.org/vankien/ontology#path> ?path }"
    )
    assert isinstance(result, SelectResult)
    expected = {row["src"].value: row["path"].value for row in result.rows}
    sources = sorted(expected)
    assert len(sources) >= 3
    monkeypatch.setattr(kg.queries.documents, "PATH_CACHE_LIMIT", 2)
    catalog = DocumentCatalog(corpus_kg.store)
    missing = "https://w3id.org/vankien/source/none"
    for ask in ([sources[0]], sources, [sources[-1], missing], sources[:2], sources):
        assert catalog.source_paths(ask) == {src: expected[src] for src in ask if src != missing}


class _SlowFirstStore:
    """A store whose first queries answer last, and that fails on a value named "broken"."""

    def __init__(self, batches: int) -> None:
        self.pending = threading.Barrier(batches, timeout=10)
        self.asked: list[str] = []

    def query(self, sparql: str, bindings: object = None) -> SelectResult:
        values = re.findall(r"<http://example.org/(\w+)>", sparql)
        self.asked.append(values[0])
        if "broken" in values:
            raise QueryError("the store refused the batch")
        # Every batch waits for the others, then the first ones asked sleep the longest.
        self.pending.wait()
        time.sleep(0.05 * (10 - int(values[0][1:]) // 2))
        return SelectResult(
            ["doc"], [{"doc": ox.NamedNode(f"http://example.org/{v}")} for v in values]
        )


def test_batches_asked_at_once_answer_in_the_order_asked(
    small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.queries, "QUERY_THREADS", 4)
    names = [f"d{i}" for i in range(8)]
    store = _SlowFirstStore(batches=4)
    rows = run_named_many(
        store,  # type: ignore[arg-type]
        "document_summary_facts",
        "doc",
        [ox.NamedNode(f"http://example.org/{name}") for name in names],
    )
    assert [row["doc"].value.rsplit("/", 1)[-1] for row in rows] == names
    assert sorted(store.asked) == ["d0", "d2", "d4", "d6"], "each batch once, all at once"


def test_a_batch_that_fails_fails_the_question(
    small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.queries, "QUERY_THREADS", 4)
    store = _SlowFirstStore(batches=1)
    asked = [ox.NamedNode(f"http://example.org/{name}") for name in ("d0", "d1", "broken", "d3")]
    with pytest.raises(QueryError, match="refused"):
        run_named_many(store, "document_summary_facts", "doc", asked)  # type: ignore[arg-type]


PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# (subject, property, text, language) of labels as the registry and others state them.
LABELS = [
    ("http://example.org/council", RDFS_LABEL, "Hà Nội People's Council", "en"),
    ("http://example.org/council", RDFS_LABEL, "Hội đồng nhân dân thành phố Hà Nội", "vi"),
    ("http://example.org/council", PREF_LABEL, "Hội đồng nhân dân thành phố Hà Nội", "vi"),
    ("http://example.org/thanh-hoa", RDFS_LABEL, "Thanh Hóa", "vi"),
    ("http://example.org/thanh-hoa", PREF_LABEL, "Tỉnh Thanh Hóa", "vi"),
    ("http://example.org/yen-bai", PREF_LABEL, "Tỉnh Yên Bái", "vi"),
    ("http://example.org/yen-bai", RDFS_LABEL, "Yên Bái", "vi"),
    ("http://example.org/english", RDFS_LABEL, "Zeta Commission", "en"),
    ("http://example.org/english", RDFS_LABEL, "Alpha Commission", None),
    ("http://example.org/two-names", PREF_LABEL, "Ban Tuyên giáo", "vi"),
    ("http://example.org/two-names", PREF_LABEL, "Ban Dân vận", "vi"),
]
SHOWN_LABELS = {
    "http://example.org/council": "Hội đồng nhân dân thành phố Hà Nội",  # not the English
    "http://example.org/thanh-hoa": "Tỉnh Thanh Hóa",  # the preferred, not the first by value
    "http://example.org/yen-bai": "Tỉnh Yên Bái",
    "http://example.org/english": "Alpha Commission",  # no Vietnamese: any, the first by value
    "http://example.org/two-names": "Ban Dân vận",  # two preferred: the first by value
    "http://example.org/nowhere": None,
}


def _labelled_store(labels: Iterable[tuple[str, str, str, str | None]]) -> OxigraphStore:
    """An in-memory store stating each label in a graph of its own."""
    store = OxigraphStore(None)
    for n, (subject, prop, text, language) in enumerate(labels):
        graph = f"http://example.org/graph/{n}"
        literal = ox.Literal(text, language=language) if language else ox.Literal(text)
        quad = ox.Quad(ox.NamedNode(subject), ox.NamedNode(prop), literal, ox.NamedNode(graph))
        store.replace_graph(graph, [quad])
    return store


@pytest.mark.parametrize("order", ["as listed", "reversed"])
def test_a_label_is_the_vietnamese_one_the_preferred_first(order: str) -> None:
    store = _labelled_store(LABELS if order == "as listed" else reversed(LABELS))
    asked = [*reversed(SHOWN_LABELS), "http://example.org/council"]
    many = DocumentCatalog(store).labels(asked)
    assert many == SHOWN_LABELS
    assert list(many) == list(reversed(SHOWN_LABELS)), "each once, in the order asked"
    one_by_one = DocumentCatalog(store)
    assert {iri: one_by_one.label(iri) for iri in SHOWN_LABELS} == SHOWN_LABELS


def _named_in_summaries(kg_: KG) -> list[str]:
    """The bodies that issued the corpus's documents and the provinces they are of."""
    result = kg_.store.query(
        "PREFIX vk: <https://w3id.org/vankien/ontology#> "
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        "SELECT DISTINCT ?x WHERE { ?doc a vk:Document . "
        "{ ?doc eli:passed_by ?x } UNION { ?doc vk:province ?x } }"
    )
    assert isinstance(result, SelectResult)
    return sorted(t.value for t in result.values("x"))


@pytest.mark.usefixtures("small_batches")
def test_labels_of_many_are_the_label_of_each(corpus_kg: KG) -> None:
    named = _named_in_summaries(corpus_kg)
    assert len(named) > 4
    missing = "https://w3id.org/vankien/body/nowhere"
    one_by_one = DocumentCatalog(corpus_kg.store)
    expected = {iri: one_by_one.label(iri) for iri in [*named, missing]}
    assert DocumentCatalog(corpus_kg.store).labels([missing, *named]) == expected
    assert expected[missing] is None and all(expected[iri] for iri in named)
    # The registry's full name of a province (its preferred label), as summaries always showed.
    assert expected["https://w3id.org/vankien/place/binh-phuoc"] == "Tỉnh Bình Phước"
    assert corpus_kg.find("36-KH/BDVTU").province == "Tỉnh Bình Phước"


def test_summaries_built_together_read_their_labels_in_one_query(
    corpus_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    query = corpus_kg.store.query

    def counting(sparql: str, bindings: object = None) -> object:
        asked.append(sparql)
        return query(sparql, bindings)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_kg.store, "query", counting)
    heading = kg.queries.named_query("resource_labels").text.splitlines()[0]
    catalog = DocumentCatalog(corpus_kg.store)
    summaries = catalog.summaries(_documents(corpus_kg))
    assert sum(heading in sparql for sparql in asked) == 1
    assert sum(bool(s.province) for s in summaries.values()) > 3
    assert sum(bool(s.issuer) for s in summaries.values()) > 3
    asked.clear()
    provinces = {s.province_iri: s.province for s in summaries.values() if s.province_iri}
    assert catalog.labels(provinces) == provinces
    assert asked == [], "the labels read are kept per catalogue"


def test_labels_stay_right_past_the_cache_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.queries.documents, "CACHE_LIMIT", 2)
    catalog = DocumentCatalog(_labelled_store(LABELS))
    iris = list(SHOWN_LABELS)
    for ask in ([iris[0]], iris, iris[-2:], iris[:3], iris):
        assert catalog.labels(ask) == {iri: SHOWN_LABELS[iri] for iri in ask}
