"""A resolved Extraction as RDF quads in its source file's named graph.

What the text says goes into the source's graph and nowhere else, so re-ingesting a file
replaces exactly its statements and removing it leaves nothing behind. Each mention becomes a
citation resource with its evidence (span, sentence, source, extractor version, confidence,
what it states) next to the plain ``citing -> relation -> cited`` edge that simple queries use.
A cited document gets the facts this source states about it, even when they contradict
another source: the contradiction stays visible, each side with its source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, partial

from pyoxigraph import Quad

import kg
from kg import registry as kg_registry
from kg.extract.model import DocumentInfo, Extraction, Link, Reference
from kg.graph.terms import Triples, boolean, date_literal, decimal, integer, text
from kg.namespaces import ELI, OA, PROV, RDF, RDFS, RELATION_PROPERTIES, VK, base_iri
from kg.resolve import KnownDocuments, confidence, default_registry, document_iri, iri
from kg.resolve.context import Citing, citing_context
from kg.resolve.symbols import parse_symbol
from kg.textnorm import slugify

# A sentence ends at a full stop, a semicolon or colon that closes a list item, or a line.
_SENTENCE_END = re.compile(r"[.!?;:]\s|\n")


@dataclass(frozen=True)
class SourceInfo:
    """The file a extraction came from, as the reader saw it."""

    path: str
    sha256: str
    reader: str
    encoding: str
    size: int
    extractor_version: str = kg.__version__


def source_graph_iri(path: str) -> str:
    """The named graph of one source file (stable per path)."""
    return iri.source_graph_iri(path)


def extraction_quads(
    extraction: Extraction,
    source: SourceInfo,
    registry: kg_registry.Registry | None = None,
    known: KnownDocuments | None = None,
) -> list[Quad]:
    """Every statement one resolved extraction makes, in the source's named graph.

    Pass the `known` documents that resolution used, so the document being read joins a node
    that citations already made for it (see :func:`kg.resolve.document_iri`).
    """
    return extraction_statements(extraction, source, registry, known).quads()


def extraction_statements(
    extraction: Extraction,
    source: SourceInfo,
    registry: kg_registry.Registry | None = None,
    known: KnownDocuments | None = None,
) -> Triples:
    """The statements of :func:`extraction_quads` before they become quads (bulk ingest writes
    them straight to N-Quads)."""
    return _Builder(extraction, source, registry or default_registry(), known).build()


class _Builder:
    def __init__(
        self,
        extraction: Extraction,
        source: SourceInfo,
        registry: kg_registry.Registry,
        known: KnownDocuments | None,
    ) -> None:
        self.extraction = extraction
        self.source = source
        self.registry = registry
        self.out = Triples(iri.source_graph_iri(source.path))
        self.source_node = iri.source_iri(source.path)
        self.citations = iri.citation_prefix(source.path)
        self.citing: Citing = citing_context(extraction.document, registry, extraction.text)
        self.document = document_iri(extraction, registry, known, self.citing)
        # A text names the same few issuers and recipients over and over: look each up once.
        self.body_named = cache(partial(registry.match_body, province=self.citing.province))
        self.province_named = cache(registry.find_province)
        self.sentences = _Sentences(extraction.text)

    def build(self) -> Triples:
        self._source_file()
        self._document(self.extraction.document)
        by_id = {ref.id: ref for ref in self.extraction.references}
        for ref in self.extraction.references:
            self._reference(ref)
        first_link = max(by_id, default=-1) + 1
        for offset, link in enumerate(self.extraction.links):
            subject, obj = by_id.get(link.subject), by_id.get(link.object)
            if subject is not None and obj is not None:
                self._link(first_link + offset, link, subject, obj)
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

    def _document(self, info: DocumentInfo) -> None:
        node, add = self.document, self.out.add
        add(node, RDF + "type", VK + "Document")
        # The kind in the identity wins: a registered document keeps the registry's kind.
        add(node, ELI + "type_document", iri.kind_iri(iri.kind_of(node) or info.kind))
        add(node, ELI + "number", text(info.number))
        add(node, VK + "symbol", text(info.symbol))
        add(node, ELI + "date_document", date_literal(info.date))
        add(node, ELI + "title", text(info.title, "vi"))
        add(node, VK + "term", text(self.citing.term) if info.date else None)
        add(node, VK + "issuerName", text(info.issuer))
        add(node, PROV + "wasDerivedFrom", self.source_node)
        body = self.citing.body
        add(node, ELI + "passed_by", body.iri if body else None)
        add(node, VK + "level", text(_level(info.symbol, body)))
        province = self.citing.province
        add(node, VK + "province", province.iri if province else None)
        for index, signer in enumerate(info.signers):
            attribution = f"{node}/signer/{index}"
            person = f"{base_iri()}person/{slugify(signer.name)}"
            add(node, PROV + "qualifiedAttribution", attribution)
            add(attribution, RDF + "type", PROV + "Attribution")
            add(attribution, PROV + "agent", person)
            add(attribution, VK + "signingCapacity", text(signer.role))
            add(person, RDF + "type", PROV + "Person")
            add(person, RDFS + "label", text(signer.name, "vi"))
        for recipient in info.recipients:
            add(node, VK + "recipientName", text(recipient))
            body = self.body_named(recipient)
            add(node, VK + "sentTo", body.iri if body else None)

    # Mentions ------------------------------------------------------------------------------

    def _reference(self, ref: Reference) -> None:
        node = self._citation(ref.id)
        relation = _relation(ref.relation)
        self._evidence(node, ref.start, ref.end, ref.surface, self._sentence(ref))
        add = self.out.add
        add(node, VK + "citingDocument", self.document)
        add(node, VK + "relation", relation)
        add(node, VK + "confidence", decimal(confidence(ref)))
        add(node, VK + "resolutionReason", text(ref.resolution_reason))
        add(node, VK + "statedDate", date_literal(ref.date))
        add(node, VK + "statedSymbol", text(ref.symbol))
        add(node, VK + "statedIssuer", text(ref.issuer))
        add(node, VK + "statedTitle", text(ref.title))
        add(node, VK + "statedTerm", text(ref.term))
        for warning in ref.warnings:
            add(node, VK + "warning", text(warning))
        if ref.short_form:
            add(node, VK + "shortForm", boolean(True))
            if ref.antecedent is not None:
                add(node, VK + "antecedent", self._citation(ref.antecedent))
        for candidate in ref.candidates:
            add(node, VK + "candidate", candidate)
        if ref.resolved:
            add(node, VK + "citedDocument", ref.resolved)
            add(self.document, relation, ref.resolved)
            self._cited(ref)

    def _link(self, number: int, link: Link, subject: Reference, obj: Reference) -> None:
        node = self._citation(number)
        relation = _relation(link.relation)
        surface = self.extraction.text[link.start : link.end] or None
        sentence = self._sentence(subject)
        self._evidence(node, link.start, link.end, surface, sentence)
        add = self.out.add
        add(node, RDF + "type", VK + "LinkCitation")
        add(node, VK + "statedIn", self.document)
        add(node, VK + "subjectCitation", self._citation(subject.id))
        add(node, VK + "objectCitation", self._citation(obj.id))
        add(node, VK + "relation", relation)
        add(node, VK + "confidence", decimal(min(confidence(subject), confidence(obj))))
        add(node, VK + "resolutionReason", text(_link_reason(subject, obj)))
        add(node, VK + "citingDocument", subject.resolved)
        add(node, VK + "citedDocument", obj.resolved)
        if not obj.resolved:
            for candidate in obj.candidates:
                add(node, VK + "candidate", candidate)
        if subject.resolved and obj.resolved:
            add(subject.resolved, relation, obj.resolved)

    def _citation(self, number: int) -> str:
        """The n-th citation (reference or link) read from this source."""
        return f"{self.citations}{number}"

    def _sentence(self, ref: Reference) -> tuple[int, int] | None:
        """The extractor's sentence span, else the sentence or list item around the mention."""
        if ref.sentence_start is not None and ref.sentence_end is not None:
            return ref.sentence_start, ref.sentence_end
        if not self.extraction.text:
            return None
        return self.sentences.around(ref.start, ref.end)

    def _evidence(
        self,
        node: str,
        start: int,
        end: int,
        surface: str | None,
        sentence: tuple[int, int] | None,
    ) -> None:
        """Type, provenance and Web Annotation selectors shared by every citation.

        What holds for every citation of a file (its reader, its extractor version) is stated
        once on the file, not on each citation: at 13 citations a document, one statement per
        citation is 3 % of the store. oa:hasSource repeats prov:wasDerivedFrom because Web
        Annotation requires it of a specific resource.
        """
        add, body = self.out.add, self.extraction.text
        add(node, RDF + "type", VK + "Citation")
        add(node, PROV + "wasDerivedFrom", self.source_node)
        add(node, OA + "hasSource", self.source_node)
        add(node, VK + "surface", text(surface))
        if sentence is not None:
            add(node, VK + "sentence", text(body[sentence[0] : sentence[1]].strip()))
        position, quote = f"{node}/position", f"{node}/quote"
        add(node, OA + "hasSelector", position)
        add(position, RDF + "type", OA + "TextPositionSelector")
        # xsd:integer, not the spec's nonNegativeInteger: Oxigraph stores the latter as the
        # former, and what goes into a store must come back out unchanged.
        add(position, OA + "start", integer(start))
        add(position, OA + "end", integer(end))
        # The quote without oa:prefix/oa:suffix: the offsets are exact for the text whose
        # sha256 the source file records, and the two context strings were each unique, so
        # they cost a fifth of the store (quads and dictionary) for a fallback never needed.
        if surface:
            add(node, OA + "hasSelector", quote)
            add(quote, RDF + "type", OA + "TextQuoteSelector")
            add(quote, OA + "exact", text(surface))

    def _cited(self, ref: Reference) -> None:
        """What this source states about the cited document, kept in this source's graph."""
        assert ref.resolved is not None
        node, add = ref.resolved, self.out.add
        add(node, RDF + "type", VK + "Document")
        add(node, ELI + "type_document", iri.kind_iri(iri.kind_of(node) or ref.kind))
        add(node, ELI + "number", text(ref.number))
        add(node, VK + "symbol", text(ref.symbol))
        add(node, ELI + "date_document", date_literal(ref.date))
        add(node, ELI + "title", text(ref.title, "vi"))
        add(node, VK + "term", text(ref.term))
        add(node, VK + "issuerName", text(ref.issuer))
        body = self.body_named(ref.issuer)
        add(node, ELI + "passed_by", body.iri if body else None)
        if ref.congress is not None:
            add(node, VK + "congressOrdinal", text(ref.congress.ordinal))
            local = ref.congress.scope != "toan-quoc"
            add(node, VK + "level", text("province" if local else "central"))
            if local:
                add(node, VK + "province", self._province_iri(ref.congress.place))
        elif ref.plenum is not None:
            add(node, VK + "plenumOrdinal", integer(ref.plenum.ordinal))
            add(node, VK + "level", text("central"))
        else:
            level = _level(ref.symbol, body)
            add(node, VK + "level", text(level))
            if level in ("province", "district") or (level == "state" and _local(ref.symbol)):
                add(node, VK + "province", self._province_iri(ref.issuer))

    def _province_iri(self, named_in: str | None) -> str | None:
        """The province a text names, else the citing document's (what "/TU" means there)."""
        province = self.province_named(named_in) or self.citing.province
        return province.iri if province else None


