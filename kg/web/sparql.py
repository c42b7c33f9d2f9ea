"""``/sparql``: a SPARQL 1.1 Protocol endpoint over the store, and a query editor for people.

- Query by GET (``?query=``), by POST of a form (``query=``) or by POST of an
  ``application/sparql-query`` body; ``default-graph-uri``/``named-graph-uri`` name the dataset,
  otherwise the default graph is the union of all named graphs (as for ``kg query``).
- Results by content negotiation: SPARQL JSON (default), XML, CSV, TSV; Turtle, N-Triples or
  RDF/XML for CONSTRUCT and DESCRIBE; an HTML table for a browser.
- Updates (``update=`` form field or an ``application/sparql-update`` body) are refused with 403
  unless the server was started with ``--allow-update``.
- Every query runs under a deadline and a row cap (:mod:`kg.store.runner`): 503 when it runs past
  the deadline, 400 when its result is larger than the cap, 400 for invalid SPARQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from kg.api import (
    QueryRequest,
    QueryResult,
    QueryTimeout,
    SelectResult,
    Term,
    is_document_iri,
    named_queries,
)
from kg.errors import KgError, QueryError
from kg.web.results import HTML, negotiate, offered_for, plain_value, serialize
from kg.web.state import WebState, link, state_of

FORM = "application/x-www-form-urlencoded"
DEFAULT_QUERY = """PREFIX vk: <https://w3id.org/vankien/ontology#>
# Who cites whom, and how: the first 50 citations
SELECT ?citing ?relation ?cited WHERE {
  ?citation vk:citingDocument ?citing ; vk:relation ?relation ; vk:citedDocument ?cited .
}
LIMIT 50
"""
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
MAX_BODY = 1024 * 1024  # no sensible query is larger; a bigger body is refused unread

# An update operation's first keyword, after the prologue (BASE/PREFIX declarations).
_PROLOGUE = re.compile(r"^(\s*(#[^\n]*\n|BASE\s*<[^>]*>|PREFIX\s+[^:\s]*:\s*<[^>]*>))*\s*", re.I)
_UPDATE_VERB = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


@dataclass(frozen=True)
class Operation:
    """What a protocol request asks for: a query or an update, and the dataset it names."""

    text: str
    is_update: bool
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def looks_like_update(text: str) -> bool:
    """True when `text` is SPARQL Update (so a read-only endpoint answers 403, not 400)."""
    prologue = _PROLOGUE.match(text)
    return bool(_UPDATE_VERB.match(text, prologue.end() if prologue else 0))


async def read_operation(request: Request) -> Operation | None:
    """The operation in a protocol request; None for a bare GET (the editor page)."""
    url_params = request.query_params
    if request.method == "GET":
        if "update" in url_params:
            raise QueryError("SPARQL Update must be sent with POST")
        text = url_params.get("query")
        return None if text is None else _operation(text, False, url_params)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise QueryError(_too_long())
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == FORM:
        form = await request.form()
        merged = QueryParams([*url_params.multi_items(), *form.multi_items()])
        if "update" in form:
            return _operation(str(form["update"]), True, merged)
        if "query" in form:
            return _operation(str(form["query"]), False, merged)
        raise QueryError("the form has neither a 'query' nor an 'update' field")
    if media in (QUERY_BODY, UPDATE_BODY):
        body = (await _read_body(request)).decode("utf-8", errors="replace")
        return _operation(body, media == UPDATE_BODY, url_params)
    raise QueryError(f"POST a form, {QUERY_BODY} or {UPDATE_BODY}, not {media or 'no type'!r}")


async def _read_body(request: Request) -> bytes:
    """The raw body, refused as soon as it passes MAX_BODY (a chunked upload has no length)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise QueryError(_too_long())
        chunks.append(chunk)
    return b"".join(chunks)


def _too_long() -> str:
    return f"the request body is over {MAX_BODY // 1024} KiB; send a shorter query"


