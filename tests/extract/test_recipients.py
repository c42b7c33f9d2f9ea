"""The "Nơi nhận" list as plans write it: what `kg followup` checks each recipient against.

Texts written for the test, one layout each: dashes, semicolons, "+" bullets, the list on the
label's own line, "Như trên" standing for the "Kính gửi" addressees, lines that lost their
bullets, and the signer's block beside the list.
"""

from __future__ import annotations

import pytest

from kg.extract import extract

HEAD = "TỈNH ỦY SƠN LA\nSố 185-KH/TU\nSơn La, ngày 2 tháng 2 năm 2020\nKẾ HOẠCH\nNội dung.\n"
SIGNER = "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Văn B"

CASES = [
    (
        "dashes, notes and a multi-body item",
        "Nơi nhận:\n- Ban Dân vận Trung ương (để b/c),\n- Các huyện ủy, thành ủy,\n"
        "- Lưu Văn phòng Tỉnh ủy.\n",
        ["Ban Dân vận Trung ương", "Các huyện ủy, thành ủy"],
    ),
    (
        "semicolons and the archive line with its codes",
        "Nơi nhận:\n- Bộ Nội vụ;\n- Thường trực Tỉnh ủy;\n- Các sở, ban, ngành;\n- Lưu: VT, NC.\n",
        ["Bộ Nội vụ", "Thường trực Tỉnh ủy", "Các sở, ban, ngành"],
    ),
    (
        "plus bullets",
        "Nơi nhận:\n+ Thường trực Tỉnh ủy (b/c);\n+ Ban Dân vận các huyện ủy;\n+ Lưu VT.\n",
        ["Thường trực Tỉnh ủy", "Ban Dân vận các huyện ủy"],
    ),
    (
        "the list on the label's line",
        "Nơi nhận: Ban Thường vụ Tỉnh ủy (b/c), các chi bộ, lưu VP.\n",
        ["Ban Thường vụ Tỉnh ủy", "các chi bộ"],
    ),
    (
        "the first item on the label's line",
        "Nơi nhận: - Ban Bí thư (b/c),\n- Các tỉnh ủy, thành ủy,\n- Lưu VP.\n",
        ["Ban Bí thư", "Các tỉnh ủy, thành ủy"],
    ),
    (
        "lines that lost their bullets",
        "Nơi nhận:\nBan Bí thư (b/c),\nCác huyện ủy,\nLưu VP.\n",
        ["Ban Bí thư", "Các huyện ủy"],
    ),
    (
        "the signer's block in a column beside the list",
        "Nơi nhận:                         T/M BAN THƯỜNG VỤ\n"
        "- Ban Tuyên giáo Trung ương,      BÍ THƯ\n- Lưu VP.\n",
        ["Ban Tuyên giáo Trung ương"],
    ),
    ("no list", "", []),
]


@pytest.mark.parametrize(("layout", "listed", "expected"), CASES, ids=[c[0] for c in CASES])
def test_recipients_as_listed(layout: str, listed: str, expected: list[str]) -> None:
    assert extract(HEAD + listed + SIGNER).document.recipients == expected


def test_as_above_stands_for_the_addressees() -> None:
    text = (
        "TỈNH ỦY SƠN LA\nSố 185-CV/TU\nSơn La, ngày 2 tháng 2 năm 2020\n"
        "Kính gửi: - Ban Thường vụ các huyện ủy, thành ủy,\n"
        "- Các đảng ủy trực thuộc Tỉnh ủy.\n"
        "Nội dung.\n"
        "Nơi nhận:\n- Như trên,\n- Ban Bí thư Trung ương Đảng (b/c),\n- Lưu Văn phòng Tỉnh ủy.\n"
    )
    assert extract(text).document.recipients == [
        "Ban Thường vụ các huyện ủy, thành ủy",
        "Các đảng ủy trực thuộc Tỉnh ủy",
        "Ban Bí thư Trung ương Đảng",
    ]


def test_as_above_without_addressees_names_no_one() -> None:
    listed = "Nơi nhận:\n- Như trên;\n- Ban Bí thư (b/c);\n- Lưu VP.\n"
    assert extract(HEAD + listed + SIGNER).document.recipients == ["Ban Bí thư"]


def test_the_signer_is_read_beside_the_list() -> None:
    listed = "Nơi nhận:\nBan Bí thư (b/c),\nCác huyện ủy,\nLưu VP.\n"
    signers = extract(HEAD + listed + SIGNER).document.signers
    assert [(s.name, s.role) for s in signers] == [
        ("Nguyễn Văn B", "T/M BAN THƯỜNG VỤ, PHÓ BÍ THƯ")
    ]
