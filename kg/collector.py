"""The cyclic garbage collector paused while an answer builds many objects that form no cycles.

CPython's collector makes a pass every few hundred new container objects, and as they survive,
passes over the older ones too, each time over everything still alive. A trace of a central
document builds 59,000 summaries and 297,000 links with their tuples and dicts, all alive until
it returns: a third of its time went to those passes, which freed nothing. Paused, reference
counting still frees what is dropped; a cycle made meanwhile waits for the first pass after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector within (where it runs: a caller may have paused it already,
    or another thread, whose pause this one then leaves to it)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
