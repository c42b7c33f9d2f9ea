"""Other office formats (.doc, .rtf, .odt): converted to .docx by headless LibreOffice.

Going through .docx (not plain text) keeps the run fonts, so ``.VnTime`` text in old .doc
files is converted like any other, and the .docx reader does the rest. Each conversion gets
its own LibreOffice profile folder, because parallel jobs sharing the default profile block
each other on its lock.
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


def read_with_libreoffice(
    data: bytes, *, path: str, label: str, max_unpacked: int
) -> tuple[str, dict[str, str], list[str]]:
    """Return (text, metadata, warnings) of a file LibreOffice can open; ``label`` is ".doc"..."""
    binary = soffice_binary()
    if binary is None:
        raise InputError(
            path, f"{label} needs LibreOffice, which is not installed ({INSTALL_HINT})"
        )
    with tempfile.TemporaryDirectory(prefix="kg-doc-") as folder:
        workdir = Path(folder)
        source = workdir / f"source{label}"
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
            raise InputError(
                path, f"truncated or corrupt {label} (LibreOffice could not convert it)"
            )
        text, metadata, warnings = read_docx(
            converted.read_bytes(), path=path, max_unpacked=max_unpacked
        )
    metadata["converted_by"] = "libreoffice"
    return text, metadata, warnings
