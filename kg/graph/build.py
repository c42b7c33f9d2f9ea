"""A resolved extraction as RDF statements in its source file's named graph.

What the text says goes into the source's graph and nowhere else, so re-ingesting a file
replaces exactly its statements and removing it leaves nothing behind. Each mention becomes a
citation resource with its evidence (span, sentence, source, extractor version, confidence,
what it states) next to the plain ``citing -> relation -> cited`` edge that simple queries use.
A cited document gets the facts this source states about it, even when they contradict
another source: the contradiction stays visible, each side with its source.

Everything here is a pure function of the extraction and its :class:`~kg.resolve.Resolution`:
identities, places, levels and confidence are read from the resolution, never worked out again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from pyoxigraph import Quad

import kg
from kg.extract.model import DocumentInfo, Extraction, Link, Reference
from kg.graph.annotation import add_text_span
from kg.graph.schedules import add_schedules
from kg.graph.tasks import add_tasks
from kg.graph.terms import Triples, boolean, date_literal, date_time, decimal, integer, text
from kg.identity import (
    citation_iri,
    citation_prefix,
    kind_iri,
    person_iri,
    signer_iri,
    source_graph_iri,
    source_iri,
)
from kg.namespaces import ELI, PROV, RDF, RDFS, RELATION_PROPERTIES, VK, one_base
from kg.resolve import Outcome, Place, Resolution

# A sentence ends at a full stop, a semicolon or colon that closes a list item, or a line:
# "[.!?;:]\s|\n", written to begin with one character class, which the regex engine scans for
# (twice as fast as trying the alternation at every character of a text).
_SENTENCE_END = re.compile(r"[\n.!?;:](?:(?<=\n)|\s)")
# The evidence kept of a citing sentence: whole up to this length, else this much around the
# mention. A compiled volume can hold thousands of references in one "sentence"; a copy of it
# per citation would make a document's graph grow with the square of its references.
SENTENCE_LIMIT = 600
_AROUND = (SENTENCE_LIMIT - 100) // 2


@dataclass(frozen=True)
class SourceInfo:
    """The file an extraction came from, as the reader saw it."""

    path: str
    sha256: str
    reader: str
    encoding: str
    size: int
    extractor_version: str = kg.__version__
    # When the file's graph is written (ISO, with its zone): the ingest step gives it, so that
    # building stays a pure function of its input; `kg changes` reads it as prov:generatedAtTime.
    generated_at: str | None = None


def extraction_quads(
    extraction: Extraction, resolution: Resolution, source: SourceInfo
) -> list[Quad]:
    """Every statement one resolved extraction makes, in the source's named graph."""
    return extraction_statements(extraction, resolution, source).quads()


def extraction_statements(
    extraction: Extraction, resolution: Resolution, source: SourceInfo
) -> Triples:
    """The statements of :func:`extraction_quads` before they become quads (bulk ingest writes
    them straight to N-Quads)."""
    with one_base():  # the graph's hundreds of IRIs under one base, read once
        return _Builder(extraction, resolution, source).build()


