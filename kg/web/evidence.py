"""Where in its source file each citation was read: the named graph and the character span.

The answers of :mod:`kg.api` carry the citing sentence and the file path; a web page also needs
the span (Web Annotation ``oa:start``/``oa:end`` on the text as read) and the source's named
graph, so a link can open the file with the sentence highlighted. The link names the graph, not
the path: the server reads only files recorded in the graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import OA, VK
from kg.store import GraphStore, SelectResult
from kg.web.results import plain_value

_SPANS = f"""
SELECT ?citing ?cited ?sentence ?g ?start ?end WHERE {{
  {{ GRAPH ?g {{ ?citation <{VK}citingDocument> ?doc ; <{VK}citedDocument> ?cited . }}
     BIND (?doc AS ?citing) }}
  UNION
  {{ GRAPH ?g {{ ?citation <{VK}citedDocument> ?doc ; <{VK}citingDocument> ?citing . }}
     BIND (?doc AS ?cited) }}
  GRAPH ?g {{
    ?citation <{OA}hasSelector> ?position .
    ?position <{OA}start> ?start ; <{OA}end> ?end .
    OPTIONAL {{ ?citation <{VK}sentence> ?sentence }}
  }}
}}
"""


@dataclass(frozen=True, order=True)
class Span:
    """A character span of the text read from the source file of named graph `graph`."""

    graph: str
    start: int
    end: int

    @property
    def url(self) -> str:
        query = urlencode({"graph": self.graph, "start": self.start, "end": self.end})
        return f"/source?{query}#hit"


def parse_iri(text: str) -> ox.NamedNode:
    """`text` as an IRI node; a request carrying anything else is refused (400), not a crash."""
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise QueryError(f"not an IRI: {text!r}") from None


EvidenceKey = tuple[str, str, str | None]
"""(citing IRI, cited IRI, sentence): how a row of a document page finds its spans."""


def citation_spans(store: GraphStore, document: str) -> dict[EvidenceKey, list[Span]]:
    """Every span where `document` cites or is cited, keyed by both ends and the sentence."""
    result = store.query(_SPANS, {"doc": ox.NamedNode(document)})
    assert isinstance(result, SelectResult)
    spans: dict[EvidenceKey, set[Span]] = {}
    for row in result.rows:
        sentence = plain_value(row["sentence"]) if "sentence" in row else None
        key = (plain_value(row["citing"]), plain_value(row["cited"]), sentence)
        try:
            span = Span(
                plain_value(row["g"]), int(plain_value(row["start"])), int(plain_value(row["end"]))
            )
        except ValueError:
            continue  # a malformed offset cannot be linked; the sentence is still shown
        spans.setdefault(key, set()).add(span)
    return {key: sorted(found) for key, found in spans.items()}
