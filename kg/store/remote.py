"""Any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso) through the standard protocols.

Queries and updates use the SPARQL 1.1 Protocol; bulk loads use the Graph Store Protocol. The
server must expose the union of its named graphs as the default graph (Oxigraph:
``oxigraph serve --union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``; Virtuoso does
by default), which is what the embedded store does too.

Queries are sent URL-encoded in a POST body, the form every server takes: Virtuoso 7 never
answers a query POSTed as ``application/sparql-query`` (openlink/virtuoso-opensource#842). A
CONSTRUCT asks for N-Triples only (Virtuoso answers it with s/p/o rows when rows are acceptable),
and an ``xsd:boolean`` written 1 or 0 in result rows (Virtuoso) is read as true or false.

Virtuoso is recognised by its ``Server`` header and differs in more ways, handled here: its
updates go to the query endpoint and its Graph Store endpoint is ``/sparql-graph-crud``; an
update of more than about a thousand triples is refused (SP031), so graphs are written through
that endpoint, which takes one graph per request (N-Triples with ``?graph=``), not a dataset's
quads; DROP GRAPH fails on a graph no CREATE GRAPH made; and it keeps graphs of its own
(``virtrdf#``, its service description, DAV) beside the data, so only kg's graphs (under
``KG_BASE_IRI``) are listed, counted and dumped there. With ``KG_VIRTUOSO_SQL`` set, its bulk
loads go through its own loader instead (:mod:`kg.store.virtuoso_loader`).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.identity import graph_prefix
from kg.namespaces import VK
from kg.store.base import (
    QueryResult,
    SelectResult,
    Term,
    bind_values,
    query_result,
    replace_graph_update,
)

if TYPE_CHECKING:
    from email.message import Message

    from kg.store.virtuoso_loader import VirtuosoLoader

_RESULT_TYPES = "application/sparql-results+json, application/n-triples;q=0.9"
_FORM = "application/x-www-form-urlencoded"
_GRAPH_TYPES = "application/n-triples"
# A query whose form (after comments and its prologue) makes a graph.
_GRAPH_QUERY = re.compile(
    r"(?:\s+|#[^\n]*\n|PREFIX\s*[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*(?:CONSTRUCT|DESCRIBE)\b",
    re.IGNORECASE,
)
# Virtuoso writes the xsd:boolean values of result rows as 1 and 0 ("true" in graphs it gives):
# both are lexical forms of the same value, but kg compares the canonical "true" and "false".
_BOOLEAN = b"http://www.w3.org/2001/XMLSchema#boolean"
_BOOLEAN_AS_DIGIT = re.compile(
    rb'("datatype"\s*:\s*"http://www\.w3\.org/2001/XMLSchema#boolean"\s*,\s*"value"\s*:\s*")([01])"'
)


def _canonical_boolean(match: re.Match[bytes]) -> bytes:
    return match.group(1) + (b'true"' if match.group(2) == b"1" else b'false"')


# What marks a source file as stored (kg.ingest reads it to skip unchanged files).
_FINGERPRINT = ox.NamedNode(VK + "sha256")


@dataclass(frozen=True)
class Endpoints:
    """Where a server takes updates and Graph Store requests, and what it holds besides kg."""

    update: str
    gsp: str
    # Graphs are written one at a time through the Graph Store endpoint (N-Triples to
    # `?graph=`), never as one update holding a whole graph nor as a dataset's quads.
    graph_at_a_time: bool = False
    # Only graphs whose IRIs start with this are kg's (None: every graph is).
    graph_prefix: str | None = None
    # Virtuoso's own bulk loader, over its SQL port, when KG_VIRTUOSO_SQL configures it.
    loader: VirtuosoLoader | None = None


class SparqlEndpointStore:
    """A remote store. `url` is the service root (`http://host:7878`) or its query endpoint.

    The update and Graph Store endpoints are derived the Oxigraph way (`/query`, `/update`,
    `/store`), or the Virtuoso way (`/sparql` for both, `/sparql-graph-crud`) when the server says
    it is Virtuoso, unless KG_UPDATE_URL / KG_GSP_URL name them (Fuseki: `/ds/update`, `/ds/data`).
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
        self.root = root
        self.location = url
        self.timeout = timeout

    @functools.cached_property
    def endpoints(self) -> Endpoints:
        """The server's endpoints, asked of it once (one ASK) by the first call that needs them."""
        if self._server().startswith("Virtuoso/"):
            from kg.store.virtuoso_loader import VirtuosoLoader  # read for a Virtuoso alone

            endpoints = Endpoints(
                self.query_url,
                self.root + "/sparql-graph-crud",
                graph_at_a_time=True,
                graph_prefix=graph_prefix(),
                loader=VirtuosoLoader.from_env(),  # None unless KG_VIRTUOSO_SQL is set
            )
        else:
            endpoints = Endpoints(self.root + "/update", self.root + "/store")
        return dataclasses.replace(
            endpoints,
            update=os.environ.get("KG_UPDATE_URL", endpoints.update),
            gsp=os.environ.get("KG_GSP_URL", endpoints.gsp),
        )

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        text = bind_values(sparql, bindings or {})
        form = urllib.parse.urlencode({"query": text}).encode("ascii")
        # Only the graph a CONSTRUCT or DESCRIBE makes is asked for as a graph: Virtuoso gives
        # its triples as s/p/o rows whenever result rows are acceptable at all.
        accept = _GRAPH_TYPES if _GRAPH_QUERY.match(text) else _RESULT_TYPES
        content_type, payload = self._post(self.query_url, form, _FORM, accept)
        if "sparql-results+json" in content_type:
            if _BOOLEAN in payload:
                payload = _BOOLEAN_AS_DIGIT.sub(_canonical_boolean, payload)
            # Parsed once, by pyoxigraph: a trace's answers run to hundreds of thousands of rows.
            return query_result(ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON))
        return [
            t.triple if isinstance(t, ox.Quad) else t
            for t in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)
        ]

    def update(self, sparql: str) -> None:
        self._post(
            self.endpoints.update, sparql.encode("utf-8"), "application/sparql-update", "*/*"
        )

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        if not self.endpoints.graph_at_a_time:
            self.update(replace_graph_update(graph, quads))
            return
        # Virtuoso compiles an update to SQL and refuses one past 10,000 lines (SP031), about
        # a thousand triples: a file's graph is PUT instead. Virtuoso loads a PUT in batches,
        # so the source's fingerprint goes last: a load cut short is read again next run.
        triples: list[ox.Triple] = []
        fingerprints: list[ox.Triple] = []
        for quad in quads:
            (fingerprints if quad.predicate == _FINGERPRINT else triples).append(quad.triple)
        self._send_graph("PUT", graph, triples + fingerprints)

    def remove_graph(self, graph: str) -> bool:
        existed = graph in self.graphs()
        if existed:
            # SILENT: Virtuoso refuses to DROP a graph that no CREATE GRAPH made.
            self.update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")
        return existed

    def graphs(self) -> list[str]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, SelectResult)
        names = (t.value for t in result.values("g") if isinstance(t, ox.NamedNode))
        return sorted(name for name in names if self._is_ours(name))

    def quad_count(self, graph: str | None = None) -> int:
        sparql = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        if graph is not None:
            result = self.query(sparql, {"g": ox.NamedNode(graph)})
        elif self.endpoints.graph_prefix is None:
            result = self.query(sparql)
        else:
            prefix = ox.Literal(self.endpoints.graph_prefix)
            ours = f"FILTER(STRSTARTS(STR(?g), {prefix})) }}"
            result = self.query(sparql[: -len("}")] + ours)
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
        # request per file keeps each request's size bounded by the shard's. Virtuoso's takes
        # one graph per request, unless its own loader reads the files (KG_VIRTUOSO_SQL).
        endpoints = self.endpoints
        if endpoints.loader is not None and fmt == ox.RdfFormat.N_QUADS:
            endpoints.loader.load(files)
            return
        for path in files:
            if endpoints.graph_at_a_time and fmt.supports_datasets:
                self._load_graph_by_graph(path, fmt)
            else:
                self._post(endpoints.gsp, path.read_bytes(), fmt.media_type, "*/*")

    def _load_graph_by_graph(self, path: Path, fmt: ox.RdfFormat) -> None:
        """POST each graph of a file of quads to the Graph Store endpoint as its own request."""
        by_graph: dict[str, list[ox.Triple]] = {}
        for quad in ox.parse(path=path, format=fmt):
            graph = quad.graph_name
            key = graph.value if isinstance(graph, ox.NamedNode) else ""
            by_graph.setdefault(key, []).append(quad.triple)
        for graph, triples in by_graph.items():
            self._send_graph("POST", graph, triples)

    def _send_graph(self, method: str, graph: str, triples: Sequence[ox.Triple]) -> None:
        """PUT (replace) or POST (add to) one graph, "" the default one, through the GSP."""
        target = f"graph={urllib.parse.quote(graph, safe='')}" if graph else "default"
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        url = f"{self.endpoints.gsp}?{target}"
        self._request(url, data, "application/n-triples", "*/*", method=method)

    def compact(self) -> None:
        """The server manages its own storage."""

    def close(self) -> None:
        """Nothing to release: every call is its own HTTP request."""

    def _is_ours(self, graph: str) -> bool:
        prefix = self.endpoints.graph_prefix
        return prefix is None or graph.startswith(prefix)

    def _server(self) -> str:
        """The server's `Server` header (Oxigraph and Fuseki send none or their own name)."""
        ask = urllib.parse.urlencode({"query": "ASK {}"}).encode("ascii")
        headers, _ = self._request(self.query_url, ask, _FORM, _RESULT_TYPES)
        return headers.get("Server", "")

    def _post(self, url: str, data: bytes, content_type: str, accept: str) -> tuple[str, bytes]:
        headers, body = self._request(url, data, content_type, accept)
        return headers.get("Content-Type", ""), body

    def _request(
        self, url: str, data: bytes, content_type: str, accept: str, *, method: str = "POST"
    ) -> tuple[Message, bytes]:
        # urllib.request (with http.client, ssl and email) is imported by the first request:
        # a command on the embedded store never pays for it.
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            url, data=data, method=method, headers={"Content-Type": content_type, "Accept": accept}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers, response.read()
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
