"""Typed results of extraction, shaped exactly like the `kg extract --json` contract.

The contract (``spec/extraction.md`` in the shared material) is read by outside scorers, so
these dataclasses mirror it field for field; ``to_json``/``from_json`` are the only place the
JSON shape is spelt out. The dev gold is in the same shape, which lets every later stage
(resolve, graph, eval) run on gold input as well as on extractor output.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

from kg.identity.kinds import CONTRACT_KINDS

Relation = Literal[
    "based_on",
    "implements",
    "continues",
    "reviews",
    "inspects",
    "disseminates",
    "amends",
    "replaces",
    "repeals",
    "guides",
    "cites",
]

RELATIONS: tuple[str, ...] = get_args(Relation)

KINDS: tuple[str, ...] = CONTRACT_KINDS


@dataclass
class Signer:
    name: str
    role: str | None = None


@dataclass
class Congress:
    """An unnumbered congress resolution: "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII"."""

    # Roman numeral; None when a local congress is named by its term ("nhiệm kỳ 2020 - 2025").
    ordinal: str | None
    scope: str  # toan-quoc | tinh | thanh-pho | huyen | xa
    place: str | None = None
    # First year of the term the congress opened ("nhiệm kỳ 2020 - 2025" -> 2020).
    period: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ordinal": self.ordinal, "scope": self.scope}
        if self.scope != "toan-quoc":
            out["place"] = self.place
        if self.period is not None:
            out["period"] = self.period
        return out


@dataclass
class Plenum:
    """A plenum resolution: "Nghị quyết Trung ương 4 (khóa XII)" (the term is on the reference)."""

    ordinal: int

    def to_json(self) -> dict[str, Any]:
        return {"ordinal": self.ordinal}


@dataclass
class DocumentInfo:
    """The identity of the document being read, as its own text states it."""

    kind: str = "other"
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    place: str | None = None
    title: str | None = None
    signers: list[Signer] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    # The organisation the header names above the issuer when the issuer's own name leaves it
    # out: "Đảng bộ tỉnh Hải Dương" above "Huyện ủy Phú Thanh". It says which province a
    # district's documents belong to. Resolution reads it; the contract's document object has
    # a fixed key set that gold checkers compare exactly, so it is not written there.
    parent: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        del out["parent"]
        out["signers"] = [asdict(s) for s in self.signers]
        return out


@dataclass
class Reference:
    """One mention of another document, with its character span in the text as read."""

    id: int
    start: int
    end: int
    surface: str
    kind: str
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    term: str | None = None
    # The stated date when the text gives it only in part ("19/6", "tháng 4-2007"), as written;
    # `date` is then null (never completed from elsewhere).
    date_raw: str | None = None
    congress: Congress | None = None
    plenum: Plenum | None = None
    title: str | None = None
    short_form: bool = False
    antecedent: int | None = None
    relation: str = "cites"
    resolved: str | None = None
    candidates: list[str] = field(default_factory=list)
    # Why `resolved` was chosen (stated date, title, arithmetic, registry, graph...).
    resolution_reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Not in the JSON contract; used by resolution and provenance.
    # N of "sơ kết / tổng kết N năm thực hiện" in front of the reference: with the citing
    # document's date it gives the cited document's year.
    elapsed_years: int | None = None
    # Span of the sentence (or list item) that holds the reference: the evidence of the edge.
    sentence_start: int | None = None
    sentence_end: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "kind": self.kind,
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date,
            "year": self.year,
            "issuer": self.issuer,
            "term": self.term,
            "congress": self.congress.to_json() if self.congress else None,
            "plenum": self.plenum.to_json() if self.plenum else None,
            "title": self.title,
            "short_form": self.short_form,
            "antecedent": self.antecedent,
            "relation": self.relation,
            "resolved": self.resolved,
        }
        if self.date_raw:
            out["date_raw"] = self.date_raw
        if self.candidates:
            out["candidates"] = list(self.candidates)
        if self.resolution_reason:
            out["resolution_reason"] = self.resolution_reason
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


@dataclass
class Link:
    """A relation stated between two cited documents (not the one being read)."""

    subject: int
    relation: str
    object: int
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    """Everything extracted from one source file."""

    source: str
    sha256: str
    document: DocumentInfo
    references: list[Reference] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # The text the offsets index (as read and decoded); not part of the JSON contract.
    text: str = field(default="", repr=False)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "sha256": self.sha256,
            "document": self.document.to_json(),
            "references": [r.to_json() for r in self.references],
            "links": [link.to_json() for link in self.links],
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_json(cls, obj: dict[str, Any], text: str = "") -> Extraction:
        """Build from a contract object (extractor output or a gold line)."""
        doc = obj.get("document") or {}
        document = DocumentInfo(
            kind=doc.get("kind") or "other",
            number=doc.get("number"),
            symbol=doc.get("symbol"),
            date=doc.get("date"),
            issuer=doc.get("issuer"),
            place=doc.get("place"),
            title=doc.get("title"),
            signers=[Signer(s["name"], s.get("role")) for s in doc.get("signers") or []],
            recipients=list(doc.get("recipients") or []),
        )
        references = [_reference_from_json(r) for r in obj.get("references") or []]
        links = [
            Link(
                subject=link["subject"],
                relation=link["relation"],
                object=link["object"],
                start=link["start"],
                end=link["end"],
            )
            for link in obj.get("links") or []
        ]
        return cls(
            source=obj["source"],
            sha256=obj.get("sha256", ""),
            document=document,
            references=references,
            links=links,
            text=text,
            warnings=list(obj.get("warnings") or []),
        )


def _reference_from_json(r: dict[str, Any]) -> Reference:
    congress = r.get("congress")
    plenum = r.get("plenum")
    return Reference(
        id=r["id"],
        start=r["start"],
        end=r["end"],
        surface=r["surface"],
        kind=r["kind"],
        number=r.get("number"),
        symbol=r.get("symbol"),
        date=r.get("date"),
        year=r.get("year"),
        issuer=r.get("issuer"),
        term=r.get("term"),
        date_raw=r.get("date_raw"),
        congress=Congress(
            congress.get("ordinal"),
            congress["scope"],
            congress.get("place"),
            congress.get("period"),
        )
        if congress
        else None,
        plenum=Plenum(int(plenum["ordinal"])) if plenum else None,
        title=r.get("title"),
        short_form=bool(r.get("short_form")),
        antecedent=r.get("antecedent"),
        relation=r.get("relation") or "cites",
        resolved=r.get("resolved"),
        candidates=list(r.get("candidates") or []),
        resolution_reason=r.get("resolution_reason"),
        warnings=list(r.get("warnings") or []),
    )
