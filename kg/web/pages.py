"""The staff pages: search, document, trace (tree, table, CSV), map, statistics, source text.

Handlers only parse the request, ask the facade (on its thread) and fill a template; what a page
shows is what the ``kg`` commands print for the same question.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kg.api import KG, DocumentSummary, SearchResult, Trace
from kg.errors import DocumentNotFound, QueryError
from kg.queries.citations import CHAIN_RELATIONS, OVERVIEW_LINKS, RELATION_PROPERTIES, TraceEdge
from kg.queries.coverage import coverage_of
from kg.views.html import inline_html
from kg.web.evidence import citation_spans, parse_iri
from kg.web.sources import source_text
from kg.web.state import WebState, link, state_of

LEVELS = ("central", "province", "district", "state")
MAP_VIEWS = ("neighbourhood", "trace", "citers")
# Links the trace page's table lists; the CSV holds them all (a central directive's trace has
# two hundred thousand, more than a browser lays out).
TABLE_ROWS = 1_000
# The map page runs vis-network inline inside a sandboxed srcdoc frame, which inherits this
# policy: inline script and style are allowed there, any network request still is not.
MAP_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


async def home(request: Request) -> Response:
    return state_of(request).render("home.html.j2")


async def search(request: Request) -> Response:
    state = state_of(request)
    text = request.query_params.get("q", "").strip()
    if not text:
        return state.render("home.html.j2")

    def answer(kg: KG) -> tuple[list[DocumentSummary], list[SearchResult]]:
        named = [kg.catalog.summary(iri) for iri in kg.catalog.candidates(text)]
        listed = {doc.iri for doc in named}
        # A document the text names is listed once, above the ones that mention it.
        return named, [hit for hit in kg.search(text, limit=50) if hit.document.iri not in listed]

    named, hits = await state.call(answer)
    return state.render("search.html.j2", q=text, named=named, hits=hits)


async def _choose(state: WebState, request: Request, argument: str) -> DocumentSummary | Response:
    """The one document `argument` names, or a page: not found, or a choice among several."""
    if not argument:
        raise QueryError("give a document: a symbol such as 25-NQ/TW@2013, a short name or an IRI")
    if re.match(r"^https?://", argument):
        parse_iri(argument)

    def candidates(kg: KG) -> list[DocumentSummary]:
        return [kg.catalog.summary(iri) for iri in kg.catalog.candidates(argument)]

    found = await state.call(candidates)
    if not found:
        raise DocumentNotFound(f"no document matches {argument!r}")
    if len(found) > 1:
        found.sort(key=lambda s: s.date or "")
        return state.render(
            "choose.html.j2",
            300,
            argument=argument,
            candidates=found,
            path=request.url.path,
            params={
                key: request.query_params.getlist(key)
                for key in request.query_params
                if key != "id"
            },
        )
    return found[0]


async def document(request: Request) -> Response:
    state = state_of(request)
    chosen = await _choose(state, request, request.query_params.get("id", "").strip())
    if isinstance(chosen, Response):
        return chosen
    card, spans = await state.call(
        lambda kg: (kg.show(chosen.iri), citation_spans(kg.store, chosen.iri))
    )
    # The card's summary lists every file stating each date and title (the chosen one may not).
    graph_labels = await state.call(
        lambda kg: {
            s.graph: kg.catalog.graph_label(s.graph)
            for stated in (card.document.dates, card.document.titles)
            for s in stated
        }
    )
    return state.render(
        "document.html.j2", card=card, doc=card.document, spans=spans, graph_labels=graph_labels
    )


@dataclass
class TreeItem:
    """One step of the trace tree; `repeat` marks a document already shown higher up."""

    edge: TraceEdge
    node: DocumentSummary
    repeat: bool
    children: list[TreeItem] = field(default_factory=list)


def trace_tree(found: Trace) -> list[TreeItem]:
    """The trace as a tree: each document expanded once, where the walk first reached it."""
    expanded: set[str] = {found.root.iri}

    def grow(iri: str) -> list[TreeItem]:
        items = []
        for edge in found.children(iri):
            repeat = edge.child in expanded
            expanded.add(edge.child)
            items.append(TreeItem(edge, found.nodes[edge.child], repeat))
        for item in items:
            if not item.repeat:
                item.children = grow(item.edge.child)
        return items

    return grow(found.root.iri)


@dataclass(frozen=True)
class TraceQuery:
    """The trace page's filters, read from the query string (shared by the page and its CSV)."""

    argument: str
    relations: tuple[str, ...]
    depth: int | None
    up: bool
    levels: tuple[str, ...]
    tree: bool = False  # the whole tree even past OVERVIEW_LINKS

    @classmethod
    def parse(cls, request: Request) -> TraceQuery:
        params = request.query_params
        relations = tuple(r for r in params.getlist("relation") if r in RELATION_PROPERTIES)
        depth_text = params.get("depth", "").strip()
        if depth_text and not depth_text.isdigit():
            raise QueryError(f"depth must be a whole number, not {depth_text!r}")
        return cls(
            argument=params.get("id", "").strip(),
            relations=relations or CHAIN_RELATIONS,
            depth=int(depth_text) if depth_text and int(depth_text) > 0 else None,
            up=params.get("up") in ("1", "on", "true"),
            levels=tuple(lv for lv in params.getlist("level") if lv in LEVELS),
            tree=params.get("tree") in ("1", "on", "true"),
        )

    def rows(self, found: Trace) -> list[TraceEdge]:
        """The table rows: every edge, or those whose other end is at a chosen level."""
        if not self.levels:
            return found.edges
        return [e for e in found.edges if found.nodes[e.child].level in self.levels]

    def csv_link(self, iri: str) -> str:
        return self._link("/trace.csv", iri)

    def tree_link(self, iri: str) -> str:
        """This page with the whole tree, whatever its size."""
        return self._link("/trace", iri, tree="1")

    def _link(self, path: str, iri: str, **extra: str) -> str:
        return link(
            path,
            id=iri,
            relation=list(self.relations),
            depth=self.depth,
            up="1" if self.up else None,
            level=list(self.levels),
            **extra,
        )


