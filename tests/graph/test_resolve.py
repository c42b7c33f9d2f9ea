"""Identity resolution: one identity per real document, the reason, and no guessing."""

from __future__ import annotations

import pytest

from kg.extract.model import Congress, DocumentInfo, Extraction, Plenum, Reference
from kg.identity import DocumentId, source_graph_iri
from kg.registry import Registry, RegistryDocument, load_registry
from kg.resolve import KnownDocument, KnownDocuments, Outcome, identify, resolve
from kg.textnorm import fold, slugify

from .gold import coreference_agreement, gold_available, load_gold

BASE = "https://w3id.org/vankien/"
NQ25_2003 = BASE + "doc/tw/nghi-quyet/2003/25"
NQ25_2013 = BASE + "doc/tw/nghi-quyet/2013/25"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _plan(text: str, *references: Reference, **document: str) -> Extraction:
    info = DocumentInfo(kind="ke-hoach", **document)
    return Extraction("plan.txt", "", info, list(references), text=text)


def _outcome(
    extraction: Extraction, ref: Reference, registry: Registry, known: KnownDocuments | None = None
) -> Outcome:
    """What resolution says of one reference of `extraction`."""
    return resolve(extraction, registry, known).outcome(ref.id)


def _annotated(
    extraction: Extraction, registry: Registry, known: KnownDocuments | None = None
) -> dict[int, Reference]:
    """The references as the contract shows them once resolved, by id."""
    annotated = resolve(extraction, registry, known).annotate(extraction)
    return {ref.id: ref for ref in annotated.references}


def document_iri(
    extraction: Extraction, registry: Registry, known: KnownDocuments | None = None
) -> str:
    return identify(extraction, registry, known).iri


def doc_iri(scope: str, kind: str, year: int, number: str) -> str:
    return DocumentId.numbered(tuple(scope.split("/")), kind, year, number).iri


def _ref(ref_id: int, surface: str, text: str, **fields: object) -> Reference:
    start = text.index(surface)
    return Reference(
        id=ref_id,
        start=start,
        end=start + len(surface),
        surface=surface,
        kind=str(fields.pop("kind", "nghi-quyet")),
        **fields,
    )


@pytest.mark.skipif(not gold_available(), reason="shared gold (../shared) not found")
def test_gold_identities_agree_by_coreference(registry: Registry) -> None:
    gold: list[str | None] = []
    predicted: list[str | None] = []
    for document in load_gold():
        resolution = resolve(document.extraction, registry)
        gold += document.gold_identities
        predicted += [resolution.outcome(ref.id).iri for ref in document.extraction.references]
    score, wrong = coreference_agreement(gold, predicted)
    assert score >= 0.98, wrong[:10]


@pytest.mark.skipif(not gold_available(), reason="shared gold (../shared) not found")
def test_gold_traps(registry: Registry) -> None:
    documents = {
        d.extraction.source.split("-")[0] + d.extraction.source.split("-")[1]: d
        for d in load_gold()
    }
    annotated = {
        name: resolve(d.extraction, registry).annotate(d.extraction)
        for name, d in documents.items()
    }
    central = annotated["bdvtw1600"].references
    assert central[8].resolved == NQ25_2003  # "về tiếp tục thực hiện NQ 25 về công tác tôn giáo"
    assert central[30].resolved == NQ25_2003  # "tổng kết 15 năm thực hiện" in a 2018 plan
    assert {central[i].resolved for i in (3, 4, 17, 26, 29, 34, 43, 50)} == {NQ25_2013}
    assert central[16].resolved != central[37].resolved  # plenum TW6-XII vs 18-NQ/TW
    assert central[49].resolved is None and central[49].year is None  # 26-KL/TW
    haiduong = annotated["haiduongbdvtu"].references
    assert haiduong[23].resolved == central[39].resolved  # 217-QĐ/TW dated 12/12/2014
    assert haiduong[23].year == 2014  # the stated year stays
    assert any("2014-12-12" in w for w in haiduong[23].warnings)
    binhphuoc = annotated["binhphuoc36"].references
    assert binhphuoc[26].resolved == BASE + "doc/tw/nghi-quyet/2003/24"
    assert binhphuoc[28].resolved == NQ25_2003


