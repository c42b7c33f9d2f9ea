"""Names imported on first use: package attributes (PEP 562) and modules.

A package that re-exports its modules' names would import every one of them as soon as any one
is asked for: `kg cites` would pay for the extractor's patterns, SHACL and the PDF reader that
it never calls. A package lists its exports here instead, and each is imported when first read;
a module that needs another only in some of its functions names it by `lazy_module`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from types import ModuleType
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


class LazyModule(ModuleType):
    """A module imported when one of its attributes is first read.

    A module that calls another's functions only in some of its methods names it at the top
    (``task_queries = lazy_module("kg.queries.tasks")``, then ``task_queries.plan_tasks(...)``
    in the method) instead of importing it there: the name reads like an imported module, and
    the import is paid by the call that needs it. Every read goes to the module itself, so a
    test that patches one of its attributes is seen."""

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attribute)


def lazy_module(name: str) -> Any:
    """The module `name` (see `LazyModule`); type-checked code names it under ``TYPE_CHECKING``
    by a plain import, so that its attributes keep their types."""
    return LazyModule(name)
