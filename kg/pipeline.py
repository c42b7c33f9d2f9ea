"""One file through the pure steps, for `kg extract` and `kg eval`: read -> extract -> resolve.

It sits beside :mod:`kg.ingest`, above the pure core it composes: reading (any format, any
Vietnamese encoding) and the sha256 of the raw bytes come from the ingest step, so ``kg extract``
and ``kg ingest`` see exactly the same text, and resolve against the same registry.
"""

from __future__ import annotations

from pathlib import Path

from kg.extract.model import Extraction
from kg.process import read_and_extract
from kg.read import DEFAULT_MAX_BYTES
from kg.resolve import resolve


def extract_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
    """Read, extract and resolve one file, as the contract shows it (identities filled in);
    raises :class:`kg.errors.InputError` if unreadable."""
    extraction = read_and_extract(path, max_bytes).extraction
    return resolve(extraction).annotate(extraction)


def run_gold(gold: list[Extraction], corpus: Path) -> list[Extraction]:
    """Extract and resolve the source of every gold document: ``corpus`` joined with the gold's
    relative ``source`` path, or else with its bare file name."""
    predicted = []
    for document in gold:
        relative = Path(document.source.replace("\\", "/"))
        path = corpus / relative
        if relative.is_absolute() or not path.exists():
            path = corpus / relative.name
        extraction = extract_file(path)
        extraction.source = document.source
        predicted.append(extraction)
    return predicted
