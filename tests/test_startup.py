"""Start-up: a command that answers from the store must not load what only other commands use.

`kg --version`, `kg --help` and `kg cites` ran in 1.8 s of CPU when the CLI imported the
plotting stack, SHACL, the PDF reader, the web app and the extractor up front (`kg bench
startup` measures the time; this test keeps the cause away).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

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


def _run_script(*argv: str) -> tuple[list[str], list[str]]:
    module, _, function = _script_entry().partition(":")
    call = f"getattr(importlib.import_module({module!r}), {function!r})()"
    return _run(
        f"import importlib\nsys.argv = {['kg', *argv]!r}\n"
        f"try:\n    {call}\nexcept SystemExit as done:\n    assert not done.code, done.code",
        COMMAND_LINE,
    )


def test_the_cli_starts_without_the_heavy_stacks() -> None:
    assert _loaded_after("import kg.cli") == []


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
