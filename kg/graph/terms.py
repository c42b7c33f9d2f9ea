"""A small triple collector over pyoxigraph terms, shared by the graph builders.

It drops statements whose object is missing (a field the text did not state), removes
duplicates, and returns quads in a sorted order, so the same input always gives the same
quads and exports diff cleanly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from kg.namespaces import XSD

Object = NamedNode | Literal


def date_literal(value: str | None) -> Literal | None:
    """An xsd:date, or None when the value is missing or not a real calendar date."""
    if not value:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=NamedNode(XSD + "date"))


def text(value: str | None, language: str | None = None) -> Literal | None:
    """A string literal (with a language tag when given); None for missing or blank text."""
    if value is None or not value.strip():
        return None
    return Literal(value, language=language) if language else Literal(value)


def integer(value: int | None) -> Literal | None:
    if value is None:
        return None
    return Literal(str(value), datatype=NamedNode(XSD + "integer"))


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))


def decimal(value: Decimal) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + "decimal"))


class Triples:
    """Statements for one named graph."""

    def __init__(self, graph: str) -> None:
        self.graph = NamedNode(graph)
        self._seen: set[tuple[str, str, Object]] = set()

    def add(self, subject: str, predicate: str, obj: Object | str | None) -> None:
        """Add one statement; a `str` object is an IRI, None (not stated) is skipped."""
        if obj is None:
            return
        self._seen.add((subject, predicate, NamedNode(obj) if isinstance(obj, str) else obj))

    def quads(self) -> list[Quad]:
        ordered = sorted(self._seen, key=lambda t: (t[0], t[1], str(t[2])))
        return [Quad(NamedNode(s), NamedNode(p), o, self.graph) for s, p, o in ordered]
