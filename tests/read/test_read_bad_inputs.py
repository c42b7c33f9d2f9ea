"""Broken and hostile inputs: each one gets one clear InputError, and nothing else escapes."""

from __future__ import annotations

import os
import random
import shutil
import tracemalloc
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.errors import InputError
from kg.read import ReadResult, read_file


def problem_of(path: Path, **options: int) -> str:
    with pytest.raises(InputError) as caught:
        read_file(path, **options)
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: {caught.value.problem}"
    return caught.value.problem


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.txt", "empty file"),
        ("image-renamed.txt", "binary data, not text (looks like a PNG image)"),
        ("truncated.docx", "truncated or corrupt .docx (zip directory unreadable)"),
        ("password.pdf", "password-protected PDF"),
        ("password.docx", "password-protected .docx"),
        ("undecodable.txt", "undecodable bytes at offset 200 (not valid UTF-8)"),
    ],
)
def test_bad_fixture_gets_its_message(fixtures: Path, name: str, problem: str) -> None:
    assert problem_of(fixtures / "bad" / name) == problem


def test_truncated_pdf_is_called_corrupt(fixtures: Path) -> None:
    assert problem_of(fixtures / "bad" / "truncated.pdf").startswith("truncated or corrupt PDF (")


def test_zip_bomb_disguised_as_docx_is_refused_unread(
    tmp_path: Path, generator: ModuleType
) -> None:
    bomb = tmp_path / "report.docx"
    generator.write_zip_bomb(bomb, expanded_mb=210)
    assert bomb.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        problem = problem_of(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problem == "archive expands beyond 200 MB (possible zip bomb)"
    assert peak < 20 * 1024 * 1024


def test_zip_bomb_whose_directory_lies_is_stopped_while_streaming(
    tmp_path: Path, generator: ModuleType
) -> None:
    bomb = tmp_path / "report.docx"
    generator.write_lying_zip_bomb(bomb, expanded_mb=60)
    assert problem_of(bomb).startswith("truncated or corrupt .docx (word/document.xml:")


def test_pdf_whose_content_stream_is_a_bomb(tmp_path: Path, generator: ModuleType) -> None:
    bomb = tmp_path / "plan.pdf"
    generator.write_pdf_bomb(bomb, expanded_mb=120)
    assert bomb.stat().st_size < 1024 * 1024
    assert problem_of(bomb) == "PDF stream expands beyond 75 MB (possible decompression bomb)"


def test_docx_with_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    # Each entity is ten of the one before: "billion laughs".
    entities = '<!ENTITY e0 "haha">' + "".join(
        f'<!ENTITY e{level} "{f"&e{level - 1};" * 10}">' for level in range(1, 10)
    )
    xml = f'<?xml version="1.0"?><!DOCTYPE d [{entities}]><d>&e9;</d>'
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)
    assert problem_of(path).startswith("truncated or corrupt .docx (bad XML:")


def test_expansion_cap_follows_the_size_limit(tmp_path: Path, generator: ModuleType) -> None:
    bomb = tmp_path / "report.docx"
    generator.write_zip_bomb(bomb, expanded_mb=5)
    assert problem_of(bomb, max_bytes=1024 * 1024) == (
        "archive expands beyond 4 MB (possible zip bomb)"
    )


def test_oversized_text_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 100 MB on paper, nothing on disk
        handle.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    try:
        problem = problem_of(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problem == "larger than 50 MB; raise --max-size"
    assert peak < 1024 * 1024


def test_size_limit_is_a_parameter(fixtures: Path) -> None:
    assert problem_of(fixtures / "plan-utf8.txt", max_bytes=1000) == (
        "larger than 1000 bytes; raise --max-size"
    )


def test_missing_file_folder_and_fifo(tmp_path: Path) -> None:
    assert problem_of(tmp_path / "nothing.txt") == "no such file"
    assert problem_of(tmp_path) == "is a folder, not a file"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert problem_of(fifo) == "not a regular file"


def test_file_that_disappears_while_reading(
    tmp_path: Path, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.txt"
    shutil.copy(fixtures / "plan-utf8.txt", path)
    real_open = Path.open

    def vanish_then_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            self.unlink()
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", vanish_then_open)
    assert problem_of(path) == "file disappeared while reading"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Nghị quyết", encoding="utf-8")
    path.chmod(0)
    assert problem_of(path) == "permission denied"


def test_symlink_loop_named_directly(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    assert problem_of(first) == "symbolic link loop"


def test_odd_length_utf16_and_other_office_files(tmp_path: Path, fixtures: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_bytes(b"\xff\xfe" + "Nghị quyết".encode("utf-16-le") + b"\x00")
    assert problem_of(odd) == "undecodable bytes at offset 22 (not valid utf-16-le)"
    archive = tmp_path / "archive.txt"
    shutil.make_archive(str(tmp_path / "archive"), "zip", fixtures / "bad")
    (tmp_path / "archive.zip").rename(archive)
    assert problem_of(archive) == "binary data, not text (looks like a zip archive)"


def test_text_in_no_vietnamese_encoding_is_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Ærø Ødegård ÿþ ¤¤ §".encode("latin-1"))
    assert problem_of(path).startswith("undecodable bytes at offset 0 (not UTF-8, and not")


GOOD_SAMPLES = ["plan-utf8.txt", "plan-tcvn3.txt", "plan-utf16le.txt", "plan.docx", "plan.pdf",
                "plan.html"]  # fmt: skip


@pytest.mark.parametrize("name", GOOD_SAMPLES)
def test_corrupt_variants_raise_only_input_error(fixtures: Path, tmp_path: Path, name: str) -> None:
    """Truncations, flipped bytes and spliced junk: a text or an InputError, never a crash."""
    original = (fixtures / name).read_bytes()
    chance = random.Random(name)  # the same variants on every run
    for number in range(12):
        data = bytearray(original)
        if number % 3 == 0:
            data = data[: chance.randrange(1, len(data))]
        elif number % 3 == 1:
            for _ in range(chance.randrange(1, 40)):
                data[chance.randrange(len(data))] = chance.randrange(256)
        else:
            at = chance.randrange(len(data))
            data[at:at] = chance.randbytes(chance.randrange(1, 300))
        variant = tmp_path / f"variant{number}{Path(name).suffix}"
        variant.write_bytes(bytes(data))
        try:
            result = read_file(variant)
        except InputError as err:
            assert err.problem and "\n" not in str(err)
        else:
            assert isinstance(result, ReadResult) and result.text.strip()
