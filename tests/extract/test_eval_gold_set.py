"""`kg eval` on a folder of annotated passages in the shared schema: what counts, what is
neutral, and what a change made better or worse since a baseline run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import main
from kg.cli.app import app

runner = CliRunner()

PASSAGE = (
    "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Tỉnh ủy ban hành Kế hoạch "
    "số 12-KH/TU. Hướng dẫn khung của Ban Tuyên giáo được gửi kèm."
)


def _span(text: str, surface: str) -> dict[str, object]:
    start = PASSAGE.index(text)
    return {"surface": surface, "start": start, "end": start + len(surface)}


def _write_set(folder: Path) -> None:
    (folder / "passages").mkdir(parents=True)
    (folder / "passages" / "001.txt").write_text(PASSAGE, encoding="utf-8")
    directive = {
        **_span("Chỉ thị số 05-CT/TW", "Chỉ thị số 05-CT/TW"),
        "type": "CT",
        "number": "05",
        "symbol": "05-CT/TW",
        "date": "2016-05-15",
        "scope": "core",
    }
    plan = {
        **_span("Kế hoạch", "Kế hoạch số 12-KH/TU"),
        "type": "KH",
        "number": "12",
        "symbol": "12-KH/TU",
        "date": None,
        "scope": "core",
    }
    borderline = {**_span("Hướng dẫn khung", "Hướng dẫn khung"), "reason": "alias"}
    gold = {"id": "001", "self": None, "refs": [directive, plan], "borderline": [borderline]}
    links = {
        "id": "001",
        "links": [{"subject": 1, "relation": "implements", "object": 0}],
        "reader_relations": [],
    }
    (folder / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", "utf-8")
    (folder / "links.jsonl").write_text(json.dumps(links, ensure_ascii=False) + "\n", "utf-8")


def test_eval_scores_a_folder_of_annotated_passages(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    _write_set(folder)
    result = runner.invoke(app, ["eval", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["references"]["tp"] == 2
    assert report["references"]["fp"] == 0  # nothing found in the borderline span counts
    assert report["fields"]["date"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert report["links"]["tp"] == 1


def test_eval_shows_what_became_worse_since_a_baseline(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    _write_set(folder)
    saved = tmp_path / "run.jsonl"
    assert runner.invoke(app, ["eval", str(folder), "--save", str(saved)]).exit_code == 0
    # Pretend the baseline read the directive's date wrong and missed the link.
    run = json.loads(saved.read_text("utf-8"))
    run["references"][0]["date"] = "2016-05-16"
    run["links"] = []
    saved.write_text(json.dumps(run, ensure_ascii=False) + "\n", "utf-8")
    result = runner.invoke(app, ["eval", str(folder), "--baseline", str(saved), "--json"])
    report = json.loads(result.stdout)
    assert report["worse"] == []
    assert any(key.startswith("date of 001.txt") for key in report["better"])
    assert any(key.startswith("link 001.txt") for key in report["better"])


def test_eval_without_corpus_for_a_gold_file_says_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["eval", str(gold)])
    assert exited.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "--corpus" in error[0]
