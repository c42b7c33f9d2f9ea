"""The GraphStore protocol: what ingest, queries and export need from any RDF store.

Two implementations exist: the embedded on-disk Oxigraph store (default) and any SPARQL 1.1 server
reached over the standard protocol. Nothing outside :mod:`kg.store` knows which one it talks to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg.errors import QueryError

# Values a query row holds; RDF-star triples (never produced by our data) are given as literals.
Term = ox.NamedNode | ox.BlankNode | ox.Literal


# The classes of Term as a tuple: an `A | B | C` union written in the check would be built
# anew for every value of every row.
TERM_TYPES = (ox.NamedNode, ox.BlankNode, ox.Literal)


def as_term(value: object) -> Term:
    """A row value as a Term (quoted triples become their N-Triples text)."""
    if isinstance(value, TERM_TYPES):
        return value
    return ox.Literal(str(value))


@dataclass
class SelectResult:
    """Rows of a SELECT query; unbound variables are absent from a row."""

    variables: list[str]
    rows: list[dict[str, Term]] = field(default_factory=list)

    def values(self, variable: str) -> list[Term]:
        return [row[variable] for row in self.rows if variable in row]


QueryResult = SelectResult | bool | list[ox.Triple]


def query_result(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    """A pyoxigraph answer, from the embedded store or parsed from a server's response, as rows.

    Rows are read by position and only values that are not terms converted: answers of thousands
    of rows (a trace's citations) spent a fifth of their time building rows by name.
    """
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        columns = list(enumerate(variables))
        rows = [
            {
                name: value if type(value) in TERM_TYPES else as_term(value)
                for index, name in columns
                if (value := solution[index]) is not None
            }
            for solution in result
        ]
        return SelectResult(variables, rows)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return list(result)


class GraphStore(Protocol):
    """A quad store with SPARQL. Queries see the union of all named graphs as the default graph."""

    location: str

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a SPARQL query; `bindings` are bound to variables, never formatted into the text."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL update in one transaction."""
        ...

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Atomically replace the named graph `graph` with `quads` (all or nothing)."""
        ...

    def remove_graph(self, graph: str) -> bool:
        """Drop the named graph; False when it did not exist."""
        ...

    def graphs(self) -> list[str]:
        """IRIs of the named graphs."""
        ...

    def quad_count(self, graph: str | None = None) -> int:
        """Number of quads in the store, or in one named graph."""
        ...

    def dump(self, fmt: ox.RdfFormat, graph: str | None = None) -> bytes:
        """Serialise the store (dataset formats) or one graph (any format)."""
        ...

    def bulk_load(self, files: Sequence[Path], fmt: ox.RdfFormat) -> None:
        """Load files of serialised quads fast, in order (the shards of a bulk ingest).

        Not transactional: a failure part way leaves part of the data loaded. The files are
        trusted to be well formed (kg writes them): a store may skip checking their IRIs.
        """
        ...

    def compact(self) -> None:
        """Reclaim space after many writes (the embedded store compacts; a server manages its
        own storage)."""
        ...

    def close(self) -> None: ...


def serialize_quads(quads: Iterable[ox.Quad]) -> str:
    """N-Quads text of `quads`, for INSERT DATA blocks and protocol uploads."""
    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def replace_graph_update(graph: str, quads: Iterable[ox.Quad]) -> str:
    """One SPARQL update that drops a graph and inserts its new content.

    Both Oxigraph and SPARQL servers execute one update request as one transaction, so a process
    killed mid-ingest leaves either the old graph or the new one, never half of it.
    """
    target = ox.NamedNode(graph)
    triples = (
        ox.serialize(
            (ox.Triple(q.subject, q.predicate, q.object) for q in quads),
            format=ox.RdfFormat.N_TRIPLES,
        )
        or b""
    ).decode("utf-8")
    return f"DROP SILENT GRAPH {target} ;\nINSERT DATA {{ GRAPH {target} {{\n{triples}}} }}"


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)
_FORM = re.compile(r"\b(SELECT|ASK|DESCRIBE)\b[^{]*\{", re.IGNORECASE)


def bind_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    """Bind variables by opening the query's WHERE group with a VALUES block (SPARQL 1.1 §10.2).

    The values are RDF terms serialised by pyoxigraph (N-Triples syntax, escaped), so user input
    is never spliced into the query as syntax; the query's own text is not changed otherwise.
    Works the same on the embedded store and on any SPARQL server. As in SPARQL itself, a
    variable inside a sub-SELECT is not bound by the outer VALUES: parameters belong in the
    outer group.
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    # Comments may mention WHERE; blank them out (same length) before looking for the group.
    searchable = _COMMENT.sub(lambda m: " " * len(m.group(0)), sparql)
    match = _WHERE.search(searchable) or _FORM.search(searchable)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return sparql[: match.end()] + block + sparql[match.end() :]
