"""The real passages' own identities (`self` in ../shared/gold/real/*/gold.jsonl) as a score.

Each document passage names the document it is: its symbol, type, date and issuer. The score is
the share of those fields the extractor reads right from the passage, the way `kg eval` scores
reference fields: symbols compared in their canonical form, types through the gold's type codes,
dates exactly, issuers as the same body (case, tone placement, the office that signs for a body
and the place a shorter gold name leaves out do not matter).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import extract
from kg.extract.model import DocumentInfo
from kg.textnorm import fold

REAL_GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "real"
SETS = ("party", "state")
FIELDS = ("symbol", "type", "date", "issuer")

# The gold's type codes and the kinds each accepts; OTHER is decided by its type word.
_KINDS = {
    "NQ": {"nghi-quyet"}, "CT": {"chi-thi"}, "KL": {"ket-luan"}, "QD_quyetdinh": {"quyet-dinh"},
    "QD_quydinh": {"quy-dinh"}, "QD_unknown": {"quyet-dinh", "quy-dinh"}, "KH": {"ke-hoach"},
    "CTr": {"chuong-trinh"}, "HD": {"huong-dan"}, "TB": {"thong-bao"},
    "TT": {"thong-tu", "thong-tri"}, "TTr": {"to-trinh"}, "BC": {"bao-cao"}, "DA": {"de-an"},
    "ND": {"nghi-dinh"}, "LUAT": {"luat"},
}  # fmt: skip
_OTHER_KINDS = {"công văn": "cong-van", "quy chế": "quy-che", "pháp lệnh": "phap-lenh"}
# Abbreviations a gold issuer may keep as written.
_ABBREVIATIONS = (
    (r"\bubnd\b", "ủy ban nhân dân"),
    (r"\bhđnd\b", "hội đồng nhân dân"),
    (r"\btw\b", "trung ương"),
)
# The office that signs for a body names the body ("Chủ tịch Ủy ban nhân dân tỉnh X").
_OFFICE = re.compile(r"^(?:chủ tịch|bộ trưởng)\s+")
_PLACE_WORD = re.compile(r"^(?:tỉnh|thành phố)\b")


@dataclass
class SelfScore:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


def _all_passages() -> list[tuple[str, str, dict[str, object] | None]]:
    """(passage id, text, gold self or None) of every passage of both sets."""
    found = []
    for name in SETS:
        folder = REAL_GOLD / name
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            text = (folder / "passages" / f"{gold['id']}.txt").read_text(encoding="utf-8")
            found.append((f"{name}/{gold['id']}", text, gold.get("self") or None))
    return found


def passages() -> list[tuple[str, str, dict[str, object]]]:
    """(passage id, text, gold self) of every document passage of both sets."""
    return [(passage, text, own) for passage, text, own in _all_passages() if own is not None]


def claimed_selves() -> tuple[int, list[str]]:
    """How many passages are no document of their own (news about one, a page citing others),
    and those the extractor still reads as a document (a symbol or a kind of its own)."""
    others = [(passage, text) for passage, text, own in _all_passages() if own is None]
    claims = []
    for passage, text in others:
        document = extract(text, source=passage).document
        if document.symbol or document.kind != "other":
            claims.append(f"{passage}: read as {document.kind} {document.symbol or ''}".rstrip())
    return len(others), claims


def canonical_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    return fold(symbol).upper().replace(" ", "").replace("–", "-").replace("TƯ", "TW")


def _issuer_key(name: str) -> str:
    key = " ".join(re.findall(r"[^\W_]+", fold(name)))
    for pattern, full in _ABBREVIATIONS:
        key = re.sub(pattern, full, key)
    return _OFFICE.sub("", key)


def same_issuer(gold: str | None, predicted: str | None) -> bool:
    """The same body: equal names, or the gold's shorter name and a place the text adds."""
    if not gold or not predicted:
        return gold == predicted
    wanted, read = _issuer_key(gold), _issuer_key(predicted)
    if wanted == read:
        return True
    if read.startswith(wanted + " "):
        # "Ủy ban nhân dân tỉnh" / "... tỉnh Nghệ An"; "Ban Thường vụ Tỉnh ủy" / "... Lâm Đồng"
        rest = read[len(wanted) + 1 :]
        return bool(_PLACE_WORD.match(rest)) or wanted.endswith(("tỉnh", "tỉnh ủy", "thành ủy"))
    return False


def field_right(name: str, gold: dict[str, object], document: DocumentInfo) -> bool:
    if name == "symbol":
        return canonical_symbol(gold.get("symbol")) == canonical_symbol(document.symbol)  # type: ignore[arg-type]
    if name == "type":
        code = str(gold["type"])
        if code == "OTHER":
            # The type word decides; without one, any kind outside the gold's named types.
            word = str(gold.get("type_word") or "").lower()
            if word:
                return document.kind == _OTHER_KINDS.get(word, "other")
            return not any(document.kind in kinds for kinds in _KINDS.values())
        return document.kind in _KINDS[code]
    if name == "date":
        return gold.get("date") == document.date
    return same_issuer(gold.get("issuer"), document.issuer)  # type: ignore[arg-type]


def score_self() -> SelfScore:
    result = SelfScore()
    for passage, text, gold in passages():
        document = extract(text, source=passage).document
        for name in FIELDS:
            right = field_right(name, gold, document)
            result.right += right
            result.total += 1
            if not right:
                value = gold.get(name if name != "type" else "type")
                shown = document.kind if name == "type" else getattr(document, name)
                result.misses.append(f"{passage} {name}: gold {value!r}, read {shown!r}")
    return result
