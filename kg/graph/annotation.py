"""Where in a source file a statement was read: its Web Annotation target.

Citations, tasks and review schedules all point back to their text the same way: the source
file (``prov:wasDerivedFrom``, and ``oa:hasSource``, which Web Annotation requires of a specific
resource), a ``oa:TextPositionSelector`` with the span's offsets in the text as read, and, when
the words matter to a reader and nothing else holds them, a ``oa:TextQuoteSelector`` with them.

A review schedule gets the quote: its phrase is read back from it. A citation does not: its
words are its ``vk:surface``, and a quote would store the same string a second time (three
quads a citation, 9 % of the store). A task has no quote: its text is its description.
"""

from __future__ import annotations

from kg.graph.terms import Triples, integer, text
from kg.identity import selector_iris
from kg.namespaces import OA, PROV, RDF


def add_text_span(
    out: Triples, node: str, source_node: str, start: int, end: int, exact: str | None = None
) -> None:
    """State that `node` was read from `source_node` at [start, end), quoting `exact` if any.

    Pass `exact` only when no other statement of `node` holds the words (not for a citation,
    whose `vk:surface` does): each quote costs three quads.

    xsd:integer offsets, not the spec's nonNegativeInteger: Oxigraph stores the latter as the
    former, and what goes into a store must come back out unchanged. The quote has no
    oa:prefix/oa:suffix: the offsets are exact for the text whose sha256 the source file records,
    and the two context strings would cost a fifth of the store for a fallback never needed.
    """
    add = out.add
    add(node, PROV + "wasDerivedFrom", source_node)
    add(node, OA + "hasSource", source_node)
    position, quote = selector_iris(node)
    add(node, OA + "hasSelector", position)
    add(position, RDF + "type", OA + "TextPositionSelector")
    add(position, OA + "start", integer(start))
    add(position, OA + "end", integer(end))
    if exact:
        add(node, OA + "hasSelector", quote)
        add(quote, RDF + "type", OA + "TextQuoteSelector")
        add(quote, OA + "exact", text(exact))