def test_a_bare_shared_symbol_keeps_both_candidates(registry: Registry) -> None:
    text = "Tiếp tục quán triệt Nghị quyết số 25-NQ/TW của Trung ương."
    ref = _ref(0, "Nghị quyết số 25-NQ/TW", text, number="25", symbol="25-NQ/TW")
    outcome = _outcome(_plan(text, ref, date="2019-05-01"), ref, registry)
    assert outcome.target is None
    assert [c.iri for c in outcome.candidates] == [NQ25_2003, NQ25_2013]
    assert "ambiguous" in outcome.reason
    assert outcome.confidence == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("fields", "expected", "evidence"),
    [
        ({"date": "2003-03-12"}, NQ25_2003, "stated date"),
        ({"title": "công tác tôn giáo"}, NQ25_2003, "title"),
        ({"term": "XI"}, NQ25_2013, "term"),
        ({"elapsed_years": 10}, NQ25_2013, "10 years before 2023"),
    ],
)
def test_each_kind_of_evidence_decides(
    registry: Registry, fields: dict[str, object], expected: str, evidence: str
) -> None:
    text = "Thực hiện Nghị quyết số 25-NQ/TW."
    ref = _ref(0, "Nghị quyết số 25-NQ/TW", text, number="25", symbol="25-NQ/TW", **fields)
    annotated = _annotated(_plan(text, ref, date="2023-05-18"), registry)
    assert annotated[ref.id].resolved == expected
    assert annotated[ref.id].resolution_reason and annotated[ref.id].resolution_reason.startswith(
        evidence
    )
    assert annotated[ref.id].year == int(expected.split("/")[-2])


def test_review_arithmetic_is_read_from_the_text_when_the_extractor_gave_none(
    registry: Registry,
) -> None:
    text = "Tổng kết 20 năm thực hiện Nghị quyết số 25-NQ/TW."
    ref = _ref(0, "Nghị quyết số 25-NQ/TW", text, number="25", symbol="25-NQ/TW")
    annotated = _annotated(_plan(text, ref, date="2023-03-01"), registry)
    assert annotated[ref.id].resolved == NQ25_2003


def test_a_stated_term_no_candidate_has_leaves_it_unresolved(registry: Registry) -> None:
    text = "Nghị quyết số 25-NQ/TW khóa XIII"
    ref = _ref(0, text, text, number="25", symbol="25-NQ/TW", term="XIII")
    annotated = _annotated(_plan(text, ref), registry)
    assert annotated[ref.id].resolved is None and annotated[ref.id].candidates == []


def test_a_short_form_takes_its_antecedents_identity(registry: Registry) -> None:
    text = "Nghị quyết số 25-NQ/TW, ngày 12/3/2003 ... Nghị quyết số 25"
    full = _ref(
        0,
        "Nghị quyết số 25-NQ/TW, ngày 12/3/2003",
        text,
        number="25",
        symbol="25-NQ/TW",
        date="2003-03-12",
    )
    start = text.rindex("Nghị quyết số 25")
    short = Reference(
        1, start, len(text), text[start:], "nghi-quyet", number="25", short_form=True, antecedent=0
    )
    annotated = _annotated(_plan(text, full, short, date="2018-02-28"), registry)
    assert annotated[short.id].resolved == NQ25_2003
    assert annotated[short.id].resolution_reason == "antecedent ref 0"


def test_documents_already_in_the_graph_are_candidates() -> None:
    class Graph:
        def lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
            doc = KnownDocument(
                BASE + "doc/tw/chi-thi/2016/7", "chi-thi", "07", "07-CT/TW", "2016-09-05", "XII"
            )
            return [doc] if symbol == "07-CT/TW" else []

    text = "Chỉ thị số 07-CT/TW"
    ref = _ref(0, text, text, kind="chi-thi", number="07", symbol="07-CT/TW")
    annotated = _annotated(_plan(text, ref), Registry(), Graph())
    assert annotated[ref.id].resolved == BASE + "doc/tw/chi-thi/2016/7"
    assert annotated[ref.id].resolution_reason == "only graph entry (graph)"


def test_a_wrong_day_in_the_right_term_joins_the_registered_document(
    registry: Registry,
) -> None:
    text = "Quyết định số 217-QĐ/TW, ngày 12/12/2014"
    ref = _ref(
        0, text, text, kind="quyet-dinh", number="217", symbol="217-QĐ/TW", date="2014-12-12"
    )
    annotated = _annotated(_plan(text, ref), registry)
    assert annotated[ref.id].resolved == BASE + "doc/tw/quyet-dinh/2013/217"


