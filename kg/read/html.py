"""Saved web pages: the main text, without scripts, styles or the site around it.

Portals wrap a document in menus, breadcrumbs, share buttons and footers. When the page marks
its content (``<main>``, ``<article>``, ``role="main"``) only that is read; furniture elements
and elements whose class or id names furniture are dropped everywhere. Block elements become
line breaks so paragraphs stay paragraphs. Built on the standard library parser, which never
raises on malformed markup.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser

from kg.read.legacy import convert_font_text, font_encoding
from kg.read.text import DecodedText, decode_text, universal_newlines, unmangle_font_codes

_NEVER_TEXT = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object"}
)
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "button", "select", "menu"})
_FURNITURE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|sidebar|breadcrumbs?|footer|header|banner|cookies?|share|"
    r"social|comments?|related|advert|ads|widget|search|login|pagination)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "main", "blockquote", "pre", "dd", "dt", "dl", "hr", "td", "th",
        "center", "address", "figcaption", "caption",
    }
)  # fmt: skip
_SNIFF_LEGACY = 256 * 1024
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "wbr", "area", "source"})
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)
_LEGACY_FONT_MARKUP = re.compile(
    rb"""(?:face\s*=|font-family\s*:)\s*["']?\s*(?:\.vn|vn[a-z]|vni-)""", re.IGNORECASE
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _legacy_font(attributes: dict[str, str]) -> str | None:
    """The first font an element names (``face`` or CSS ``font-family``) if it is legacy."""
    family = attributes.get("face", "")
    style = _FONT_FAMILY.search(attributes.get("style", ""))
    if style:
        family = style.group(1)
    first = family.split(",")[0].strip().strip("\"'")
    return first if font_encoding(first) else None


class _MainText(HTMLParser):
    def __init__(self, *, main_only: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.main_only = main_only
        self.main_depth = 0
        self.skip_depth = 0
        # (tag, skips, is main, legacy font name or None) for each open element
        self.open_tags: list[tuple[str, bool, bool, str | None]] = []
        self.converted: Counter[str] = Counter()
        self.pre_depth = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.chunks.append("\n")
        if tag in _VOID:
            return
        attributes = {name: value or "" for name, value in attrs}
        names = f"{attributes.get('class', '')} {attributes.get('id', '')}"
        skips = (
            tag in _NEVER_TEXT
            or tag in _FURNITURE
            or attributes.get("role") in ("navigation", "banner", "contentinfo", "search")
            or bool(_FURNITURE_NAMES.search(names))
        )
        is_main = tag in ("main", "article") or attributes.get("role") == "main"
        self.open_tags.append((tag, skips, is_main, _legacy_font(attributes)))
        self.skip_depth += skips
        self.main_depth += is_main
        if tag == "pre":
            self.pre_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.chunks.append("\n")
        # Close up to the matching open tag, which repairs unclosed inner tags on the way.
        if not any(open_tag[0] == tag for open_tag in self.open_tags):
            return
        while self.open_tags:
            open_tag, skips, is_main, _ = self.open_tags.pop()
            self.skip_depth -= skips
            self.main_depth -= is_main
            if open_tag == "pre":
                self.pre_depth -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip_depth or (self.main_only and self.main_depth == 0):
            return
        font = next((font for *_, font in reversed(self.open_tags) if font), None)
        encoding = font_encoding(font)
        if encoding and data.strip():
            self.converted[font or ""] += 1
            data = convert_font_text(data, encoding)
        self.chunks.append(data if self.pre_depth else re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self.chunks).split("\n"))
        kept = "\n".join(line for line in lines if line)
        return kept + "\n" if kept else ""


def _decode_html(data: bytes, *, path: str) -> DecodedText:
    # Pages that name legacy fonts are converted element by element, never as a whole.
    per_element = bool(_LEGACY_FONT_MARKUP.search(data[:_SNIFF_LEGACY]))
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            try:
                codec = codecs.lookup(name).name
                text = data.decode(codec)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: fall back to detection
            else:
                if codec != "utf-8":
                    text = unicodedata.normalize("NFC", text)
                decoded = DecodedText(universal_newlines(text), codec, [])
                return decoded if per_element else unmangle_font_codes(decoded)
    return decode_text(data, path=path, font_codes=not per_element)


def read_html(data: bytes, *, path: str) -> tuple[str, str, dict[str, str], list[str]]:
    """Return (text, encoding, metadata, warnings) of a saved web page."""
    decoded = _decode_html(data, path=path)
    lowered = decoded.text.lower()
    has_main = "<main" in lowered or "<article" in lowered or 'role="main"' in lowered
    parser = _MainText(main_only=has_main)
    parser.feed(decoded.text)
    parser.close()
    text = parser.text()
    if has_main and not text:
        # A <main> that holds nothing (or only furniture): read the whole page instead.
        parser = _MainText(main_only=False)
        parser.feed(decoded.text)
        parser.close()
        text = parser.text()
    metadata = {"main_element": "yes" if has_main else "no"}
    warnings = list(decoded.warnings)
    if parser.converted:
        metadata["fonts_converted"] = ", ".join(sorted(parser.converted))
        warnings.append(f"converted text in legacy fonts: {metadata['fonts_converted']}")
    return text, decoded.encoding, metadata, warnings
