"""Graph building: resolved extractions, the registry and the ontology as RDF quads.

`extraction_quads` puts one source's statements in that source's named graph
(`extraction_statements`: the same before they become quads) and `search_entries` gives the
search index's entries of the same source, both from (extraction, resolution);
`reference_quads` gives the ontology and registry graphs; `validate` checks quads against
``ontology/shapes.ttl``. Each is imported on first use: a query module that needs only the
kind names must not load SHACL and the extractor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.lazy import lazy_exports

if TYPE_CHECKING:
    from kg.graph.build import SourceInfo, extraction_quads, extraction_statements
    from kg.graph.entries import search_entries
    from kg.graph.reference import ontology_quads, reference_quads, registry_quads
    from kg.graph.validate import ValidationReport, validate

__all__ = [
    "SourceInfo",
    "ValidationReport",
    "extraction_quads",
    "extraction_statements",
    "ontology_quads",
    "reference_quads",
    "registry_quads",
    "search_entries",
    "validate",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "SourceInfo": "kg.graph.build",
        "extraction_quads": "kg.graph.build",
        "extraction_statements": "kg.graph.build",
        "search_entries": "kg.graph.entries",
        "ontology_quads": "kg.graph.reference",
        "reference_quads": "kg.graph.reference",
        "registry_quads": "kg.graph.reference",
        "ValidationReport": "kg.graph.validate",
        "validate": "kg.graph.validate",
    },
)
