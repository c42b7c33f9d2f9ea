"""`kg check`, `kg show` and the document page find what documents cannot do to each other: amend,
replace or repeal a document of a body they do not outrank, implement one issued after them, or
cite themselves; each finding with the sentence that says so and its file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.api import KG, CheckReport, Finding
from kg.cli import main
from kg.identity import body_iri, place_iri
from kg.queries.consistency import (
    Authority,
    IssuerFacts,
    authority_findings,
    chronology_findings,
    proposal_before,
    self_loop_findings,
)
from kg.registry import load_registry
from kg.web.app import ServeSettings
from tests.web.conftest import running_app

# Each text is written for these tests: a header (issuer, symbol, place and date), then the
# sentence that acts on another document.
TEXTS = {
    "province_replaces_central.txt": """TỈNH ỦY BÌNH PHƯỚC
*
Số 40-KH/TU
Bình Phước, ngày 10 tháng 3 năm 2022

KẾ HOẠCH
về công tác dân vận năm 2022

Kế hoạch này thay thế Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng về \
công tác dân vận.
""",
    "politburo_replaces_secretariat.txt": """BỘ CHÍNH TRỊ
*
Số 300-QĐ/TW
Hà Nội, ngày 05 tháng 4 năm 2022

QUYẾT ĐỊNH
về chức năng, nhiệm vụ của các ban tham mưu của tỉnh ủy

Quyết định này thay thế Quyết định số 219-QĐ/TW ngày 27/12/2013 của Ban Bí thư.
""",
    "commission_amends_committee.txt": """TỈNH ỦY HẢI DƯƠNG
BAN DÂN VẬN
*
Số 15-QĐ/BDVTU
Hải Dương, ngày 02 tháng 6 năm 2021

QUYẾT ĐỊNH
về quy chế làm việc

Quyết định này sửa đổi, bổ sung Quyết định số 12-QĐ/TU ngày 05/01/2020 của Ban Thường vụ Tỉnh ủy \
Hải Dương.
""",
    "commission_advises.txt": """TỈNH ỦY HẢI DƯƠNG
BAN DÂN VẬN
*
Số 20-KH/BDVTU
Hải Dương, ngày 10 tháng 01 năm 2022

KẾ HOẠCH
công tác dân vận năm 2022

1.2. Tham mưu Ban Thường vụ Tỉnh ủy sửa đổi Quyết định số 12-QĐ/TU ngày 05/01/2020 của Ban \
Thường vụ Tỉnh ủy Hải Dương.
""",
    "people_committee_repeals.txt": """ỦY BAN NHÂN DÂN TỈNH SƠN LA
Số: 20/QĐ-UBND
Sơn La, ngày 10 tháng 5 năm 2022

QUYẾT ĐỊNH
về việc bãi bỏ văn bản

Bãi bỏ Chỉ thị số 10-CT/TU ngày 02/3/2021 của Ban Thường vụ Tỉnh ủy Sơn La về phòng, chống dịch.
""",
    "plan_before_resolution.txt": """TỈNH ỦY LÀO CAI
*
Số 41-KH/TU
Lào Cai, ngày 20 tháng 8 năm 2021

KẾ HOẠCH
về chuyển đổi số

Thực hiện Nghị quyết số 08-NQ/TU ngày 06/12/2022 của Tỉnh ủy Lào Cai về chuyển đổi số.
""",
    "cites_itself.txt": """TỈNH ỦY BÌNH PHƯỚC
BAN DÂN VẬN
*
Số 36-KH/BDVTU
Bình Phước, ngày 17 tháng 8 năm 2021

KẾ HOẠCH
thực hiện công tác dân vận năm 2021

Thực hiện Kế hoạch số 036-KH/BDVTU ngày 17/8/2021 về công tác dân vận.
""",
    "unknown_issuer.txt": """KẾ HOẠCH
tuyên truyền về công tác dân vận

