"""Hostile and unlucky files at the reader: deep nesting, declared encodings nobody knows, NULs
past the sample, markup broken by the ten thousand, names that are not UTF-8 (issue 24)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import iter_sources, read_file, source_name, source_path
from kg.read.html import MAX_DEPTH
from tests.hostile import (
    broken_html,
    citing,
    docx_bytes,
    nested_docx,
    non_utf8_name,
    paragraph,
)
from tests.read.test_read_bad_inputs import problem_of


@pytest.mark.parametrize("container", ["sdt", "hyperlink"])
def test_docx_nested_past_the_recursion_limit_is_read(tmp_path: Path, container: str) -> None:
    depth = 5000
    assert depth > sys.getrecursionlimit()
    path = tmp_path / f"nested-{container}.docx"
    path.write_bytes(nested_docx(container, depth, citing(25)))
    assert read_file(path).text == citing(25) + "\n"


def test_docx_text_boxes_in_nested_controls_keep_document_order(tmp_path: Path) -> None:
    box = f"<w:r><w:pict><w:txbxContent>{paragraph('trong khung')}</w:txbxContent></w:pict></w:r>"
    body = (
        "<w:sdt><w:sdtContent>" * 3
        + f"<w:p><w:r><w:t>trước</w:t></w:r>{box}</w:p>"
        + "</w:sdtContent></w:sdt>" * 3
        + "<w:tbl><w:tr><w:tc>"
        + paragraph("ô trái")
        + "</w:tc><w:tc>"
        + paragraph("ô phải")
        + "</w:tc></w:tr></w:tbl>"
        + paragraph("sau")
    )
    path = tmp_path / "order.docx"
    path.write_bytes(docx_bytes(body))
    assert read_file(path).text == "trước\ntrong khung\nô trái\nô phải\nsau\n"


@pytest.mark.parametrize("label", ["x-undefined", "undefined", "base64", "tcvn"])
def test_docx_declaring_an_unknown_encoding_is_read_as_utf8(tmp_path: Path, label: str) -> None:
    path = tmp_path / "declared.docx"
    declaration = f'<?xml version="1.0" encoding="{label}"?>'
    path.write_bytes(docx_bytes(paragraph(citing(25)), declaration=declaration))
    result = read_file(path)
    assert result.text == citing(25) + "\n"
    assert result.warnings == [f"word/document.xml declares the encoding {label!r}; read as utf-8"]


def test_docx_in_a_multibyte_encoding_the_xml_parser_refuses_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "shift-jis.docx"
    declaration = '<?xml version="1.0" encoding="shift_jis"?>'
    path.write_bytes(
        docx_bytes(paragraph("議決 25-NQ/TW"), declaration=declaration, encoding="shift_jis")
    )
    assert read_file(path).text == "議決 25-NQ/TW\n"


@pytest.mark.parametrize("label", ["undefined", "x-user-defined-nonsense", "base64", "rot13"])
def test_html_declaring_an_unknown_charset_is_detected(tmp_path: Path, label: str) -> None:
    page = tmp_path / "page.html"
    head = f'<html><head><meta charset="{label}"></head>'
    page.write_bytes(f"{head}<body><p>{citing(25)}</p></body></html>".encode())
    result = read_file(page)
    assert result.text == citing(25) + "\n"
    assert result.encoding == "utf-8"
    assert f"declared charset {label!r} is unknown; the encoding was detected" in result.warnings


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_nul_byte_after_the_first_64_kb_is_binary(tmp_path: Path, suffix: str) -> None:
    text = (citing(25) + "\n") * 2000
    offset = 70_000
    data = text.encode("utf-8")[:offset] + b"\x00" + text.encode("utf-8")[offset:]
    path = tmp_path / f"late-nul{suffix}"
    path.write_bytes(data)
    assert problem_of(path) == f"binary data, not text (a NUL byte at offset {offset})"


def test_a_nul_in_a_page_with_a_declared_charset_is_binary(tmp_path: Path) -> None:
    page = tmp_path / "declared.html"
    page.write_bytes(b'<meta charset="windows-1252"><p>a\x00b</p>')
    assert problem_of(page) == "binary data, not text (NUL characters in the text)"


@pytest.mark.parametrize("tags", [20_000, 60_000])
def test_broken_html_keeps_the_text_around_thousands_of_unclosed_tags(
    tmp_path: Path, tags: int
) -> None:
    # 60,000 took four and a half minutes before the parser was linear (benchmarks.broken_html).
    page = tmp_path / "broken.html"
    page.write_bytes(broken_html(tags, citing(25)))
    assert read_file(page).text == f"{citing(25)}\nKết thúc trang.\n"


def test_markup_nested_past_the_depth_limit_keeps_all_its_text(tmp_path: Path) -> None:
    depth = MAX_DEPTH * 4
    words = [f"w{n}" for n in range(depth)]
    page = tmp_path / "deep.html"
    page.write_text("<div>" + "".join(f"<span>{w} " for w in words) + "</div>", encoding="utf-8")
    assert read_file(page).text.split() == words


@pytest.mark.parametrize(
    "markup",
    ["x<a " * 5000, "<!--x>" * 5000, "<![ x", "</" * 5000, "<a b='" * 5000, "<script>x" * 500],
    ids=[
        "unterminated tags",
        "unterminated comments",
        "bad section",
        "stray </",
        "open quote",
        "open scripts",
    ],  # fmt: skip
)
def test_unterminated_markup_after_the_text_is_dropped_not_fatal(
    tmp_path: Path, markup: str
) -> None:
    page = tmp_path / "cut.html"
    page.write_text(f"<html><body><p>{citing(25)}</p>{markup}", encoding="utf-8")
    assert read_file(page).text.startswith(citing(25) + "\n")


def test_a_name_that_is_not_utf8_is_named_with_escapes(tmp_path: Path) -> None:
    path = non_utf8_name(tmp_path, citing(25))
    assert source_name(path) == f"{tmp_path}/bad\\xff\\xfename.txt"
    assert source_path(source_name(path)) == path
    assert list(iter_sources([tmp_path])) == [path]
    assert read_file(path).text == citing(25)
    path.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert str(caught.value) == f"{tmp_path}/bad\\xff\\xfename.txt: empty file"


def test_valid_names_are_their_own_source_name(tmp_path: Path) -> None:
    path = tmp_path / "Kế hoạch số 15.txt"
    assert source_name(path) == str(path)
    assert source_path(str(path)) == path


def test_folders_nested_past_the_recursion_limit_are_walked(tmp_path: Path) -> None:
    levels = [tmp_path / "d"]
    for _ in range(sys.getrecursionlimit() + 100):
        levels.append(levels[-1] / "d")
    plan = levels[-1] / "plan.txt"
    (tmp_path / "top.txt").write_text(citing(26), encoding="utf-8")
    try:
        for level in levels:  # one by one: mkdir(parents=True) recurses
            level.mkdir()
        plan.write_text(citing(25), encoding="utf-8")
        assert [p.name for p in iter_sources([tmp_path])] == ["plan.txt", "top.txt"]
    finally:  # by hand, innermost first: pytest's clean-up of tmp_path recurses too
        plan.unlink(missing_ok=True)
        for level in reversed(levels):
            if level.exists():
                level.rmdir()


def test_a_page_of_nothing_but_a_byte_order_mark_has_no_text(tmp_path: Path) -> None:
    page = tmp_path / "bom.html"
    page.write_bytes(b"\xef\xbb\xbf")
    assert problem_of(page) == "no text in the file"
