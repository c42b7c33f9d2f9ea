"""Read a folder of hand-annotated passages (``gold.jsonl``, ``links.jsonl``, ``passages/``) as
gold in the contract's shape, so ``kg eval`` scores it and reports gains and losses.

The annotation schema of such sets (the shared real-passage sets follow it) differs from the
contract in three ways this module maps: a reference's type is a code ("NQ", "QD_quydinh",
"OTHER"), the reader's relation and the links live in ``links.jsonl`` with accepted
alternatives, and some spans are neutral: out-of-scope references ("extended"), borderline
spans and the document's mentions of itself count neither for nor against an extractor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import ArgumentError, InputError
from kg.evaluate import Judge, load_extractions, relation_accepted
from kg.extract.model import DocumentInfo, Extraction, Link, Reference
from kg.textnorm import normalize

# The kind of each type code; OTHER and TT stand for several kinds, any of which is right.
TYPE_KINDS: dict[str, tuple[str, ...]] = {
    "NQ": ("nghi-quyet",),
    "CT": ("chi-thi",),
    "KL": ("ket-luan",),
    "QD_quyetdinh": ("quyet-dinh",),
    "QD_quydinh": ("quy-dinh",),
    "QD_unknown": ("quyet-dinh", "quy-dinh"),
    "KH": ("ke-hoach",),
    "CTr": ("chuong-trinh",),
    "HD": ("huong-dan",),
    "TB": ("thong-bao",),
    "TT": ("thong-tu", "thong-tri"),
    "TTr": ("to-trinh",),
    "BC": ("bao-cao",),
    "DA": ("de-an",),
    "ND": ("nghi-dinh",),
    "LUAT": ("luat",),
    "OTHER": (),
}
# The document's own fields the annotation gives (its "self").
_DOCUMENT_FIELDS = frozenset({"kind", "symbol", "date", "issuer"})


@dataclass
class GoldSet(Judge):
    """Gold extractions, the spans that are neutral in each source, and what else is right."""

    extractions: list[Extraction]
    corpus: Path
    neutral_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # (source, reference id) -> every kind and relation the annotation accepts for it.
    kinds: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)
    relations: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)
    # Sources that are documents of their own (a gold "self"), with the kinds their type allows.
    documents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Out-of-scope references: not scored themselves, but the links through them are.
    extended: set[tuple[str, int]] = field(default_factory=set)
    # Links the annotation doubts ("none" is accepted too): found is right, missed is no error.
    optional_links: set[tuple[str, int, int]] = field(default_factory=set)
    # (source, subject id, object id) -> the relations accepted for that link.
    links: dict[tuple[str, int, int], frozenset[str]] = field(default_factory=dict)

    # The judge's side (kg.evaluate.Judge): what this annotation counts as right.

    def neutral(self, source: str) -> list[tuple[int, int]]:
        return self.neutral_spans.get(source, [])

    def scored(self, source: str, gold: Reference) -> bool:
        return (source, gold.id) not in self.extended

    def field(self, source: str, gold: Reference, name: str, predicted: Any) -> bool | None:
        if name == "kind":
            kinds = self.kinds.get((source, gold.id), ())
            return not kinds or predicted in kinds
        wanted = getattr(gold, name)
        if wanted is None or name in ("issuer", "term"):
            return None  # only what the passage states is scored; issuers are copied loosely
        if name == "symbol":
            return _symbol_key(wanted) == _symbol_key(predicted)
        return bool(wanted == predicted)

    def relation(self, source: str, gold: Reference, predicted: str) -> bool | None:
        accepted = self.relations.get((source, gold.id))
        if accepted is None:
            return None
        return relation_accepted(predicted, accepted)

    def document_field(self, source: str, name: str, gold: Any, predicted: Any) -> bool | None:
        if source not in self.documents or name not in _DOCUMENT_FIELDS:
            return None  # a passage that is no document of its own has no identity to score
        if name == "kind":
            kinds = self.documents[source]
            return not kinds or predicted in kinds
        if name == "symbol":
            return _symbol_key(gold) == _symbol_key(predicted)
        if name == "issuer" and gold and predicted:
            return bool(normalize(gold).casefold() == normalize(predicted).casefold())
        return bool(gold == predicted)

    def link_required(self, source: str, gold: Link) -> bool:
        return (source, gold.subject, gold.object) not in self.optional_links

    def link(self, source: str, gold: Link, predicted: str) -> bool:
        accepted = self.links.get((source, gold.subject, gold.object), frozenset())
        return relation_accepted(predicted, accepted)


def _symbol_key(symbol: str | None) -> str | None:
    """Symbols compared as the annotation writes them: case, spaces and "TƯ" aside."""
    if not symbol:
        return None
    compact = normalize(symbol).upper().replace(" ", "").replace("–", "-")
    return compact.replace("T.Ư", "TW").replace("TƯ", "TW")


def is_gold_set(path: Path) -> bool:
    return path.is_dir() and (path / "gold.jsonl").is_file()


def load_gold_set(folder: Path) -> GoldSet:
    """Read ``folder`` (see the module docstring); references out of scope are kept for the
    links through them and not scored themselves."""
    links_by_id = {record["id"]: record for record in _records(folder / "links.jsonl")}
    gold = GoldSet([], folder / "passages")
    for record in _records(folder / "gold.jsonl"):
        source = f"{record['id']}.txt"
        annotated = links_by_id.get(record["id"], {})
        core = range(len(record["refs"]))
        new_id = {old: old for old in core}
        reader = {
            rr["ref"]: frozenset({rr["relation"], rr.get("alt")} - {None, "none"})
            for rr in annotated.get("reader_relations", [])
        }
        references = []
        for old in core:
            raw = record["refs"][old]
            new = new_id[old]
            if raw.get("scope", "core") != "core":
                gold.extended.add((source, new))
            kinds = TYPE_KINDS.get(raw["type"], ())
            gold.kinds[(source, new)] = kinds
            if old in reader:
                gold.relations[(source, new)] = reader[old]
            references.append(_reference(new, raw, kinds, reader.get(old)))
        links = []
        for link in annotated.get("links", []):
            subject, obj = new_id.get(link["subject"]), new_id.get(link["object"])
            if subject is None or obj is None:
                continue  # a link from the document itself, scored as its reader relation
            gold.links[(source, subject, obj)] = frozenset({link["relation"], link.get("alt")}) - {
                None,
                "none",
            }
            if link.get("alt") == "none":
                gold.optional_links.add((source, subject, obj))
            links.append(Link(subject, link["relation"], obj, 0, 0))
        gold.neutral_spans[source] = _neutral_spans(record)
        document = DocumentInfo()
        if record.get("self"):
            own = record["self"]
            kinds = TYPE_KINDS.get(own.get("type") or "OTHER", ())
            gold.documents[source] = kinds
            document = DocumentInfo(
                kind=kinds[0] if kinds else "other",
                symbol=own.get("symbol"),
                date=own.get("date"),
                issuer=own.get("issuer"),
            )
        gold.extractions.append(
            Extraction(source, "", document, references=references, links=links)
        )
    return gold


def _reference(
    new_id: int, raw: dict[str, Any], kinds: tuple[str, ...], relations: frozenset[str] | None
) -> Reference:
    return Reference(
        id=new_id,
        start=raw["start"],
        end=raw["end"],
        surface=raw["surface"],
        kind=kinds[0] if kinds else "other",
        number=raw.get("number"),
        symbol=raw.get("symbol"),
        date=raw.get("date"),
        year=raw.get("year"),
        issuer=raw.get("issuer"),
        term=raw.get("term"),
        short_form=bool(raw.get("short_form")),
        relation=sorted(relations)[0] if relations else "cites",
    )


def _neutral_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    spans = [(r["start"], r["end"]) for r in record["refs"] if r.get("scope", "core") != "core"]
    spans += [(b["start"], b["end"]) for b in record.get("borderline", [])]
    if record.get("self"):
        spans += [(m["start"], m["end"]) for m in record["self"].get("mentions", [])]
    return spans


def _records(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError) as err:
        raise InputError(str(path), f"cannot read the gold set: {err}") from err


def load_gold(path: Path, corpus: Path | None) -> tuple[list[Extraction], Path, Judge]:
    """The gold at ``path`` (a contract JSON Lines file, or a folder of annotated passages),
    the folder of its sources, and how it judges predictions."""
    if is_gold_set(path):
        gold_set = load_gold_set(path)
        return gold_set.extractions, corpus or gold_set.corpus, gold_set
    if corpus is None:
        raise ArgumentError(f"{path}: --corpus is needed, the folder of the files it annotates")
    return load_extractions(path), corpus, Judge()
