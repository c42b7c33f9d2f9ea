"""Score extractions against a gold annotation in the contract's shape.

Reference detection is scored by span overlap (each gold reference pairs with at most one
predicted reference, the one overlapping it most). Fields, relations and short forms are scored
on the matched pairs; links by their two matched ends and relation; identity by co-reference:
every pair of matched references that the gold resolves to one document must be resolved to one
document, and every pair it keeps apart must stay apart (IRIs themselves are not compared, so
placeholder IRIs in a gold file work). Users annotating their own corpora need these numbers as
much as the developers do.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.extract.model import Extraction, Reference
from kg.textnorm import normalize

FIELDS: tuple[str, ...] = ("kind", "number", "symbol", "date", "issuer", "term")
DOCUMENT_FIELDS: tuple[str, ...] = ("kind", "number", "symbol", "date", "issuer", "place")


@dataclass
class Counts:
    """Precision, recall and F1 from true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def to_json(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass
class Miss:
    """A gold reference not found, or a predicted one the gold does not have."""

    source: str
    start: int
    end: int
    surface: str

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
        }


@dataclass
class EvalReport:
    """Every number of one scoring run; ``to_json`` is what ``--save`` writes."""

    documents: int = 0
    references: Counts = field(default_factory=Counts)
    by_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    fields: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in FIELDS})
    relation: Accuracy = field(default_factory=Accuracy)
    relation_by_gold: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    short_form: Accuracy = field(default_factory=Accuracy)
    links: Counts = field(default_factory=Counts)
    identity: Accuracy = field(default_factory=Accuracy)
    identity_together: Accuracy = field(default_factory=Accuracy)
    identity_apart: Accuracy = field(default_factory=Accuracy)
    document_fields: dict[str, Accuracy] = field(
        default_factory=lambda: {f: Accuracy() for f in DOCUMENT_FIELDS}
    )
    missed: list[Miss] = field(default_factory=list)
    spurious: list[Miss] = field(default_factory=list)
    # Filled by compare_runs: references found now but not in the baseline run, and the reverse.
    gained: list[Miss] = field(default_factory=list)
    lost: list[Miss] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "references": self.references.to_json(),
            "by_kind": {k: v.to_json() for k, v in sorted(self.by_kind.items())},
            "fields": {k: v.to_json() for k, v in self.fields.items()},
            "relation": self.relation.to_json(),
            "relation_by_gold": {k: v.to_json() for k, v in sorted(self.relation_by_gold.items())},
            "short_form": self.short_form.to_json(),
            "links": self.links.to_json(),
            "identity": {
                "pair_agreement": self.identity.to_json(),
                "together": self.identity_together.to_json(),
                "apart": self.identity_apart.to_json(),
            },
            "document": {k: v.to_json() for k, v in self.document_fields.items()},
            "missed": [m.to_json() for m in self.missed],
            "spurious": [m.to_json() for m in self.spurious],
            "gained": [m.to_json() for m in self.gained],
            "lost": [m.to_json() for m in self.lost],
        }


def _same_value(field_name: str, gold: Any, predicted: Any) -> bool:
    if field_name == "issuer" and isinstance(gold, str) and isinstance(predicted, str):
        return normalize(gold).casefold() == normalize(predicted).casefold()
    return bool(gold == predicted)


def match_references(gold: list[Reference], predicted: list[Reference]) -> dict[int, int]:
    """Pair gold and predicted references by largest span overlap (gold id -> predicted id)."""
    pairs: list[tuple[int, int, int]] = []
    for g in gold:
        for p in predicted:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                pairs.append((overlap, g.id, p.id))
    pairs.sort(key=lambda item: (-item[0], item[1], item[2]))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, g_id, p_id in pairs:
        if g_id in matched or p_id in used:
            continue
        matched[g_id] = p_id
        used.add(p_id)
    return matched


