"""Identity resolution: who is citing, and which document each reference names, with why.

``resolve(extraction, registry, known) -> Resolution`` is one pure step: the citing document's
own identity and place (:func:`identify`), and one :class:`Outcome` per reference (target,
candidates, evidence, confidence, reason). The extraction is read, never changed;
:meth:`Resolution.annotate` gives the contract's view of it.
"""

from kg.registry import default_registry
from kg.resolve.citing import identify
from kg.resolve.evidence import Clue, Evidence
from kg.resolve.known import KnownDocument, KnownDocuments
from kg.resolve.resolution import CitingDocument, Outcome, Place, Resolution
from kg.resolve.resolver import resolve

__all__ = [
    "CitingDocument",
    "Clue",
    "Evidence",
    "KnownDocument",
    "KnownDocuments",
    "Outcome",
    "Place",
    "Resolution",
    "default_registry",
    "identify",
    "resolve",
]
