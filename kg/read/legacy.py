"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC and VNI) and how to tell them apart.

Government files written before Unicode took over still carry these encodings: plain text
saved from Word, and .docx runs set in ``.VnTime`` (TCVN3) or ``VNI-Times`` (VNI) fonts whose
characters are stored as the Latin-1 code points of the legacy bytes. Generic charset
detectors do not know TCVN3, so :func:`vietnamese_score` judges a decoding by how many of its
words are well-formed Vietnamese syllables.

Source of the mapping facts (facts only; the tables below are written out here):
- TCVN3: TCVN 5712:1993, the VN3 layout used by the ABC ``.VnTime`` fonts, checked byte by
  byte against the TCVN5712-1 converter of GNU libc ``iconv`` (tests repeat the check when
  ``iconv`` is installed). Bytes 0x80-0x9F keep their Windows-1252 meaning (curly quotes,
  dashes) because that is what Word wrote there with a ``.VnTime`` font; the upper-case
  letters TCVN 5712 places there (VN1) never occur in ``.VnTime`` text.
- VNI: the VNI-Windows layout of the VNI fonts (a base letter followed by one byte carrying
  the vowel shape and tone, plus single bytes for ơ ư đ and the i/ỵ vowels), as described in
  the VNI keyboard documentation and in public converter tables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONES = frozenset((_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT))


def _windows_1252_table() -> list[str]:
    """One character per byte as Windows wrote it; undefined bytes keep their Latin-1 value."""
    table = []
    for byte in range(256):
        try:
            table.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            table.append(chr(byte))
    return table


# TCVN 5712 bytes 0xA0-0xFF, sixteen a row.
_TCVN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)
assert len(_TCVN3_HIGH) == 96, "TCVN3 table must cover bytes 0xA0-0xFF"

# Indexed by byte value, for str.translate over the Latin-1 reading of the bytes.
_BYTE_TO_WINDOWS = _windows_1252_table()
_BYTE_TO_TCVN3 = _BYTE_TO_WINDOWS[:0xA0] + list(_TCVN3_HIGH)
# Font text (.docx runs) holds the byte values as Latin-1 code points; only those change.
_TCVN3_FONT_MAP = {0xA0 + offset: char for offset, char in enumerate(_TCVN3_HIGH)}
# Encoding uses only the VN3 letters: upper-case toned letters are written as base + tone byte,
# which is how VN3 text spells them and which every decoder reads back.
_TCVN3_ENCODE = {
    char: bytes([0xA0 + offset])
    for offset, char in enumerate(_TCVN3_HIGH)
    if not (char.isupper() and any(m in _TONES for m in unicodedata.normalize("NFD", char)))
}


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 (ABC) bytes to NFC Unicode; never fails, every byte has a meaning."""
    return unicodedata.normalize("NFC", data.decode("latin-1").translate(_BYTE_TO_TCVN3))


def convert_tcvn3_font_text(text: str, *, upper: bool = False) -> str:
    """Convert text typed in a ``.VnTime`` font to Unicode; ``upper`` for the ``...H`` fonts.

    The H fonts draw the lower-case code points as capitals, so the converted text is
    upper-cased to show what the reader saw.
    """
    converted = unicodedata.normalize("NFC", text.translate(_TCVN3_FONT_MAP))
    return converted.upper() if upper else converted


def _split_tone(char: str) -> tuple[str, str]:
    """Split an NFC letter into its toneless letter (NFC) and its tone mark ('' if none)."""
    parts = unicodedata.normalize("NFD", char)
    tone = "".join(m for m in parts if m in _TONES)
    base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
    return base, tone


def _cp1252_byte(char: str) -> bytes:
    return char.encode("cp1252")


def encode_tcvn3(text: str) -> bytes:
    """Encode Unicode text as TCVN3 bytes (for fixtures and round-trip tests).

    Raises UnicodeEncodeError for characters TCVN3 cannot spell.
    """
    tone_byte = {_TCVN3_HIGH[0x10 + i]: bytes([0xB0 + i]) for i in range(5)}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if char in _TCVN3_ENCODE:
            out += _TCVN3_ENCODE[char]
            continue
        base, tone = _split_tone(char)
        if tone and (base in _TCVN3_ENCODE or base.isascii()):
            out += _TCVN3_ENCODE.get(base) or base.encode("ascii")
            out += tone_byte[tone]
        else:
            out += _cp1252_byte(char)
    return bytes(out)


def encode_cp1258(text: str) -> bytes:
    """Encode Unicode text as Windows-1258 (for fixtures): toned letters as base + tone mark.

    Python's codec only maps the precomposed letters Windows-1258 has; the rest of Vietnamese
    is spelled with combining tones, as Windows itself writes it.
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            base, tone = _split_tone(char)
            out += (base + tone).encode("cp1258")
    return bytes(out)


