"""A normalised copy of a text for matching, with a map from every copy index back to the original.

Real files mix NFC and decomposed (NFD) Vietnamese, place tone marks in two styles ("uỷ"/"ủy",
"hoà"/"hòa"), use the Icelandic "Ð" for "Đ" and sprinkle no-break spaces. Patterns are written
once, against one canonical form; offsets reported to users must still index the text exactly as
read, so the copy carries ``orig[i]`` = the original index of copy character ``i``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Old-style tone placement puts the mark on the second vowel of "oa", "oe", "uy" in an open
# syllable ("hoà", "uỷ"); the canonical key moves it to the first vowel ("hòa", "ủy"), which keeps
# the length unchanged so the offset map stays one-to-one.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_PAIRS = {"oa": "o", "oe": "o", "uy": "u", "OA": "O", "OE": "O", "UY": "U", "Oa": "O", "Uy": "U"}


def _build_tone_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for pair, first in _PAIRS.items():
        second = pair[1]
        for tone in _TONES:
            old = pair[0] + unicodedata.normalize("NFC", second + tone)
            new = unicodedata.normalize("NFC", first + tone) + second
            table[old] = new
    return table


_TONE_TABLE = _build_tone_table()
# Only at the end of a syllable: "hoàng", "khoảng", "quyết" carry the mark correctly already.
_OLD_TONE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, _TONE_TABLE), key=len, reverse=True)) + r")(?!\w)"
)
_CHAR_MAP = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð (eth) typed for Đ
        "\u00a0": " ",  # no-break space
        "\u202f": " ",
        "\u2007": " ",
        "\ufeff": " ",  # stray byte-order mark inside text
    }
)


@dataclass(frozen=True)
class MatchText:
    """The canonical copy ``text`` of ``original`` and the offset map between them."""

    original: str
    text: str
    # orig[i] is the index in `original` of copy character i; orig[len(text)] == len(original).
    orig: tuple[int, ...] | None

    def to_original(self, index: int) -> int:
        """Map a copy index (a match start or end) to the original text."""
        if self.orig is None:
            return index
        return self.orig[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a copy span to the original span that holds exactly the same characters."""
        return self.to_original(start), self.to_original(end)


def normalize(text: str) -> str:
    """The canonical match key of ``text``: NFC, new-style tone placement, Đ, plain spaces."""
    return normalize_with_map(text).text


def normalize_with_map(text: str) -> MatchText:
    """Normalise ``text`` for matching and keep the map back to it."""
    if unicodedata.is_normalized("NFC", text):
        # The common case: every transformation below keeps the length, so the map is identity.
        return MatchText(text, _same_length_fixes(text), None)
    pieces: list[str] = []
    orig: list[int] = []
    # Decomposed input: normalise one grapheme cluster (base + combining marks) at a time, so
    # each output character knows which original cluster it came from.
    start = 0
    n = len(text)
    while start < n:
        end = start + 1
        while end < n and unicodedata.combining(text[end]):
            end += 1
        cluster = unicodedata.normalize("NFC", text[start:end])
        pieces.append(cluster)
        orig.extend([start] * len(cluster))
        start = end
    orig.append(n)
    return MatchText(text, _same_length_fixes("".join(pieces)), tuple(orig))


def _same_length_fixes(text: str) -> str:
    fixed = text.translate(_CHAR_MAP)
    if _OLD_TONE.search(fixed) is None:
        return fixed
    return _OLD_TONE.sub(lambda m: _TONE_TABLE[m.group(0)], fixed)
