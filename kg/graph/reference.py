"""The ontology and the registry as quads, each in its own named graph.

The registry graph holds the curated facts (one date per document, the bodies and their 2025
changes, the provinces before and after 1 July 2025); the source graphs hold what each text
says. Keeping them apart lets a query tell "the registry says" from "this plan says".
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg import registry as kg_registry
from kg.graph.terms import Triples, date_literal, integer, text
from kg.identity import (
    body_iri,
    change_event_iri,
    kind_iri,
    kind_of_concept,
    ontology_graph_iri,
    place_iri,
    registry_graph_iri,
)
from kg.namespaces import DCTERMS, ELI, ORG, RDF, RDFS, SKOS, VK
from kg.registry import default_registry

ONTOLOGY_FILES = ("vankien.ttl", "kinds.ttl")


def ontology_dir() -> Path:
    """The repository's ``ontology/`` folder (next to the package, like ``data/registry``)."""
    return Path(__file__).resolve().parents[2] / "ontology"


def ontology_quads() -> list[ox.Quad]:
    """The OWL ontology and the SKOS scheme of kinds, in the ontology graph."""
    graph = ox.NamedNode(ontology_graph_iri())
    quads: list[ox.Quad] = []
    for name in ONTOLOGY_FILES:
        for triple in ox.parse(path=ontology_dir() / name, format=ox.RdfFormat.TURTLE):
            quads.append(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    return sorted(quads, key=str)


@cache
def kind_names() -> dict[str, str]:
    """Vietnamese names of the document kinds by slug ("de-an" -> "Đề án"), from kinds.ttl."""
    names: dict[str, str] = {}
    for triple in ox.parse(path=ontology_dir() / "kinds.ttl", format=ox.RdfFormat.TURTLE):
        label = triple.object
        if (
            triple.predicate.value == SKOS + "prefLabel"
            and isinstance(label, ox.Literal)
            and label.language == "vi"
            and isinstance(triple.subject, ox.NamedNode)
            and (kind := kind_of_concept(triple.subject.value)) is not None
        ):
            names[kind] = label.value
    return names


def registry_quads(registry: kg_registry.Registry | None = None) -> list[ox.Quad]:
    """Every registry fact, each resource with its source note, in the registry graph."""
    registry = registry or default_registry()
    out = Triples(registry_graph_iri())
    for document in registry.documents:
        _document(out, document, registry)
    for congress in registry.congresses:
        _congress(out, congress)
    for plenum in registry.plenums:
        _plenum(out, plenum)
    for body in registry.bodies:
        _body(out, body)
    _change_events(out, registry.bodies)
    for province in registry.provinces:
        _province(out, province, registry)
    return out.quads()


def reference_quads() -> list[ox.Quad]:
    """The ontology graph and the registry graph (default registry)."""
    return ontology_quads() + registry_quads()


def _document(
    out: Triples, doc: kg_registry.RegistryDocument, registry: kg_registry.Registry
) -> None:
    node, add = doc.iri, out.add
    add(node, RDF + "type", VK + "Document")
    add(node, ELI + "type_document", kind_iri(doc.kind))
    add(node, ELI + "number", text(doc.number))
    add(node, VK + "symbol", text(doc.symbol))
    add(node, ELI + "date_document", date_literal(doc.date))
    add(node, ELI + "title", text(doc.title, "vi"))
    add(node, VK + "term", text(doc.term))
    add(node, VK + "sourceNote", text(doc.source))
    levels = set()
    for code in doc.issuers:
        body = registry.body(code)
        if body is not None:
            add(node, ELI + "passed_by", body.iri)
            add(node, VK + "issuerName", text(body.name_vi))
            levels.add(body.level)
    if levels:
        add(node, VK + "level", text("central" if "central" in levels else sorted(levels)[0]))
    for target in doc.replaces:
        add(node, VK + "replaces", target)
    for target in doc.continues:
        add(node, VK + "continues", target)


def _congress(out: Triples, congress: kg_registry.CongressEntry) -> None:
    node, add = congress.iri, out.add
    add(node, RDF + "type", VK + "Document")
    add(node, ELI + "type_document", kind_iri("nghi-quyet"))
    add(node, VK + "congressOrdinal", text(congress.ordinal))
    add(node, ELI + "date_document", date_literal(congress.end))
    add(node, VK + "level", text("province" if congress.province else "central"))
    add(node, VK + "sourceNote", text(congress.source))
    if congress.province is None:
        title = f"Nghị quyết Đại hội đại biểu toàn quốc lần thứ {congress.ordinal} của Đảng"
        add(node, ELI + "title", text(title, "vi"))
        add(node, ELI + "passed_by", body_iri("tw"))


def _plenum(out: Triples, plenum: kg_registry.PlenumEntry) -> None:
    node, add = plenum.iri, out.add
    add(node, RDF + "type", VK + "Document")
    add(node, ELI + "type_document", kind_iri("nghi-quyet"))
    add(node, VK + "plenumOrdinal", integer(plenum.ordinal))
    add(node, VK + "term", text(plenum.term))
    add(node, ELI + "date_document", date_literal(plenum.date))
    title = (
        f"Nghị quyết Hội nghị lần thứ {plenum.ordinal} Ban Chấp hành Trung ương khóa {plenum.term}"
    )
    add(node, ELI + "title", text(title, "vi"))
    add(node, ELI + "passed_by", body_iri("tw"))
    add(node, VK + "level", text("central"))
    add(node, VK + "sourceNote", text(plenum.source))
    for resolution in plenum.resolutions:
        add(node, ELI + "has_part", resolution)
        add(resolution, ELI + "is_part_of", node)


def _body(out: Triples, body: kg_registry.Body) -> None:
    node, add = body.iri, out.add
    add(node, RDF + "type", ORG + "Organization")
    add(node, RDFS + "label", text(body.name_vi, "vi"))
    add(node, RDFS + "label", text(body.name_en, "en"))
    add(node, SKOS + "prefLabel", text(body.name_vi, "vi"))
    for alias in body.aliases:
        add(node, SKOS + "altLabel", text(alias, "vi"))
    add(node, VK + "code", text(body.code))
    add(node, VK + "level", text(body.level))
    add(node, ORG + "subOrganizationOf", body.parent)
    add(node, VK + "province", place_iri(body.province) if body.province else None)
    add(node, VK + "validFrom", date_literal(body.valid_from))
    add(node, VK + "validUntil", date_literal(body.valid_until))
    add(node, VK + "sourceNote", text(body.source))


def _change_events(out: Triples, bodies: list[kg_registry.Body]) -> None:
    """One org:ChangeEvent per resulting body and date: the bodies merged into it."""
    merged: dict[tuple[str, str], list[kg_registry.Body]] = defaultdict(list)
    for body in bodies:
        if body.successor and body.change_date:
            merged[(body.change_date, body.successor)].append(body)
    for (date, successor), originals in merged.items():
        event = change_event_iri(date, successor)
        out.add(event, RDF + "type", ORG + "ChangeEvent")
        out.add(event, DCTERMS + "date", date_literal(date))
        out.add(event, ORG + "resultingOrganization", successor)
        out.add(successor, ORG + "resultedFrom", event)
        for original in originals:
            out.add(event, ORG + "originalOrganization", original.iri)
            out.add(original.iri, ORG + "changedBy", event)
            out.add(event, VK + "sourceNote", text(original.source))


def _province(out: Triples, province: kg_registry.Province, registry: kg_registry.Registry) -> None:
    node, add = province.iri, out.add
    add(node, RDF + "type", VK + "Province")
    add(node, RDFS + "label", text(province.name, "vi"))
    add(node, SKOS + "prefLabel", text(province.full_name, "vi"))
    add(node, SKOS + "notation", text(province.code))
    add(node, VK + "validFrom", date_literal(province.valid_from))
    add(node, VK + "validUntil", date_literal(province.valid_until))
    successor = registry.province(province.merged_into) if province.merged_into else None
    add(node, VK + "mergedInto", successor.iri if successor else None)
    add(node, VK + "sourceNote", text(province.source))
