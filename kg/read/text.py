"""Plain text: find the encoding of a byte string and decode it without losing anything.

Order matters. Byte-order marks first, then UTF-16 without a mark (NUL patterns), then
strict UTF-8, and only then the legacy Vietnamese encodings, compared by how Vietnamese
their decodings look. Nothing is cleaned before that comparison: in TCVN3 the byte that
Latin-1 calls a soft hyphen is the letter ư.

UTF-8 text is returned exactly as ``open(path, encoding="utf-8").read()`` returns it (newlines
translated, no Unicode normalisation, but without a leading BOM) so that extraction offsets
index the same string the gold was made on. Text converted from a legacy encoding is NFC.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from kg.errors import InputError
from kg.read.legacy import (
    convert_tcvn3_font_text,
    convert_vni_font_text,
    decode_tcvn3,
    decode_vni,
    vietnamese_score,
)
from kg.read.source import binary_kind

# A legacy decoding is accepted when at least this share of its non-ASCII words are
# well-formed Vietnamese syllables; real text scores above 0.9, wrong guesses well below.
_MIN_SYLLABLE_RATIO = 0.6
_SAMPLE = 64 * 1024
# Fewer accented words than this say too little to call Unicode text mangled.
_MIN_WORDS_TO_JUDGE = 20
# Real Unicode Vietnamese scores 0.99 on the corpus; font-code text scores near 0.5 (short
# codes like "sè" pass by chance), and its conversion must gain clearly over that.
_CLEARLY_UNICODE = 0.9
_CLEAR_GAIN = 0.3


@dataclass(frozen=True)
class DecodedText:
    """Decoded text, the encoding it was read as, and anything the user should know."""

    text: str
    encoding: str
    warnings: list[str]


def universal_newlines(text: str) -> str:
    """Translate CRLF and CR to LF, as Python's text mode does when reading."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 byte order from where NULs fall in mostly-ASCII text."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


# Control bytes that text does not hold (tab, line breaks, form feed, the DOS end-of-file mark
# and ESC do occur in text files).
_CONTROL_BYTES = bytes(byte for byte in range(0x20) if byte not in b"\t\n\r\f\x1a\x1b")


def _looks_binary(data: bytes) -> bool:
    """Judged on the first bytes: a NUL, or too many control characters for text. Counted by
    deleting them (bytes.translate, in C): a Python loop over the sample cost 0.2 ms a file."""
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(sample)


