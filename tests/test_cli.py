"""The command line: help everywhere, documented commands, one-line errors, JSON shapes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg.cli import app, main

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _command_paths() -> list[list[str]]:
    group = typer.main.get_group(app)
    paths: list[list[str]] = []
    for name, command in group.commands.items():
        paths.append([name])
        for sub in getattr(command, "commands", {}):
            paths.append([name, sub])
    return sorted(paths)


def test_top_level_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for path in _command_paths():
        if len(path) == 1:
            assert path[0] in result.output


@pytest.mark.parametrize("path", _command_paths(), ids=" ".join)
def test_every_command_has_help(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    group = typer.main.get_group(app)
    command = group.commands[path[0]]
    if len(path) == 2:
        command = command.commands[path[1]]  # type: ignore[attr-defined]
    assert command.help, f"kg {' '.join(path)} has no help text"


@pytest.mark.parametrize("path", _command_paths(), ids=" ".join)
def test_every_command_appears_in_the_readme(path: list[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {re.escape(' '.join(path))}\b", readme), (
        f"`kg {' '.join(path)}` is not documented in README.md"
    )


def test_an_ambiguous_document_is_one_line_per_candidate(
    corpus_store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.argv", ["kg", "trace", "25-NQ/TW", "--store", str(corpus_store)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code != 0
    err = capsys.readouterr().err
    assert "matches 2 documents" in err
    candidate_lines = [line for line in err.splitlines() if line.startswith("  ")]
    assert len(candidate_lines) == 2
    assert "Traceback" not in err


def test_trace_json_has_the_documented_shape(corpus_store: Path) -> None:
    result = runner.invoke(
        app, ["trace", "25-NQ/TW@2013", "--format", "json", "--store", str(corpus_store)]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) == {"root", "nodes", "edges"}
    node_keys = {"iri", "symbol", "kind", "date", "issuer", "level", "province", "title"}
    assert all(node_keys <= set(node) for node in payload["nodes"])
    edge_keys = {"from", "to", "relation", "depth", "lag_days", "evidence"}
    assert payload["edges"] and all(edge_keys <= set(edge) for edge in payload["edges"])


def test_cites_json_has_the_documented_shape(corpus_store: Path) -> None:
    result = runner.invoke(
        app, ["cites", "217-QĐ/TW", "--format", "json", "--store", str(corpus_store)]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    keys = {"iri", "symbol", "kind", "date", "issuer", "relation", "sentence", "source"}
    assert rows and all(keys <= set(row) for row in rows)


def test_query_prints_a_table_and_binds_params(corpus_store: Path) -> None:
    result = runner.invoke(
        app,
        [
            "query",
            "--name",
            "documents_by_symbol",
            "--param",
            "symbol=43-KL/TW",
            "--format",
            "csv",
            "--store",
            str(corpus_store),
        ],
    )
    assert result.exit_code == 0, result.output
    # A byte-order mark first, so a spreadsheet reads the Vietnamese as UTF-8.
    assert result.output.startswith("\ufeff")
    lines = result.output.lstrip("\ufeff").strip().splitlines()
    assert lines[0] == "doc" and len(lines) == 2


def test_query_list_names_the_shipped_queries() -> None:
    result = runner.invoke(app, ["query", "--list", "--format", "json"])
    assert result.exit_code == 0
    names = {row["name"] for row in json.loads(result.output)}
    assert {"documents_by_symbol", "conflicting_dates", "cited_not_ingested"} <= names
