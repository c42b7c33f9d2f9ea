"""Every row of every pattern table: its example must match and its near miss must not."""

from __future__ import annotations

import re

import pytest

from kg.extract import extract, tables
from kg.extract.mentions import find_mentions
from kg.extract.repair import repair_marks
from kg.textnorm import normalize


def _rows(name: str) -> list[tables.TableRow]:
    return list(tables.load_table(name))


def _kinds(text: str) -> list[str]:
    return [reference.kind for reference in extract(text).references]


@pytest.mark.parametrize("row", _rows("type_words"), ids=lambda r: r["pattern"])
def test_type_word(row: tables.TableRow) -> None:
    assert row["kind"] in _kinds(row.example)
    assert row["kind"] not in _kinds(row.near_miss)


@pytest.mark.parametrize("row", _rows("type_codes"), ids=lambda r: r["code"])
def test_type_code(row: tables.TableRow) -> None:
    found = find_mentions(normalize(row.example))
    assert [m.kind for m in found] == [row["kind"]]
    assert find_mentions(normalize(row.near_miss)) == []


@pytest.mark.parametrize("row", _rows("issuer_codes"), ids=lambda r: r["variant"])
def test_issuer_code(row: tables.TableRow) -> None:
    symbols = [r.symbol for r in extract(row.example).references]
    assert len(symbols) == 1 and symbols[0] is not None
    assert row["code"] in symbols[0].replace("/", "-").split("-")
    assert all(r.symbol is None for r in extract(row.near_miss).references)


@pytest.mark.parametrize("row", _rows("relation_verbs"), ids=lambda r: r["pattern"])
def test_relation_verb(row: tables.TableRow) -> None:
    if row["kind"] == "link":
        # A link cue only acts inside a cited document's title.
        text = f"Thực hiện Hướng dẫn số 05-HD/TU ngày 02/3/2020 của Tỉnh ủy {row.example}"
        links = extract(text).links
        assert [link.relation for link in links] == [row["relation"]]
    else:
        assert extract(row.example).references[0].relation == row["relation"]
    assert extract(row.near_miss).references[0].relation != row["relation"] or (
        row["kind"] == "link" and not extract(row.near_miss).links
    )


@pytest.mark.parametrize("row", _rows("relation_verbs"), ids=lambda r: r["pattern"])
def test_relation_verb_starts_list_the_first_word_of_a_match(row: tables.TableRow) -> None:
    # Cues are searched for by their first words; a missing one would hide the cue. They are
    # looked for where citations read as \x00, as the relation reader masks them.
    example = normalize(row.example).lower()
    for reference in extract(row.example).references:
        span = reference.end - reference.start
        example = example[: reference.start] + "\x00" * span + example[reference.end :]
    match = re.search(rf"(?<!\w)(?:{row['pattern']})(?!\w)", example)
    assert match is not None
    assert any(match.group(0).startswith(word) for word in row["starts"].split())


@pytest.mark.parametrize("row", _rows("repair_words"), ids=lambda r: r["word"])
def test_repair_word(row: tables.TableRow) -> None:
    damaged = normalize(row.example)
    repaired = repair_marks(damaged)
    assert len(repaired) == len(damaged)
    assert row["word"] in repaired.lower()
    assert extract(row.example).references
    assert repair_marks(normalize(row.near_miss)) == normalize(row.near_miss)


@pytest.mark.parametrize("row", _rows("ordinals"), ids=lambda r: r["word"])
def test_ordinal(row: tables.TableRow) -> None:
    references = extract(row.example).references
    assert [r.plenum.ordinal if r.plenum else None for r in references] == [int(row["value"])]
    assert extract(row.near_miss).references == []


@pytest.mark.parametrize("row", _rows("congress_dates"), ids=lambda r: r["ordinal"])
def test_congress(row: tables.TableRow) -> None:
    references = extract(row.example).references
    assert len(references) == 1
    assert references[0].congress is not None
    assert references[0].congress.ordinal == row["ordinal"]
    assert references[0].year == int(row["year"])
    assert extract(row.near_miss).references == []
