"""Optical character recognition of scanned pages with Debian's tesseract and its Vietnamese data.

Run as a subprocess (no Python binding to install or to crash the process); one thread per
call so parallel ingest jobs do not oversubscribe the cores.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"
_TIMEOUT_SECONDS = 300


@lru_cache(maxsize=1)
def tesseract_languages() -> frozenset[str] | None:
    """The languages the installed tesseract knows, or None when it is not installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        listing = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (listing.stdout + listing.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def require_tesseract(path: str) -> None:
    """Raise the clear message when OCR is needed but cannot run."""
    languages = tesseract_languages()
    if languages is None:
        raise InputError(
            path, f"PDF has no text layer and tesseract is not installed ({INSTALL_HINT})"
        )
    if "vie" not in languages:
        raise InputError(
            path, f"PDF has no text layer and tesseract lacks Vietnamese ({INSTALL_HINT})"
        )


def ocr_image(image: bytes, *, suffix: str, path: str) -> str:
    """Recognise the Vietnamese text of one page image (PNG, JPEG, TIFF bytes)."""
    require_tesseract(path)
    binary = shutil.which("tesseract") or "tesseract"
    with tempfile.TemporaryDirectory(prefix="kg-ocr-") as folder:
        image_path = Path(folder) / f"page{suffix}"
        image_path.write_bytes(image)
        try:
            result = subprocess.run(
                [binary, str(image_path), "stdout", "-l", "vie", "--psm", "3"],
                capture_output=True,
                timeout=_TIMEOUT_SECONDS,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise InputError(path, f"OCR took longer than {_TIMEOUT_SECONDS} s on a page") from None
        except OSError as err:
            raise InputError(path, f"cannot run tesseract ({err.strerror})") from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(path, f"tesseract failed ({detail[-1] if detail else 'no message'})")
    return result.stdout.decode("utf-8", "replace")
