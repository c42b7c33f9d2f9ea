"""The documents a store already holds, offered to identity resolution (`kg.resolve`).

Resolution asks by symbol, or by kind and number; the answer carries what the graph knows of each
candidate (date, term, title) so that a mention in a new file can join the right identity.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from kg.queries.documents import CACHE_LIMIT, DocumentCatalog
from kg.resolve import KnownDocument
from kg.store import GraphStore


class CachedKnownDocuments(ABC):
    """`kg.resolve.KnownDocuments` whose answers are kept for the run (bounded): a corpus asks
    about the same few central documents over and over."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str | None, str | None], list[KnownDocument]] = {}

    def lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
        key = (kind, number, symbol)
        if key not in self._cache:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = self._lookup(kind, number, symbol)
        return self._cache[key]

    @abstractmethod
    def _lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
        """The answer itself, when it is not cached."""


class StoreKnownDocuments(CachedKnownDocuments):
    """Documents known to a store."""

    def __init__(self, store: GraphStore) -> None:
        super().__init__()
        self.catalog = DocumentCatalog(store)

    def _lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
        if symbol:
            iris = self.catalog.by_symbol(symbol)
        elif number:
            iris = self.catalog.by_number(kind, number)
        else:
            return []
        known = []
        for iri in iris:
            summary = self.catalog.summary(iri)
            known.append(
                KnownDocument(
                    iri=summary.iri,
                    kind=summary.kind or kind,
                    number=summary.number,
                    symbol=summary.symbol,
                    date=summary.date,
                    term=summary.term,
                    title=summary.title,
                )
            )
        return known
