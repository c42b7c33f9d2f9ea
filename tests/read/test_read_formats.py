"""Every format and encoding of the sample plan reads to the text of its UTF-8 twin."""

from __future__ import annotations

import functools
import html
import io
import re
import shutil
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from kg.errors import InputError
from kg.read import ReadResult, read_file
from kg.read.legacy import encode_cp1258, encode_tcvn3, encode_vni, font_encoding

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The references of the sample plan, written out by hand from scripts/make_fixtures.py.
REFERENCES = [
    "Kết luận số 43-KL/TW",
    "Nghị quyết số 25-NQ/TW",
    "Kế hoạch số 82-KH/BDVTW, ngày 18/5/2023",
    "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI)",
    "Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư",
    "Quyết định số 23-QĐ/TW, ngày 30/7/2021 của Bộ Chính trị",
    "Chỉ thị số 16-CT/TU, ngày 12/4/2022 của Ban Thường vụ Tỉnh ủy",
    "Quy định số 124-QĐ/TW, ngày 04/10/2023 của Ban Bí thư",
    "Hướng dẫn số 05-HD/BDVTU, ngày 02/02/2024",
    "Số 15-KH/BDVTU",
    "Bình An, ngày 20 tháng 3 năm 2024",
    "Nguyễn Văn Minh",
]

try:  # the extractor is another part of the project; compare its output when it exists
    from kg.extract import extract
except ImportError:
    extract = None

# (file, reader, encoding) for every good sample.
SAMPLES = [
    ("plan-utf8.txt", "text", "utf-8"),
    ("plan-utf8-bom.txt", "text", "utf-8-sig"),
    ("plan-utf8-crlf.txt", "text", "utf-8"),
    ("plan-utf16le.txt", "text", "utf-16-le"),
    ("plan-utf16be.txt", "text", "utf-16-be"),
    ("plan-utf16le-nobom.txt", "text", "utf-16-le"),
    ("plan-cp1258.txt", "text", "cp1258"),
    ("plan-tcvn3.txt", "text", "tcvn3"),
    ("plan-vni.txt", "text", "vni"),
    ("plan-tcvn3-codes.txt", "text", "utf-8+tcvn3"),
    ("plan-vni-codes.txt", "text", "utf-8+vni"),
    ("plan.docx", "docx", "utf-8+tcvn3"),
    ("plan.pdf", "pdf", "pdf-text"),
    ("plan-nfd-marks.pdf", "pdf", "pdf-text"),
    ("plan-vntime.pdf", "pdf", "pdf-text+tcvn3"),
    ("plan.html", "html", "utf-8"),
    ("plan-vntime.html", "html", "utf-8+tcvn3"),
    ("plan.doc", "doc", "utf-8+tcvn3"),
    ("plan.rtf", "rtf", "utf-8+tcvn3"),
    ("plan.odt", "odt", "utf-8+tcvn3"),
]
TEXT_SAMPLES = [name for name, reader, _ in SAMPLES if reader == "text"]


