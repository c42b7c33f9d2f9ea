"""The catalog a bulk run resolves against: the documents already in the store are known to it as
they are to a file written alone (`StoreKnownDocuments`), read from the side file in one row a
document rather than from every statement of every file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.api import KG
from kg.bulk.catalog import CatalogKnownDocuments, Fact, RunCatalog
from kg.namespaces import ELI, PROV, VK
from kg.queries.known import StoreKnownDocuments
from kg.resolve import KnownDocument
from kg.store import SelectResult

Lookup = tuple[str, str | None, str | None]  # (kind, number, symbol)


@pytest.fixture(params=["sample corpus", "synthetic corpus"])
def written(
    request: pytest.FixtureRequest, tmp_path: Path, corpus_store: Path, bulk_store: Path
) -> Iterator[KG]:
    """A store open to write (the side file's rows): the sample corpus written file by file,
    or the synthetic one, whose files restate documents with conflicting facts."""
    shutil.copytree(
        corpus_store if request.param == "sample corpus" else bulk_store, tmp_path / "s"
    )
    with KG.open(tmp_path / "s") as kg:
        yield kg


def _lookups(kg: KG) -> list[Lookup]:
    """A lookup by every number and symbol any file states, with the document's kind."""
    result = kg.store.query(
        f"SELECT DISTINCT ?kind ?number ?symbol WHERE {{ ?doc <{ELI}type_document> ?type "
        f'BIND(REPLACE(STR(?type), "^.*/", "") AS ?kind) '
        f"{{ ?doc <{ELI}number> ?number }} UNION {{ ?doc <{VK}symbol> ?symbol }} }}"
    )
    assert isinstance(result, SelectResult)
    found = [
        (row["kind"].value, row["number"].value if "number" in row else None, None)
        if "number" in row
        else (row["kind"].value, None, row["symbol"].value)
        for row in result.rows
    ]
    return sorted(set(found), key=str)


def _known(catalog: Path, lookups: list[Lookup]) -> dict[Lookup, list[KnownDocument]]:
    known = CatalogKnownDocuments(catalog)
    return {lookup: known.lookup(*lookup) for lookup in lookups}


def test_the_store_s_documents_are_known_as_to_a_file_written_alone(
    written: KG, tmp_path: Path
) -> None:
    lookups = _lookups(written)
    assert len(lookups) > 50 and any(symbol for _, _, symbol in lookups)
    catalog = RunCatalog(tmp_path / "catalog.sqlite")
    catalog.add_store(written.store, written.side_store)
    catalog.finish()
    alone = StoreKnownDocuments(written.store)
    expected = {lookup: alone.lookup(*lookup) for lookup in lookups}
    assert any(len(found) == 1 for found in expected.values())
    assert _known(catalog.path, lookups) == expected


def test_without_a_side_file_the_statements_find_the_same_documents(
    written: KG, tmp_path: Path
) -> None:
    lookups = _lookups(written)
    kept, stated = RunCatalog(tmp_path / "kept.sqlite"), RunCatalog(tmp_path / "stated.sqlite")
    kept.add_store(written.store, written.side_store)
    stated.add_store(written.store)
    kept.finish()
    stated.finish()
    by_kept, by_statements = _known(kept.path, lookups), _known(stated.path, lookups)
    assert {k: [d.iri for d in v] for k, v in by_kept.items()} == {
        k: [d.iri for d in v] for k, v in by_statements.items()
    }


def test_a_document_stated_under_two_symbols_is_found_by_either(
    written: KG, tmp_path: Path
) -> None:
    document = next(iri for iri in _ingested(written))
    graph = next(g for g in written.store.graphs() if "/graph/source/" in g)
    written.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <{document}> <{VK}symbol> "999-NQ/TW" }} }}')
    written.stats()  # a writer settles the side file after an update
    catalog = RunCatalog(tmp_path / "catalog.sqlite")
    catalog.add_store(written.store, written.side_store)
    catalog.finish()
    kind = written.catalog.summary(document).kind
    assert kind is not None
    lookup = (kind, None, "999-NQ/TW")
    assert [d.iri for d in _known(catalog.path, [lookup])[lookup]] == [document]


def test_a_document_s_own_file_outweighs_what_the_run_restates(written: KG, tmp_path: Path) -> None:
    """A run's file citing a document the store holds with its own file, under another date,
    does not move the date resolution compares mentions with."""
    catalog = RunCatalog(tmp_path / "catalog.sqlite")
    catalog.add_store(written.store, written.side_store)
    documents = [written.catalog.summary(iri) for iri in _ingested(written)]
    dated = [d for d in documents if d.date and d.symbol and d.kind]
    assert dated
    catalog.add([Fact(d.iri, d.kind, d.number, d.symbol, "1900-01-01") for d in dated])
    catalog.finish()
    known = _known(catalog.path, [(d.kind or "", None, d.symbol) for d in dated])
    dates = {found.iri: found.date for docs in known.values() for found in docs}
    assert {d.iri: dates[d.iri] for d in dated} == {d.iri: d.date for d in dated}


def _ingested(kg: KG) -> list[str]:
    result = kg.store.query(
        f"SELECT DISTINCT ?doc WHERE {{ ?doc a <{VK}Document> ; <{PROV}wasDerivedFrom> ?file }} "
        "ORDER BY ?doc"
    )
    assert isinstance(result, SelectResult)
    return [row["doc"].value for row in result.rows]
