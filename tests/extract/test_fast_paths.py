"""Texts that take the extractor's shortcuts: type words sharing their first syllables, header
number cells, web-page furniture. Each row is written for the test; the shortcuts must read
what the plain patterns read."""

from __future__ import annotations

import pytest

from kg.extract import extract
from tests.extract.rows import check_references, ref

# Type words that share their first syllables ("thông tư" / "thông tư liên tịch", "kế hoạch"
# / "kết luận", "quy định" / "quyết định" / "quy chế"), also broken across a line.
SHARED_SYLLABLES = [
    (
        "Thực hiện Thông tư liên tịch số 01/2015/TTLT-BNV-BTC của Bộ Nội vụ.",
        [ref("Thông tư liên tịch số 01/2015/TTLT-BNV-BTC của Bộ Nội vụ", kind="thong-tu")],
    ),
    (
        "Căn cứ Thông tư số 03/2018/TT-BNV và Thông tri số 02-TT/TW.",
        [
            ref("Thông tư số 03/2018/TT-BNV", kind="thong-tu"),
            ref("Thông tri số 02-TT/TW", kind="thong-tri"),
        ],
    ),
    (
        "Tiếp tục thực hiện Thông báo kết luận số 42-TB/TW và Kết luận số 57-KL/TW.",
        [
            ref("Thông báo kết luận số 42-TB/TW", kind="thong-bao", symbol="42-TB/TW"),
            ref("Kết luận số 57-KL/TW", kind="ket-luan", symbol="57-KL/TW"),
        ],
    ),
    (
        "Triển khai Kế hoạch số 15-KH/TU, Quy chế số 04-QC/TU và Quy định số 05-QĐi/TU.",
        [
            ref("Kế hoạch số 15-KH/TU", kind="ke-hoach"),
            ref("Quy chế số 04-QC/TU", kind="quy-che"),
            ref("Quy định số 05-QĐi/TU", kind="quy-dinh"),
        ],
    ),
    (
        "Quán triệt Quyết định số 99-QĐ/TW và Nghị\nquyết số 25-NQ/TW của Bộ Chính trị.",
        [
            ref("Quyết định số 99-QĐ/TW", kind="quyet-dinh", symbol="99-QĐ/TW"),
            ref("Nghị\nquyết số 25-NQ/TW của Bộ Chính trị", kind="nghi-quyet", symbol="25-NQ/TW"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHARED_SYLLABLES)
def test_type_words_sharing_syllables(text: str, expected: list[dict[str, object]]) -> None:
    check_references(text, expected)


# Web-page furniture lines, in any case, are never references; a line that merely starts
# with the same letter is read as usual.
FURNITURE = [
    ("Tags: Nghị quyết số 25-NQ/TW, Kết luận số 57-KL/TW", []),
    ("TỪ KHÓA: Nghị quyết số 25-NQ/TW", []),
    ("tệp đính kèm: Kế hoạch số 15-KH/TU.doc", []),
    (
        "Triển khai Nghị quyết số 25-NQ/TW.",
        [ref("Nghị quyết số 25-NQ/TW", relation="implements")],
    ),
]


@pytest.mark.parametrize(("line", "expected"), FURNITURE)
def test_furniture_lines(line: str, expected: list[dict[str, object]]) -> None:
    check_references(f"Các cấp ủy học tập nghị quyết.\n{line}\nBan Dân vận Tỉnh ủy", expected)


# The number cell of a header: at the start of the text or of a line, after a bar, after a
# gap of blanks; never after a single blank, where it is part of a sentence.
HEADER_NUMBERS = [
    ("ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 24/KH-UBND\nKẾ HOẠCH\nvề công tác dân vận", "24/KH-UBND"),
    ("Số 36-KH/TU\nKẾ HOẠCH\nthực hiện công tác dân vận", "36-KH/TU"),
    ("TỈNH ỦY QUẢNG NAM |Số 36-KH/TU\nKẾ HOẠCH\nthực hiện công tác dân vận", "36-KH/TU"),
    ("TỈNH ỦY QUẢNG NAM | Số 36-KH/TU\nKẾ HOẠCH\nthực hiện công tác dân vận", "36-KH/TU"),
    ("BAN DÂN VẬN TỈNH ỦY\t Số: 15-KH/BDVTU\nKẾ HOẠCH\ncông tác năm 2021", "15-KH/BDVTU"),
    ("BAN DÂN VẬN TỈNH ỦY        Số: 15-KH/BDVTU\nKẾ HOẠCH\ncông tác năm 2021", "15-KH/BDVTU"),
    ("TỈNH ỦY QUẢNG NAM Số 36-KH/TU\nKẾ HOẠCH\nthực hiện công tác dân vận", None),
]


@pytest.mark.parametrize(("text", "symbol"), HEADER_NUMBERS)
def test_header_number_cell(text: str, symbol: str | None) -> None:
    assert extract(text).document.symbol == symbol
