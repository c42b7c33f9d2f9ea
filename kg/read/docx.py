"""Word .docx: the text a reader sees, in document order, from the package XML.

Read directly from the XML rather than through python-docx because we need what that library
does not give in order: tables inline with paragraphs, text boxes at their anchor, headers,
footers and notes, and the font of every run. Runs set in the legacy ``.VnTime`` family are
TCVN3 (the ``...H`` variants draw capitals) and runs in ``VNI-`` fonts are VNI; both are
converted to Unicode here, before any other processing, and counted in the metadata.

Elements are matched by local name, so transitional and strict OOXML namespaces both work.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from kg.read.legacy import convert_font_text, font_encoding
from kg.read.source import BoundedZip
from kg.read.text import document_codec

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


_DECLARED_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")


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


def _parse_part(xml: bytes, name: str, warnings: list[str]) -> ET.Element:
    """Parse one XML part of the package.

    The XML parser reads only the encodings it knows and single-byte ones; a part that declares
    any other is decoded here (with the declared codec when Python has it, else as UTF-8, the
    encoding Word writes) and parsed as text, where the declaration no longer counts.
    """
    try:
        return ET.fromstring(xml)
    except (LookupError, ValueError, UnicodeError):
        pass
    declared = _DECLARED_ENCODING.match(xml)
    label = declared.group(1).decode("ascii", "replace") if declared else "?"
    if xml.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    else:
        codec = document_codec(label) or "utf-8"
        xml = xml.removeprefix(codecs.BOM_UTF8)
    warnings.append(f"{name} declares the encoding {label!r}; read as {codec}")
    return ET.fromstring(xml.decode(codec, errors="replace"))


def _parse_styles(xml: bytes | None, warnings: list[str]) -> _Styles:
    styles = _Styles()
    if xml is None:
        return styles
    root = _parse_part(xml, _STYLES_PART, warnings)
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


class _DocumentOrder:
    """The elements under a root, in document order, walked with a stack instead of recursion.

    Content controls, hyperlinks and text boxes nest as deep as a file says: thousands of
    levels in a hostile one, past Python's recursion limit. ``inside`` tells, for each element,
    what to read in its place: None to yield the element itself, else the elements it holds
    (``()`` to skip it).
    """

    def __init__(
        self, root: ET.Element, inside: Callable[[ET.Element], Iterable[ET.Element] | None]
    ) -> None:
        self.pending: list[Iterator[ET.Element]] = [iter(root)]
        self.inside = inside

    def read_next(self, containers: Sequence[ET.Element]) -> None:
        """Read what these containers hold before going on (a paragraph's text boxes)."""
        self.pending.extend(iter(container) for container in reversed(containers))

    def __iter__(self) -> Iterator[ET.Element]:
        while self.pending:
            element = next(self.pending[-1], None)
            if element is None:
                self.pending.pop()
                continue
            contents = self.inside(element)
            if contents is None:
                yield element
            else:
                self.pending.append(iter(contents))


def _inside_paragraph(element: ET.Element) -> Iterable[ET.Element] | None:
    name = _local(element.tag)
    if name == "r":
        return None
    if name in _SKIPPED or name == "txbxContent":  # a text box is read after its paragraph
        return ()
    return element


def _inside_run(element: ET.Element) -> Iterable[ET.Element] | None:
    name = _local(element.tag)
    if name == "txbxContent":
        return None
    return () if name == "Fallback" else element


def _inside_block(element: ET.Element) -> Iterable[ET.Element] | None:
    name = _local(element.tag)
    if name == "p":
        return None
    if name == "tbl":
        # Cell by cell, so a header table reads as its left column, then its right column.
        rows = (row for row in element if _local(row.tag) == "tr")
        return chain.from_iterable(
            cell for row in rows for cell in row if _local(cell.tag) in ("tc", "sdt")
        )
    return element if name in _TRANSPARENT else ()


class _TextWriter:
    """Walks WordprocessingML and collects lines; one paragraph is one line."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.lines: list[str] = []
        self.converted: Counter[str] = Counter()

    def block(self, element: ET.Element) -> None:
        walk = _DocumentOrder(element, _inside_block)
        for paragraph in walk:
            walk.read_next(self.paragraph(paragraph))

    def paragraph(self, paragraph: ET.Element) -> list[ET.Element]:
        """Add the paragraph's line; return the text boxes anchored in it, read after it."""
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
        for run in _DocumentOrder(paragraph, _inside_paragraph):
            boxes.extend(_DocumentOrder(run, _inside_run))
            pieces.append(self._run_text(run, paragraph_font))
        self.lines.append("".join(pieces))
        return boxes

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
    warnings: list[str] = []
    try:
        styles = _parse_styles(
            archive.read(_STYLES_PART) if _STYLES_PART in names else None, warnings
        )
        extra = sorted((n for n in names if _EXTRA_PARTS.fullmatch(n)), key=_part_order)
        headers = [n for n in extra if _part_order(n)[0] == 0]
        others = [n for n in extra if _part_order(n)[0] > 0]
        writer = _TextWriter(styles)
        seen_texts: set[str] = set()
        sections: list[str] = []
        for name in [*headers, MAIN_PART, *others]:
            part = _parse_part(archive.read(name), name, warnings)
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
    if writer.converted:
        fonts = ", ".join(sorted(writer.converted))
        metadata["fonts_converted"] = fonts
        metadata["legacy_runs"] = str(sum(writer.converted.values()))
        warnings.append(f"converted runs in legacy fonts: {fonts}")
    return "\n\n".join(sections) + "\n", metadata, warnings


def is_docx(data: bytes) -> bool:
    """A zip whose local headers name the main Word part (cheap, no decompression)."""
    return MAIN_PART.encode() in data[:65536] or MAIN_PART.encode() in data[-65536:]
