"""Every IRI other than a document's: bodies, places, kinds, sources, graphs, citations, people.

Each is built from resolved parts, never from a counter or a hash of the whole input, so the
same thing gets the same IRI on every run; the base is :func:`kg.namespaces.base_iri`
(``KG_BASE_IRI``) except for the fixed scheme of kinds.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import PurePath

from kg.namespaces import KIND, base_iri
from kg.textnorm import slugify


def kind_iri(kind: str) -> str:
    """The SKOS concept of a document kind; the scheme is fixed, not under the data base."""
    return f"{KIND}{kind}"


def kind_of_concept(concept: str) -> str | None:
    """The kind slug of a kind concept IRI ("…/kind/nghi-quyet" -> "nghi-quyet")."""
    return concept.removeprefix(KIND) if concept.startswith(KIND) else None


def body_iri(*path: str) -> str:
    """A body: central ("tw", "bdvtw") or of a province ("binh-phuoc", "bdvtu")."""
    return f"{base_iri()}body/{'/'.join(path)}"


def place_iri(province_id: str) -> str:
    return f"{base_iri()}place/{province_id}"


def change_event_iri(date: str, successor_body: str) -> str:
    """The org:ChangeEvent that made `successor_body` (a body IRI) on `date`."""
    return f"{base_iri()}event/{date}/{successor_body.removeprefix(f'{base_iri()}body/')}"


def person_iri(name: str) -> str:
    return f"{base_iri()}person/{slugify(name)}"


def signer_iri(document_iri: str, index: int) -> str:
    """The n-th signature (prov:Attribution) of a document."""
    return f"{document_iri}/signer/{index}"


# A file's graph, source node, citations and tasks all name it while it is processed.
@lru_cache(maxsize=1024)
def source_id(path: str) -> str:
    """Stable id of a source file: its name for people, a digest of the path for uniqueness.

    The same path always gives the same id, so re-ingesting it replaces its named graph.
    """
    digest = hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    name = slugify(PurePath(path).name, max_length=40) or "source"
    return f"{name}-{digest}"


def source_iri(path: str) -> str:
    return f"{base_iri()}source/{source_id(path)}"


def source_graph_iri(path: str) -> str:
    """The named graph that holds everything one source file says."""
    return f"{base_iri()}graph/source/{source_id(path)}"


def graph_prefix() -> str:
    """What every named graph kg writes starts with (a shared store holds others too)."""
    return f"{base_iri()}graph/"


def registry_graph_iri() -> str:
    return f"{base_iri()}graph/registry"


def ontology_graph_iri() -> str:
    return f"{base_iri()}graph/ontology"


def citation_prefix(path: str) -> str:
    """The IRI of the n-th citation (reference or link) read from one source, without the n.

    A graph builder mints hundreds per source, so it digests the path once.
    """
    return f"{base_iri()}citation/{source_id(path)}/"


def citation_iri(prefix: str, number: int) -> str:
    return f"{prefix}{number}"


def citation_number(iri: str) -> int | None:
    """The n of a citation IRI `citation_iri` minted (None for any other IRI)."""
    tail = iri.rpartition("/")[2]
    return int(tail) if tail.isascii() and tail.isdigit() else None


def selector_iris(citation: str) -> tuple[str, str]:
    """The Web Annotation selectors of a span read from a text (a citation, a task, a review
    schedule): its text position, and its quote where one is kept (a schedule's)."""
    return f"{citation}/position", f"{citation}/quote"


def task_iri(path: str, number: int) -> str:
    """The n-th task (in the order written) a source file's plan sets out."""
    return f"{base_iri()}task/{source_id(path)}/{number}"


def task_period_iri(task: str, number: int) -> str:
    """The n-th period (a stage: "cấp tỉnh quý III/2021") of a task."""
    return f"{task}/period/{number}"


def schedule_iri(path: str, number: int) -> str:
    """The n-th review (in the order written) a source file's document schedules for itself."""
    return f"{base_iri()}schedule/{source_id(path)}/{number}"


def is_ours(iri: str) -> bool:
    """Whether an IRI is under the data base (a document, body, source... of this graph)."""
    return iri.startswith(base_iri())
