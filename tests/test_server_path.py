"""The same ingest and answers through a SPARQL server as through the embedded store.

Each test runs against a real `oxigraph serve` and a real Virtuoso (Debian's
`virtuoso-opensource`), both started on loopback; a missing server skips its tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from kg.api import KG
from kg.namespaces import KIND, PROV, RELATION_PROPERTIES
from kg.store import SelectResult
from tests.oxigraph_server import oxigraph_server
from tests.virtuoso_server import virtuoso_server

pytestmark = pytest.mark.server

SERVERS: dict[str, Callable[[Path], AbstractContextManager[str]]] = {
    "oxigraph": oxigraph_server,
    "virtuoso": virtuoso_server,
}

# Answers kg orders itself, whatever order the engine returns rows in (SPARQL leaves it to the
# engine, and Oxigraph and Virtuoso differ): compared as they are, lists in order. The others
# are compared with their lists as sets. When several citations state one link, every answer
# shows the same one (`kg.queries.citations.citation_order`), so its sentence is compared too.
_ORDERED = frozenset({"trace", "trace up", "cites", "show", "check"})

# Every write states when it happened; two ingests never agree on it.
_WRITTEN_AT = f"<{PROV}generatedAtTime>"


@pytest.fixture(params=sorted(SERVERS))
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with SERVERS[request.param](tmp_path / request.param) as url:
        yield url


def _unordered(value: object) -> object:
    """A JSON answer with its lists as sorted lists."""
    if isinstance(value, dict):
        return {k: _unordered(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [_unordered(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _rows(result: object) -> object:
    if isinstance(result, SelectResult):
        return sorted(
            json.dumps({k: str(v) for k, v in row.items()}, sort_keys=True, ensure_ascii=False)
            for row in result.rows
        )
    if isinstance(result, list):
        return sorted(str(triple) for triple in result)
    return result


def _quads(kg: KG, folder: Path) -> set[str]:
    """What `kg export` writes, as N-Quads lines, less the time of each write."""
    output = kg.export(folder / "export.nq")
    lines = output.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if _WRITTEN_AT not in line}


def _named_query_params(kg: KG) -> dict[str, dict[str, str]]:
    """Parameters for every shipped query that takes any, read from the sample corpus."""
    plan = "82-KH/BDVTW"
    found = kg.query(
        "SELECT ?g ?src ?path WHERE { GRAPH ?g { ?src <https://w3id.org/vankien/ontology#path> "
        '?path FILTER(STRENDS(?path, "/bdvtw-82-kh-2023.txt")) } }'
    )
    task = kg.run_named("tasks_all")
    names = kg.run_named("task_body_names")
    assert isinstance(found, SelectResult) and isinstance(task, SelectResult)
    assert isinstance(names, SelectResult)
    graph, source, path = (found.rows[0][k].value for k in ("g", "src", "path"))
    doc = {"doc": "25-NQ/TW@2013"}
    reviews = f"<{RELATION_PROPERTIES['reviews']}>"
    implements = f"<{RELATION_PROPERTIES['implements']}>"
    return {
        "chain_edges_by": {"doc": plan, "relation": reviews},
        "chain_edges_of": doc | {"relation": reviews},
        "chain_links_by": {"doc": plan, "relation": reviews},
        "chain_links_of": doc | {"relation": reviews},
        "document_own_facts": {"doc": plan, "g": f"<{graph}>"},
        "documents_by_number": {"concept": f"<{KIND}nghi-quyet>", "number": "25"},
        "documents_by_symbol": {"symbol": "25-NQ/TW"},
        "documents_from_source": {"path": path},
        "documents_issued_by": {"body": "<https://w3id.org/vankien/body/bdvtw>"},
        "documents_numbered": {"number": "217"},
        "provinces_ingested_among": {"province": "<https://w3id.org/vankien/place/binh-phuoc>"},
        "relation_evidence": {"doc": "1600-KH/BDVTW", "relation": implements},
        "resource_labels": {"x": "<https://w3id.org/vankien/body/bdvtw>"},
        "relations_between": {"relation": implements},
        "source_files_named": {"name": "/bdvtw-82-kh-2023.txt"},
        "source_paths": {"src": f"<{source}>"},
        "symbols_shared": {"symbol": "25-NQ/TW"},
        "task_facts": {"task": f"<{min(t.value for t in task.values('task'))}>"},
        "tasks_in_graphs": {"g": f"<{graph}>"},
        "tasks_of_bodies": {"body": "<https://w3id.org/vankien/body/bdvtw>"},
        "tasks_of_body_names": {"name": min(t.value for t in names.values("name"))},
        "tasks_of_plans": {"plan": plan},
    }


def _answers(kg: KG, folder: Path) -> dict[str, object]:
    """What the commands answer on the sample corpus, each as its JSON output."""
    as_of = "2024-01-01"
    answers: dict[str, object] = {
        "trace": kg.trace("25-NQ/TW@2013").to_json(),
        "trace up": kg.trace("1600-KH/BDVTW", up=True).to_json(),
        "cites": [c.to_json() for c in kg.cites("217-QĐ/TW")],
        "show": [kg.show(d).to_json() for d in ("25-NQ/TW@2013", "217-QĐ/TW", "82-KH/BDVTW")],
        "older": kg.find("25-NQ/TW@2003").iri,
        "search": [kg.search(w).to_json() for w in ("nghi quyet 25 dan van", "Đảng ủy")],
        "coverage": kg.coverage("217-QĐ/TW").to_json(),
        "stats": kg.stats().to_json(),
        "check": kg.check().to_json(),
        "due": [kg.due(d, as_of=as_of).to_json() for d in ("25-NQ/TW@2013", None)],
        "followup": kg.followup("25-NQ/TW@2013", as_of=as_of).to_json(),
        "tasks": kg.tasks().to_json(),
        "export": sorted(_quads(kg, folder)),
    }
    params = _named_query_params(kg)
    for name, query in kg.named_queries().items():
        given = params.get(name, {"doc": "25-NQ/TW@2013"} if "doc" in query.params else {})
        answers[f"query {name}"] = _rows(kg.run_named(name, given))
    return answers


def test_server_and_embedded_store_give_the_same_answers(
    server: str, tmp_path: Path, corpus_dir: Path, corpus_kg: KG
) -> None:
    with KG.open(server) as remote:
        report = remote.ingest([corpus_dir])
        assert report.count("ingested") == 5, [o.message for o in report.failed]
        assert remote.ingest([corpus_dir]).count("unchanged") == 5
        assert remote.store.quad_count() == corpus_kg.store.quad_count()
        assert remote.store.graphs() == corpus_kg.store.graphs()
        here = _answers(corpus_kg, tmp_path / "embedded")
        there = _answers(remote, tmp_path / "server")
    assert set(there) == set(here)
    for name, answer in here.items():
        if name in _ORDERED:
            assert there[name] == answer, name
        else:
            assert _unordered(there[name]) == _unordered(answer), name


def test_bulk_into_the_server_gives_the_graph_of_bulk_into_the_embedded_store(
    server: str, tmp_path: Path, corpus_dir: Path
) -> None:
    with KG.open(tmp_path / "embedded") as embedded:
        assert embedded.ingest([corpus_dir], bulk=True).count("ingested") == 5
        expected = _quads(embedded, tmp_path)
    with KG.open(server) as remote:
        report = remote.ingest([corpus_dir], jobs=2, bulk=True)
        assert report.count("ingested") == 5, [o.message for o in report.failed]
        assert _quads(remote, tmp_path) == expected
        # A file removed from the server takes exactly its graph with it.
        graph = next(g for g in remote.store.graphs() if "bdvtw-82-kh-2023" in g)
        assert remote.remove(corpus_dir / "bdvtw-82-kh-2023.txt")
        assert graph not in remote.store.graphs()
        assert remote.store.quad_count(graph) == 0
        assert remote.ingest([corpus_dir]).count("ingested") == 1


def test_a_file_read_again_replaces_its_graph_on_the_server(
    server: str, tmp_path: Path, corpus_dir: Path
) -> None:
    text = (corpus_dir / "bdvtw-82-kh-2023.txt").read_text(encoding="utf-8")
    folder = tmp_path / "texts"
    folder.mkdir()
    plan = folder / "plan.txt"
    with KG.open(server) as remote, KG.open(tmp_path / "embedded") as embedded:
        counts = []
        for version in (text, text[: len(text) // 2]):
            plan.write_text(version, encoding="utf-8")
            for kg in (remote, embedded):
                assert kg.ingest([folder]).count("ingested") == 1
            counts.append(remote.store.quad_count())
            assert counts[-1] == embedded.store.quad_count()
            assert _quads(remote, tmp_path / "r") == _quads(embedded, tmp_path / "e")
        assert counts[1] < counts[0]
