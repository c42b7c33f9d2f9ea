"""Readers: turn a source file of any supported format into the text the extractor reads.

``read_file`` picks the reader from the content (magic bytes) first and the extension second,
so a PDF saved as .doc or a text file saved as .htm is still read right. Every unreadable
input raises :class:`kg.errors.InputError` with a short problem; nothing else escapes for bad
input. ``iter_sources`` expands the files and folders a user names.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.read.source import (
    OLE_MAGIC,
    UNPACK_FACTOR,
    ZIP_MAGIC,
    BoundedZip,
    read_bounded,
    source_name,
    source_path,
)
from kg.read.text import decode_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadResult",
    "iter_sources",
    "read_file",
    "source_name",
    "source_path",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".text", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".html", ".htm"}
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadResult:
    """The text of one source file and how it was obtained (kept as provenance).

    ``encoding`` is what the bytes were decoded as ("utf-8", "tcvn3", "utf-8+tcvn3" for a
    .docx with legacy-font runs, "pdf-text", "ocr"...); ``reader`` is the format reader used;
    ``size`` and ``sha256`` describe the bytes read, whatever happens to the file afterwards.
    """

    text: str
    encoding: str
    reader: str
    size: int
    sha256: str
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def _looks_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        return b"<html" in data[:4096].lower()
    return head.startswith(_HTML_STARTS) or (head.startswith(b"<!--") and b"<html" in head)


def _content_format(data: bytes, suffix: str) -> str:
    """Name the reader for these bytes: the content decides, the suffix breaks ties."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        if b"application/vnd.oasis.opendocument.text" in data[:200]:
            return "odt"  # the uncompressed mimetype member comes first in ODF
        from kg.read.docx import is_docx

        return "docx" if is_docx(data) or suffix == ".docx" else "zip"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_OOXML in data:
            return "encrypted-ooxml"
        return "doc" if _WORD_STREAM in data or suffix == ".doc" else "ole"
    if suffix in (".html", ".htm") or _looks_html(data):
        return "html"
    return "text"


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read one source file to text; raise InputError naming the file and the problem."""
    source = Path(path)
    name = source_name(path)
    data = read_bounded(source, max_bytes)
    suffix = source.suffix.lower()
    kind = _content_format(data, suffix)
    max_unpacked = max_bytes * UNPACK_FACTOR
    warnings: list[str] = []
    expected = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".odt": "odt"}
    if suffix in expected and expected[suffix] != kind and kind not in ("text", "html"):
        warnings.append(f"named {suffix} but the content is {kind}; read as {kind}")

    # Each format's reader (pypdf, lxml, the .docx and legacy-font tables) is imported for the
    # first file of its format: every command that lists or answers imports this package.
    if kind == "pdf":
        from kg.read.pdf import read_pdf

        text, metadata, found = read_pdf(data, path=name)
        ocr_pages = len(metadata["ocr_pages"].split(",")) if "ocr_pages" in metadata else 0
        layers = ["pdf-text"] if ocr_pages < int(metadata["pages"]) else []
        encoding = _with_legacy("+".join([*layers, *(["ocr"] if ocr_pages else [])]), metadata)
    elif kind == "docx":
        from kg.read.docx import read_docx

        text, metadata, found = read_docx(data, path=name, max_unpacked=max_unpacked)
        encoding = _with_legacy("utf-8", metadata)
    elif kind in ("doc", "rtf", "odt"):
        if kind == "odt":  # refuse a bomb before LibreOffice unpacks it
            BoundedZip(data, path=name, label=".odt", max_unpacked=max_unpacked)
        from kg.read.office import read_with_libreoffice

        text, metadata, found = read_with_libreoffice(
            data, path=name, label=f".{kind}", max_unpacked=max_unpacked
        )
        encoding = _with_legacy("utf-8", metadata)
    elif kind == "encrypted-ooxml":
        what = suffix if suffix in (".docx", ".docm") else "Office document"
        raise InputError(name, f"password-protected {what}")
    elif kind in ("zip", "ole"):
        looks = "a zip archive" if kind == "zip" else "an Office file that is not a Word document"
        raise InputError(name, f"binary data, not text (looks like {looks})")
    elif kind == "html":
        from kg.read.html import read_html

        text, encoding, metadata, found = read_html(data, path=name)
        encoding = _with_legacy(encoding, metadata)
    else:
        decoded = decode_text(data, path=name)
        text, encoding, metadata, found = decoded.text, decoded.encoding, {}, decoded.warnings
    if not text.strip():
        raise InputError(name, "no text in the file")
    digest = hashlib.sha256(data).hexdigest()
    return ReadResult(text, encoding, kind, len(data), digest, [*warnings, *found], metadata)


def _with_legacy(encoding: str, metadata: dict[str, str]) -> str:
    """Add the legacy encodings of converted font runs: "utf-8+tcvn3", "pdf-text+vni"."""
    fonts = [font for font in metadata.get("fonts_converted", "").split(", ") if font]
    if not fonts:
        return encoding
    from kg.read.legacy import font_encoding

    legacy = {font_encoding(font) for font in fonts}
    names = sorted({"tcvn3" if code and code.startswith("tcvn3") else "vni" for code in legacy})
    return "+".join([encoding, *names])


def _is_candidate(entry: Path) -> bool:
    name = entry.name
    # Hidden files and Word's "~$" lock files are never documents.
    return not name.startswith((".", "~$")) and entry.suffix.lower() in SUPPORTED_SUFFIXES


def iter_sources(
    paths: Sequence[str | Path],
    *,
    on_problem: Callable[[InputError], None] | None = None,
) -> Iterator[Path]:
    """Yield the source files named by ``paths``, expanding folders recursively.

    Folders are walked in sorted order and only supported extensions are taken from them;
    a file named explicitly is always yielded (its content decides how it is read) and so is
    a name that does not exist, so the reader reports it with the others. Symbolic links are
    followed once: a loop is reported through ``on_problem`` (default: a logged warning),
    and a file reachable by several paths is yielded once.
    """
    report = on_problem or (lambda problem: log.warning("%s", problem))
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def identity(path: Path) -> tuple[int, int] | None:
        try:
            info = path.stat()
        except OSError as err:
            problem = "symbolic link loop" if "loop" in str(err).lower() else err.strerror
            report(InputError(source_name(path), problem or "cannot read"))
            return None
        return info.st_dev, info.st_ino

    def entries(folder: Path) -> Iterator[os.DirEntry[str]]:
        key = identity(folder)
        if key is None:
            return iter(())
        if key in seen_dirs:
            report(InputError(source_name(folder), "symbolic link loop (folder already visited)"))
            return iter(())
        seen_dirs.add(key)
        try:
            return iter(sorted(os.scandir(folder), key=lambda entry: entry.name))
        except OSError as err:
            report(InputError(source_name(folder), err.strerror or "cannot list folder"))
            return iter(())

    def walk(top: Path) -> Iterator[Path]:
        # A stack of open folders, not recursion: folders can nest deeper than the recursion
        # limit allows.
        pending = [entries(top)]
        while pending:
            entry = next(pending[-1], None)
            if entry is None:
                pending.pop()
                continue
            child = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                pending.append(entries(child))
            elif _is_candidate(child):
                yield from emit(child)

    def emit(file: Path) -> Iterator[Path]:
        key = identity(file)
        if key is not None and key not in seen_files:
            seen_files.add(key)
            yield file

    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from walk(path)
        elif path.exists():
            yield from emit(path)
        else:
            try:
                path.lstat()
            except OSError:
                yield path  # missing: the reader says so in the summary
                continue
            report(InputError(source_name(path), "broken or looping symbolic link"))
