"""The command line and the web app are front ends over one library facade: they import only
`kg.api`, `kg.errors` and `kg.views` (and their own modules), so every answer they show is one
`kg.api` gives a notebook too, and neither grows its own version of it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
LIBRARY = ("kg.api", "kg.errors", "kg.views")
# Besides the library, each front end may import its own modules; `kg serve` starts the web app.
OWN = {"cli": ("kg.cli", "kg.web"), "web": ("kg.web",)}


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "kg":
                names.update(f"kg.{alias.name}" for alias in node.names)
    return {name for name in names if name == "kg" or name.startswith("kg.")}


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


@pytest.mark.parametrize("front_end", sorted(OWN))
def test_front_ends_import_only_the_facade(front_end: str) -> None:
    allowed = LIBRARY + OWN[front_end]
    modules = sorted((KG / front_end).glob("*.py"))
    assert modules
    stray = {
        f"{path.relative_to(KG.parent)}: {name}"
        for path in modules
        for name in _imported(path)
        if not _within(name, allowed)
    }
    assert not stray, sorted(stray)
