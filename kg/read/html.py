"""Saved web pages: the main text, without scripts, styles or the site around it.

Portals wrap a document in menus, breadcrumbs, share buttons and footers. When the page marks
its content (``<main>``, ``<article>``, ``role="main"``) only that is read; furniture elements
and elements whose class or id names furniture are dropped everywhere. Block elements become
line breaks so paragraphs stay paragraphs.

Parsed by libxml2's HTML parser (lxml) as a stream of events, without building a tree: it
recovers from any markup in one pass. Python's own ``html.parser`` before 3.11.13 takes time
quadratic in the unterminated tags and comments of a page and raises on some declarations.
Markup nested deeper than any real page (unclosed tags by the thousand) is closed at a fixed
depth, as browsers do, so each stray end tag costs the parser a bounded search.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from typing import NamedTuple

from lxml import etree

from kg.errors import InputError
from kg.read.legacy import convert_font_text, font_encoding
from kg.read.text import (
    DecodedText,
    decode_text,
    document_codec,
    refuse_nul,
    universal_newlines,
    unmangle_font_codes,
)

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
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;]+)", re.IGNORECASE)
_LEGACY_FONT_MARKUP = re.compile(
    rb"""(?:face\s*=|font-family\s*:)\s*["']?\s*(?:\.vn|vn[a-z]|vni-)""", re.IGNORECASE
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Blink's limit on the depth of the element tree; past it, elements are closed innermost first.
MAX_DEPTH = 512
# The page is fed to the parser in pieces of about this many characters, each cut just before a
# start tag: the depth is checked between pieces, so it never runs far past MAX_DEPTH.
_PIECE = 4096
_START_TAG = re.compile(r"<[A-Za-z]")


def _legacy_font(attributes: Mapping[str, str]) -> str | None:
    """The first font an element names (``face`` or CSS ``font-family``) if it is legacy."""
    family = attributes.get("face", "")
    style = _FONT_FAMILY.search(attributes.get("style", ""))
    if style:
        family = style.group(1)
    first = family.split(",")[0].strip().strip("\"'")
    return first if font_encoding(first) else None


class _Open(NamedTuple):
    """An open element: its name, whether it hides text, starts the main content, is
    preformatted, and the legacy font its text is set in (its own or inherited)."""

    tag: str
    skips: bool
    main: bool
    pre: bool
    font: str | None


class _MainText:
    """A parser target that keeps the text a reader sees; every event costs constant time."""

    def __init__(self, *, main_only: bool) -> None:
        self.main_only = main_only
        self.open: list[_Open] = []
        self.skip_depth = 0
        self.main_depth = 0
        self.pre_depth = 0
        self.converted: Counter[str] = Counter()
        self.chunks: list[str] = []

    def start(self, tag: str, attributes: Mapping[str, str]) -> None:
        if tag in _BLOCKS:
            self.chunks.append("\n")
        names = f"{attributes.get('class', '')} {attributes.get('id', '')}"
        role = attributes.get("role")
        element = _Open(
            tag,
            skips=(
                tag in _NEVER_TEXT
                or tag in _FURNITURE
                or role in ("navigation", "banner", "contentinfo", "search")
                or bool(_FURNITURE_NAMES.search(names))
            ),
            main=tag in ("main", "article") or role == "main",
            pre=tag == "pre",
            font=_legacy_font(attributes) or (self.open[-1].font if self.open else None),
        )
        self.open.append(element)
        self.skip_depth += element.skips
        self.main_depth += element.main
        self.pre_depth += element.pre

    def end(self, tag: str) -> None:
        # The parser closes what it opened, innermost first, so the element is the last open.
        if tag in _BLOCKS:
            self.chunks.append("\n")
        element = self.open.pop()
        self.skip_depth -= element.skips
        self.main_depth -= element.main
        self.pre_depth -= element.pre

    def data(self, data: str) -> None:
        if self.skip_depth or (self.main_only and self.main_depth == 0):
            return
        font = self.open[-1].font if self.open else None
        encoding = font_encoding(font)
        if encoding and data.strip():
            self.converted[font or ""] += 1
            data = convert_font_text(data, encoding)
        self.chunks.append(data if self.pre_depth else re.sub(r"\s+", " ", data))

    def close(self) -> str:
        lines = (line.strip() for line in "".join(self.chunks).split("\n"))
        kept = "\n".join(line for line in lines if line)
        return kept + "\n" if kept else ""


def _parse(markup: str, *, main_only: bool) -> tuple[str, _MainText]:
    """The text of a page and the target that collected it.

    The page goes in piece by piece; between pieces, the innermost elements past MAX_DEPTH are
    closed (each cut falls before a start tag, where the parser reads markup, not text).
    """
    target = _MainText(main_only=main_only)
    if not markup:
        return "", target  # the parser calls a document that never started a syntax error
    parser = etree.HTMLParser(target=target, huge_tree=True, no_network=True)
    position = 0
    while position < len(markup):
        cut = _START_TAG.search(markup, position + _PIECE)
        end = cut.start() if cut else len(markup)
        parser.feed(markup[position:end])
        position = end
        excess = len(target.open) - MAX_DEPTH
        if excess > 0:
            innermost = reversed(target.open[-excess:])
            parser.feed("".join(f"</{element.tag}>" for element in innermost))
    return parser.close(), target


def _declared_codec(data: bytes) -> tuple[str | None, str | None]:
    """(the codec a page's meta charset names, the label when no usable codec has it)."""
    declared = _META_CHARSET.search(data[:4096])
    if not declared:
        return None, None
    label = declared.group(1).decode("ascii")
    codec = document_codec(label)
    return codec, None if codec else label


def _decode_html(data: bytes, *, path: str) -> DecodedText:
    # Pages that name legacy fonts are converted element by element, never as a whole.
    per_element = bool(_LEGACY_FONT_MARKUP.search(data[:_SNIFF_LEGACY]))
    warnings: list[str] = []
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec, unknown = _declared_codec(data)
        if unknown:
            warnings.append(f"declared charset {unknown!r} is unknown; the encoding was detected")
        if codec:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                pass  # a wrong declaration: fall back to detection
            else:
                refuse_nul(text, path)
                if codec != "utf-8":
                    text = unicodedata.normalize("NFC", text)
                decoded = DecodedText(universal_newlines(text), codec, warnings)
                return decoded if per_element else unmangle_font_codes(decoded)
    detected = decode_text(data, path=path, font_codes=not per_element)
    return DecodedText(detected.text, detected.encoding, [*warnings, *detected.warnings])


def read_html(data: bytes, *, path: str) -> tuple[str, str, dict[str, str], list[str]]:
    """Return (text, encoding, metadata, warnings) of a saved web page."""
    decoded = _decode_html(data, path=path)
    lowered = decoded.text.lower()
    has_main = "<main" in lowered or "<article" in lowered or 'role="main"' in lowered
    try:
        text, page = _parse(decoded.text, main_only=has_main)
        if has_main and not text:
            # A <main> that holds nothing (or only furniture): read the whole page instead.
            text, page = _parse(decoded.text, main_only=False)
    except etree.LxmlError as err:
        raise InputError(path, f"unreadable markup ({err})") from None
    metadata = {"main_element": "yes" if has_main else "no"}
    warnings = list(decoded.warnings)
    if page.converted:
        metadata["fonts_converted"] = ", ".join(sorted(page.converted))
        warnings.append(f"converted text in legacy fonts: {metadata['fonts_converted']}")
    return text, decoded.encoding, metadata, warnings
