"""One document that cites the same resolution N times: ingest time and peak memory by N.

Compiled volumes and long reports hold thousands of references, often in one long paragraph
("căn cứ Nghị quyết số 25-NQ/TW ...; căn cứ ..."). Each size is ingested alone, into a fresh
store, in a fresh process; the baseline of each row is the size before it, so a ratio near 2
between sizes that double says the cost is linear in the references (4 would be quadratic). The
rows' "× baseline" is that ratio (this size over the one before), not a speed-up.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.harness import isolated
from benchmarks.report import Row

SIZES: tuple[int, ...] = (1_000, 2_000, 4_000, 8_000)
_HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 12/KH-UBND\nSơn La, ngày 11 tháng 3 năm 2020\n\n"
    "KẾ HOẠCH\nthực hiện các nghị quyết của Đảng\n\n"
)
_CITATION = "căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương"


def reference_flood(references: int) -> str:
    """A plan whose one paragraph cites 25-NQ/TW `references` times."""
    return _HEADER + "; ".join([_CITATION] * references) + ".\n"


def _ingest_one(path: str, store: str) -> int:
    from kg.api import KG

    with KG.open(Path(store)) as kg:
        report = kg.ingest([Path(path)])
    return sum(outcome.references for outcome in report.outcomes)


def measure_flood(sizes: Sequence[int] = SIZES, work_dir: Path | None = None) -> list[Row]:
    """Rows of ingest seconds and peak memory per size, each against the size before it."""
    rows: list[Row] = []
    previous: tuple[int, float, float] | None = None
    if work_dir is not None:
        work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="flood-", dir=work_dir) as folder:
        for size in sizes:
            path = Path(folder) / f"flood-{size}.txt"
            path.write_text(reference_flood(size), encoding="utf-8")
            measured = isolated(_ingest_one, str(path), str(Path(folder) / f"store-{size}"))
            note = f"{measured.result:,} references; × = this size / the one before"
            base = f"{previous[0]:,} references" if previous else None
            rows.append(
                Row(size, "flood", "ingest one document", measured.seconds, "s", base,
                    previous[1] if previous else None, note=note)
            )  # fmt: skip
            rows.append(
                Row(size, "flood", "ingest peak memory", measured.peak_mb, "MB", base,
                    previous[2] if previous else None)
            )  # fmt: skip
            previous = (size, measured.seconds, measured.peak_mb)
    return rows
