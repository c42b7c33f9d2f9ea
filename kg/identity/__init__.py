"""Identity, at the bottom of the house: symbols, bodies, documents and every IRI.

One :class:`Symbol` (parse, canonical form and key, scope, local or not), one
:class:`DocumentId` (scope, kind, period, key; ``.iri`` and ``.parse()``), one :class:`BodyId`
(level, province, district or commune, code). Nothing outside this package builds or splits an
IRI, and this package imports nothing of the project but :mod:`kg.namespaces` and
:mod:`kg.textnorm` (an import-layering test holds it to that).
"""

from kg.identity.body import UNPLACED, BodyId, Level
from kg.identity.document import DocumentId, is_document_iri
from kg.identity.iris import (
    body_iri,
    change_event_iri,
    citation_iri,
    citation_number,
    citation_prefix,
    graph_prefix,
    is_ours,
    kind_iri,
    kind_of_concept,
    ontology_graph_iri,
    person_iri,
    place_iri,
    registry_graph_iri,
    schedule_iri,
    selector_iris,
    signer_iri,
    source_graph_iri,
    source_id,
    source_iri,
    task_iri,
    task_period_iri,
)
from kg.identity.kinds import CONTRACT_KINDS, KINDS, is_kind, kinds_compatible
from kg.identity.symbol import (
    COMMITTEE_CODES,
    LOCAL_CODES,
    Symbol,
    is_local_code,
    normalize_symbol,
    symbol_key,
)

__all__ = [
    "COMMITTEE_CODES",
    "CONTRACT_KINDS",
    "KINDS",
    "LOCAL_CODES",
    "UNPLACED",
    "BodyId",
    "DocumentId",
    "Level",
    "Symbol",
    "body_iri",
    "change_event_iri",
    "citation_iri",
    "citation_number",
    "citation_prefix",
    "is_kind",
    "is_local_code",
    "is_document_iri",
    "is_ours",
    "kind_iri",
    "kind_of_concept",
    "kinds_compatible",
    "normalize_symbol",
    "ontology_graph_iri",
    "person_iri",
    "place_iri",
    "registry_graph_iri",
    "schedule_iri",
    "selector_iris",
    "signer_iri",
    "graph_prefix",
    "source_graph_iri",
    "source_id",
    "source_iri",
    "symbol_key",
    "task_iri",
    "task_period_iri",
]
