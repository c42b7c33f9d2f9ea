"""Any SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB) through the standard protocols.

Queries and updates use the SPARQL 1.1 Protocol; bulk loads use the Graph Store Protocol. The
server must expose the union of its named graphs as the default graph (Oxigraph:
``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``), which is what
the embedded store does too.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.store.base import (
    QueryResult,
    SelectResult,
    Term,
    bind_values,
    query_result,
    replace_graph_update,
)

_RESULT_TYPES = "application/sparql-results+json, application/n-triples;q=0.9"


class SparqlEndpointStore:
    """A remote store. `url` is the service root (`http://host:7878`) or its query endpoint.

    The update and Graph Store endpoints are derived the Oxigraph way (`/query`, `/update`,
    `/store`) unless KG_UPDATE_URL / KG_GSP_URL name them (Fuseki: `/ds/update`, `/ds/data`).
    """

    def __init__(self, url: str, *, timeout: float = 60.0) -> None:
        root = url.rstrip("/")
        for suffix in ("/query", "/sparql"):
            if root.endswith(suffix):
                root = root[: -len(suffix)]
                self.query_url = url.rstrip("/")
                break
        else:
            self.query_url = root + "/query"
        self.update_url = os.environ.get("KG_UPDATE_URL", root + "/update")
        self.gsp_url = os.environ.get("KG_GSP_URL", root + "/store")
        self.location = url
        self.timeout = timeout

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        text = bind_values(sparql, bindings or {})
        body = self._post(
            self.query_url, text.encode("utf-8"), "application/sparql-query", _RESULT_TYPES
        )
        content_type, payload = body
        if "sparql-results+json" in content_type:
            # Parsed once, by pyoxigraph: a trace's answers run to hundreds of thousands of rows.
            return query_result(ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON))
        return [
            t.triple if isinstance(t, ox.Quad) else t
            for t in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)
        ]

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update", "*/*")

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self.update(replace_graph_update(graph, quads))

    def remove_graph(self, graph: str) -> bool:
        existed = graph in self.graphs()
        if existed:
            self.update(f"DROP GRAPH {ox.NamedNode(graph)}")
        return existed

    def graphs(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, SelectResult)
        return sorted(t.value for t in result.values("g") if isinstance(t, ox.NamedNode))

    def quad_count(self, graph: str | None = None) -> int:
        if graph is None:
            sparql = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            result = self.query(sparql)
        else:
            sparql = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
            result = self.query(sparql, {"g": ox.NamedNode(graph)})
        assert isinstance(result, SelectResult)
        count = result.rows[0]["n"]
        assert isinstance(count, ox.Literal)
        return int(count.value)

    def dump(self, fmt: ox.RdfFormat, graph: str | None = None) -> bytes:
        if graph is None:
            quads = []
            for g in self.graphs():
                quads.extend(self._graph_quads(g))
        else:
            quads = self._graph_quads(graph)
        if not fmt.supports_datasets:
            return ox.serialize((q.triple for q in quads), format=fmt) or b""
        return ox.serialize(quads, format=fmt) or b""

    def _graph_quads(self, graph: str) -> list[ox.Quad]:
        node = ox.NamedNode(graph)
        triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")
        assert isinstance(triples, list)
        return [ox.Quad(t.subject, t.predicate, t.object, node) for t in triples]

    def bulk_load(self, files: Sequence[Path], fmt: ox.RdfFormat) -> None:
        # The Graph Store endpoint of the dataset takes quads with their graph names; one
        # request per file keeps each request's size bounded by the shard's.
        for path in files:
            self._post(self.gsp_url, path.read_bytes(), fmt.media_type, "*/*")

    def compact(self) -> None:
        """The server manages its own storage."""

    def close(self) -> None:
        """Nothing to release: every call is its own HTTP request."""

    def _post(self, url: str, data: bytes, content_type: str, accept: str) -> tuple[str, bytes]:
        # urllib.request (with http.client, ssl and email) is imported by the first request:
        # a command on the embedded store never pays for it.
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            url, data=data, method="POST", headers={"Content-Type": content_type, "Accept": accept}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            message = detail[0] if detail else err.reason
            if err.code == 400:
                raise QueryError(f"{url}: rejected: {message}") from err
            raise StoreError(f"{url}: HTTP {err.code}: {message}") from err
        except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
            raise StoreError(f"cannot reach SPARQL endpoint {url}: {err}") from err


def is_endpoint(spec: str) -> bool:
    return urllib.parse.urlparse(spec).scheme in ("http", "https")
