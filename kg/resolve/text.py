"""Match keys and slugs for Vietnamese strings.

Text is data: callers keep the original strings and only compare the keys made here. The
keys absorb what varies between sources without changing meaning: Unicode composition, old
and new tone placement ("uỷ"/"ủy", "hoà"/"hòa"), "Ð" (U+00D0) for "Đ", case, punctuation.
"""

from __future__ import annotations

import re
import unicodedata

# Sources put the tone of an open "oa", "oe", "uy" syllable on either vowel ("hoà"/"hòa",
# "thuỷ"/"thủy"); keys put it on the first. Closed syllables are left alone: "hoàn" is right.
_TONE_MOVES: dict[str, str] = {}
for _first, _second, _marks_first, _marks_second in (
    ("o", "a", "òóỏõọ", "àáảãạ"),
    ("o", "e", "òóỏõọ", "èéẻẽẹ"),
    ("u", "y", "ùúủũụ", "ỳýỷỹỵ"),
):
    for _mark_first, _mark_second in zip(_marks_first, _marks_second, strict=True):
        _TONE_MOVES[_first + _mark_second] = _mark_first + _second
_OLD_TONE = re.compile("(" + "|".join(re.escape(k) for k in _TONE_MOVES) + r")(?![^\W\d_])")


def _move_tone(match: re.Match[str]) -> str:
    return _TONE_MOVES[match.group(0)]


def fold(text: str) -> str:
    """Case-, composition- and tone-placement-insensitive key, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").replace("\u0110", "Đ")
    text = _OLD_TONE.sub(_move_tone, text.lower())
    return " ".join(text.split())


def ascii_fold(text: str) -> str:
    """`fold` without diacritics ("Bình Phước" -> "binh phuoc"), for slugs and loose keys."""
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, max_length: int | None = None) -> str:
    """ASCII slug: "Bình Phước" -> "binh-phuoc", "QĐ" -> "qd"; cut at a word boundary."""
    words = re.findall(r"[a-z0-9]+", ascii_fold(text))
    slug = "-".join(words)
    if max_length is not None and len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def words(text: str) -> list[str]:
    """The syllables of a folded copy, punctuation dropped; used to compare titles."""
    return re.findall(r"[^\W_]+", fold(text))