def test_local_symbols_are_qualified_by_province(registry: Registry) -> None:
    iris = []
    for issuer in ("Ban Dân vận Tỉnh ủy Bình Phước", "Ban Dân vận Tỉnh ủy Hải Dương"):
        text = "Nghị quyết số 05-NQ/TU, ngày 05/8/2021 của Tỉnh ủy"
        ref = _ref(0, text, text, number="05", symbol="05-NQ/TU", date="2021-08-05")
        annotated = _annotated(_plan(text, ref, issuer=issuer), registry)
        iris.append(annotated[ref.id].resolved)
    assert iris == [
        BASE + "doc/binh-phuoc/tu/nghi-quyet/2021/5",
        BASE + "doc/hai-duong/tu/nghi-quyet/2021/5",
    ]


def _district_plan(parent: str, issuer: str, place: str) -> Extraction:
    info = DocumentInfo(
        kind="ke-hoach",
        number="3",
        symbol="3-KH/HU",
        date="2006-04-12",
        issuer=issuer,
        place=place,
        parent=parent,
    )
    return Extraction("plan.txt", "", info)


def test_district_plans_sharing_a_number_stay_apart(registry: Registry) -> None:
    # Every district numbers its plans from 1: the same "3-KH/HU" of the same year is a
    # different plan in each district, and "Châu Thành" is a district of several provinces.
    plans = [
        ("Đảng bộ tỉnh Hải Dương", "Huyện ủy Thanh Hà", "Thanh Hà"),
        ("Đảng bộ tỉnh Hải Dương", "Huyện ủy Kim Thành", "Kim Thành"),
        ("Đảng bộ tỉnh Tiền Giang", "Huyện ủy Châu Thành", "Châu Thành"),
        ("Đảng bộ tỉnh Bến Tre", "Huyện uỷ Châu Thành", "Châu Thành"),
    ]
    iris = [document_iri(_district_plan(*plan), registry) for plan in plans]
    assert iris == [
        BASE + "doc/hai-duong/thanh-ha/hu/ke-hoach/2006/3",
        BASE + "doc/hai-duong/kim-thanh/hu/ke-hoach/2006/3",
        BASE + "doc/tien-giang/chau-thanh/hu/ke-hoach/2006/3",
        BASE + "doc/ben-tre/chau-thanh/hu/ke-hoach/2006/3",
    ]


def test_a_district_named_like_a_province_is_placed_by_its_parent(registry: Registry) -> None:
    plan = _district_plan("Đảng bộ tỉnh Bạc Liêu", "Huyện ủy Hòa Bình", "Hòa Bình")
    assert document_iri(plan, registry) == BASE + "doc/bac-lieu/hoa-binh/hu/ke-hoach/2006/3"


def test_a_district_commission_without_its_province_in_the_header_is_placed_by_its_text(
    registry: Registry,
) -> None:
    # "HUYỆN ỦY THANH HÀ / BAN DÂN VẬN": the header stops at the district committee.
    text = (
        "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Hải Dương lần thứ XVII và Kế hoạch của Tỉnh ủy "
        "Hải Dương; phối hợp với Ban Dân vận Huyện ủy Thanh Hà, tỉnh Hải Dương."
    )
    info = DocumentInfo(
        kind="ke-hoach", number="3", symbol="3-KH/BDVHU", date="2006-04-12",
        issuer="Ban Dân vận Huyện ủy Thanh Hà", place="Thanh Hà",
    )  # fmt: skip
    plan = Extraction("plan.txt", "", info, text=text)
    assert document_iri(plan, registry) == BASE + "doc/hai-duong/thanh-ha/bdvhu/ke-hoach/2006/3"
    # Without a province anywhere, the plan keeps an identity of its own: two texts with the
    # same header but no province never share one "unknown" node.
    alone = Extraction("a.txt", "a" * 64, info, text="Phối hợp với các đoàn thể huyện.")
    other = Extraction("b.txt", "b" * 64, info, text="Phối hợp với các đoàn thể huyện.")
    first, second = document_iri(alone, registry), document_iri(other, registry)
    assert first.startswith(BASE + "doc/unplaced/") and first.endswith("/bdvhu/ke-hoach/2006/3")
    assert first != second and "unknown" not in first


