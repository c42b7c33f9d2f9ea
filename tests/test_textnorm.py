"""The match keys: ascii_fold strips marks character by character, fold remembers short keys."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.textnorm import ascii_fold, fold, slugify

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
