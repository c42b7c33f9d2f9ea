"""A chain walked without its evidence, for its overview: the same links, and the evidence of any
link read afterwards is the one the walk with evidence gives. Of the citations stating one link,
every answer shows the earliest, whatever order the store gives them in."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape as html_escape
from pathlib import Path

import pytest

from benchmarks.generate import generate_corpus
from kg.api import KG, Trace
from tests.row_order import reverse_rows


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
    whole_chain = synthetic_kg.trace(document)
    first_level = [e for e in whole_chain.edges if e.depth == 1]
    assert len(first_level) < len(whole_chain.edges)
    # A limit the first level fits in: it is read with its evidence, the levels past it bare.
    monkeypatch.setattr(KG, "overview_links", len(first_level))
    long, overview = synthetic_kg.shown_trace(document)
    assert overview is not None
    first = {(e.parent, e.child, e.relation) for e in first_level}
    expected = {
        key: value if key in first else (None, None)
        for key, value in _evidence(whole_chain).items()
    }
    assert any(sentence for sentence, _ in expected.values())
    assert _evidence(long) == expected
    # One link fewer: the first level alone passes it, and is read bare too.
    monkeypatch.setattr(KG, "overview_links", len(first_level) - 1)
    long, overview = synthetic_kg.shown_trace(document)
    assert overview is not None
    assert all(e.evidence is None and e.source is None for e in long.edges)
    monkeypatch.setattr(KG, "overview_links", 300)
    whole, no_overview = corpus_kg.shown_trace("25-NQ/TW@2013")
    assert no_overview is None
    assert _evidence(whole) == _evidence(corpus_kg.trace("25-NQ/TW@2013"))
    assert any(e.source for e in whole.edges)


def test_the_overview_of_a_long_chain_counts_every_province_read(
    synthetic_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The overview asks the store only about the provinces none of its chain's documents is
    # of: its coverage is the one that asks about every province the store has read.
    from kg.queries.coverage import chain_coverage, coverage_of, ingested_provinces

    monkeypatch.setattr(KG, "overview_links", 5)
    kg, read = synthetic_kg, ingested_provinces(synthetic_kg.catalog)
    statuses = set()
    for document in _most_cited(kg):
        chain, overview = kg.shown_trace(document)
        assert overview is not None and overview.spread is not None
        expected = coverage_of(chain, kg.registry, read).to_json()
        assert overview.spread.to_json() == expected
        statuses |= {row["status"] for row in expected["rows"]}
        merged = chain_coverage(kg.catalog, kg.registry, chain, "2025-08-01").to_json()
        assert merged == coverage_of(chain, kg.registry, read, "2025-08-01").to_json()
    assert {"issued", "not_issued"} <= statuses


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


# One link stated three times: 40-KH/TU implements 25-NQ/TW, in its title and again in its body
# in one file, and in the title of a second file of the same plan (read first, and whose path
# sorts last). Every answer shows the earliest: the first file by path, its first mention.
_PLAN_HEAD = (
    "TỈNH ỦY LÀO CAI\n*\nSố 40-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nLào Cai, ngày 20 tháng 8 năm "
    "2013\n\nKẾ HOẠCH\n{verb} Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung "
    "ương Đảng khóa XI về công tác dân vận\n\n"
)
_TITLE = "thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI"
_BODY = "Các huyện ủy xây dựng kế hoạch thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 năm 2014."
_LATER_FILE = "triển khai " + _TITLE


@pytest.fixture(scope="module")
def twice_stated_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A store of the plan read from two files; the store, and the file that sorts first."""
    folder = tmp_path_factory.mktemp("twice-stated")
    earlier, later = folder / "a-tinh" / "plan.txt", folder / "b-huyen" / "plan.txt"
    texts = {
        later: _PLAN_HEAD.format(verb="triển khai thực hiện"),
        earlier: _PLAN_HEAD.format(verb="thực hiện") + "I. NỘI DUNG\n" + _BODY + "\n",
    }
    with KG.open(folder / "store") as kg:
        for path, text in texts.items():  # the later file first
            path.parent.mkdir()
            path.write_text(text, encoding="utf-8")
            assert kg.ingest([path]).count("ingested") == 1
    return folder / "store", earlier


@pytest.fixture(params=["as the store gives them", "reversed"])
def twice_stated(
    request: pytest.FixtureRequest,
    twice_stated_store: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[KG, str]]:
    """The store of `twice_stated_store` with the rows of every SELECT in the engine's order,
    then reversed: whichever row comes first in one comes last in the other, so an answer that
    showed the first row would show a later citation in one of the two."""
    store, earlier = twice_stated_store
    with KG.open(store, read_only=True) as kg:
        if request.param == "reversed":
            reverse_rows(kg, monkeypatch)
        yield kg, str(earlier)