def test_a_city_committee_below_a_province_numbers_apart_from_the_province(
    registry: Registry,
) -> None:
    city = Extraction(
        "plan.txt",
        "",
        DocumentInfo(
            kind="ke-hoach",
            number="12",
            symbol="12-KH/TU",
            date="2021-03-01",
            issuer="Thành ủy Thủ Dầu Một",
            parent="Đảng bộ tỉnh Bình Dương",
        ),
    )
    capital = Extraction(
        "plan.txt",
        "",
        DocumentInfo(
            kind="ke-hoach", number="12", symbol="12-KH/TU", date="2021-03-01",
            issuer="Thành ủy Hà Nội",
        ),
    )  # fmt: skip
    assert document_iri(city, registry) == BASE + "doc/binh-duong/thu-dau-mot/tu/ke-hoach/2021/12"
    assert document_iri(capital, registry) == BASE + "doc/ha-noi/tu/ke-hoach/2021/12"


def test_a_district_committees_symbol_means_the_citing_districts_own(
    registry: Registry,
) -> None:
    text = "Thực hiện Kế hoạch số 3-KH/HU ngày 12/4/2006 của Ban Thường vụ Huyện ủy"
    ref = _ref(0, "Kế hoạch số 3-KH/HU", text, kind="ke-hoach", number="3", symbol="3-KH/HU",
               date="2006-04-12", issuer="Ban Thường vụ Huyện ủy")  # fmt: skip
    plan = _plan(text, ref, issuer="Ban Dân vận Huyện ủy Thanh Hà", parent="Đảng bộ tỉnh Hải Dương")
    annotated = _annotated(plan, registry)
    assert annotated[ref.id].resolved == BASE + "doc/hai-duong/thanh-ha/hu/ke-hoach/2006/3"
    # Read in a provincial text, the same words cannot say which district's plan it is: one
    # "unknown district" node would merge every district's plan 3 of 2006. The plan keeps an
    # identity of its own, scoped by the text that names it.
    provincial = _plan(text, ref, issuer="Ban Dân vận Tỉnh ủy Hải Dương")
    provincial.sha256 = "1" * 64
    elsewhere = _plan(text, ref, issuer="Ban Dân vận Tỉnh ủy Hải Dương")
    elsewhere.sha256 = "2" * 64
    first = _outcome(provincial, ref, registry)
    second = _outcome(elsewhere, ref, registry)
    assert first.target is not None and first.target.unplaced
    assert first.iri != second.iri


def test_a_local_symbol_never_joins_another_places_document() -> None:
    class Graph:
        def lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
            return [
                KnownDocument(BASE + "doc/hai-phong/tu/ke-hoach/2022/12", "ke-hoach", "12",
                              "12-KH/TU", "2022-05-04"),
                KnownDocument(BASE + "doc/hai-duong/kim-thanh/hu/ke-hoach/2022/12", "ke-hoach",
                              "12", "12-KH/HU", "2022-05-04"),
            ]  # fmt: skip

    registry = load_registry()
    for symbol, parent, issuer, expected in (
        ("12-KH/TU", None, "Ban Dân vận Tỉnh ủy Bình Phước", "binh-phuoc/tu"),
        ("12-KH/HU", "Đảng bộ tỉnh Hải Dương", "Huyện ủy Thanh Hà", "hai-duong/thanh-ha/hu"),
    ):
        text = f"Kế hoạch số {symbol} ngày 04/5/2022"
        ref = _ref(0, text, text, kind="ke-hoach", number="12", symbol=symbol, date="2022-05-04")
        plan = _plan(text, ref, issuer=issuer, date="2023-01-05")
        plan.document.parent = parent
        annotated = _annotated(plan, registry, Graph())
        assert annotated[ref.id].resolved == f"{BASE}doc/{expected}/ke-hoach/2022/12", annotated[
            ref.id
        ].resolution_reason


def test_congresses_and_plenums_get_their_own_identities(registry: Registry) -> None:
    text = (
        "Nghị quyết Đại hội XIII; Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI; "
        "Nghị quyết Trung ương 4"
    )
    national = Reference(0, 0, 23, text[0:23], "nghi-quyet", congress=Congress("XIII", "toan-quoc"))
    local = Reference(1, 25, 66, text[25:66], "nghi-quyet", congress=Congress("XI", "tinh"))
    plenum = Reference(2, 68, len(text), text[68:], "nghi-quyet", plenum=Plenum(4))
    extraction = _plan(
        text, national, local, plenum, date="2018-03-01", issuer="Ban Dân vận Tỉnh ủy Bình Phước"
    )
    annotated = _annotated(extraction, registry)
    assert annotated[national.id].resolved == BASE + "doc/tw/nghi-quyet/dai-hoi/xiii"
    assert annotated[national.id].year == 2021
    assert annotated[local.id].resolved == BASE + "doc/binh-phuoc/tu/nghi-quyet/dai-hoi/xi"
    assert (
        annotated[plenum.id].resolved == BASE + "doc/tw/nghi-quyet/khoa-xii/hoi-nghi-4"
    )  # term of 2018


