"""A small triple collector over pyoxigraph terms, shared by the graph builders.

It drops statements whose object is missing (a field the text did not state), removes
duplicates, and returns quads in a sorted order, so the same input always gives the same
quads and exports diff cleanly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from kg.namespaces import XSD

Object = NamedNode | Literal


# Datatype IRIs built once: a NamedNode validates its IRI every time it is made.
_DATE = NamedNode(XSD + "date")
_DATE_TIME = NamedNode(XSD + "dateTime")
_INTEGER = NamedNode(XSD + "integer")
_BOOLEAN = NamedNode(XSD + "boolean")
_DECIMAL = NamedNode(XSD + "decimal")
_TRUE = Literal("true", datatype=_BOOLEAN)
_FALSE = Literal("false", datatype=_BOOLEAN)

# The N-Triples form of literals every graph repeats (levels, reasons, confidences, kinds) is
# written once per process; long ones (sentences, titles) rarely repeat and are left out, so
# the memory stays small.
_REMEMBERED_LENGTH = 100
_REMEMBERED_TERMS = 8192
# Object -> its N-Triples form, for short objects (see `_written`).
_WRITTEN: dict[Object, str] = {}


def date_literal(value: str | None) -> Literal | None:
    """An xsd:date, or None when the value is missing or not a real calendar date."""
    if not value:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=_DATE)


def date_time(value: str | None) -> Literal | None:
    """An xsd:dateTime of an ISO moment with its zone, in UTC and in the canonical form the store
    gives back (no trailing zeros in the fraction of a second), or None when missing."""
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    fraction = f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else ""
    return Literal(f"{moment:%Y-%m-%dT%H:%M:%S}{fraction}Z", datatype=_DATE_TIME)


def text(value: str | None, language: str | None = None) -> Literal | None:
    """A string literal (with a language tag when given); None for missing or blank text."""
    if value is None or not value.strip():
        return None
    return Literal(value, language=language) if language else Literal(value)


def integer(value: int | None) -> Literal | None:
    if value is None:
        return None
    return Literal(str(value), datatype=_INTEGER)


def boolean(value: bool) -> Literal:
    return _TRUE if value else _FALSE


def decimal(value: Decimal) -> Literal:
    return Literal(str(value), datatype=_DECIMAL)


def _written(obj: Object) -> str:
    """The N-Triples form of `obj`, remembered when short (emptied when full)."""
    written = str(obj)
    if len(written) <= _REMEMBERED_LENGTH:
        if len(_WRITTEN) >= _REMEMBERED_TERMS:
            _WRITTEN.clear()
        _WRITTEN[obj] = written
    return written


class Triples:
    """Statements for one named graph.

    A graph builder states the same subjects and predicates hundreds of times, and often the
    same statement twice, so statements are kept as strings keyed by their sort order and
    become pyoxigraph terms once, each distinct IRI once. An IRI's N-Triples form is the IRI in
    angle brackets; a literal's is pyoxigraph's, remembered for the short ones.
    """

    def __init__(self, graph: str) -> None:
        self.graph = NamedNode(graph)
        self._nodes = _NamedNodes()
        # (subject, predicate, object in N-Triples syntax) -> object; the key is the sort key.
        self._statements: dict[tuple[str, str, str], Object] = {}

    def add(self, subject: str, predicate: str, obj: Object | str | None) -> None:
        """Add one statement; a `str` object is an IRI, None (not stated) is skipped."""
        if obj is None:
            return
        if isinstance(obj, str):
            key = (subject, predicate, f"<{obj}>")
            if key not in self._statements:
                self._statements[key] = self._nodes[obj]
        else:
            written = _WRITTEN.get(obj) or _written(obj)
            self._statements.setdefault((subject, predicate, written), obj)

    def statements(self) -> Iterator[tuple[str, str, Object]]:
        """(subject IRI, predicate IRI, object) of each distinct statement, unordered."""
        for (subject, predicate, _), obj in self._statements.items():
            yield subject, predicate, obj

    def nquads(self, apart: str = "") -> tuple[str, str]:
        """The distinct statements as N-Quads text, unordered, for a bulk load: those whose
        predicate is not `apart`, and those whose predicate is (a bulk load can load them last).

        Written without making a Quad per statement (a third of the time it takes to build a
        document's graph), as one text per graph rather than a line per statement. Every IRI
        is still checked once, as a NamedNode.
        """
        nodes, graph, statements = self._nodes, str(self.graph), self._statements
        for subject, predicate, _ in statements:
            nodes[subject], nodes[predicate]  # checked (each distinct IRI once)
        kept = [f"<{s}> <{p}> {o} {graph} .\n" for s, p, o in statements if p != apart]
        held = [f"<{s}> <{p}> {o} {graph} .\n" for s, p, o in statements if p == apart]
        return "".join(kept), "".join(held)

    def quads(self) -> list[Quad]:
        """The distinct statements, sorted by subject, predicate and object as N-Triples."""
        nodes, graph, statements = self._nodes, self.graph, self._statements
        # Keys are distinct, so sorting the items never compares two objects.
        return [
            Quad(nodes[subject], nodes[predicate], obj, graph)
            for (subject, predicate, _), obj in sorted(statements.items())
        ]


class _NamedNodes(dict[str, NamedNode]):
    """IRI -> NamedNode, each made on first use (a plain subscript: no method call per hit)."""

    def __missing__(self, iri: str) -> NamedNode:
        node = self[iri] = NamedNode(iri)
        return node
