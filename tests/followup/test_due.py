"""`kg due`: the reviews a document should have had, on the sample corpus (where the 2013
resolution 25-NQ/TW had its 5-year sơ kết in 1600-KH/BDVTW and its 10-year tổng kết in
82-KH/BDVTW) and on documents written for these tests."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.api import KG, DueList, ReviewsDue
from kg.cli import app
from tests.followup import written
from tests.oxigraph_server import oxigraph_server

runner = CliRunner()
TEN_YEAR_PLAN = "bdvtw-82-kh-2023.txt"


def _days(later: str, earlier: str) -> int:
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def _single(kg: KG, document: str, as_of: str) -> ReviewsDue:
    result = kg.due(document, as_of=as_of)
    assert isinstance(result, ReviewsDue)
    return result


def _listed(kg: KG, as_of: str) -> DueList:
    result = kg.due(as_of=as_of)
    assert isinstance(result, DueList)
    return result


@pytest.fixture(scope="module")
def without_ten_year_plan(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path
) -> Iterator[KG]:
    """The sample corpus without the plan of the 10-year tổng kết."""
    folder = tmp_path_factory.mktemp("corpus-without-82")
    for path in corpus_dir.glob("*.txt"):
        if path.name != TEN_YEAR_PLAN:
            shutil.copy(path, folder / path.name)
    store = tmp_path_factory.mktemp("store-without-82") / "store"
    with KG.open(store) as kg:
        kg.ingest([folder])
        yield kg


@pytest.fixture(scope="module")
def written_kg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KG]:
    folder = written.write(tmp_path_factory.mktemp("written"))
    with KG.open(tmp_path_factory.mktemp("written-store") / "store") as kg:
        kg.ingest([folder])
        yield kg


def test_the_2013_resolution_had_its_5_and_10_year_reviews(corpus_kg: KG) -> None:
    result = _single(corpus_kg, "25-NQ/TW@2013", "2024-01-01")
    reviews = {review.years: review for review in result.reviews}
    assert sorted(reviews) == [5, 10]
    five, ten = reviews[5], reviews[10]
    assert (five.kind, five.due, five.status) == ("sơ kết", "2018-06-03", "found")
    assert (ten.kind, ten.due, ten.status) == ("tổng kết", "2023-06-03", "found")
    assert [f.document.symbol for f in five.found] == ["1600-KH/BDVTW"]
    assert [f.document.symbol for f in ten.found] == ["82-KH/BDVTW"]
    # Both plans came a little before the anniversary, in its year.
    assert (five.found[0].lag_years, five.found[0].lag_days) == (0, _days("2018-02-28", five.due))
    assert (ten.found[0].lag_years, ten.found[0].lag_days) == (0, _days("2023-05-18", ten.due))
    assert five.found[0].years_stated == (5,) and ten.found[0].years_stated == (10,)


def test_the_bodies_acting_on_it_and_which_reviewed_it(corpus_kg: KG) -> None:
    bodies = {b.body: b for b in _single(corpus_kg, "25-NQ/TW@2013", "2024-01-01").bodies}
    central = bodies["Ban Dân vận Trung ương"]
    assert central.reviewed
    assert sorted(d.symbol or "" for d in central.reviews) == ["1600-KH/BDVTW", "82-KH/BDVTW"]
    assert central.iri == "https://w3id.org/vankien/body/bdvtw"
    assert not bodies["Ban Dân vận Tỉnh ủy Bình Phước"].reviewed
    assert [d.symbol for d in bodies["Ban Dân vận Tỉnh ủy Bình Phước"].documents] == ["36-KH/BDVTU"]
    assert not bodies["Ban Bí thư"].reviewed  # 43-KL/TW continues it: no review


def test_as_of_before_2018_nothing_is_found_or_overdue(corpus_kg: KG) -> None:
    result = _single(corpus_kg, "25-NQ/TW@2013", "2017-06-01")
    assert [(r.years, r.due) for r in result.reviews] == [(5, "2018-06-03"), (10, "2023-06-03")]
    assert {r.status for r in result.reviews} <= {"due", "upcoming"}
    assert all(not r.found for r in result.reviews)
    # The plans of 2018 and 2023 were not written yet: only the convention expects the reviews.
    assert {b.source for r in result.reviews for b in r.bases} == {"convention"}
    listed = _listed(corpus_kg, "2017-06-01")
    assert "25-NQ/TW@2013" not in {e.document.label for e in listed.entries}


def test_without_the_2023_plan_the_10_year_review_is_overdue(without_ten_year_plan: KG) -> None:
    result = _single(without_ten_year_plan, "25-NQ/TW@2013", "2024-06-03")
    reviews = {review.years: review for review in result.reviews}
    assert reviews[5].status == "found"
    ten = reviews[10]
    assert (ten.status, ten.found, ten.due) == ("overdue", (), "2023-06-03")
    assert ten.overdue_days == _days("2024-06-03", "2023-06-03")
    listed = _listed(without_ten_year_plan, "2024-06-03")
    mine = [e.review for e in listed.entries if e.document.label == "25-NQ/TW@2013"]
    assert [(r.years, r.status) for r in mine] == [(10, "overdue")]


def test_the_list_holds_reviews_due_or_overdue_the_most_overdue_first(corpus_kg: KG) -> None:
    listed = _listed(corpus_kg, "2024-01-01")
    assert listed.entries
    assert {e.review.status for e in listed.entries} <= {"overdue", "due"}
    overdue = [e.review.overdue_days for e in listed.entries if e.review.status == "overdue"]
    assert overdue == sorted(overdue, reverse=True)  # (every sample document has its day)
    statuses = [e.review.status for e in listed.entries]
    assert statuses == sorted(statuses, key=lambda s: s != "overdue")
    pairs = {(e.document.label, e.review.years) for e in listed.entries}
    assert ("25-NQ/TW@2003", 5) in pairs  # nothing in the store reviewed it after 5 years
    assert not any(label == "25-NQ/TW@2013" for label, _ in pairs)  # both reviews found
    # Only resolutions, directives and conclusions issued by then.
    assert {e.document.kind for e in listed.entries} <= {"nghi-quyet", "chi-thi", "ket-luan"}
    assert all(e.document.date and e.document.date <= "2024-01-01" for e in listed.entries)


def test_a_review_stated_in_the_documents_own_text(written_kg: KG) -> None:
    result = _single(written_kg, "07-CT/TU", "2020-06-01")
    assert result.own_text == "schedule stated"
    reviews = {review.years: review for review in result.reviews}
    # "hằng năm báo cáo" each year up to the first after the date; "Sau 3 năm sơ kết, 6 năm
    # tổng kết" instead of the conventional 5 and 10.
    assert sorted(reviews) == [1, 2, 3, 4, 5, 6]
    assert (reviews[3].kind, reviews[6].kind, reviews[1].kind) == ("sơ kết", "tổng kết", "báo cáo")
    assert not any(b.source == "convention" for r in result.reviews for b in r.bases)
    assert [f.document.symbol for f in reviews[3].found] == ["30-BC/BCSĐ"]
    assert reviews[3].found[0].lag_days == _days("2019-05-20", "2019-03-15")
    assert (reviews[1].status, reviews[5].status, reviews[6].status) == (
        "overdue",
        "due",
        "upcoming",
    )
    # Each with the phrase of the directive stating it.
    own = {b.phrase for b in reviews[3].bases if b.source == "own_text"}
    assert own == {"Sau 3 năm sơ kết", "định kỳ hằng năm báo cáo"}
    bodies = {b.body: b.reviewed for b in result.bodies}
    assert bodies["Ban Dân vận Tỉnh ủy Hải Dương"] is False
    assert True in bodies.values()


# Before the report of 20 May 2019: the 3-year sơ kết of 15 March 2019 is overdue.
BEFORE_THE_REPORT = "2019-04-01"


def _own_reviews_listed(kg: KG, as_of: str) -> list[tuple[int, str, str, list[str]]]:
    listed = _listed(kg, as_of)
    return [
        (e.review.years, e.review.kind, e.review.status, e.review.record()["basis"])
        for e in listed.entries
        if e.document.symbol == "07-CT/TU"
    ]


def test_the_list_holds_the_reviews_the_directives_own_text_states(written_kg: KG) -> None:
    listed = _own_reviews_listed(written_kg, BEFORE_THE_REPORT)
    # "hằng năm báo cáo" (2017, 2018; 2020 is due within the year) and "Sau 3 năm sơ kết", not
    # the conventional 5-year sơ kết.
    assert (3, "sơ kết", "overdue", ["own_text"]) in listed
    assert [years for years, *_ in listed] == [1, 2, 3, 4]
    # The same reviews as `kg due DOC` gives, those due or overdue.
    single = _single(written_kg, "07-CT/TU", BEFORE_THE_REPORT)
    due = [r.to_json() for r in single.reviews if r.status in ("overdue", "due")]
    entries = _listed(written_kg, BEFORE_THE_REPORT).entries
    assert [e.review.to_json() for e in entries if e.document.symbol == "07-CT/TU"] == due


def test_the_schedule_stays_when_its_file_is_gone(tmp_path: Path, written_kg: KG) -> None:
    folder = written.write(tmp_path / "texts")
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([folder])
        (folder / "ct-07.txt").unlink()
        single = _single(kg, "07-CT/TU", "2020-06-01")
        listed = _own_reviews_listed(kg, BEFORE_THE_REPORT)
    assert single.own_text == "schedule stated"
    assert [(r.years, r.kind) for r in single.reviews if r.years in (3, 6)] == [
        (3, "sơ kết"),
        (6, "tổng kết"),
    ]
    assert single.to_json() == _single(written_kg, "07-CT/TU", "2020-06-01").to_json()
    assert listed == _own_reviews_listed(written_kg, BEFORE_THE_REPORT)
    assert (3, "sơ kết", "overdue", ["own_text"]) in listed


def test_what_the_graph_holds_of_a_documents_own_schedule(written_kg: KG) -> None:
    # The plan was ingested and schedules nothing; the resolution it cites was not ingested.
    assert _single(written_kg, "12-KH/BDVTU", "2020-06-01").own_text == "none stated"
    assert _single(written_kg, "25-NQ/TW@2013", "2020-06-01").own_text == "not ingested"


def test_cli_json_csv_and_a_bad_date(corpus_store: Path) -> None:
    base = ["due", "25-NQ/TW@2013", "--as-of", "2024-01-01", "--store", str(corpus_store)]
    shown = runner.invoke(app, [*base, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    payload = json.loads(shown.output)
    assert set(payload) == {"document", "as_of", "own_text", "reviews", "bodies"}
    assert [r["found"][0]["symbol"] for r in payload["reviews"]] == ["1600-KH/BDVTW", "82-KH/BDVTW"]
    table = runner.invoke(app, [*base, "--format", "csv"])
    assert table.output.startswith("\ufeff")
    lines = table.output.lstrip("\ufeff").splitlines()
    assert lines[0].split(",")[:3] == ["review", "due", "status"]
    assert len(lines) == 3
    wrong = runner.invoke(app, ["due", "--as-of", "2024-13-01", "--store", str(corpus_store)])
    assert wrong.exit_code == 2


def test_an_argument_that_is_no_date_is_refused(corpus_kg: KG) -> None:
    from kg.errors import ArgumentError

    with pytest.raises(ArgumentError, match="YYYY-MM-DD"):
        corpus_kg.due("25-NQ/TW@2013", as_of="last year")


@pytest.mark.server
def test_a_sparql_server_gives_the_same_reviews(
    tmp_path: Path, corpus_dir: Path, corpus_kg: KG, written_kg: KG
) -> None:
    with oxigraph_server(tmp_path / "server") as url, KG.open(url) as remote:
        remote.ingest([corpus_dir])
        for document in ("25-NQ/TW@2013", None):
            here = corpus_kg.due(document, as_of="2024-01-01").to_json()
            assert remote.due(document, as_of="2024-01-01").to_json() == here
        # The directive's own schedule, its file gone: the server holds it as the local store.
        folder = written.write(tmp_path / "texts")
        remote.ingest([folder])
        (folder / "ct-07.txt").unlink()
        single = _single(remote, "07-CT/TU", "2020-06-01")
        assert single.own_text == "schedule stated"
        assert single.to_json() == _single(written_kg, "07-CT/TU", "2020-06-01").to_json()
        listed = _own_reviews_listed(remote, BEFORE_THE_REPORT)
        assert (3, "sơ kết", "overdue", ["own_text"]) in listed
