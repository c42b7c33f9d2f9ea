"""One document's text under construction, with the ground truth of every reference planted in it.

Offsets are the heart of the contract (``text[start:end] == surface`` on the text as written), so
the writer fixes them only when a line is finished: by then it knows whether the line is written
decomposed (NFD, as some real files are) and every piece of it has its final length.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from benchmarks.vocabulary import OLD_TONES
from kg.extract.model import Link, Reference


@dataclass
class Style:
    """Habits of one document's typist: they hold for the whole text, as in real files."""

    old_tones: bool = False  # "uỷ", "khoá" instead of "ủy", "khóa"
    nfd_line_rate: float = 0.0  # share of lines saved decomposed
    dash_noise: float = 0.0  # share of symbols written "36 - KH/TU", "01 – CTr/TW"
    typo_rate: float = 0.0  # share of filler sentences with a typo

    def spell(self, text: str) -> str:
        if not self.old_tones:
            return text
        for new, old in OLD_TONES:
            text = text.replace(new, old)
        return text


@dataclass
class DocumentWriter:
    """Appends text and references; `finish()` returns the text and the planted truth."""

    rng: random.Random
    style: Style
    references: list[Reference] = field(default_factory=list)
    links: list[tuple[int, str, int]] = field(default_factory=list)
    # identity -> id of its latest dated citation: what a later short form points back to.
    full_citations: dict[str, int] = field(default_factory=dict)
    _done: list[str] = field(default_factory=list)
    _length: int = 0
    _line: list[tuple[str, int | None]] = field(default_factory=list)
    last_line: str = ""  # the latest finished line as written (a title block's summary)

    def text(self, text: str) -> None:
        self._line.append((self.style.spell(text), None))

    def raw(self, text: str) -> None:
        """Text kept exactly as given (names, furniture), never respelled."""
        self._line.append((text, None))

    def reference(self, surface: str, **fields: object) -> int:
        """Plant a reference whose surface is `surface`; returns its id (for links, antecedents)."""
        ref_id = len(self.references)
        for key in ("issuer", "title"):
            value = fields.get(key)
            if isinstance(value, str):
                fields[key] = self.style.spell(value)
        written = self.style.spell(surface)
        # Offsets (and the surface, if the line ends up decomposed) are final at the line's end.
        reference = Reference(id=ref_id, start=-1, end=-1, surface=written, **fields)  # type: ignore[arg-type]
        self.references.append(reference)
        self._line.append((written, ref_id))
        return ref_id

    def set_title(self, ref_id: int, title: str) -> None:
        self.references[ref_id].title = self.style.spell(title)

    def link(self, subject: int, relation: str, obj: int) -> None:
        self.links.append((subject, relation, obj))

    def line(self, text: str = "") -> None:
        """Finish the current line, with `text` appended first."""
        if text:
            self.text(text)
        decomposed = self.style.nfd_line_rate > 0 and self.rng.random() < self.style.nfd_line_rate
        start = len(self._done)
        for piece, ref_id in self._line:
            if decomposed:
                piece = unicodedata.normalize("NFD", piece)
            if ref_id is not None:
                reference = self.references[ref_id]
                reference.start = self._length
                reference.end = self._length + len(piece)
                reference.surface = piece
                if decomposed and reference.title:
                    # A title is given as written, as the dev gold gives it.
                    reference.title = unicodedata.normalize("NFD", reference.title)
            self._done.append(piece)
            self._length += len(piece)
        self.last_line = "".join(self._done[start:])
        self._done.append("\n")
        self._length += 1
        self._line = []

    def finish(self) -> tuple[str, list[Reference], list[Link]]:
        if self._line:
            self.line()
        links = [
            Link(
                subject=subject,
                relation=relation,
                object=obj,
                start=min(self.references[subject].start, self.references[obj].start),
                end=max(self.references[subject].end, self.references[obj].end),
            )
            for subject, relation, obj in self.links
        ]
        return "".join(self._done), self.references, links
