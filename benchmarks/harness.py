"""Timing and memory helpers: latency percentiles, wall time, and peak memory of a clean process.

Peak resident memory is a process-lifetime high-water mark (``ru_maxrss``) that cannot be reset,
so a figure that must not include what ran before it (ingest, loading a store) runs in a fresh
spawned process and reports that process's own peak. What a call made in this process leaves it
holding is measured as the growth of its current resident memory instead.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
import os
import resource
import signal
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Latency:
    """Per-call latency over many inputs, in milliseconds."""

    median_ms: float
    p95_ms: float
    calls: int


@dataclass(frozen=True)
class Measured:
    """A result with the wall time it took and the peak memory of the process that made it."""

    result: Any
    seconds: float
    peak_mb: float
    worker_peak_mb: float = 0.0  # the largest of the worker processes it started and ended


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def latency(call: Callable[[T], object], inputs: Sequence[T], *, warmup: int = 1) -> Latency:
    """Time `call` once per input (after `warmup` untimed calls on the first inputs)."""
    for item in inputs[:warmup]:
        call(item)
    timings = []
    for item in inputs:
        start = time.perf_counter()
        call(item)
        timings.append((time.perf_counter() - start) * 1000)
    return Latency(statistics.median(timings), percentile(timings, 95), len(timings))


def timed(call: Callable[[], R]) -> tuple[R, float]:
    """Result of `call` and its wall time in seconds."""
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """High-water resident memory of this process so far (or of its largest ended child), MB."""
    peak = resource.getrusage(who).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _measure_in_child(call: Callable[..., Any], args: tuple[Any, ...], sink: Connection) -> None:
    # Its own process group, so that stopping it also stops the workers it started.
    os.setpgrp()
    start = time.perf_counter()
    result = call(*args)
    seconds = time.perf_counter() - start
    sink.send(Measured(result, seconds, peak_rss_mb(), peak_rss_mb(resource.RUSAGE_CHILDREN)))
    sink.close()


def isolated(call: Callable[..., Any], *args: Any, timeout: float | None = None) -> Measured:
    """Run a module-level function in a fresh process: its result, wall time and peak memory.

    The time is measured inside the child, so interpreter start-up is not counted; the peak
    memory includes the interpreter and the imports the call needs, as a user's process would.
    Past `timeout` seconds the child is stopped and TimeoutError raised.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sink = context.Pipe(duplex=False)
    # Not a daemon: the call may start its own worker processes (ingest does).
    child = context.Process(target=_measure_in_child, args=(call, args, sink))
    child.start()
    sink.close()
    try:
        if not receiver.poll(timeout):
            raise TimeoutError(f"{getattr(call, '__name__', call)} ran past {timeout:.0f} s")
        measured: Measured = receiver.recv()
    except EOFError as err:
        raise RuntimeError(f"{getattr(call, '__name__', call)} failed in its process") from err
    finally:
        if child.is_alive() and child.pid is not None:
            try:
                os.killpg(child.pid, signal.SIGTERM)
            except ProcessLookupError:
                # Stopped before it made its process group (a busy machine): it has started
                # nothing of its own yet.
                child.kill()
        child.join()
        receiver.close()
    return measured


def resident_mb() -> float:
    """Resident memory of this process now, MB (where /proc is missing: its high-water mark,
    so that a growth measured with it is never under-stated)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except OSError:
        return peak_rss_mb()
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def resident_growth_mb(call: Callable[[], R]) -> tuple[R, float]:
    """Result of `call` and how much more resident memory this process holds after it, in MB.

    The memory an in-memory baseline needs for its data. tracemalloc would count the same
    objects but slows allocation-heavy code several-fold: building the networkx floor of
    1.3 M edges took 90 s under it instead of about 40.
    """
    gc.collect()
    before = resident_mb()
    result = call()
    gc.collect()
    return result, max(0.0, resident_mb() - before)
