"""Named SPARQL queries shipped as ``*.rq`` files, and the typed answers built on them.

A query file declares its parameters in header comments (``# param: name  description``); callers
pass values that are bound to those variables by the store, never formatted into the text. A query
may say where a parameter's values go with an empty ``VALUES ?name {}``: the query optimiser needs
some VALUES blocks inside a group (``GRAPH ?g { VALUES ?doc {} ... }``), and such a parameter can
be given many values at once (`run_named_many`), one query standing for many. An empty
``?name IN ()`` or ``?name NOT IN ()`` takes a parameter's values as its list: a filter on a
variable is evaluated row by row, where Oxigraph joins a second VALUES block badly.

Queries that do not depend on each other (the batches of one question, the counts of `kg stats`)
are asked on several threads at once (`concurrently`): both stores answer in parallel.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from typing import TypeVar

import pyoxigraph as ox

from kg.errors import QueryError
from kg.identity import registry_graph_iri
from kg.store import GraphStore, QueryResult, SelectResult, Term

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*(.*)$", re.MULTILINE)
# An empty ``VALUES ?name {}`` or ``VALUES (?a ?b) {}``: where parameters' values go.
_PLACEHOLDER = re.compile(r"\bVALUES\s+(\?\w+|\((?:\s*\?\w+)+\s*\))\s*\{\s*\}", re.IGNORECASE)
# An empty ``?name IN ()`` or ``?name NOT IN ()``: where a parameter's values are listed.
_LIST_PLACEHOLDER = re.compile(r"\?(\w+)(\s+(?:NOT\s+)?IN\s*)\(\s*\)", re.IGNORECASE)
# Values per query in `run_named_many`: hundreds of IRIs cost Oxigraph little more than one, and a
# request to a SPARQL server stays a few tens of kilobytes.
BATCH_SIZE = 200


def usable_cores() -> int:
    """Cores this process may run on: its affinity mask where the system has one (a container
    limited to 2 cores of a larger host)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# Queries asked at once by `concurrently`: one per core this process may use, and no more than a
# few, to stay a light client of a shared SPARQL server. pyoxigraph evaluates a query without
# holding the interpreter lock and a server answers each request on its own thread: on 2 cores,
# the 60 batches of summaries of a 12,000-document trace took 5.9 s one after another, 3.4 s two
# at a time.
QUERY_THREADS = min(4, usable_cores())

T = TypeVar("T")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    params: dict[str, str]


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every query shipped in this package, by file name without ``.rq``."""
    out: dict[str, NamedQuery] = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        params = {m.group(1): m.group(2).strip() for m in _PARAM.finditer(text)}
        description = _description(text)
        name = entry.name[: -len(".rq")]
        out[name] = NamedQuery(name, text, description, params)
    return out


def _description(text: str) -> str:
    """The query's first sentence: the header comment up to the first line ending a sentence
    (what follows is how the query was made fast, for whoever edits it)."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.startswith("#") or _PARAM.match(line):
            break
        lines.append(line.lstrip("#").strip())
        if lines[-1].endswith("."):
            break
    return " ".join(lines)


def named_query(name: str) -> NamedQuery:
    try:
        return named_queries()[name]
    except KeyError:
        known = ", ".join(sorted(named_queries()))
        raise QueryError(f"no named query {name!r}; known: {known}") from None


def parse_param(value: str) -> Term:
    """A command-line parameter value as an RDF term: <iri> or http(s) IRI, else a plain string."""
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    if re.match(r"^https?://\S+$", value):
        return ox.NamedNode(value)
    return ox.Literal(value)


def _known_values() -> dict[str, Term]:
    """Parameters whose value kg knows: a query that declares one gets it unless given."""
    return {"registry": ox.NamedNode(registry_graph_iri())}


def run_named(store: GraphStore, name: str, params: dict[str, Term] | None = None) -> QueryResult:
    """Run a shipped query with its declared parameters bound."""
    query = named_query(name)
    known = {k: v for k, v in _known_values().items() if k in query.params}
    params = known | (params or {})
    unknown = set(params) - set(query.params)
    if unknown:
        raise QueryError(f"query {name!r} has no parameter {', '.join(sorted(unknown))}")
    missing = set(query.params) - set(params)
    if missing:
        raise QueryError(f"query {name!r} needs --param {', '.join(sorted(missing))}=...")
    places = _placeholders(query.text) | _list_placeholders(query.text)
    placed = {k: [v] for k, v in params.items() if k in places}
    rest = {k: v for k, v in params.items() if k not in placed}
    return store.query(fill_values(query.text, placed), rest)


