"""Fuzzing the readers and the extractor (issue 24): whatever the bytes, a reader gives text or
one InputError, never a traceback; the extractor's spans lie inside the text it was given; and
the same input always gives the same output.

The suite runs Hypothesis's default number of examples (a few seconds); ``make fuzz`` runs the
same properties at length (the ``fuzz`` profile in tests/conftest.py).
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extract import extract
from kg.extract.model import Extraction
from kg.read import read_file
from kg.read.docx import read_docx
from kg.read.html import read_html
from tests.hostile import docx_bytes

fuzz = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- text shaped like the documents, and like their damage ----------------------------------

_WORDS = [
    "Nghị quyết", "nghị quyết", "NGHỊ QUYẾT", "Quyết định", "Chỉ thị", "Kết luận", "Kế hoạch",
    "Quy định", "QĐi", "Thông tri", "Hướng dẫn", "Chương trình", "Luật", "Nghị định", "số",
    "Số", "ngày", "tháng", "năm", "quý III", "của", "Bộ Chính trị", "Ban Bí thư",
    "Ban Chấp hành Trung ương", "Tỉnh ủy", "Tỉnh uỷ", "Ban Dân vận", "Đại hội", "lần thứ",
    "XIII", "XII", "khóa", "khoá", "Trung ương 4", "Hội nghị lần thứ tư", "nhiệm kỳ",
    "thực hiện", "tiếp tục", "sơ kết 5 năm", "tổng kết 10 năm", "thay thế", "sửa đổi",
    "căn cứ", "Căn cứ", "theo", "và", "về", "(", ")", "“", "”", "\"", ";", ",", ".", ":",
    "-", "–", "—", "/", "\n", "\n\n", " ", "\t", "\u00a0", "\u200b", "25-NQ/TW",
    "18-NQ/TW", "217-QĐ/TW", "36 - KH/BDVTU", "1238 – QĐ/TU", "05/2021/NĐ-CP",
    "79-CTr/BDVTW-BCSĐCP", "18/CT-UBND", "1234/UBND-VX", "25", "03/6/2013", "25-10-2018",
    "17 tháng 8 năm 2021", "tháng 3/2018", "2013", "0", "00", "99999999999", "31/02/2020",
    "Nơi nhận:", "- Lưu VT", "T/M BAN THƯỜNG VỤ", "ĐẢNG CỘNG SẢN VIỆT NAM", "*",
]  # fmt: skip
_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.text(alphabet=_LETTERS + _LETTERS.upper() + "0123456789", min_size=1, max_size=12),
    st.text(min_size=1, max_size=4),  # any code point: controls, marks, surrogates' neighbours
)
document_text = st.lists(_PIECES, max_size=80).map(" ".join)


def _check_spans(extraction: Extraction, text: str) -> None:
    """Every offset the extraction gives indexes `text`, and points at what it says."""
    previous_end = 0
    for index, reference in enumerate(extraction.references):
        assert reference.id == index
        assert previous_end <= reference.start < reference.end <= len(text)
        assert text[reference.start : reference.end] == reference.surface
        if reference.sentence_start is not None and reference.sentence_end is not None:
            assert 0 <= reference.sentence_start <= reference.start
            assert reference.end <= reference.sentence_end <= len(text)
        if reference.antecedent is not None:
            assert 0 <= reference.antecedent < index
        previous_end = reference.end
    for link in extraction.links:
        assert 0 <= link.start <= link.end <= len(text)
        assert 0 <= link.subject < len(extraction.references)
        assert 0 <= link.object < len(extraction.references)


def _spans(extraction: Extraction) -> list[tuple[int | None, ...]]:
    return [
        (r.start, r.end, r.sentence_start, r.sentence_end, r.elapsed_years)
        for r in extraction.references
    ]


@fuzz
@given(document_text)
def test_extraction_spans_lie_in_the_text_and_repeat(text: str) -> None:
    first = extract(text)
    _check_spans(first, text)
    second = extract(text)
    assert second.to_json() == first.to_json()
    assert _spans(second) == _spans(first)


# -- the readers -----------------------------------------------------------------------------

_DOCX_CONTAINERS = ["sdt", "sdtContent", "hyperlink", "ins", "smartTag", "customXml", "del"]


@st.composite
def docx_body(draw: st.DrawFn) -> str:
    """WordprocessingML with runs and paragraphs in containers nested at random."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        text = html.escape(draw(document_text), quote=False)
        run = f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"
        wrappers = draw(st.lists(st.sampled_from(_DOCX_CONTAINERS), max_size=3))
        depth = draw(st.sampled_from([1, 1, 1, 30, 1500]))  # past the recursion limit
        inner = run
        for name in wrappers:
            inner = f"<w:{name}>" * depth + inner + f"</w:{name}>" * depth
        table = draw(st.booleans())
        paragraph = f"<w:p>{inner}</w:p>"
        parts.append(
            f"<w:tbl><w:tr><w:tc>{paragraph}</w:tc></w:tr></w:tbl>" if table else paragraph
        )
    return "".join(parts)


