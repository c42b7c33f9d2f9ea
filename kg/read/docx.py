"""Word .docx: the text a reader sees, in document order, from the package XML.

Read directly from the XML rather than through python-docx because we need what that library
does not give in order: tables inline with paragraphs, text boxes at their anchor, headers,
footers and notes, and the font of every run. Runs set in the legacy ``.VnTime`` family are
TCVN3 (the ``...H`` variants draw capitals) and runs in ``VNI-`` fonts are VNI; both are
converted to Unicode here, before any other processing, and counted in the metadata.

Elements are matched by local name, so transitional and strict OOXML namespaces both work.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.read.legacy import convert_font_text, font_encoding
from kg.read.source import BoundedZip

MAIN_PART = "word/document.xml"
_STYLES_PART = "word/styles.xml"
_EXTRA_PARTS = re.compile(r"word/(header|footer|footnotes|endnotes)(\d*)\.xml")
# Containers whose children are read as if they stood in place of the container.
_TRANSPARENT = frozenset(
    {"hyperlink", "ins", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent", "moveTo"}
)
# Never text a reader sees: deleted revisions, field codes, properties, the VML fallback
# that duplicates a DrawingML text box.
_SKIPPED = frozenset(
    {"del", "moveFrom", "instrText", "delText", "rPr", "pPr", "sdtPr", "Fallback", "tblPr"}
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: ET.Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


@dataclass
class _Styles:
    """Fonts declared by styles, enough to know the font a run inherits."""

    fonts: dict[str, str | None] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    default_paragraph: str | None = None
    default_font: str | None = None

    def font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if self.fonts.get(style_id):
                return self.fonts[style_id]
            style_id = self.based_on.get(style_id)
        return None


def _run_font(properties: ET.Element | None) -> str | None:
    if properties is None:
        return None
    fonts = _child(properties, "rFonts")
    if fonts is None:
        return None
    # Legacy letters sit in the high-ANSI range, so that slot decides; ascii is the fallback.
    return _attr(fonts, "hAnsi") or _attr(fonts, "ascii")


def _parse_styles(xml: bytes | None) -> _Styles:
    styles = _Styles()
    if xml is None:
        return styles
    root = ET.fromstring(xml)
    for element in root.iter():
        name = _local(element.tag)
        if name == "rPrDefault":
            properties = _child(element, "rPr")
            styles.default_font = _run_font(properties)
        elif name == "style":
            style_id = _attr(element, "styleId")
            if not style_id:
                continue
            styles.fonts[style_id] = _run_font(_child(element, "rPr"))
            based_on = _child(element, "basedOn")
            if based_on is not None and _attr(based_on, "val"):
                styles.based_on[style_id] = _attr(based_on, "val") or ""
            if _attr(element, "type") == "paragraph" and _attr(element, "default") in ("1", "true"):
                styles.default_paragraph = style_id
    return styles


class _TextWriter:
    """Walks WordprocessingML and collects lines; one paragraph is one line."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.lines: list[str] = []
        self.converted: Counter[str] = Counter()

    def block(self, element: ET.Element) -> None:
        for child in element:
            name = _local(child.tag)
            if name == "p":
                self.paragraph(child)
            elif name == "tbl":
                self.table(child)
            elif name in _TRANSPARENT:
                self.block(child)

    def table(self, table: ET.Element) -> None:
        # Cell by cell, so a header table reads as its left column, then its right column.
        for row in (c for c in table if _local(c.tag) == "tr"):
            for cell in (c for c in row if _local(c.tag) in ("tc", "sdt")):
                self.block(cell)

    def paragraph(self, paragraph: ET.Element) -> None:
        style: str | None = None
        properties = _child(paragraph, "pPr")
        if properties is not None:
            style_ref = _child(properties, "pStyle")
            style = _attr(style_ref, "val") if style_ref is not None else None
        paragraph_font = (
            self.styles.font(style or self.styles.default_paragraph) or self.styles.default_font
        )
        pieces: list[str] = []
        boxes: list[ET.Element] = []
        for run in self._runs(paragraph, boxes):
            pieces.append(self._run_text(run, paragraph_font))
        self.lines.append("".join(pieces))
        for box in boxes:
            self.block(box)

    def _runs(self, element: ET.Element, boxes: list[ET.Element]) -> Iterator[ET.Element]:
        for child in element:
            name = _local(child.tag)
            if name in _SKIPPED:
                continue
            if name == "r":
                boxes.extend(_text_boxes(child))
                yield child
            elif name != "txbxContent":
                yield from self._runs(child, boxes)

    def _run_text(self, run: ET.Element, paragraph_font: str | None) -> str:
        parts: list[str] = []
        for child in run:
            name = _local(child.tag)
            if name == "t":
                parts.append(child.text or "")
            elif name == "tab":
                parts.append("\t")
            elif name in ("br", "cr"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
        text = "".join(parts)
        properties = _child(run, "rPr")
        font = _run_font(properties)
        if font is None and properties is not None:
            style_ref = _child(properties, "rStyle")
            font = self.styles.font(_attr(style_ref, "val")) if style_ref is not None else None
        font = font or paragraph_font
        encoding = font_encoding(font)
        if encoding is None or not text:
            return text
        self.converted[font or ""] += 1
        return convert_font_text(text, encoding)


def _text_boxes(run: ET.Element) -> Iterator[ET.Element]:
    """Text-box contents anchored in a run, skipping the VML copy kept as a fallback."""
    stack = [run]
    while stack:
        element = stack.pop()
        for child in reversed(list(element)):
            name = _local(child.tag)
            if name == "Fallback":
                continue
            if name == "txbxContent":
                yield child
            else:
                stack.append(child)


def _part_order(name: str) -> tuple[int, int]:
    match = _EXTRA_PARTS.fullmatch(name)
    assert match is not None
    rank = ("header", "footnotes", "endnotes", "footer").index(match.group(1))
    return rank, int(match.group(2) or 0)


def read_docx(
    data: bytes, *, path: str, max_unpacked: int
) -> tuple[str, dict[str, str], list[str]]:
    """Return (text, metadata, warnings) of a .docx; InputError when it cannot be read."""
    archive = BoundedZip(data, path=path, label=".docx", max_unpacked=max_unpacked)
    names = archive.names()
    if MAIN_PART not in names:
        raise archive.corrupt(f"no {MAIN_PART}")
    try:
        styles = _parse_styles(archive.read(_STYLES_PART) if _STYLES_PART in names else None)
        extra = sorted((n for n in names if _EXTRA_PARTS.fullmatch(n)), key=_part_order)
        headers = [n for n in extra if _part_order(n)[0] == 0]
        others = [n for n in extra if _part_order(n)[0] > 0]
        writer = _TextWriter(styles)
        seen_texts: set[str] = set()
        sections: list[str] = []
        for name in [*headers, MAIN_PART, *others]:
            part = ET.fromstring(archive.read(name))
            writer.lines = []
            body = _child(part, "body") if name == MAIN_PART else part
            writer.block(body if body is not None else part)
            section = "\n".join(writer.lines).strip("\n")
            # Word repeats one header per section and page kind; keep each text once.
            if section and (name == MAIN_PART or section not in seen_texts):
                seen_texts.add(section)
                sections.append(section)
    except ET.ParseError as err:
        raise archive.corrupt(f"bad XML: {err}") from None
    metadata = {"parts": str(1 + len(extra))}
    warnings: list[str] = []
    if writer.converted:
        fonts = ", ".join(sorted(writer.converted))
        metadata["fonts_converted"] = fonts
        metadata["legacy_runs"] = str(sum(writer.converted.values()))
        warnings.append(f"converted runs in legacy fonts: {fonts}")
    return "\n\n".join(sections) + "\n", metadata, warnings


def is_docx(data: bytes) -> bool:
    """A zip whose local headers name the main Word part (cheap, no decompression)."""
    return MAIN_PART.encode() in data[:65536] or MAIN_PART.encode() in data[-65536:]
