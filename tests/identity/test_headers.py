"""Headers as real files carry them: each layout, written for the test, gives the document's
own symbol, kind, date, place and issuer (and never a citation of itself)."""

from __future__ import annotations

import pytest

from kg.extract import extract

LAYOUTS = [
    (
        "state header, body and province on two lines",
        "ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 45/KH-UBND\nPhú Yên, ngày 02 tháng 3 năm 2022\n\n"
        "KẾ HOẠCH\nthực hiện công tác dân vận chính quyền năm 2022\n\nCăn cứ Luật Tổ chức chính "
        "quyền địa phương;",
        ("45/KH-UBND", "ke-hoach", "2022-03-02", "Phú Yên", "Ủy ban nhân dân tỉnh Phú Yên"),
    ),
    (
        "Government decree, words broken off their lines",
        "CHÍNH\nPHỦ\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố:\n12/2023/NĐ-CP\n|\n"
        "Hà\nNội, ngày 09\ntháng 01 năm 2023\n|\nNGHỊ ĐỊNH\nVỀ CÔNG TÁC DÂN VẬN\n"
        "Căn cứ Luật Tổ chức Chính phủ;",
        ("12/2023/NĐ-CP", "nghi-dinh", "2023-01-09", "Hà Nội", "Chính phủ"),
    ),
    (
        "people's council in a table row, the enacting line naming the province",
        "HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 30/NQ-HĐND | Sơn La, ngày "
        "11 tháng 3 năm 2020 |\nHỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA\nKHÓA XIV, KỲ HỌP THỨ MƯỜI\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT NGHỊ:",
        ("30/NQ-HĐND", "nghi-quyet", "2020-03-11", "Sơn La", "Hội đồng nhân dân tỉnh Sơn La"),
    ),
    (
        "number and place-date sharing one table row",
        "ỦY BAN NHÂN DÂN TỈNH THANH HÓA | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "Số: 130/KH-UBND | Thanh Hoá, ngày 27 tháng 6 năm 2025 |\nKẾ HOẠCH\n"
        "triển khai chuyển đổi số\nCăn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020;",
        ("130/KH-UBND", "ke-hoach", "2025-06-27", "Thanh Hóa", "Ủy ban nhân dân tỉnh Thanh Hóa"),
    ),
    (
        "place-date broken over three lines",
        "TỈNH ỦY SƠN LA\n*\nSố 185-KH/TU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nSơn\nLa, ngày 11 tháng 3\n"
        "năm 2020\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 25-NQ/TW\n\nThực hiện Nghị quyết số "
        "25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương.",
        ("185-KH/TU", "ke-hoach", "2020-03-11", "Sơn La", "Tỉnh ủy Sơn La"),
    ),
    (
        "district committee under its province's Party organisation",
        "ĐẢNG BỘ TỈNH KHÁNH HÒA\nHUYỆN ỦY VẠN NINH\n*\nSố 12-KH/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Vạn Ninh, ngày 05 tháng 4 năm 2019\n\nKẾ HOẠCH\ntổ chức học tập nghị quyết",
        ("12-KH/HU", "ke-hoach", "2019-04-05", "Vạn Ninh", "Huyện ủy Vạn Ninh"),
    ),
    (
        "commune Party committee after 1 July 2025",
        "ĐẢNG BỘ TỈNH NINH BÌNH\nĐẢNG ỦY XÃ GIA VIỄN\n*\nSố 08-KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Gia Viễn, ngày 15 tháng 8 năm 2025\n\nKẾ HOẠCH\ntriển khai nghị quyết đại hội",
        ("08-KH/ĐU", "ke-hoach", "2025-08-15", "Gia Viễn", "Đảng ủy xã Gia Viễn"),
    ),
    (
        "the merged propaganda and mass-mobilisation commission of a province",
        "TỈNH ỦY BẮC GIANG\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n*\nSố 20-KH/BTGDVTU\n\nĐẢNG CỘNG SẢN "
        "VIỆT NAM\nBắc Giang, ngày 10 tháng 4 năm 2025\n\nKẾ HOẠCH\ntuyên truyền đại hội",
        ("20-KH/BTGDVTU", "ke-hoach", "2025-04-10", "Bắc Giang",
         "Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Giang"),
    ),
    (
        "a mirror's banner and metadata block before the header",
        "TRANG CHỦ | VĂN BẢN | LIÊN HỆ\nSố hiệu: | 07/2024/QĐ-UBND |\n"
        "Ngày ban hành: | 12/02/2024 |\nỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 07/2024/QĐ-UBND\n"
        "Bắc Ninh, ngày 12 tháng 02 năm 2024\nQUYẾT ĐỊNH\nban hành quy chế phối hợp\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        ("07/2024/QĐ-UBND", "quyet-dinh", "2024-02-12", "Bắc Ninh",
         "Ủy ban nhân dân tỉnh Bắc Ninh"),
    ),
    (
        "joint symbol kept whole",
        "UBND TỈNH LÀO CAI - UBMTTQ TỈNH LÀO CAI\nSố: 01/QCPH/UBND-UBMTTQ\n"
        "Lào Cai, ngày 05 tháng 1 năm 2021\nQUY CHẾ\nphối hợp công tác",
        ("01/QCPH/UBND-UBMTTQ", "quy-che", "2021-01-05", "Lào Cai", None),
    ),
    (
        "'TƯ' of a provincial committee read as Tỉnh ủy",
        "TỈNH ỦY HÀ GIANG\n*\nSố 15-NQ/TƯ\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Giang, ngày 02 tháng 6 "
        "năm 2021\n\nNGHỊ QUYẾT\nvề công tác dân vận",
        ("15-NQ/TU", "nghi-quyet", "2021-06-02", "Hà Giang", "Tỉnh ủy Hà Giang"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("layout", "text", "expected"), LAYOUTS, ids=[row[0] for row in LAYOUTS])
def test_a_header_layout_gives_the_documents_identity(
    layout: str, text: str, expected: tuple[str, str, str, str, str | None]
) -> None:
    extraction = extract(text)
    document = extraction.document
    symbol, kind, date, place, issuer = expected
    assert (document.symbol, document.kind, document.date) == (symbol, kind, date)
    assert document.place is not None and document.place.replace("Hoá", "Hóa") == place
    if issuer is not None:
        assert document.issuer == issuer
    # The document's own symbol is its identity, never a citation of itself.
    assert all(ref.symbol != symbol for ref in extraction.references)


NEWS = [
    (
        "a news page republishing a guideline",
        "Hướng dẫn tuyên truyền đại hội\n(BTV) - Ngày 23/9/2024, Ban Tuyên giáo Trung ương "
        "ban hành Hướng dẫn số 168-HD/BTGTW về tuyên truyền. Toàn văn Hướng dẫn:\n"
        "Nhằm tạo sự thống nhất...",
        ("168-HD/BTGTW", "huong-dan", "2024-09-23", "Ban Tuyên giáo Trung ương"),
    ),
    (
        "an editor's note before a provincial resolution",
        "Ban biên tập giới thiệu toàn văn Nghị quyết số 10-NQ/TU, ngày 18/8/2021 của Ban Thường vụ "
        "Tỉnh ủy về phát triển đô thị.\nNGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nThực hiện ...",
        ("10-NQ/TU", "nghi-quyet", "2021-08-18", "Ban Thường vụ Tỉnh ủy"),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("layout", "text", "expected"), NEWS, ids=[row[0] for row in NEWS])
def test_a_page_republishing_a_document_is_that_document(
    layout: str, text: str, expected: tuple[str, str, str, str]
) -> None:
    document = extract(text).document
    assert (document.symbol, document.kind, document.date, document.issuer) == expected


# Pages about a document, which are not that document: the gold's passages of this kind have no
# `self`, and the document they report stays a reference of the page.
REPORTS = [
    (
        "a headline over a report that the plan was issued",
        "Kế hoạch tổ chức Lễ kỷ niệm 15 năm thành lập Quận\n11/09/2018 | 08:39\n\n"
        "Ngày 04/7/2018, Quận ủy ban hành Kế hoạch số 149-KH/QU về tổ chức Lễ kỷ niệm.",
        "Kế hoạch số 149-KH/QU",
    ),
    (
        "a headline over 'vừa ký ... ban hành' news",
        "Kế hoạch triển khai thi hành Luật Trợ giúp pháp lý\n\nThủ tướng Chính phủ vừa ký "
        "Quyết định số 1355/QĐ-TTg ban hành Kế hoạch triển khai thi hành Luật Trợ giúp pháp lý.",
        "Quyết định số 1355/QĐ-TTg",
    ),
    (
        "the Government reported issuing a numbered resolution",
        "Chính phủ ban hành Nghị quyết số 77/NQ-CP ngày 10/4/2025 về phiên họp Chính phủ "
        "thường kỳ tháng 3/2025.",
        "Nghị quyết số 77/NQ-CP",
    ),
    (
        "an announcement of a full text the page does not hold",
        "Chỉ thị về lãnh đạo Đại hội Mặt trận các cấp\n\nNgày 25/5, thay mặt Ban Bí thư, đồng "
        "chí Thường trực Ban Bí thư ký ban hành Chỉ thị về lãnh đạo Đại hội Mặt trận các cấp "
        "(Chỉ thị số 22-CT/TW). Báo Nhân Dân trân trọng giới thiệu toàn văn Chỉ thị.",
        "Chỉ thị số 22-CT/TW",
    ),
    (
        "the document a republished letter carries out",
        "Văn bản chỉ đạo của UBND tỉnh\n\nThực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ tại "
        "Thông báo số 253/TB-VPCP ngày 25/7/2020 của Văn phòng Chính phủ. UBND tỉnh có Công văn "
        "gửi các sở. Đài Phát thanh xin đăng toàn văn Văn bản.\nCác sở, ngành thực hiện ngay.",
        "Thông báo số 253/TB-VPCP",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("layout", "text", "cited"), REPORTS, ids=[row[0] for row in REPORTS])
def test_a_page_reporting_a_document_is_not_that_document(
    layout: str, text: str, cited: str
) -> None:
    extraction = extract(text)
    assert extraction.document.symbol is None
    assert any(reference.surface.startswith(cited) for reference in extraction.references)


def test_a_posting_date_opening_a_line_hides_only_the_date() -> None:
    extraction = extract("Thứ Tư, 24/7/2024 - 10:32 Nghị quyết số 25-NQ/TW về công tác dân vận.")
    [reference] = extraction.references
    assert (reference.symbol, reference.date) == ("25-NQ/TW", None)
