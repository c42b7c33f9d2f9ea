"""Property tests: the extractor and its parsers never crash, and offsets always index the input."""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract, tables
from kg.extract.patterns import SYMBOL_TAIL_RE, parse_date, parse_symbol_tail
from kg.textnorm import normalize, normalize_with_map

# Text that looks like the documents: Vietnamese letters (NFC and decomposed), digits, the
# punctuation of symbols and dates, type words and codes, line breaks.
_PIECES = st.sampled_from(
    [
        "Nghị quyết", "số", "Quyết định", "QĐ", "Chỉ thị", "Kết luận", "Đại hội", "lần thứ",
        "XIII", "khóa", "khoá", "Trung ương", "của", "Bộ Chính trị", "Tỉnh uỷ", "ngày",
        "tháng", "năm", "về", "thực hiện", "tiếp tục", "theo", "Luật", "(", ")", "“", "”",
        "-", "–", "/", ",", ";", ".", ":", "\n", "\n\n", " ", "  ", "NQ/TW", "CT-UBND",
        "25", "03/6/2013", "12", "2021", "Ð", "\u00a0", "hoà", "uỷ", "Gửi cho bạn bè",
    ]
)  # fmt: skip
_TEXTS = st.lists(
    st.one_of(_PIECES, st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạếệọủỳ0123456789")),
    max_size=40,
).map(" ".join)
_ANY_TEXT = st.one_of(_TEXTS, _TEXTS.map(lambda t: unicodedata.normalize("NFD", t)), st.text())


@settings(max_examples=150, deadline=None)
@given(_ANY_TEXT)
def test_extract_never_crashes_and_offsets_index_the_input(text: str) -> None:
    extraction = extract(text)
    # References come in text order and never overlap, except a law named inside an amending
    # law's name, which lies inside the reference that links to it.
    containers = {k.object: k.subject for k in extraction.links}
    previous_end = 0
    for index, reference in enumerate(extraction.references):
        assert reference.id == index
        assert 0 <= reference.start < reference.end <= len(text)
        assert text[reference.start : reference.end] == reference.surface
        if reference.start < previous_end:
            outer = extraction.references[containers[index]]
            assert outer.start <= reference.start and reference.end <= outer.end
        else:
            previous_end = reference.end
    for link in extraction.links:
        assert 0 <= link.subject < len(extraction.references)
        assert 0 <= link.object < len(extraction.references)


@given(_ANY_TEXT)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(_ANY_TEXT)
def test_offset_map_is_monotonic_and_complete(text: str) -> None:
    mapped = normalize_with_map(text)
    positions = [mapped.to_original(i) for i in range(len(mapped.text) + 1)]
    assert positions[0] == 0 or not text
    assert positions[-1] == len(text)
    assert positions == sorted(positions)


@given(_TEXTS)
def test_decomposed_input_normalises_like_composed(text: str) -> None:
    composed = unicodedata.normalize("NFC", text)
    assert normalize(unicodedata.normalize("NFD", composed)) == normalize(composed)


@given(st.text())
def test_date_parsing_never_crashes(text: str) -> None:
    parsed = parse_date(text)
    if parsed is not None:
        date.fromisoformat(parsed)


@given(
    st.dates(min_value=date(1945, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}-{m}-{y}", "{d} tháng {m} năm {y}"]),
)
def test_every_written_date_form_parses(day: date, form: str) -> None:
    written = form.format(d=day.day, m=day.month, y=day.year)
    assert parse_date(f"ngày {written}") == day.isoformat()


_CODES = sorted(
    {r["code"] for r in tables.load_table("type_codes") if not r["code"].startswith(("QH", "UB"))}
)
_PARTY_ISSUERS = sorted(
    {r["code"] for r in tables.load_table("issuer_codes") if r["sector"] == "party"}
)


@given(
    st.integers(min_value=1, max_value=9999),
    st.sampled_from(_CODES),
    st.sampled_from(_PARTY_ISSUERS),
    st.sampled_from(["-", " - ", " – ", "- ", "—"]),
    st.booleans(),
)
def test_party_symbols_normalise_whatever_the_spacing(
    number: int, code: str, issuer: str, dash: str, lower: bool
) -> None:
    written = f"{dash}{code}/{issuer}"
    if lower:
        written = written.lower()
    match = SYMBOL_TAIL_RE.match(normalize(written))
    assert match is not None
    symbol = parse_symbol_tail(str(number), match)
    assert symbol is not None
    assert symbol.text == f"{number}-{code}/{issuer}"
