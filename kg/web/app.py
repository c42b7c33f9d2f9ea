"""The Starlette application behind ``kg serve``: routes, lifespan, errors, security headers,
and :func:`serve` which runs it."""

from __future__ import annotations

import asyncio
import errno
import socket
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import replace

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from kg.api import KG, require_store
from kg.errors import ArgumentError, DocumentNotFound, InputError, KgError
from kg.views.style import RELATIONS
from kg.web import change_pages, followup_pages, pages, pictures, sparql
from kg.web.state import ServeSettings, WebState, state_of

__all__ = ["LOOPBACK", "ServeSettings", "create_app", "listen", "serve"]

LOOPBACK = ("127.0.0.1", "::1", "localhost")

# Pages load only our own stylesheet; the map page sets its own (`kg.web.pages.MAP_POLICY`).
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def create_app(settings: ServeSettings) -> Starlette:
    """The web app over the store `settings.store` (opened read-only unless updates are allowed)."""

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
        Route("/map.png", pictures.map_png),
        Route("/map.svg", pictures.map_svg),
        Route("/coverage", pictures.coverage_page),
        Route("/followup", followup_pages.document_followup),
        Route("/followup/body", followup_pages.body_followup),
        Route("/coverage.png", pictures.coverage_png),
        Route("/coverage.svg", pictures.coverage_svg),
        Route("/stats", pages.statistics),
        Route("/changes", change_pages.changes),
        Route("/changes.csv", change_pages.changes_csv),
        Route("/theme.css", theme),
        Route("/favicon.ico", favicon),
        Route("/source", pages.source),
        Route("/sparql", sparql.endpoint, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(packages=[("kg.web", "static")]), name="static"),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(Safeguards, loopback_only=settings.loopback_only)],
        exception_handlers={KgError: _user_error},
    )


async def favicon(request: Request) -> Response:
    """Browsers ask for /favicon.ico whatever the page says: the same icon the pages link."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


async def theme(request: Request) -> Response:
    """Relation colours as CSS classes, from the table the maps use (inline styles are barred
    by the page policy, and one table keeps pages and maps in the same colours)."""
    rules = "".join(
        f".rel-{slug} {{ border-color: {style.colour}; }}\n" for slug, style in RELATIONS.items()
    )
    return Response(rules, media_type="text/css; charset=utf-8")


class Safeguards(BaseHTTPMiddleware):
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
    if isinstance(err, DocumentNotFound | InputError):
        return 404
    if isinstance(err, ArgumentError):
        return 400
    return 500


async def _user_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, KgError)
    return state_of(request).render("error.html.j2", error_status(exc), message=str(exc))


def listen(settings: ServeSettings, host: str, port: int) -> socket.socket:
    """Check the store and take the port, before anything is printed: a missing store or a
    port in use is one line (`KgError`), not a server's traceback."""
    require_store(settings.store)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        reason = "is in use (another kg serve?)" if err.errno == errno.EADDRINUSE else err.strerror
        raise KgError(f"cannot listen on {host}:{port}: the port {reason}; try --port") from None
    return sock


def serve(settings: ServeSettings, sock: socket.socket, *, loopback_only: bool = True) -> None:
    """Run the app on a socket from `listen` until interrupted (what `kg serve` does)."""
    import uvicorn

    app = create_app(replace(settings, loopback_only=loopback_only))
    server = uvicorn.Server(uvicorn.Config(app, log_level="info"))
    server.run(sockets=[sock])
