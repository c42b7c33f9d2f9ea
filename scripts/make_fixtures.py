"""Generate the reader fixtures in tests/fixtures/ (run again to refresh them).

    .venv/bin/python scripts/make_fixtures.py [OUTPUT_DIR]

Every sample is made here from one short Vietnamese plan written for the purpose, so each
format and encoding has a UTF-8 twin to compare with. Nothing is downloaded. Needs the dev
extra (python-docx, reportlab, msoffcrypto-tool) and a DejaVu Sans font (Debian
fonts-dejavu-core); the .doc sample also needs LibreOffice and is skipped without it. The
tests import the functions below to make the large hostile inputs (zip bomb) in a temporary
folder instead of committing them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

# The plan: header block, title, numbered references, place-date line, recipients, signer.
HEADER_LEFT = ["TỈNH ỦY BÌNH AN", "BAN DÂN VẬN", "*", "Số 15-KH/BDVTU"]
HEADER_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bình An, ngày 20 tháng 3 năm 2024"]
TITLE = [
    "KẾ HOẠCH",
    "thực hiện Kết luận số 43-KL/TW của Ban Bí thư về tiếp tục thực hiện Nghị quyết số "
    "25-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XI)",
]
BODY = [
    "Thực hiện Kế hoạch số 82-KH/BDVTW, ngày 18/5/2023 của Ban Dân vận Trung ương về tổng kết "
    "10 năm thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng "
    '(khóa XI) về "Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong '
    'tình hình mới"; Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư, Ban Dân vận Tỉnh ủy '
    "xây dựng kế hoạch thực hiện như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Quán triệt sâu sắc Nghị quyết số 25-NQ/TW và Quyết định số 23-QĐ/TW, ngày 30/7/2021 của "
    "Bộ Chính trị ban hành Quy chế công tác dân vận của hệ thống chính trị.",
    "2. Gắn với thực hiện Chỉ thị số 16-CT/TU, ngày 12/4/2022 của Ban Thường vụ Tỉnh ủy về tăng "
    "cường công tác dân vận chính quyền các cấp.",
    "II. NỘI DUNG",
    "1. Các cấp ủy tổ chức quán triệt Kết luận số 43-KL/TW gắn với Quy định số 124-QĐ/TW, ngày "
    "04/10/2023 của Ban Bí thư về giám sát của Mặt trận Tổ quốc Việt Nam.",
    "2. Báo cáo kết quả về Ban Dân vận Tỉnh ủy trước ngày 30/11/2024 để tổng hợp, báo cáo Ban "
    "Thường vụ Tỉnh ủy theo Hướng dẫn số 05-HD/BDVTU, ngày 02/02/2024.",
]
RECIPIENTS = [
    "Nơi nhận:",
    "- Ban Dân vận Trung ương (b/c),",
    "- Thường trực Tỉnh ủy (b/c),",
    "- Lưu Văn phòng.",
]
SIGNER = ["T/M BAN DÂN VẬN", "TRƯỞNG BAN", "Nguyễn Văn Minh"]
# The body paragraph the .docx sets in .VnTime (TCVN3) and the heading it sets in .VnTimeH.
LEGACY_PARAGRAPH = 2
LEGACY_HEADING = 1
# What the scanned PDF shows: short, so OCR in the tests stays quick.
SCAN_LINES = [
    "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013",
    "của Ban Chấp hành Trung ương Đảng (khóa XI) và",
    "Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư.",
]


def plan_text() -> str:
    """The plan as one UTF-8 text, the twin every other sample is compared with."""
    blocks = [
        "\n".join(HEADER_LEFT),
        "\n".join(HEADER_RIGHT),
        "\n".join(TITLE),
        "\n\n".join(BODY),
        "\n".join(RECIPIENTS),
        "\n".join(SIGNER),
    ]
    return "\n\n".join(blocks) + "\n"


def _font_path(file: str = "DejaVuSans.ttf") -> Path:
    candidates = [
        Path("/usr/share/fonts/truetype/dejavu") / file,
        Path("/usr/share/fonts/TTF") / file,
    ]
    try:
        import matplotlib

        candidates.append(Path(matplotlib.get_data_path()) / "fonts/ttf" / file)
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SystemExit("DejaVu Sans not found: apt-get install fonts-dejavu-core")


def write_text_samples(out: Path) -> None:
    from kg.read.legacy import encode_cp1258, encode_tcvn3, encode_vni

    text = plan_text()
    (out / "plan-utf8.txt").write_bytes(text.encode("utf-8"))
    (out / "plan-utf8-bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (out / "plan-utf8-crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (out / "plan-nfd.txt").write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    (out / "plan-utf16le.txt").write_bytes(text.encode("utf-16"))  # BOM, little-endian
    (out / "plan-utf16be.txt").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (out / "plan-utf16le-nobom.txt").write_bytes(text.encode("utf-16-le"))
    (out / "plan-cp1258.txt").write_bytes(encode_cp1258(text).replace(b"\n", b"\r\n"))
    (out / "plan-tcvn3.txt").write_bytes(encode_tcvn3(text).replace(b"\n", b"\r\n"))
    (out / "plan-vni.txt").write_bytes(encode_vni(text).replace(b"\n", b"\r\n"))
    # Text copied out of a legacy-font document into a Unicode editor keeps the font codes.
    (out / "plan-tcvn3-codes.txt").write_text(encode_tcvn3(text).decode("cp1252"), "utf-8")
    (out / "plan-vni-codes.txt").write_text(encode_vni(text).decode("cp1252"), "utf-8")


_TEXT_BOX = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1"
                   behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="page"><wp:posOffset>5000000</wp:posOffset></wp:positionH>
          <wp:positionV relativeFrom="page"><wp:posOffset>300000</wp:posOffset></wp:positionV>
          <wp:extent cx="1800000" cy="300000"/>
          <wp:wrapNone/>
          <wp:docPr id="10" name="Text Box 10"/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:spPr/>
                <wps:txbx>
                  <w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>
                </wps:txbx>
                <wps:bodyPr/>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict><v:shape><v:textbox>
        <w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>
      </v:textbox></v:shape></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""
TEXT_BOX_TEXT = "Bản sao số 2"
HEADER_TEXT = "Ban Dân vận Tỉnh ủy Bình An"
FOOTER_TEXT = "Trang 1"


def _set_font(run: Any, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)


def _legacy_tcvn3(text: str) -> str:
    """What Word stores for text typed in a .VnTime font: the TCVN3 bytes as code points."""
    from kg.read.legacy import encode_tcvn3

    return encode_tcvn3(text).decode("latin-1")


def build_docx() -> bytes:
    """The plan as a .docx: header in a borderless table, one paragraph in .VnTime."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.core_properties.author = "VanKien KG fixtures"
    table = document.add_table(rows=1, cols=2)  # the default style has no borders
    for cell, lines in zip(table.rows[0].cells, (HEADER_LEFT, HEADER_RIGHT), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for number, line in enumerate(TITLE):
        paragraph = document.add_paragraph()
        if number == 0:
            # .VnTimeH draws capitals from the lower-case TCVN3 codes.
            run = paragraph.add_run(_legacy_tcvn3(line.lower()))
            _set_font(run, ".VnTimeH")
        else:
            paragraph.add_run(line)
    for number, text in enumerate(BODY):
        paragraph = document.add_paragraph()
        if number == LEGACY_PARAGRAPH:
            _set_font(paragraph.add_run(_legacy_tcvn3(text)), ".VnTime")
        else:
            paragraph.add_run(text)
        if number == 0:
            paragraph._p.append(parse_xml(_TEXT_BOX.replace("{text}", TEXT_BOX_TEXT)))
    for line in [*RECIPIENTS, *SIGNER]:
        document.add_paragraph(line)
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    section.footer.paragraphs[0].text = FOOTER_TEXT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf(*, decomposed: bool = False, legacy: bool = False) -> bytes:
    """The plan as a born-digital PDF in DejaVu Sans.

    ``decomposed`` draws base letters and combining marks as separate glyphs. ``legacy`` sets
    the title in a font named ".VnTimeH" and one paragraph in ".VnTime", drawn from TCVN3
    codes as a PDF printed from an old Word file shows them.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = {"unicode": _font_path(), "tcvn3": _font_path("DejaVuSerif.ttf"),
             "tcvn3-upper": _font_path("DejaVuSans-Bold.ttf")}  # fmt: skip
    for name, path in fonts.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    legacy_lines = {TITLE[0]: "tcvn3-upper", BODY[LEGACY_PARAGRAPH]: "tcvn3"} if legacy else {}
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    y = height - 60
    for paragraph in plan_text().split("\n"):
        font = legacy_lines.get(paragraph, "unicode")
        for line in _wrap(paragraph, font, 10, width - 120) or [""]:
            if y < 60:
                sheet.showPage()
                y = height - 60
            sheet.setFont(font, 10)
            shown = unicodedata.normalize("NFD", line) if decomposed else line
            if font != "unicode":
                shown = _legacy_tcvn3(line.lower() if font == "tcvn3-upper" else line)
            sheet.drawString(60, y, shown)
            y -= 14
    sheet.showPage()
    sheet.save()
    return _rename_fonts(buffer.getvalue()) if legacy else buffer.getvalue()


def _rename_fonts(data: bytes) -> bytes:
    """Give the stand-in fonts the names Word gives legacy fonts in a PDF."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    names = {"DejaVuSerif": "/.VnTime", "DejaVuSans-Bold": "/.VnTimeH"}
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            family = str(font["/BaseFont"]).split("+")[-1]
            if family in names:
                font[NameObject("/BaseFont")] = NameObject(names[family])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _wrap(text: str, font: str, size: int, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def build_scanned_pdf() -> bytes:
    """A PDF whose only page is an image of SCAN_LINES: no text layer, as from a scanner."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype(str(_font_path()), 44)
    image = Image.new("L", (1800, 420), color=255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(SCAN_LINES):
        draw.text((60, 40 + number * 90), line, font=font, fill=0)
    png = io.BytesIO()
    image.save(png, format="PNG")
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    shown = width - 80
    sheet.drawImage(ImageReader(io.BytesIO(png.getvalue())), 40, height - 40 - shown * 420 / 1800,
                    width=shown, height=shown * 420 / 1800)  # fmt: skip
    sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def build_html(*, legacy: bool = False) -> str:
    """The plan as a saved portal page: menus, scripts, styles and footer around an article.

    ``legacy`` sets the title in a ".VnTimeH" span and one paragraph in a ".VnTime" font tag
    holding TCVN3 codes, as old portal pages (saved again as UTF-8) still do.
    """
    import html

    def paragraph(line: str) -> str:
        if legacy and line == TITLE[0]:
            codes = html.escape(_legacy_tcvn3(line.lower()))
            return f"<p><span style=\"font-family: '.VnTimeH', serif\">{codes}</span></p>"
        if legacy and line == BODY[LEGACY_PARAGRAPH]:
            return f'<p><font face=".VnTime">{html.escape(_legacy_tcvn3(line))}</font></p>'
        return f"<p>{html.escape(line)}</p>"

    def paragraphs(lines: list[str]) -> str:
        return "\n".join(paragraph(line) for line in lines)

    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Kế hoạch số 15-KH/BDVTU - Cổng thông tin Ban Dân vận</title>
<style>body {{ font-family: sans-serif; }}
.menu::after {{ content: "Nghị quyết số 99-NQ/TW"; }}</style>
<script>var banner = "Chỉ thị số 98-CT/TW, ngày 01/01/2020"; document.title = banner;</script>
</head>
<body>
<header class="site-header"><a href="/">Trang chủ</a> | Giới thiệu | Tin tức</header>
<nav class="menu"><ul><li>Văn bản</li><li>Quyết định số 97-QĐ/TW mới ban hành</li></ul></nav>
<div class="breadcrumb">Trang chủ &gt; Văn bản &gt; Kế hoạch</div>
<article>
<table><tr><td>{paragraphs(HEADER_LEFT)}</td><td>{paragraphs(HEADER_RIGHT)}</td></tr></table>
{paragraphs(TITLE)}
{paragraphs(BODY)}
{paragraphs(RECIPIENTS)}
{paragraphs(SIGNER)}
<div class="share-buttons">Chia sẻ: Facebook | Zalo</div>
</article>
<aside class="related"><h3>Tin liên quan</h3><p>Kết luận số 96-KL/TW về công tác dân vận</p></aside>
<footer>Bản quyền thuộc Ban Dân vận Tỉnh ủy Bình An</footer>
<script>console.log("Thông báo số 95-TB/TW");</script>
</body>
</html>
"""


# LibreOffice export filters for the formats read through LibreOffice.
OFFICE_FILTERS = {".doc": "doc:MS Word 97", ".rtf": "rtf:Rich Text Format", ".odt": "odt"}


def convert_with_libreoffice(docx_path: Path, out: Path, suffix: str) -> Path | None:
    """Convert a .docx to .doc, .rtf or .odt with LibreOffice; None when it is not installed."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", OFFICE_FILTERS[suffix], "--outdir", str(out), str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    return out / (docx_path.stem + suffix)


# Hostile and broken inputs.


def encrypt_pdf(data: bytes, password: str = "mat-khau") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypt_docx(data: bytes, password: str = "mat-khau") -> bytes:
    """Word's "Encrypt with password": an OLE container holding the encrypted package."""
    from msoffcrypto.format.ooxml import OOXMLFile

    buffer = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, buffer)
    return buffer.getvalue()


def write_zip_bomb(path: Path, expanded_mb: int = 300) -> None:
    """A .docx-shaped zip a few hundred KB on disk whose document.xml expands to expanded_mb."""
    block = b" " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            member.write(b'<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>')
            for _ in range(expanded_mb):
                member.write(block)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")


def write_lying_zip_bomb(path: Path, expanded_mb: int = 60) -> None:
    """Like write_zip_bomb, but the zip directory claims document.xml is 1 KB."""
    write_zip_bomb(path, expanded_mb)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + size_offset : start + size_offset + 4] = (1024).to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))


