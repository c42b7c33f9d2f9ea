"""`kg check` finds identities that cannot be right: self-citations, one document claimed by
files with different issuers, unplaced local documents, and one identity in two places."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.api import KG
from kg.identity import source_graph_iri
from kg.namespaces import VK

PLAN = """TỈNH ỦY BÌNH PHƯỚC
{issuer_line}
*
Số 36-KH/BDVTU
Bình Phước, ngày 17 tháng 8 năm 2021
KẾ HOẠCH
thực hiện công tác dân vận năm 2021
Thực hiện Kế hoạch số 036-KH/BDVTU ngày 17/8/2021 về công tác dân vận.
"""
UNPLACED = """ỦY BAN NHÂN DÂN
Số: 68/KH-UBND
ngày 01 tháng 4 năm 2021
KẾ HOẠCH
triển khai công tác dân vận
Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương.
"""


def _checks(kg: KG) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in kg.check().findings:
        found.setdefault(finding.check, []).append(finding.subject)
    return found


def test_identity_findings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PLAN.format(issuer_line="BAN DÂN VẬN"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(PLAN.format(issuer_line="BAN TUYÊN GIÁO"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(UNPLACED, encoding="utf-8")
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"])
        found = _checks(kg)
        plan = "https://w3id.org/vankien/doc/binh-phuoc/bdvtu/ke-hoach/2021/36"
        assert found["self-citation"] == [plan, plan]  # each file cites itself
        assert found["claimed-by-two-issuers"] == [plan]
        [unplaced] = found["unplaced-document"]
        assert "/unplaced/" in unplaced and unplaced.endswith("/68")
        assert "merged-places" not in found
        # Two sources putting one local identity in two provinces: bodies of two places merged.
        for name, province in (("x", "hai-duong"), ("y", "son-la")):
            graph = ox.NamedNode(source_graph_iri(name))
            node = ox.NamedNode(plan)
            place = ox.NamedNode(f"https://w3id.org/vankien/place/{province}")
            kg.store.replace_graph(
                graph.value, [ox.Quad(node, ox.NamedNode(VK + "province"), place, graph)]
            )
        assert _checks(kg)["merged-places"] == [plan]


DISTRICT = ox.NamedNode(VK + "district")


def test_one_identity_in_two_districts_names_them_as_written(tmp_path: Path) -> None:
    # Districts are stated by name, not by an IRI with a label: the finding shows the names.
    (tmp_path / "a.txt").write_text(PLAN.format(issuer_line="BAN DÂN VẬN"), encoding="utf-8")
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([tmp_path / "a.txt"])
        plan = "https://w3id.org/vankien/doc/binh-phuoc/bdvtu/ke-hoach/2021/36"
        for name, district in (("x", "Đồng Xoài"), ("y", "Bình Long")):
            graph = ox.NamedNode(source_graph_iri(name))
            stated = ox.Quad(ox.NamedNode(plan), DISTRICT, ox.Literal(district), graph)
            kg.store.replace_graph(graph.value, [stated])
        [merged] = [f for f in kg.check().findings if f.check == "merged-places"]
    assert merged.subject == plan
    assert [detail.split(" (")[0] for detail in merged.details] == ["Bình Long", "Đồng Xoài"]
