"""The extractor: every reference to another document in a Vietnamese Party or state text.

One pure function, :func:`extract`, turns a text into an :class:`~kg.extract.model.Extraction`
shaped like the JSON contract: the document's own identity, the references with their spans,
relations and short forms, and the links stated between cited documents. No I/O, no store.

Matching runs on a normalised copy of the text (:mod:`kg.textnorm`); every offset reported is
mapped back, so ``text[start:end] == surface`` holds on the text as given, NFD included.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from kg.extract.document import furniture_spans, lines_of, read_document
from kg.extract.links import stated_links
from kg.extract.mention import Mention
from kg.extract.mentions import congress_year, find_mentions
from kg.extract.model import DocumentInfo, Extraction, Link, Reference
from kg.extract.relations import ClauseReader
from kg.extract.repair import repair_marks
from kg.extract.structure import Structure
from kg.textnorm import MatchText, fold, lower_keeping_length, normalize_with_map

__all__ = ["extract"]

_TITLE_QUOTES = re.compile(r"[“”\"«»*]")
_WORDS = re.compile(r"\w+")
_TRAILING_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\s*$")
_LEADING_ABOUT = re.compile(r"^về\s+", re.IGNORECASE)


def extract(text: str, *, source: str = "", sha256: str = "") -> Extraction:
    """Extract the document identity, references and links of ``text``."""
    match_text = normalize_with_map(text)
    repaired = repair_marks(match_text.text)
    if repaired is not match_text.text:
        match_text = replace(match_text, text=repaired)
    normal = match_text.text
    # One lower-cased copy, for the type-word scan and the clause reader: offsets found in it
    # are used on `normal`, so it keeps every character at its index.
    lowered = lower_keeping_length(normal)
    lines = lines_of(normal)
    excluded = furniture_spans(lines)

    def original(start: int, end: int) -> str:
        return text[match_text.to_original(start) : match_text.to_original(end)]

    document = read_document(normal, lines, excluded, original)
    mentions = _with_antecedents(
        [
            m
            for m in find_mentions(normal, lowered)
            if not _inside(m, excluded) and not _names_itself(m, document)
        ]
    )
    structure = Structure(normal, mentions)
    structure.run()
    reader = ClauseReader(normal, mentions, lowered)
    references = [
        _reference(i, m, match_text, original, reader, structure) for i, m in enumerate(mentions)
    ]
    _short_forms(references, mentions, document)
    for reference, mention in zip(references, mentions, strict=True):
        if mention.in_parens and reference.antecedent is not None:
            reference.relation = references[reference.antecedent].relation
    links = [
        Link(
            subject=subject,
            relation=relation,
            object=obj,
            start=min(references[subject].start, references[obj].start),
            end=max(references[subject].end, references[obj].end),
        )
        for subject, relation, obj in stated_links(
            normal, mentions, [r.relation for r in references], reader
        )
    ]
    warnings = [f"reference {r.id}: {w}" for r in references for w in r.warnings]
    return Extraction(
        source=source,
        sha256=sha256,
        document=document,
        references=references,
        links=links,
        text=text,
        warnings=warnings,
    )


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    """Whether the mention starts inside one of the sorted, disjoint ``spans``."""
    index = bisect.bisect_right(spans, (mention.start, len(spans) and spans[-1][1] + 1)) - 1
    return index >= 0 and spans[index][0] <= mention.start < spans[index][1]


def _with_antecedents(mentions: list[Mention]) -> list[Mention]:
    """``mentions`` less the back-references ("Nghị quyết nói trên") with nothing earlier of
    their kind to point at."""
    if not any(mention.anaphor for mention in mentions):
        return mentions
    kinds_seen: set[str] = set()
    kept: list[Mention] = []
    kept_ids: set[int] = set()
    for mention in mentions:
        if mention.anaphor:
            if mention.refers_to is not None and id(mention.refers_to) not in kept_ids:
                continue
            if mention.refers_to is None and mention.kind not in kinds_seen:
                continue
        else:
            kinds_seen.add(mention.kind)
        kept.append(mention)
        kept_ids.add(id(mention))
    return kept


def _names_itself(mention: Mention, document: DocumentInfo) -> bool:
    """The plan's own symbol in its title line or "File:" footer is not a reference, nor is a
    plan's "kế hoạch hành động thực hiện ..." or "Kế hoạch hành động của Ban Dân vận Tỉnh ủy"
    (its own kind, no number, its own issuer or none) in its closing lines."""
    if document.symbol and mention.symbol == document.symbol:
        return True
    if mention.number is None and mention.symbol is None and mention.name_span is None:
        return (
            mention.congress is None
            and mention.plenum is None
            and mention.kind == document.kind
            and (mention.issuer is None or _same_body(mention.issuer, document.issuer))
        )
    return bool(
        document.number
        and mention.symbol is None
        and mention.number == document.number
        and mention.kind == document.kind
    )


def _same_body(named: str, issuer: str | None) -> bool:
    """Whether the body a mention names is the document's issuer, also written without its
    place ("Ban Dân vận Tỉnh ủy" in a plan of the Ban Dân vận Tỉnh ủy Hải Dương) or without
    its parent ("Ban Dân vận" of "Tỉnh ủy Bình Phước Ban Dân vận")."""
    if issuer is None:
        return False
    named_key, issuer_key = fold(named), fold(issuer)
    return issuer_key.startswith(named_key) or issuer_key.endswith(named_key)


def _reference(
    index: int,
    mention: Mention,
    match_text: MatchText,
    original: object,
    reader: ClauseReader,
    structure: Structure,
) -> Reference:
    assert callable(original)
    start, end = match_text.span(mention.start, mention.end)
    issuer = " ".join(original(*mention.issuer_span).split()) if mention.issuer_span else None
    title_span = structure.title_spans.get(index)
    title = _clean_title(original(*title_span)) if title_span else None
    if mention.owner is not None:
        relation, elapsed = "cites", None
    else:
        relation, elapsed = reader.relation(mention)
    year = None
    if mention.date:
        year = int(mention.date[:4])
    elif mention.symbol_parts and mention.symbol_parts.year:
        year = mention.symbol_parts.year
    elif mention.year:
        year = mention.year
    else:
        year = congress_year(mention)
    sentence_start, sentence_end = match_text.span(
        reader.sentence_start(mention.start), reader.sentence_end(mention.end)
    )
    return Reference(
        id=index,
        start=start,
        end=end,
        surface=match_text.original[start:end],
        kind=mention.kind,
        number=mention.number,
        symbol=mention.symbol,
        date=mention.date,
        year=year,
        issuer=issuer or mention.issuer,
        term=mention.term,
        date_raw=mention.date_raw,
        congress=mention.congress,
        plenum=mention.plenum,
        title=title or None,
        relation=relation,
        warnings=list(mention.warnings),
        elapsed_years=elapsed,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )


def _clean_title(raw: str) -> str:
    title = _TITLE_QUOTES.sub("", raw)
    if title.rstrip().endswith(")"):  # the pattern opens with blanks: tried at every character
        title = _TRAILING_PARENTHETICAL.sub("", title)
    title = " ".join(title.split()).strip(" ,;:.")
    return _LEADING_ABOUT.sub("", title)


def _short_forms(
    references: list[Reference], mentions: list[Mention], document: DocumentInfo
) -> None:
    """Mark back-references and point each at the nearest earlier full citation of the same
    document. A stated title or elapsed-years arithmetic that contradicts the earlier citation
    vetoes the match: "Nghị quyết số 25-NQ/TW về công tác tôn giáo" after the 2013 NQ 25 on
    mass mobilisation is the 2003 resolution, not a short form."""
    document_year = int(document.date[:4]) if document.date else None
    # Earlier full citations by (kind, number): the search stays linear in long texts.
    earlier_by_key: dict[tuple[str, str], list[int]] = {}
    last_of_kind: dict[str, int] = {}
    index_of = {id(mention): index for index, mention in enumerate(mentions)}
    for index, reference in enumerate(references):
        mention = mentions[index]
        if mention.anaphor:
            # "Nghị quyết nói trên": the nearest earlier document of its kind, unless the text
            # named the document the short name stands for.
            reference.short_form = True
            reference.antecedent = (
                index_of[id(mention.refers_to)]
                if mention.refers_to is not None
                else last_of_kind.get(reference.kind)
            )
            continue
        last_of_kind[reference.kind] = index
        key = (reference.kind, reference.number or "")
        if reference.number is None or reference.date or mention.congress or mention.plenum:
            earlier_by_key.setdefault(key, []).append(index)
            continue
        for earlier in reversed(earlier_by_key.get(key, [])):
            candidate = references[earlier]
            if candidate.short_form:
                continue
            if candidate.symbol and reference.symbol and candidate.symbol != reference.symbol:
                continue
            gives_more = bool(candidate.date or (candidate.issuer and not reference.issuer)) or (
                candidate.symbol is not None and reference.symbol is None
            )
            if not gives_more:
                continue
            if _titles_differ(reference.title, candidate.title):
                continue
            if (
                reference.elapsed_years is not None
                and document_year is not None
                and candidate.year is not None
                and abs(document_year - reference.elapsed_years - candidate.year) > 1
            ):
                continue
            reference.short_form = True
            reference.antecedent = earlier
            if reference.year is None:
                reference.year = candidate.year
            break
        earlier_by_key.setdefault(key, []).append(index)


def _titles_differ(first: str | None, second: str | None) -> bool:
    if not first or not second:
        return False
    a = set(_WORDS.findall(first.lower()))
    b = set(_WORDS.findall(second.lower()))
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) < 0.75
