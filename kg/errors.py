"""The errors a user can meet, as one hierarchy the CLI turns into one-line messages.

Anything else that escapes is a bug and may show a traceback; these never should.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error that is the user's input or environment, not our bug."""

    # What the command exits with: 1 when the work failed, 2 when an argument was wrong.
    exit_code = 1


class ArgumentError(KgError):
    """An argument names nothing, names too much, or cannot be read (a date, a format, options
    that exclude each other): the command did nothing and exits 2, as for a usage error."""

    exit_code = 2


class InputError(KgError):
    """A source file cannot be read or decoded; the message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(KgError):
    """The graph store cannot be opened or written (locked, read-only, unreachable)."""


class QueryError(ArgumentError):
    """A SPARQL query or a named query's parameters are invalid."""


class DocumentNotFound(ArgumentError):
    """A document argument matched nothing in the graph."""


class AmbiguousDocument(ArgumentError):
    """A document argument matched several documents; the candidates are listed."""

    def __init__(self, argument: str, candidates: list[str]) -> None:
        lines = "\n".join(f"  {c}" for c in candidates)
        super().__init__(f"{argument!r} matches {len(candidates)} documents:\n{lines}")
        self.argument = argument
        self.candidates = candidates
