"""Lookups every reference of every file repeats give the answer of the question asked.

Resolution and graph building remember what they looked up (the base IRI for one file, parsed
identities, the registry's provinces, bodies and terms); an answer must still depend on
everything the question depends on: the base IRI in force, the citing province, the date.
"""

from __future__ import annotations

import pytest

from kg.identity import DocumentId
from kg.namespaces import DEFAULT_BASE, base_iri, one_base
from kg.registry import Registry, load_registry
from kg.resolve.place import issuer_before

OTHER_BASE = "http://example.org/kg/"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def test_a_file_is_minted_under_one_base_and_a_new_base_applies_to_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("KG_BASE_IRI", raising=False)
    with one_base():
        monkeypatch.setenv("KG_BASE_IRI", OTHER_BASE.rstrip("/"))
        assert base_iri() == DEFAULT_BASE  # the base the block began with
        with one_base():
            assert base_iri() == OTHER_BASE
        assert base_iri() == DEFAULT_BASE
    assert base_iri() == OTHER_BASE


def test_a_document_iri_is_read_under_the_base_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_BASE_IRI", raising=False)
    document = DocumentId.numbered(("tw",), "nghi-quyet", 2013, "25")
    default_iri = document.iri
    assert DocumentId.parse(default_iri) == document
    monkeypatch.setenv("KG_BASE_IRI", OTHER_BASE)
    assert DocumentId.parse(default_iri) is None
    assert DocumentId.parse(OTHER_BASE + "doc/tw/nghi-quyet/2013/25") == document
    monkeypatch.delenv("KG_BASE_IRI")
    assert DocumentId.parse(default_iri) == document


def test_a_body_named_without_its_province_is_each_citing_provinces(registry: Registry) -> None:
    binh_phuoc = registry.find_province("Bình Phước")
    hai_duong = registry.find_province("Hải Dương")
    name = "Ban Dân vận Tỉnh ủy"
    for _ in range(2):  # asked again, in the other order, the same answers
        for province, slug in ((binh_phuoc, "binh-phuoc"), (hai_duong, "hai-duong"), (None, "")):
            body = registry.match_body(name, province)
            if province is None:
                assert body is None
            else:
                assert body is not None and body.iri.endswith(f"/body/{slug}/bdvtu")


def test_a_province_named_twice_is_read_as_of_each_date(registry: Registry) -> None:
    for _ in range(2):
        after = registry.find_province("Thành ủy Hải Phòng", "2025-09-01")
        before = registry.find_province("Thành ủy Hải Phòng", "2023-01-01")
        assert after is not None and after.id == "2025/hai-phong"
        assert before is not None and before.id == "hai-phong"


@pytest.mark.parametrize(
    ("kind", "number", "symbols"),
    [
        ("quy-dinh", "23", ["23-QĐ/TW"]),  # Quyết định and Quy định share the QĐ numbering
        ("quyet-dinh", "023", ["23-QĐ/TW"]),  # leading zeros do not count
        ("chi-thi", "5", ["05-CT/TW"]),
        ("ke-hoach", "23", []),
        ("nghi-quyet", "99999", []),
    ],
)
def test_a_bare_number_finds_the_registered_documents_of_its_kind(
    registry: Registry, kind: str, number: str, symbols: list[str]
) -> None:
    assert [doc.symbol for doc in registry.lookup(kind, number, None)] == symbols


def test_the_term_of_a_date_is_asked_again_with_the_same_answer(registry: Registry) -> None:
    for _ in range(2):
        assert registry.term_of("2013-06-03") == "XI"
        assert registry.term_of("2021-02-02") == "XIII"
        assert registry.term_of("1900-01-01") is None


@pytest.mark.parametrize(
    ("before", "issuer"),
    [
        ("Ngày 5/3, Tỉnh ủy Sơn La ban hành ", "Tỉnh ủy Sơn La"),
        ("Ngày 5/3, Tỉnh ủy Sơn La đã ban hành", "Tỉnh ủy Sơn La"),
        ("BAN THƯỜNG VỤ TỈNH ỦY SƠN LA BAN HÀNH  \n ", "BAN THƯỜNG VỤ TỈNH ỦY SƠN LA"),
        ("Huyện ủy Vạn Ninh xây dựng ", "Huyện ủy Vạn Ninh"),
        ("UBND tỉnh Sơn La có ", "UBND tỉnh Sơn La"),
        # Decomposed marks, a byte-order mark and a no-break space: read as their canonical form.
        ("Tỉnh ủy Sơn La ban ha\u0300nh\ufeff", "Tỉnh ủy Sơn La"),
        ("Tỉnh ủy Sơn La ban hành\u00a0", "Tỉnh ủy Sơn La"),
        ("Tỉnh ủy Sơn La ban hành kèm theo ", None),  # the issuing words are not the last
        ("Thực hiện nội dung đã ban hành ", None),  # no body before them
        ("Theo hướng dẫn hành ", None),
        ("", None),
    ],
)
def test_the_issuer_a_sentence_names_right_before_a_mention(
    before: str, issuer: str | None
) -> None:
    text = before + "Kế hoạch số 185-KH/TU"
    assert issuer_before(text, len(before), None) == issuer
