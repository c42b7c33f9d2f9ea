"""The pattern tables in ``kg/extract/data/``, loaded once.

The vocabulary of the domain (type words, type and issuer codes, relation verbs, ordinals,
congress dates) is data, not code, so a domain expert can correct it without touching the
matcher. Every row carries an example that must match and a near miss that must not; the tests
run both through the full extractor.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class TableRow:
    """One data row: its columns by header name, plus the test example and near miss."""

    table: str
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    @property
    def example(self) -> str:
        return self.values["example"]

    @property
    def near_miss(self) -> str:
        return self.values["near_miss"]


TABLE_NAMES: tuple[str, ...] = (
    "type_words",
    "type_codes",
    "issuer_codes",
    "relation_verbs",
    "ordinals",
    "congress_dates",
    "repair_words",
)


@cache
def load_table(name: str) -> tuple[TableRow, ...]:
    """Rows of ``data/<name>.tsv`` in file order (order matters: earlier rows win)."""
    source = resources.files("kg.extract").joinpath("data").joinpath(f"{name}.tsv")
    lines = [
        line for line in source.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(TableRow(name, {k: (v or "") for k, v in row.items()}) for row in reader)


@dataclass(frozen=True)
class TypeWord:
    pattern: str
    kind: str
    case: str  # any | title | exact


@dataclass(frozen=True)
class IssuerCode:
    code: str
    sector: str  # party | state


@dataclass(frozen=True)
class Cue:
    pattern: str
    relation: str
    kind: str  # verb | strong | blocker | link
    link: bool
    starts: tuple[str, ...]  # the words a match can begin with


@cache
def type_words() -> tuple[TypeWord, ...]:
    return tuple(TypeWord(r["pattern"], r["kind"], r["case"]) for r in load_table("type_words"))


def type_word_alternation(*cases: str) -> str:
    """The type-word patterns whose case rule is one of ``cases``, as one regex alternation."""
    return "|".join(f"(?:{w.pattern})" for w in type_words() if w.case in cases)


@cache
def type_codes() -> dict[str, str]:
    """Upper-cased type code -> kind."""
    return {r["code"].upper(): r["kind"] for r in load_table("type_codes")}


@cache
def canonical_codes() -> dict[str, str]:
    """Upper-cased code or variant -> its canonical spelling ("CTR" -> "CTr", "T.Ư" -> "TW")."""
    table = {r["code"].upper(): r["code"] for r in load_table("type_codes")}
    table.update({r["variant"].upper(): r["code"] for r in load_table("issuer_codes")})
    return table


@cache
def issuer_codes() -> dict[str, IssuerCode]:
    """Upper-cased issuer code or variant -> canonical code and sector."""
    return {
        r["variant"].upper(): IssuerCode(r["code"], r["sector"]) for r in load_table("issuer_codes")
    }


@cache
def cues() -> tuple[Cue, ...]:
    return tuple(
        Cue(r["pattern"], r["relation"], r["kind"], r["link"] == "yes", tuple(r["starts"].split()))
        for r in load_table("relation_verbs")
    )


@cache
def ordinal_words() -> dict[str, int]:
    return {r["word"]: int(r["value"]) for r in load_table("ordinals")}


@cache
def congress_years() -> dict[str, int]:
    """Roman ordinal of a national congress -> the year of its resolution."""
    return {r["ordinal"]: int(r["year"]) for r in load_table("congress_dates")}


@cache
def kind_of_type_word(type_text: str) -> tuple[str, str] | None:
    """Kind and case rule of a written type word (cached: a text repeats a few dozen forms)."""
    compact = " ".join(type_text.split())
    for word in type_words():
        if re.fullmatch(word.pattern, compact, re.IGNORECASE):
            if word.case == "exact" and compact != word.pattern:
                continue
            if word.case == "title" and not compact[0].isupper():
                continue
            return word.kind, word.case
    return None
