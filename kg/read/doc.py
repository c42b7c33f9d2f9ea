"""Word 97-2003 .doc: converted to .docx by headless LibreOffice, then read as a .docx.

Going through .docx (not plain text) keeps the run fonts, so ``.VnTime`` text in old .doc
files is converted like any other. Each conversion gets its own LibreOffice profile folder,
because parallel jobs sharing the default profile block each other on its lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kg.errors import InputError
from kg.read.docx import read_docx

INSTALL_HINT = "apt-get install libreoffice-writer-nogui"
_TIMEOUT_SECONDS = 180


def soffice_binary() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes, *, path: str, max_unpacked: int) -> tuple[str, dict[str, str], list[str]]:
    """Return (text, metadata, warnings) of a .doc file."""
    binary = soffice_binary()
    if binary is None:
        raise InputError(path, f".doc needs LibreOffice, which is not installed ({INSTALL_HINT})")
    with tempfile.TemporaryDirectory(prefix="kg-doc-") as folder:
        workdir = Path(folder)
        source = workdir / "source.doc"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(workdir / "out"),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice took longer than {_TIMEOUT_SECONDS} s") from None
        except OSError as err:
            raise InputError(path, f"cannot run LibreOffice ({err.strerror})") from None
        converted = workdir / "out" / "source.docx"
        if not converted.is_file():
            raise InputError(path, "truncated or corrupt .doc (LibreOffice could not convert it)")
        text, metadata, warnings = read_docx(
            converted.read_bytes(), path=path, max_unpacked=max_unpacked
        )
    metadata["converted_by"] = "libreoffice"
    return text, metadata, warnings
