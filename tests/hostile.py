"""Hostile and unlucky inputs, generated in the test that uses them (issue 24)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
UTF8_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def citing(number: int) -> str:
    """A sentence that cites one resolution, different for every `number`."""
    return f"Căn cứ Nghị quyết số {number}-NQ/TW ngày 03/6/2013 của Bộ Chính trị."


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_bytes(body: str, *, declaration: str = UTF8_DECLARATION, encoding: str = "utf-8") -> bytes:
    """A minimal .docx whose document part holds `body` (WordprocessingML inside w:body)."""
    root = f'<w:document xmlns:w="{W_NAMESPACE}"><w:body>{body}</w:body></w:document>'
    document = declaration + root
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("word/document.xml", document.encode(encoding))
    return buffer.getvalue()


def nested_docx(container: str, depth: int, text: str) -> bytes:
    """`text` under `depth` nested content controls ("sdt") or hyperlinks ("hyperlink")."""
    if container == "sdt":
        body = "<w:sdt><w:sdtContent>" * depth + paragraph(text)
        body += "</w:sdtContent></w:sdt>" * depth
    else:
        inner = f"<w:r><w:t>{text}</w:t></w:r>"
        body = "<w:p>" + "<w:hyperlink>" * depth + inner + "</w:hyperlink>" * depth + "</w:p>"
    return docx_bytes(body)


def broken_html(tags: int, text: str) -> bytes:
    """`tags` unclosed <b> then as many stray </i>, between two paragraphs of text."""
    markup = "<b>" * tags + "</i>" * tags
    page = f"<html><body><p>{text}</p>{markup}<p>Kết thúc trang.</p></body></html>"
    return page.encode("utf-8")


def non_utf8_name(folder: Path, text: str) -> Path:
    """Write `text` to a file whose name holds bytes that are not UTF-8 (bad\\xff\\xfename.txt)."""
    raw = os.path.join(os.fsencode(folder), b"bad\xff\xfename.txt")
    with open(raw, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return Path(os.fsdecode(raw))
