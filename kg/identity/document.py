"""The identity of one document: issuer scope, kind, period and key, and its IRI both ways.

``<base>doc/<scope>/<kind>/<period>/<key>``: the scope is the issuer's (``tw``, ``bdvtw``,
``binh-phuoc/tu``, ``hai-duong/thanh-ha/hu``, ``ninh-binh/xa-gia-vien/du``); the period the
year its numbering runs in (``2013``), ``unknown``, ``dai-hoi`` for a congress's resolutions or
``khoa-xii`` for a plenum's; the key the number without leading zeros, a congress ordinal, a
plenum (``hoi-nghi-4``) or a readable key from a title. The same parts always give the same IRI,
on every run and every machine; :meth:`DocumentId.parse` reads them back. Nothing else in the
package builds or splits a document IRI.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.identity.body import UNPLACED
from kg.identity.kinds import is_kind
from kg.namespaces import base_iri
from kg.textnorm import fold, slugify

UNKNOWN_YEAR = "unknown"
CONGRESS = "dai-hoi"
_TERM = re.compile(r"^khoa-([ivxlc]+)$")
_PLENUM = re.compile(r"^hoi-nghi-(\d+)$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class DocumentId:
    scope: tuple[str, ...]
    kind: str
    period: str
    key: str

    @classmethod
    def numbered(
        cls, scope: tuple[str, ...], kind: str, year: int | None, number: str
    ) -> DocumentId:
        """A numbered document. "05-CT/TW" and "5-CT/TW" are one: leading zeros are dropped."""
        key = (number.lstrip("0") or "0") if number.isdigit() else number
        return cls(scope, kind, str(year) if year is not None else UNKNOWN_YEAR, key)

    @classmethod
    def titled(cls, scope: tuple[str, ...], kind: str, year: int | None, title: str) -> DocumentId:
        """A document without a number: a readable head of its title plus a digest."""
        digest = hashlib.sha1(fold(title).encode("utf-8")).hexdigest()[:8]
        key = f"{slugify(title, max_length=48)}-{digest}"
        return cls(scope, kind, str(year) if year is not None else UNKNOWN_YEAR, key)

    @classmethod
    def congress(cls, ordinal: str, place: tuple[str, ...] = ()) -> DocumentId:
        """The resolutions of a national congress, or of a local one when `place` is given
        (``("binh-phuoc",)``, ``("hai-duong", "thanh-ha")``): the committee it elects is "tu"."""
        scope = (*place, "tu") if place else ("tw",)
        return cls(scope, "nghi-quyet", CONGRESS, ordinal.lower())

    @classmethod
    def plenum(cls, term: str, ordinal: int) -> DocumentId:
        """The resolutions of one plenum of the Central Committee ("Nghị quyết Trung ương 6")."""
        return cls(("tw",), "nghi-quyet", f"khoa-{term.lower()}", f"hoi-nghi-{ordinal}")

    @staticmethod
    def parse(iri: str) -> DocumentId | None:
        """The parts of a document IRI minted here; None for any other IRI."""
        return _parse(f"{base_iri()}doc/", iri)

    @property
    def iri(self) -> str:
        return f"{base_iri()}doc/{'/'.join(self.scope)}/{self.kind}/{self.period}/{self.key}"

    @property
    def year(self) -> int | None:
        """The year the numbering runs in, when the identity has one."""
        return int(self.period) if _YEAR.match(self.period) else None

    @property
    def congress_ordinal(self) -> str | None:
        """ "XIII" for the resolutions of a congress, else None."""
        return self.key.upper() if self.period == CONGRESS else None

    @property
    def plenum_of(self) -> tuple[str, int] | None:
        """(term, ordinal) for the resolutions of a plenum, else None."""
        term, plenum = _TERM.match(self.period), _PLENUM.match(self.key)
        return (term.group(1).upper(), int(plenum.group(1))) if term and plenum else None

    @property
    def unplaced(self) -> bool:
        """Whether it is a local document whose place no text gave (see :mod:`.body`)."""
        return self.scope[0] == UNPLACED

    def with_kind(self, kind: str) -> DocumentId:
        return replace(self, kind=kind)

    def same_slot(self, other: DocumentId) -> bool:
        """Same scope, period and key whatever the kind: one document cited under two type
        words ("Chương trình số 31-KH/TU" and the plan itself)."""
        return (self.scope, self.period, self.key) == (other.scope, other.period, other.key)


# Resolution reads the identity of every candidate the graph offers, the same few central
# documents for every reference; an identity is frozen, so one parse is shared.
@lru_cache(maxsize=8192)
def _parse(prefix: str, iri: str) -> DocumentId | None:
    if not iri.startswith(prefix):
        return None
    *scope, kind, period, key = iri[len(prefix) :].split("/")
    if not scope or not is_kind(kind) or not key or not all(scope):
        return None
    return DocumentId(tuple(scope), kind, period, key)


def is_document_iri(iri: str) -> bool:
    """Whether an IRI names a document of this graph (a web page links it to its card)."""
    return DocumentId.parse(iri) is not None
