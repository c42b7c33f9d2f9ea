"""The alternatives every figure is compared with: what a user could do without VanKien KG.

- a bare regex scan of the same bytes (the floor for extraction throughput, and a recall baseline);
- the same document-to-document relation edges in a networkx graph and the same texts in a
  Python list: the in-memory floor that no store-backed query can beat, only approach;
- rdflib's in-memory Dataset asked the same questions in SPARQL: the usual Python RDF stack.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.harness import Latency, latency, timed

# A type word, an optional "số", then a number-and-symbol token: what a user with grep writes.
BARE_PATTERN = re.compile(
    r"(?:Nghị quyết|Chỉ thị|Kết luận|Quyết định|Quy định|Kế hoạch|Chương trình|Hướng dẫn"
    r"|Thông báo|Thông tri|Nghị định|Thông tư|Luật)\s+(?:số\s+)?\d+[\w/\-–Đ]*"
)

CITERS_QUERY = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
SELECT ?citing ?relation WHERE {
  ?citation vk:citedDocument ?doc ; vk:citingDocument ?citing ; vk:relation ?relation .
}"""

RELATION_COUNT_QUERY = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
SELECT ?relation (COUNT(?citation) AS ?n) WHERE { ?citation vk:relation ?relation . }
GROUP BY ?relation"""

# What the search index holds: titles (own and as cited) and the sentences that cite.
SEARCHED = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX vk: <https://w3id.org/vankien/ontology#>
SELECT ?s ?o WHERE { VALUES ?p { eli:title vk:statedTitle vk:sentence } ?s ?p ?o . %s }"""


def fold(text: str) -> str:
    """Lower-case, diacritic-free copy, as a hand-written search would compare."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def scan(text: str) -> list[tuple[int, int]]:
    """Spans the bare regex finds."""
    return [(m.start(), m.end()) for m in BARE_PATTERN.finditer(text)]


def _chain_properties() -> set[str]:
    from kg.queries.citations import CHAIN_RELATIONS, RELATION_PROPERTIES

    return {RELATION_PROPERTIES[r] for r in CHAIN_RELATIONS}


class NetworkxFloor:
    """The same edges in networkx and the same texts in a list: the in-memory floor."""

    def __init__(self, edges: list[tuple[str, str, str]], texts: list[tuple[str, str]]) -> None:
        import networkx as nx

        self._nx = nx
        self.graph = nx.MultiDiGraph()
        self.chain = nx.DiGraph()
        chain = _chain_properties()
        for citing, cited, relation in edges:
            self.graph.add_edge(citing, cited, relation=relation)
            if relation in chain:
                self.chain.add_edge(citing, cited)
        self.texts = [(subject, fold(text)) for subject, text in texts]

    def trace(self, iri: str) -> int:
        """Everything below a document in the chain: its implementers, theirs, and so on."""
        return len(self._nx.ancestors(self.chain, iri)) if iri in self.chain else 0

    def cites(self, iri: str) -> int:
        return len(list(self.graph.in_edges(iri, data="relation")))

    def search(self, text: str) -> int:
        words = fold(text).split()
        return sum(1 for _, folded in self.texts if all(w in folded for w in words))

    def stats(self, _: object) -> int:
        return len(Counter(relation for _, _, relation in self.graph.edges(data="relation")))


class RdflibBaseline:
    """The same questions asked of rdflib's in-memory Dataset with SPARQL."""

    def __init__(self, nquads: Path) -> None:
        import rdflib

        self._uri = rdflib.URIRef
        self.dataset = rdflib.Dataset(default_union=True)
        self.dataset.parse(str(nquads), format="nquads")
        self.chain = _chain_properties()

    def _citers(self, iri: str) -> list[tuple[str, str]]:
        rows: Any = self.dataset.query(CITERS_QUERY, initBindings={"doc": self._uri(iri)})
        return [(str(row[0]), str(row[1])) for row in rows]

    def trace(self, iri: str) -> int:
        """Breadth-first over citers, one SPARQL query per document reached."""
        seen = {iri}
        frontier = deque([iri])
        while frontier:
            for citing, relation in self._citers(frontier.popleft()):
                if relation in self.chain and citing not in seen:
                    seen.add(citing)
                    frontier.append(citing)
        return len(seen) - 1

    def cites(self, iri: str) -> int:
        return len(self._citers(iri))

    def search(self, text: str) -> int:
        words = [w.replace('"', "") for w in text.lower().split()]
        tests = " && ".join(f'CONTAINS(LCASE(STR(?o)), "{w}")' for w in words)
        return len(list(self.dataset.query(SEARCHED % f"FILTER({tests})")))

    def stats(self, _: object) -> int:
        return len(list(self.dataset.query(RELATION_COUNT_QUERY)))


def rdflib_session(
    nquads: str, questions: dict[str, Sequence[Any]]
) -> tuple[float, int, dict[str, Latency]]:
    """Load the N-Quads into rdflib, then time each question over its inputs.

    Run it in a fresh process (`benchmarks.harness.isolated`): the load is measured once, and the
    process's peak memory is rdflib's.
    """
    baseline, seconds = timed(lambda: RdflibBaseline(Path(nquads)))
    answers = {name: latency(getattr(baseline, name), inputs) for name, inputs in questions.items()}
    return seconds, len(baseline.dataset), answers
