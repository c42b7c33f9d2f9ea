"""What a new user types: documents in every spelling, wrong options, and the conventions of
command-line tools (version, completion, readable help, one line per error, exit 2).

Each bad argument must end the command with exit code 2 and exactly one line on stderr that
says what is wrong, and must not write anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest
import typer

from kg.cli import app, main

# Plans of the sample corpus citing 217-QĐ/TW, by file (read from the texts).
PLANS_CITING_217 = {
    "bdvtw-1600-kh-2018.txt",
    "binhphuoc-36-kh-bdvtu-2021.txt",
    "haiduong-bdvtu-kh-hanh-dong-2021.txt",
    "haiphong-bdvtu-kh-2023.txt",
}


@dataclass
class Ran:
    code: int
    out: str
    err: str


def kg(capsys: pytest.CaptureFixture[str], *argv: str) -> Ran:
    """Run `kg` as the console script does, with the exit code and both streams."""
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    captured = capsys.readouterr()
    code = exited.value.code
    return Ran(code if isinstance(code, int) else 1, captured.out, captured.err)


def one_line_error(ran: Ran) -> str:
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1, ran.err
    assert lines[0].startswith("kg: error: "), ran.err
    assert "Traceback" not in ran.err
    return lines[0]


@pytest.mark.parametrize(
    "spelling",
    ["217-QĐ/TW", "217-QD/TW", "217-qđ/tw", "217-qd/tw", "217/QĐ-TW", "217 - qd / tw", "QD 217"],
)
def test_a_document_is_found_in_every_spelling(
    capsys: pytest.CaptureFixture[str], corpus_store: Path, spelling: str
) -> None:
    ran = kg(capsys, "cites", spelling, "--format", "json", "--store", str(corpus_store))
    assert ran.code == 0, ran.err
    files = {Path(row["source"]).name for row in json.loads(ran.out) if row["source"]}
    assert files == PLANS_CITING_217


def test_a_year_picks_one_of_two_documents_in_any_spelling(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    ran = kg(capsys, "show", "25-nq/tw@2013", "--format", "json", "--store", str(corpus_store))
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["date"] == "2013-06-03"


@pytest.mark.parametrize("command", ["show", "followup"])
def test_an_ingested_file_is_named_by_its_path_or_its_name_alone(
    capsys: pytest.CaptureFixture[str], corpus_store: Path, corpus_dir: Path, command: str
) -> None:
    plan = corpus_dir / "binhphuoc-36-kh-bdvtu-2021.txt"
    by_path = kg(capsys, command, str(plan), "--format", "json", "--store", str(corpus_store))
    by_name = kg(capsys, command, plan.name, "--format", "json", "--store", str(corpus_store))
    assert by_path.code == by_name.code == 0, by_name.err
    assert json.loads(by_name.out) == json.loads(by_path.out)


def test_an_ambiguous_document_lists_the_argument_that_picks_each(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    ran = kg(capsys, "trace", "25-nq/tw", "--store", str(corpus_store))
    assert ran.code == 2
    first, *candidates = ran.err.strip().splitlines()
    assert first == "kg: error: '25-nq/tw' matches 2 documents:"
    picks = [line.split()[0] for line in candidates]
    assert picks == ["25-NQ/TW@2003", "25-NQ/TW@2013"]
    for pick in picks:  # each form is itself an argument that names one document
        assert kg(capsys, "show", pick, "--store", str(corpus_store)).code == 0


def test_a_document_that_matches_nothing_gets_the_nearest_symbols(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    ran = kg(capsys, "cites", "217-QĐ/TU", "--store", str(corpus_store))
    assert ran.code == 2
    line = one_line_error(ran)
    assert "no document matches '217-QĐ/TU'" in line
    assert "nearest: 217-QĐ/TW" in line


BAD_ARGUMENTS = {
    "a relation misspelt": (["trace", "25-NQ/TW@2013", "-r", "implement"], "'implement'"),
    "a negative depth": (["trace", "25-NQ/TW@2013", "--depth", "-1"], "--depth"),
    "a date that is not one": (["coverage", "25-NQ/TW@2013", "--as-of", "2025-13-01"], "--as-of"),
    "a direction that is not one": (["map", "--direction", "sideways"], "'sideways'"),
    "two selections at once": (
        ["map", "--trace", "25-NQ/TW@2013", "--cites", "217-QĐ/TW"],
        "--trace and --cites",
    ),
    "a map file without a format": (["map", "--focus", "217-QĐ/TW", "-o", "m.txt"], "m.txt"),
    "an export format the file name contradicts": (
        ["export", "--format", "trig", "-o", "g.gexf"],
        "the extension says gexf",
    ),
    "no search limit": (["search", "dan van", "--limit", "0"], "--limit"),
    "a parameter without a value": (["query", "--name", "citations_of", "-p", "doc"], "NAME=VALUE"),
    "a document parameter naming nothing": (
        ["query", "--name", "citations_of", "-p", "doc=999-NQ/TW"],
        "999-NQ/TW",
    ),
    "an unknown command": (["trac", "25-NQ/TW@2013"], "trac"),
    "a query file that is not there": (["query", "nosuch.rq"], "nosuch.rq"),
    "a map query file that is not there": (["map", "--sparql", "nosuch.rq"], "nosuch.rq"),
}


@pytest.mark.parametrize("case", list(BAD_ARGUMENTS), ids=list(BAD_ARGUMENTS))
def test_a_bad_argument_is_one_line_and_exit_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    corpus_store: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
) -> None:
    argv, named = BAD_ARGUMENTS[case]
    monkeypatch.chdir(tmp_path)
    if argv[0] == "map" and "-o" not in argv:
        argv = [*argv, "-o", "m.html"]
    ran = kg(capsys, *argv, "--store", str(corpus_store))
    assert ran.code == 2, ran.err
    assert named in one_line_error(ran)
    assert list(tmp_path.iterdir()) == [], "nothing is written for a wrong command"


def test_a_document_parameter_takes_a_symbol(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    argv = ["query", "--name", "citations_of", "-p", "doc=25-NQ/TW@2013", "-f", "json"]
    ran = kg(capsys, *argv, "--store", str(corpus_store))
    assert ran.code == 0, ran.err
    rows = json.loads(ran.out)
    assert rows and {row["doc"] for row in rows} == {
        "https://w3id.org/vankien/doc/tw/nghi-quyet/2013/25"
    }


def test_version_is_the_installed_one(capsys: pytest.CaptureFixture[str]) -> None:
    ran = kg(capsys, "--version")
    assert ran.code == 0
    assert ran.out.strip() == f"kg (vankien-kg) {version('vankien-kg')}"


def test_shell_completion_is_offered(capsys: pytest.CaptureFixture[str]) -> None:
    ran = kg(capsys, "--help")
    assert "--install-completion" in ran.out and "--show-completion" in ran.out


def _commands() -> list[list[str]]:
    group = typer.main.get_group(app)
    paths: list[list[str]] = []
    for name, command in group.commands.items():
        subcommands = getattr(command, "commands", {})
        paths += [[name, sub] for sub in subcommands] or [[name]]
    return paths


@pytest.mark.parametrize("path", _commands(), ids=" ".join)
def test_help_names_values_in_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, path: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    ran = kg(capsys, *path, "--help")
    assert ran.code == 0
    for tag in ("<bool>", "<str>", "<int", "<list", "<path>", "<float", "<datetime", "{"):
        assert tag not in ran.out, f"kg {' '.join(path)} --help shows {tag}"


def test_csv_starts_with_a_byte_order_mark_for_spreadsheets(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    ran = kg(capsys, "cites", "217-QĐ/TW", "--format", "csv", "--store", str(corpus_store))
    assert ran.code == 0
    assert ran.out.startswith("\ufefflabel,")


def test_extract_and_eval_take_format_json(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    plan = corpus_dir / "bdvtw-1600-kh-2018.txt"
    by_format = kg(capsys, "extract", str(plan), "--format", "json")
    by_flag = kg(capsys, "extract", str(plan), "--json")
    assert by_format.code == by_flag.code == 0
    assert json.loads(by_format.out) == json.loads(by_flag.out)


def test_query_list_gives_whole_descriptions_and_parameters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ran = kg(capsys, "query", "--list", "--format", "json")
    listed = {row["name"]: row for row in json.loads(ran.out)}
    # The first sentence runs over two comment lines of the file.
    assert listed["citations_by"]["description"].endswith("for its file path).")
    assert listed["documents_by_number"]["parameters"] == [
        "concept: IRI of the kind in the SKOS scheme, e.g. https://w3id.org/vankien/kind/nghi-quyet",
        "number: the number as written, e.g. 25",
    ]


def test_without_a_store_the_demo_store_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "build" / "demo" / "store" / "oxigraph").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)
    line = one_line_error(kg(capsys, "stats"))
    assert "--store build/demo/store" in line and "KG_STORE=build/demo/store" in line


def test_serve_on_a_taken_port_is_one_line(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = kg(capsys, "serve", "--store", str(corpus_store), "--port", str(port))
    assert ran.code == 1
    assert f"127.0.0.1:{port}" in one_line_error(ran)
    assert ran.out == "", "no banner for a server that cannot start"


def test_check_and_coverage_name_a_shared_symbol_with_its_year(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    checked = kg(capsys, "check", "--format", "json", "--store", str(corpus_store))
    messages = [f["message"] for f in json.loads(checked.out)["findings"]]
    about_25 = [m for m in messages if "25-NQ/TW" in m]
    assert {"25-NQ/TW@2003", "25-NQ/TW@2013"} <= {m.split()[0] for m in about_25}
    assert all("25-NQ/TW@" in m for m in about_25)
    covered = kg(capsys, "coverage", "25-NQ/TW@2013", "--store", str(corpus_store))
    assert covered.code == 0
    assert "25-NQ/TW@2013: 3 of the 3 provinces with documents" in " ".join(covered.out.split())


def test_coverage_tells_absent_provinces_from_failing_ones(
    capsys: pytest.CaptureFixture[str], corpus_store: Path, tmp_path: Path
) -> None:
    grid = tmp_path / "grid.html"
    argv = ["coverage", "217-qd/tw", "--format", "json", "-o", str(grid)]
    ran = kg(capsys, *argv, "--store", str(corpus_store))
    assert ran.code == 0, ran.err
    payload = json.loads(ran.out.partition("\nwrote ")[0])
    status = {row["area"]: row["status"] for row in payload["rows"] if row["level"] == "province"}
    assert status["Bình Phước"] == "not_issued"  # its plan cites 217-QĐ/TW, implements nothing
    assert status["Cà Mau"] == "no_documents"
    assert payload["grid"] == "63" and payload["provinces_on"] == "2013-12-12"
    page = grid.read_text(encoding="utf-8")
    # Bình Phước alone is red: its tile, the legend and its row of the table.
    assert page.count("Có văn bản trong kho, chưa thấy văn bản thực hiện") == 3
    assert "Bản đồ 63 tỉnh, thành trước ngày 1/7/2025" in page


def test_search_says_how_many_match_beyond_the_limit(
    capsys: pytest.CaptureFixture[str], corpus_store: Path
) -> None:
    argv = ["search", "dan van", "--limit", "5", "--format", "json"]
    found = json.loads(kg(capsys, *argv, "--store", str(corpus_store)).out)
    assert len(found["results"]) == 5 < found["total"]
    table = kg(capsys, "search", "dan van", "--limit", "5", "--store", str(corpus_store)).out
    assert f"{found['total']} documents match 'dan van' (the first 5 shown)" in table
