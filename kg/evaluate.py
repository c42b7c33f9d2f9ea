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
from kg.extract.model import Extraction, Link, Reference
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
    # Every judgement of this run against the gold (a reference found, a field, a relation, a
    # link), by a readable key; compare_runs sets the ones that changed since a baseline run.
    verdicts: dict[str, bool] = field(default_factory=dict)
    better: list[str] = field(default_factory=list)
    worse: list[str] = field(default_factory=list)

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
            "better": list(self.better),
            "worse": list(self.worse),
        }


def _same_value(field_name: str, gold: Any, predicted: Any) -> bool:
    if field_name == "issuer" and isinstance(gold, str) and isinstance(predicted, str):
        return normalize(gold).casefold() == normalize(predicted).casefold()
    return bool(gold == predicted)


# Relations newer than a gold file's vocabulary, and what the gold calls them: repeal was
# annotated as replaces or a citation, guidance as implements or a citation.
NEWER_RELATIONS: dict[str, frozenset[str]] = {
    "repeals": frozenset({"replaces", "cites"}),
    "guides": frozenset({"implements", "cites"}),
}


def relation_accepted(predicted: str, accepted: frozenset[str]) -> bool:
    return predicted in accepted or bool(NEWER_RELATIONS.get(predicted, frozenset()) & accepted)


class Judge:
    """How a gold file judges a prediction; this one is the contract's: every field compared
    as it is, nothing neutral. A gold set in the shared annotation schema judges otherwise
    (:class:`kg.gold_sets.GoldSet`): several kinds or relations may be right, and some spans
    count neither way."""

    def neutral(self, source: str) -> list[tuple[int, int]]:
        """Spans where a prediction that matches no gold reference is not counted as wrong."""
        return []

    def scored(self, source: str, gold: Reference) -> bool:
        """Whether finding (or missing) this gold reference counts; one that does not still
        anchors the links the gold states through it."""
        return True

    def field(self, source: str, gold: Reference, name: str, predicted: Any) -> bool | None:
        """Whether the predicted value of a field is right (None: the field is not scored)."""
        return _same_value(name, getattr(gold, name), predicted)

    def relation(self, source: str, gold: Reference, predicted: str) -> bool | None:
        return relation_accepted(predicted, frozenset({gold.relation}))

    def document_field(self, source: str, name: str, gold: Any, predicted: Any) -> bool | None:
        """Whether a field of the document's own identity is right (None: not scored)."""
        return _same_value(name, gold, predicted)

    def link(self, source: str, gold: Link, predicted: str) -> bool:
        return relation_accepted(predicted, frozenset({gold.relation}))

    def link_required(self, source: str, gold: Link) -> bool:
        """Whether missing this gold link counts (a doubtful one may be stated or not)."""
        return True


def match_references(gold: list[Reference], predicted: list[Reference]) -> dict[int, int]:
    """Pair gold and predicted references by largest span overlap (gold id -> predicted id).

    On equal overlap the spans closest in length pair: a law cited inside an amending law's
    name overlaps both, and is the inner one."""
    pairs: list[tuple[int, int, int, int]] = []
    for g in gold:
        for p in predicted:
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                difference = abs((g.end - g.start) - (p.end - p.start))
                pairs.append((-overlap, difference, g.id, p.id))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, g_id, p_id in pairs:
        if g_id in matched or p_id in used:
            continue
        matched[g_id] = p_id
        used.add(p_id)
    return matched


