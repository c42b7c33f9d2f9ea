"""Named SPARQL queries shipped as ``*.rq`` files, and the typed answers built on them.

A query file declares its parameters in header comments (``# param: name  description``); callers
pass values that are bound to those variables by the store, never formatted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox

from kg.errors import QueryError
from kg.store import GraphStore, QueryResult, Term

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*(.*)$", re.MULTILINE)


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
        first = text.splitlines()[0] if text else ""
        description = first.lstrip("# ").strip() if first.startswith("#") else ""
        params = {m.group(1): m.group(2).strip() for m in _PARAM.finditer(text)}
        name = entry.name[: -len(".rq")]
        out[name] = NamedQuery(name, text, description, params)
    return out


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


def run_named(store: GraphStore, name: str, params: dict[str, Term] | None = None) -> QueryResult:
    """Run a shipped query with its declared parameters bound."""
    query = named_query(name)
    params = params or {}
    unknown = set(params) - set(query.params)
    if unknown:
        raise QueryError(f"query {name!r} has no parameter {', '.join(sorted(unknown))}")
    missing = set(query.params) - set(params)
    if missing:
        raise QueryError(f"query {name!r} needs --param {', '.join(sorted(missing))}=...")
    return store.query(query.text, params)