def test_a_district_congress_is_the_districts_not_the_provinces(registry: Registry) -> None:
    text = "Nghị quyết Đại hội Đảng bộ huyện lần thứ XIV"
    congress = Congress("XIV", "huyen")
    ref = Reference(0, 0, len(text), text, "nghi-quyet", congress=congress)
    district = _plan(text, ref, date="2021-03-01", issuer="Huyện ủy Thanh Hà")
    district.document.parent = "Đảng bộ tỉnh Hải Dương"
    annotated = _annotated(district, registry)
    assert annotated[ref.id].resolved == BASE + "doc/hai-duong/thanh-ha/tu/nghi-quyet/dai-hoi/xiv"
    # A province's text that does not say which district's congress is neither the province's
    # own congress nor one node shared by every district's.
    annotated = _annotated(_plan(text, ref, issuer="Ban Dân vận Tỉnh ủy Hải Dương"), registry)
    assert annotated[ref.id].resolved is None


def test_a_text_never_cites_a_document_issued_after_it(registry: Registry) -> None:
    # The registry knows one 23-CT/TW, of 2013; a plan of 2005 means an earlier directive 23.
    text = "Thực hiện Chỉ thị số 23-CT/TW của Ban Bí thư"
    ref = _ref(0, "Chỉ thị số 23-CT/TW", text, kind="chi-thi", number="23", symbol="23-CT/TW")
    annotated = _annotated(_plan(text, ref, date="2005-06-01"), registry)
    assert annotated[ref.id].resolved != BASE + "doc/tw/chi-thi/2013/23"
    annotated = _annotated(_plan(text, ref, date="2018-06-01"), registry)
    assert annotated[ref.id].resolved == BASE + "doc/tw/chi-thi/2013/23"


