"""The three jobs on the sample corpus: trace a chain, find who cites a decision, check the graph.

Expected values come from reading the five plans (see data/corpus/SOURCES.md and the shared gold's
notes), not from running the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.api import KG
from kg.cli import app
from kg.errors import AmbiguousDocument, DocumentNotFound
from kg.namespaces import VK
from kg.queries.citations import Trace, TraceEdge
from kg.queries.coverage import chain_coverage, coverage_of, ingested_provinces
from kg.queries.documents import DocumentSummary
from kg.store import SelectResult

PLANS = {
    "bdvtw-1600-kh-2018.txt",
    "binhphuoc-36-kh-bdvtu-2021.txt",
    "haiduong-bdvtu-kh-hanh-dong-2021.txt",
    "haiphong-bdvtu-kh-2023.txt",
}


def _labels_by_relation(kg: KG, document: str) -> dict[str, set[str]]:
    result = kg.trace(document)
    out: dict[str, set[str]] = {}
    for edge in result.edges:
        node = result.nodes[edge.child]
        out.setdefault(edge.relation, set()).add(node.label)
    return out


def test_trace_of_the_2013_resolution_shows_its_chain(corpus_kg: KG) -> None:
    result = corpus_kg.trace("25-NQ/TW@2013")
    assert result.root.date == "2013-06-03"
    relations = _labels_by_relation(corpus_kg, "25-NQ/TW@2013")
    assert "43-KL/TW" in relations["continues"]
    assert {"82-KH/BDVTW", "1600-KH/BDVTW"} <= relations["reviews"]
    assert "36-KH/BDVTU" in relations["implements"]
    sources = {src.rsplit("/", 1)[-1] for node in result.nodes.values() for src in node.sources}
    assert {"haiphong-bdvtu-kh-2023.txt", "haiduong-bdvtu-kh-hanh-dong-2021.txt"} <= sources
    inspecting = [e for e in result.edges if e.relation == "inspects"]
    assert any("haiphong" in src for e in inspecting for src in result.nodes[e.child].sources), (
        "the Hải Phòng 2023 plan inspects the resolution"
    )


def test_trace_lag_is_days_from_the_parent(corpus_kg: KG) -> None:
    result = corpus_kg.trace("25-NQ/TW@2013")
    by_label = {result.nodes[e.child].label: e for e in result.edges}
    # 36-KH/BDVTU is dated 17/8/2021; the resolution 03/6/2013.
    assert by_label["36-KH/BDVTU"].lag_days == 2997


def _link(parent: str, child: str, relation: str, depth: int) -> TraceEdge:
    return TraceEdge(parent, child, child, parent, relation, depth, None, None, None)


def test_trace_levels_count_each_document_once_at_the_depth_it_is_reached() -> None:
    root = DocumentSummary("r")
    nodes = {iri: DocumentSummary(iri) for iri in ("r", "a", "b", "c")}
    edges = [
        _link("r", "a", "implements", 1),
        _link("r", "a", "reviews", 1),  # a second relation: a link, not a new document
        _link("r", "b", "implements", 1),
        _link("a", "c", "implements", 2),
        _link("a", "b", "continues", 2),  # b was reached a level above
        _link("c", "r", "reviews", 3),  # back to the root: never a document reached
    ]
    levels = Trace(root, nodes, edges).levels()
    counts = [(level.depth, level.documents, level.links) for level in levels]
    assert counts == [(1, 2, 3), (2, 1, 2), (3, 0, 1)]
    assert levels[0].to_json()["relations"] == {"implements": 2, "reviews": 1}
    assert list(levels[1].to_json()["relations"]) == ["implements", "continues"]


def test_a_long_trace_prints_an_overview_unless_the_tree_is_asked_for(
    corpus_kg: KG, corpus_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KG, "overview_links", 0)
    chain = corpus_kg.trace("25-NQ/TW@2013")
    asked = ["trace", "25-NQ/TW@2013", "--store", str(corpus_store)]
    overview = CliRunner().invoke(app, asked, terminal_width=200)
    assert overview.exit_code == 0, overview.output
    reached = f"{len(chain.nodes) - 1:,} documents through {len(chain.edges):,} links"
    printed = " ".join(overview.output.split())  # as wrapped at the console's width
    assert reached in printed
    assert "--tree prints every branch" in printed
    # The three provincial plans of the sample corpus, by the registry's names; of the other
    # 60 provinces the store holds no document, which is not a failure to implement.
    assert all(name in printed for name in ("Bình Phước", "Hải Dương", "Hải Phòng"))
    assert "60 provinces have no document in the store" in printed
    assert "Cà Mau" not in printed
    whole = CliRunner().invoke(app, [*asked, "--tree"], terminal_width=200)
    assert whole.exit_code == 0, whole.output
    assert "documents through" not in whole.output
    assert all(e.relation in whole.output for e in chain.edges)


def test_the_2003_resolution_is_a_different_document(corpus_kg: KG) -> None:
    older = corpus_kg.trace("25-NQ/TW@2003")
    assert older.root.date == "2003-03-12"
    relations = {(older.nodes[e.child].label, e.relation) for e in older.edges}
    assert ("18-CT/TW", "continues") in relations
    assert ("1600-KH/BDVTW", "reviews") in relations


def test_a_symbol_shared_by_two_documents_is_ambiguous(corpus_kg: KG) -> None:
    with pytest.raises(AmbiguousDocument) as caught:
        corpus_kg.trace("25-NQ/TW")
    assert len(caught.value.candidates) == 2
    assert any("2003" in line for line in caught.value.candidates)
    assert any("2013" in line for line in caught.value.candidates)


def test_unknown_documents_are_reported(corpus_kg: KG) -> None:
    with pytest.raises(DocumentNotFound):
        corpus_kg.find("999-NQ/TW")


def test_who_cites_217_lists_the_four_plans_with_sentences(corpus_kg: KG) -> None:
    rows = corpus_kg.cites("217-QĐ/TW")
    plan_rows = [r for r in rows if r.document.ingested]
    files = {src.rsplit("/", 1)[-1] for r in plan_rows for src in r.document.sources}
    assert files == PLANS
    for row in plan_rows:
        assert row.sentence and "217" in row.sentence
    dates = [r.document.date for r in rows if r.document.date]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_short_names_find_documents(corpus_kg: KG) -> None:
    assert corpus_kg.find("QĐ 217").symbol == "217-QĐ/TW"
    assert corpus_kg.find("Kết luận 43").symbol == "43-KL/TW"
    with pytest.raises(AmbiguousDocument):
        corpus_kg.find("Nghị quyết 25")


def test_check_reports_the_three_dates_of_217(corpus_kg: KG) -> None:
    report = corpus_kg.check()
    conflicts = [
        f for f in report.findings if f.check == "conflicting-dates" and "217-QĐ/TW" in f.message
    ]
    assert len(conflicts) == 1
    stated = {detail.split()[0] for detail in conflicts[0].details}
    assert {"2013-12-12", "2013-12-13", "2014-12-12"} <= stated


def test_search_ignores_diacritics_and_tone_placement(corpus_kg: KG) -> None:
    hits = corpus_kg.search("nghi quyet 25 dan van")
    assert any(h.document.symbol == "25-NQ/TW" for h in hits)
    symbols = {h.document.label for h in corpus_kg.search("Tỉnh uỷ Bình Phước")}
    assert symbols == {h.document.label for h in corpus_kg.search("tinh uy binh phuoc")}


def test_stats_count_documents_and_relations(corpus_kg: KG) -> None:
    result = corpus_kg.stats()
    assert result.totals["ingested_documents"] == 5
    assert result.groups["relation"]["reviews"] > 0
    assert result.groups["kind"]["ke-hoach"] >= 5


def test_stats_totals_agree_with_the_unresolved_references_check(corpus_kg: KG) -> None:
    totals = corpus_kg.stats().totals
    unresolved = corpus_kg.run_named("unresolved_references")
    assert isinstance(unresolved, SelectResult)
    assert totals["unresolved"] + totals["ambiguous"] == len(unresolved.rows) > 0
    assert totals["citations"] == totals["resolved"] + totals["ambiguous"] + totals["unresolved"]
    # Documents named only by the registry are not the corpus's: fewer than the graph holds.
    every = corpus_kg.store.query(
        f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{VK}Document> }}"
    )
    assert isinstance(every, SelectResult)
    assert 5 < totals["documents"] < int(every.rows[0]["n"].value)


def test_coverage_lists_every_province(corpus_kg: KG) -> None:
    before = corpus_kg.coverage("25-NQ/TW@2013", as_of="2024-12-31")
    provinces = [r for r in before.rows if r.level == "province"]
    assert len(provinces) == 63
    issued = {r.area for r in provinces if r.status == "issued"}
    assert {"Bình Phước", "Hải Dương", "Hải Phòng"} <= issued
    after = corpus_kg.coverage("25-NQ/TW@2013", as_of="2025-12-31")
    assert len([r for r in after.rows if r.level == "province"]) == 34
    merged = {r.area for r in after.rows if r.level == "province" and r.status == "issued"}
    assert {"Đồng Nai", "Hải Phòng"} <= merged


def test_coverage_tells_no_documents_from_none_implementing(corpus_kg: KG) -> None:
    # The Bình Phước plan cites 217-QĐ/TW without implementing it; the 1600 and the Hải Dương and
    # Hải Phòng plans implement or review it. Of the other provinces nothing was ingested.
    found = corpus_kg.coverage("217-QĐ/TW")
    status = {r.area: r.status for r in found.provinces}
    assert status["Bình Phước"] == "not_issued"
    assert status["Hải Dương"] == status["Hải Phòng"] == "issued"
    assert status["Cà Mau"] == "no_documents"
    assert sum(s == "no_documents" for s in status.values()) == 60
    # The provinces of the document's own date, and the map named.
    assert (found.provinces_on, found.grid) == ("2013-12-12", "63")
    assert "63 provinces before 1 July 2025" in found.headline()


def test_coverage_of_a_document_after_the_merger_uses_the_34(corpus_kg: KG) -> None:
    assert corpus_kg.coverage("217-QĐ/TW", as_of="2025-08-01").grid == "34"


def test_citations_carry_their_span_and_the_source_text_around_it(corpus_kg: KG) -> None:
    citers_of_217 = [c for c in corpus_kg.cites("217-QĐ/TW") if c.document.ingested]
    assert citers_of_217
    for citer in citers_of_217:
        assert [e.sentence for e in citer.evidence] == citer.sentences
        for evidence in citer.evidence:
            assert evidence.graph and evidence.start is not None and evidence.end is not None
            shown = corpus_kg.source_text(evidence.graph, evidence.start, evidence.end)
            assert "217" in shown.text.mention
            # A long sentence is stored as the part around the mention, "…" where it was cut.
            marked = shown.text.lead + shown.text.mention + shown.text.tail
            assert evidence.sentence.strip("…") == marked


def test_the_card_names_the_sources_of_each_conflicting_date(corpus_kg: KG) -> None:
    conflicts = corpus_kg.show("217-QĐ/TW").conflicts["date"]
    sources = {v.value: v.sources for v in conflicts}
    # 36-KH/BDVTU dates 217-QĐ/TW 13/12/2013; the 1600 plan 12/12/2013.
    assert "binhphuoc-36-kh-bdvtu-2021.txt" in sources["2013-12-13"]
    assert "bdvtw-1600-kh-2018.txt" in sources["2013-12-12"]


def test_the_overview_is_decided_once_for_every_front_end(
    corpus_kg: KG, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain = corpus_kg.trace("25-NQ/TW@2013")
    assert corpus_kg.overview(chain) is None, "seven links read as a tree"
    monkeypatch.setattr(KG, "overview_links", 3)
    overview = corpus_kg.overview(chain)
    assert overview is not None and overview.spread is not None
    assert sum(level.links for level in overview.levels) == len(chain.edges)
    upward = corpus_kg.trace("36-KH/BDVTU", up=True)
    up_overview = corpus_kg.overview(upward)
    assert up_overview is not None and up_overview.spread is None  # no provinces going up


@pytest.mark.parametrize("document", ["25-NQ/TW@2013", "217-QĐ/TW"])
def test_the_overview_counts_every_province_the_store_has_read(
    corpus_kg: KG, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    # The overview asks the store only about the provinces its chain's documents are not of:
    # its coverage is the one that asks about every province read, as of any date.
    monkeypatch.setattr(KG, "overview_links", 3)
    chain = corpus_kg.trace(document)
    read = ingested_provinces(corpus_kg.catalog)
    assert len(read) >= 3
    overview = corpus_kg.overview(chain)
    assert overview is not None and overview.spread is not None
    everything = coverage_of(chain, corpus_kg.registry, read)
    assert overview.spread.to_json() == everything.to_json()
    for as_of in ("2024-12-31", "2025-08-01"):
        shown = chain_coverage(corpus_kg.catalog, corpus_kg.registry, chain, as_of)
        assert shown.to_json() == coverage_of(chain, corpus_kg.registry, read, as_of).to_json()
    among = [p.iri for p in corpus_kg.registry.provinces if p.id != "binh-phuoc"]
    assert ingested_provinces(corpus_kg.catalog, among) == read & set(among)


def test_search_counts_every_document_found_and_shows_the_first(corpus_kg: KG) -> None:
    everything = corpus_kg.search("dan van", limit=1000)
    first = corpus_kg.search("dan van", limit=5)
    assert len(first) == 5 and first.total == everything.total == len(everything) > 5
    assert [r.document.iri for r in first] == [r.document.iri for r in everything][:5]
    assert f"{everything.total} documents match" in first.headline()


def test_search_shows_the_text_that_matched_with_the_words_marked(corpus_kg: KG) -> None:
    found = corpus_kg.search("giam sat phan bien")
    assert found.results
    for result in found:
        assert result.field in {"title", "symbol", "issuer", "sentence"}
        document = result.document
        shown = {document.title, document.symbol, document.issuer}
        shown |= {stated.value for stated in document.titles}  # as some source gives it
        assert result.text in shown or result.field == "sentence"
        marked = {fold_word(result.text[a:b]) for a, b in result.marks}
        assert marked and marked <= {"giam", "sat", "phan", "bien"}


def fold_word(text: str) -> str:
    from kg.textnorm import ascii_fold

    return ascii_fold(text)


def test_search_puts_the_document_a_symbol_names_first(corpus_kg: KG) -> None:
    found = corpus_kg.search("217-qd/tw")
    assert found.results[0].document.symbol == "217-QĐ/TW"
    assert found.results[0].field == "symbol"
    assert found.results[0].marks == [(0, 3), (4, 6), (7, 9)]  # 217, QĐ, TW


def test_labels_say_the_year_where_a_symbol_names_two_documents(corpus_kg: KG) -> None:
    chain = corpus_kg.network(trace_of="25-NQ/TW@2013", depth=0)
    assert chain.graph["title"] == "Chuỗi thực hiện 25-NQ/TW@2013"
    assert corpus_kg.coverage("25-NQ/TW@2013").root.label == "25-NQ/TW@2013"
    messages = [f.message for f in corpus_kg.check().findings]
    about_25 = [m for m in messages if "25-NQ/TW" in m]
    assert about_25 and all("25-NQ/TW@20" in m for m in about_25)
    assert corpus_kg.find("217-QĐ/TW").label == "217-QĐ/TW", "a symbol of one document alone"


def test_coverage_marks_a_province_known_only_through_a_report(tmp_path: Path) -> None:
    # A news page reports Sơn La's plan; Lào Cai's own plan is ingested. Both took 25-NQ/TW up,
    # but only Lào Cai's is read from its own text.
    (tmp_path / "news.txt").write_text(
        "Sơn La triển khai công tác dân vận\n\nNgày 12/5/2014, Ban Thường vụ Tỉnh ủy Sơn La ban "
        "hành Kế hoạch số 185-KH/TU thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban "
        "Chấp hành Trung ương Đảng về công tác dân vận trong tình hình mới.\n",
        encoding="utf-8",
    )
    (tmp_path / "plan.txt").write_text(
        "TỈNH ỦY LÀO CAI\n*\nSố 40-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nLào Cai, ngày 20 tháng 8 "
        "năm 2013\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp "
        "hành Trung ương Đảng khóa XI về công tác dân vận\n",
        encoding="utf-8",
    )
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([tmp_path / "news.txt", tmp_path / "plan.txt"])
        rows = {r.area: r for r in kg.coverage("25-NQ/TW@2013").provinces}
    assert rows["Sơn La"].status == rows["Lào Cai"].status == "issued"
    assert rows["Sơn La"].known_from == "report"
    assert rows["Lào Cai"].known_from == "own_text"
    assert rows["Cà Mau"].known_from is None
    assert rows["Sơn La"].to_json()["known_from"] == "report"