# VNI: the byte after a vowel carries (shape mark, tone mark); lower and upper-case forms.
_VNI_MODIFIERS = {
    "ø": ("", _GRAVE),
    "ù": ("", _ACUTE),
    "û": ("", _HOOK),
    "õ": ("", _TILDE),
    "ï": ("", _DOT),
    "ê": (_BREVE, ""),
    "è": (_BREVE, _GRAVE),
    "é": (_BREVE, _ACUTE),
    "ú": (_BREVE, _HOOK),
    "ü": (_BREVE, _TILDE),
    "ë": (_BREVE, _DOT),
    "â": (_CIRCUMFLEX, ""),
    "à": (_CIRCUMFLEX, _GRAVE),
    "á": (_CIRCUMFLEX, _ACUTE),
    "å": (_CIRCUMFLEX, _HOOK),
    "ã": (_CIRCUMFLEX, _TILDE),
    "ä": (_CIRCUMFLEX, _DOT),
}
_VNI_MODIFIERS.update({key.upper(): value for key, value in list(_VNI_MODIFIERS.items())})
# Letters VNI spells with one byte.
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "î": "ỵ",
    "ì": "ì",
    "í": "í",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
}
_VNI_SINGLE.update({key.upper(): value.upper() for key, value in list(_VNI_SINGLE.items())})
_VNI_SINGLE_ENCODE = {value: key for key, value in _VNI_SINGLE.items()}
_VNI_MODIFIER_ENCODE = {value: key for key, value in _VNI_MODIFIERS.items() if key.islower()}
# Which shape marks each base vowel accepts; tones go on any vowel.
_VNI_SHAPES = {"a": {"", _BREVE, _CIRCUMFLEX}, "e": {"", _CIRCUMFLEX}, "o": {"", _CIRCUMFLEX}}
_VNI_BASES = "aeiouyAEIOUYôöÔÖ"
_VNI_PAIR = re.compile(f"[{_VNI_BASES}][{re.escape(''.join(_VNI_MODIFIERS))}]")


def _vni_pair(base: str, modifier: str) -> str:
    """A base vowel and the modifier byte after it, as letter + combining marks."""
    shape, tone = _VNI_MODIFIERS[modifier]
    if shape and shape not in _VNI_SHAPES.get(base.lower(), set()):
        return base + modifier  # not a VNI spelling: leave both bytes as they are
    # Marks stay combining until the end, so the single-byte pass cannot touch the result.
    return _VNI_SINGLE.get(base, base) + shape + tone


_VNI_PAIRS = {base + mod: _vni_pair(base, mod) for base in _VNI_BASES for mod in _VNI_MODIFIERS}
_VNI_SINGLE_MAP = str.maketrans(_VNI_SINGLE)


def convert_vni_font_text(text: str) -> str:
    """Convert text typed in a VNI font (or decoded VNI bytes) to NFC Unicode."""
    paired = _VNI_PAIR.sub(lambda match: _VNI_PAIRS[match.group(0)], text)
    return unicodedata.normalize("NFC", paired.translate(_VNI_SINGLE_MAP))


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows bytes to NFC Unicode; never fails."""
    return convert_vni_font_text(data.decode("latin-1").translate(_BYTE_TO_WINDOWS))


def encode_vni(text: str) -> bytes:
    """Encode Unicode text as VNI-Windows bytes (for fixtures and round-trip tests).

    Raises UnicodeEncodeError for characters VNI cannot spell.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            out.append(char)
        elif char in _VNI_SINGLE_ENCODE:
            out.append(_VNI_SINGLE_ENCODE[char])
        else:
            parts = unicodedata.normalize("NFD", char)
            base, marks = parts[0], parts[1:]
            tone = "".join(m for m in marks if m in _TONES)
            shape = "".join(m for m in marks if m not in _TONES)
            if shape == _HORN and base.lower() in "ou":
                letter = unicodedata.normalize("NFC", base + _HORN)
                out.append(_VNI_SINGLE_ENCODE[letter])
                shape = ""
            elif base.isascii() and base.isalpha():
                out.append(base)
            else:
                out.append(char)
                continue
            if shape or tone:
                modifier = _VNI_MODIFIER_ENCODE[(shape, tone)]
                out.append(modifier.upper() if base.isupper() else modifier)
    return "".join(out).encode("cp1252")


_SUBSET_PREFIX = re.compile(r"^/?(?:[A-Z]{6}\+)?")
_TCVN3_FONT = re.compile(r"(?:\.[Vv][Nn]|Vn[A-Z])")


def font_family(font: str) -> str:
    """A font name without the PDF name slash and subset tag ("/ABCDEF+.VnTime" -> ".VnTime")."""
    return _SUBSET_PREFIX.sub("", font.strip())


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies: "tcvn3", "tcvn3-upper", "vni" or None.

    Takes Word family names (".VnTime", ".VnTimeH", "VNI-Times") and PDF base font names,
    which add a subset tag and a style (``ABCDEF+.VnTimeH,Bold``, ``VnArial-Italic``).
    """
    if not font:
        return None
    name = font_family(font)
    if name.lower().startswith(("vni-", "vni ")):
        return "vni"
    if not _TCVN3_FONT.match(name):
        return None
    family = re.split(r"[,-]", name)[0].rstrip()
    return "tcvn3-upper" if family.endswith("H") else "tcvn3"


def convert_font_text(text: str, encoding: str) -> str:
    """Convert text set in a legacy font, given the encoding from :func:`font_encoding`."""
    if encoding == "vni":
        return convert_vni_font_text(text)
    return convert_tcvn3_font_text(text, upper=encoding == "tcvn3-upper")


@dataclass(frozen=True)
class SyllableScore:
    """How Vietnamese a decoded text looks: well-formed and malformed non-ASCII words."""

    valid: int
    invalid: int

    @property
    def ratio(self) -> float:
        total = self.valid + self.invalid
        return self.valid / total if total else 0.0


_WORD = re.compile(r"[^\W\d_]+")
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưy]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?"
)


def _is_syllable(word: str) -> bool:
    parts = unicodedata.normalize("NFD", word.lower())
    if sum(1 for m in parts if m in _TONES) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
    return _SYLLABLE.fullmatch(toneless) is not None


def vietnamese_score(text: str) -> SyllableScore:
    """Count the words with non-ASCII letters that are (and are not) Vietnamese syllables.

    ASCII-only words say nothing about the encoding and are left out; control characters
    count as malformed words, since no encoding of real text produces them.
    """
    valid = invalid = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.isascii():
            continue
        if _is_syllable(word):
            valid += 1
        else:
            invalid += 1
    invalid += sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f"
    )
    return SyllableScore(valid, invalid)
