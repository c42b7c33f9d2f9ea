"""`kg followup`: the bodies a document was sent to, what each issued acting on it, and who else
acted on it; on the two sample plans that have a "Nơi nhận" and on documents written for these
tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.api import KG
from kg.cli import app
from kg.followup.recipients import _receivers, _Wanted
from tests.followup import written

runner = CliRunner()
BODY = "https://w3id.org/vankien/body/"
HAI_DUONG_PLAN = "haiduong-bdvtu-kh-hanh-dong-2021.txt"
HAI_PHONG_PLAN = "haiphong-bdvtu-kh-2023.txt"


@pytest.fixture(scope="module")
def written_kg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KG]:
    folder = written.write(tmp_path_factory.mktemp("written"))
    with KG.open(tmp_path_factory.mktemp("written-store") / "store") as kg:
        kg.ingest([folder])
        yield kg


@pytest.mark.parametrize(
    ("plan", "named"),
    [
        (
            HAI_DUONG_PLAN,
            {
                "Ban Dân vận Trung ương": BODY + "bdvtw",
                "Thường trực Tỉnh ủy": BODY + "hai-duong/tu",
                "Các huyện ủy, thị ủy, thành ủy": None,
            },
        ),
        (
            HAI_PHONG_PLAN,
            {
                "Ban Dân vận Trung ương": BODY + "bdvtw",
                "Thường trực Thành ủy": BODY + "hai-phong/tu",
                "Các quận ủy, huyện ủy, đảng ủy trực thuộc Thành ủy": None,
            },
        ),
    ],
    ids=["haiduong", "haiphong"],
)
def test_the_recipients_of_the_sample_plans(
    corpus_kg: KG, corpus_dir: Path, plan: str, named: dict[str, str | None]
) -> None:
    result = corpus_kg.followup(str(corpus_dir / plan))
    bodies = {r.name: r.body for r in result.recipients}
    # Each line of the "Nơi nhận" as written, with the body it stands for (none for a group).
    assert {name: bodies.get(name, "missing") for name in named} == named
    # Nothing in the sample acts on these plans.
    assert all(r.status in ("none found", "body unknown") for r in result.recipients)
    assert result.others == ()


def test_a_recipient_that_acted_and_a_body_that_was_not_sent_it(written_kg: KG) -> None:
    result = written_kg.followup("07-CT/TU")
    by_name = {r.name: r for r in result.recipients}
    assert set(by_name) >= {"Ban Dân vận Trung ương", "Ban Dân vận Tỉnh ủy"}
    acted = by_name["Ban Dân vận Tỉnh ủy"]
    assert acted.body == BODY + "hai-duong/bdvtu"
    assert [(a.document.symbol, a.relation) for a in acted.documents] == [
        ("12-KH/BDVTU", "implements")
    ]
    assert acted.documents[0].lag_days == (date(2016, 4, 10) - date(2016, 3, 15)).days
    assert by_name["Ban Dân vận Trung ương"].status == "none found"
    assert by_name["Các huyện ủy, thị ủy, thành ủy"].status == "body unknown"
    # The review report came from a body the directive was not sent to.
    assert [a.document.symbol for a in result.others] == ["30-BC/BCSĐ"]
    assert "reviews" in result.others[0].relations


def test_as_of_a_day_only_what_was_issued_by_then_counts(written_kg: KG) -> None:
    # The plan came on 2016-04-10, the review report on 2019-05-20.
    before_the_plan = written_kg.followup("07-CT/TU", as_of="2016-04-01")
    assert all(not r.documents for r in before_the_plan.recipients)
    assert before_the_plan.others == ()
    assert before_the_plan.to_json()["as_of"] == "2016-04-01"
    before_the_report = written_kg.followup("07-CT/TU", as_of="2018-12-31")
    acted = {r.name: r for r in before_the_report.recipients}["Ban Dân vận Tỉnh ủy"]
    assert [a.document.symbol for a in acted.documents] == ["12-KH/BDVTU"]
    assert before_the_report.others == ()
    assert written_kg.followup("07-CT/TU").to_json()["as_of"] is None


def test_a_document_of_a_body_under_a_recipient_answers_for_it() -> None:
    parents = {BODY + "x/btv": BODY + "x/tu", BODY + "x/bdv": BODY + "x/tu"}
    province_committee = _Wanted("Tỉnh ủy", BODY + "x/tu", ["recipient"], [])
    mobilisation = _Wanted("Ban Dân vận", BODY + "x/bdv", ["recipient"], [])
    wanted = {BODY + "x/tu": [province_committee], BODY + "x/bdv": [mobilisation]}
    assert _receivers([BODY + "x/btv"], wanted, parents) == [province_committee]
    # Its own recipient line first: the body above it answers only when it was not sent it.
    assert _receivers([BODY + "x/bdv"], wanted, parents) == [mobilisation]
    assert _receivers([BODY + "y/tu"], wanted, parents) == []


def test_cli_csv_and_json(corpus_store: Path, corpus_dir: Path) -> None:
    base = ["followup", str(corpus_dir / HAI_PHONG_PLAN), "--store", str(corpus_store)]
    table = runner.invoke(app, [*base, "--format", "csv"])
    assert table.exit_code == 0, table.output
    assert table.output.startswith("\ufeff")
    header, *rows = table.output.lstrip("\ufeff").splitlines()
    assert header == "recipient,body,as,status,documents,body_iri"
    assert any(row.startswith("Ban Dân vận Trung ương,") and "none found" in row for row in rows)
    shown = runner.invoke(app, [*base, "--format", "json"])
    payload = json.loads(shown.output)
    assert set(payload) == {"document", "as_of", "recipients", "others"}
    assert {"name", "body", "sources", "status", "documents"} <= set(payload["recipients"][0])
