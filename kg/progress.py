"""What an ingest run reports as it goes, for whoever shows it.

Kept apart from :mod:`kg.ingest` so that a front end can define how it shows a run without
loading the ingest machinery (the extractor, the readers) before a run starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.ingest import FileOutcome


class IngestProgress:
    """What an ingest run tells whoever shows it, as it goes. Every method does nothing here: a
    front end (the CLI's progress bar, a notebook's counter) overrides what it shows."""

    def step(self, name: str, done: int, total: int) -> None:
        """`done` of the `total` files to write have been through step `name` (0 when it
        starts): "files" file by file; "extract", "write", "load", "compact" in bulk; then
        "summaries", counting documents, not files, as those the run changed are kept whole."""

    def outcome(self, outcome: FileOutcome) -> None:
        """One file's outcome, as soon as it is known (unchanged and skipped files included)."""
