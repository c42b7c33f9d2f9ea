"""Table-driven tests: one real-looking sentence per phenomenon, written for the test.

Each row is (text, expected references); a reference is described by its surface and the
fields that matter for the row, built with :func:`ref`. Fields not named are not checked.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from kg.extract import extract
from kg.extract.model import Congress, Plenum
from tests.extract.rows import check_references, ref

SYMBOLS = [
    (
        "Căn cứ Quyết định số 1238 – QĐ/TU ngày 05/5/2010 của Tỉnh ủy về quy chế.",
        [ref("Quyết định số 1238 – QĐ/TU ngày 05/5/2010 của Tỉnh ủy", symbol="1238-QĐ/TU")],
    ),
    (
        "Các cấp ủy thực hiện Quyết định 217/QĐ-TW của Bộ Chính trị.",
        [ref("Quyết định 217/QĐ-TW của Bộ Chính trị", symbol="217-QĐ/TW", number="217")],
    ),
    (
        "Đoàn viên quán triệt Quy định 37QĐ/TW của Ban Bí thư.",
        [ref("Quy định 37QĐ/TW của Ban Bí thư", symbol="37-QĐ/TW", kind="quy-dinh")],
    ),
    (
        "Sở tiếp tục thực hiện Kết luận số 12- KL/TW ngày 06/4/2022 của Bộ Chính trị.",
        [ref("Kết luận số 12- KL/TW ngày 06/4/2022 của Bộ Chính trị", symbol="12-KL/TW")],
    ),
    (
        "chi bộ học tập nghị quyết số 35-nq/tw của bộ chính trị",
        [ref("nghị quyết số 35-nq/tw", symbol="35-NQ/TW", kind="nghi-quyet")],
    ),
    (
        "Tổ chức quán triệt Nghị quyết số 04-NQ/T.Ư của Ban Chấp hành Trung ương.",
        [
            ref(
                "Nghị quyết số 04-NQ/T.Ư của Ban Chấp hành Trung ương",
                symbol="04-NQ/TW",
                issuer="Ban Chấp hành Trung ương",
            )
        ],
    ),
    (
        "Các huyện thực hiện Chỉ thị số 07-CT/TƯ ngày 02/5/2016 của Tỉnh ủy Quảng Nam.",
        [ref("Chỉ thị số 07-CT/TƯ ngày 02/5/2016 của Tỉnh ủy Quảng Nam", symbol="07-CT/TU")],
    ),
    (
        "Ban kiểm tra Kế hoạch số 03-KH/BDVTW-BCSĐCP của Ban Dân vận Trung ương và Ban cán "
        "sự đảng Chính phủ.",
        [
            ref(
                "Kế hoạch số 03-KH/BDVTW-BCSĐCP của Ban Dân vận Trung ương và Ban cán sự đảng "
                "Chính phủ",
                symbol="03-KH/BDVTW-BCSĐCP",
                issuer="Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ",
                relation="inspects",
            )
        ],
    ),
    (
        "Các sở triển khai Chỉ thị số 18/CT-UBND ngày 31/12/2016 của UBND tỉnh về cải cách.",
        [ref("Chỉ thị số 18/CT-UBND ngày 31/12/2016 của UBND tỉnh", symbol="18/CT-UBND")],
    ),
    (
        "Căn cứ Nghị định số 05/2021/NĐ-CP của Chính phủ về quản lý.",
        [
            ref(
                "Nghị định số 05/2021/NĐ-CP của Chính phủ",
                symbol="05/2021/NĐ-CP",
                kind="nghi-dinh",
                year=2021,
                relation="based_on",
            )
        ],
    ),
    (
        "Căn cứ Luật số 72/2025/QH15 về tổ chức.",
        [ref("Luật số 72/2025/QH15", symbol="72/2025/QH15", kind="luat", year=2025)],
    ),
]

DATES = [
    (
        "Thực hiện Nghị quyết số 09-NQ/TU, ngày 25-10-2018 của Tỉnh ủy về phát triển.",
        [ref("Nghị quyết số 09-NQ/TU, ngày 25-10-2018 của Tỉnh ủy", date="2018-10-25")],
    ),
    (
        "Thực hiện Nghị quyết số 12-NQ/TU ngày 17 tháng 8 năm 2021 của Tỉnh ủy về du lịch.",
        [
            ref(
                "Nghị quyết số 12-NQ/TU ngày 17 tháng 8 năm 2021 của Tỉnh ủy",
                date="2021-08-17",
                year=2021,
            )
        ],
    ),
    (
        "Quán triệt Chỉ thị số 05-CT/TW, ngày\n15/5/2016 của Bộ Chính trị về học tập.",
        [ref("Chỉ thị số 05-CT/TW, ngày\n15/5/2016 của Bộ Chính trị", date="2016-05-15")],
    ),
    (
        "Giám sát theo Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW, ngày 12/12/2013 "
        "của Bộ Chính trị (khóa XI).",
        [
            ref("Quyết định số 217-QĐ/TW", date="2013-12-12", issuer="Bộ Chính trị", term="XI"),
            ref(
                "Quyết định số 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị (khóa XI)",
                date="2013-12-12",
                relation="cites",
            ),
        ],
    ),
    (
        "Các chi bộ tiếp tục thực hiện Chỉ thị số 08-CT/TU và Kết luận số 21-KL/TU, ngày "
        "04/9/2020 của Ban Thường vụ Tỉnh ủy.",
        [
            ref("Chỉ thị số 08-CT/TU", date=None, issuer=None),
            ref(
                "Kết luận số 21-KL/TU, ngày 04/9/2020 của Ban Thường vụ Tỉnh ủy",
                date="2020-09-04",
            ),
        ],
    ),
    (
        "Đánh giá việc thực hiện Nghị quyết số 25-NQ/TW và Kết luận số 43-KL/TW ngày "
        "07/01/2019 của Ban Bí thư (khóa XII).",
        [
            ref("Nghị quyết số 25-NQ/TW", date=None, issuer=None, term=None),
            ref(
                "Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư (khóa XII)",
                date="2019-01-07",
                term="XII",
            ),
        ],
    ),
    (
        "Kiểm tra Chương trình số 12-CTr/BDVTW-BCSĐCP, Kế hoạch số 30-KH/BDVTW-BCSĐCP ngày "
        "5/3/2019 của Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ.",
        [
            ref("Chương trình số 12-CTr/BDVTW-BCSĐCP", date="2019-03-05"),
            ref(
                "Kế hoạch số 30-KH/BDVTW-BCSĐCP ngày 5/3/2019 của Ban Dân vận Trung ương và "
                "Ban cán sự đảng Chính phủ",
                date="2019-03-05",
            ),
        ],
    ),
    (
        "Ngày 15/3/2021, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 45-KH/TU về chuyển đổi số.",
        [
            ref(
                "Kế hoạch số 45-KH/TU",
                date="2021-03-15",
                issuer="Ban Thường vụ Tỉnh ủy",
                title="chuyển đổi số",
            )
        ],
    ),
]

TERMS_AND_TITLES = [
    (
        "Thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XI) về "
        "“Tăng cường công tác dân vận”.",
        [
            ref(
                "Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XI)",
                term="XI",
                title="Tăng cường công tác dân vận",
            )
        ],
    ),
    (
        "Triển khai Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị khóa 13 về học tập.",
        [ref("Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị khóa 13", term="XIII")],
    ),
    (
        "Giám sát việc thực hiện Quyết định 217, 218-QĐ/TW của Bộ Chính trị.",
        [
            ref("Quyết định 217", symbol="217-QĐ/TW", relation="inspects"),
            ref("218-QĐ/TW của Bộ Chính trị", symbol="218-QĐ/TW", kind="quyet-dinh"),
        ],
    ),
]

ISSUERS = [
    (
        "Quán triệt Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Hội nghị lần thứ tám Ban Chấp hành "
        "Trung ương Đảng khoá XIII về đại đoàn kết.",
        [
            ref(
                "Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Hội nghị lần thứ tám Ban Chấp hành "
                "Trung ương Đảng khoá XIII",
                issuer="Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng",
                term="XIII",
            )
        ],
    ),
    (
        "Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6 khóa XII.",
        [
            ref(
                "Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6 khóa XII",
                issuer="Hội nghị Trung ương 6",
                term="XII",
            )
        ],
    ),
    (
        "Các xã thực hiện Kế hoạch số 120/KH-UBND của Ủy ban nhân dân tỉnh Nghệ An về du lịch.",
        [
            ref(
                "Kế hoạch số 120/KH-UBND của Ủy ban nhân dân tỉnh Nghệ An",
                issuer="Ủy ban nhân dân tỉnh Nghệ An",
                symbol="120/KH-UBND",
            )
        ],
    ),
    # A name written with its last syllable capitalised ends before the verb after it.
    (
        "Căn cứ Thông tư số 19/2016/TT-BXD của Bộ Xây Dựng hướng dẫn thực hiện Luật Nhà ở.",
        [
            ref(
                "Thông tư số 19/2016/TT-BXD của Bộ Xây Dựng",
                issuer="Bộ Xây Dựng",
                symbol="19/2016/TT-BXD",
            ),
            ref("Luật Nhà ở", symbol=None),
        ],
    ),
    # "và" joins two bodies ("Ban Dân vận và Ban Tuyên giáo"), never a body and the next
    # document's type word.
    (
        "Thực hiện Kế hoạch số 15-KH/TU của Ban Thường vụ Tỉnh ủy và Chương trình hành động của "
        "Ban Dân vận Tỉnh ủy thực hiện Nghị quyết số 25-NQ/TW.",
        [
            ref(
                "Kế hoạch số 15-KH/TU của Ban Thường vụ Tỉnh ủy",
                issuer="Ban Thường vụ Tỉnh ủy",
                symbol="15-KH/TU",
            ),
            ref("Chương trình hành động của Ban Dân vận Tỉnh ủy", issuer="Ban Dân vận Tỉnh ủy"),
            ref("Nghị quyết số 25-NQ/TW", symbol="25-NQ/TW"),
        ],
    ),
]

UNNUMBERED = [
    (
        "Quán triệt Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII.",
        [
            ref(
                "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII",
                congress=Congress("XIII", "toan-quoc"),
                year=2021,
                relation="disseminates",
            )
        ],
    ),
    (
        "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XV, nhiệm kỳ 2020 - 2025.",
        [
            ref(
                "Nghị quyết Đại hội Đảng bộ tỉnh Quảng Ninh lần thứ XV",
                congress=Congress("XV", "tinh", "Quảng Ninh", period=2020),
            )
        ],
    ),
    (
        "thực hiện Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, Đại hội Đảng bộ huyện lần "
        "thứ XXV về xây dựng nông thôn mới",
        [
            ref("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", relation="implements"),
            ref(
                "Đại hội Đảng bộ huyện lần thứ XXV",
                congress=Congress("XXV", "huyen"),
                relation="implements",
            ),
        ],
    ),
    (
        "Tiếp tục thực hiện Nghị quyết Trung ương 4 (khóa XII) về xây dựng Đảng.",
        [
            ref(
                "Nghị quyết Trung ương 4 (khóa XII)",
                plenum=Plenum(4),
                term="XII",
                relation="continues",
            )
        ],
    ),
    (
        "Quán triệt Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII.",
        [
            ref(
                "Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
                plenum=Plenum(8),
                term="XIII",
            )
        ],
    ),
    ("Sơ kết NQ TW4 trong toàn Đảng bộ.", [ref("NQ TW4", plenum=Plenum(4), relation="reviews")]),
    (
        "Tổ chức tuyên truyền Luật Đất đai năm 2013 đến cán bộ.",
        [ref("Luật Đất đai năm 2013", kind="luat", title="Đất đai", year=2013)],
    ),
]

SHORT_FORMS = [
    (
        "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương. "
        "Sơ kết Nghị quyết số 25 trong quý IV.",
        [
            ref("Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương"),
            ref("Nghị quyết số 25", short_form=True, antecedent=0, symbol=None, year=2013),
        ],
    ),
    (
        "Quán triệt Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị về quy chế "
        "(Quyết định số 23-QĐ/TW); kiểm tra việc thực hiện QĐ 23.",
        [
            ref("Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị"),
            ref("Quyết định số 23-QĐ/TW", short_form=True, relation="disseminates"),
            ref("QĐ 23", short_form=True, antecedent=0, relation="inspects"),
        ],
    ),
]

LINKS = [
    (
        "Quán triệt Chỉ thị số 18-CT/TW ngày 10/01/2018 của Bộ Chính trị về tiếp tục thực hiện "
        "Nghị quyết số 25-NQ/TW về công tác tôn giáo.",
        [(0, "continues", 1)],
    ),
    (
        "Thực hiện Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị (thay thế QĐ 290).",
        [(0, "replaces", 1)],
    ),
    (
        "Theo Thông tri số 23-TT/TU ngày 18/9/2015 của Ban Thường vụ Thành ủy về thực hiện "
        "Kết luận số 114-KL/TW của Ban Bí thư.",
        [(0, "implements", 1)],
    ),
    (
        "Nghiên cứu Báo cáo số 12-BC/TU ngày 05/3/2023 tổng kết 10 năm thực hiện Nghị quyết "
        "số 25-NQ/TW của Ban Chấp hành Trung ương.",
        [(0, "reviews", 1)],
    ),
    (
        "Chỉ đạo thực hiện Chỉ thị số 34-CT/TU ngày 25/2/2014 về lãnh đạo thực hiện Quyết định "
        "số 217-QĐ/TW, Quyết định số 218-QĐ/TW của Bộ Chính trị.",
        [(0, "implements", 1), (0, "implements", 2)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SYMBOLS + DATES + TERMS_AND_TITLES + ISSUERS)
def test_numbered_references(text: str, expected: list[dict[str, Any]]) -> None:
    check_references(text, expected)


@pytest.mark.parametrize(("text", "expected"), UNNUMBERED)
def test_unnumbered_references(text: str, expected: list[dict[str, Any]]) -> None:
    check_references(text, expected)


@pytest.mark.parametrize(("text", "expected"), SHORT_FORMS)
def test_short_forms(text: str, expected: list[dict[str, Any]]) -> None:
    check_references(text, expected)


@pytest.mark.parametrize(("text", "expected"), LINKS)
def test_links(text: str, expected: list[tuple[int, str, int]]) -> None:
    extraction = extract(text)
    assert [(k.subject, k.relation, k.object) for k in extraction.links] == expected
    for link in extraction.links:
        assert extraction.references[link.object].relation == "cites"


def test_one_verb_governs_a_list() -> None:
    text = (
        "Quán triệt, triển khai Chỉ thị số 05-CT/TW, Kết luận số 01-KL/TW và Quy định số "
        "37-QĐi/TW của Bộ Chính trị."
    )
    references = extract(text).references
    assert [r.relation for r in references] == ["disseminates"] * 3
    assert [r.kind for r in references] == ["chi-thi", "ket-luan", "quy-dinh"]


def test_qd_without_type_word_is_a_guessed_decision() -> None:
    extraction = extract("Các cơ quan thực hiện 290-QĐ/TW của Bộ Chính trị.")
    (reference,) = extraction.references
    assert reference.kind == "quyet-dinh"
    assert reference.warnings
    assert extraction.warnings


def test_nfd_input_keeps_offsets_on_the_text_as_given() -> None:
    text = unicodedata.normalize(
        "NFD",
        "Tỉnh uỷ quán triệt Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương "
        "Đảng khoá XI về công tác dân vận.",
    )
    (reference,) = extract(text).references
    assert text[reference.start : reference.end] == reference.surface
    assert reference.symbol == "25-NQ/TW"
    assert reference.term == "XI"
    assert reference.date == "2013-06-03"
    assert reference.relation == "disseminates"


def test_web_page_furniture_and_self_symbol_are_not_references() -> None:
    text = (
        "Thứ Hai, 12/6/2023\n"
        "Kế hoạch số 15-KH/BDVTU ngày 02/3/2023 của Ban Dân vận Tỉnh ủy về công tác năm 2023\n\n"
        "Thực hiện Nghị quyết số 08-NQ/TU ngày 06/12/2022 của Tỉnh ủy, Ban Dân vận xây dựng "
        "kế hoạch.\n\n"
        "TRƯỞNG BAN\n\nNguyễn Văn An\n\n File: Kế hoạch số 15-KH/BDVTU\n\nGửi cho bạn bè\n\n"
        "Phản hồi\n\nCác tin khác\n\nXem nhiều nhất"
    )
    extraction = extract(text)
    assert [r.symbol for r in extraction.references] == ["08-NQ/TU"]
    document = extraction.document
    assert (document.kind, document.symbol, document.date) == (
        "ke-hoach",
        "15-KH/BDVTU",
        "2023-03-02",
    )
    assert document.issuer == "Ban Dân vận Tỉnh ủy"
    assert document.signers[0].name == "Nguyễn Văn An"
    assert document.signers[0].role == "TRƯỞNG BAN"


def test_formal_header_gives_the_document_identity() -> None:
    text = (
        "TỈNH ỦY QUẢNG NAM                    ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "  BAN TUYÊN GIÁO              Tam Kỳ, ngày 05 tháng 4 năm 2022\n"
        "        *\n"
        "   Số 112-KH/BTGTU\n\n"
        "KẾ HOẠCH\n"
        "tuyên truyền kỷ niệm ngày thành lập Đảng\n\n"
        "Căn cứ Hướng dẫn số 12-HD/BTGTW ngày 02/3/2022 của Ban Tuyên giáo Trung ương, Ban "
        "Tuyên giáo Tỉnh ủy xây dựng kế hoạch như sau:\n\n"
        "Nơi nhận:\n- Thường trực Tỉnh ủy (để b/c),\n- Các huyện ủy,\n- Lưu VT.\n\n"
        "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nLê Thị Hoa\n"
    )
    extraction = extract(text)
    document = extraction.document
    assert document.kind == "ke-hoach"
    assert (document.number, document.symbol) == ("112", "112-KH/BTGTU")
    assert (document.date, document.place) == ("2022-04-05", "Tam Kỳ")
    assert document.issuer == "Ban Tuyên giáo Tỉnh ủy Quảng Nam"
    assert document.title == "Kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng"
    assert document.recipients == ["Thường trực Tỉnh ủy", "Các huyện ủy"]
    assert document.signers[0].name == "Lê Thị Hoa"
    assert document.signers[0].role == "K/T TRƯỞNG BAN, PHÓ TRƯỞNG BAN"
    (reference,) = extraction.references
    assert (reference.symbol, reference.relation) == ("12-HD/BTGTW", "based_on")


def test_list_items_take_the_verb_of_their_lead_in_line() -> None:
    text = (
        "Căn cứ:\n"
        "- Nghị quyết số 43-NQ/TU ngày 03/6/2019 của Tỉnh ủy;\n"
        "- Chỉ thị số 08-CT/TU ngày 10/01/2020 của Ban Thường vụ Tỉnh ủy.\n"
        "Ban Tuyên giáo Tỉnh ủy xây dựng kế hoạch như sau:\n"
    )
    assert [r.relation for r in extract(text).references] == ["based_on", "based_on"]


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        (
            "ĐẢNG BỘ TỈNH BÌNH DƯƠNG            ĐẢNG CỘNG SẢN VIỆT NAM\n"
            "HUYỆN ỦY DẦU TIẾNG         Dầu Tiếng, ngày 12 tháng 3 năm 2022\n",
            "Huyện ủy Dầu Tiếng",
        ),
        (
            "ỦY BAN NHÂN DÂN             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH BÌNH DƯƠNG             Độc lập - Tự do - Hạnh phúc\n",
            "Ủy ban nhân dân tỉnh Bình Dương",
        ),
        # The Central Committee's organs: "Ban Dân vận Trung ương", "Ban Bí thư".
        (
            "BAN CHẤP HÀNH TRUNG ƯƠNG      ĐẢNG CỘNG SẢN VIỆT NAM\nBAN DÂN VẬN\n",
            "Ban Dân vận Trung ương",
        ),
        ("BAN CHẤP HÀNH TRUNG ƯƠNG      ĐẢNG CỘNG SẢN VIỆT NAM\nBAN BÍ THƯ\n", "Ban Bí thư"),
    ],
)
def test_header_issuer_is_composed_from_its_lines(header: str, issuer: str) -> None:
    text = f"{header}Số 45-KH/HU\n\nKẾ HOẠCH\nthực hiện chuyển đổi số\n\nNội dung kế hoạch."
    assert extract(text).document.issuer == issuer


@pytest.mark.parametrize(
    ("header", "issuer", "parent"),
    [
        (
            "ĐẢNG BỘ TỈNH HẢI DƯƠNG            ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN UỶ THANH HÀ\n*\n",
            "Huyện ủy Thanh Hà",
            "Đảng bộ tỉnh Hải Dương",
        ),
        (
            "ĐẢNG BỘ TỈNH HẢI DƯƠNG            ĐẢNG CỘNG SẢN VIỆT NAM\n"
            "HUYỆN ỦY THANH HÀ\nBAN DÂN VẬN\n",
            "Ban Dân vận Huyện ủy Thanh Hà",
            "Đảng bộ tỉnh Hải Dương",
        ),
        ("TỈNH ỦY BÌNH PHƯỚC\nBAN DÂN VẬN\n", "Ban Dân vận Tỉnh ủy Bình Phước", None),
    ],
)
def test_the_header_line_above_a_district_body_is_kept_as_its_parent(
    header: str, issuer: str, parent: str | None
) -> None:
    # A district's header is the only place that names its province; without it two districts'
    # "3-KH/HU" of the same year would be one document.
    text = f"{header}Số 3-KH/HU\n\nKẾ HOẠCH\ncông tác dân vận năm 2006\n\nNội dung kế hoạch."
    document = extract(text).document
    assert (document.issuer, document.parent) == (issuer, parent)


def test_recipients_and_the_signer_block_side_by_side_are_read_apart() -> None:
    # The usual layout: "Nơi nhận" on the left, the signer's block on the same rows at right.
    text = (
        "TỈNH ỦY BÀ RỊA - VŨNG TÀU          ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "          *                      Bà Rịa - Vũng Tàu, ngày 29 tháng 08 năm 2003\n"
        "     Số 28-KH/TU\n\nKẾ HOẠCH\ncông tác dân vận năm 2003\n\nNội dung kế hoạch.\n\n"
        "Nơi nhận:                                   T/M BAN THƯỜNG VỤ\n"
        "- Ban Thường vụ Tỉnh ủy (b/c),              BÍ THƯ\n"
        "- Các sở, ban, ngành, đoàn thể liên quan,   \n"
        "- Lưu VT.                                   (đã ký)\n"
        "                                            \n"
        "                                            Lâm Hữu Bình\n"
    )
    document = extract(text).document
    assert (document.date, document.place) == ("2003-08-29", "Bà Rịa - Vũng Tàu")
    assert document.recipients == [
        "Ban Thường vụ Tỉnh ủy",
        "Các sở, ban, ngành, đoàn thể liên quan",
    ]
    assert [(s.name, s.role) for s in document.signers] == [
        ("Lâm Hữu Bình", "T/M BAN THƯỜNG VỤ, BÍ THƯ")
    ]


@pytest.mark.parametrize(
    ("title_line", "kind", "symbol"),
    [
        ("Kế hoạch ngày 18/08/2002 của Ban Dân vận Tỉnh ủy Thái Nguyên", "ke-hoach", None),
        ("Kế hoạch số 29-KH/TU ngày 18/08/2002 của Tỉnh ủy Thái Nguyên", "ke-hoach", "29-KH/TU"),
    ],
)
def test_a_web_title_line_with_its_summary_below_gives_date_and_title(
    title_line: str, kind: str, symbol: str | None
) -> None:
    text = (
        f"Thứ Bảy, 30/10/2004\n{title_line}\n\n"
        "tiếp tục thực hiện Thông báo kết luận số 42-TB/TW ngày 15/03/1999\n-----\n"
        "- Căn cứ Nghị quyết số 08-NQ/TU, ngày 6-7-2002 của Ban Thường vụ Tỉnh ủy;\n"
    )
    document = extract(text).document
    assert (document.kind, document.symbol, document.date) == (kind, symbol, "2002-08-18")
    assert document.title == (
        "Kế hoạch tiếp tục thực hiện Thông báo kết luận số 42-TB/TW ngày 15/03/1999"
    )


def test_a_dated_type_word_in_a_sentence_is_not_a_title_line() -> None:
    text = "Kế hoạch ngày 18/08/2002 đã được triển khai.\n\nNội dung báo cáo."
    assert extract(text).document.date is None


def test_the_province_written_with_a_dash_is_one_issuer() -> None:
    text = (
        "Thực hiện Kế hoạch số 58-KH/TU ngày 25/2/2014 của Tỉnh ủy Bà Rịa - Vũng Tàu về công tác."
    )
    (reference,) = extract(text).references
    assert reference.issuer == "Tỉnh ủy Bà Rịa - Vũng Tàu"


def test_list_attributes_do_not_reach_short_forms_or_laws_by_name() -> None:
    text = (
        "Thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương. "
        "Quán triệt Nghị quyết 43 và Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị; "
        "tuyên truyền Luật Đất đai và Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ."
    )
    references = extract(text).references
    short, law = references[1], references[3]
    assert (short.surface, short.date, short.short_form, short.antecedent) == (
        "Nghị quyết 43",
        None,
        True,
        0,
    )
    assert (law.surface, law.date, law.issuer) == ("Luật Đất đai", None, None)


def test_evidence_span_is_the_sentence_or_list_item_that_holds_the_reference() -> None:
    text = (
        "I. MỤC ĐÍCH\n"
        "- Quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị. Sơ kết 5 năm thực hiện Kết luận số "
        "01-KL/TW.\n"
        "- Tổ chức hội nghị."
    )
    first, second = extract(text).references
    assert text[first.sentence_start : first.sentence_end].strip() == (
        "- Quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị."
    )
    assert text[second.sentence_start : second.sentence_end].strip() == (
        "Sơ kết 5 năm thực hiện Kết luận số 01-KL/TW."
    )
    assert second.elapsed_years == 5


def test_a_numbered_heading_is_not_the_verb_of_the_next_paragraph() -> None:
    text = (
        "1. Công tác quán triệt, triển khai\n"
        "Ngay sau khi Trung ương ban hành Nghị quyết số 25-NQ/TW, ngày 03/6/2013, Ban Thường vụ "
        "đã ban hành Chương trình hành động số 45-CTr/TU ngày 02/10/2013."
    )
    assert [r.relation for r in extract(text).references] == ["cites", "cites"]


def test_a_replacement_stated_after_what_a_decision_issues_is_a_link() -> None:
    text = (
        "Ban hành Quyết định số 1532-QĐ/TU ngày 20/12/2021 ban hành Quy chế công tác dân vận "
        "(thay thế Quyết định số 1250-QĐ/TU)."
    )
    extraction = extract(text)
    assert [(k.subject, k.relation, k.object) for k in extraction.links] == [(0, "replaces", 1)]
    assert extraction.references[1].relation == "cites"
