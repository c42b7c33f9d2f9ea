"""Letter case never moves an offset: the verb before a reference is read at the reference,
whatever letters stand earlier in the text, and a number list written in capitals is read."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.rows import check_references, ref

# "İ" (a Turkish capital I with a dot) lower-cases to two characters: a lower-cased copy
# longer than the text put each verb a character further on per "İ" before it.
DOTTED_CAPITAL_I = [
    (
        "Đoàn İZMİR. Quán triệt Nghị quyết số 25-NQ/TW và thực hiện Chỉ thị số 05-CT/TW.",
        [
            ref("Nghị quyết số 25-NQ/TW", relation="disseminates"),
            ref("Chỉ thị số 05-CT/TW", relation="implements"),
        ],
    ),
    (
        "Công ty İNCİ. Quán triệt Nghị quyết số 25-NQ/TW và thực hiện Chỉ thị số 05-CT/TW.",
        [
            ref("Nghị quyết số 25-NQ/TW", relation="disseminates"),
            ref("Chỉ thị số 05-CT/TW", relation="implements"),
        ],
    ),
    (
        "Làm việc với Công ty İSTANBUL İNŞAAT; căn cứ Quyết định số 217-QĐ/TW, triển khai "
        "Kết luận số 12-KL/TW.",
        [
            ref("Quyết định số 217-QĐ/TW", relation="based_on"),
            ref("Kết luận số 12-KL/TW", relation="implements"),
        ],
    ),
]

# "Quyết định số 217, SỐ 218-QĐ/TW": the second number shares the type word.
CAPITAL_NUMBER_WORD = [
    (
        "Thực hiện Quyết định số 217, SỐ 218-QĐ/TW ngày 12/12/2013.",
        [
            ref("Quyết định số 217", number="217"),
            ref("SỐ 218-QĐ/TW ngày 12/12/2013", symbol="218-QĐ/TW", date="2013-12-12"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DOTTED_CAPITAL_I + CAPITAL_NUMBER_WORD)
def test_case_does_not_move_what_is_read(text: str, expected: list[dict[str, Any]]) -> None:
    check_references(text, expected)
