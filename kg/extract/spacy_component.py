"""The extractor as a spaCy pipeline component: ``nlp.add_pipe("vankien_references")``.

Registered through the ``spacy_factories`` entry point, so any pipeline can add it without
importing :mod:`kg`. It runs :func:`kg.extract.extract` on ``doc.text`` (no tokenisation of its
own: the regexes work on characters) and puts one span per reference in
``doc.spans["vankien_references"]``, labelled with the document kind. Every contract field of a
reference is on ``span._.vankien`` (a dict shaped like the JSON contract); the links and the
document's own identity are on ``doc._.vankien_links`` and ``doc._.vankien_document``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract import extract

SPANS_KEY = "vankien_references"

for _extension, _owner in (
    ("vankien", Span),
    ("vankien_links", Doc),
    ("vankien_document", Doc),
):
    if not _owner.has_extension(_extension):
        _owner.set_extension(_extension, default=None)


class ReferenceComponent:
    """Adds the references of each document as spans (character offsets snapped to tokens)."""

    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        extraction = extract(doc.text)
        spans = []
        for reference in extraction.references:
            span = doc.char_span(
                reference.start, reference.end, label=reference.kind, alignment_mode="expand"
            )
            if span is None:
                continue
            span._.vankien = reference.to_json()
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.vankien_links = [link.to_json() for link in extraction.links]
        doc._.vankien_document = extraction.document.to_json()
        return doc


@Language.factory("vankien_references", default_config={"spans_key": SPANS_KEY})
def make_reference_component(nlp: Language, name: str, spans_key: str) -> ReferenceComponent:
    """spaCy factory: ``nlp.add_pipe("vankien_references", config={"spans_key": ...})``."""
    return ReferenceComponent(spans_key)
