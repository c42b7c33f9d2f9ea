"""Start-up: a command that answers from the store must not load what only other commands use.

`kg --version`, `kg --help` and `kg cites` ran in 1.8 s of CPU when the CLI imported the
plotting stack, SHACL, the PDF reader, the web app and the extractor up front, and `kg cites`
still 0.5 s when it imported every command module and the answers it does not give (`kg bench
startup` measures the time; these tests keep the causes away).
"""

from __future__ import annotations

import importlib
import json
import re
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.api import KG
from kg.cli.app import COMMANDS, app
from kg.cli.lazy_group import registered_name
from kg.errors import InputError
from tests.conftest import ROOT

# Packages the answering commands never need, the extractor, whose patterns are compiled at
# import, and the benchmarks, which `kg bench` imports when one of its commands runs.
HEAVY = (
    "jinja2",
    "matplotlib",
    "networkx",
    "pandas",
    "pypdf",
    "pyshacl",
    "rdflib",
    "scipy",
    "spacy",
    "starlette",
    "kg.extract.extractor",
    "benchmarks",
    "kg.ingest",
    "kg.web.app",
    # The SPARQL endpoint's worker processes (multiprocessing), which `kg serve` alone runs.
    "kg.store.runner",
    # The metadata reader (with the email parser) is read only when the version is asked for.
    "importlib.metadata",
)

# What `kg --version` alone does without: the command line and what every command needs.
COMMAND_LINE = ("typer", "rich", "pydantic", "kg.cli", "kg.api", "kg.store", "pyoxigraph")

# The modules that define commands: `import kg.cli` loads none, a command line only its own.
COMMAND_MODULES = tuple(
    sorted({module for modules in COMMANDS.values() for module in modules} | {"kg.cli.output"})
)

# What `kg cites` does without: the other commands' modules, and what only other answers or
# other stores need (the change log, coverage, tasks, text search, source texts, the demo, the
# user data directory, the memory trimming of bulk loads, progress bars).
NOT_FOR_CITES = (
    *(m for m in COMMAND_MODULES if m not in ("kg.cli.answer_commands", "kg.cli.output")),
    "kg.changes.log",
    "kg.queries.coverage",
    "kg.queries.tasks",
    "kg.queries.text_search",
    "kg.queries.source_text",
    "kg.demo",
    "platformdirs",
    "ctypes",
    "rich.progress",
)


def _run(statement: str, watched: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """What `statement` printed in a new interpreter, and which of `watched` it had loaded."""
    probe = (
        f"import sys, json\n{statement}\n"
        f"print(json.dumps(sorted(m for m in {watched!r} if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    *printed, loaded = done.stdout.splitlines()
    return printed, json.loads(loaded)


def _loaded_after(statement: str) -> list[str]:
    return _run(statement, HEAVY)[1]


def _script_entry() -> str:
    """The function the installed `kg` script calls ("module:function"), as pyproject declares."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["scripts"]["kg"]


def _run_script(*argv: str, watched: tuple[str, ...] = COMMAND_LINE) -> tuple[list[str], list[str]]:
    module, _, function = _script_entry().partition(":")
    call = f"getattr(importlib.import_module({module!r}), {function!r})()"
    return _run(
        f"import importlib\nsys.argv = {['kg', *argv]!r}\n"
        f"try:\n    {call}\nexcept SystemExit as done:\n    assert not done.code, done.code",
        watched,
    )


def test_the_cli_starts_without_the_heavy_stacks() -> None:
    assert _loaded_after("import kg.cli") == []


def test_the_cli_imports_no_command_module_until_a_command_is_asked_for() -> None:
    assert _run("import kg.cli", (*COMMAND_MODULES, "rich", "pydantic"))[1] == []


def test_cites_loads_its_own_command_module_and_no_other(corpus_store: Path) -> None:
    argv = ["cites", "25-NQ/TW@2013", "--format", "json", "--store", str(corpus_store)]
    printed, loaded = _run_script(*argv, watched=NOT_FOR_CITES)
    assert loaded == []
    assert json.loads("\n".join(printed))  # and it answered


def test_cites_answers_without_reading_the_registry(
    corpus_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_REGISTRY", str(tmp_path / "no-registry"))
    with KG.open(corpus_store, read_only=True) as kg:
        assert kg.cites("25-NQ/TW@2013")
        # The registry is read by the answers that need it, and only then.
        with pytest.raises(InputError, match="provinces.csv"):
            kg.coverage("25-NQ/TW@2013")


def test_the_command_table_names_each_command_with_the_modules_that_register_it() -> None:
    for modules in COMMANDS.values():
        for module in modules:
            importlib.import_module(module)
    registered: dict[str, set[str]] = {}
    for info in app.registered_commands:
        name = registered_name(info)
        assert name is not None and info.callback is not None
        registered.setdefault(name, set()).add(info.callback.__module__)
    for group in app.registered_groups:
        assert isinstance(group.name, str) and group.typer_instance is not None
        registered[group.name] = {
            info.callback.__module__
            for info in group.typer_instance.registered_commands
            if info.callback is not None
        }
    assert registered.keys() == COMMANDS.keys()
    for name, modules in registered.items():
        assert modules <= set(COMMANDS[name]), name


def test_help_lists_every_command_once_in_the_table_order() -> None:
    shown = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"}).output
    commands = shown.partition("Commands")[2]
    # A row starts with the command's name; its help's further lines are indented.
    assert re.findall(r"^│ (\S+) ", commands, flags=re.MULTILINE) == list(COMMANDS)


def test_the_facade_imports_the_heavy_stacks_only_when_asked() -> None:
    assert _loaded_after("import kg.api") == []
    # Asking for a name that needs them still works.
    assert "kg.ingest" in _loaded_after("from kg.api import IngestReport")


def test_bench_help_does_not_import_the_benchmarks() -> None:
    loaded = _loaded_after(
        "from typer.testing import CliRunner\n"
        "from kg.cli import app\n"
        "assert CliRunner().invoke(app, ['bench', 'run', '--help']).exit_code == 0"
    )
    assert "benchmarks" not in loaded


def test_bench_startup_times_each_command_beside_the_interpreter(corpus_store: Path) -> None:
    from benchmarks.startup import measure_startup

    rows = {row.command: row for row in measure_startup(corpus_store, "25-NQ/TW@2013", repeat=1)}
    assert set(rows) == {"python -c pass", "kg --version", "kg cites 25-NQ/TW@2013"}
    interpreter = rows["python -c pass"]
    assert interpreter.ratio == 1.0
    # A command is the interpreter plus its own work: never cheaper than the bare start.
    assert all(row.cpu_seconds >= interpreter.cpu_seconds for row in rows.values())


def test_version_alone_is_answered_before_the_command_line_is_imported() -> None:
    printed, loaded = _run_script("--version")
    assert printed == [f"kg (vankien-kg) {version('vankien-kg')}"]
    assert loaded == []


def test_the_script_hands_every_other_command_line_to_the_cli() -> None:
    # --version among other arguments is the command line's own option: same line, full start.
    printed, loaded = _run_script("--version", "cites", "25-NQ/TW@2013")
    assert printed == [f"kg (vankien-kg) {version('vankien-kg')}"]
    assert {"typer", "kg.cli"} <= set(loaded)
