"""`kg followup --body B` on the sample corpus: the tasks the Ban Dân vận Tỉnh ủy Bình Phước leads
in its plan 36-KH/BDVTU, the most pressing first on the day asked, then the reviews due of the
documents the plan acts on; JSON as the library answers, one CSV, and one-line refusals."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from kg.api import KG
from kg.cli import main

BODY = "Ban Dân vận Tỉnh ủy Bình Phước"
# The tasks 36-KH/BDVTU gives "Ban Dân vận Tỉnh ủy" to lead, read by hand from the plan: the
# first words of each.
LED = {
    "Trên cơ sở các nội dung cơ bản",
    "Kiểm tra, giám sát việc thực hiện các văn bản của Đảng về công tác dân tộc",
    "Kiểm tra, giám sát việc thực hiện các văn bản của Đảng về công tác tôn giáo",
    "Quan tâm bồi dưỡng, tập huấn",
    "Đổi mới công tác nắm tình hình tôn giáo",
    "Duy trì và nâng cao chất lượng hoạt động giao ban",
    "Nắm tình hình tổ chức bộ máy",
    "Phối hợp với Trường Chính trị tỉnh",
}
# Its first task is due "cấp tỉnh quý III/2021; cấp huyện quý IV/2021": open in July 2021,
# overdue long after.
EARLY, LATE = "2021-07-01", "2099-12-31"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def _rows(out: str) -> list[dict[str, str]]:
    assert out.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))


def _statuses(table: str) -> list[str]:
    """The status cells of the tasks table, top to bottom (a row's first line names it)."""
    tasks = table.split("Reviews due or overdue")[0]
    return re.findall(r"^│ (overdue|due soon|open|unknown) ", tasks, flags=re.MULTILINE)


def test_lists_the_tasks_the_body_leads(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    store = ("--store", str(corpus_store))
    code, out, err = _run(capsys, "followup", "--body", BODY, "--as-of", EARLY, "-f", "csv", *store)
    assert code == 0 and err == ""
    tasks = [row for row in _rows(out) if row["section"] == "task"]
    assert len(tasks) == len(LED)
    assert {next(t for t in LED if row["task"].startswith(t)) for row in tasks} == LED
    assert {(row["role"], row["lead"], row["document"]) for row in tasks} == {
        ("lead", "Ban Dân vận Tỉnh ủy", "36-KH/BDVTU")
    }
    code, out, _ = _run(capsys, "followup", "--body", "ban dan van tinh uy binh phuoc", *store)
    shown = " ".join(out.split())  # the name as asked, and the registry body it stands for
    assert code == 0 and "ban dan van tinh uy binh phuoc as of " in shown
    assert f"Stands for the registry's {BODY};" in shown


def test_a_name_only_plans_write_gets_the_tasks_it_takes_part_in(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    store = ("--store", str(corpus_store))
    code, out, _ = _run(capsys, "followup", "--body", "Văn phòng cấp ủy", "-f", "csv", *store)
    rows = _rows(out)
    assert code == 0 and rows and {row["section"] for row in rows} == {"task"}
    assert {row["role"] for row in rows} == {"partner"}
    assert any(row["task"].startswith("Trên cơ sở các nội dung cơ bản") for row in rows)


def test_far_in_the_future_the_overdue_come_first(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    store = ("--store", str(corpus_store))
    code, early, _ = _run(capsys, "followup", "--body", BODY, "--as-of", EARLY, *store)
    assert code == 0 and "overdue" not in _statuses(early)
    assert len(_statuses(early)) == len(LED)
    code, late, _ = _run(capsys, "followup", "--body", BODY, "--as-of", LATE, *store)
    statuses = _statuses(late)
    assert code == 0 and len(statuses) == len(LED) and statuses[0] == "overdue"
    order = ["overdue", "due soon", "open", "unknown"]
    assert statuses == sorted(statuses, key=order.index)
    assert "Reviews due or overdue" in late


def test_json_is_the_librarys_answer(
    capsys: pytest.CaptureFixture[str], corpus_store: Path, corpus_kg: KG
) -> None:
    expected = corpus_kg.body_followup(BODY, as_of=LATE).to_json()
    argv = ("followup", "--body", BODY, "--as-of", LATE, "--format", "json")
    code, out, _ = _run(capsys, *argv, "--store", str(corpus_store))
    assert code == 0 and json.loads(out) == json.loads(json.dumps(expected))
    assert json.loads(out)["as_of"] == LATE and len(json.loads(out)["tasks"]["tasks"]) == len(LED)


def test_csv_is_one_table_of_tasks_then_reviews(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    argv = ("followup", "--body", BODY, "--as-of", LATE, "--format", "csv")
    code, out, _ = _run(capsys, *argv, "--store", str(corpus_store))
    assert code == 0 and out.startswith("\ufeffsection,status,due,")
    rows = _rows(out)
    sections = [row["section"] for row in rows]
    assert sections == sorted(sections, key=["task", "review"].index)
    assert sections.count("task") == len(LED) and "review" in sections
    # 36-KH/BDVTU acts on Chỉ thị 49-CT/TW of 20 October 2015: no sơ kết after 5 years is in the
    # corpus, so it has been due since 20 October 2020.
    review = next(
        row for row in rows if row["document"] == "49-CT/TW" and row["review"] == "sơ kết 5 năm"
    )
    assert (review["due"], review["status"]) == ("2020-10-20", "overdue")
    assert (review["issued"], review["acting"]) == ("no", "36-KH/BDVTU")


@pytest.mark.parametrize(
    "argv",
    [
        ["36-KH/BDVTU", "--body", BODY],  # both
        [],  # neither
    ],
)
def test_doc_or_body_exactly_one(
    capsys: pytest.CaptureFixture[str], corpus_store: Path, argv: list[str]
) -> None:
    code, out, err = _run(capsys, "followup", *argv, "--store", str(corpus_store))
    assert code == 2 and out == ""
    assert err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1


def test_an_unknown_body_is_one_line_with_the_nearest_names(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    store = ("--store", str(corpus_store))
    code, out, err = _run(capsys, "followup", "--body", "Ban Dân vận Tỉnh ủy Bình Phướcc", *store)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("kg: error: ") and BODY in err
    code, _, err = _run(capsys, "followup", "--body", "Hội Không Có Thật", "-f", "json", *store)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Hội Không Có Thật" in err
