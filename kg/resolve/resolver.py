"""Give every reference one identity, with its evidence, or its candidates when that is unsafe.

Party numbering restarts every term, so "25-NQ/TW" names a 2003 and a 2013 resolution; the
symbol alone never decides. Evidence is weighed in a fixed order: the stated date, a year
written beside the symbol, the title, the subject of the citing sentence, the stated term, "N
năm thực hiện" counted back from the citing document's year, the antecedent of a short form,
other mentions in the same text, then the registry and the documents already in the graph.
When candidates remain, they are kept and nothing is guessed. Every lookup a reference needs is
a dictionary or a registry index, so a text's cost grows with its references, not their square.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from kg import registry as kg_registry
from kg.extract.model import Congress, Extraction, Reference
from kg.identity import UNPLACED, BodyId, DocumentId, Level, Symbol, kinds_compatible, symbol_key
from kg.namespaces import one_base
from kg.registry import default_registry
from kg.resolve.citing import body_id, identify, name_scope, text_key
from kg.resolve.evidence import Clue, Evidence
from kg.resolve.known import KnownDocuments
from kg.resolve.place import (
    commune_named,
    district_named,
    issuer_before,
    level_of,
    province_named,
    year_of,
)
from kg.resolve.resolution import CitingDocument, Outcome, Place, Resolution
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
# "Nghị quyết số 20-NQ/TW năm 2008", "Nghị quyết 25-NQ/TW (2003)": the year beside a symbol.
_YEAR_BESIDE = re.compile(
    r"^\s*,?\s*(?:\(\s*(?:năm\s+)?(?P<a>(?:19|20)\d\d)\s*\)|năm\s+(?P<b>(?:19|20)\d\d)\b)"
)
_YEAR_WINDOW = 16
# The words of a citing sentence are read for a subject only this far around the mention.
_SUBJECT_WINDOW = 300


@dataclass
class _Candidate:
    id: DocumentId
    origin: str  # "registry" or "graph"
    date: str | None = None
    year: int | None = None
    term: str | None = None
    title: str | None = None


@dataclass
class _Found:
    """Earlier outcomes of the text, by symbol key and by (number, kind family)."""

    by_symbol: dict[str, dict[DocumentId, Outcome]] = field(default_factory=dict)
    by_number: dict[tuple[str, str], dict[DocumentId, Outcome]] = field(default_factory=dict)

    def add(self, reference: Reference, outcome: Outcome) -> None:
        assert outcome.target is not None
        if reference.symbol:
            slot = self.by_symbol.setdefault(symbol_key(reference.symbol), {})
            slot.setdefault(outcome.target, outcome)
        if reference.number:
            self.by_number.setdefault(_number_key(reference), {}).setdefault(
                outcome.target, outcome
            )

    def same(self, reference: Reference) -> dict[DocumentId, Outcome]:
        if reference.symbol:
            return self.by_symbol.get(symbol_key(reference.symbol), {})
        if reference.number:
            return self.by_number.get(_number_key(reference), {})
        return {}


def _number_key(reference: Reference) -> tuple[str, str]:
    # Quyết định and Quy định share the "QĐ" numbering, so they share a key.
    family = "quyet-dinh" if kinds_compatible(reference.kind, "quyet-dinh") else reference.kind
    return (reference.number or "").lstrip("0"), family


def resolve(
    extraction: Extraction,
    registry: kg_registry.Registry | None = None,
    known: KnownDocuments | None = None,
    *,
    document: CitingDocument | None = None,
) -> Resolution:
    """The citing document's identity and one outcome per reference; `extraction` is read, not
    changed. Pass `document` when :func:`identify` already ran for this extraction."""
    registry = registry or default_registry()
    with one_base():  # one text's identities under one base, read once
        citing = document or identify(extraction, registry, known)
        resolver = _Resolver(extraction, registry, known, citing)
        references = sorted(extraction.references, key=lambda r: r.id)
        outcomes = [resolver.resolve(ref) for ref in references]
    return Resolution(citing, tuple(outcomes))


class _Resolver:
    """Resolution state for one text: earlier decisions inform later short forms."""

    def __init__(
        self,
        extraction: Extraction,
        registry: kg_registry.Registry,
        known: KnownDocuments | None,
        citing: CitingDocument,
    ) -> None:
        self.extraction = extraction
        self.registry = registry
        self.known = known
        self.citing = citing
        self.key = text_key(extraction)
        self.done: dict[int, Outcome] = {}
        self.found = _Found()
        own = extraction.document.symbol
        parsed = Symbol.parse(own) if own else None
        self.own_code = parsed.issuer_key if parsed else None
        # A text names the same few issuers over and over: look each up once.
        self.match_body = cache(self._match_body)

    def resolve(self, reference: Reference) -> Outcome:
        if reference.congress is not None:
            outcome = self._congress(reference)
        elif reference.plenum is not None:
            outcome = self._plenum(reference)
        elif reference.number or reference.symbol:
            outcome = self._numbered(reference)
        elif reference.short_form and reference.antecedent in self.done:
            # "Nghị quyết nói trên", "(sau đây gọi tắt là Quy chế)": what it points back at.
            earlier = self.done[reference.antecedent]
            clue = Clue(Evidence.ANTECEDENT, str(reference.antecedent))
            outcome = replace(
                earlier, reference=reference.id, clues=(clue, *earlier.clues), warnings=()
            )
        else:
            outcome = self._unnumbered(reference)
        self.done[reference.id] = outcome
        if outcome.target is not None:
            self.found.add(reference, outcome)
        return outcome

    # Documents without a number ------------------------------------------------------------

    def _congress(self, reference: Reference) -> Outcome:
        assert reference.congress is not None
        congress = reference.congress
        if congress.ordinal is None:
            return self._unresolved(reference, "congress named by its term, not its ordinal")
        ordinal = congress.ordinal.upper()
        if congress.scope == "toan-quoc":
            entry = self.registry.congress(ordinal)
            return Outcome(
                reference.id,
                DocumentId.congress(ordinal),
                clues=(Clue(Evidence.NATIONAL_CONGRESS, ordinal),),
                year=year_of(entry.end) if entry else None,
                place=Place(BodyId(Level.CENTRAL, "TW")),
            )
        named = self.registry.find_province(congress.place, self.citing.date)
        province = named or self.citing.place.province
        if province is None:
            why = f"local congress {ordinal}: province not named and unknown"
            return self._unresolved(reference, why)
        district = self._congress_district(congress, named)
        if district is None and congress.scope == "huyen" and named is None:
            # One node for every district's congress XIV would merge them all.
            why = f"district congress {ordinal}: district not named and unknown"
            return self._unresolved(reference, why)
        where = "named" if named else "of the citing document"
        level = Level.DISTRICT if district else Level.PROVINCE
        place = (province.slug, district) if district else (province.slug,)
        return Outcome(
            reference.id,
            DocumentId.congress(ordinal, tuple(slugify(part) for part in place)),
            clues=(
                Clue(Evidence.LOCAL_CONGRESS, f"{ordinal} of {province.name} (province {where})"),
            ),
            place=Place(BodyId(level, "TU", province.slug, district), province, None, where),
        )

    def _congress_district(
        self, congress: Congress, named: kg_registry.Province | None
    ) -> str | None:
        """The district whose congress a local congress is, None for a province's.

        "Đại hội Đảng bộ huyện lần thứ XIV" in a district's text is that district's; in a
        province's text, some district's (left unresolved). "Đại hội Đảng bộ thành phố" is a
        city-province's unless the text is a provincial city's own.
        """
        if named is not None or congress.scope not in ("huyen", "thanh-pho"):
            return None
        return congress.place or self.citing.place.district

    def _plenum(self, reference: Reference) -> Outcome:
        assert reference.plenum is not None
        ordinal = reference.plenum.ordinal
        term = reference.term or self.citing.term
        if term is None:
            why = f"plenum {ordinal}: no term stated and the citing date unknown"
            return self._unresolved(reference, why)
        evidence = Evidence.PLENUM_STATED_TERM if reference.term else Evidence.PLENUM_CITING_TERM
        entry = self.registry.plenum(term, ordinal)
        return Outcome(
            reference.id,
            DocumentId.plenum(term, ordinal),
            clues=(Clue(evidence, f"{ordinal} of term {term.upper()}"),),
            year=year_of(entry.date) if entry else None,
            place=Place(BodyId(Level.CENTRAL, "TW")),
        )

    def _unnumbered(self, reference: Reference) -> Outcome:
        """A law or programme named only by its title: the title is the identity."""
        if not reference.title:
            return self._unresolved(reference, "no number, symbol or title to identify it")
        place = self._place(reference, None)
        if place.body is not None:
            scope = place.body.scope
        elif reference.issuer:
            scope = (name_scope(reference.issuer),)
        elif reference.kind in _NATIONAL_ASSEMBLY_KINDS:
            # Laws and ordinances are the National Assembly's; other issuers must be named.
            scope = ("qh",)
        else:
            scope = (UNPLACED, self.key)
        return Outcome(
            reference.id,
            DocumentId.titled(scope, reference.kind, None, reference.title),
            clues=(Clue(Evidence.NAMED_BY_TITLE),),
            year=year_of(reference.date),
            place=place,
        )

    # Numbered documents -----------------------------------------------------------------

    def _numbered(self, reference: Reference) -> Outcome:
        symbol = Symbol.parse(reference.symbol) if reference.symbol else None
        place = self._place(reference, symbol)
        # A text cannot cite what was issued after it: "Chỉ thị 23-CT/TW" in a 2003 plan is not
        # the 2013 directive of that number, however well the registry knows the latter.
        candidates = [c for c in self._candidates(reference, symbol, place) if not self._later(c)]
        clues: list[Clue] = []
        warnings: list[str] = []

        stated = reference.date if year_of(reference.date) else None
        if stated:
            exact = [c for c in candidates if c.date == stated]
            period = [c for c in candidates if self._same_numbering(c, stated, symbol)]
            if exact:
                candidates = exact
                clues.append(Clue(Evidence.STATED_DATE, stated))
            elif period:
                candidates = period
                clues.append(Clue(Evidence.SAME_NUMBERING_PERIOD, stated))
                warnings += [
                    f"stated date {stated} differs from {c.date} ({c.origin})"
                    for c in period
                    if c.date
                ]
            else:
                # State symbols carry their numbering year; it outranks a slip in the date.
                if symbol is not None and symbol.year is not None:
                    return self._mint(
                        reference, symbol, place, symbol.year, Evidence.NEW_FROM_SYMBOL_YEAR
                    )
                return self._mint(
                    reference, symbol, place, year_of(stated), Evidence.NEW_FROM_STATED_DATE
                )

        beside = self._year_beside(reference) if symbol is not None and not stated else None
        if symbol is not None and beside is not None:
            dated = [c for c in candidates if c.year == beside]
            if not dated and symbol.year is None:
                return self._mint(
                    reference, symbol, place, beside, Evidence.YEAR_BESIDE_SYMBOL, str(beside)
                )
            if dated and len(dated) < len(candidates):
                clues.append(Clue(Evidence.YEAR_BESIDE_SYMBOL, str(beside)))
                candidates = dated

        if reference.title and len(candidates) > 1:
            chosen = _by_words(reference.title, candidates)
            if chosen is not None:
                candidates = [chosen]
                clues.append(Clue(Evidence.TITLE))

        if reference.term and candidates:
            in_term = [c for c in candidates if c.term == reference.term.upper()]
            if stated and not in_term:
                # The date already decided; a wrong khóa is the citing text's slip.
                warnings.append(f"stated term {reference.term} differs from the dated document's")
                in_term = candidates
            if not in_term:
                why = f"stated term {reference.term} matches no known {reference.symbol}"
                return self._unresolved(reference, why)
            if len(in_term) < len(candidates):
                clues.append(Clue(Evidence.TERM, reference.term))
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
                clues.append(
                    Clue(Evidence.ELAPSED_YEARS, f"{elapsed} years before {self.citing.year}")
                )

        if len(candidates) == 1 and clues:
            return self._chosen(reference, candidates[0], clues, warnings, place)

        allowed = {c.id for c in candidates}
        for earlier, clue in self._from_text(reference):
            if earlier.target is not None and (not clues or earlier.target in allowed):
                return Outcome(
                    reference.id,
                    earlier.target,
                    clues=(clue,),
                    year=earlier.target.year
                    if clue.evidence == Evidence.SAME_SYMBOL_IN_TEXT
                    else earlier.year or earlier.target.year,
                    place=earlier.place,
                    warnings=tuple(warnings),
                )

        if len(candidates) == 1:
            only = (
                Evidence.ONLY_REGISTRY_ENTRY
                if candidates[0].origin == "registry"
                else Evidence.ONLY_GRAPH_ENTRY
            )
            return self._chosen(reference, candidates[0], [Clue(only)], warnings, place)
        if len(candidates) > 1 and not reference.title:
            # Last, the subject of the citing sentence: "Nghị quyết số 20-NQ/TW, tiếp tục nâng
            # cao sức khỏe nhân dân" means the resolution on health, not on the working class.
            chosen = _by_words(self._sentence_words(reference), candidates)
            if chosen is not None:
                return self._chosen(
                    reference, chosen, [*clues, Clue(Evidence.SUBJECT)], warnings, place
                )
        if candidates:
            return Outcome(
                reference.id,
                candidates=tuple(sorted(allowed, key=lambda c: c.iri)),
                clues=(Clue(Evidence.AMBIGUOUS, str(len(allowed))),),
                place=place,
                warnings=tuple(warnings),
            )
        if symbol is not None and symbol.year is not None:
            return self._mint(reference, symbol, place, symbol.year, Evidence.NEW_FROM_SYMBOL_YEAR)
        if symbol is not None:
            why = "no date, term or registry entry, and the numbering restarts every term"
            return self._unresolved(reference, why)
        return self._mint(
            reference,
            None,
            place,
            None,
            Evidence.NEW_FROM_KIND_AND_NUMBER,
            "issuer and year unknown",
        )

    def _candidates(
        self, reference: Reference, symbol: Symbol | None, place: Place
    ) -> list[_Candidate]:
        found: dict[DocumentId, _Candidate] = {}
        for doc in self.registry.lookup(reference.kind, reference.number, reference.symbol):
            found[doc.id] = _Candidate(doc.id, "registry", doc.date, doc.year, doc.term, doc.title)
        if self.known is not None:
            for known in self.known.lookup(reference.kind, reference.number, reference.symbol):
                known_id = known.id
                if known_id is None or known_id in found:
                    continue
                year = year_of(known.date) or known_id.year
                term = known.term or (self.registry.term_of(known.date) if known.date else None)
                found[known_id] = _Candidate(known_id, "graph", known.date, year, term, known.title)
        if symbol is not None and symbol.is_local:
            # Local numbers repeat in every place: a document with the same local symbol is a
            # candidate only where it sits where the reference points.
            assert place.body is not None
            scope = place.body.scope
            return [c for c in found.values() if c.id.scope == scope]
        if reference.symbol:
            return list(found.values())
        # A bare number ("Kế hoạch số 12") is read in the citing document's world: central
        # documents or those of its own province, never another province's.
        return [c for c in found.values() if self._in_citing_scope(c.id)]

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

    def _match_body(self, name: str | None) -> kg_registry.Body | None:
        return self.registry.match_body(name, self.citing.place.province)

    def _place(self, reference: Reference, symbol: Symbol | None) -> Place:
        """Where the cited document's issuer sits: the body the reference or its sentence
        names, else, for a local symbol, the citing document's own province, district or
        commune (what "/TU" means in a provincial text)."""
        issuer = reference.issuer or issuer_before(
            self.extraction.text, reference.start, reference.sentence_start
        )
        registered = self.match_body(issuer)
        level = level_of(symbol, issuer, registered.level if registered else None, self.registry)
        if level is None:
            return Place(None, None, registered, None)
        if not level.local:
            code = symbol.issuer_key if symbol else (registered.code if registered else "TW")
            return Place(BodyId(level, code), None, registered, None)
        citing = self.citing.place
        own_series = symbol is not None and symbol.issuer_key == self.own_code
        district = district_named(issuer, self.registry)
        commune = commune_named(issuer)
        below = (Level.DISTRICT, Level.COMMUNE)
        lower_unit = symbol is None or symbol.is_district or own_series or level == Level.COMMUNE
        if district is None and level in below and citing.level in below and lower_unit:
            # "Kế hoạch số 3-KH/HU" in a district's text is that district committee's.
            district = citing.district
        if commune is None and level == Level.COMMUNE and citing.level == Level.COMMUNE:
            commune = citing.commune
        province = province_named(self.registry, (issuer,), (district, commune), reference.date)
        how = "issuer named" if province else None
        if province is None and citing.province is not None:
            province = citing.province
            how = "citing document"
        body = body_id(level, symbol, registered, issuer, province, district, commune, self.key)
        return Place(body, province if body.placed else None, registered, how)

    def _in_citing_scope(self, candidate: DocumentId) -> bool:
        first = candidate.scope[0]
        if candidate.unplaced:
            return candidate.scope[1] == self.key  # another text's unplaced document
        if first not in self.registry.province_slugs:
            return True
        own = self.citing.place.province
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

    def _year_beside(self, reference: Reference) -> int | None:
        """The year written right after a mention ("năm 2003", "(2003)"), if any."""
        after = self.extraction.text[reference.end : reference.end + _YEAR_WINDOW]
        found = _YEAR_BESIDE.match(fold(after))
        return int(found.group("a") or found.group("b")) if found else None

    def _sentence_words(self, reference: Reference) -> str:
        """The citing sentence around a mention: its subject when the extractor found no title."""
        start = max(reference.sentence_start or 0, reference.start - _SUBJECT_WINDOW)
        end = reference.end + _SUBJECT_WINDOW
        if reference.sentence_end is not None:
            end = min(end, reference.sentence_end)
        return self.extraction.text[start:end]

    def _from_text(self, reference: Reference) -> list[tuple[Outcome, Clue]]:
        """Earlier decisions in this text: the antecedent first, then same-symbol mentions."""
        found: list[tuple[Outcome, Clue]] = []
        if reference.antecedent is not None and reference.antecedent in self.done:
            antecedent = self.done[reference.antecedent]
            found.append((antecedent, Clue(Evidence.ANTECEDENT, str(reference.antecedent))))
        same = self.found.same(reference)
        if len(same) == 1:
            (earlier,) = same.values()
            found.append((earlier, Clue(Evidence.SAME_SYMBOL_IN_TEXT)))
        return found

    def _chosen(
        self,
        reference: Reference,
        candidate: _Candidate,
        clues: list[Clue],
        warnings: list[str],
        place: Place,
    ) -> Outcome:
        return Outcome(
            reference.id,
            candidate.id,
            clues=tuple(clues),
            origin=candidate.origin,
            year=candidate.year,
            place=place,
            warnings=tuple(warnings),
        )

    def _mint(
        self,
        reference: Reference,
        symbol: Symbol | None,
        place: Place,
        year: int | None,
        evidence: Evidence,
        detail: str = "",
    ) -> Outcome:
        """A document neither the registry nor the graph knows: its identity from its parts.

        A local document whose place no text gives is scoped by the citing text: one node for
        every province's "43-KH/TU" of 2002 would merge them all.
        """
        if place.body is not None:
            scope = place.body.scope
        elif reference.issuer:
            scope = (name_scope(reference.issuer),)
        else:
            scope = (UNPLACED, self.key)
        number = symbol.number if symbol is not None else reference.number or ""
        return Outcome(
            reference.id,
            DocumentId.numbered(scope, reference.kind, year, number),
            clues=(Clue(evidence, detail),),
            year=year,
            place=place,
        )

    def _unresolved(self, reference: Reference, why: str) -> Outcome:
        return Outcome(reference.id, clues=(Clue(Evidence.UNRESOLVED, why),))


def _by_words(text: str, candidates: list[_Candidate]) -> _Candidate | None:
    """The candidate whose registered title the `text` (a stated title, or the words of the
    citing sentence) covers clearly best, if one does."""
    stated = set(words(text)) - _TITLE_STOPWORDS
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
