"""Extraction: every reference to another document in a Vietnamese Party or state text.

:func:`extract` (in :mod:`kg.extract.extractor`) turns a text into an
:class:`~kg.extract.model.Extraction` shaped like the JSON contract. The package imports it on
first use, so a reader of the model alone (the queries, the graph) does not compile the
extractor's patterns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.lazy import lazy_exports

if TYPE_CHECKING:
    from kg.extract.extractor import extract

__all__ = ["extract"]

__getattr__ = lazy_exports(__name__, {"extract": "kg.extract.extractor"})
