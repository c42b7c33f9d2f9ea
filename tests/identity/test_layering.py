"""The house's floors: every module imports only from its own floor or the ones below it, and
identities are built and read in `kg.identity` alone.

`kg.identity` sits at the bottom, right above the plain helpers; the flow then runs read and
extract, registry, resolve, graph, queries, ingest, and the faces (api, views, CLI, web) on
top. The benchmarks (the top-level `benchmarks` package) stand on the product, right below the
CLI: they import `kg`, and `kg` imports them only in the bodies of the `kg bench` commands, so
neither the library nor the CLI's start loads them. An arrow up (the extractor reaching into
ingest, the registry into resolution, the facade into the benchmarks) is a failure here, and so
is any module outside `kg.identity` that builds an IRI from a string or takes one apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KG = ROOT / "kg"
BENCHMARKS = ROOT / "benchmarks"

# Lowest first. A module may import from its own floor and the floors below.
FLOORS: tuple[frozenset[str], ...] = (
    frozenset({"kg", "kg.errors", "kg.textnorm", "kg.namespaces"}),
    frozenset({"kg.identity"}),
    # The task, deadline and review schedule parsers are pure text readers that resolution and
    # graph building use; the rest of kg.followup answers from the graph, on the floor of the
    # queries, as does the change log (kg.changes), which ingest writes to.
    frozenset(
        {
            "kg.read",
            "kg.extract",
            "kg.followup.tasks",
            "kg.followup.deadlines",
            "kg.followup.schedule",
            "kg.store",
            "kg.search",
        }
    ),
    frozenset({"kg.registry"}),
    frozenset({"kg.resolve"}),
    frozenset({"kg.graph"}),
    frozenset({"kg.queries", "kg.followup", "kg.changes"}),
    frozenset(
        {
            "kg.process",
            "kg.progress",
            "kg.ingest",
            "kg.bulk",
            "kg.pipeline",
            "kg.evaluate",
            "kg.gold_sets",
        }
    ),
    frozenset({"kg.api", "kg.views", "kg.exporting", "kg.demo"}),
    frozenset({"benchmarks"}),
    frozenset({"kg.cli", "kg.web", "kg.__main__"}),
)
# Calls that take a string apart at "/" on something that is not an IRI: a symbol ("25-NQ/TW"),
# a file path, a province id ("2025/dong-nai"). Each is named by module and receiver, so a new
# split of an IRI in the same module is still caught.
NOT_IRIS: frozenset[tuple[str, str]] = frozenset(
    {
        ("kg.extract.structure", "symbol"),
        ("kg.evaluate", 'source.replace("\\\\", "/")'),
        ("benchmarks.citations", "doc.symbol"),
        ("benchmarks.citations", "law.number"),
        ("kg.registry", "self.id"),
    }
)
_SPLITS = frozenset({"split", "rsplit", "partition", "rpartition"})
_PATTERN_CALLS = frozenset({"search", "match", "fullmatch", "findall"})
_IRI_WORDS = ("iri", "node")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top(module: str) -> str:
    """The package a module belongs to on the floors (the longest name that holds it)."""
    holders = [
        name
        for names in FLOORS
        for name in names
        if module == name or module.startswith(name + ".")
    ]
    if not holders:
        raise AssertionError(f"{module} is on no floor: add it to FLOORS")
    return max(holders, key=len)


def _floor(module: str) -> int:
    top = _top(module)
    return next(level for level, names in enumerate(FLOORS) if top in names)


def _sources() -> list[tuple[str, ast.Module, str]]:
    found = []
    for path in sorted([*KG.rglob("*.py"), *BENCHMARKS.rglob("*.py")]):
        source = path.read_text(encoding="utf-8")
        found.append((_module_name(path), ast.parse(source), source))
    return found


SOURCES = _sources()
MODULES = {module for module, _, _ in SOURCES}


def _imports(tree: ast.Module, skipped: frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """(line, project module) of every import but the `skipped` nodes (by id), the imported name
    resolved to its module."""
    names = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
    found = []
    for line, name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name:
            found.append((line, name))
    return found


@pytest.mark.parametrize(("module", "tree"), [(m, t) for m, t, _ in SOURCES], ids=sorted(MODULES))
def test_no_module_imports_from_a_floor_above_its_own(module: str, tree: ast.Module) -> None:
    upward = [
        f"line {line}: {name}" for line, name in _imports(tree) if _floor(name) > _floor(module)
    ]
    assert not upward, f"{module} imports from above its floor: {upward}"


def _in_functions(tree: ast.Module) -> frozenset[int]:
    """The nodes (by id) inside a function's body: they run when it is called, not at import."""
    return frozenset(
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for inner in ast.walk(node)
        if inner is not node
    )


