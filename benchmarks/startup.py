"""Start-up cost of the command line: CPU seconds of `kg --version` and of `kg cites` on a
small store, beside the interpreter starting and doing nothing (``python -c pass``).

Every command is a fresh process, so what its imports cost is paid on each call; a staff
member running `kg cites` in a loop over a list of documents pays it every time. Each command
runs in a child process and is timed by the children's CPU time (user + system, from
``getrusage``), which other jobs on the machine do not inflate the way wall time is; the best
of `repeat` runs is kept.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# What a start-up is measured against, and the commands measured.
BASELINE = "python -c pass"
# The target for each command, in CPU seconds.
TARGET_SECONDS = 0.3


@dataclass(frozen=True)
class StartupRow:
    """One command's best CPU time, and that time over the bare interpreter's."""

    command: str
    cpu_seconds: float
    ratio: float

    def to_json(self) -> dict[str, str | float]:
        return {"command": self.command, "cpu_seconds": self.cpu_seconds, "ratio": self.ratio}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _best_cpu(argv: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        before = _children_cpu()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        best = min(best, _children_cpu() - before)
    return best


def measure_startup(store: Path, document: str, repeat: int = 5) -> list[StartupRow]:
    """CPU seconds (best of `repeat`) of the interpreter alone, `kg --version` and
    `kg cites DOCUMENT` on `store`, each with its ratio to the interpreter alone."""
    kg = [sys.executable, "-m", "kg"]
    commands = {
        BASELINE: [sys.executable, "-c", "pass"],
        "kg --version": [*kg, "--version"],
        f"kg cites {document}": [*kg, "cites", document, "--store", str(store)],
    }
    times = {label: _best_cpu(argv, repeat) for label, argv in commands.items()}
    floor = times[BASELINE] or float("inf")
    return [StartupRow(label, seconds, seconds / floor) for label, seconds in times.items()]
