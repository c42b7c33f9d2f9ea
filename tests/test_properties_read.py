"""Property tests of the decoders: they never crash, legacy encodings round-trip, output is NFC."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.read import read_file
from kg.read.legacy import (
    convert_tcvn3_font_text,
    decode_tcvn3,
    decode_vni,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
    vietnamese_score,
)
from kg.read.text import decode_text

_VOWELS = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
_LETTERS = sorted(
    {
        unicodedata.normalize("NFC", vowel + tone)
        for vowel in _VOWELS + _VOWELS.upper()
        for tone in _TONES
    }
    | set("đĐbcdghklmnpqrstvxBCDGHKLMNPQRSTVXfjwzFJWZ")
)
vietnamese_text = st.text(
    alphabet=st.sampled_from([*_LETTERS, " ", "\n", "-", "/", ",", ".", "(", ")", *"0123456789"]),
    max_size=200,
)


@given(vietnamese_text)
def test_tcvn3_round_trip(text: str) -> None:
    assert decode_tcvn3(encode_tcvn3(text)) == unicodedata.normalize("NFC", text)


@given(vietnamese_text)
def test_vni_round_trip(text: str) -> None:
    assert decode_vni(encode_vni(text)) == unicodedata.normalize("NFC", text)


@given(vietnamese_text)
def test_cp1258_round_trip(text: str) -> None:
    decoded = unicodedata.normalize("NFC", encode_cp1258(text).decode("cp1258"))
    assert decoded == unicodedata.normalize("NFC", text)


@given(vietnamese_text)
def test_tcvn3_font_text_upper_is_the_upper_case_of_the_text(text: str) -> None:
    font_text = encode_tcvn3(text.lower()).decode("latin-1")
    expected = unicodedata.normalize("NFC", text.lower()).upper()
    assert convert_tcvn3_font_text(font_text, upper=True) == expected


@given(st.binary(max_size=300))
def test_legacy_decoders_accept_any_bytes_and_give_nfc(data: bytes) -> None:
    for decode in (decode_tcvn3, decode_vni):
        text = decode(data)
        assert unicodedata.normalize("NFC", text) == text


@given(st.binary(max_size=2000))
def test_decode_text_raises_only_input_error(data: bytes) -> None:
    try:
        decoded = decode_text(data, path="x.txt")
    except InputError:
        return
    assert "\r" not in decoded.text


@given(st.text(max_size=300))
def test_vietnamese_score_is_a_ratio(text: str) -> None:
    score = vietnamese_score(text)
    assert 0.0 <= score.ratio <= 1.0


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(min_size=0, max_size=1500), st.sampled_from([".txt", ".docx", ".pdf", ".html"]))
def test_read_file_raises_only_input_error_on_any_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"sample{suffix}"
        path.write_bytes(data)
        try:
            result = read_file(path)
        except InputError:
            return
        assert result.text.strip()


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
def test_tcvn3_table_agrees_with_glibc_iconv() -> None:
    high = bytes(range(0xA0, 0x100))
    converted = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=high, capture_output=True, check=False
    )
    if converted.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1 converter")
    theirs = converted.stdout.decode("utf-8")
    ours = "".join(decode_tcvn3(bytes([byte])) for byte in high)
    assert ours == theirs
