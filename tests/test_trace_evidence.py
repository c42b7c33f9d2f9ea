"""A chain walked without its evidence, for its overview: the same links, and the evidence of any
link read afterwards is the one the walk with evidence gives."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape as html_escape
from pathlib import Path

import pytest

from benchmarks.generate import generate_corpus
from kg.api import KG, Trace


def _links(chain: Trace) -> set[tuple[str, str, str, int, int | None]]:
    return {(e.acting, e.acted_on, e.relation, e.depth, e.lag_days) for e in chain.edges}


def _evidence(chain: Trace) -> dict[tuple[str, str, str], tuple[str | None, str | None]]:
    return {(e.parent, e.child, e.relation): (e.evidence, e.source) for e in chain.edges}


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("trace-evidence")
    generate_corpus(300, 3, folder / "corpus", truth=False)
    with KG.open(folder / "store") as kg:
        kg.ingest([folder / "corpus" / "docs"], bulk=True)
    return folder / "store"


@pytest.fixture()
def synthetic_kg(synthetic_store: Path) -> Iterator[KG]:
    with KG.open(synthetic_store, read_only=True) as kg:
        yield kg


def _most_cited(kg: KG) -> list[str]:
    rows = kg.query(
        "PREFIX vk: <https://w3id.org/vankien/ontology#> SELECT ?d (COUNT(*) AS ?n) "
        "WHERE { ?c vk:citedDocument ?d } GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 5"
    )
    return [row["d"].value for row in rows.rows]  # type: ignore[union-attr]


@pytest.mark.parametrize("up", [False, True])
def test_the_walk_without_evidence_finds_the_same_links(synthetic_kg: KG, up: bool) -> None:
    for document in _most_cited(synthetic_kg):
        whole = synthetic_kg.trace(document, up=up)
        bare = synthetic_kg.trace(document, up=up, evidence_limit=0)
        assert _links(bare) == _links(whole)
        assert bare.nodes.keys() == whole.nodes.keys()
        assert all(e.evidence is None and e.source is None for e in bare.edges)


def test_evidence_read_afterwards_is_the_walks_own(synthetic_kg: KG) -> None:
    document = _most_cited(synthetic_kg)[0]
    whole = synthetic_kg.trace(document)
    assert any(e.evidence for e in whole.edges), "the corpus states sentences"
    bare = synthetic_kg.trace(document, evidence_limit=0)
    page = bare.edges[: len(bare.edges) // 2]
    synthetic_kg.read_evidence(bare, page)
    expected = _evidence(whole)
    for edge in page:
        assert (edge.evidence, edge.source) == expected[(edge.parent, edge.child, edge.relation)]
    assert all(e.evidence is None for e in bare.edges[len(page) :])


def test_a_long_chain_is_shown_bare_and_a_short_one_whole(
    synthetic_kg: KG, corpus_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _most_cited(synthetic_kg)[0]
    monkeypatch.setattr(KG, "overview_links", 5)
    long, overview = synthetic_kg.shown_trace(document)
    assert overview is not None and len(long.edges) > 5
    assert any(e.evidence is None and e.source is None for e in long.edges)
    first = min(e.depth for e in long.edges)  # the first level is read with its evidence
    assert any(e.evidence for e in long.edges if e.depth == first)
    deepest = max(e.depth for e in long.edges)
    assert all(e.evidence is None for e in long.edges if e.depth == deepest)
    monkeypatch.setattr(KG, "overview_links", 300)
    whole, no_overview = corpus_kg.shown_trace("25-NQ/TW@2013")
    assert no_overview is None
    assert _evidence(whole) == _evidence(corpus_kg.trace("25-NQ/TW@2013"))
    assert any(e.source for e in whole.edges)


def test_the_trace_page_of_a_long_chain_shows_evidence_for_its_rows(
    synthetic_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from starlette.testclient import TestClient

    from kg.web.app import create_app
    from kg.web.state import ServeSettings

    with KG.open(synthetic_store, read_only=True) as kg:
        document = _most_cited(kg)[0]
        first_rows = kg.trace(document).edges[:3]
    monkeypatch.setattr(KG, "overview_links", 5)
    app = create_app(ServeSettings(store=str(synthetic_store), loopback_only=False))
    with TestClient(app) as client:
        page = client.get("/trace", params={"id": document})
    assert page.status_code == 200, page.text
    assert "overview" in page.text.lower()
    shown = [e.evidence for e in first_rows if e.evidence]
    assert shown and any(html_escape(sentence) in page.text for sentence in shown)
