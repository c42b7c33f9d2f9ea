"""Bounded access to a source file: its bytes, its zip members, and what its content is.

Every reader goes through here so that no input, however large or hostile, is loaded or
decompressed past a known limit, and every operating-system failure becomes an
:class:`~kg.errors.InputError` naming the file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError

MB = 1024 * 1024
# A zip-based document may legitimately unpack to a few times its own limit (XML is verbose).
UNPACK_FACTOR = 4
_CHUNK = 1024 * 1024


def _megabytes(size: int) -> str:
    """A limit as a person writes it: "50 MB", "1.5 MB", "200 KB", "900 bytes"."""
    if size >= MB:
        return f"{round(size / MB, 1):g} MB"
    if size >= 1024:
        return f"{round(size / 1024, 1):g} KB"
    return f"{size} bytes"


_ESCAPED_BYTE = re.compile(rb"\\x([0-9a-f]{2})")


def source_name(path: str | os.PathLike[str]) -> str:
    """The text that names a source file in the graph, the search index and every message.

    A POSIX file name is bytes; Python hands back bytes that are not UTF-8 as lone surrogates,
    which no UTF-8 output (an RDF literal, SQLite, a terminal) can hold. Those bytes are written
    as ``\\xNN`` escapes, so the name stays readable and one file always gets one name; a valid
    name is returned unchanged.
    """
    text = os.fspath(path)
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file system gave: spell it out
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def source_path(name: str) -> Path:
    """The file a :func:`source_name` stands for (the name itself when that file exists)."""
    path = Path(name)
    if "\\x" not in name or path.exists():
        return path
    raw = _ESCAPED_BYTE.sub(lambda match: bytes([int(match[1], 16)]), name.encode("utf-8"))
    return Path(os.fsdecode(raw))


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """Read a whole regular file, refusing it before reading when it exceeds ``max_bytes``."""
    name = source_name(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as err:
        raise InputError(name, _os_problem(err)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file")
    if info.st_size > max_bytes:
        raise InputError(name, f"larger than {_megabytes(max_bytes)}; raise --max-size")
    if info.st_size == 0:
        raise InputError(name, "empty file")
    try:
        with path.open("rb") as handle:
            data = _read_capped(handle, max_bytes)
    except FileNotFoundError:
        raise InputError(name, "file disappeared while reading") from None
    except OSError as err:
        raise InputError(name, _os_problem(err)) from None
    if len(data) > max_bytes:
        raise InputError(name, f"larger than {_megabytes(max_bytes)}; raise --max-size")
    if not data:
        raise InputError(name, "empty file")
    return data


def _read_capped(handle: BinaryIO, max_bytes: int) -> bytes:
    """Read to the end, or one byte past ``max_bytes`` (the file grew since stat()).

    Chunked because ``read(n)`` reserves n bytes up front, even for a small file.
    """
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes and (chunk := handle.read(min(_CHUNK, max_bytes + 1 - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _os_problem(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read ({os.strerror(err.errno) if err.errno else err})"


# What zipfile lets through on damaged archives (zlib and struct errors are not wrapped).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, struct.error, ValueError, OSError, EOFError)


class BoundedZip:
    """A zip archive whose members are read with a shared cap on the bytes they expand to.

    The cap is checked twice: against the sizes the zip directory declares (cheap, catches
    honest bombs) and while streaming (catches directories that lie).
    """

    def __init__(self, data: bytes, *, path: str, label: str, max_unpacked: int) -> None:
        import io

        self.path = path
        self.label = label
        self.max_unpacked = max_unpacked
        self._unpacked = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._names = set(self._zip.namelist())
        except _ZIP_ERRORS:
            raise self.corrupt("zip directory unreadable") from None
        declared = sum(info.file_size for info in self._zip.infolist())
        if declared > max_unpacked:
            raise self.bomb()

    def corrupt(self, detail: str) -> InputError:
        return InputError(self.path, f"truncated or corrupt {self.label} ({detail})")

    def bomb(self) -> InputError:
        return InputError(
            self.path,
            f"archive expands beyond {_megabytes(self.max_unpacked)} (possible zip bomb)",
        )

    def names(self) -> set[str]:
        return set(self._names)

    def read(self, name: str) -> bytes:
        """Read one member, stopping as soon as the running total passes the cap."""
        chunks: list[bytes] = []
        try:
            with self._zip.open(name) as member:
                while chunk := member.read(_CHUNK):
                    self._unpacked += len(chunk)
                    if self._unpacked > self.max_unpacked:
                        raise self.bomb()
                    chunks.append(chunk)
        except InputError:
            raise
        except KeyError:
            raise self.corrupt(f"no {name}") from None
        except NotImplementedError:
            raise self.corrupt(f"{name} uses an unsupported compression") from None
        except RuntimeError:
            # zipfile raises RuntimeError for members that need a password.
            raise InputError(self.path, f"password-protected {self.label}") from None
        except _ZIP_ERRORS as err:
            raise self.corrupt(f"{name}: {err}") from None
        return b"".join(chunks)


# (magic prefix, what it is) for files that are neither text nor a format we read.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "a Linux executable"),
    (b"MZ", "a Windows executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"RIFF", "a RIFF media file"),
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def binary_kind(data: bytes) -> str | None:
    """Name a known binary format from its magic bytes, or None."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return None
