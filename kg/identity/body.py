"""Where an issuing body sits: its level, and the province, district or commune it belongs to.

Local numbers repeat in every place ("68/KH-UBND" is a plan of every province), so a local
document's identity carries its body's place: ``<province>/<code>`` for a province's body,
``<province>/<district>/<code>`` for a district's, ``<province>/xa-<name>/<code>`` for a
commune's (a ward is ``phuong-<name>``). A local body whose place no text gives is scoped by
the text it was read in (``unplaced/<key>/<code>``), so two such bodies never share a node.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kg.textnorm import slugify

UNPLACED = "unplaced"


class Level(StrEnum):
    """The level of an issuing body. ``state`` is a central state organ (Chính phủ, a ministry,
    Quốc hội); a people's committee or council has the level of its place."""

    CENTRAL = "central"
    STATE = "state"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"

    @property
    def local(self) -> bool:
        return self in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


@dataclass(frozen=True)
class BodyId:
    """An issuing body as identities need it.

    `code` is the issuer code of its symbols ("TU", "BDVHU", "ĐU", "UBND"), or a slug of its name
    when it has none; `province` a province slug ("binh-phuoc"), `district` and `commune` the
    unit's name as written ("Thanh Hà", "xã Gia Viễn"). `unplaced` is the key of the text that
    named a local body without its place.
    """

    level: Level
    code: str
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    unplaced: str | None = None

    @property
    def placed(self) -> bool:
        """Whether a local body's province is known (central bodies are always placed)."""
        return not self.level.local or self.province is not None

    @property
    def scope(self) -> tuple[str, ...]:
        """The IRI scope of the documents this body numbers."""
        code = "tw" if self.code.upper() == "TW" else slugify(self.code)
        if not self.level.local:
            return (code,)
        if self.province is None:
            if self.unplaced is None:
                raise ValueError(f"local body {self.code} has neither a place nor a text key")
            return (UNPLACED, self.unplaced, *self._units(), code)
        return (self.province, *self._units(), code)

    def _units(self) -> tuple[str, ...]:
        units = []
        if self.district is not None and self.level in (Level.DISTRICT, Level.COMMUNE):
            units.append(slugify(self.district))
        if self.commune is not None and self.level == Level.COMMUNE:
            units.append(slugify(self.commune))  # "xã Gia Viễn" -> "xa-gia-vien"
        return tuple(units)
