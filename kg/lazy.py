"""Package attributes imported on first use (PEP 562).

A package that re-exports its modules' names would import every one of them as soon as any one
is asked for: `kg cites` would pay for the extractor's patterns, SHACL and the PDF reader that
it never calls. A package lists its exports here instead, and each is imported when first read.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of `package`: each name in `exports` is read on first use from
    the module it maps to ("kg.ingest", or "kg.ingest:IngestReport" where the module calls it
    otherwise), then kept on the package, so later reads cost nothing."""

    def __getattr__(name: str) -> Any:
        source = exports.get(name)
        if source is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = source.partition(":")
        value = getattr(importlib.import_module(module), attribute or name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
