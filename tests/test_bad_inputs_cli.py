"""Bad input at the command line: one clear line naming the file, exit code 1, and the store
exactly as it was before."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.api import KG
from kg.cli import app
from tests.read.conftest import FIXTURES, load_generator

runner = CliRunner()


@pytest.fixture()
def store(tmp_path: Path, corpus_dir: Path) -> Path:
    """A store already holding one good plan."""
    path = tmp_path / "store"
    with KG.open(path) as kg:
        kg.ingest([corpus_dir / "bdvtw-82-kh-2023.txt"])
    return path


def _dump(store: Path) -> bytes:
    with KG.open(store, read_only=True) as kg:
        return kg.store.dump(ox.RdfFormat.N_QUADS)


def _copy_bad(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        target = folder / name
        shutil.copy(FIXTURES / "bad" / name, target)
        return target

    return make


def _zip_bomb(folder: Path) -> Path:
    target = folder / "report.docx"
    load_generator().write_zip_bomb(target)
    return target


def _too_big(folder: Path) -> Path:
    target = folder / "huge.txt"
    with target.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: no real disk or memory used
    return target


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_copy_bad("empty.txt"), "empty"),
    "binary renamed .txt": (_copy_bad("image-renamed.txt"), "binary"),
    "truncated docx": (_copy_bad("truncated.docx"), "docx"),
    "truncated pdf": (_copy_bad("truncated.pdf"), "pdf"),
    "password pdf": (_copy_bad("password.pdf"), "password"),
    "password docx": (_copy_bad("password.docx"), "password"),
    "undecodable bytes": (_copy_bad("undecodable.txt"), "undecodable"),
    "zip bomb": (_zip_bomb, "zip bomb"),
    "100 MB text": (_too_big, "max-size"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gets_one_line_and_leaves_the_store_unchanged(
    case: str, tmp_path: Path, store: Path
) -> None:
    make, expected = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    bad = make(folder)
    before = _dump(store)
    result = runner.invoke(app, ["ingest", str(bad), "--store", str(store)])
    assert result.exit_code == 1
    failure_lines = [line for line in result.output.splitlines() if bad.name in line]
    assert failure_lines, result.output
    assert expected.lower() in failure_lines[0].lower(), failure_lines[0]
    assert "Traceback" not in result.output
    assert _dump(store) == before


def test_symlink_loop_in_a_folder_is_survived(
    tmp_path: Path, store: Path, corpus_dir: Path
) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(corpus_dir / "haiphong-bdvtu-kh-2023.txt", folder / "sub" / "plan.txt")
    os.symlink(folder, folder / "sub" / "loop")
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(store)])
    assert "Traceback" not in result.output
    assert "ingested 1" in result.output


def test_a_locked_store_is_one_line(tmp_path: Path, store: Path, corpus_dir: Path) -> None:
    with KG.open(store):
        result = runner.invoke(
            app, ["ingest", str(corpus_dir / "haiphong-bdvtu-kh-2023.txt"), "--store", str(store)]
        )
    assert result.exit_code == 1
    assert "in use by another kg process" in str(result.exception or result.output)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_store_is_one_line(tmp_path: Path, store: Path, corpus_dir: Path) -> None:
    for path in [store, *store.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    result = runner.invoke(
        app, ["ingest", str(corpus_dir / "haiphong-bdvtu-kh-2023.txt"), "--store", str(store)]
    )
    assert result.exit_code == 1
