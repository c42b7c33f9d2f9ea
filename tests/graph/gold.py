"""The dev gold as test input: the five seed extractions with their identities taken away."""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from kg.extract.model import Extraction
from kg.identity import Symbol

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "data" / "corpus"
SHARED_GOLD = REPO.parent / "shared" / "gold" / "seeds.jsonl"


@dataclass(frozen=True)
class GoldDocument:
    extraction: Extraction
    gold_identities: list[str | None]


def gold_available() -> bool:
    return SHARED_GOLD.is_file()


def load_gold() -> list[GoldDocument]:
    """Each gold line with `resolved`, `candidates` and identity-derived years removed."""
    documents = []
    for line in SHARED_GOLD.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        text = (CORPUS / obj["source"]).read_text(encoding="utf-8")
        extraction = Extraction.from_json(obj, text=text)
        identities = [ref.resolved for ref in extraction.references]
        for ref in extraction.references:
            ref.resolved = None
            ref.candidates = []
            ref.resolution_reason = None
            symbol = Symbol.parse(ref.symbol) if ref.symbol else None
            if ref.date is None and (symbol is None or symbol.year is None):
                ref.year = None  # the gold took it from the identity: that is the answer
        documents.append(GoldDocument(extraction, identities))
    return documents


def coreference_agreement(
    gold: list[str | None], predicted: list[str | None]
) -> tuple[float, list[tuple[int, int]]]:
    """Share of reference pairs on which gold and prediction agree (same vs different).

    A pair counts when the gold resolves both; an unresolved prediction joins nothing.
    """
    indices = [i for i, identity in enumerate(gold) if identity is not None]
    pairs = list(combinations(indices, 2))
    wrong = [
        (i, j)
        for i, j in pairs
        if (gold[i] == gold[j]) != (predicted[i] is not None and predicted[i] == predicted[j])
    ]
    return 1 - len(wrong) / len(pairs), wrong
