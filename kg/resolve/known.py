"""Documents the graph already holds, as resolution asks for them (the store implements it).

Kept apart from the resolver so that naming the document being read can consult them too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kg.identity import DocumentId


@dataclass(frozen=True)
class KnownDocument:
    """A document the graph already holds, as the store reports it."""

    iri: str
    kind: str
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    term: str | None = None
    title: str | None = None

    @property
    def id(self) -> DocumentId | None:
        """Its identity, when the IRI is one this package mints (None for any other)."""
        return DocumentId.parse(self.iri)


class KnownDocuments(Protocol):
    """Documents already in the graph, looked up the way the registry is."""

    def lookup(self, kind: str, number: str | None, symbol: str | None) -> list[KnownDocument]:
        """Documents with this symbol, or with this kind and number when there is none."""
        ...


def known_ids(documents: Iterable[KnownDocument]) -> list[DocumentId]:
    """The identities of known documents (IRIs minted elsewhere are left out)."""
    return [doc.id for doc in documents if doc.id is not None]
