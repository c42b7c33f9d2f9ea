"""Whether the graph keeps the generated documents apart: one node per real document.

Local numbers restart in every province and every district, so two plans "3-KH/HU" of 2006
from two districts are two documents. The generator knows each file's true identity; after
ingest, every source file's document node is compared with it. A node that two true identities
share is a merge: a wrong answer for users and an artificial hub in every trace through it.
The baseline is the naive identity, kind, symbol and year without the issuer's place.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path, PurePath

import pyoxigraph as ox

from benchmarks.report import Row

# Within each file's graph: over the union of graphs, a document typed by every file that cites
# it gave a row per citing file (662,392 rows for 100,000 files).
_OWN_DOCUMENTS = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?doc ?path WHERE {
  GRAPH ?g { ?src vk:path ?path . ?doc prov:wasDerivedFrom ?src . ?doc a vk:Document }
}
"""


def merged_share(identity_of: dict[str, str], node_of: dict[str, str]) -> float:
    """Share of files whose node also stands for a file with another true identity."""
    identities: dict[str, set[str]] = defaultdict(set)
    for name, node in node_of.items():
        identities[node].add(identity_of[name])
    merged = sum(1 for node in node_of.values() if len(identities[node]) > 1)
    return merged / len(node_of) if node_of else 0.0


def truth_of(corpus: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Each generated file's true identity and its naive key (kind, symbol, year)."""
    identity: dict[str, str] = {}
    naive: dict[str, str] = {}
    with (corpus / "truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            document = record["document"]
            name = PurePath(record["source"]).name
            identity[name] = record["identity"]
            year = (document.get("date") or "")[:4]
            key = document.get("symbol") or record["identity"]  # unnumbered: its own title key
            naive[name] = f"{document['kind']}:{key}:{year}"
    return identity, naive


def _nodes(store: ox.Store) -> Iterable[tuple[str, str]]:
    """(document node, file name) of every ingested source file."""
    answer = store.query(_OWN_DOCUMENTS, use_default_graph_as_union=True)
    assert isinstance(answer, ox.QuerySolutions)
    for row in answer:
        yield row["doc"].value, PurePath(row["path"].value).name


def measure_identity(size: int, corpus: Path, database: Path) -> list[Row]:
    """Documents merged with another in the ingested graph, beside the naive identity."""
    identity, naive = truth_of(corpus)
    node_of = {name: node for node, name in _nodes(ox.Store.read_only(str(database)))}
    node_of = {name: node for name, node in node_of.items() if name in identity}
    ours = merged_share(identity, node_of)
    bare = merged_share(identity, {name: naive[name] for name in node_of})
    return [
        Row(size, "identity", "ingested documents merged with another", 100 * ours, "%",
            "kind, symbol and year alone", 100 * bare, higher_is_better=False,
            note=f"{len(node_of):,} documents against the generator's identities"),
    ]  # fmt: skip
