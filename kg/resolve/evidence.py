"""What decided an identity, how sure that makes it, and the sentence that says so.

The resolver records its evidence as :class:`Clue` values, the deciding one first; confidence
is read from a table keyed by that first clue's :class:`Evidence`, and the reason users read is
rendered from the clues, never parsed back.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Evidence(Enum):
    """Kinds of evidence, each with its confidence and how it reads in a reason."""

    STATED_DATE = ("0.95", "stated date {}")
    SAME_NUMBERING_PERIOD = ("0.8", "stated date {} falls in the same numbering period")
    YEAR_BESIDE_SYMBOL = ("0.85", "year {} written beside the symbol")
    TITLE = ("0.85", "title")
    SUBJECT = ("0.8", "subject of the citing sentence")
    TERM = ("0.85", "term {}")
    ELAPSED_YEARS = ("0.8", "{}")
    ANTECEDENT = ("0.9", "antecedent ref {}")
    SAME_SYMBOL_IN_TEXT = ("0.8", "same symbol elsewhere in this text")
    ONLY_REGISTRY_ENTRY = ("0.75", "only registry entry")
    ONLY_GRAPH_ENTRY = ("0.7", "only graph entry")
    NEW_FROM_SYMBOL_YEAR = ("0.9", "new identity from year in the symbol")
    NEW_FROM_STATED_DATE = ("0.9", "new identity from stated date")
    NEW_FROM_KIND_AND_NUMBER = ("0.5", "new identity from kind and number only; {}")
    NATIONAL_CONGRESS = ("0.95", "national congress {}")
    LOCAL_CONGRESS = ("0.85", "congress {}")
    PLENUM_STATED_TERM = ("0.95", "plenum {} (stated term)")
    PLENUM_CITING_TERM = ("0.7", "plenum {} (term of the citing document's date)")
    NAMED_BY_TITLE = ("0.7", "named by its title")
    AMBIGUOUS = ("0", "ambiguous: {} documents share this number")
    UNRESOLVED = ("0", "{}")

    def __init__(self, confidence: str, template: str) -> None:
        self.confidence = Decimal(confidence)
        self.template = template


@dataclass(frozen=True)
class Clue:
    """One piece of evidence with what it saw ("2013-06-03", "15 years before 2018")."""

    evidence: Evidence
    detail: str = ""

    def render(self) -> str:
        return self.evidence.template.format(self.detail)


def reason_text(clues: tuple[Clue, ...], origin: str | None) -> str:
    """ "stated date 2013-06-03, title (registry)": the clues in order, then where the
    identity came from when it was a registry or graph entry."""
    text = ", ".join(clue.render() for clue in clues)
    return f"{text} ({origin})" if origin else text
