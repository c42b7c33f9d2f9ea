"""Give every reference one identity, with the reason, or its candidates when that is unsafe.

Party numbering restarts every term, so "25-NQ/TW" names a 2003 and a 2013 resolution; the
symbol alone never decides. Evidence is weighed in a fixed order: the stated date, the title,
the stated term, "N năm thực hiện" counted back from the citing document's year, the
antecedent of a short form, other mentions in the same text, then the registry and the
documents already in the graph. When candidates remain, they are kept and nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kg import registry as kg_registry
from kg.extract.model import Congress, Extraction, Reference
from kg.namespaces import base_iri
from kg.resolve import iri
from kg.resolve.context import (
    Citing,
    body_scope,
    citing_context,
    default_registry,
    district_named,
    province_named,
    year_of,
)
from kg.resolve.known import KnownDocuments
from kg.resolve.symbols import Symbol, parse_symbol, symbol_key
from kg.textnorm import fold, slugify, words

# Words every title shares; they say nothing about which document is meant.
_TITLE_STOPWORDS = frozenset(
    words("về của và các đối với trong tình hình mới việc tiếp tục thực hiện nghị quyết số")
)
# A title decides between candidates when it covers most of one and clearly less of the rest.
_TITLE_MIN_SCORE = 0.6
_TITLE_MIN_MARGIN = 0.2
_NATIONAL_ASSEMBLY_KINDS = frozenset({"luat", "phap-lenh"})
# "tổng kết 15 năm thực hiện X": X is about 15 years older than the citing document; reviews
# are often held a year early or late.
_ELAPSED = re.compile(r"(\d{1,2}) năm (?:triển khai )?thực hiện\W*$")
_ELAPSED_WINDOW = 40
_ELAPSED_TOLERANCE = 1


@dataclass
class _Candidate:
    iri: str
    origin: str  # "registry" or "graph"
    date: str | None = None
    year: int | None = None
    term: str | None = None
    title: str | None = None


@dataclass
class _Outcome:
    resolved: str | None = None
    candidates: list[str] = field(default_factory=list)
    reason: str = ""
    year: int | None = None
    warnings: list[str] = field(default_factory=list)


def resolve_extraction(
    extraction: Extraction,
    registry: kg_registry.Registry | None = None,
    known: KnownDocuments | None = None,
) -> None:
    """Fill `resolved`, `candidates`, `resolution_reason` and a missing `year` in place."""
    resolver = _Resolver(extraction, registry or default_registry(), known)
    for reference in sorted(extraction.references, key=lambda r: r.id):
        outcome = resolver.resolve(reference)
        reference.resolved = outcome.resolved
        reference.candidates = outcome.candidates
        reference.resolution_reason = outcome.reason
        if reference.year is None:
            reference.year = outcome.year
        for warning in outcome.warnings:
            if warning not in reference.warnings:
                reference.warnings.append(warning)


class _Resolver:
    """Resolution state for one text: earlier decisions inform later short forms."""

    def __init__(
        self,
        extraction: Extraction,
        registry: kg_registry.Registry,
        known: KnownDocuments | None,
    ) -> None:
        self.extraction = extraction
        self.registry = registry
        self.known = known
        self.citing: Citing = citing_context(extraction.document, registry, extraction.text)
        self.done: dict[int, _Outcome] = {}
        self.by_id = {reference.id: reference for reference in extraction.references}

    def resolve(self, reference: Reference) -> _Outcome:
        if reference.congress is not None:
            outcome = self._congress(reference)
        elif reference.plenum is not None:
            outcome = self._plenum(reference)
        elif reference.number or reference.symbol:
            outcome = self._numbered(reference)
        elif reference.short_form and reference.antecedent in self.done:
            # "Nghị quyết nói trên", "(sau đây gọi tắt là Quy chế)": what it points back at.
            earlier = self.done[reference.antecedent]
            outcome = _Outcome(
                earlier.resolved, list(earlier.candidates), "antecedent of a back-reference"
            )
        else:
            outcome = self._unnumbered(reference)
        self.done[reference.id] = outcome
        return outcome

    # Documents without a number ------------------------------------------------------------

    def _congress(self, reference: Reference) -> _Outcome:
        assert reference.congress is not None
        congress = reference.congress
        if congress.ordinal is None:
            return _Outcome(reason="congress named by its term, not its ordinal")
        ordinal = congress.ordinal.upper()
        if congress.scope == "toan-quoc":
            entry = self.registry.congress(ordinal)
            year = year_of(entry.end) if entry else None
            return _Outcome(
                iri.congress_iri(ordinal), reason=f"national congress {ordinal}", year=year
            )
        named = self.registry.find_province(congress.place, self.citing.date)
        province = named or self.citing.province
        if province is None:
            return _Outcome(reason=f"local congress {ordinal}: province not named and unknown")
        where = "named" if named else "of the citing document"
        place = province.slug
        district = self._congress_district(congress, named)
        if district == iri.UNKNOWN:
            # One node for every district's congress XIV would merge them all.
            return _Outcome(reason=f"district congress {ordinal}: district not named and unknown")
        if district is not None:
            place = f"{province.slug}/{slugify(district)}"
        return _Outcome(
            iri.congress_iri(ordinal, place),
            reason=f"congress {ordinal} of {province.name} (province {where})",
        )

    def _congress_district(
        self, congress: Congress, named: kg_registry.Province | None
    ) -> str | None:
        """The district whose congress a local congress is, None for a province's.

        "Đại hội Đảng bộ huyện lần thứ XIV" in a district's text is that district's; in a
        province's text, some district's ("unknown", left unresolved). "Đại hội Đảng bộ thành
        phố" is a city-province's unless the text is a provincial city's own.
        """
        if named is not None or congress.scope not in ("huyen", "thanh-pho"):
            return None
        district = congress.place or self.citing.district
        if district is None and congress.scope == "huyen":
            return iri.UNKNOWN
        return district

    def _plenum(self, reference: Reference) -> _Outcome:
        assert reference.plenum is not None
        ordinal = reference.plenum.ordinal
        term = reference.term or self.citing.term
        if term is None:
            return _Outcome(reason=f"plenum {ordinal}: no term stated and the citing date unknown")
        how = "stated term" if reference.term else "term of the citing document's date"
        entry = self.registry.plenum(term, ordinal)
        year = year_of(entry.date) if entry else None
        return _Outcome(
            iri.plenum_iri(term, ordinal),
            reason=f"plenum {ordinal} of term {term.upper()} ({how})",
            year=year,
        )

    def _unnumbered(self, reference: Reference) -> _Outcome:
        """A law or programme named only by its title: the title is the identity."""
        if not reference.title:
            return _Outcome(reason="no number, symbol or title to identify it")
        if reference.issuer:
            scope = self._issuer_scope(reference)
        else:
            # Laws and ordinances are the National Assembly's; other issuers must be named.
            scope = "qh" if reference.kind in _NATIONAL_ASSEMBLY_KINDS else iri.UNKNOWN
        return _Outcome(
            iri.doc_iri(scope, reference.kind, None, iri.title_key(reference.title)),
            reason="named by its title",
            year=year_of(reference.date),
        )

    # Numbered documents -----------------------------------------------------------------

    def _numbered(self, reference: Reference) -> _Outcome:
        symbol = parse_symbol(reference.symbol) if reference.symbol else None
        # A text cannot cite what was issued after it: "Chỉ thị 23-CT/TW" in a 2003 plan is not
        # the 2013 directive of that number, however well the registry knows the latter.
        candidates = [c for c in self._candidates(reference) if not self._later(c)]
        reasons: list[str] = []
        warnings: list[str] = []

        stated = reference.date if year_of(reference.date) else None
        if stated:
            exact = [c for c in candidates if c.date == stated]
            period = [c for c in candidates if self._same_numbering(c, stated, symbol)]
            if exact:
                candidates = exact
                reasons.append(f"stated date {stated}")
            elif period:
                candidates = period
                reasons.append(f"stated date {stated} falls in the same numbering period")
                warnings += [
                    f"stated date {stated} differs from {c.date} ({c.origin})"
                    for c in period
                    if c.date
                ]
            else:
                # State symbols carry their numbering year; it outranks a slip in the date.
                if symbol is not None and symbol.year is not None:
                    return self._mint(reference, symbol, symbol.year, "year in the symbol")
                return self._mint(reference, symbol, year_of(stated), "stated date")

        if reference.title and len(candidates) > 1:
            chosen = _by_title(reference.title, candidates)
            if chosen is not None:
                candidates = [chosen]
                reasons.append("title")

        if reference.term and candidates:
            in_term = [c for c in candidates if c.term == reference.term.upper()]
            if stated and not in_term:
                # The date already decided; a wrong khóa is the citing text's slip.
                warnings.append(f"stated term {reference.term} differs from the dated document's")
                in_term = candidates
            if not in_term:
                return _Outcome(
                    reason=f"stated term {reference.term} matches no known {reference.symbol}"
                )
            if len(in_term) < len(candidates):
                reasons.append(f"term {reference.term}")
            candidates = in_term

        elapsed = self._elapsed_years(reference)
        if elapsed is not None and self.citing.year is not None and len(candidates) > 1:
            target = self.citing.year - elapsed
            near = [
                c
                for c in candidates
                if c.year is not None and abs(c.year - target) <= _ELAPSED_TOLERANCE
            ]
            if near:
                candidates = near
                reasons.append(f"{elapsed} years before {self.citing.year}")

        if len(candidates) == 1 and reasons:
            return self._chosen(candidates[0], ", ".join(reasons), warnings)

        allowed = {c.iri for c in candidates}
        for earlier, how in self._from_text(reference, symbol):
            if earlier.resolved and (not reasons or earlier.resolved in allowed):
                year = earlier.year or _year_in_iri(earlier.resolved)
                return _Outcome(earlier.resolved, reason=how, year=year, warnings=warnings)

        if len(candidates) == 1:
            return self._chosen(candidates[0], f"only {candidates[0].origin} entry", warnings)
        if candidates:
            iris = sorted(allowed)
            return _Outcome(
                candidates=iris,
                reason=f"ambiguous: {len(iris)} documents share this number",
                warnings=warnings,
            )
        if symbol is not None and symbol.year is not None:
            return self._mint(reference, symbol, symbol.year, "year in the symbol")
        if symbol is not None:
            return _Outcome(
                reason="no date, term or registry entry, and the numbering restarts every term"
            )
        return self._mint(reference, None, None, "kind and number only; issuer and year unknown")

    def _candidates(self, reference: Reference) -> list[_Candidate]:
        found: dict[str, _Candidate] = {}
        for doc in self.registry.lookup(reference.kind, reference.number, reference.symbol):
            found[doc.iri] = _Candidate(
                doc.iri, "registry", doc.date, doc.year, doc.term, doc.title
            )
        if self.known is not None:
            for known in self.known.lookup(reference.kind, reference.number, reference.symbol):
                if known.iri in found:
                    continue
                year = year_of(known.date) or _year_in_iri(known.iri)
                term = known.term or (self.registry.term_of(known.date) if known.date else None)
                found[known.iri] = _Candidate(
                    known.iri, "graph", known.date, year, term, known.title
                )
        symbol = parse_symbol(reference.symbol) if reference.symbol else None
        if symbol is not None and not symbol.central:
            scope = self._symbol_scope(reference, symbol)
            return [c for c in found.values() if self._in_symbol_scope(c.iri, scope)]
        if reference.symbol:
            return list(found.values())
        # A bare number ("Kế hoạch số 12") is read in the citing document's world: central
        # documents or those of its own province, never another province's.
        return [c for c in found.values() if self._in_citing_scope(c.iri)]

    def _later(self, candidate: _Candidate) -> bool:
        """Whether a candidate was issued after the citing document.

        Only a stated date of the citing document counts: a year read from its title ("Kế hoạch
        ... năm 2013") may be the year it is about, not the year it was written.
        """
        written = year_of(self.citing.date)
        if written is None or self.citing.date is None:
            return False
        if candidate.date and year_of(candidate.date):
            return candidate.date > self.citing.date
        return candidate.year is not None and candidate.year > written

    # Where a reference's issuer sits ------------------------------------------------------

    def _symbol_scope(self, reference: Reference, symbol: Symbol) -> str:
        """The issuer scope of a symbol as this text uses it: a local symbol belongs to the
        province (and district) its issuer names, else to the citing document's."""
        if symbol.central:
            return iri.symbol_scope(symbol, None)
        district = district_named(reference.issuer, self.registry)
        if district is None and (symbol.district or self._own_series(symbol)):
            # "Kế hoạch số 3-KH/HU" in a district's text is that district committee's.
            district = self.citing.district
        province = self._province(reference, district)
        return iri.symbol_scope(symbol, province.slug if province else None, district)

    def _own_series(self, symbol: Symbol) -> bool:
        """Whether a symbol has the issuer code of the citing document's own symbol."""
        own = self.extraction.document.symbol
        parsed = parse_symbol(own) if own else None
        return parsed is not None and parsed.issuer_key == symbol.issuer_key

    def _issuer_scope(self, reference: Reference) -> str:
        """The scope of a document known by its issuer's name, not by a symbol."""
        district = district_named(reference.issuer, self.registry)
        province = self._province(reference, district)
        body = self.registry.match_body(reference.issuer, self.citing.province)
        return body_scope(body, reference.issuer, province, district)

    def _province(self, reference: Reference, district: str | None) -> kg_registry.Province | None:
        named = province_named(self.registry, (reference.issuer,), district, reference.date)
        return named or self.citing.province

    def _in_symbol_scope(self, document_iri: str, scope: str) -> bool:
        """Whether a candidate's scope can be `scope`: equal parts, or one of them unknown.

        Local numbers repeat in every province and district, so a graph document with the same
        local symbol is a candidate only where it sits where the reference points.
        """
        parts = document_iri.removeprefix(f"{base_iri()}doc/").split("/")[:-3]
        wanted = scope.split("/")
        return len(parts) == len(wanted) and all(
            iri.UNKNOWN in (part, expected) or part == expected
            for part, expected in zip(parts, wanted, strict=True)
        )

    def _in_citing_scope(self, document_iri: str) -> bool:
        first = document_iri.removeprefix(f"{base_iri()}doc/").split("/", 1)[0]
        if first not in self.registry.province_slugs:
            return True
        own = self.citing.province
        return own is not None and own.slug == first

    def _same_numbering(self, candidate: _Candidate, date: str, symbol: Symbol | None) -> bool:
        """Whether a stated date can still mean this candidate despite a different day.

        State documents are numbered per calendar year, Party documents per term: a wrong
        day or year inside the right period is a citing error, not another document.
        """
        if candidate.date is None and candidate.year is None:
            return False
        if symbol is not None and not symbol.party:
            return candidate.year == year_of(date)
        term = self.registry.term_of(date)
        return term is not None and term == candidate.term

    def _elapsed_years(self, reference: Reference) -> int | None:
        """N of "N năm thực hiện" right before the mention, from the extractor or the text."""
        if reference.elapsed_years is not None:
            return reference.elapsed_years
        before = self.extraction.text[max(0, reference.start - _ELAPSED_WINDOW) : reference.start]
        found = _ELAPSED.search(fold(before))
        return int(found.group(1)) if found else None

    def _from_text(self, reference: Reference, symbol: Symbol | None) -> list[tuple[_Outcome, str]]:
        """Earlier decisions in this text: the antecedent first, then same-symbol mentions."""
        found: list[tuple[_Outcome, str]] = []
        if reference.antecedent is not None and reference.antecedent in self.done:
            found.append(
                (self.done[reference.antecedent], f"antecedent ref {reference.antecedent}")
            )
        same = {
            outcome.resolved
            for ref_id, outcome in self.done.items()
            if outcome.resolved and _same_mention(self.by_id[ref_id], reference)
        }
        if len(same) == 1:
            found.append((_Outcome(same.pop()), "same symbol elsewhere in this text"))
        return found

    def _chosen(self, candidate: _Candidate, why: str, warnings: list[str]) -> _Outcome:
        return _Outcome(
            candidate.iri,
            reason=f"{why} ({candidate.origin})",
            year=candidate.year,
            warnings=warnings,
        )

    def _mint(
        self, reference: Reference, symbol: Symbol | None, year: int | None, why: str
    ) -> _Outcome:
        """A document neither the registry nor the graph knows: its IRI from its own parts."""
        if symbol is not None:
            scope = self._symbol_scope(reference, symbol)
            if iri.UNKNOWN in scope.split("/"):
                # One node for every province's "43-KH/TU" of 2002 would merge them all.
                return _Outcome(reason=f"local symbol of an unknown province or district ({why})")
            number = symbol.number
        else:
            scope = self._issuer_scope(reference) if reference.issuer else iri.UNKNOWN
            number = reference.number or ""
        return _Outcome(
            iri.doc_iri(scope, reference.kind, year, number),
            reason=f"new identity from {why}",
            year=year,
        )


def _same_mention(earlier: Reference, reference: Reference) -> bool:
    if reference.symbol:
        return earlier.symbol is not None and symbol_key(earlier.symbol) == symbol_key(
            reference.symbol
        )
    return (
        earlier.number is not None
        and reference.number is not None
        and earlier.number.lstrip("0") == reference.number.lstrip("0")
        and kg_registry.kinds_compatible(earlier.kind, reference.kind)
    )


def _by_title(title: str, candidates: list[_Candidate]) -> _Candidate | None:
    stated = set(words(title)) - _TITLE_STOPWORDS
    if not stated:
        return None

    def containment(candidate: _Candidate) -> float:
        # A short registry title inside a long stated subject ("công tác dân tộc" in "về công
        # tác dân tộc trong tình hình mới và ...") matches as well as the reverse.
        known = set(words(candidate.title or "")) - _TITLE_STOPWORDS
        if not known:
            return 0.0
        return len(stated & known) / min(len(stated), len(known))

    scored = sorted(((containment(c), c) for c in candidates), key=lambda pair: -pair[0])
    best, runner_up = scored[0][0], scored[1][0]
    if best >= _TITLE_MIN_SCORE and best - runner_up >= _TITLE_MIN_MARGIN:
        return scored[0][1]
    return None


def _year_in_iri(document_iri: str) -> int | None:
    found = re.search(r"/(\d{4})/[^/]+$", document_iri)
    return int(found.group(1)) if found else None


# How sure an identity is, by the evidence named first in its reason. Checked in order: the
# first prefix that matches wins.
_CONFIDENCE: tuple[tuple[str, str], ...] = (
    ("stated date", "0.95"),
    ("national congress", "0.95"),
    ("new identity from year in the symbol", "0.9"),
    ("new identity from stated date", "0.9"),
    ("antecedent", "0.9"),
    ("title", "0.85"),
    ("term", "0.85"),
    ("congress", "0.85"),
    ("same symbol elsewhere", "0.8"),
    ("only registry entry", "0.75"),
    ("only graph entry", "0.7"),
    ("named by its title", "0.7"),
    ("new identity from kind and number only", "0.5"),
)


def confidence(reference: Reference) -> Decimal:
    """Confidence (0..1) in the identity of a resolved reference; 1/n among n candidates."""
    if reference.resolved is None:
        if not reference.candidates:
            return Decimal("0")
        return (Decimal(1) / len(reference.candidates)).quantize(Decimal("0.01"))
    reason = reference.resolution_reason or ""
    if "same numbering period" in reason:
        return Decimal("0.8")
    if reason.startswith("plenum"):
        return Decimal("0.95") if "(stated term)" in reason else Decimal("0.7")
    if re.match(r"\d+ years before", reason):
        return Decimal("0.8")
    for prefix, value in _CONFIDENCE:
        if reason.startswith(prefix):
            return Decimal(value)
    return Decimal("0.5")
