"""The same ingest and answers through a real `oxigraph serve` as through the embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import KG
from tests.oxigraph_server import oxigraph_server

pytestmark = pytest.mark.server


def _answers(kg: KG) -> dict[str, object]:
    trace = kg.trace("25-NQ/TW@2013")
    return {
        "trace": sorted((e.relation, trace.nodes[e.child].label, e.lag_days) for e in trace.edges),
        "cites": sorted((r.document.label, r.relation) for r in kg.cites("217-QĐ/TW")),
        "older": kg.find("25-NQ/TW@2003").iri,
        "conflicts": sorted(
            f.message for f in kg.check().findings if f.check == "conflicting-dates"
        ),
        "stats": kg.stats().to_json(),
    }


def test_server_and_embedded_store_give_the_same_answers(
    tmp_path: Path, corpus_dir: Path, corpus_kg: KG
) -> None:
    with oxigraph_server(tmp_path / "server") as url, KG.open(url) as remote:
        report = remote.ingest([corpus_dir])
        assert report.count("ingested") == 5
        assert remote.ingest([corpus_dir]).count("unchanged") == 5
        assert remote.store.quad_count() == corpus_kg.store.quad_count()
        assert _answers(remote) == _answers(corpus_kg)
