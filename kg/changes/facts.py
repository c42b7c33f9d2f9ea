"""What counts as a change of a file's graph: its document's identity facts and its relation edges.

A file's named graph holds thousands of statements (citations, their evidence and selectors), most
of which move whenever the text moves; a reader of "what changed" wants the few that say something
about documents: the identity facts of the file's own document (symbol, date, kind, issuer,
province, title) and every ``document -> relation -> document`` edge the file states. Those are
read from the quads a write is about to store (no query), and from a graph already in the store
(one query per batch of graphs) to compare with.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg.namespaces import ELI, PROV, RDF, RELATION_PROPERTIES, VK
from kg.store import GraphStore, SelectResult

# The identity facts of a file's own document, by the name a report gives them.
IDENTITY_FACTS: dict[str, str] = {
    VK + "symbol": "symbol",
    ELI + "date_document": "date",
    ELI + "type_document": "kind",
    VK + "issuerName": "issuer",
    ELI + "passed_by": "issuing_body",
    VK + "province": "province",
    ELI + "title": "title",
}
# Relation edges, by the relation's name ("implements" for eli:ensures_implementation_of).
RELATION_FACTS: dict[str, str] = {iri: name for name, iri in RELATION_PROPERTIES.items()}
# Facts whose value is an IRI (a document, a body, a place, a kind concept).
IRI_FACTS = frozenset({"kind", "issuing_body", "province", *RELATION_FACTS.values()})

_DERIVED = PROV + "wasDerivedFrom"
_TYPE = RDF + "type"
_DOCUMENT = VK + "Document"
_FINGERPRINT = VK + "sha256"
# Graphs per query when reading what the store holds (see `stored_facts`).
GRAPHS_PER_QUERY = 100


@dataclass(frozen=True, order=True)
class Fact:
    """One fact of a file's graph: `subject` (a document IRI) has `name` = `value` (a literal's
    text, or an IRI for `IRI_FACTS`), `name` being an identity fact or a relation."""

    subject: str
    name: str
    value: str

    @property
    def is_edge(self) -> bool:
        return self.name in RELATION_FACTS.values()


@dataclass(frozen=True)
class StoredGraph:
    """What the store holds of one file's graph: whether it is complete (its fingerprint is in:
    a stopped bulk load can leave a graph without one) and its facts."""

    complete: bool
    facts: frozenset[Fact]


Statement = tuple[str, str, ox.NamedNode | ox.Literal | ox.BlankNode]


def facts_of(statements: Iterable[Statement]) -> frozenset[Fact]:
    """The facts among one file's statements (subject IRI, predicate IRI, object)."""
    edges: set[Fact] = set()
    identity: list[Fact] = []
    derived: set[str] = set()
    documents: set[str] = set()
    for subject, predicate, obj in statements:
        if predicate in RELATION_FACTS:
            edges.add(Fact(subject, RELATION_FACTS[predicate], obj.value))
        elif predicate in IDENTITY_FACTS:
            identity.append(Fact(subject, IDENTITY_FACTS[predicate], obj.value))
        elif predicate == _DERIVED:
            derived.add(subject)  # citations are derived from the file too: see the type
        elif predicate == _TYPE and obj.value == _DOCUMENT:
            documents.add(subject)
    own = derived & documents
    return frozenset(edges.union(fact for fact in identity if fact.subject in own))


def _values(predicates: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in predicates)


# The facts of each graph asked for, and its fingerprint: the identity facts of the graph's own
# document (typed, and derived from the graph's source file) and every relation edge in it.
_STORED_FACTS = f"""
SELECT ?g ?s ?p ?o WHERE {{
  VALUES ?g {{}}
  GRAPH ?g {{
    {{ VALUES ?p {{ {_values(RELATION_FACTS)} }} ?s ?p ?o }}
    UNION
    {{
      ?s <{_DERIVED}> ?src . ?src a <{VK}SourceFile> . ?s a <{_DOCUMENT}> .
      VALUES ?p {{ {_values(IDENTITY_FACTS)} }} ?s ?p ?o
    }}
    UNION
    {{ ?s <{_FINGERPRINT}> ?o . BIND(<{_FINGERPRINT}> AS ?p) }}
  }}
}}
"""


_OWN_DOCUMENTS = f"""
SELECT DISTINCT ?g ?s WHERE {{
  VALUES ?g {{}}
  GRAPH ?g {{ ?s <{_DERIVED}> ?src . ?src a <{VK}SourceFile> . ?s a <{_DOCUMENT}> }}
}}
"""


def own_documents(store: GraphStore, graphs: Sequence[str]) -> dict[str, set[str]]:
    """The documents each of `graphs` was read as (its file's own documents), for those the
    store holds: what a report names a file by when none of their facts changed."""
    found: dict[str, set[str]] = {}
    for start in range(0, len(graphs), GRAPHS_PER_QUERY):
        batch = " ".join(str(ox.NamedNode(g)) for g in graphs[start : start + GRAPHS_PER_QUERY])
        result = store.query(_OWN_DOCUMENTS.replace("VALUES ?g {}", f"VALUES ?g {{ {batch} }}"))
        assert isinstance(result, SelectResult)
        for row in result.rows:
            found.setdefault(row["g"].value, set()).add(row["s"].value)
    return found


def stored_facts(store: GraphStore, graphs: Sequence[str]) -> dict[str, StoredGraph]:
    """What the store holds of each of `graphs` that it holds at all, a batch of graphs a query."""
    found: dict[str, tuple[bool, set[Fact]]] = {}
    for start in range(0, len(graphs), GRAPHS_PER_QUERY):
        batch = " ".join(str(ox.NamedNode(g)) for g in graphs[start : start + GRAPHS_PER_QUERY])
        result = store.query(_STORED_FACTS.replace("VALUES ?g {}", f"VALUES ?g {{ {batch} }}"))
        assert isinstance(result, SelectResult)
        for row in result.rows:
            complete, facts = found.setdefault(row["g"].value, (False, set()))
            predicate = row["p"].value
            if predicate == _FINGERPRINT:
                found[row["g"].value] = (True, facts)
            else:
                name = RELATION_FACTS.get(predicate) or IDENTITY_FACTS[predicate]
                facts.add(Fact(row["s"].value, name, row["o"].value))
    return {
        graph: StoredGraph(complete, frozenset(facts)) for graph, (complete, facts) in found.items()
    }
