"""Extraction throughput on one core, measured beside a bare regex scan of the same texts.

The bare scan (a type word, "số", a number-and-symbol token: what a user with grep would write)
is the floor; the ratio says what the full extractor (normalisation, every reference form,
relations, short forms, links, document identity) costs on top of reading the text once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.baselines import BARE_PATTERN
from kg.extract import extract


@dataclass(frozen=True)
class Throughput:
    """Best-of-``repeat`` timings of the extractor and the bare scan over the same texts."""

    documents: int
    megabytes: float
    references: int
    bare_matches: int
    extract_seconds: float
    bare_seconds: float

    @property
    def extract_mb_per_s(self) -> float:
        return self.megabytes / self.extract_seconds if self.extract_seconds else float("inf")

    @property
    def bare_mb_per_s(self) -> float:
        return self.megabytes / self.bare_seconds if self.bare_seconds else float("inf")

    @property
    def extract_docs_per_s(self) -> float:
        return self.documents / self.extract_seconds if self.extract_seconds else float("inf")

    @property
    def ratio(self) -> float:
        """How many times slower than the bare scan the full extractor is."""
        return self.extract_seconds / self.bare_seconds if self.bare_seconds else float("inf")


def _best_of(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    # CPU time of this process: one core's work, not skewed by other jobs on the machine.
    best = float("inf")
    result = 0
    for _ in range(max(1, repeat)):
        started = time.process_time()
        result = run()
        best = min(best, time.process_time() - started)
    return best, result


def measure(texts: Sequence[str], repeat: int = 5) -> Throughput:
    """Time the full extractor and the bare scan over ``texts`` (best of ``repeat`` passes)."""
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6

    def run_extract() -> int:
        return sum(len(extract(text).references) for text in texts)

    def run_bare() -> int:
        return sum(sum(1 for _ in BARE_PATTERN.finditer(text)) for text in texts)

    run_extract()  # warm the compiled patterns and tables, as a long-running job would be
    extract_seconds, references = _best_of(repeat, run_extract)
    bare_seconds, bare_matches = _best_of(repeat, run_bare)
    return Throughput(
        documents=len(texts),
        megabytes=megabytes,
        references=references,
        bare_matches=bare_matches,
        extract_seconds=extract_seconds,
        bare_seconds=bare_seconds,
    )
