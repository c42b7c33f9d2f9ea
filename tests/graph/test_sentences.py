"""The citing sentence a citation keeps as evidence when the extractor gave none: it ends at a
full stop, "!", "?", a semicolon or a colon followed by white space, or at a line break."""

from __future__ import annotations

import pytest

from kg.graph.build import Sentences


@pytest.mark.parametrize(
    ("text", "mention", "sentence"),
    [
        ("Một. Hai ba; bốn", "Hai", "Hai ba;"),
        ("Một. Hai ba; bốn", "bốn", "bốn"),
        ("Một. Hai ba; bốn", "Một", "Một."),
        ("Một câu\nHai câu\nBa", "Hai", "Hai câu\n"),
        ("Mục 1:\tThực hiện X! Rồi", "Thực", "Thực hiện X!"),
        ("Có không? Có", "không", "Có không?"),
        # A line break right after the stop ends the sentence once, not twice.
        ("Một.\nHai", "Hai", "Hai"),
        # No white space after the mark: not an end ("số 1.2", "18/CT-UBND:A").
        ("Điều 1.2 quy định;nêu rõ. Tiếp", "quy", "Điều 1.2 quy định;nêu rõ."),
        ("Hết.", "Hết", "Hết."),
        ("\n\nX\n", "X", "X\n"),
    ],
)
def test_the_sentence_around_a_mention(text: str, mention: str, sentence: str) -> None:
    start = text.index(mention)
    first, last = Sentences(text).around(start, start + len(mention))
    assert text[first:last] == sentence