def run_named_many(
    store: GraphStore,
    name: str,
    variable: str,
    terms: Iterable[Term],
    lists: Mapping[str, Sequence[Term]] | None = None,
) -> list[dict[str, Term]]:
    """The rows of a shipped SELECT for many values of its one parameter, `BATCH_SIZE` a query.

    The query must place the parameter with an empty ``VALUES ?variable {}`` and select it, so
    each row says which value it answers. Repeated values are asked once. `lists` gives the
    query's ``?name IN ()`` parameters, the same in every batch.
    """
    query = named_query(name)
    known = {k: [v] for k, v in _known_values().items() if k in query.params}
    fixed = {**known, **(lists or {})}
    if (
        set(query.params) - set(fixed) != {variable}
        or variable not in _placeholders(query.text)
        or not set(lists or {}) <= _list_placeholders(query.text)
    ):
        raise QueryError(f"query {name!r} does not take many values of {variable!r}")
    unique = list(dict.fromkeys(terms))
    texts = [
        fill_values(query.text, {**fixed, variable: unique[start : start + BATCH_SIZE]})
        for start in range(0, len(unique), BATCH_SIZE)
    ]
    rows: list[dict[str, Term]] = []
    for result in concurrently([partial(store.query, text) for text in texts]):
        assert isinstance(result, SelectResult)
        rows += result.rows
    return rows


def concurrently(calls: Sequence[Callable[[], T]]) -> list[T]:
    """The results of independent calls (queries to one store), in the order given, made on up to
    `QUERY_THREADS` threads at once. The first call to fail raises its error."""
    if len(calls) <= 1 or QUERY_THREADS == 1:
        return [call() for call in calls]
    workers = min(QUERY_THREADS, len(calls))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kg-query") as pool:
        return list(pool.map(lambda call: call(), calls))


def _placeholder_names(match: re.Match[str]) -> list[str]:
    return re.findall(r"\?(\w+)", match.group(1))


def _placeholders(sparql: str) -> set[str]:
    return {name for m in _PLACEHOLDER.finditer(sparql) for name in _placeholder_names(m)}


def _list_placeholders(sparql: str) -> set[str]:
    return {m.group(1) for m in _LIST_PLACEHOLDER.finditer(sparql)}


def fill_values(sparql: str, values: Mapping[str, Sequence[Term]]) -> str:
    """Fill each empty ``VALUES ?name {}`` of `values` with its rows; a ``VALUES (?a ?b) {}``
    takes the n-th value of each of its names as its n-th row. An empty ``?name IN ()`` (or
    ``NOT IN``) lists the values of `name`; given none, ``IN`` is false and ``NOT IN`` true.

    As in `kg.store.bind_values`, the rows are RDF terms serialised by pyoxigraph (N-Triples
    syntax, escaped), so user input is never spliced into the query as syntax.
    """
    for name, terms in values.items():
        if not all(isinstance(t, ox.NamedNode | ox.Literal) for t in terms):
            raise QueryError(f"VALUES ?{name} takes IRIs and literals only")

    def fill(match: re.Match[str]) -> str:
        names = _placeholder_names(match)
        if not all(name in values for name in names):
            return match.group(0)
        if len(names) == 1:
            return f"VALUES ?{names[0]} {{ {' '.join(str(t) for t in values[names[0]])} }}"
        columns = [values[name] for name in names]
        if len({len(column) for column in columns}) != 1:
            raise QueryError(f"VALUES ({' '.join(names)}) needs as many values of each")
        rows = " ".join(f"({' '.join(str(t) for t in row)})" for row in zip(*columns, strict=True))
        return f"VALUES ({' '.join('?' + name for name in names)}) {{ {rows} }}"

    def fill_list(match: re.Match[str]) -> str:
        name, operator = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        if not values[name]:  # Oxigraph 0.5 makes ``IN ()`` an error: the filter drops every row
            return "true" if "NOT" in operator.upper() else "false"
        return f"?{name}{operator}({', '.join(str(t) for t in values[name])})"

    return _LIST_PLACEHOLDER.sub(fill_list, _PLACEHOLDER.sub(fill, sparql))
