"""The staff pages: search, document, trace (tree, table, CSV), map, statistics, source text
(the coverage page and the pictures are in `kg.web.pictures`).

Handlers only parse the request, ask the facade (on its thread) and fill a template; a page
shows what the ``kg`` commands print for the same question, from the same `kg.api` answer.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import networkx as nx
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kg.api import (
    CHAIN_RELATIONS,
    KG,
    TRACE_COLUMNS,
    DocumentSummary,
    Relation,
    Trace,
    TraceEdge,
    TraceOverview,
)
from kg.errors import ArgumentError
from kg.views.html import inline_html
from kg.web.state import WebState, link, state_of

LEVELS = ("central", "province", "district", "commune", "state")
MAP_VIEWS = ("neighbourhood", "trace", "citers")
# Links the trace page's table lists; the CSV holds them all (a central directive's trace has
# two hundred thousand, more than a browser lays out).
TABLE_ROWS = 1_000
# Documents a search page lists at first (as `kg search` does); "more" asks for more.
SEARCH_LIMIT = 20
# The map page runs vis-network inline inside a sandboxed srcdoc frame, which inherits this
# policy: inline script and style are allowed there, any network request still is not.
MAP_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


async def home(request: Request) -> Response:
    return state_of(request).render("home.html.j2")


def _whole_number(request: Request, name: str, default: int) -> int:
    text = request.query_params.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise ArgumentError(f"{name} must be a whole number, not {text!r}")
    return int(text)


async def search(request: Request) -> Response:
    state = state_of(request)
    text = request.query_params.get("q", "").strip()
    if not text:
        return state.render("home.html.j2")
    limit = max(1, _whole_number(request, "limit", SEARCH_LIMIT))
    found = await state.call(lambda kg: kg.search(text, limit=limit))
    more = link("/search", q=text, limit=limit * 5) if len(found) < found.total else None
    return state.render("search.html.j2", q=text, found=found, more=more)


async def _choose(state: WebState, request: Request, argument: str) -> DocumentSummary | Response:
    """The one document `argument` names, or a page: not found (with the nearest symbols), or
    a choice among several."""
    if not argument:
        raise ArgumentError(
            "give a document: a symbol such as 25-NQ/TW@2013, a short name or an IRI"
        )
    choice = await state.call(lambda kg: kg.choose(argument, complete=False))
    if len(choice.documents) == 1:
        return choice.documents[0]
    params = {key: request.query_params.getlist(key) for key in request.query_params if key != "id"}
    if not choice.documents:
        return state.render(
            "choose.html.j2",
            404,
            choice=choice,
            path=request.url.path,
            params=params,
        )
    return state.render("choose.html.j2", 300, choice=choice, path=request.url.path, params=params)


async def document(request: Request) -> Response:
    state = state_of(request)
    chosen = await _choose(state, request, request.query_params.get("id", "").strip())
    if isinstance(chosen, Response):
        return chosen
    card = await state.call(lambda kg: kg.show(chosen.iri))
    return state.render("document.html.j2", card=card, doc=card.document)


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
    tree: bool = False  # the whole tree even past the overview's threshold

    @classmethod
    def parse(cls, request: Request) -> TraceQuery:
        params = request.query_params
        relations = tuple(r for r in params.getlist("relation") if r in tuple(Relation))
        depth = _whole_number(request, "depth", 0)
        return cls(
            argument=params.get("id", "").strip(),
            relations=relations or CHAIN_RELATIONS,
            depth=depth or None,
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


async def _trace(
    request: Request, *, shown: bool = False
) -> tuple[WebState, TraceQuery, Trace, TraceOverview | None] | Response:
    """The chain a request asks for: whole, with every link's evidence (the CSV); or, when
    `shown`, as the page shows it: a long chain as its overview, the evidence of the first
    table rows alone read (see `KG.shown_trace`), unless the whole tree is asked for."""
    state = state_of(request)
    wanted = TraceQuery.parse(request)
    chosen = await _choose(state, request, wanted.argument)
    if isinstance(chosen, Response):
        return chosen
    depth, relations, up = wanted.depth, wanted.relations, wanted.up

    def walk(kg: KG) -> tuple[Trace, TraceOverview | None]:
        if not shown or wanted.tree:
            return kg.trace(chosen.iri, depth=depth, relations=relations, up=up), None
        found, overview = kg.shown_trace(chosen.iri, depth=depth, relations=relations, up=up)
        if overview is not None:
            kg.read_evidence(found, wanted.rows(found)[:TABLE_ROWS])
        return found, overview

    found, overview = await state.call(walk)
    return state, wanted, found, overview


async def trace(request: Request) -> Response:
    # A long chain is shown as the CLI shows it: by depth, and going down by province, fastest
    # first; the tree of a central directive would be tens of thousands of nested items.
    answer = await _trace(request, shown=True)
    if isinstance(answer, Response):
        return answer
    state, wanted, found, overview = answer
    rows = wanted.rows(found)
    return state.render(
        "trace.html.j2",
        found=found,
        wanted=wanted,
        tree=trace_tree(found) if overview is None else None,
        overview=overview,
        rows=rows[:TABLE_ROWS],
        total_rows=len(rows),
        all_relations=list(Relation),
        levels=LEVELS,
    )


async def trace_csv(request: Request) -> Response:
    answer = await _trace(request)
    if isinstance(answer, Response):
        return answer
    _, wanted, found, _ = answer
    kept = {id(edge) for edge in wanted.rows(found)}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TRACE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for edge, row in zip(found.edges, found.links(), strict=True):
        if id(edge) in kept:
            writer.writerow(row)
    name = (found.root.symbol or "trace").replace("/", "-")
    # A byte-order mark so spreadsheet programs open the Vietnamese text as UTF-8.
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="trace-{_ascii(name)}.csv"'},
    )


def _ascii(name: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_@") else "_" for ch in name)


def map_view(request: Request) -> str:
    """The map view the query string asks for (the map page and its pictures take the same)."""
    view = request.query_params.get("view", "neighbourhood")
    if view not in MAP_VIEWS:
        raise ArgumentError(f"unknown map view {view!r}; use one of {', '.join(MAP_VIEWS)}")
    return view


def map_network(kg: KG, iri: str, view: str) -> nx.MultiDiGraph:
    """The network a map view draws around a document: its whole chain, its citers, or its
    neighbourhood two steps out."""
    if view == "trace":
        return kg.network(trace_of=iri, depth=0)
    if view == "citers":
        return kg.network(cites_of=iri)
    return kg.network(focus=iri, depth=2)


async def network_map(request: Request) -> Response:
    state = state_of(request)
    chosen = await _choose(state, request, request.query_params.get("id", "").strip())
    if isinstance(chosen, Response):
        return chosen
    view = map_view(request)

    def draw(kg: KG) -> str:
        return inline_html(map_network(kg, chosen.iri, view), height=640, title=chosen.label)

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
        raise ArgumentError("start and end must be character offsets (whole numbers)") from None
    shown = await state.call(lambda kg: kg.source_text(graph, start, end))
    return state.render("source.html.j2", source=shown)
