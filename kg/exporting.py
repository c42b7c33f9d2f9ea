"""`kg export`: the graph (or one source file's named graph) in RDF and network formats.

RDF formats come straight from the store's serialiser; JSON-LD is compacted with the project's
context (ontology/context.jsonld) through rdflib; GraphML and GEXF are the citation network for
Gephi users.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KgError
from kg.identity import source_graph_iri

if TYPE_CHECKING:
    from kg.api import KG

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
}
DATASET_FORMATS = {"trig", "nq", "jsonld"}
NETWORK_FORMATS = {"graphml", "gexf"}
CONTEXT_FILE = Path(__file__).resolve().parents[1] / "ontology" / "context.jsonld"


def export_graph(kg: KG, output: Path, fmt: str, *, source: Path | None = None) -> Path:
    """Write the export and return its path; raises KgError for an unknown format or source."""
    fmt = fmt.lower().lstrip(".")
    graph = None
    if source is not None:
        graph = source_graph_iri(str(source.resolve()))
        if graph not in kg.store.graphs():
            raise KgError(f"{source}: was not ingested in this store")
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt in NETWORK_FORMATS:
        from kg.views import write_exchange

        return write_exchange(kg.network(), output, "graphml" if fmt == "graphml" else "gexf")
    if fmt == "jsonld":
        output.write_text(_jsonld(kg.store.dump(ox.RdfFormat.N_QUADS, graph)), encoding="utf-8")
        return output
    if fmt not in RDF_FORMATS:
        known = ", ".join([*RDF_FORMATS, "jsonld", *sorted(NETWORK_FORMATS)])
        raise KgError(f"unknown export format {fmt!r}; use one of {known}")
    rdf_format = RDF_FORMATS[fmt]
    if graph is None and not rdf_format.supports_datasets:
        # Triple formats cannot hold named graphs: merge them (provenance stays on citations).
        quads = ox.parse(kg.store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        data = ox.serialize((q.triple for q in quads), format=rdf_format) or b""
    else:
        data = kg.store.dump(rdf_format, graph)
    output.write_bytes(data)
    return output


def _jsonld(nquads: bytes) -> str:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=nquads.decode("utf-8"), format="nquads")
    context = json.loads(CONTEXT_FILE.read_text(encoding="utf-8")) if CONTEXT_FILE.exists() else {}
    text = dataset.serialize(format="json-ld", context=context.get("@context", context), indent=2)
    return text if isinstance(text, str) else text.decode("utf-8")
