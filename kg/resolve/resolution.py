"""The value resolution returns: who is citing, and one outcome per reference.

Graph building, the bulk catalog and the search entries read a :class:`Resolution` beside the
extraction it was made from; nothing fills in the extraction. :meth:`Resolution.annotate` gives
the contract's view (``resolved``, ``candidates``, ``year``...) as a new extraction.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from kg.extract.model import Extraction
from kg.followup.tasks import Task
from kg.identity import BodyId, DocumentId, Level
from kg.registry import Body, Province
from kg.resolve.evidence import Clue, Evidence, reason_text


@dataclass(frozen=True)
class Place:
    """Where a document's issuer sits, as far as the texts say, and how that was learnt."""

    body: BodyId | None = None
    province: Province | None = None
    registered: Body | None = None  # the registry's body, when it knows this one
    how: str | None = None  # "header", "issuer named", "text", "citing document", "report"

    @property
    def level(self) -> Level | None:
        return self.body.level if self.body else None

    @property
    def district(self) -> str | None:
        return self.body.district if self.body else None

    @property
    def commune(self) -> str | None:
        return self.body.commune if self.body else None

    @property
    def unplaced(self) -> bool:
        """A local body whose place (province, district or commune) no text gave."""
        return self.body is not None and self.body.level.local and self.body.unplaced is not None


@dataclass(frozen=True)
class CitingDocument:
    """The document being read: its identity, date, term and place (worked out once)."""

    id: DocumentId
    date: str | None
    year: int | None
    term: str | None
    place: Place
    # A page with no header (a news item, a report): what people call it, from its title line.
    label: str | None = None
    # The registry body each "Nơi nhận" line names (its IRI), or None, in the order written.
    recipients: tuple[str | None, ...] = ()
    # The tasks the plan sets out, read once here for resolution and for the graph.
    tasks: tuple[Task, ...] = ()
    # (name as written, registry body IRI) of each body the plan's tasks name that the registry
    # knows, read against the plan's province ("Ban Dân vận Tỉnh ủy" in a Bình Phước plan).
    task_bodies: tuple[tuple[str, str], ...] = ()

    @property
    def iri(self) -> str:
        return self.id.iri

    def task_body(self, name: str) -> str | None:
        """The registry body a task's body name (as written) stands for, if known."""
        return next((iri for written, iri in self.task_bodies if written == name), None)


@dataclass(frozen=True)
class Outcome:
    """What one reference names: its target, or the candidates when that is unsafe."""

    reference: int
    target: DocumentId | None = None
    candidates: tuple[DocumentId, ...] = ()
    clues: tuple[Clue, ...] = ()
    origin: str | None = None  # "registry" or "graph" when the target is one of their entries
    year: int | None = None  # the target's year, for a reference that states none
    place: Place = field(default_factory=Place)  # where the target's issuer sits
    warnings: tuple[str, ...] = ()

    @property
    def evidence(self) -> Evidence:
        if self.target is None:
            return Evidence.AMBIGUOUS if self.candidates else Evidence.UNRESOLVED
        return self.clues[0].evidence if self.clues else Evidence.UNRESOLVED

    @property
    def confidence(self) -> Decimal:
        """How sure the identity is (0..1): by its deciding evidence; 1/n among n candidates."""
        if self.target is None:
            if not self.candidates:
                return Decimal("0")
            return (Decimal(1) / len(self.candidates)).quantize(Decimal("0.01"))
        return self.evidence.confidence

    @property
    def reason(self) -> str:
        return reason_text(self.clues, self.origin)

    @property
    def iri(self) -> str | None:
        return self.target.iri if self.target else None


@dataclass(frozen=True)
class Resolution:
    document: CitingDocument
    outcomes: tuple[Outcome, ...]

    @cached_property
    def _by_reference(self) -> dict[int, Outcome]:
        return {outcome.reference: outcome for outcome in self.outcomes}

    def outcome(self, reference: int) -> Outcome:
        """The outcome of the reference with this id."""
        return self._by_reference[reference]

    def annotate(self, extraction: Extraction) -> Extraction:
        """A copy of `extraction` with the contract's identity fields filled from this
        resolution: ``resolved``, ``candidates``, a missing ``year``, and the reason."""
        annotated = copy.copy(extraction)
        annotated.references = []
        for reference in extraction.references:
            outcome = self.outcome(reference.id)
            filled = copy.copy(reference)
            filled.resolved = outcome.iri
            filled.candidates = [candidate.iri for candidate in outcome.candidates]
            filled.resolution_reason = outcome.reason or None
            if filled.year is None:
                filled.year = outcome.year
            filled.warnings = list(dict.fromkeys([*reference.warnings, *outcome.warnings]))
            annotated.references.append(filled)
        return annotated
