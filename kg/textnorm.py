"""A normalised copy of a text for matching, with a map from every copy index back to the original.

Real files mix NFC and decomposed (NFD) Vietnamese, place tone marks in two styles ("uỷ"/"ủy",
"hoà"/"hòa"), use the Icelandic "Ð" for "Đ" and sprinkle no-break spaces. Patterns are written
once, against one canonical form; offsets reported to users must still index the text exactly as
read, so the copy carries ``orig[i]`` = the original index of copy character ``i``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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


def _old_tone_pattern() -> str:
    """The table's keys as one pattern, a character class of second letters per first letter:
    only pairs that move match ("của", "quá" end in a toned vowel after "u" too, and a match
    that changes nothing would cost a call back into Python)."""
    seconds: dict[str, set[str]] = {}
    for old in _TONE_TABLE:
        seconds.setdefault(old[0], set()).add(old[1])
    return "|".join(f"{first}[{''.join(sorted(seconds[first]))}]" for first in sorted(seconds))


# Only at the end of a syllable: "hoàng", "khoảng", "quyết" carry the mark correctly already.
_OLD_TONE = re.compile(rf"(?:{_old_tone_pattern()})(?!\w)")
_CHAR_FIXES = (
    ("\u00d0", "\u0110"),  # Ð (eth) typed for Đ
    ("\u00a0", " "),  # no-break space
    ("\u202f", " "),
    ("\u2007", " "),
    ("\ufeff", " "),  # stray byte-order mark inside text
)


@dataclass(frozen=True)
class MatchText:
    """The canonical copy ``text`` of ``original`` and the offset map between them."""

    original: str
    text: str
    # Where the copy and the original drift apart (only where decomposed input was composed):
    # (copy index, original index) pairs, sorted; between anchors both advance together.
    anchors: tuple[tuple[int, int], ...] = ()

    def to_original(self, index: int) -> int:
        """Map a copy index (a match start or end) to the original text."""
        if not self.anchors:
            return index
        position = bisect.bisect_right(self.anchors, (index, len(self.original) + 1)) - 1
        if position < 0:
            return index
        copy_at, original_at = self.anchors[position]
        return original_at + (index - copy_at)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a copy span to the original span that holds exactly the same characters."""
        return self.to_original(start), self.to_original(end)


def normalize(text: str) -> str:
    """The canonical match key of ``text``: NFC, new-style tone placement, Đ, plain spaces."""
    return normalize_with_map(text).text


# Combining marks; with the base character before them they are the unit NFC composes.
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _has_tone_mark(text: str) -> bool:
    """Whether ``text`` holds a decomposed dot below, acute or grave: every decomposed
    Vietnamese text seen has one of these tones. Three C-speed character searches cost a
    tenth of what one pattern with a character class would."""
    return "\u0323" in text or "\u0301" in text or "\u0300" in text


def normalize_with_map(text: str) -> MatchText:
    """Normalise ``text`` for matching and keep the map back to it."""
    # A combining mark makes `is_normalized` normalise the whole text to answer, and the copy
    # composed cluster by cluster is checked again below: with a tone mark in sight, asking
    # first would pay twice. (A text already in NFC comes out of the clusters unchanged,
    # without anchors, as it went in.)
    if not _has_tone_mark(text) and unicodedata.is_normalized("NFC", text):
        # The common case: every transformation below keeps the length, so the map is identity.
        return MatchText(text, _same_length_fixes(text))
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = []
    copied = 0  # original index up to which the text is already in `pieces`
    length = 0  # length of the copy so far
    # Decomposed input: compose one cluster (base + combining marks) at a time and remember
    # where each composed cluster starts and ends, so every offset maps back exactly.
    for marks in _MARKS.finditer(text):
        start = max(copied, marks.start() - 1)
        end = marks.end()
        plain = text[copied:start]
        composed = unicodedata.normalize("NFC", text[start:end])
        pieces.append(plain)
        length += len(plain)
        if len(composed) != end - start:
            anchors.append((length, start))
            pieces.append(composed)
            length += len(composed)
            anchors.append((length, end))
        else:
            pieces.append(composed)
            length += len(composed)
        copied = end
    pieces.append(text[copied:])
    joined = "".join(pieces)
    if not unicodedata.is_normalized("NFC", joined):
        return _per_character(text)
    return MatchText(text, _same_length_fixes(joined), tuple(anchors))


