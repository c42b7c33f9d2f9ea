"""Start-up: a command that answers from the store must not load what only other commands use.

`kg --version`, `kg --help` and `kg cites` ran in 1.8 s of CPU when the CLI imported the
plotting stack, SHACL, the PDF reader, the web app and the extractor up front (`kg bench
startup` measures the time; this test keeps the cause away).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
)


def _loaded_after(statement: str) -> list[str]:
    probe = (
        f"import sys, json\n{statement}\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


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