def _relation(name: str) -> str:
    return RELATION_PROPERTIES.get(name, RELATION_PROPERTIES["cites"])


def _level(symbol: str | None, body: kg_registry.Body | None) -> str | None:
    """central, province, district or state: from the issuing body, else from the symbol."""
    if body is not None:
        return body.level
    parsed = parse_symbol(symbol) if symbol else None
    if parsed is None:
        return None
    if not parsed.party:
        return "state"
    if parsed.central:
        return "central"
    return "district" if parsed.district else "province"


def _local(symbol: str | None) -> bool:
    parsed = parse_symbol(symbol) if symbol else None
    return parsed is not None and not parsed.central


class _Sentences:
    """Sentence boundaries of one text, found once, for the evidence of every mention."""

    def __init__(self, body: str) -> None:
        self.length = len(body)
        matches = list(_SENTENCE_END.finditer(body))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def around(self, start: int, end: int) -> tuple[int, int]:
        before = bisect_right(self.ends, start) - 1
        after = bisect_left(self.starts, end)
        first = self.ends[before] if before >= 0 else 0
        last = self.starts[after] + 1 if after < len(self.starts) else self.length
        return first, last


def _link_reason(subject: Reference, obj: Reference) -> str:
    return (
        f"subject: {subject.resolution_reason or 'unresolved'}; "
        f"object: {obj.resolution_reason or 'unresolved'}"
    )