def write_pdf_bomb(path: Path, expanded_mb: int = 120) -> None:
    """A one-page PDF whose content stream is small on disk and expands to expanded_mb."""
    import zlib

    packer = zlib.compressobj(9)
    block = b"BT ET " * (1024 * 1024 // 6)
    stream = b"".join(packer.compress(block) for _ in range(expanded_mb)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


def png_bytes() -> bytes:
    """A small real PNG image (to rename as .txt)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), color=(200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def write_bad_samples(out: Path, docx_bytes: bytes, pdf_bytes: bytes) -> None:
    bad = out / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image-renamed.txt").write_bytes(png_bytes())
    (bad / "truncated.docx").write_bytes(docx_bytes[: len(docx_bytes) // 2])
    (bad / "truncated.pdf").write_bytes(pdf_bytes[: len(pdf_bytes) // 3])
    (bad / "password.pdf").write_bytes(encrypt_pdf(pdf_bytes))
    (bad / "password.docx").write_bytes(encrypt_docx(docx_bytes))
    damaged = plan_text().encode("utf-8")
    (bad / "undecodable.txt").write_bytes(damaged[:200] + b"\xff\xfe\x80" + damaged[200:])


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_text_samples(out)
    docx_bytes = build_docx()
    (out / "plan.docx").write_bytes(docx_bytes)
    pdf_bytes = build_pdf()
    (out / "plan.pdf").write_bytes(pdf_bytes)
    (out / "plan-nfd-marks.pdf").write_bytes(build_pdf(decomposed=True))
    (out / "plan-vntime.pdf").write_bytes(build_pdf(legacy=True))
    (out / "plan-scanned.pdf").write_bytes(build_scanned_pdf())
    (out / "plan.html").write_text(build_html(), encoding="utf-8")
    (out / "plan-vntime.html").write_text(build_html(legacy=True), encoding="utf-8")
    for suffix in OFFICE_FILTERS:
        if convert_with_libreoffice(out / "plan.docx", out, suffix) is None:
            print(f"LibreOffice not found: plan{suffix} not made", file=sys.stderr)
    write_bad_samples(out, docx_bytes, pdf_bytes)


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
