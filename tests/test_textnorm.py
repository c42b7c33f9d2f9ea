"""The match keys: ascii_fold strips marks character by character, fold remembers short keys;
the match copy and its lower-cased form keep every offset on the text as written."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.textnorm import ascii_fold, fold, lower_keeping_length, normalize_with_map, slugify

# The Latin blocks Vietnamese and its neighbours are written in, and the combining marks.
_LATIN = "".join(chr(code) for code in [*range(0x20, 0x250), *range(0x1E00, 0x1F00)])
_MARKS = "".join(chr(code) for code in range(0x300, 0x370))


def _strip_whole_text(text: str) -> str:
    """ascii_fold as first written: decompose the whole folded text, then drop the marks."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def test_every_latin_letter_with_or_without_marks_folds_as_the_whole_text_would() -> None:
    for letter in _LATIN:
        assert ascii_fold(letter) == _strip_whole_text(letter)
        for mark in _MARKS:
            assert ascii_fold(letter + mark) == _strip_whole_text(letter + mark)


@pytest.mark.parametrize(
    "text",
    [
        "0 \u0300",  # a mark alone after a space: the space stays, as in the whole-text fold
        "a \u0300b",
        "Tỉnh ủy\ufeffBình Phước",
        " Ðảng  bộ \u0301 ",
    ],
)
def test_ascii_fold_keeps_what_the_whole_text_fold_keeps(text: str) -> None:
    assert ascii_fold(text) == _strip_whole_text(text)


@given(st.one_of(st.text(alphabet=_LATIN + _MARKS + "đĐÐ\u00a0\ufeff"), st.text()))
def test_ascii_fold_is_the_whole_text_decomposition_without_marks(text: str) -> None:
    assert ascii_fold(text) == _strip_whole_text(text)


def test_long_and_short_texts_fold_alike() -> None:
    name = "Ban Thường vụ Tỉnh uỷ Bình Phước"
    long_text = " ".join([name] * 20)
    assert fold(long_text) == " ".join([fold(name)] * 20)
    assert fold(name) == fold(name) == "ban thường vụ tỉnh ủy bình phước"
    assert slugify("Đồng Nai – ĐẢNG BỘ") == "dong-nai-dang-bo"


@pytest.mark.parametrize(
    ("text", "copy"),
    [
        ("Nghị quyết số 25", "Nghị quyết số 25"),
        # Decomposed tones are composed in the copy.
        ("Nghi\u0323 quyê\u0301t số 25", "Nghị quyết số 25"),
        ("Tỉnh uy\u0309 và hoa\u0300 bình", "Tỉnh ủy và hòa bình"),
        # Composed already, though it holds marks: each composes with nothing and stays.
        ("x\u0301 và 0 \u0300 số", "x\u0301 và 0 \u0300 số"),
        ("Chỉ thị  \u0301 số 05", "Chỉ thị  \u0301 số 05"),
    ],
)
def test_the_match_copy_maps_each_word_back_to_the_word_as_written(text: str, copy: str) -> None:
    mapped = normalize_with_map(text)
    assert mapped.text == copy
    position = 0
    for written, word in zip(text.split(" "), copy.split(" "), strict=True):
        start = copy.index(word, position)
        first, last = mapped.span(start, start + len(word))
        assert text[first:last] == written
        position = start + len(word)


@pytest.mark.parametrize(
    ("text", "lowered"),
    [
        ("KẾ HOẠCH Số 25-KH/TU", "kế hoạch số 25-kh/tu"),
        # "İ" lower-cases to "i" and a combining dot: the copy takes the "i" alone.
        ("Công ty İZMİR thực hiện", "công ty izmir thực hiện"),
        ("İ", "i"),
        ("\u039f\u0394\u039f\u03a3 İ", "\u03bf\u03b4\u03bf\u03c2 i"),  # a final sigma stays final
        ("", ""),
    ],
)
def test_the_lower_case_copy_keeps_every_character_at_its_index(text: str, lowered: str) -> None:
    assert lower_keeping_length(text) == lowered