Kế hoạch này thay thế Quyết định số 217-QĐ/TW ngày 12/12/2013 của Bộ Chính trị.
""",
}
CHECKS = ("without-authority", "implausible-chain", "self-citation")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("authority")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with KG.open(folder / "store") as kg:
        report = kg.ingest([folder / name for name in TEXTS])
    assert report.count("failed") == 0
    return folder / "store"


@pytest.fixture(scope="module")
def report(store: Path) -> CheckReport:
    with KG.open(store, read_only=True) as kg:
        return kg.check()


@pytest.fixture(scope="module")
def findings(report: CheckReport) -> list[Finding]:
    return [f for f in report.findings if f.check in CHECKS]


def _about(findings: list[Finding], check: str, symbol: str) -> list[Finding]:
    return [f for f in findings if f.check == check and f.message.startswith(symbol)]


def _sentences(finding: Finding) -> list[str]:
    return [e.sentence or "" for e in finding.evidence]


def test_a_province_plan_cannot_replace_a_central_resolution(findings: list[Finding]) -> None:
    [found] = _about(findings, "without-authority", "40-KH/TU")
    assert "replaces 25-NQ/TW@2013" in found.message
    assert "a province body cannot replace a document of a national body" in found.message
    assert _sentences(found) == [
        "Kế hoạch này thay thế Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương "
        "Đảng về công tác dân vận."
    ]
    assert Path(found.evidence[0].source or "").name == "province_replaces_central.txt"


def test_the_politburo_may_replace_a_decision_of_the_secretariat(
    store: Path, findings: list[Finding]
) -> None:
    with KG.open(store, read_only=True) as kg:
        [replaced] = kg.show("300-QĐ/TW").cites
    assert (replaced.document.symbol, replaced.relation) == ("219-QĐ/TW", "replaces")
    assert not _about(findings, "without-authority", "300-QĐ/TW")


def test_a_commission_cannot_amend_its_committees_decision(findings: list[Finding]) -> None:
    [found] = _about(findings, "without-authority", "15-QĐ/BDVTU")
    assert "Ban Dân vận Tỉnh ủy Hải Dương ranks below Tỉnh ủy Hải Dương" in found.message
    assert _sentences(found) == [
        "Quyết định này sửa đổi, bổ sung Quyết định số 12-QĐ/TU ngày 05/01/2020 của Ban Thường vụ "
        "Tỉnh ủy Hải Dương."
    ]


def test_advising_the_committee_on_an_amendment_is_not_amending(
    store: Path, findings: list[Finding]
) -> None:
    with KG.open(store, read_only=True) as kg:
        [amended] = kg.show("20-KH/BDVTU").cites
    assert (amended.document.symbol, amended.relation) == ("12-QĐ/TU", "amends")
    assert not _about(findings, "without-authority", "20-KH/BDVTU")


def test_a_state_body_cannot_repeal_a_party_document(findings: list[Finding]) -> None:
    [found] = _about(findings, "without-authority", "20/QĐ-UBND")
    assert "a state body cannot repeal a Party document" in found.message
    assert "Bãi bỏ Chỉ thị số 10-CT/TU" in _sentences(found)[0]


def test_a_plan_cannot_implement_a_resolution_issued_after_it(findings: list[Finding]) -> None:
    [found] = _about(findings, "implausible-chain", "41-KH/TU")
    assert found.message == "41-KH/TU (2021-08-20) implements 08-NQ/TU, issued later (2022-12-06)"
    assert _sentences(found) == [
        "Thực hiện Nghị quyết số 08-NQ/TU ngày 06/12/2022 của Tỉnh ủy Lào Cai về chuyển đổi số."
    ]
    assert found.level == "error"


def test_a_document_citing_itself_is_found_with_the_sentence(findings: list[Finding]) -> None:
    [found] = [f for f in findings if f.check == "self-citation"]
    assert found.subject.endswith("/binh-phuoc/bdvtu/ke-hoach/2021/36")
    assert found.message.endswith("cites itself in " + (found.evidence[0].source or "?"))
    assert _sentences(found) == [
        "Thực hiện Kế hoạch số 036-KH/BDVTU ngày 17/8/2021 về công tác dân vận."
    ]


def test_an_unknown_issuer_is_not_judged(findings: list[Finding]) -> None:
    assert not [f for f in findings if "217-QĐ/TW" in f.message]
    # Every finding is one of those above: nothing else is said of these texts.
    assert sorted(f.message.split()[0] for f in findings) == [
        "036-KH/BDVTU",
        "15-QĐ/BDVTU",
        "20/QĐ-UBND",
        "40-KH/TU",
        "41-KH/TU",
    ]


def test_each_finding_points_at_its_sentence_in_the_file(
    store: Path, findings: list[Finding]
) -> None:
    with KG.open(store, read_only=True) as kg:
        for finding in findings:
            [evidence] = finding.evidence
            assert evidence.graph and evidence.start is not None and evidence.end is not None
            cut = kg.source_text(evidence.graph, evidence.start, evidence.end).text
            assert evidence.sentence == cut.lead + cut.mention + cut.tail


def test_check_and_show_print_the_findings_with_their_sentences(
    store: Path, report: CheckReport, capsys: pytest.CaptureFixture[str]
) -> None:
    # What `kg check --format json` prints.
    checked = report.to_json()["findings"]
    [found] = [f for f in checked if f["message"].startswith("15-QĐ/BDVTU")]
    assert found["evidence"][0]["sentence"].startswith("Quyết định này sửa đổi, bổ sung")
    with pytest.raises(SystemExit) as exited:
        main(["show", "12-QĐ/TU", "--format", "json", "--store", str(store)])
    assert exited.value.code == 0
    card = json.loads(capsys.readouterr().out)
    assert [f["message"] for f in card["findings"]] == [found["message"]]
    with pytest.raises(SystemExit):
        main(["show", "12-QĐ/TU", "--store", str(store)])
    assert "without-authority" in capsys.readouterr().out


@pytest.fixture(scope="module")
def web(store: Path) -> Iterator[httpx.Client]:
    with (
        running_app(ServeSettings(store=str(store), query_workers=1)) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        yield client


def test_the_document_page_shows_its_findings_with_the_sentence(web: httpx.Client) -> None:
    page = web.get("/doc", params={"id": "15-QĐ/BDVTU"}).text
    section = page.partition('class="conflicts findings"')[2].partition("</section>")[0]
    assert "Sửa đổi, thay thế, bãi bỏ không đúng thẩm quyền" in section
    assert "ranks below Tỉnh ủy Hải Dương" in section
    assert "Quyết định này sửa đổi, bổ sung Quyết định số 12-QĐ/TU" in section
    assert 'href="/source?graph=' in section
    # The document acted on shows the finding too; one without any shows no section.
    assert "ranks below" in web.get("/doc", params={"id": "12-QĐ/TU"}).text
    assert "findings" not in web.get("/doc", params={"id": "300-QĐ/TW"}).text


def test_the_sample_corpus_has_none_of_these_findings(corpus_kg: KG) -> None:
    # Its plans "tham mưu sửa đổi" and "tham gia sửa đổi, bổ sung" decisions of the bodies
    # above them: proposals, not acts. (What `kg check` runs, without its SHACL validation.)
    catalog = corpus_kg.catalog
    assert not self_loop_findings(catalog)
    assert not chronology_findings(catalog)
    assert not authority_findings(catalog, corpus_kg.registry)


# The rule table, on issuers as the graph states them.
REGISTRY = load_registry()
AUTHORITY = Authority(REGISTRY)


def _body(*path: str) -> IssuerFacts:
    return IssuerFacts(bodies={body_iri(*path)})


def _local(level: str, symbol: str, province: str, district: str | None = None) -> IssuerFacts:
    return IssuerFacts(
        levels={level},
        symbols={symbol},
        provinces={place_iri(province)},
        districts={district} if district else set(),
    )


CENTRE = IssuerFacts(levels={"central"}, symbols={"99-QĐ/TW"})
DISTRICT = _local("district", "5-QĐ/HU", "binh-phuoc", "Đồng Xoài")


@pytest.mark.parametrize(
    ("actor", "target", "forbidden"),
    [
        (_body("tw"), _body("bbt"), False),
        (_body("bct"), _body("bbt"), False),
        (_body("bbt"), _body("bct"), True),
        (_body("bdvtw"), _body("bbt"), True),
        (_body("bdvtw"), _body("btctw"), True),  # a commission is not above another
        (_body("btgdvtw"), _body("bdvtw"), False),  # the commission it merged into in 2025
        (_body("bdvtw"), CENTRE, True),  # "/TW": the Central Committee, Politburo or Secretariat
        (_body("bct"), CENTRE, False),  # which of the three is not told
        (_body("qh"), _body("cp"), False),
        (_body("cp"), _body("qh"), True),
        (_body("ttg"), _body("cp"), True),
        (_body("cp"), _body("bct"), True),  # a state body over a Party document
        (_body("bct"), _body("cp"), True),  # and the other way round
        (_body("bct"), _body("binh-phuoc", "tu"), False),
        (_body("binh-phuoc", "hdnd"), _body("binh-phuoc", "ubnd"), False),
        (_body("binh-phuoc", "ubnd"), _body("binh-phuoc", "hdnd"), True),
        (_body("binh-phuoc", "btgdvtu"), _body("binh-phuoc", "bdvtu"), False),
        (_body("2025/dong-nai", "tu"), _body("binh-phuoc", "tu"), False),  # merged province
        (_body("son-la", "tu"), _body("binh-phuoc", "bdvtu"), True),  # another province
        (_body("binh-phuoc", "tu"), DISTRICT, False),
        (_body("son-la", "tu"), DISTRICT, True),
        (DISTRICT, _body("binh-phuoc", "tu"), True),
        (_local("district", "7-QĐ/HU", "binh-phuoc", "Bù Đăng"), DISTRICT, True),
        (_local("district", "8-QĐ/BDVHU", "binh-phuoc", "Đồng Xoài"), DISTRICT, True),
        (_local("district", "9-QĐ/HU", "binh-phuoc", "Đồng Xoài"), DISTRICT, False),
        (IssuerFacts(), _body("bct"), False),  # an issuer nobody states
        (_body("binh-phuoc", "tu"), IssuerFacts(), False),
        (IssuerFacts(bodies={body_iri("bdvtw"), body_iri("bct")}), _body("bbt"), False),
    ],
)
def test_who_may_amend_whose_documents(
    actor: IssuerFacts, target: IssuerFacts, forbidden: bool
) -> None:
    reason = AUTHORITY.breach(AUTHORITY.standings(actor), AUTHORITY.standings(target), "amends")
    assert (reason is not None) == forbidden, reason


@pytest.mark.parametrize(
    ("sentence", "mention", "proposed"),
    [
        ("1.7. Tham mưu sửa đổi Quyết định số 1738-QĐ/TU, ngày 27/01/2015", "Quyết định số", True),
        (
            "Tổng kết Hướng dẫn số 01; tham gia sửa đổi, bổ sung Quyết định số 219-QĐ/TW",
            "Quyết",
            True,
        ),
        ("Nghiên cứu, đề xuất bãi bỏ Chỉ thị số 10-CT/TU của Ban Thường vụ", "Chỉ thị số", True),
        (
            "Trình Ban Thường vụ ban hành quyết định bãi bỏ Quyết định số 7-QĐ/TU",
            "Quyết định số",
            True,
        ),
        ("Quyết định này thay thế Quyết định số 290-QĐ/TW", "Quyết định số 290", False),
        (
            "Tham mưu tổ chức hội nghị; ban hành quyết định thay thế Quyết định số 5-QĐ/TU",
            "Quyết định số",
            False,
        ),
        ("Chương trình này thay thế Chương trình số 3-CTr/TU", "Chương trình số", False),
    ],
)
def test_a_proposal_is_told_from_an_act(sentence: str, mention: str, proposed: bool) -> None:
    assert proposal_before(sentence, mention) is proposed
