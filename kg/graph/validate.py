"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl).

Validation runs on the union of all named graphs, as queries see it: a cited document's
kind may come from a source graph while its curated date comes from the registry graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
import pyshacl
from rdflib import Dataset, Graph

from kg.graph.reference import ontology_dir

SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True)
class ValidationReport:
    """Whether the data conforms, and pyshacl's human-readable report."""

    conforms: bool
    text: str
    results: Graph


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(ontology_dir() / SHAPES_FILE, format="turtle")


def _union(data: Iterable[ox.Quad] | Dataset) -> Graph:
    union = Graph()
    if isinstance(data, Dataset):
        for subject, predicate, obj, _ in data.quads((None, None, None, None)):
            union.add((subject, predicate, obj))
        return union
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in data)
    ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if ntriples:
        union.parse(data=ntriples.decode("utf-8"), format="nt")
    return union


def validate(data: Iterable[ox.Quad] | Dataset) -> ValidationReport:
    """Validate quads (or an rdflib Dataset) against the shapes."""
    conforms, results, report = pyshacl.validate(
        _union(data), shacl_graph=_shapes(), inference="none", advanced=True
    )
    return ValidationReport(conforms=bool(conforms), text=str(report), results=results)
