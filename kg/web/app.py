"""The Starlette application behind ``kg serve``: wiring, shared state, errors and headers.

One thread owns the :class:`kg.api.KG` facade: its SQLite search index may only be used from the
thread that opened it, and its document cache is not meant for concurrent writers, so every page
handler hands its work to that thread (`WebState.call`). SPARQL endpoint queries do not go
through it: they run in the :mod:`kg.web.runner` workers, under a deadline.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, TypeVar
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from kg.api import KG
from kg.errors import (
    AmbiguousDocument,
    DocumentNotFound,
    InputError,
    KgError,
    QueryError,
    StoreError,
)
from kg.store import store_directory
from kg.store.remote import is_endpoint
from kg.views.style import RELATIONS, kind_style, level_style, relation_style
from kg.web.runner import Limits, QueryRunner, open_runner

T = TypeVar("T")

LOOPBACK = ("127.0.0.1", "::1", "localhost")

# Pages load only our own stylesheet; the map page is the exception (see `kg.web.pages.map`).
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@dataclass(frozen=True)
class ServeSettings:
    """How `kg serve` runs: which store, whether SPARQL Update is allowed, query limits."""

    store: str | None = None
    allow_update: bool = False
    limits: Limits = field(default_factory=Limits)
    query_workers: int = 2
    loopback_only: bool = True  # answer only requests addressed to a loopback name


class WebState:
    """What every request shares: the facade (on its own thread), the query runner, templates."""

    def __init__(self, settings: ServeSettings, kg: KG, kg_thread: ThreadPoolExecutor) -> None:
        self.settings = settings
        self.kg = kg
        self._kg_thread = kg_thread
        spec = settings.store
        remote = spec is not None and is_endpoint(spec)
        location = spec if remote and spec is not None else str(store_directory(spec))
        self.runner: QueryRunner = open_runner(
            location, remote=remote, limits=settings.limits, workers=settings.query_workers
        )

    async def call(self, work: Callable[[KG], T]) -> T:
        """Run `work(kg)` on the facade's thread without blocking the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._kg_thread, work, self.kg)

    async def run_blocking(self, work: Callable[[], T]) -> T:
        """Run blocking work that does not touch the facade (endpoint queries) off the loop."""
        return await asyncio.get_running_loop().run_in_executor(None, work)

    def render(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        page = templates().get_template(name).render(settings=self.settings, **context)
        return HTMLResponse(page, status_code=status_code)


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


@cache
def templates() -> Environment:
    """Our page templates; autoescaped everywhere, since every string from a document is data."""
    env = Environment(
        loader=PackageLoader("kg.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Labels in Vietnamese, the same the maps' legends use.
    env.globals.update(
        link=link,
        kind_label=lambda slug: kind_style(slug).label if slug else "",
        level_label=lambda slug: level_style(slug).label,
        relation_label=lambda slug: relation_style(slug).label,
    )
    return env


def link(path: str, **params: Any) -> str:
    """A URL on this app with query parameters encoded (lists become repeated parameters)."""
    pairs = [
        (key, item)
        for key, value in params.items()
        if value is not None
        for item in (value if isinstance(value, list | tuple) else [value])
    ]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def create_app(settings: ServeSettings) -> Starlette:
    """The web app over the store `settings.store` (opened read-only unless updates are allowed)."""
    from kg.web import pages, sparql

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        kg_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-facade")
        loop = asyncio.get_running_loop()
        kg = await loop.run_in_executor(
            kg_thread, lambda: KG.open(settings.store, read_only=not settings.allow_update)
        )
        state = WebState(settings, kg, kg_thread)
        app.state.web = state
        try:
            yield
        finally:
            state.runner.close()
            await loop.run_in_executor(kg_thread, kg.close)
            kg_thread.shutdown()

    routes = [
        Route("/", pages.home),
        Route("/search", pages.search),
        Route("/doc", pages.document),
        Route("/trace", pages.trace),
        Route("/trace.csv", pages.trace_csv),
        Route("/map", pages.network_map),
        Route("/stats", pages.statistics),
        Route("/theme.css", theme),
        Route("/source", pages.source),
        Route("/sparql", sparql.endpoint, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(packages=[("kg.web", "static")]), name="static"),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(SecurityHeaders, loopback_only=settings.loopback_only)],
        exception_handlers={KgError: _user_error},
    )


async def theme(request: Request) -> Response:
    """Relation colours as CSS classes, from the table the maps use (inline styles are barred
    by the page policy, and one table keeps pages and maps in the same colours)."""
    rules = "".join(
        f".rel-{slug} {{ border-color: {style.colour}; }}\n" for slug, style in RELATIONS.items()
    )
    return Response(rules, media_type="text/css; charset=utf-8")


class SecurityHeaders(BaseHTTPMiddleware):
    """A strict content policy on every page that does not set its own: no script, no remote
    resource, so an injected string could neither run nor call out.

    When the app listens on loopback it also refuses requests addressed to any other host name:
    a web page the user visits could otherwise point its own domain at 127.0.0.1 (DNS
    rebinding) and read the graph through the user's browser.
    """

    def __init__(self, app: ASGIApp, *, loopback_only: bool) -> None:
        super().__init__(app)
        self.loopback_only = loopback_only

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if self.loopback_only and request.url.hostname not in LOOPBACK:
            return PlainTextResponse("this server answers only on a loopback address", 421)
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response


def error_status(err: KgError) -> int:
    if isinstance(err, DocumentNotFound):
        return 404
    if isinstance(err, InputError):
        return 404
    if isinstance(err, QueryError | AmbiguousDocument):
        return 400
    return 500


async def _user_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, KgError)
    return state_of(request).render("error.html.j2", error_status(exc), message=str(exc))


def serve(settings: ServeSettings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app until interrupted (what `kg serve` does)."""
    import uvicorn

    spec = settings.store
    if not (spec is not None and is_endpoint(spec)):
        database = store_directory(spec) / "oxigraph"
        if not database.is_dir():
            raise StoreError(f"no store at {store_directory(spec)}: run `kg ingest` first")
    settings = replace(settings, loopback_only=host in LOOPBACK)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
