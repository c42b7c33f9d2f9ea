"""Regenerate provinces.csv from the `vietnamadminunits` package (MIT; ships its data offline).

Run from the repository root: `.venv/bin/python data/registry/make_provinces.py`. The CSV is
committed so that loading the registry needs neither this script nor the package.
"""

from __future__ import annotations

import csv
import importlib.metadata
import json
import re
import unicodedata
from pathlib import Path

from vietnamadminunits.database import query  # type: ignore[import-untyped]
from vietnamadminunits.database.main import MODULE_DIR  # type: ignore[import-untyped]

OUT = Path(__file__).with_name("provinces.csv")
CHANGE_DATE = "2025-07-01"


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_name = "".join(c for c in ascii_name if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name))


def main() -> None:
    version = importlib.metadata.version("vietnamadminunits")
    source = f"vietnamadminunits {version} (MIT)"
    mapping = json.loads((MODULE_DIR / "data/converter_2025.json").read_text("utf-8"))
    new_of_old = {old: new for new, olds in mapping["DICT_PROVINCE"].items() for old in olds}
    fields = "province, provinceShort, provinceCode, provinceKey"
    legacy = query(f"SELECT DISTINCT {fields} FROM admin_units_legacy")
    current = query(f"SELECT DISTINCT {fields} FROM admin_units")
    short_of_key = {row["provinceKey"]: row["provinceShort"] for row in current}
    rows = []
    for row in sorted(legacy, key=lambda r: r["provinceCode"]):
        successor = short_of_key[new_of_old[row["provinceKey"]]]
        rows.append(_row(row, "", CHANGE_DATE, f"2025/{slug(successor)}", source))
    for row in sorted(current, key=lambda r: r["provinceCode"]):
        rows.append(_row(row, CHANGE_DATE, "", "", source))
    with OUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _row(row: dict[str, str], since: str, until: str, successor: str, source: str) -> dict:
    city = row["province"].startswith("Thành phố")
    prefix = "2025/" if since else ""
    return {
        "id": prefix + slug(row["provinceShort"]),
        "name": row["provinceShort"],
        "full_name": row["province"],
        "type": "thanh-pho" if city else "tinh",
        "code": row["provinceCode"],
        "valid_from": since,
        "valid_until": until,
        "merged_into": successor,
        "source": source + (" table admin_units" if since else " table admin_units_legacy"),
    }


if __name__ == "__main__":
    main()
