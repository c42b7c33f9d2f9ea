"""The demo's answers on the sample corpus, computed with the public API only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import AmbiguousDocument
from kg.store import SelectResult

if TYPE_CHECKING:
    from kg.api import KG


def sample_corpus() -> Path:
    """The bundled sample corpus (data/corpus in the source tree)."""
    return Path(__file__).resolve().parents[1] / "data" / "corpus"


# References are the citations read in a text, one per mention; links are the citations a text
# states between two other documents ("Chỉ thị 18-CT/TW về tiếp tục thực hiện Nghị quyết
# 25-NQ/TW"). `kg stats` counts both as citations (references + links).
_COUNTS = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?citation) AS ?references)
       (COUNT(DISTINCT ?link) AS ?links) (COUNT(DISTINCT ?cited) AS ?cited) WHERE {
  { ?doc a vk:Document ; prov:wasDerivedFrom ?src }
  UNION { ?citation a vk:Citation FILTER NOT EXISTS { ?citation vk:statedIn ?d } }
  UNION { ?link a vk:Citation ; vk:statedIn ?d }
  UNION { ?c a vk:Citation ; vk:citedDocument ?cited FILTER NOT EXISTS { ?c vk:statedIn ?d } }
}
"""


@dataclass
class DemoSummary:
    documents: int
    references: int
    links: int
    distinct_cited: int
    citers_of_25: dict[str, list[dict[str, Any]]]
    map_path: Path


def run_demo(kg: KG, output: Path) -> DemoSummary:
    """Counts, the citers of each identity of 25-NQ/TW, and the map of the 2013 chain."""
    from kg.views import render_html

    counts = kg.query(_COUNTS)
    assert isinstance(counts, SelectResult)
    row = counts.rows[0]
    try:
        identities = [kg.find("25-NQ/TW")]
    except AmbiguousDocument:
        identities = [kg.find("25-NQ/TW@2003"), kg.find("25-NQ/TW@2013")]
    citers: dict[str, list[dict[str, Any]]] = {}
    for identity in identities:
        key = f"{identity.label} ({identity.date or 'undated'})"
        citers[key] = [c.to_json() for c in kg.cites(identity.iri)]
    map_path = render_html(
        kg.network(trace_of="25-NQ/TW@2013", depth=0),
        output / "map-25-NQ-TW-2013.html",
        layout="briefing",
        title="Nghị quyết 25-NQ/TW (2013): chuỗi thực hiện",
    )
    return DemoSummary(
        documents=int(row["documents"].value),
        references=int(row["references"].value),
        links=int(row["links"].value),
        distinct_cited=int(row["cited"].value),
        citers_of_25=citers,
        map_path=map_path,
    )
