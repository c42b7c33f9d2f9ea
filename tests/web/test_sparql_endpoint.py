"""The /sparql endpoint speaks the SPARQL 1.1 Protocol: a standard client gets the answers the
library gives, updates are refused, and runaway or oversized queries are stopped."""

from __future__ import annotations

import csv
import io
import time
import urllib.error
import xml.etree.ElementTree as ET

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper

from kg.api import KG
from kg.store import SelectResult
from tests.web.conftest import MAX_ROWS, QUERY_TIMEOUT

PREFIXES = """PREFIX vk: <https://w3id.org/vankien/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
"""
CITATIONS = (
    PREFIXES
    + """SELECT ?citing ?relation ?cited WHERE {
  ?c vk:citingDocument ?citing ; vk:relation ?relation ; vk:citedDocument ?cited .
}"""
)
TITLES = PREFIXES + "SELECT ?doc ?title WHERE { ?doc eli:title ?title }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
INSERT = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
ASK_INSERTED = "ASK { <urn:x:a> <urn:x:b> <urn:x:c> }"


def client(web_url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{web_url}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def library_rows(kg: KG, query: str) -> list[tuple[str, ...]]:
    result = kg.query(query)
    assert isinstance(result, SelectResult)
    return sorted(
        tuple(str(row[v]) if v in row else "" for v in result.variables) for row in result.rows
    )


def _term(binding: dict[str, str]) -> str:
    """A SPARQL JSON binding back in N-Triples syntax, to compare with pyoxigraph's terms."""
    if binding["type"] == "uri":
        return str(ox.NamedNode(binding["value"]))
    if "xml:lang" in binding:
        return str(ox.Literal(binding["value"], language=binding["xml:lang"]))
    datatype = binding.get("datatype")
    return str(ox.Literal(binding["value"], datatype=ox.NamedNode(datatype) if datatype else None))


@pytest.mark.parametrize("query", [CITATIONS, TITLES], ids=["citations", "titles"])
def test_a_sparql_client_gets_the_answers_of_the_library(
    web_url: str, corpus_kg: KG, query: str
) -> None:
    answer = client(web_url, query).queryAndConvert()
    assert isinstance(answer, dict)
    variables = answer["head"]["vars"]
    remote = sorted(
        tuple(_term(b[v]) if v in b else "" for v in variables)
        for b in answer["results"]["bindings"]
    )
    local = library_rows(corpus_kg, query)
    assert len(local) > 10
    assert remote == local


def test_csv_and_xml_results_carry_the_same_rows(web_url: str, corpus_kg: KG) -> None:
    local = corpus_kg.query(CITATIONS)
    assert isinstance(local, SelectResult)
    plain = sorted((r["citing"].value, r["relation"].value, r["cited"].value) for r in local.rows)

    text = client(web_url, CITATIONS, CSV).query().response.read().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["citing", "relation", "cited"]
    assert sorted(tuple(r) for r in rows[1:]) == plain

    root = ET.fromstring(client(web_url, CITATIONS, XML).query().response.read())
    ns = "{http://www.w3.org/2005/sparql-results#}"
    found = sorted(
        tuple(
            result.findtext(f"{ns}binding[@name='{name}']/{ns}uri")
            for name in ("citing", "relation", "cited")
        )
        for result in root.iter(f"{ns}result")
    )
    assert found == plain


def test_ask_and_construct_work(web_url: str, corpus_kg: KG) -> None:
    ask = client(web_url, PREFIXES + "ASK { ?c vk:citedDocument ?d }").queryAndConvert()
    assert ask == {"head": {}, "boolean": True}
    construct = (
        PREFIXES
        + "CONSTRUCT { ?a vk:cites ?b } WHERE { ?c vk:citingDocument ?a ; vk:citedDocument ?b }"
    )
    response = httpx.get(
        f"{web_url}/sparql",
        params={"query": construct},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-triples")
    remote = {q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)}
    local = corpus_kg.query(construct)
    assert isinstance(local, list)
    assert remote == set(local)


def test_update_is_refused_by_the_read_only_endpoint(web_url: str) -> None:
    sparql = client(web_url, INSERT)
    sparql.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    direct = httpx.post(
        f"{web_url}/sparql", content=INSERT, headers={"Content-Type": "application/sparql-update"}
    )
    assert direct.status_code == 403
    smuggled = httpx.get(f"{web_url}/sparql", params={"query": INSERT})
    assert smuggled.status_code == 403
    assert client(web_url, ASK_INSERTED).queryAndConvert()["boolean"] is False


def test_a_runaway_query_is_cut_off_and_the_endpoint_recovers(web_url: str) -> None:
    started = time.monotonic()
    response = httpx.get(f"{web_url}/sparql", params={"query": RUNAWAY}, timeout=60)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "time limit" in response.text
    assert elapsed < QUERY_TIMEOUT + 30  # cut off, not run to completion (it never would)
    after = client(web_url, "ASK { ?s ?p ?o }").queryAndConvert()
    assert after["boolean"] is True


def test_a_result_over_the_row_cap_is_refused_with_a_reason(web_url: str) -> None:
    response = httpx.get(f"{web_url}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert f"more than {MAX_ROWS} rows" in response.text
    limited = f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"
    answer = client(web_url, limited).queryAndConvert()
    assert len(answer["results"]["bindings"]) == MAX_ROWS


def test_invalid_sparql_is_a_400_with_the_parser_message(web_url: str) -> None:
    response = httpx.get(f"{web_url}/sparql", params={"query": "SELECT WHERE nonsense"})
    assert response.status_code == 400
    assert "invalid SPARQL" in response.text


def test_a_browser_gets_the_query_editor_with_a_result_table(web_url: str) -> None:
    html = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    editor = httpx.get(f"{web_url}/sparql", headers=html)
    assert editor.status_code == 200 and "<textarea" in editor.text
    query = PREFIXES + "SELECT ?symbol WHERE { ?d vk:symbol ?symbol } ORDER BY ?symbol"
    table = httpx.get(f"{web_url}/sparql", params={"query": query}, headers=html)
    assert table.status_code == 200
    assert "<td>25-NQ/TW</td>" in table.text


def test_the_source_link_reads_only_files_recorded_in_the_graph(web_url: str) -> None:
    for graph in ("../../../../etc/passwd", "file:///etc/passwd", "/etc/passwd"):
        response = httpx.get(
            f"{web_url}/source", params={"graph": graph, "start": "0", "end": "10"}
        )
        assert response.status_code in (400, 404), graph
        assert "root:" not in response.text


def test_an_oversized_request_body_is_refused_unread(web_url: str) -> None:
    body = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (2 * 1024 * 1024)
    response = httpx.post(
        f"{web_url}/sparql", content=body, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 400
    assert "request body is over" in response.text


def test_tsv_results_keep_full_term_syntax(web_url: str, corpus_kg: KG) -> None:
    response = httpx.get(
        f"{web_url}/sparql",
        params={"query": TITLES},
        headers={"Accept": "text/tab-separated-values"},
    )
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert lines[0] == "?doc\t?title"
    assert sorted(tuple(line.split("\t")) for line in lines[1:]) == library_rows(corpus_kg, TITLES)