def evidence_excerpt(body: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The citing sentence as stored: whole when short, else the part around the mention
    (whole words, "…" where it was cut), so a citation's evidence is bounded in size."""
    first, last = sentence
    if last - first <= SENTENCE_LIMIT:
        return body[first:last].strip()
    left = max(first, start - _AROUND)
    right = min(last, max(end, start) + _AROUND)
    if left > first:
        space = body.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < last:
        space = body.rfind(" ", end, right)
        right = space if space != -1 else right
    excerpt = body[left:right].strip()
    return f"{'…' if left > first else ''}{excerpt}{'…' if right < last else ''}"


def sentence_of(
    extraction: Extraction, reference: Reference, sentences: Sentences
) -> tuple[int, int] | None:
    """The extractor's sentence span, else the sentence or list item around the mention."""
    if reference.sentence_start is not None and reference.sentence_end is not None:
        return reference.sentence_start, reference.sentence_end
    if not extraction.text:
        return None
    return sentences.around(reference.start, reference.end)


class _Builder:
    def __init__(self, extraction: Extraction, resolution: Resolution, source: SourceInfo) -> None:
        self.extraction = extraction
        self.resolution = resolution
        self.source = source
        self.out = Triples(source_graph_iri(source.path))
        self.source_node = source_iri(source.path)
        self.citations = citation_prefix(source.path)
        self.document = resolution.document.iri
        self.sentences = Sentences(extraction.text)

    def build(self) -> Triples:
        self._source_file()
        self._document(self.extraction.document)
        by_id = {ref.id: ref for ref in self.extraction.references}
        for ref in self.extraction.references:
            self._reference(ref, self.resolution.outcome(ref.id))
        first_link = max(by_id, default=-1) + 1
        for offset, link in enumerate(self.extraction.links):
            subject, obj = by_id.get(link.subject), by_id.get(link.object)
            if subject is not None and obj is not None:
                self._link(first_link + offset, link, subject, obj)
        add_tasks(self.out, self.extraction, self.resolution, self.source.path, self.source_node)
        # The reviews its own text schedules for it: `kg due` reads them, never the file.
        add_schedules(
            self.out, self.extraction.text, self.document, self.source.path, self.source_node
        )
        return self.out

    # The file and the document being read --------------------------------------------------

    def _source_file(self) -> None:
        node, add, source = self.source_node, self.out.add, self.source
        add(node, RDF + "type", VK + "SourceFile")
        add(node, RDF + "type", PROV + "Entity")
        add(node, VK + "path", text(source.path))
        add(node, VK + "sha256", text(source.sha256))
        add(node, VK + "reader", text(source.reader))
        add(node, VK + "encoding", text(source.encoding))
        add(node, VK + "size", integer(source.size))
        add(node, VK + "extractorVersion", text(source.extractor_version))
        add(node, PROV + "generatedAtTime", date_time(source.generated_at))

    def _document(self, info: DocumentInfo) -> None:
        citing = self.resolution.document
        node, add = self.document, self.out.add
        add(node, RDF + "type", VK + "Document")
        # The kind in the identity wins: a registered document keeps the registry's kind.
        add(node, ELI + "type_document", kind_iri(citing.id.kind))
        add(node, ELI + "number", text(info.number))
        add(node, VK + "symbol", text(info.symbol))
        add(node, ELI + "date_document", date_literal(info.date))
        add(node, ELI + "title", text(info.title, "vi"))
        add(node, VK + "term", text(citing.term) if info.date else None)
        add(node, VK + "issuerName", text(info.issuer))
        add(node, PROV + "wasDerivedFrom", self.source_node)
        self._place(node, citing.place)
        for index, signer in enumerate(info.signers):
            attribution = signer_iri(node, index)
            person = person_iri(signer.name)
            add(node, PROV + "qualifiedAttribution", attribution)
            add(attribution, RDF + "type", PROV + "Attribution")
            add(attribution, PROV + "agent", person)
            add(attribution, VK + "signingCapacity", text(signer.role))
            add(person, RDF + "type", PROV + "Person")
            add(person, RDFS + "label", text(signer.name, "vi"))
        for recipient, body in zip(info.recipients, citing.recipients, strict=True):
            add(node, VK + "recipientName", text(recipient))
            add(node, VK + "sentTo", body)

    def _place(self, node: str, place: Place) -> None:
        """The issuing body, level and place a document's identity was built from."""
        add = self.out.add
        add(node, ELI + "passed_by", place.registered.iri if place.registered else None)
        add(node, VK + "level", text(place.level.value) if place.level else None)
        add(node, VK + "province", place.province.iri if place.province else None)
        add(node, VK + "district", text(place.district))
        add(node, VK + "commune", text(place.commune))

    # Mentions ------------------------------------------------------------------------------

    def _reference(self, ref: Reference, outcome: Outcome) -> None:
        node = citation_iri(self.citations, ref.id)
        relation = _relation(ref.relation)
        self._evidence(node, ref.start, ref.end, ref.surface, ref)
        add = self.out.add
        add(node, VK + "citingDocument", self.document)
        add(node, VK + "relation", relation)
        add(node, VK + "confidence", decimal(outcome.confidence))
        add(node, VK + "resolutionReason", text(outcome.reason))
        add(node, VK + "statedDate", date_literal(ref.date))
        add(node, VK + "statedSymbol", text(ref.symbol))
        add(node, VK + "statedIssuer", text(ref.issuer))
        add(node, VK + "statedTitle", text(ref.title))
        add(node, VK + "statedTerm", text(ref.term))
        # N of "sơ kết 5 năm thực hiện X": which review of X this is (`kg due` reads it).
        add(node, VK + "reviewedYears", integer(ref.elapsed_years))
        for warning in dict.fromkeys([*ref.warnings, *outcome.warnings]):
            add(node, VK + "warning", text(warning))
        if ref.short_form:
            add(node, VK + "shortForm", boolean(True))
            if ref.antecedent is not None:
                add(node, VK + "antecedent", citation_iri(self.citations, ref.antecedent))
        for candidate in outcome.candidates:
            add(node, VK + "candidate", candidate.iri)
        if outcome.target is not None:
            add(node, VK + "citedDocument", outcome.target.iri)
            add(self.document, relation, outcome.target.iri)
            self._cited(ref, outcome)

    def _link(self, number: int, link: Link, subject: Reference, obj: Reference) -> None:
        node = citation_iri(self.citations, number)
        acting, acted_on = self.resolution.outcome(subject.id), self.resolution.outcome(obj.id)
        relation = _relation(link.relation)
        surface = self.extraction.text[link.start : link.end] or None
        self._evidence(node, link.start, link.end, surface, subject)
        add = self.out.add
        add(node, RDF + "type", VK + "LinkCitation")
        add(node, VK + "statedIn", self.document)
        add(node, VK + "subjectCitation", citation_iri(self.citations, subject.id))
        add(node, VK + "objectCitation", citation_iri(self.citations, obj.id))
        add(node, VK + "relation", relation)
        add(node, VK + "confidence", decimal(min(acting.confidence, acted_on.confidence)))
        add(node, VK + "resolutionReason", text(_link_reason(acting, acted_on)))
        add(node, VK + "citingDocument", acting.iri)
        add(node, VK + "citedDocument", acted_on.iri)
        if acted_on.target is None:
            for candidate in acted_on.candidates:
                add(node, VK + "candidate", candidate.iri)
        if acting.iri and acted_on.iri:
            add(acting.iri, relation, acted_on.iri)

    def _evidence(
        self, node: str, start: int, end: int, surface: str | None, holder: Reference
    ) -> None:
        """Type, sentence and text span shared by every citation.

        What holds for every citation of a file (its reader, its extractor version) is stated
        once on the file, not on each citation: at 13 citations a document, one statement per
        citation is 3 % of the store. For the same reason the words are stated once, as
        `vk:surface`: the span gets its position selector but no Web Annotation quote of them,
        which cost three quads a citation, 9 % of the store.
        """
        add = self.out.add
        add(node, RDF + "type", VK + "Citation")
        add(node, VK + "surface", text(surface))
        sentence = sentence_of(self.extraction, holder, self.sentences)
        if sentence is not None:
            excerpt = evidence_excerpt(self.extraction.text, sentence, holder.start, holder.end)
            add(node, VK + "sentence", text(excerpt))
        add_text_span(self.out, node, self.source_node, start, end)

    def _cited(self, ref: Reference, outcome: Outcome) -> None:
        """What this source states about the cited document, kept in this source's graph."""
        assert outcome.target is not None
        node, add = outcome.target.iri, self.out.add
        add(node, RDF + "type", VK + "Document")
        add(node, ELI + "type_document", kind_iri(outcome.target.kind))
        add(node, ELI + "number", text(ref.number))
        add(node, VK + "symbol", text(ref.symbol))
        add(node, ELI + "date_document", date_literal(ref.date))
        add(node, ELI + "title", text(ref.title, "vi"))
        add(node, VK + "term", text(ref.term))
        add(node, VK + "issuerName", text(ref.issuer))
        if ref.congress is not None:
            ordinal = ref.congress.ordinal
            add(node, VK + "congressOrdinal", text(ordinal.upper() if ordinal else None))
        elif ref.plenum is not None:
            add(node, VK + "plenumOrdinal", integer(ref.plenum.ordinal))
        self._place(node, outcome.place)


def _relation(name: str) -> str:
    return RELATION_PROPERTIES.get(name, RELATION_PROPERTIES["cites"])


class Sentences:
    """Sentence boundaries of one text, found once, for the evidence of every mention.

    Found on the first question only: the extractor gives every reference its sentence, so
    the graph and the search entries of an ingested file never ask (only an extraction read
    back from JSON without sentences does), and the whole-text scan is not paid twice a file
    for nothing.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        self.length = len(body)
        self._ends_of: tuple[list[int], list[int]] | None = None  # (starts, ends) once found

    def _ends(self) -> tuple[list[int], list[int]]:
        if self._ends_of is None:
            matches = list(_SENTENCE_END.finditer(self.body))
            self._ends_of = [m.start() for m in matches], [m.end() for m in matches]
        return self._ends_of

    def around(self, start: int, end: int) -> tuple[int, int]:
        starts, ends = self._ends()
        before = bisect_right(ends, start) - 1
        after = bisect_left(starts, end)
        first = ends[before] if before >= 0 else 0
        last = starts[after] + 1 if after < len(starts) else self.length
        return first, last


def _link_reason(subject: Outcome, obj: Outcome) -> str:
    return f"subject: {subject.reason or 'unresolved'}; object: {obj.reason or 'unresolved'}"