def score(
    gold: list[Extraction], predicted: list[Extraction], judge: Judge | None = None
) -> EvalReport:
    """Score ``predicted`` against ``gold``; documents are paired by source file name."""
    judge = judge or Judge()
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
        source = gold_doc.source
        scored = [r for r in gold_doc.references if judge.scored(source, r)]
        # References are found against the scored gold; links and relations are read through
        # every gold reference, out-of-scope ones too.
        matched = match_references(scored, predicted_refs)
        anchored = (
            matched
            if len(scored) == len(gold_doc.references)
            else match_references(gold_doc.references, predicted_refs)
        )
        _score_references(report, source, scored, predicted_refs, matched, judge)
        for g_id, p_id in anchored.items():
            related = judge.relation(source, g_refs[g_id], p_refs[p_id].relation)
            if related is not None:
                report.verdicts[f"relation of {_named(source, g_refs[g_id])}"] = related
                report.relation.add(related)
                report.relation_by_gold[g_refs[g_id].relation].add(related)
        for g_id, p_id in matched.items():
            g, p = g_refs[g_id], p_refs[p_id]
            for name in FIELDS:
                right = judge.field(source, g, name, getattr(p, name))
                if right is not None:
                    report.verdicts[f"{name} of {_named(source, g)}"] = right
                    report.fields[name].add(right)
            antecedent_ok = (
                g.antecedent is None
                and p.antecedent is None
                or (g.antecedent is not None and matched.get(g.antecedent) == p.antecedent)
            )
            report.short_form.add(g.short_form == p.short_form and antecedent_ok)
            if g.resolved is not None:
                identity_gold.append(g.resolved)
                identity_predicted.append(p.resolved)
        _score_links(report, gold_doc, predicted_doc, anchored, judge)
        if predicted_doc is not None:
            for name in DOCUMENT_FIELDS:
                right = judge.document_field(
                    source,
                    name,
                    getattr(gold_doc.document, name),
                    getattr(predicted_doc.document, name),
                )
                if right is not None:
                    report.document_fields[name].add(right)
    _score_identity(report, identity_gold, identity_predicted)
    return report


def _key(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _score_references(
    report: EvalReport,
    source: str,
    scored: list[Reference],
    predicted_refs: list[Reference],
    matched: dict[int, int],
    judge: Judge,
) -> None:
    neutral = judge.neutral(source)
    matched_predicted = set(matched.values())
    for g in scored:
        counts = report.by_kind[g.kind]
        report.verdicts[f"reference {_named(source, g)}"] = g.id in matched
        if g.id in matched:
            report.references.tp += 1
            counts.tp += 1
        else:
            report.references.fn += 1
            counts.fn += 1
            report.missed.append(Miss(source, g.start, g.end, g.surface))
    for p in predicted_refs:
        if p.id not in matched_predicted and not any(
            min(p.end, end) > max(p.start, start) for start, end in neutral
        ):
            report.references.fp += 1
            report.by_kind[p.kind].fp += 1
            report.spurious.append(Miss(source, p.start, p.end, p.surface))


def _score_links(
    report: EvalReport,
    gold_doc: Extraction,
    predicted_doc: Extraction | None,
    matched: dict[int, int],
    judge: Judge,
) -> None:
    """A gold link is found when a predicted one joins its two matched ends with a relation the
    judge accepts; a predicted link counts as wrong only between two matched references (a
    link between spurious ones is already counted as their error)."""
    matched_predicted = set(matched.values())
    predicted_links = [
        link
        for link in (predicted_doc.links if predicted_doc else [])
        if link.subject in matched_predicted and link.object in matched_predicted
    ]
    used: set[int] = set()
    for gold_link in gold_doc.links:
        ends = (matched.get(gold_link.subject), matched.get(gold_link.object))
        hit = next(
            (
                index
                for index, link in enumerate(predicted_links)
                if index not in used
                and (link.subject, link.object) == ends
                and judge.link(gold_doc.source, gold_link, link.relation)
            ),
            None,
        )
        key = (
            f"link {gold_doc.source}: {_surface(gold_doc, gold_link.subject)} "
            f"{gold_link.relation} {_surface(gold_doc, gold_link.object)}"
        )
        if hit is None or judge.link_required(gold_doc.source, gold_link):
            report.verdicts[key] = hit is not None
        if hit is None:
            report.links.fn += int(judge.link_required(gold_doc.source, gold_link))
        else:
            used.add(hit)
            report.links.tp += 1
    report.links.fp += len(predicted_links) - len(used)


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


def _named(source: str, reference: Reference) -> str:
    return f"{source} [{reference.start}] {' '.join(reference.surface.split())!r}"


def _surface(extraction: Extraction, reference_id: int) -> str:
    return repr(" ".join(extraction.references[reference_id].surface.split()))


def compare_verdicts(report: EvalReport, baseline: EvalReport) -> None:
    """Fill ``report.better``/``report.worse``: judgements against the gold that changed since
    the baseline run, so a change that trades one phenomenon for another shows both sides."""
    before = baseline.verdicts
    now = report.verdicts
    report.better = sorted(key for key, right in now.items() if right and before.get(key) is False)
    report.worse = sorted(key for key, right in now.items() if not right and before.get(key))


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
