"""Expanding the files and folders a user names into the source files to read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import iter_sources


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Nghị quyết số 25-NQ/TW", encoding="utf-8")
    return path


def collect(paths: list[str | Path]) -> tuple[list[Path], list[InputError]]:
    problems: list[InputError] = []
    return list(iter_sources(paths, on_problem=problems.append)), problems


def test_folders_are_walked_sorted_and_filtered(tmp_path: Path) -> None:
    for name in ["b.docx", "a.txt", "sub/c.pdf", "sub/deeper/d.HTM", "e.png", ".hidden.txt",
                 ".git/f.txt", "~$lock.docx", "g.doc", "h.html"]:  # fmt: skip
        touch(tmp_path / name)
    files, problems = collect([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a.txt", "b.docx", "g.doc", "h.html", "sub/c.pdf", "sub/deeper/d.HTM",
    ]  # fmt: skip
    assert problems == []


def test_named_files_are_kept_whatever_their_extension_and_yielded_once(tmp_path: Path) -> None:
    scan = touch(tmp_path / "scan.dat")
    plan = touch(tmp_path / "plan.txt")
    alias = tmp_path / "alias.txt"
    alias.symlink_to(plan)
    files, problems = collect([scan, plan, str(plan), alias, tmp_path])
    assert files == [scan, plan]
    assert problems == []


def test_missing_names_are_passed_on_for_the_reader_to_report(tmp_path: Path) -> None:
    files, problems = collect([tmp_path / "gone.txt"])
    assert files == [tmp_path / "gone.txt"]
    assert problems == []


def test_symlink_loop_in_a_folder_is_reported_once_and_walked_once(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    plan = touch(root / "plan.txt")
    (root / "again").symlink_to(root)  # docs/again -> docs
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root)  # docs/sub/up -> docs
    first, second = root / "x.txt", root / "y.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    files, problems = collect([root])
    assert files == [plan]
    reported = sorted(Path(problem.path).relative_to(root).as_posix() for problem in problems)
    assert reported == ["again", "sub/up", "x.txt", "y.txt"]
    assert all("symbolic link loop" in problem.problem for problem in problems)


def test_loops_are_logged_when_no_callback_is_given(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "self").symlink_to(tmp_path)
    touch(tmp_path / "plan.txt")
    assert list(iter_sources([tmp_path])) == [tmp_path / "plan.txt"]
    assert "symbolic link loop" in caplog.text
