"""What changed: the change log that both ingest paths keep, `kg changes` and the watch list.

Each test ingests a copy of (part of) the sample corpus into its own store, edits a text the way
a corrected or newly published version would differ, ingests again and asks what changed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.api import KG, ChangeReport
from kg.changes.log import ChangeLog
from kg.cli import main
from kg.errors import AmbiguousDocument, ArgumentError, StoreError
from kg.graph.terms import date_time
from kg.identity import source_graph_iri
from kg.namespaces import PROV
from kg.store import OxigraphStore, SelectResult

PLAN = "binhphuoc-36-kh-bdvtu-2021.txt"
# Two edits of the plan: its own date, and the programme it is based on.
OWN_DATE = ("Bình Phước, ngày 17 tháng 8 năm 2021", "Bình Phước, ngày 18 tháng 8 năm 2021")
BASED_ON = ("Căn cứ Chương trình số 04-CTr/TU", "Căn cứ Chương trình số 05-CTr/TU")
# A new plan, written for these tests, that reviews and implements the 2013 resolution.
NEW_PLAN = """TỈNH ỦY BÌNH PHƯỚC
BAN DÂN VẬN
*
Số 41-KH/BDVTU

ĐẢNG CỘNG SẢN VIỆT NAM
Bình Phước, ngày 15 tháng 3 năm 2024

KẾ HOẠCH
tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa XI)

Thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI về \
tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới, Ban Dân \
vận Tỉnh ủy xây dựng kế hoạch như sau.
"""


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _facts(report: ChangeReport) -> set[tuple[str, str, str, str]]:
    return {(f.change, f.iri, f.fact, f.value) for file in report.files for f in file.facts}


def _edges(report: ChangeReport) -> set[tuple[str, str, str, str]]:
    return {(e.change, e.source, e.relation, e.target) for f in report.files for e in f.edges}


def _placed(*documents: str) -> bool:
    return not any("/doc/unplaced/" in iri for iri in documents)


@pytest.fixture()
def corpus(tmp_path: Path, corpus_dir: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir, folder)
    return folder


@pytest.fixture()
def kg(tmp_path: Path) -> Iterator[KG]:
    with KG.open(tmp_path / "store") as opened:
        yield opened


def test_a_reingested_file_shows_exactly_its_fact_and_edge_changes(kg: KG, corpus: Path) -> None:
    kg.ingest([corpus])
    plan = kg.find("36-KH/BDVTU").iri
    old_programme = kg.find("04-CTr/TU").iri
    before = _now()
    _edit(corpus / PLAN, BASED_ON)
    assert kg.ingest([corpus]).count("unchanged") == 4
    new_programme = kg.find("05-CTr/TU").iri

    report = kg.changes(before)
    assert [(Path(f.file).name, f.action) for f in report.files] == [(PLAN, "reingested")]
    assert _facts(report) == set()
    edges = _edges(report)
    assert ("removed", plan, "based_on", old_programme) in edges
    assert ("added", plan, "based_on", new_programme) in edges
    # Every edge that changed is one the programme's new number moved, and only that; but for
    # documents whose body no text places, which are scoped by the text they were read in (its
    # digest), so that any edit of the text names them anew.
    removed = {(s, r, t) for change, s, r, t in edges if change == "removed" and _placed(s, t)}
    added = {(s, r, t) for change, s, r, t in edges if change == "added" and _placed(s, t)}
    assert all(old_programme in (s, t) for s, _, t in removed)
    swap = {old_programme: new_programme}
    assert {(swap.get(s, s), r, swap.get(t, t)) for s, r, t in removed} == added
    # The programme no longer in the store is named by its kind and number.
    assert {e.target_label for f in report.files for e in f.edges if e.target == old_programme} == {
        "Chương trình 4"
    }

    # A new date of the plan is a fact of its own.
    before = _now()
    _edit(corpus / PLAN, OWN_DATE)
    kg.ingest([corpus])
    report = kg.changes(before)
    assert [Path(f.file).name for f in report.files] == [PLAN]
    assert _facts(report) == {
        ("removed", plan, "date", "2021-08-17"),
        ("added", plan, "date", "2021-08-18"),
    }

    # Re-ingesting the unchanged folder is no change at all.
    again = _now()
    assert kg.ingest([corpus]).count("unchanged") == 5
    assert kg.changes(again).files == []


def test_changes_since_a_date_before_the_first_ingest_lists_every_file(
    kg: KG, corpus: Path
) -> None:
    kg.ingest([corpus])
    report = kg.changes("2000-01-01")
    names = sorted(Path(f.file).name for f in report.files)
    assert names == sorted(p.name for p in corpus.glob("*.txt"))
    assert {f.action for f in report.files} == {"ingested"}
    plan = next(f for f in report.files if f.file.endswith(PLAN))
    assert ("symbol", "36-KH/BDVTU") in {(f.fact, f.value) for f in plan.facts}
    assert {f.change for f in [*plan.facts, *plan.edges]} == {"added"}


def test_since_last_starts_where_the_previous_report_ended(kg: KG, corpus: Path) -> None:
    kg.ingest([corpus / PLAN])
    first = kg.changes(since_last=True)  # no report before: the whole log
    assert first.since is None and len(first.files) == 1
    second = kg.changes(since_last=True)
    assert second.since == first.until and second.files == []
    shutil.copy(corpus / "bdvtw-82-kh-2023.txt", corpus / "copy.txt")
    kg.ingest([corpus / "copy.txt"])
    watched = kg.watch_report(since_last=True)  # a watch report moves the mark too
    assert watched.since == second.until
    third = kg.changes(since_last=True)
    assert third.since == watched.until and third.files == []
    assert [Path(f.file).name for f in kg.changes(second.until).files] == ["copy.txt"]


def test_a_removed_file_is_listed_with_the_facts_it_took_away(kg: KG, corpus: Path) -> None:
    kg.ingest([corpus / PLAN, corpus / "bdvtw-82-kh-2023.txt"])
    plan = kg.find("36-KH/BDVTU").iri
    before = _now()
    assert kg.remove(corpus / PLAN)
    report = kg.changes(before)
    [removed] = report.files
    assert (Path(removed.file).name, removed.action) == (PLAN, "removed")
    assert ("removed", plan, "symbol", "36-KH/BDVTU") in _facts(report)
    assert {f.change for f in [*removed.facts, *removed.edges]} == {"removed"}
    # The store no longer knows the plan: it is named by the symbol its file stated.
    assert {f.label for f in removed.facts} == {"36-KH/BDVTU"}


def test_a_file_ingested_and_removed_in_the_period_changed_nothing(kg: KG, corpus: Path) -> None:
    before = _now()
    kg.ingest([corpus / PLAN])
    kg.remove(corpus / PLAN)
    assert kg.changes(before).files == []


def test_watch_report_shows_a_new_document_citing_the_watched_one(kg: KG, corpus: Path) -> None:
    kg.ingest([corpus / "bdvtw-82-kh-2023.txt"])
    watched = kg.watch_add("25-NQ/TW@2013")
    assert (watched.label, watched.argument) == ("25-NQ/TW@2013", "25-NQ/TW@2013")
    before = _now()
    (corpus / "new-plan.txt").write_text(NEW_PLAN, encoding="utf-8")
    kg.ingest([corpus / "bdvtw-82-kh-2023.txt", corpus / "new-plan.txt"])
    new_plan = kg.find("41-KH/BDVTU").iri

    [around] = kg.watch_report(before).watched
    assert around.document.iri == watched.iri
    assert {(c.source, c.relation) for c in around.citers} == {
        (new_plan, "implements"),
        (new_plan, "reviews"),
    }
    assert {Path(c.file).name for c in around.citers} == {"new-plan.txt"}
    assert around.facts == [] and around.edges == []
    # Since the log began, the plan ingested first cites it too.
    citers = {c.source for c in kg.watch_report().watched[0].citers}
    assert citers == {new_plan, kg.find("82-KH/BDVTW").iri, kg.find("43-KL/TW").iri}


def test_watch_report_shows_the_watched_documents_own_facts_that_changed(
    kg: KG, corpus: Path
) -> None:
    kg.ingest([corpus / PLAN])
    kg.watch_add("36-kh/bdvtu")
    before = _now()
    _edit(corpus / PLAN, OWN_DATE)
    kg.ingest([corpus / PLAN])
    [around] = kg.watch_report(before).watched
    assert {(f.change, f.fact, f.value) for f in around.facts} == {
        ("removed", "date", "2021-08-17"),
        ("added", "date", "2021-08-18"),
    }
    assert around.citers == []
    # Only edges to documents scoped by the text (see above) are named anew.
    assert [e for e in around.edges if _placed(e.source, e.target)] == []


def test_the_watch_list_keeps_each_document_once_and_names_it_any_way(kg: KG, corpus: Path) -> None:
    kg.ingest([corpus / "bdvtw-82-kh-2023.txt"])
    first = kg.watch_add("25-NQ/TW@2013")
    again = kg.watch_add("25-nq/tw@2013")
    assert again == first  # the first argument and time stay
    with pytest.raises(AmbiguousDocument):
        kg.watch_add("25-NQ/TW")
    assert [w.iri for w in kg.watch_list()] == [first.iri]
    with pytest.raises(ArgumentError, match="not on the watch list"):
        kg.watch_remove("43-KL/TW")
    assert kg.watch_remove(first.iri) == first
    assert kg.watch_list() == []


@pytest.mark.parametrize(
    ("since", "since_last"),
    [("yesterday", False), ("2025-02-30", False), ("2025-01-01", True), ("", False)],
)
def test_a_bad_period_is_refused(kg: KG, since: str, since_last: bool) -> None:
    with pytest.raises(ArgumentError):
        kg.changes(since, since_last=since_last)


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("2025-03-01T08:30:00+07:00", "2025-03-01T01:30:00.000000Z"),
        ("2025-03-01T01:30Z", "2025-03-01T01:30:00.000000Z"),
        ("2025-03-01 01:30:00.5+00:00", "2025-03-01T01:30:00.500000Z"),
    ],
)
def test_a_time_with_its_zone_is_read_in_that_zone(kg: KG, written: str, utc: str) -> None:
    assert kg.changes(written).since == utc


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("2025-03-01T01:30:00.500000Z", "2025-03-01T01:30:00.5Z"),
        ("2025-03-01T01:30:00.000000Z", "2025-03-01T01:30:00Z"),
        ("2025-03-01T08:30:00.000120+07:00", "2025-03-01T01:30:00.00012Z"),
    ],
)
def test_the_write_time_is_stated_as_the_store_gives_it_back(written: str, canonical: str) -> None:
    literal = date_time(written)
    assert literal is not None and literal.value == canonical
    store = ox.Store()
    node = ox.NamedNode("https://example.org/s")
    store.add(ox.Quad(node, ox.NamedNode(f"{PROV}generatedAtTime"), literal))
    assert [quad.object for quad in store] == [literal]


def test_each_files_graph_states_when_it_was_written(kg: KG, corpus: Path) -> None:
    kg.ingest([corpus / PLAN])
    [change] = kg.changes().files
    graph = source_graph_iri(str((corpus / PLAN).resolve()))
    result = kg.query(
        f"SELECT ?t WHERE {{ GRAPH <{graph}> {{ ?src <{PROV}generatedAtTime> ?t }} }}"
    )
    assert isinstance(result, SelectResult)
    [stated] = result.values("t")
    assert datetime.fromisoformat(stated.value) == datetime.fromisoformat(change.at)


def test_bulk_ingest_records_changed_files_and_the_earlier_graphs_it_dropped(
    kg: KG, corpus: Path
) -> None:
    kg.ingest([corpus], bulk=True)
    first = kg.changes()
    assert len(first.files) == 5 and {f.action for f in first.files} == {"ingested"}
    assert not any(f.detailed for f in first.files)  # a first load records the files only
    plan = kg.find("36-KH/BDVTU").iri
    before = _now()
    _edit(corpus / PLAN, OWN_DATE)
    (corpus / "haiphong-bdvtu-kh-2023.txt").write_bytes(bytes(range(256)) * 40)  # now unreadable
    report = kg.ingest([corpus], bulk=True)
    assert report.count("ingested") == 1 and report.count("failed") == 1

    changes = kg.changes(before)
    actions = {Path(f.file).name: f.action for f in changes.files}
    assert actions == {PLAN: "reingested", "haiphong-bdvtu-kh-2023.txt": "removed"}
    assert {(c, f, v) for c, i, f, v in _facts(changes) if i == plan} == {
        ("removed", "date", "2021-08-17"),
        ("added", "date", "2021-08-18"),
    }
    assert all(f.detailed for f in changes.files)


def test_a_write_that_fails_leaves_no_change(
    kg: KG, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kg.ingest([corpus / PLAN])
    before = _now()
    _edit(corpus / PLAN, OWN_DATE)
    real = OxigraphStore.replace_graph

    def fail_on_files(self: OxigraphStore, graph: str, quads: list[ox.Quad]) -> None:
        if "/graph/source/" in graph:
            raise StoreError("disk full")
        real(self, graph, quads)

    monkeypatch.setattr(OxigraphStore, "replace_graph", fail_on_files)
    assert kg.ingest([corpus / PLAN]).count("failed") == 1
    assert kg.changes(before).files == []


def test_a_change_the_run_did_not_confirm_counts_when_the_store_holds_it(
    kg: KG, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the run were killed after the store's write, before the log's confirmation.
    monkeypatch.setattr(ChangeLog, "confirm", lambda self, ids: None)
    kg.ingest([corpus / PLAN])
    monkeypatch.undo()
    assert [f.action for f in kg.changes().files] == ["ingested"]
    kg.ingest([corpus / "bdvtw-82-kh-2023.txt"])  # the next run settles what was pending
    with sqlite3.connect(kg.changelog.path) as db:
        assert db.execute("SELECT COUNT(*) FROM changes WHERE pending = 1").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM changes").fetchone() == (2,)


# -- the command line -----------------------------------------------------------------------


def _kg(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    out = capsys.readouterr()
    return int(exited.value.code or 0), out.out, out.err


@pytest.fixture()
def store(tmp_path: Path, corpus: Path) -> Path:
    path = tmp_path / "cli-store"
    with KG.open(path) as opened:
        opened.ingest([corpus / PLAN])
    return path


def test_changes_json_and_csv(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    since = ("--since", "2000-01-01")
    code, out, _ = _kg(capsys, "changes", *since, "-f", "json", "--store", str(store))
    assert code == 0
    payload = json.loads(out)
    assert set(payload) == {"since", "until", "files"}
    [file] = payload["files"]
    assert (Path(file["file"]).name, file["action"]) == (PLAN, "ingested")
    assert {"change", "iri", "label", "fact", "value"} <= set(file["facts"][0])
    assert {"change", "from", "relation", "to"} <= set(file["edges"][0])
    code, out, _ = _kg(capsys, "changes", "-f", "csv", "--store", str(store))
    assert code == 0 and out.startswith("\ufeff")
    header, *rows = out.lstrip("\ufeff").splitlines()
    assert header.split(",")[:7] == ["at", "file", "action", "change", "document", "fact", "value"]
    assert len(rows) == len(file["facts"]) + len(file["edges"])


def test_changes_table_and_since_last(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    code, out, _ = _kg(capsys, "changes", "--since-last", "--store", str(store))
    assert code == 0 and "1 file changed since the log began" in out and "ingested" in out
    assert "36-KH/BDVTU" in out  # each file with the documents it holds
    code, out, _ = _kg(capsys, "changes", "--since-last", "--store", str(store))
    assert code == 0 and out.startswith("no file changed since")


@pytest.mark.parametrize(
    "argv",
    [
        ["changes", "--since", "31/12/2024"],
        ["changes", "--since", "2024-01-01", "--since-last"],
        ["watch", "report", "--since", "soon"],
        ["watch", "add", "25-NQ/TW-nothing"],
        ["watch", "remove", "36-KH/BDVTU"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], store: Path, argv: list[str]
) -> None:
    code, out, err = _kg(capsys, *argv, "--store", str(store))
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("kg: error: ")


def test_watch_commands(capsys: pytest.CaptureFixture[str], store: Path) -> None:
    code, out, _ = _kg(capsys, "watch", "add", "217-qd/tw", "--store", str(store))
    assert code == 0 and "watching 217-QĐ/TW" in out
    code, out, _ = _kg(capsys, "watch", "list", "-f", "json", "--store", str(store))
    [entry] = json.loads(out)
    assert (entry["label"], entry["argument"]) == ("217-QĐ/TW", "217-qd/tw")
    code, out, _ = _kg(capsys, "watch", "report", "-f", "json", "--store", str(store))
    [watched] = json.loads(out)["watched"]
    assert watched["iri"] == entry["iri"]
    assert {c["from_label"] for c in watched["citers"]} == {"36-KH/BDVTU"}
    code, out, _ = _kg(capsys, "watch", "report", "--store", str(store))
    assert code == 0 and "1 of 1 watched document changed" in out
    code, out, _ = _kg(capsys, "watch", "remove", "217-qd/tw", "--store", str(store))
    assert code == 0 and "no longer watching 217-QĐ/TW" in out