_DECLARATIONS = st.sampled_from(
    [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "",
        '<?xml version="1.0" encoding="x-undefined"?>',
        '<?xml version="1.0" encoding="undefined"?>',
        '<?xml version="1.0" encoding="windows-1258"?>',
        '<?xml version="1.0" encoding="utf-16"?>',
        '<?xml version="1.0" encoding="shift_jis"?>',
    ]
)


@fuzz
@given(docx_body(), _DECLARATIONS, st.binary(max_size=40), st.integers(0, 200))
def test_docx_reader_gives_text_or_one_input_error(
    body: str, declaration: str, damage: bytes, where: int
) -> None:
    data = docx_bytes(body, declaration=declaration)
    if damage:  # overwrite some bytes: a damaged package
        data = data[:where] + damage + data[where + len(damage) :]
    outcomes = []
    for _ in range(2):
        try:
            text, metadata, warnings = read_docx(data, path="x.docx", max_unpacked=1 << 26)
        except InputError as err:
            outcomes.append(("error", str(err)))
        else:
            outcomes.append(("text", text, tuple(sorted(metadata.items())), tuple(warnings)))
            _check_spans(extract(text), text)
    assert outcomes[0] == outcomes[1]


_TAGS = [
    "p", "div", "b", "i", "span", "font", "table", "tr", "td", "li", "ul", "pre", "br", "main",
    "article", "nav", "script", "style", "head", "body", "html", "o:p", "x",
]  # fmt: skip
_ATTRIBUTES = [
    "", ' class="menu"', ' id="footer"', ' role="main"', ' face=".VnTime"',
    ' style="font-family: VNI-Times"', " title='<b>'", ' a="', " b='",
]  # fmt: skip
_MARKUP = st.one_of(
    st.builds("<{}{}>".format, st.sampled_from(_TAGS), st.sampled_from(_ATTRIBUTES)),
    st.builds("</{}>".format, st.sampled_from(_TAGS)),
    st.sampled_from(
        [
            "<",
            "</",
            "<!--",
            "-->",
            "<![",
            "<![CDATA[",
            "]]>",
            "<?",
            "<!DOCTYPE html>",
            "&amp;",
            "&#7897;",
            "&#99999999;",
            "&#x;",
            "&nbsp",
            "&",
            ">",
            '<meta charset="undefined">',
            '<meta charset="windows-1258">',
            '<meta charset="base64">',
            "\x00",
            "\r\n",
        ]
    ),  # fmt: skip
    document_text.map(html.escape),
)
_ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1258", "utf-16", "latin-1"])


@fuzz
@given(st.lists(_MARKUP, max_size=120).map("".join), _ENCODINGS)
def test_html_reader_gives_text_or_one_input_error(markup: str, encoding: str) -> None:
    data = markup.encode(encoding, errors="replace")
    outcomes = []
    for _ in range(2):
        try:
            text, used, metadata, warnings = read_html(data, path="x.html")
        except InputError as err:
            outcomes.append(("error", str(err)))
        else:
            outcomes.append(("text", text, used, tuple(sorted(metadata.items())), tuple(warnings)))
            _check_spans(extract(text), text)
    assert outcomes[0] == outcomes[1]


@fuzz
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.tuples(document_text, _ENCODINGS).map(lambda t: t[0].encode(t[1], errors="replace")),
    ),
    st.sampled_from([".txt", ".html", ".docx", ".pdf", ".doc", ""]),
)
def test_read_file_gives_text_or_one_input_error_whatever_the_bytes(
    data: bytes, suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"sample{suffix}"
        path.write_bytes(data)
        try:
            result = read_file(path)
        except InputError as err:
            assert str(err).startswith(f"{path}: ")
            return
        assert result.text.strip()
        assert result.size == len(data)
        _check_spans(extract(result.text), result.text)
