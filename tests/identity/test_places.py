"""Every local document placed: province, district and commune as levels and IRI scopes.

Local numbers restart in every province, every district and (since 1 July 2025) every commune:
two communes' "08-KH/ĐU" and two districts' "3-KH/HU" are four documents, each with its level
and place in the graph; a local document no text places keeps an identity of its own.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.extract.model import DocumentInfo, Extraction, Reference
from kg.graph import SourceInfo, extraction_quads
from kg.identity import DocumentId
from kg.namespaces import VK
from kg.registry import Registry, load_registry
from kg.resolve import identify, resolve

BASE = "https://w3id.org/vankien/doc/"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _document(text: str = "", sha: str = "", **info: str) -> Extraction:
    return Extraction("plan.txt", sha, DocumentInfo(kind="ke-hoach", **info), text=text)


def _facts(extraction: Extraction, registry: Registry) -> dict[str, str]:
    """What the graph states of the document's own level and place."""
    resolution = resolve(extraction, registry)
    quads = extraction_quads(extraction, resolution, SourceInfo("plan.txt", "", "text", "", 1))
    wanted = {VK + name: name for name in ("level", "province", "district", "commune")}
    return {
        wanted[q.predicate.value]: q.object.value
        for q in quads
        if q.subject == ox.NamedNode(resolution.document.iri) and q.predicate.value in wanted
    }


def test_two_communes_and_two_districts_with_one_number_are_four_documents(
    registry: Registry,
) -> None:
    communes = [
        _document(number="08", symbol="08-KH/ĐU", date="2025-08-15", issuer=f"Đảng ủy xã {name}",
                  parent="Đảng bộ tỉnh Ninh Bình")
        for name in ("Gia Viễn", "Gia Hưng")
    ]  # fmt: skip
    districts = [
        _document(number="3", symbol="3-KH/HU", date="2006-04-12", issuer=f"Huyện ủy {name}",
                  parent="Đảng bộ tỉnh Hải Dương")
        for name in ("Thanh Hà", "Kim Thành")
    ]  # fmt: skip
    iris = [identify(plan, registry).iri for plan in communes + districts]
    assert iris == [
        BASE + "ninh-binh/xa-gia-vien/du/ke-hoach/2025/8",
        BASE + "ninh-binh/xa-gia-hung/du/ke-hoach/2025/8",
        BASE + "hai-duong/thanh-ha/hu/ke-hoach/2006/3",
        BASE + "hai-duong/kim-thanh/hu/ke-hoach/2006/3",
    ]
    ninh_binh = registry.find_province("Ninh Bình", "2025-08-15")
    hai_duong = registry.find_province("Hải Dương", "2006-04-12")
    assert ninh_binh is not None and hai_duong is not None
    assert _facts(communes[0], registry) == {
        "level": "commune", "province": ninh_binh.iri, "commune": "xã Gia Viễn"
    }  # fmt: skip
    assert _facts(districts[1], registry) == {
        "level": "district", "province": hai_duong.iri, "district": "Kim Thành"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("info", "text", "scope", "level", "how"),
    [
        # The province from the header's parent line, the issuer's name, the place-date line.
        ({"symbol": "36-KH/BDVTU", "issuer": "Ban Dân vận Tỉnh ủy Bình Phước"}, "",
         "binh-phuoc/bdvtu", "province", "header"),
        ({"symbol": "12/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh", "place": "Sơn La"}, "",
         "son-la/ubnd", "province", "header"),
        ({"symbol": "5-KH/HU", "issuer": "Huyện ủy Vạn Ninh", "parent": "Đảng bộ tỉnh Khánh Hòa"},
         "", "khanh-hoa/van-ninh/hu", "district", "header"),
        # A district commission whose header stops at the district: the province its text names.
        ({"symbol": "5-KH/BDVHU", "issuer": "Ban Dân vận Huyện ủy Vạn Ninh"},
         "Thực hiện Kế hoạch của Tỉnh ủy Khánh Hòa và Nghị quyết Đại hội Đảng bộ tỉnh Khánh Hòa.",
         "khanh-hoa/van-ninh/bdvhu", "district", "text"),
        # A commune's people's committee, the district named on the line above it.
        ({"symbol": "9/KH-UBND", "issuer": "Ủy ban nhân dân xã Xuân Phú",
          "parent": "Ủy ban nhân dân huyện Xuân Trường", "place": "Nam Định"}, "",
         "nam-dinh/xuan-truong/xa-xuan-phu/ubnd", "commune", "header"),
        # A central document is written in Hà Nội without being Hà Nội's.
        ({"symbol": "1600-KH/BDVTW", "issuer": "Ban Dân vận Trung ương", "place": "Hà Nội"}, "",
         "bdvtw", "central", None),
        ({"symbol": "05/2021/NĐ-CP", "issuer": "Chính phủ", "place": "Hà Nội"}, "",
         "cp", "state", None),
    ],
)  # fmt: skip
def test_a_local_documents_place_comes_from_its_header_name_or_text(
    registry: Registry,
    info: dict[str, str],
    text: str,
    scope: str,
    level: str,
    how: str | None,
) -> None:
    number = info["symbol"].split("-")[0].split("/")[0]
    plan = _document(text, number=number, date="2021-03-01", **info)
    document = identify(plan, registry)
    assert "/".join(document.id.scope) == scope
    assert document.place.level == level and document.place.how == how


def test_unplaced_local_documents_keep_identities_of_their_own(registry: Registry) -> None:
    # Two provinces' "68/KH-UBND" of 2021, neither text saying which province: two nodes.
    first = _document("Kế hoạch thực hiện.", "a" * 64, number="68", symbol="68/KH-UBND",
                      date="2021-04-01", issuer="Ủy ban nhân dân tỉnh")  # fmt: skip
    second = _document("Kế hoạch thực hiện.", "b" * 64, number="68", symbol="68/KH-UBND",
                       date="2021-04-01", issuer="Ủy ban nhân dân tỉnh")  # fmt: skip
    one, other = identify(first, registry), identify(second, registry)
    assert one.iri != other.iri and one.id.unplaced and other.id.unplaced
    assert one.place.unplaced and one.place.province is None
    assert DocumentId.parse(one.iri) == one.id
    assert "province" not in _facts(first, registry)


def test_a_news_item_places_the_plan_it_reports_from_the_body_it_names(
    registry: Registry,
) -> None:
    text = "Ngày 5/3/2020, Tỉnh ủy Sơn La ban hành Kế hoạch số 185-KH/TU về thực hiện Nghị quyết."
    surface = "Kế hoạch số 185-KH/TU"
    start = text.index(surface)
    plan = Reference(0, start, start + len(surface), surface, "ke-hoach", number="185",
                     symbol="185-KH/TU", date="2020-03-05")  # fmt: skip
    page = Extraction(
        "news.html", "c" * 64, DocumentInfo(title="Sơn La triển khai"), [plan], text=text
    )
    outcome = resolve(page, registry).outcome(0)
    assert outcome.iri == BASE + "son-la/tu/ke-hoach/2020/185"
    assert outcome.place.province is not None and outcome.place.province.slug == "son-la"
    assert outcome.place.how == "issuer named"