def _utf8_damage(data: bytes) -> tuple[int, int] | None:
    """If not valid UTF-8: the first bad offset, and how many more valid multi-byte
    characters than bad bytes there are (positive means damaged UTF-8, not a legacy file)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    else:
        return None
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - replaced
    return first_bad, multibyte - replaced


def _decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258"))


_LEGACY: dict[str, Callable[[bytes], str]] = {
    "cp1258": _decode_cp1258,
    "tcvn3": decode_tcvn3,
    "vni": decode_vni,
}


def decode_text(data: bytes, *, path: str, font_codes: bool = True) -> DecodedText:
    """Decode the bytes of a text file; raise InputError when they are not text we can read.

    ``font_codes`` converts Unicode text that turns out to hold legacy font codes (see
    :func:`unmangle_font_codes`); callers that convert per font run (HTML) turn it off.
    """
    decoded = _detect_and_decode(data, path=path)
    if font_codes and decoded.encoding in _UNICODE_ENCODINGS:
        return unmangle_font_codes(decoded)
    return decoded


_UNICODE_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"})


def _detect_and_decode(data: bytes, *, path: str) -> DecodedText:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decode_strict(data, encoding, path=path, skip=len(bom))
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_strict(data, utf16, path=path)
    if _looks_binary(data):
        kind = binary_kind(data) or "an unknown binary format"
        raise InputError(path, f"binary data, not text (looks like {kind})")
    nul = data.find(b"\x00")
    if nul >= 0:  # past the sample: text does not hold NULs anywhere
        raise InputError(path, f"binary data, not text (a NUL byte at offset {nul})")
    damage = _utf8_damage(data)
    if damage is None:
        return DecodedText(universal_newlines(data.decode("utf-8")), "utf-8", [])
    first_bad, utf8_margin = damage
    if utf8_margin > 0:
        # Real UTF-8 characters around the bad bytes: a damaged UTF-8 file, not a legacy one.
        raise InputError(path, f"undecodable bytes at offset {first_bad} (not valid UTF-8)")
    return _decode_legacy(data, first_bad, path=path)


# Vietnamese letters outside Latin-1 (ă đ ơ ư and the precomposed U+1EA0-U+1EF9 block); text
# pasted from legacy fonts holds Latin-1 look-alikes instead, never these.
_UNICODE_ONLY_LETTERS = re.compile(
    "[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
_UNICODE_ONLY_ENOUGH = 20


def unmangle_font_codes(decoded: DecodedText) -> DecodedText:
    """Convert Unicode text that still holds legacy font codes, else return it untouched.

    Text copied out of a ``.VnTime`` or VNI document and saved as Unicode keeps the font's
    code points ("NghÞ quyÕt" for "Nghị quyết"). Real Vietnamese scores far above the
    threshold, so genuine text is never touched and its offsets stay those of the file.
    """
    sample = decoded.text[:_SAMPLE]
    found = itertools.islice(_UNICODE_ONLY_LETTERS.finditer(sample), _UNICODE_ONLY_ENOUGH)
    if sum(1 for _ in found) >= _UNICODE_ONLY_ENOUGH:
        # Letters no legacy font code maps to (ạ, ư, ơ, đ...): plainly Unicode Vietnamese,
        # and far cheaper to see than scoring every syllable. Counted only up to the number
        # that settles it, which a Vietnamese text reaches in its first lines: listing every
        # one in the sample was 6 % of the time to read and extract a plan of the corpus.
        return decoded
    score = vietnamese_score(sample)
    if score.valid + score.invalid < _MIN_WORDS_TO_JUDGE or score.ratio > _CLEARLY_UNICODE:
        return decoded
    candidates = [
        ("tcvn3", convert_tcvn3_font_text(decoded.text)),
        ("vni", convert_vni_font_text(decoded.text)),
    ]
    scored = [(vietnamese_score(text[:_SAMPLE]).ratio, name, text) for name, text in candidates]
    ratio, name, text = max(scored)
    if ratio < _CLEARLY_UNICODE or ratio - score.ratio < _CLEAR_GAIN:
        return decoded
    warning = f"{decoded.encoding} text held {name} font codes; converted ({ratio:.0%} Vietnamese)"
    return DecodedText(text, f"{decoded.encoding}+{name}", [*decoded.warnings, warning])


def _decode_strict(data: bytes, encoding: str, *, path: str, skip: int = 0) -> DecodedText:
    """Decode with one known codec after a ``skip``-byte mark; offsets count from the file start."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as err:
        problem = f"undecodable bytes at offset {skip + err.start} (not valid {encoding})"
        raise InputError(path, problem) from None
    refuse_nul(text, path)
    return DecodedText(universal_newlines(text), encoding, [])


def refuse_nul(text: str, path: str) -> None:
    """Raise InputError when decoded text holds NUL characters: it was never text."""
    if "\x00" in text:
        raise InputError(path, "binary data, not text (NUL characters in the text)")


# The encodings a web page or an XML part may declare and we decode (the WHATWG Encoding
# Standard's list, as Python names them): Python also has codecs no document is written in
# ("undefined" raises on any byte, "unicode_escape" rewrites backslashes), which a declaration
# must not reach. UTF-16 is left out: a declaration readable as ASCII is not UTF-16.
_DOCUMENT_CODECS = frozenset(
    {
        "utf-8", "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6",
        "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15",
        "iso8859-16", "koi8-r", "koi8-u", "mac-roman", "cp874", "cp1250", "cp1251", "cp1252",
        "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "mac-cyrillic", "gbk",
        "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr", "iso8859-1", "ascii",
    }
)  # fmt: skip


def document_codec(label: str) -> str | None:
    """The Python codec of an encoding a document declares, or None when there is none."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return name if name in _DOCUMENT_CODECS else None


def _decode_legacy(data: bytes, first_bad: int, *, path: str) -> DecodedText:
    """Pick the legacy encoding whose decoding of a sample looks most Vietnamese."""
    sample = data[:_SAMPLE]
    ranked: list[tuple[float, int, str]] = []
    for encoding, decode in _LEGACY.items():
        try:
            score = vietnamese_score(decode(sample))
        except UnicodeDecodeError:
            continue
        ranked.append((score.ratio, score.valid, encoding))
    for ratio, _, encoding in sorted(ranked, reverse=True):
        if ratio < _MIN_SYLLABLE_RATIO:
            break
        try:
            text = _LEGACY[encoding](data)
        except UnicodeDecodeError:
            continue  # an undefined byte past the sample
        warnings = [f"converted from {encoding} ({ratio:.0%} of accented words are Vietnamese)"]
        return DecodedText(universal_newlines(text), encoding, warnings)
    raise InputError(
        path,
        f"undecodable bytes at offset {first_bad} "
        "(not UTF-8, and not Vietnamese in Windows-1258, TCVN3 or VNI)",
    )
