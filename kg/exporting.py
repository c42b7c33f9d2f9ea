"""`kg export`: the graph (or one source file's named graph) in RDF and network formats, and the
format a file name asks for (`format_of`, which `kg map` uses too).

RDF formats come straight from the store's serialiser; JSON-LD is compacted with the project's
context (ontology/context.jsonld) through rdflib; GraphML and GEXF are the citation network for
Gephi users.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import ArgumentError, KgError
from kg.identity import source_graph_iri
from kg.read import source_name

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
EXPORT_FORMATS = (*RDF_FORMATS, "jsonld", *sorted(NETWORK_FORMATS))
# File extensions and the format each names.
EXTENSIONS = {**{name: name for name in EXPORT_FORMATS}, "json": "jsonld"}
CONTEXT_FILE = Path(__file__).resolve().parents[1] / "ontology" / "context.jsonld"


def format_of(path: Path, extensions: Mapping[str, str], given: str | None = None) -> str:
    """The format to write `path` in: the one its extension names (`extensions` maps extensions
    without the dot to formats), else `given`. A `given` format that contradicts the extension
    is refused: a file named g.gexf holding TriG opens in no tool."""
    formats = list(dict.fromkeys(extensions.values()))
    named = extensions.get(path.suffix.lower().lstrip("."))
    wanted = given.lower().lstrip(".") if given else None
    if wanted is not None and wanted not in formats:
        raise ArgumentError(f"unknown format {given!r}; use one of {', '.join(formats)}")
    if named is not None and wanted is not None and named != wanted:
        raise ArgumentError(
            f"{path}: the extension says {named} but --format says {wanted}; "
            "rename the file or leave out --format"
        )
    chosen = named or wanted
    if chosen is None:
        names = ", ".join(f".{ext}" for ext in extensions)
        raise ArgumentError(f"{path}: name the file {names} (the extension decides the format)")
    return chosen


def export_graph(kg: KG, output: Path, fmt: str, *, source: Path | None = None) -> Path:
    """Write the export in `fmt` (one of `EXPORT_FORMATS`) and return its path; raises KgError
    for a source that was not ingested."""
    graph = None
    if source is not None:
        graph = source_graph_iri(source_name(source.resolve()))
        if graph not in kg.store.graphs():
            raise KgError(f"{source}: was not ingested in this store")
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt in NETWORK_FORMATS:
        from kg.views import write_exchange

        return write_exchange(kg.network(), output, "graphml" if fmt == "graphml" else "gexf")
    if fmt == "jsonld":
        output.write_text(_jsonld(kg.store.dump(ox.RdfFormat.N_QUADS, graph)), encoding="utf-8")
        return output
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
