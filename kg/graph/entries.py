"""The search index's entries of one source, from the same extraction and resolution as its
graph: a "name" entry per document the source describes and one per citing sentence.
"""

from __future__ import annotations

from kg.extract.model import Extraction, Reference
from kg.graph.build import Sentences, evidence_excerpt, sentence_of
from kg.graph.reference import kind_names
from kg.resolve import Resolution
from kg.search import IndexEntry

# The parts of a document's name entry, in the order people write them.
_SLOTS = 5


def search_entries(extraction: Extraction, resolution: Resolution) -> list[IndexEntry]:
    """Search entries of one source.

    Each document the source describes gets a "name" entry composed as people write it
    ("Nghị quyết 25 25-NQ/TW Tăng cường ... dân vận Ban Chấp hành Trung ương"), so "nghi quyet 25
    dan van" finds it; each citing sentence is attached to the citing document, so searching
    "217-QĐ/TW" also finds the plans whose sentences name it.
    """
    names: dict[str, list[list[str]]] = {}

    def name(document: str, kind: str, *parts: str | None) -> None:
        slots = names.setdefault(document, [[] for _ in range(_SLOTS)])
        for slot, value in enumerate((kind_names().get(kind), *parts)):
            if value and value.strip():
                slots[slot].append(value)

    info, own = extraction.document, resolution.document
    name(own.iri, own.id.kind, info.number, info.symbol, info.title, info.issuer)
    sentences = Sentences(extraction.text)
    said: dict[tuple[str, str], None] = {}

    def sentence(document: str | None, holder: Reference) -> None:
        span = sentence_of(extraction, holder, sentences)
        if document is not None and span is not None:
            excerpt = evidence_excerpt(extraction.text, span, holder.start, holder.end)
            if excerpt:
                said[(document, excerpt)] = None

    by_id = {ref.id: ref for ref in extraction.references}
    for ref in extraction.references:
        target = resolution.outcome(ref.id).target
        if target is not None:
            name(target.iri, target.kind, ref.number, ref.symbol, ref.title, ref.issuer)
        sentence(own.iri, ref)
    for link in extraction.links:
        subject, obj = by_id.get(link.subject), by_id.get(link.object)
        if subject is not None and obj is not None:
            sentence(resolution.outcome(subject.id).iri, subject)
    entries = [
        IndexEntry(document, "name", " ".join(" ".join(dict.fromkeys(p)) for p in slots if p))
        for document, slots in names.items()
    ]
    entries += [IndexEntry(document, "sentence", text) for document, text in said]
    return entries
