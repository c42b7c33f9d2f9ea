"""IRIs of the vocabularies the graph uses, and the configurable base of our own identities.

Kept in one place so the ontology files, the graph builder and the SPARQL queries agree.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
# schema.org, for the tasks plans set out (schema:Action with agent, participant, times).
SCHEMA = "http://schema.org/"

# Our ontology terms (classes and the subproperties ELI lacks).
VK = "https://w3id.org/vankien/ontology#"

# The SKOS scheme of document kinds: a fixed vocabulary, not minted under the data base.
KIND = "https://w3id.org/vankien/kind/"

DEFAULT_BASE = "https://w3id.org/vankien/"


# The base read once for a batch of IRIs (see `one_base`); None outside one.
_BATCH_BASE: ContextVar[str | None] = ContextVar("kg_batch_base", default=None)


def base_iri() -> str:
    """Base of document, body, citation and source IRIs; set KG_BASE_IRI to mint your own."""
    return _BATCH_BASE.get() or _read_base()


def _read_base() -> str:
    base = os.environ.get("KG_BASE_IRI", DEFAULT_BASE)
    return base if base.endswith("/") else base + "/"


@contextmanager
def one_base() -> Iterator[None]:
    """Read KG_BASE_IRI once for every IRI minted or read inside the block.

    Resolving and building one file mint and parse a hundred IRIs or more, and reading the
    environment is most of the cost of each; a change of KG_BASE_IRI takes effect at the next
    block (a file is never minted under two bases). Per thread and task, like any ContextVar.
    """
    token = _BATCH_BASE.set(_read_base())
    try:
        yield
    finally:
        _BATCH_BASE.reset(token)


PREFIXES: dict[str, str] = {
    "eli": ELI,
    "org": ORG,
    "prov": PROV,
    "oa": OA,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "vk": VK,
    "kind": KIND,
    "schema": SCHEMA,
}

# The property each extracted relation becomes, for the direct edge citing -> cited. ELI's
# own `implements` is deprecated; our subproperties are declared in ontology/vankien.ttl.
RELATION_PROPERTIES: dict[str, str] = {
    "based_on": ELI + "based_on",
    "implements": ELI + "ensures_implementation_of",
    "continues": VK + "continues",
    "reviews": VK + "reviews",
    "inspects": VK + "inspects",
    "disseminates": VK + "disseminates",
    "amends": ELI + "amends",
    "replaces": VK + "replaces",
    "repeals": ELI + "repeals",
    "guides": VK + "guides",
    "cites": ELI + "cites",
}
