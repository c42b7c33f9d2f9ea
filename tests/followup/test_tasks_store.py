"""`kg tasks` on the sample corpus: the Bình Phước plan's "chủ trì" tasks with their lead
bodies and periods, `--body` in any spelling, the status on a day, and tasks kept exactly in
their file's graph through re-ingest, removal and bulk ingest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.api import KG
from kg.cli import main
from kg.graph import validate
from kg.namespaces import VK
from tests.hostile import docx_bytes, paragraph

PLAN = "binhphuoc-36-kh-bdvtu-2021.txt"
BDVTU = "https://w3id.org/vankien/body/binh-phuoc/bdvtu"
# The plan's "Cơ quan (Đơn vị) chủ trì (tham mưu):" lines, read by hand from the text: the
# lead as written and the first words of the task each line follows.
LEADS = [
    ("Ban Dân vận Tỉnh ủy", "Trên cơ sở các nội dung cơ bản"),
    ("Ban Dân vận cấp ủy", "Xây dựng kế hoạch phối hợp công tác dân vận (hàng năm)"),
    ("Đảng đoàn MTTQVN tỉnh", "Đảm bảo sự lãnh đạo thường xuyên"),
    ("Ban Dân vận cấp ủy", "Tham mưu cấp ủy kế hoạch tiếp tục thực hiện Đề án"),
    ("BCH Quân sự", "Xây dựng kế hoạch phối hợp công tác dân vận (hàng năm và giai đoạn)"),
    (
        "Ban Dân vận Tỉnh ủy",
        "Kiểm tra, giám sát việc thực hiện các văn bản của Đảng về công tác dân tộc",
    ),
    (
        "Ban Dân vận Tỉnh ủy",
        "Kiểm tra, giám sát việc thực hiện các văn bản của Đảng về công tác tôn giáo",
    ),
    ("Ban Dân vận Tỉnh ủy", "Quan tâm bồi dưỡng, tập huấn"),
    ("Ban Dân vận Tỉnh ủy", "Đổi mới công tác nắm tình hình tôn giáo"),
    ("Ban Dân vận Tỉnh ủy", "Duy trì và nâng cao chất lượng hoạt động giao ban"),
    ("Ban Dân vận Tỉnh ủy", "Nắm tình hình tổ chức bộ máy"),
    ("Ban Dân vận Tỉnh ủy", "Phối hợp với Trường Chính trị tỉnh"),
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def test_every_chu_tri_task_of_the_binh_phuoc_plan(corpus_kg: KG) -> None:
    found = corpus_kg.tasks(PLAN, as_of="2021-08-20")
    assert [p.symbol for p in found.plans] == ["36-KH/BDVTU"]
    assert len(found.tasks) == len(LEADS)
    for task, (lead, text) in zip(found.tasks, LEADS, strict=True):
        assert lead in task.leads
        assert task.text.startswith(text)
        assert task.evidence.source is not None and task.evidence.source.endswith(PLAN)
    first = found.tasks[0]
    assert [b.iri for b in first.lead_bodies] == [BDVTU]
    assert first.partners == ("Văn phòng cấp ủy",)
    assert first.time == "cấp tỉnh quý III/2021; cấp huyện quý IV/2021"
    assert [(s.label, s.begins, s.ends) for s in first.stages] == [
        ("cấp tỉnh", "2021-07-01", "2021-09-30"),
        ("cấp huyện", "2021-10-01", "2021-12-31"),
    ]
    project = found.tasks[3]  # Đề án 1217: from August 2021 to the review in 2025
    assert (project.begins, project.ends) == ("2021-08-01", "2025-12-31")
    assert [s.text for s in project.stages] == [
        "Từ tháng 8/2021 đến tháng 12/2021",
        "Năm 2022",
        "Năm 2023",
        "Năm 2025",
    ]


def test_the_evidence_is_the_tasks_span_in_the_file(corpus_kg: KG, corpus_dir: Path) -> None:
    text = (corpus_dir / PLAN).read_text(encoding="utf-8")
    for task in corpus_kg.tasks(PLAN).tasks:
        start, end = task.evidence.start, task.evidence.end
        assert start is not None and end is not None
        span = text[start:end]
        assert span.lstrip("-+ ").startswith(task.text[:40])
        assert "chủ trì" in span


def test_the_tasks_conform_to_the_shapes_and_one_without_its_plan_does_not(corpus_kg: KG) -> None:
    graph = corpus_kg.tasks(PLAN).tasks[0].evidence.graph
    dump = corpus_kg.store.dump(ox.RdfFormat.N_QUADS)
    quads = [
        q
        for q in ox.parse(dump, format=ox.RdfFormat.N_QUADS)
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == graph
    ]
    assert validate(quads).conforms
    without_plan = [q for q in quads if q.predicate.value != VK + "setOutIn"]
    report = validate(without_plan)
    assert not report.conforms and "setOutIn" in report.text


def test_a_path_a_file_name_and_the_documents_symbol_give_the_same_tasks(
    corpus_kg: KG, corpus_dir: Path
) -> None:
    by_name = corpus_kg.tasks(PLAN).tasks
    by_path = corpus_kg.tasks(str(corpus_dir / PLAN)).tasks
    by_symbol = corpus_kg.tasks("36-KH/BDVTU").tasks
    assert [t.iri for t in by_name] == [t.iri for t in by_path] == [t.iri for t in by_symbol]


@pytest.mark.parametrize(
    "spelling",
    ["Ban Dân vận Tỉnh ủy Bình Phước", "ban dan van tinh uy binh phuoc", "Ban Dân vận Tỉnh uỷ"],
)
def test_body_in_any_spelling(corpus_kg: KG, spelling: str) -> None:
    found = corpus_kg.tasks(body=spelling, as_of="2021-08-20")
    texts = [task.text for task in found.tasks]
    expected = [text for lead, text in LEADS if lead == "Ban Dân vận Tỉnh ủy"]
    assert len(texts) == len(expected)
    assert all(any(t.startswith(e) for t in texts) for e in expected)
    assert {task.role for task in found.tasks} == {"lead"}


def test_body_as_a_partner(corpus_kg: KG) -> None:
    led = corpus_kg.tasks(body="Sở Nội vụ").tasks
    taking_part = corpus_kg.tasks(body="so noi vu", role="partner").tasks
    assert led == ()
    assert len(taking_part) == 2 and {t.role for t in taking_part} == {"partner"}


def test_status_as_of_a_day(corpus_kg: KG) -> None:
    # Quý IV/2021 ends 31 December: due soon in mid-December, overdue in January.
    def status(day: str) -> str:
        return corpus_kg.tasks(PLAN, as_of=day).tasks[0].status.value

    assert status("2021-08-20") == "open"
    assert status("2021-12-15") == "due_soon"
    assert status("2022-01-03") == "overdue"
    overdue = corpus_kg.tasks(
        body="Ban Dân vận Tỉnh ủy Bình Phước", as_of="2022-01-03", status="overdue"
    )
    assert [t.text[:30] for t in overdue.tasks] == [LEADS[0][1][:30]]
    assert overdue.counts["overdue"] == 1


def test_the_central_plans_set_deadlines_and_issuer_led_tasks(corpus_kg: KG) -> None:
    found = corpus_kg.tasks("82-KH/BDVTW", as_of="2023-08-01")
    ends = {task.text[:20]: (task.ends, task.status.value) for task in found.tasks}
    assert ends["Trên cơ sở báo cáo c"] == ("2023-10-31", "open")  # Thời gian hoàn thành: ...
    assert ends["Căn cứ Kế hoạch này,"] == ("2023-08-30", "due_soon")  # trước ngày 30/8/2023
    issuer_led = corpus_kg.tasks("1600-KH/BDVTW").tasks
    assert issuer_led and all(task.lead_by_issuer for task in issuer_led)
    assert {b.iri for t in issuer_led for b in t.lead_bodies} == {
        "https://w3id.org/vankien/body/bdvtw"
    }


def test_cli_table_json_and_csv(capsys: pytest.CaptureFixture[str], corpus_store: Path) -> None:
    store = ("--store", str(corpus_store))
    code, out, _ = _run(capsys, "tasks", PLAN, "--as-of", "2022-01-03", *store)
    assert code == 0 and "12 tasks in 36-KH/BDVTU as of 2022-01-03" in " ".join(out.split())
    code, out, _ = _run(capsys, "tasks", PLAN, "--format", "json", "--as-of", "2022-01-03", *store)
    payload = json.loads(out)
    assert code == 0 and payload["as_of"] == "2022-01-03" and len(payload["tasks"]) == 12
    assert payload["tasks"][0]["status"] == "overdue"
    assert payload["tasks"][0]["lead_bodies"] == [
        {"iri": BDVTU, "label": "Ban Dân vận Tỉnh ủy Bình Phước"}
    ]
    code, out, _ = _run(capsys, "tasks", "--body", "ban dan van tinh uy", "-f", "csv", *store)
    assert code == 0 and out.startswith("\ufeffplan,plan_date,heading,task,lead,")
    assert len(out.strip().splitlines()) == 1 + 8


def test_cli_refuses_a_bad_day_or_role(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    for argv in (["--as-of", "2022-13-01"], ["--role", "boss"], ["--status", "late"]):
        code, _, err = _run(capsys, "tasks", *argv, "--store", str(corpus_store))
        assert code == 2 and err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1


def _task_count(kg: KG) -> int:
    result = kg.query(f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t a <{VK}Task> }}")
    return int(result.rows[0]["n"].value)  # type: ignore[union-attr]


def test_reingest_replaces_and_remove_removes_the_tasks(tmp_path: Path, corpus_dir: Path) -> None:
    plan = tmp_path / PLAN
    shutil.copy(corpus_dir / PLAN, plan)
    with KG.open(tmp_path / "store") as kg:
        kg.ingest([plan])
        assert _task_count(kg) == len(LEADS)
        plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert kg.ingest([plan]).count("ingested") == 1
        assert _task_count(kg) == len(LEADS)
        assert len(kg.tasks(PLAN).tasks) == len(LEADS)
        assert kg.remove(plan)
        assert _task_count(kg) == 0


def test_bulk_ingest_stores_the_same_tasks(tmp_path: Path, corpus_dir: Path, corpus_kg: KG) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(corpus_dir / PLAN, folder / PLAN)
    with KG.open(tmp_path / "store") as kg:
        assert kg.ingest([folder], bulk=True).count("ingested") == 1
        bulk = kg.tasks(PLAN, as_of="2022-01-03").tasks
    by_file = corpus_kg.tasks(PLAN, as_of="2022-01-03").tasks
    shown = [(t.text, t.leads, t.lead_bodies, t.partners, t.stages, t.status) for t in bulk]
    assert shown == [
        (t.text, t.leads, t.lead_bodies, t.partners, t.stages, t.status) for t in by_file
    ]


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{paragraph(cell)}</w:tc>" for cell in cells) + "</w:tr>"


def test_a_docx_plan_whose_tasks_are_table_rows(tmp_path: Path) -> None:
    """A .docx plan as provinces write them: each row of the table a task, with its lead, its
    partners and its time, read through the .docx reader into the graph."""
    header = [
        "HUYỆN ỦY VẠN NINH",
        "Số 20-KH/HU",
        "Vạn Ninh, ngày 2 tháng 2 năm 2024",
        "KẾ HOẠCH",
        "thực hiện Nghị quyết số 25-NQ/TW",
        "III. NHIỆM VỤ CỤ THỂ",
    ]
    table = (
        "<w:tbl>"
        + _row("STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian")
        + _row("1", "Khảo sát công tác dân vận", "Ban Dân vận Huyện ủy", "UBND huyện", "Quý I/2024")
        + _row("2", "Sơ kết việc thực hiện", "Văn phòng Huyện ủy", "", "Tháng 10/2024")
        + "</w:tbl>"
    )
    plan = tmp_path / "plans" / "van-ninh-20-kh-hu.docx"
    plan.parent.mkdir()
    plan.write_bytes(docx_bytes("".join(paragraph(line) for line in header) + table))
    with KG.open(tmp_path / "store") as kg:
        assert kg.ingest([plan.parent]).count("ingested") == 1
        found = kg.tasks(plan.name, as_of="2024-06-30").tasks
    rows = [(t.text, t.leads, t.partners, t.begins, t.ends, t.status) for t in found]
    assert rows == [
        (
            "Khảo sát công tác dân vận",
            ("Ban Dân vận Huyện ủy",),
            ("UBND huyện",),
            "2024-01-01",
            "2024-03-31",
            "overdue",
        ),
        ("Sơ kết việc thực hiện", ("Văn phòng Huyện ủy",), (), "2024-10-01", "2024-10-31", "open"),
    ]
