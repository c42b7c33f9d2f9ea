"""Writing rendered maps to disk, with failures reported as one-line user errors."""

from __future__ import annotations

from pathlib import Path

from kg.errors import KgError


class OutputError(KgError):
    """A map or export cannot be written; the message names the file and the problem."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def prepare_output(path: str | Path) -> Path:
    """Create the parent folder so a fresh output directory works; errors name the file."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(target, f"cannot create folder: {exc.strerror or exc}") from exc
    if target.is_dir():
        raise OutputError(target, "is a folder, expected a file name")
    return target


def write_text(path: str | Path, text: str) -> Path:
    """Write UTF-8 text with Unix newlines, so the bytes are identical on every platform."""
    target = prepare_output(path)
    try:
        target.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(target, f"cannot write: {exc.strerror or exc}") from exc
    return target