def score(gold: list[Extraction], predicted: list[Extraction]) -> EvalReport:
    """Score ``predicted`` against ``gold``; documents are paired by source file name."""
    report = EvalReport()
    by_source = {_key(e.source): e for e in predicted}
    identity_gold: list[str] = []
    identity_predicted: list[str | None] = []
    for gold_doc in gold:
        report.documents += 1
        predicted_doc = by_source.get(_key(gold_doc.source))
        predicted_refs = predicted_doc.references if predicted_doc else []
        g_refs = {r.id: r for r in gold_doc.references}
        p_refs = {r.id: r for r in predicted_refs}
        matched = match_references(gold_doc.references, predicted_refs)
        _score_references(report, gold_doc, predicted_refs, matched)
        for g_id, p_id in matched.items():
            g, p = g_refs[g_id], p_refs[p_id]
            for name in FIELDS:
                report.fields[name].add(_same_value(name, getattr(g, name), getattr(p, name)))
            report.relation.add(g.relation == p.relation)
            report.relation_by_gold[g.relation].add(g.relation == p.relation)
            antecedent_ok = (
                g.antecedent is None
                and p.antecedent is None
                or (g.antecedent is not None and matched.get(g.antecedent) == p.antecedent)
            )
            report.short_form.add(g.short_form == p.short_form and antecedent_ok)
            if g.resolved is not None:
                identity_gold.append(g.resolved)
                identity_predicted.append(p.resolved)
        _score_links(report, gold_doc, predicted_doc, matched)
        if predicted_doc is not None:
            for name in DOCUMENT_FIELDS:
                report.document_fields[name].add(
                    _same_value(
                        name,
                        getattr(gold_doc.document, name),
                        getattr(predicted_doc.document, name),
                    )
                )
    _score_identity(report, identity_gold, identity_predicted)
    return report


def _key(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _score_references(
    report: EvalReport,
    gold_doc: Extraction,
    predicted_refs: list[Reference],
    matched: dict[int, int],
) -> None:
    matched_predicted = set(matched.values())
    for g in gold_doc.references:
        counts = report.by_kind[g.kind]
        if g.id in matched:
            report.references.tp += 1
            counts.tp += 1
        else:
            report.references.fn += 1
            counts.fn += 1
            report.missed.append(Miss(gold_doc.source, g.start, g.end, g.surface))
    for p in predicted_refs:
        if p.id not in matched_predicted:
            report.references.fp += 1
            report.by_kind[p.kind].fp += 1
            report.spurious.append(Miss(gold_doc.source, p.start, p.end, p.surface))


def _score_links(
    report: EvalReport,
    gold_doc: Extraction,
    predicted_doc: Extraction | None,
    matched: dict[int, int],
) -> None:
    predicted_links = (
        {(link.subject, link.relation, link.object) for link in predicted_doc.links}
        if predicted_doc
        else set()
    )
    expected = {
        (matched.get(link.subject), link.relation, matched.get(link.object))
        for link in gold_doc.links
    }
    found = len(expected & predicted_links)
    report.links.tp += found
    report.links.fn += len(expected) - found
    report.links.fp += len(predicted_links) - found


def _score_identity(
    report: EvalReport, gold_iris: list[str], predicted_iris: list[str | None]
) -> None:
    for (g1, p1), (g2, p2) in itertools.combinations(
        zip(gold_iris, predicted_iris, strict=True), 2
    ):
        together = g1 == g2
        predicted_together = p1 is not None and p1 == p2
        report.identity.add(together == predicted_together)
        (report.identity_together if together else report.identity_apart).add(
            together == predicted_together
        )


def compare_runs(report: EvalReport, current: list[Extraction], baseline: list[Extraction]) -> None:
    """Fill ``report.gained``/``report.lost``: references found now and not before, and back."""
    before = {
        (_key(e.source), r.start, r.end): (e.source, r) for e in baseline for r in e.references
    }
    now = {(_key(e.source), r.start, r.end): (e.source, r) for e in current for r in e.references}
    report.gained = [
        Miss(source, r.start, r.end, r.surface)
        for key, (source, r) in sorted(now.items())
        if key not in before
    ]
    report.lost = [
        Miss(source, r.start, r.end, r.surface)
        for key, (source, r) in sorted(before.items())
        if key not in now
    ]


def load_extractions(path: Path) -> list[Extraction]:
    """Read a JSON Lines file of contract objects (a gold file, or a run saved with --save)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err.strerror or err}") from err
    extractions = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            extractions.append(Extraction.from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(str(path), f"line {number} is not a contract object: {err}") from err
    return extractions
