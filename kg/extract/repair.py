"""Repair diacritics that a conversion scrambled, in the match copy only.

Text that went through a broken font conversion or OCR can carry its marks on the wrong
letters: "ngàỷ", "khỏá XÍĨ", "Nghị qụỵết". A Vietnamese syllable carries at most one tone
mark, so a word with two or more is damaged for certain. Such a word is read as the domain
word with the same letters (marks aside) when the table ``data/repair_words.tsv`` has exactly
one, and a Roman numeral as its plain letters. The repaired word has the same length, so the
copy's offsets still map one-to-one onto the text as read, which is never changed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kg.extract import tables

# Grave, acute, tilde, hook above, dot below: the five tone marks.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _has_tone(char: str) -> bool:
    return not _TONE_MARKS.isdisjoint(unicodedata.normalize("NFD", char))


_TONED = "".join(
    char for char in map(chr, range(0xC0, 0x1F00)) if char.isalpha() and _has_tone(char)
)
_UNTONED = "".join(
    char for char in map(chr, range(0x41, 0x1F00)) if char.isalpha() and not _has_tone(char)
)
# Two toned letters with only untoned letters between them: the middle of a damaged word (the
# middle class excludes the toned letters, so the scan never backtracks).
_TWO_TONES = re.compile(rf"[{_TONED}][{_UNTONED}]*+[{_TONED}]")
_ROMAN = re.compile(r"[IVXL]+")
# How much of a text is searched for damage before it is taken as clean.
_SAMPLE = 8_000


def _plain(word: str) -> str:
    """The letters of ``word`` without any marks, lower-cased ("qụỵết" -> "quyet")."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _words_by_letters() -> dict[str, str]:
    """Domain words by their plain letters; letters two words share name neither."""
    found: dict[str, str | None] = {}
    for row in tables.load_table("repair_words"):
        word = unicodedata.normalize("NFC", row["word"])
        key = _plain(word)
        found[key] = None if key in found and found[key] != word else word
    return {key: word for key, word in found.items() if word is not None}


def repair_marks(text: str) -> str:
    """``text`` with damaged words replaced by the domain word they stand for (same length).

    Damage comes from how a file was converted, so it shows all through a damaged text: the
    search for it looks at the start of a long text only, and a clean start spares the rest
    (the scan costs as much as a fifth of extraction on clean text otherwise)."""
    damaged = _TWO_TONES.search(text, 0, _SAMPLE)
    if damaged is None:
        return text
    pieces: list[str] = []
    copied = 0
    while damaged is not None:
        start, end = damaged.start(), damaged.end()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        repaired = _repaired_word(text[start:end])
        if repaired is not None:
            pieces.append(text[copied:start])
            pieces.append(repaired)
            copied = end
        damaged = _TWO_TONES.search(text, end)
    pieces.append(text[copied:])
    return "".join(pieces)


def _repaired_word(word: str) -> str | None:
    if sum(_has_tone(char) for char in word) < 2:
        return None
    letters = _plain(word)
    if word.isupper() and _ROMAN.fullmatch(letters.upper()):
        return letters.upper()
    target = _words_by_letters().get(letters)
    if target is None or len(target) != len(word):
        return None
    return "".join(
        new.upper() if old.isupper() else new for old, new in zip(word, target, strict=True)
    )
