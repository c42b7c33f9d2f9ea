"""The curated registry: the facts the issue lists are there, each with its source."""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph import registry_quads
from kg.registry import Registry, default_registry_path, load_registry

BODY = "https://w3id.org/vankien/body/"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _date(registry: Registry, iri: str) -> str | None:
    document = registry.by_iri(iri)
    assert document is not None
    return document.date


def _symbol(registry: Registry, iri: str) -> str | None:
    document = registry.by_iri(iri)
    assert document is not None
    return document.symbol


def _one(registry: Registry, kind: str, symbol: str, date: str) -> None:
    found = [d for d in registry.lookup(kind, None, symbol) if d.date == date]
    assert len(found) == 1, f"{symbol} of {date} missing"


@pytest.mark.parametrize(
    ("kind", "symbol", "date"),
    [
        ("nghi-quyet", "25-NQ/TW", "2003-03-12"),
        ("nghi-quyet", "25-NQ/TW", "2013-06-03"),
        ("nghi-quyet", "24-NQ/TW", "2003-03-12"),
        ("nghi-quyet", "24-NQ/TW", "2013-06-03"),
        ("nghi-quyet", "18-NQ/TW", "2017-10-25"),
        ("nghi-quyet", "18-NQ/TW", "2022-06-16"),
        ("nghi-quyet", "04-NQ/TW", "2016-10-30"),
        ("quyet-dinh", "23-QĐ/TW", "2021-07-30"),
        ("quyet-dinh", "290-QĐ/TW", "2010-02-25"),
        ("quyet-dinh", "217-QĐ/TW", "2013-12-12"),
        ("quyet-dinh", "218-QĐ/TW", "2013-12-12"),
        ("quyet-dinh", "99-QĐ/TW", "2017-10-03"),
        ("quy-dinh", "124-QĐ/TW", "2018-02-02"),
        ("ket-luan", "43-KL/TW", "2019-01-07"),
        ("ket-luan", "114-KL/TW", "2015-07-14"),
        ("ket-luan", "120-KL/TW", "2016-01-07"),
        ("chi-thi", "18-CT/TW", "2018-01-10"),
    ],
)
def test_the_documents_the_issue_names_are_registered(
    registry: Registry, kind: str, symbol: str, date: str
) -> None:
    _one(registry, kind, symbol, date)


def test_registered_relations_between_documents(registry: Registry) -> None:
    new = registry.lookup("quyet-dinh", None, "23-QĐ/TW")[0]
    old = registry.lookup("quyet-dinh", None, "290-QĐ/TW")[0]
    assert new.replaces == (old.iri,)
    kl43 = registry.lookup("ket-luan", None, "43-KL/TW")[0]
    assert [_date(registry, i) for i in kl43.continues] == ["2013-06-03"]


def test_plenums_and_congresses(registry: Registry) -> None:
    plenum = registry.plenum("XII", 6)
    assert plenum is not None
    symbols = sorted(_symbol(registry, i) for i in plenum.resolutions)
    assert symbols == ["18-NQ/TW", "19-NQ/TW", "20-NQ/TW", "21-NQ/TW"]
    assert plenum.iri not in plenum.resolutions
    assert [c.ordinal for c in registry.national_congresses()][-6:] == [
        "IX",
        "X",
        "XI",
        "XII",
        "XIII",
        "XIV",
    ]
    assert registry.term_of("2013-06-03") == "XI"
    assert registry.term_of("2021-01-24") == "XII"
    assert registry.term_of("2021-02-02") == "XIII"


def test_central_bodies_and_the_2025_merger(registry: Registry) -> None:
    for code in ("TW", "BCT", "BBT", "BDVTW", "BTGTW", "BTCTW", "UBKTTW", "VPTW", "BTGDVTW"):
        assert registry.body(code) is not None, code
    merged = registry.body("BTGDVTW")
    assert merged is not None
    predecessors = [b.code for b in registry.bodies if b.successor == merged.iri]
    assert sorted(predecessors) == ["BDVTW", "BTGTW"]
    assert registry.match_body("Ban Chấp hành Trung ương Đảng") == registry.body("TW")
    assert registry.match_body("Bộ Chính trị") == registry.body("BCT")


def test_provinces_before_and_after_1_july_2025(registry: Registry) -> None:
    assert len(registry.provinces_before_2025) == 63
    assert len(registry.provinces_after_2025) == 34
    binh_phuoc = registry.find_province("Tỉnh uỷ Bình Phước")
    assert binh_phuoc is not None and binh_phuoc.merged_into == "2025/dong-nai"
    hai_duong = registry.find_province("Hải Dương")
    assert hai_duong is not None and hai_duong.merged_into == "2025/hai-phong"
    after = registry.find_province("Thành ủy Hải Phòng", "2025-09-01")
    before = registry.find_province("Thành ủy Hải Phòng", "2023-01-01")
    assert after is not None and after.id == "2025/hai-phong"
    assert before is not None and before.id == "hai-phong"


def test_every_province_has_its_committee_and_mass_mobilization_commission(
    registry: Registry,
) -> None:
    for province in registry.provinces:
        # Since early 2025 the mass-mobilization and propaganda commissions are one.
        commission = "BTGDVTU" if province.valid_from else "BDVTU"
        for code in ("TU", commission):
            body = registry.body(code, province)
            assert body is not None and province.name in body.name_vi
    bdv = registry.match_body("Ban Dân vận Tỉnh ủy Bình Phước")
    assert bdv is not None and bdv.successor is not None
    assert bdv.successor.endswith("/body/binh-phuoc/btgdvtu")
    merged = next(b for b in registry.bodies if b.iri == bdv.successor)
    assert merged.valid_from == bdv.valid_until and merged.successor is not None
    assert merged.successor.endswith("/body/2025/dong-nai/btgdvtu")


def test_every_registry_row_has_a_source_note() -> None:
    for path in sorted(Path(default_registry_path()).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                assert row["source"].strip(), f"{path.name}:{number} has no source note"


def test_the_2025_changes_are_org_change_events_in_the_registry_graph() -> None:
    store = ox.Store()
    store.extend(registry_quads())
    query = """
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?original ?result WHERE {
            GRAPH ?g { ?event a org:ChangeEvent ; org:resultingOrganization ?result ;
                              org:originalOrganization ?original } }"""
    merged: dict[str, list[str]] = {}
    for result in ("btgdvtw", "2025/dong-nai/tu"):
        rows = store.query(
            query, substitutions={ox.Variable("result"): ox.NamedNode(BODY + result)}
        )
        assert isinstance(rows, ox.QuerySolutions)
        merged[result] = sorted(str(row["original"].value).removeprefix(BODY) for row in rows)
    assert merged["btgdvtw"] == ["bdvtw", "btgtw"]
    assert merged["2025/dong-nai/tu"] == ["binh-phuoc/tu", "dong-nai/tu"]