def test_document_iris_are_readable_stable_and_follow_the_base(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    numbered = _plan(
        "",
        symbol="36-KH/BDVTU",
        number="36",
        date="2021-08-17",
        issuer="Ban Dân vận Tỉnh ủy Bình Phước",
        place="Bình Phước",
    )
    assert document_iri(numbered, registry) == BASE + "doc/binh-phuoc/bdvtu/ke-hoach/2021/36"
    unnumbered = _plan(
        "", issuer="Ban Dân vận Thành ủy Hải Phòng", title="Kế hoạch công tác dân vận năm 2023"
    )
    first = document_iri(unnumbered, registry)
    assert first.startswith(BASE + "doc/hai-phong/bdvtu/ke-hoach/2023/ke-hoach-cong-tac-dan-van")
    assert document_iri(unnumbered, registry) == first
    monkeypatch.setenv("KG_BASE_IRI", "http://example.org/kg")
    assert (
        doc_iri("tw", "nghi-quyet", 2013, "25") == "http://example.org/kg/doc/tw/nghi-quyet/2013/25"
    )
    assert source_graph_iri("a/b.txt").startswith("http://example.org/kg/graph/source/b-txt-")


def test_leading_zeros_do_not_split_a_document() -> None:
    assert doc_iri("tw", "chi-thi", 2016, "05") == doc_iri("tw", "chi-thi", 2016, "5")


def test_match_keys_absorb_tone_placement_and_composition() -> None:
    decomposed = "Tỉnh uỷ Bình Phước khoá XI".replace("ư", "u\u031b")
    assert fold(decomposed) == fold("TỈNH ỦY BÌNH PHƯỚC KHÓA XI")
    assert fold("hoàn") == "hoàn"
    assert slugify("Ban Dân vận Tỉnh ủy Bình Phước") == "ban-dan-van-tinh-uy-binh-phuoc"


def test_the_registry_path_can_be_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_REGISTRY", "/nonexistent/registry")
    from kg.errors import InputError

    with pytest.raises(InputError, match="provinces.csv"):
        load_registry()


def test_registry_documents_sharing_a_symbol_are_all_offered(registry: Registry) -> None:
    found = registry.lookup("nghi-quyet", "25", "25-NQ/TW")
    assert sorted(d.date or "" for d in found) == ["2003-03-12", "2013-06-03"]
    assert all(isinstance(d, RegistryDocument) for d in found)


def test_a_document_cited_first_and_ingested_later_is_one_node(registry: Registry) -> None:
    plan = _plan(
        "",
        symbol="1600-KH/BDVTW",
        number="1600",
        date="2018-02-28",
        issuer="Ban Dân vận Trung ương",
    )
    text = "Kế hoạch số 1600-KH/BDVTW, ngày 28/02/2018 của Ban Dân vận Trung ương"
    ref = _ref(
        0,
        text,
        text,
        kind="ke-hoach",
        number="1600",
        symbol="1600-KH/BDVTW",
        date="2018-02-28",
        issuer="Ban Dân vận Trung ương",
    )
    annotated = _annotated(_plan(text, ref, date="2019-01-01"), registry)
    assert annotated[ref.id].resolved == document_iri(plan, registry)
    decision = Extraction(
        "qd.txt",
        "",
        DocumentInfo(
            kind="quy-dinh",
            number="23",
            symbol="23-QĐ/TW",
            date="2021-07-30",
            issuer="Bộ Chính trị",
        ),
    )
    assert document_iri(decision, registry) == BASE + "doc/tw/quyet-dinh/2021/23"


def test_a_stated_date_outweighs_a_wrong_term_and_says_so(registry: Registry) -> None:
    text = "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 (khóa X)"
    ref = _ref(0, text, text, number="25", symbol="25-NQ/TW", date="2013-06-03", term="X")
    annotated = _annotated(_plan(text, ref), registry)
    assert annotated[ref.id].resolved == NQ25_2013
    assert any("term X" in warning for warning in annotated[ref.id].warnings)


def test_a_malformed_date_is_ignored_not_fatal(registry: Registry) -> None:
    text = "Nghị quyết số 25-NQ/TW, ngày 3/6"
    ref = _ref(0, text, text, number="25", symbol="25-NQ/TW", date="3/6", title="công tác tôn giáo")
    annotated = _annotated(_plan(text, ref, date="not a date"), registry)
    assert annotated[ref.id].resolved == NQ25_2003


def test_a_bare_number_never_joins_another_provinces_document() -> None:
    class Graph:
        def lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
            return [
                KnownDocument(BASE + "doc/hai-phong/tu/ke-hoach/2022/12", "ke-hoach", "12"),
                KnownDocument(BASE + "doc/binh-phuoc/tu/ke-hoach/2022/12", "ke-hoach", "12"),
            ]

    text = "Kế hoạch số 12"
    ref = _ref(0, text, text, kind="ke-hoach", number="12")
    plan = _plan(text, ref, issuer="Ban Dân vận Tỉnh ủy Bình Phước", date="2023-01-05")
    annotated = _annotated(plan, load_registry(), Graph())
    assert annotated[ref.id].resolved == BASE + "doc/binh-phuoc/tu/ke-hoach/2022/12"


def test_a_law_named_by_title_is_one_identity_wherever_it_is_cited(registry: Registry) -> None:
    resolved = []
    for issuer in ("Ban Dân vận Thành ủy Hải Phòng", "Ban Dân vận Trung ương"):
        text = "Luật Thực hiện dân chủ ở cơ sở"
        ref = _ref(0, text, text, kind="luat", title="Thực hiện dân chủ ở cơ sở")
        annotated = _annotated(_plan(text, ref, issuer=issuer), registry)
        resolved.append(annotated[ref.id].resolved)
    assert resolved[0] == resolved[1]
    assert resolved[0] and resolved[0].startswith(BASE + "doc/qh/luat/")


def test_a_document_cited_under_another_type_word_is_not_duplicated_when_ingested(
    registry: Registry,
) -> None:
    cited = BASE + "doc/binh-phuoc/tu/chuong-trinh/2013/31"

    class Graph:
        def lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
            others = [KnownDocument(BASE + "doc/hai-duong/tu/ke-hoach/2013/31", "ke-hoach", "31")]
            return [KnownDocument(cited, "chuong-trinh", "31", "31-KH/TU"), *others]

    plan = _plan("", symbol="31-KH/TU", number="31", date="2013-09-06", issuer="Tỉnh ủy Bình Phước")
    assert document_iri(plan, registry) == BASE + "doc/binh-phuoc/tu/ke-hoach/2013/31"
    assert document_iri(plan, registry, Graph()) == cited