def _operation(text: str, is_update: bool, params: QueryParams) -> Operation:
    return Operation(
        text=text,
        is_update=is_update or looks_like_update(text),
        default_graphs=tuple(params.getlist("default-graph-uri")),
        named_graphs=tuple(params.getlist("named-graph-uri")),
    )


async def endpoint(request: Request) -> Response:
    state = state_of(request)
    try:
        operation = await read_operation(request)
    except QueryError as err:
        return PlainTextResponse(str(err), status_code=400)
    if operation is None:
        return _editor(state, request, "", None, None)
    if operation.is_update:
        return await _update(state, operation)
    wants_html = negotiate(request.headers.get("accept"), (HTML,)) == HTML
    query = QueryRequest(operation.text, operation.default_graphs, operation.named_graphs)
    try:
        result = await state.run_blocking(lambda: state.runner.run(query))
    except KgError as err:
        status = 503 if isinstance(err, QueryTimeout) else 400
        if wants_html and _from_browser(request):
            message = readable_error(str(err), operation.text)
            return _editor(state, request, operation.text, None, message, status)
        return PlainTextResponse(str(err), status_code=status)
    fmt = negotiate(request.headers.get("accept"), offered_for(result))
    if fmt is None:
        return PlainTextResponse("none of the accepted media types can carry this result", 406)
    if fmt == HTML:
        return _editor(state, request, operation.text, result, None)
    media = fmt.media_type + ("; charset=utf-8" if not fmt.media_type.endswith("xml") else "")
    return Response(serialize(result, fmt), media_type=media)


def _from_browser(request: Request) -> bool:
    # A browser's Accept lists text/html first; a protocol client that merely accepts */* does not.
    accept = request.headers.get("accept", "")
    return accept.lstrip().lower().startswith("text/html")


async def _update(state: WebState, operation: Operation) -> Response:
    if not state.settings.allow_update:
        return PlainTextResponse(
            "this endpoint is read-only (start kg serve with --allow-update to accept updates)",
            status_code=403,
        )

    try:
        await state.call(lambda kg: kg.update(operation.text))
    except KgError as err:
        return PlainTextResponse(str(err), status_code=400)
    state.runner.invalidate()
    return Response(status_code=204)


def _editor(
    state: WebState,
    request: Request,
    text: str,
    result: QueryResult | None,
    error: str | None,
    status: int = 200,
) -> Response:
    example = request.query_params.get("example")
    examples = {name: q for name, q in named_queries().items() if not q.params}
    if not text and example in examples:
        text = examples[example].text
    return state.render(
        "sparql.html.j2",
        status,
        text=text or DEFAULT_QUERY,
        result=result,
        table=_table(result) if isinstance(result, SelectResult) else None,
        error=error,
        examples=examples,
        limits=state.runner.limits,
    )


def _table(result: SelectResult) -> list[list[tuple[str, str | None]]]:
    """Each cell's text, and where it links: a document's page for a document of the graph,
    the IRI itself for any other IRI, nowhere for a literal."""
    return [
        [_cell(row[n]) if n in row else ("", None) for n in result.variables] for row in result.rows
    ]


def _cell(term: Term) -> tuple[str, str | None]:
    text = plain_value(term)
    if not isinstance(term, ox.NamedNode):
        return text, None
    if is_document_iri(text):
        return text, link("/doc", id=text)
    return text, text if text.startswith(("http://", "https://")) else None


_POSITION = re.compile(r"error at (\d+):(\d+):\s*")


def readable_error(message: str, query: str) -> str:
    """A parser's error as one line a person can act on: where (line, column, and the text
    there) and what was expected."""
    flat = " ".join(message.split())
    found = _POSITION.search(flat)
    if found is None:
        return flat
    line, column = int(found.group(1)), int(found.group(2))
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    near = text[max(0, column - 16) : column + 16].strip()
    where = f"line {line}, column {column}" + (f" (near “{near}”)" if near else "")
    return f"{flat[: found.start()]}{where}: {flat[found.end() :]}"
