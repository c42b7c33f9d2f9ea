"""The errors a user can meet, as one hierarchy the CLI turns into one-line messages.

Anything else that escapes is a bug and may show a traceback; these never should.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error that is the user's input or environment, not our bug."""


class InputError(KgError):
    """A source file cannot be read or decoded; the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(KgError):
    """The graph store cannot be opened or written (locked, read-only, unreachable)."""


class QueryError(KgError):
    """A SPARQL query or a named query's parameters are invalid."""


class DocumentNotFound(KgError):
    """A document argument matched nothing in the graph."""


class AmbiguousDocument(KgError):
    """A document argument matched several documents; the candidates are listed."""

    def __init__(self, argument: str, candidates: list[str]) -> None:
        lines = "\n".join(f"  {c}" for c in candidates)
        super().__init__(f"{argument!r} matches {len(candidates)} documents:\n{lines}")
        self.argument = argument
        self.candidates = candidates
