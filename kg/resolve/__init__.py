"""Identity resolution: one IRI per real document, with the reason it was chosen.

`resolve_extraction` fills the identity fields of every reference of an Extraction;
`document_iri` names the document being read. IRIs are minted in :mod:`kg.resolve.iri`.
"""

from kg.resolve.context import default_registry, document_iri
from kg.resolve.known import KnownDocument, KnownDocuments
from kg.resolve.resolver import confidence, resolve_extraction

__all__ = [
    "KnownDocument",
    "KnownDocuments",
    "confidence",
    "default_registry",
    "document_iri",
    "resolve_extraction",
]