def flat(text: str) -> str:
    """NFC with every run of whitespace made one space: layout differs between formats."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@functools.cache
def read_sample(name: str) -> ReadResult:
    """Read a committed sample once per session: LibreOffice takes seconds per file."""
    return read_file(FIXTURES / name)


def needs_soffice(name: str) -> None:
    if name.endswith((".doc", ".rtf", ".odt")) and not (
        shutil.which("soffice") or shutil.which("libreoffice")
    ):
        pytest.skip("LibreOffice (soffice) is not installed; .doc, .rtf and .odt need it")


@pytest.mark.parametrize(("name", "reader", "encoding"), SAMPLES)
def test_sample_is_read_by_the_right_reader_and_keeps_every_reference(
    fixtures: Path, name: str, reader: str, encoding: str
) -> None:
    needs_soffice(name)
    result = read_sample(name)
    assert (result.reader, result.encoding) == (reader, encoding)
    text = flat(result.text)
    missing = [surface for surface in REFERENCES if surface not in text]
    assert not missing


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_text_samples_decode_to_exactly_the_twin(
    fixtures: Path, generator: ModuleType, name: str
) -> None:
    assert read_file(fixtures / name).text == generator.plan_text()


@pytest.mark.skipif(extract is None, reason="kg.extract.extract is not built yet")
@pytest.mark.parametrize(("name", "reader", "encoding"), SAMPLES)
def test_sample_gives_the_same_references_as_its_utf8_twin(
    fixtures: Path, name: str, reader: str, encoding: str
) -> None:
    needs_soffice(name)

    def references(text: str) -> list[tuple[str, str | None, str | None]]:
        assert extract is not None
        return [(r.kind, r.symbol, r.date) for r in extract(text).references]

    twin = references((fixtures / "plan-utf8.txt").read_text(encoding="utf-8"))
    assert twin, "the twin must have references for the comparison to mean anything"
    assert references(read_sample(name).text) == twin


def test_utf8_text_is_not_normalised_so_offsets_index_the_file(fixtures: Path) -> None:
    path = fixtures / "plan-nfd.txt"
    text = read_file(path).text
    assert text == path.read_text(encoding="utf-8")
    assert not unicodedata.is_normalized("NFC", text)


def test_utf8_bom_is_stripped_and_crlf_read_as_python_reads_it(fixtures: Path) -> None:
    assert not read_file(fixtures / "plan-utf8-bom.txt").text.startswith("\ufeff")
    crlf = fixtures / "plan-utf8-crlf.txt"
    assert read_file(crlf).text == crlf.read_text(encoding="utf-8")


def test_legacy_text_is_reported_as_converted(fixtures: Path) -> None:
    result = read_file(fixtures / "plan-tcvn3.txt")
    assert any("tcvn3" in warning for warning in result.warnings)
    # In TCVN3 byte 0xAD is ư, not a soft hyphen to clean away.
    assert "Trung ương" in result.text


def test_docx_reads_tables_text_boxes_headers_and_legacy_fonts(
    fixtures: Path, generator: ModuleType
) -> None:
    result = read_file(fixtures / "plan.docx")
    text = result.text
    # The header table reads cell by cell: the left column, then the right one.
    assert text.index("Số 15-KH/BDVTU") < text.index("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert text.index("ĐẢNG CỘNG SẢN VIỆT NAM") < text.index("Thực hiện Kế hoạch số 82")
    assert text.startswith(generator.HEADER_TEXT)
    assert text.rstrip().endswith(generator.FOOTER_TEXT)
    # Once, not twice: the VML fallback copy of the text box is skipped.
    assert text.count(generator.TEXT_BOX_TEXT) == 1
    assert "\nKẾ HOẠCH\n" in text  # .VnTimeH: TCVN3 lower-case codes drawn as capitals
    assert generator.BODY[generator.LEGACY_PARAGRAPH] in text
    assert result.metadata["fonts_converted"] == ".VnTime, .VnTimeH"


def test_html_drops_scripts_styles_and_site_furniture(fixtures: Path) -> None:
    text = read_file(fixtures / "plan.html").text
    for decoy in ("99-NQ/TW", "98-CT/TW", "97-QĐ/TW", "96-KL/TW", "95-TB/TW"):
        assert decoy not in text
    for furniture in ("Trang chủ", "Chia sẻ", "Bản quyền", "Tin liên quan", "console.log"):
        assert furniture not in text
    # Paragraphs stay on their own lines.
    assert "\nI. MỤC ĐÍCH, YÊU CẦU\n" in text


def test_html_text_in_legacy_font_elements_is_converted(tmp_path: Path) -> None:
    tcvn3 = encode_tcvn3("Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương").decode("cp1252")
    vni = encode_vni("Chỉ thị số 16-CT/TU của Tỉnh ủy").decode("cp1252")
    page = tmp_path / "old.html"
    page.write_bytes(
        (
            '<html><head><meta charset="windows-1252"></head><body>'
            f'<p><font face=".VnTime">{html.escape(tcvn3)}</font></p>'
            f'<p style="font-family: VNI-Times, serif">{html.escape(vni)}</p>'
            "<p>H&agrave; N&#7897;i</p></body></html>"
        ).encode("cp1252")
    )
    result = read_file(page)
    assert result.text == (
        "Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương\n"
        "Chỉ thị số 16-CT/TU của Tỉnh ủy\nHà Nội\n"
    )
    assert result.encoding == "cp1252+tcvn3+vni"
    assert result.metadata["fonts_converted"] == ".VnTime, VNI-Times"


def test_html_without_main_element_keeps_body_text(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_text(
        "<html><body><div id='menu'>Trang chủ</div><p>Căn cứ Nghị quyết số 25-NQ/TW"
        "<br>ngày 03/6/2013<p>Đoạn hai</body></html>",
        encoding="utf-8",
    )
    assert read_file(page).text == "Căn cứ Nghị quyết số 25-NQ/TW\nngày 03/6/2013\nĐoạn hai\n"


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "<p>Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương</p>"
    page.write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        + b"</head><body>"
        + encode_cp1258(body)
        + b"</body></html>"
    )
    result = read_file(page)
    assert result.encoding == "cp1258"
    assert "Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương" in result.text


def test_pdf_with_decomposed_marks_keeps_marks_on_their_letters(fixtures: Path) -> None:
    text = read_file(fixtures / "plan-nfd-marks.pdf").text
    assert unicodedata.is_normalized("NFC", text)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Nghị quyết số 25-NQ/TW, ngày 03/6/2013" in text


def test_pdf_text_in_legacy_fonts_is_converted_by_font_name(
    fixtures: Path, generator: ModuleType
) -> None:
    result = read_file(fixtures / "plan-vntime.pdf")
    assert result.metadata["fonts_converted"] == ".VnTime, .VnTimeH"
    assert "\nKẾ HOẠCH\n" in result.text
    assert flat(generator.BODY[generator.LEGACY_PARAGRAPH]) in flat(result.text)


def test_scanned_pdf_is_read_by_ocr(fixtures: Path, generator: ModuleType) -> None:
    from kg.read.ocr import tesseract_languages

    if "vie" not in (tesseract_languages() or frozenset()):
        pytest.skip("tesseract with Vietnamese data is not installed")
    result = read_file(fixtures / "plan-scanned.pdf")
    assert (result.encoding, result.metadata["ocr_pages"]) == ("ocr", "1")
    for symbol in ("25-NQ/TW", "43-KL/TW", "03/6/2013", "07/01/2019"):
        assert symbol in result.text
    assert "Nghị quyết" in result.text


def test_pdf_mixing_a_jpeg_scan_and_a_text_page(tmp_path: Path, generator: ModuleType) -> None:
    from kg.read.ocr import tesseract_languages

    if "vie" not in (tesseract_languages() or frozenset()):
        pytest.skip("tesseract with Vietnamese data is not installed")
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab (dev extra)")
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (1800, 140), "white")
    font = ImageFont.truetype(str(generator._font_path()), 44)
    ImageDraw.Draw(image).text((60, 40), "Chỉ thị số 16-CT/TU, ngày 12/4/2022", font=font, fill=0)
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG", quality=85)
    path = tmp_path / "mixed.pdf"
    sheet = canvas.Canvas(str(path))
    sheet.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 40, 600, width=515, height=40)
    sheet.showPage()
    sheet.drawString(60, 700, "Trang 2")
    sheet.showPage()
    sheet.save()
    result = read_file(path)
    assert (result.encoding, result.metadata["ocr_pages"]) == ("pdf-text+ocr", "1")
    assert "16-CT/TU" in result.text and "Trang 2" in result.text


def test_scanned_pdf_without_tesseract_says_how_to_install_it(
    fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.read.ocr
    import kg.read.pdf

    monkeypatch.setattr(kg.read.ocr, "tesseract_languages", lambda: None)
    monkeypatch.setattr(kg.read.pdf, "tesseract_languages", lambda: None)
    with pytest.raises(InputError) as caught:
        read_file(fixtures / "plan-scanned.pdf")
    assert caught.value.problem == (
        "PDF has no text layer and tesseract is not installed "
        "(apt-get install tesseract-ocr tesseract-ocr-vie)"
    )


def test_doc_without_libreoffice_says_how_to_install_it(
    fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.read.office

    monkeypatch.setattr(kg.read.office, "soffice_binary", lambda: None)
    with pytest.raises(InputError, match=r"\.doc needs LibreOffice, which is not installed"):
        read_file(fixtures / "plan.doc")


@pytest.mark.parametrize(
    ("name", "renamed", "reader"),
    [
        ("plan.pdf", "plan.txt", "pdf"),
        ("plan.docx", "plan.pdf", "docx"),
        ("plan.html", "plan.txt", "html"),
        ("plan-utf8.txt", "plan.html", "html"),
    ],
)
def test_content_decides_the_reader_not_the_extension(
    fixtures: Path, tmp_path: Path, name: str, renamed: str, reader: str
) -> None:
    target = tmp_path / renamed
    shutil.copy(fixtures / name, target)
    result = read_file(target)
    assert result.reader == reader
    assert "Nghị quyết số 25-NQ/TW, ngày 03/6/2013" in flat(result.text)
    if renamed.endswith(".pdf"):  # a format named for another format is worth a word
        assert result.warnings[0] == "named .pdf but the content is docx; read as docx"


def test_committed_text_samples_are_what_the_generator_makes(
    fixtures: Path, tmp_path: Path, generator: ModuleType
) -> None:
    generator.write_text_samples(tmp_path)
    for made in sorted(tmp_path.iterdir()):
        assert made.read_bytes() == (fixtures / made.name).read_bytes(), made.name


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        (".VnTimeH", "tcvn3-upper"),
        (".VnArial NarrowH", "tcvn3-upper"),
        ("/ABCDEF+.VnTimeH,Bold", "tcvn3-upper"),
        ("VnTime-Italic", "tcvn3"),
        ("VNI-Times", "vni"),
        ("/BCDEFG+VNI-Helve-Bold", "vni"),
        ("Times New Roman", None),
        ("/AAAAAA+DejaVuSans", None),
        ("Vni", None),
    ],
)
def test_font_names_tell_the_legacy_encoding(font: str, encoding: str | None) -> None:
    assert font_encoding(font) == encoding


def test_docx_runs_inherit_legacy_fonts_from_styles(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx (dev extra) builds this sample")
    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"  # old documents: the whole body in TCVN3
    codes = encode_tcvn3("Căn cứ Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương")
    document.add_paragraph(codes.decode("latin-1"))
    heading = document.add_paragraph()
    heading.add_run(encode_tcvn3("kế hoạch").decode("latin-1")).font.name = ".VnTimeH"
    document.add_paragraph("Times New Roman text, not converted").runs[0].font.name = "Arial"
    document.save(tmp_path / "styled.docx")
    result = read_file(tmp_path / "styled.docx")
    assert result.text == (
        "Căn cứ Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương\nKẾ HOẠCH\n"
        "Times New Roman text, not converted\n"
    )


def test_docx_runs_in_vni_fonts_are_converted(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx (dev extra) builds this sample")
    document = docx.Document()
    run = document.add_paragraph().add_run(
        encode_vni("Chỉ thị số 16-CT/TU của Tỉnh ủy").decode("cp1252")
    )
    run.font.name = "VNI-Times"
    document.save(tmp_path / "vni.docx")
    result = read_file(tmp_path / "vni.docx")
    assert result.text.strip() == "Chỉ thị số 16-CT/TU của Tỉnh ủy"
    assert result.encoding == "utf-8+vni"