def _per_character(text: str) -> MatchText:
    """Slow path for the rare text NFC changes outside combining clusters (singletons)."""
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    for index, char in enumerate(text):
        composed = unicodedata.normalize("NFC", char)
        if len(composed) != 1:
            anchors.append((length, index))
            anchors.append((length + len(composed), index + 1))
        pieces.append(composed)
        length += len(composed)
    joined = unicodedata.normalize("NFC", "".join(pieces))
    if len(joined) != length:
        # Composition across characters changed the length again: map it cluster by cluster.
        return _clusters_slow(text)
    return MatchText(text, _same_length_fixes(joined), tuple(anchors))


def _clusters_slow(text: str) -> MatchText:
    pieces: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    start = 0
    while start < len(text):
        end = start + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        composed = unicodedata.normalize("NFC", text[start:end])
        anchors.append((length, start))
        pieces.append(composed)
        length += len(composed)
        start = end
    anchors.append((length, len(text)))
    return MatchText(text, _same_length_fixes("".join(pieces)), tuple(anchors))


def _same_length_fixes(text: str) -> str:
    for old, new in _CHAR_FIXES:
        if old in text:
            text = text.replace(old, new)
    # One scan: `sub` hands back the text itself when nothing matches.
    return _OLD_TONE.sub(_moved_tone, text)


def _moved_tone(match: re.Match[str]) -> str:
    return _TONE_TABLE.get(match.group(), match.group())


def lower_keeping_length(text: str) -> str:
    """``text.lower()`` with each character at its own index, for patterns written in lower
    case whose offsets are used on ``text``.

    One letter lower-cases to two characters: "İ" (capital I with a dot, in Turkish names)
    becomes "i" and a combining dot, and every offset after it would drift. Such a letter is
    read as the first character of its lower case ("i"), which is how a case-insensitive
    pattern reads it too.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    for char in {char for char in text if len(char.lower()) > 1}:
        text = text.replace(char, char.lower()[0])
    return text.lower()


# Keys for comparing names, titles and symbols; built on `normalize`, so they absorb composition,
# tone placement and "Ð" the same way the extractor's patterns do.

# Resolution and graph building fold the same issuer names, body codes and symbols for every
# reference of every document. Short keys are remembered; long texts rarely repeat, and leaving
# them out keeps the memory small.
_REMEMBERED_LENGTH = 100


def fold(text: str) -> str:
    """Case-, composition- and tone-placement-insensitive key, whitespace collapsed."""
    if len(text) <= _REMEMBERED_LENGTH:
        return _remembered_fold(text)
    return _fold(text)


def _fold(text: str) -> str:
    return " ".join(normalize(text).lower().split())


_remembered_fold = lru_cache(maxsize=8192)(_fold)


class _WithoutMarks(dict[int, str]):
    """A `str.translate` table: each character as NFD spells it, combining marks dropped.

    Filled on first sight of a character, so only the few hundred characters texts use are
    ever decomposed. Decomposing character by character gives what decomposing the whole text
    would: NFD differs from that only in the order of combining marks, which are dropped.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[code] = plain
        return plain


# "đ" has no decomposition, so it is spelled out.
_WITHOUT_MARKS = _WithoutMarks({ord("đ"): "d"})


def ascii_fold(text: str) -> str:
    """`fold` without diacritics ("Bình Phước" -> "binh phuoc"): slugs and search keys.

    Without its marks, a text no longer needs `normalize`'s composition and tone placement, so
    this is `fold` less those steps, a quarter faster: bulk ingest folds every search entry.
    """
    if "\u00d0" in text:  # Ð (eth) typed for Đ
        text = text.replace("\u00d0", "d")
    if "\ufeff" in text:  # a byte-order mark inside text is a space, as `normalize` makes it
        text = text.replace("\ufeff", " ")
    # Whitespace is collapsed before the marks go, as `fold` does: a mark standing alone after
    # a space ("0 \u0300") leaves that space in the key instead of a trailing blank to trim.
    return " ".join(text.lower().split()).translate(_WITHOUT_MARKS)


def slugify(text: str, max_length: int | None = None) -> str:
    """ASCII slug: "Bình Phước" -> "binh-phuoc", "QĐ" -> "qd"; cut at a word boundary."""
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_fold(text)))
    if max_length is not None and len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def words(text: str) -> list[str]:
    """The syllables of a folded copy, punctuation dropped; used to compare titles."""
    return re.findall(r"[^\W_]+", fold(text))
