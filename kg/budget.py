"""A time and memory budget for one file's work, so one pathological file cannot stall a run.

A run of 100,000 files must not wait an hour on one page of broken markup, nor die because one
document's work outgrew the machine. While a file is worked on, a timer interrupts the process
a few times a second; the handler compares the elapsed time and the growth of resident memory
with the budget and, past either, raises :class:`BudgetExceeded` in the middle of the work. The
caller turns it into one line naming the file, and the run goes on.

The check runs in the main thread of the process doing the work (a pool worker or the main
process), where POSIX signals are delivered; elsewhere (another thread, a system without
``setitimer``) the work runs without a budget. A long call into C code (one regular expression
over a huge string) is interrupted when it returns.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

MB = 1024 * 1024
# How often the budget is checked: often enough to stop within a fraction of a second of the
# limit, rarely enough that the check costs nothing measurable.
TICK_SECONDS = 0.1


@dataclass(frozen=True)
class FileBudget:
    """Limits on one file's work in one process; None for no limit.

    The defaults are generous: a 50 MB plan (the default size limit) reads, extracts and
    resolves well within them, and only pathological input reaches them.
    """

    seconds: float | None = 600.0
    memory_mb: int | None = 4096

    @property
    def unlimited(self) -> bool:
        return self.seconds is None and self.memory_mb is None


# The budget of every ingest that names none.
DEFAULT_BUDGET = FileBudget()


class BudgetExceeded(BaseException):
    """A file's work went past its budget (raised asynchronously, from the timer).

    A BaseException, like KeyboardInterrupt, so that readers and libraries that turn every
    ``Exception`` of a damaged file into a warning cannot swallow it and carry on.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def resident_bytes() -> int:
    """Resident memory of this process now (Linux), or its peak so far elsewhere."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        # ru_maxrss is in kilobytes on Linux and in bytes on macOS; a peak only ever grows, so
        # growth past the budget is still seen, later.
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def file_budget(path: str, budget: FileBudget) -> Iterator[None]:
    """Run the body under `budget`; past it, raise BudgetExceeded naming `path`."""
    if budget.unlimited or not _can_interrupt():
        yield
        return
    started = time.monotonic()
    memory_at_start = resident_bytes()

    def check(_signal: int, _frame: FrameType | None) -> None:
        problem = None
        if budget.seconds is not None and time.monotonic() - started > budget.seconds:
            problem = f"gave up after {budget.seconds:g} s of work; raise --max-seconds"
        elif (
            budget.memory_mb is not None
            and resident_bytes() - memory_at_start > budget.memory_mb * MB
        ):
            problem = f"needed more than {budget.memory_mb} MB of memory; raise --max-memory"
        if problem is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)  # once: the caller is unwinding
            raise BudgetExceeded(path, problem)

    previous = signal.signal(signal.SIGALRM, check)
    # Restart system calls the tick interrupts rather than fail them (sockets, SQLite, pipes).
    signal.siginterrupt(signal.SIGALRM, False)
    signal.setitimer(signal.ITIMER_REAL, TICK_SECONDS, TICK_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