def _is_title(sentence: str | None) -> bool:
    """The earliest citation's sentence: the earlier file's title, not the later file's."""
    return sentence is not None and _TITLE in sentence and _LATER_FILE not in sentence


def test_every_answer_shows_the_earliest_citation_of_a_link(
    twice_stated: tuple[KG, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kg, earlier = twice_stated
    (citer,) = kg.cites("25-NQ/TW@2013")
    assert citer.relation == "implements"
    assert _is_title(citer.sentence) and citer.source == earlier
    # Every sentence, by file, then in the order written.
    assert [e.source == earlier for e in citer.evidence] == [True, True, False]
    assert _is_title(citer.evidence[0].sentence) and _BODY in citer.sentences[1]
    assert _LATER_FILE in citer.sentences[2]

    for chain in (kg.trace("25-NQ/TW@2013"), kg.trace("40-KH/TU", up=True)):
        (edge,) = chain.edges
        assert _is_title(edge.evidence) and edge.source == earlier

    monkeypatch.setattr(KG, "overview_links", 0)
    bare, overview = kg.shown_trace("25-NQ/TW@2013")
    assert overview is not None and bare.edges[0].evidence is None
    kg.read_evidence(bare)
    assert _is_title(bare.edges[0].evidence) and bare.edges[0].source == earlier

    card = kg.show("40-KH/TU")
    assert [_is_title(c.sentence) for c in card.cites] == [True, False, False]
    assert card.cites[0].source == earlier
    (citing,) = kg.show("25-NQ/TW@2013").cited_by
    assert _is_title(citing.sentence) and citing.source == earlier

    plan, resolution = kg.find("40-KH/TU").iri, kg.find("25-NQ/TW@2013").iri
    for network in (
        kg.network(focus="40-KH/TU", depth=1),
        kg.network(cites_of="25-NQ/TW@2013"),
        kg.network(),
    ):
        assert _is_title(network.edges[plan, resolution, "implements"]["evidence"])


def test_the_collector_waits_while_a_chain_is_walked_and_runs_again_after(
    synthetic_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cyclic garbage collector is paused while a chain is walked and its overview made,
    and runs again after, also when the walk fails; a pause within a pause ends with the
    outer one."""
    import gc

    from kg.collector import collector_paused
    from kg.queries.documents import DocumentCatalog

    document = _most_cited(synthetic_kg)[0]
    running: list[bool] = []
    summaries = DocumentCatalog.summaries

    def watched(self: DocumentCatalog, *args: object, **kwargs: object) -> object:
        running.append(gc.isenabled())
        return summaries(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DocumentCatalog, "summaries", watched)
    monkeypatch.setattr(KG, "overview_links", 5)
    assert gc.isenabled()
    chain, overview = synthetic_kg.shown_trace(document)
    assert overview is not None and len(chain.edges) > 5
    assert running and not any(running)
    assert gc.isenabled()

    def failing(*_: object, **__: object) -> None:
        raise RuntimeError("the store went away")

    monkeypatch.setattr(DocumentCatalog, "chain_edges", failing)
    with pytest.raises(RuntimeError):
        synthetic_kg.shown_trace(document)
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_answers_built_on_a_chain_are_the_same_walked_without_its_sentences(
    synthetic_kg: KG, corpus_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Coverage, the reviews due of a document and a body's follow-up use a chain's documents
    and relations only, and walk it without its sentences: the same answers as from the chain
    walked with every link's sentence."""
    import kg.followup.body
    import kg.followup.due
    import kg.queries.coverage
    from kg.queries.citations import trace

    def answers() -> list[object]:
        found: list[object] = []
        for document in _most_cited(synthetic_kg)[:3]:
            found.append(synthetic_kg.coverage(document).to_json())
            found.append(synthetic_kg.due(document, as_of="2030-01-01").to_json())
        found.append(corpus_kg.coverage("25-NQ/TW@2013").to_json())
        found.append(corpus_kg.due("25-NQ/TW@2013", as_of="2030-01-01").to_json())
        body = corpus_kg.body_followup("Ban Dân vận Tỉnh ủy Bình Phước", as_of="2030-01-01")
        found.append(body.to_json())
        return found

    bare = answers()
    walks: list[int | None] = []

    def with_sentences(*args: object, **kwargs: object) -> object:
        walks.append(kwargs.pop("evidence_limit", None))  # type: ignore[arg-type]
        return trace(*args, **kwargs)  # type: ignore[arg-type]

    for module in (kg.followup.body, kg.followup.due, kg.queries.coverage):
        monkeypatch.setattr(module, "trace", with_sentences)
    assert answers() == bare
    assert walks and set(walks) == {0}  # each of them walked bare before
