"""`kg extract`, `kg eval` and `kg bench extract` run in-process on the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"
PLAN = CORPUS / "haiphong-bdvtu-kh-2023.txt"

runner = CliRunner()


def test_extract_json_prints_one_contract_line_per_file_and_fails_after_all(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["extract", "--json", str(missing), str(PLAN)])
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["source"] == str(missing) and first["error"]
    assert "references" not in first
    assert second["source"] == str(PLAN)
    assert len(second["sha256"]) == 64
    assert {"document", "references", "links"} <= second.keys()
    assert second["references"][0]["surface"].startswith("Nghị quyết số 08-NQ/TU")


def test_extract_table_names_the_file_and_its_references() -> None:
    result = runner.invoke(app, ["extract", str(PLAN)])
    assert result.exit_code == 0
    assert "haiphong-bdvtu-kh-2023.txt" in result.stdout
    assert "08-NQ/TU" in result.stdout


@pytest.mark.skipif(not GOLD.exists(), reason=f"the shared dev gold is not present at {GOLD}")
def test_eval_ends_with_the_headline_and_reports_gains_against_a_baseline(tmp_path: Path) -> None:
    saved = tmp_path / "run.jsonl"
    first = runner.invoke(app, ["eval", str(GOLD), "--corpus", str(CORPUS), "--save", str(saved)])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip().splitlines()[-1].startswith("identity pair agreement")
    # A baseline with one reference fewer: the next run reports it as gained.
    lines = saved.read_text(encoding="utf-8").splitlines()
    trimmed = json.loads(lines[0])
    dropped = trimmed["references"].pop()
    saved.write_text("\n".join([json.dumps(trimmed)] + lines[1:]) + "\n", encoding="utf-8")
    second = runner.invoke(
        app, ["eval", str(GOLD), "--corpus", str(CORPUS), "--baseline", str(saved), "--json"]
    )
    report = json.loads(second.stdout)
    assert [g["surface"] for g in report["gained"]] == [dropped["surface"]]
    assert report["lost"] == []
    assert report["references"]["f1"] >= 0.97


def test_bench_extract_reports_throughput_beside_the_bare_scan() -> None:
    result = runner.invoke(app, ["bench", "extract", str(CORPUS), "--repeat", "1"])
    assert result.exit_code == 0, result.output
    assert "full extractor" in result.stdout
    assert "bare regex scan" in result.stdout
    assert "MB/s" in result.stdout