async def _trace(request: Request) -> tuple[WebState, TraceQuery, Trace] | Response:
    state = state_of(request)
    wanted = TraceQuery.parse(request)
    chosen = await _choose(state, request, wanted.argument)
    if isinstance(chosen, Response):
        return chosen
    found = await state.call(
        lambda kg: kg.trace(
            chosen.iri, depth=wanted.depth, relations=wanted.relations, up=wanted.up
        )
    )
    return state, wanted, found


async def trace(request: Request) -> Response:
    answer = await _trace(request)
    if isinstance(answer, Response):
        return answer
    state, wanted, found = answer
    # A long chain is shown as the CLI shows it: by depth, and going down by province, fastest
    # first; the tree of a central directive would be tens of thousands of nested items.
    overview = len(found.edges) > OVERVIEW_LINKS and not wanted.tree
    spread = None
    if overview and not found.upward:
        spread = await state.call(lambda kg: coverage_of(found, kg.registry))
    rows = wanted.rows(found)
    return state.render(
        "trace.html.j2",
        found=found,
        wanted=wanted,
        tree=None if overview else trace_tree(found),
        depths=found.levels() if overview else [],
        spread=spread,
        rows=rows[:TABLE_ROWS],
        total_rows=len(rows),
        all_relations=list(RELATION_PROPERTIES),
        levels=LEVELS,
    )


TRACE_COLUMNS = (
    "depth",
    "relation",
    "acting_symbol",
    "acting_date",
    "acting_issuer",
    "acted_on_symbol",
    "acted_on_date",
    "lag_days",
    "evidence",
    "source",
    "acting_iri",
    "acted_on_iri",
)


async def trace_csv(request: Request) -> Response:
    answer = await _trace(request)
    if isinstance(answer, Response):
        return answer
    _, wanted, found = answer
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TRACE_COLUMNS)
    for edge in wanted.rows(found):
        acting, acted_on = found.nodes[edge.acting], found.nodes[edge.acted_on]
        writer.writerow(
            [
                edge.depth,
                edge.relation,
                acting.label,
                acting.date or "",
                acting.issuer or "",
                acted_on.label,
                acted_on.date or "",
                "" if edge.lag_days is None else edge.lag_days,
                edge.evidence or "",
                edge.source or "",
                acting.iri,
                acted_on.iri,
            ]
        )
    name = (found.root.symbol or "trace").replace("/", "-")
    # A byte-order mark so spreadsheet programs open the Vietnamese text as UTF-8.
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="trace-{_ascii(name)}.csv"'},
    )


def _ascii(name: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_@") else "_" for ch in name)


async def network_map(request: Request) -> Response:
    state = state_of(request)
    chosen = await _choose(state, request, request.query_params.get("id", "").strip())
    if isinstance(chosen, Response):
        return chosen
    view = request.query_params.get("view", "neighbourhood")
    if view not in MAP_VIEWS:
        raise QueryError(f"unknown map view {view!r}; use one of {', '.join(MAP_VIEWS)}")

    def draw(kg: KG) -> str:
        if view == "trace":
            graph = kg.network(trace_of=chosen.iri, depth=0)
        elif view == "citers":
            graph = kg.network(cites_of=chosen.iri)
        else:
            graph = kg.network(focus=chosen.iri, depth=2)
        return inline_html(graph, height=640, title=chosen.label)

    frame = await state.call(draw)
    response: HTMLResponse = state.render(
        "map.html.j2", doc=chosen, view=view, views=MAP_VIEWS, frame=frame
    )
    response.headers["Content-Security-Policy"] = MAP_POLICY
    return response


async def statistics(request: Request) -> Response:
    state = state_of(request)
    found = await state.call(lambda kg: kg.stats())
    return state.render("stats.html.j2", stats=found)


async def source(request: Request) -> Response:
    state = state_of(request)
    params = request.query_params
    graph = params.get("graph", "")
    try:
        start, end = int(params.get("start", "")), int(params.get("end", ""))
    except ValueError:
        raise QueryError("start and end must be character offsets (whole numbers)") from None
    shown = await state.call(lambda kg: source_text(kg.store, graph, start, end))
    return state.render("source.html.j2", source=shown)
