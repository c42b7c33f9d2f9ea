"""The record of one reference found in the normalised text, filled in by the later stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.model import Congress, Plenum
from kg.extract.patterns import Symbol


@dataclass(slots=True)
class Mention:
    """A reference found in the normalised text; offsets index that text until mapped back.

    Slotted: a corpus yields one per citation, and every later stage reads its fields.
    """

    start: int
    end: int
    kind: str
    number: str | None = None
    symbol: str | None = None
    symbol_parts: Symbol | None = None
    date: str | None = None
    # A date the text gives only in part ("19/6", "tháng 4-2007"), as written.
    date_raw: str | None = None
    issuer: str | None = None
    # Where the issuer is written (normalised offsets), so the output keeps the source spelling.
    issuer_span: tuple[int, int] | None = None
    term: str | None = None
    congress: Congress | None = None
    plenum: Plenum | None = None
    title: str | None = None
    # The name of a law cited by name ("Luật Thực hiện dân chủ ở cơ sở").
    name_span: tuple[int, int] | None = None
    # A year stated without a full date ("Luật Đất đai năm 2013").
    year: int | None = None
    has_type_word: bool = True
    warnings: list[str] = field(default_factory=list)
    # Structure found later: the end of the title clause and parenthetical that belong to it,
    # the mention whose title holds this one, and the previous item of the list it is in.
    extent_end: int = 0
    owner: int | None = None
    link_relation: str | None = None
    # The link runs from this mention to its owner ("X, được sửa đổi bởi Y": Y amends X).
    link_passive: bool = False
    list_prev: int | None = None
    in_parens: bool = False
    date_before: bool = False
    # The document whose name holds this one: a law named in an amending law's name.
    inside: Mention | None = None
    # A back-reference by its type word alone ("Nghị quyết nói trên", "Chỉ thị này"), and the
    # mention it points at when the text says so ("(sau đây gọi tắt là Quy chế)").
    anaphor: bool = False
    refers_to: Mention | None = None

    @property
    def attached(self) -> bool:
        """Whether the mention states anything beyond its number and symbol."""
        return bool(self.date or self.issuer or self.term)