def _benchmark_imports(module: str, tree: ast.Module) -> list[str]:
    """Where a product module imports the benchmarks against the rule: anywhere outside the CLI,
    and in the CLI when the module is imported rather than in a command's body."""
    if _top(module) == "benchmarks":
        return []
    lazy = _in_functions(tree) if _top(module) == "kg.cli" else frozenset()
    return [
        f"line {line}: {name}"
        for line, name in _imports(tree, skipped=lazy)
        if _top(name) == "benchmarks"
    ]


def test_the_product_imports_the_benchmarks_only_in_the_bodies_of_cli_commands() -> None:
    found = {
        module: wrong for module, tree, _ in SOURCES if (wrong := _benchmark_imports(module, tree))
    }
    assert not found, found


def test_the_benchmark_rule_catches_what_it_is_for() -> None:
    sample = (
        "import benchmarks.report\ndef run():\n    from benchmarks.measures import run_benchmark\n"
    )
    tree = ast.parse(sample)
    assert _benchmark_imports("kg.cli.sample", tree) == ["line 1: benchmarks.report"]
    assert _benchmark_imports("kg.api", tree) == [
        "line 1: benchmarks.report",
        "line 3: benchmarks.measures",
    ]
    assert _benchmark_imports("benchmarks.sample", tree) == []


def test_identity_imports_only_the_plain_helpers_below_it() -> None:
    allowed = FLOORS[0] | FLOORS[1]
    for module, tree, _ in SOURCES:
        if _floor(module) == 1:
            imported = {name for _, name in _imports(tree)}
            assert {_top(name) for name in imported} <= allowed, f"{module} imports {imported}"


def _iri_like(source: str) -> bool:
    lowered = source.lower()
    return any(word in lowered for word in _IRI_WORDS)


def _extends_an_iri(node: ast.JoinedStr, source: str) -> bool:
    """An f-string that joins a path segment to an IRI: f"{node}/position"."""
    parts = node.values
    for index, part in enumerate(parts):
        if not isinstance(part, ast.FormattedValue):
            continue
        if not _iri_like(ast.get_source_segment(source, part.value) or ""):
            continue
        before = parts[index - 1] if index else None
        after = parts[index + 1] if index + 1 < len(parts) else None
        if isinstance(after, ast.Constant) and str(after.value).startswith("/"):
            return True
        if isinstance(before, ast.Constant) and str(before.value).endswith("/"):
            return True
    return False


def _iri_handling(module: str, tree: ast.Module, source: str) -> list[str]:
    """Places that build an IRI from a string or take one apart."""
    found = []
    for node in ast.walk(tree):
        # The node's source only for a finding: getting it reads the whole file again, and
        # doing so for every node took minutes.
        if isinstance(node, ast.Name) and node.id == "base_iri":
            found.append(f"line {node.lineno}: mints under the base IRI")
        elif isinstance(node, ast.JoinedStr) and _extends_an_iri(node, source):
            text = ast.get_source_segment(source, node)
            found.append(f"line {node.lineno}: builds an IRI from a string ({text})")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            call = node.func.attr
            if call not in (*_SPLITS, "removeprefix", "removesuffix", *_PATTERN_CALLS):
                continue
            text = ast.get_source_segment(source, node)
            receiver = ast.get_source_segment(source, node.func.value) or ""
            arguments = [ast.get_source_segment(source, a) or "" for a in node.args]
            if call in _SPLITS and arguments[:1] == ['"/"']:
                if (module, receiver) not in NOT_IRIS:
                    found.append(f"line {node.lineno}: splits at '/' ({text})")
            elif call in ("removeprefix", "removesuffix") and _iri_like(receiver):
                found.append(f"line {node.lineno}: cuts an IRI ({text})")
            elif call in _PATTERN_CALLS and any(_iri_like(a) for a in arguments):
                found.append(f"line {node.lineno}: reads an IRI with a pattern ({text})")
    return found


def test_iris_are_built_and_read_in_kg_identity_alone() -> None:
    outside = {
        module: found
        for module, tree, source in SOURCES
        if _top(module) not in ("kg.identity", "kg.namespaces")
        if (found := _iri_handling(module, tree, source))
    }
    assert not outside, outside


def test_the_check_catches_what_it_is_for() -> None:
    """The detectors themselves: each kind of IRI handling is found in a small sample."""
    sample = (
        "from kg.namespaces import base_iri\n"
        "a = f'{base_iri()}doc/tw'\n"
        "b = document_iri.rsplit('/', 1)[-1]\n".replace("'/'", '"/"')
        + "c = f'{node}/position'\n"
        "d = node_iri.removeprefix(prefix)\n"
        "e = re.search(pattern, self.iri)\n"
    )
    found = _iri_handling("kg.sample", ast.parse(sample), sample)
    assert sorted(line.split(":")[0] for line in found) == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
        "line 6",
    ]
