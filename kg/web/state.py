"""What every request of the web app shares: settings, the facade on its own thread, the query
runner, and the page templates.

One thread owns the :class:`kg.api.KG` facade: its SQLite search index may only be used from the
thread that opened it, and its document cache is not meant for concurrent writers, so every page
handler hands its work to that thread (`WebState.call`). SPARQL endpoint queries do not go
through it: they run in the :mod:`kg.store.runner` workers, under a deadline.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kg.api import KG, Evidence, Limits, QueryRunner, open_runner
from kg.views.style import kind_style, level_style, relation_style

T = TypeVar("T")


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
        self.runner: QueryRunner = open_runner(
            settings.store, limits=settings.limits, workers=settings.query_workers
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
        source_link=source_link,
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


def source_link(evidence: Evidence) -> str | None:
    """The page showing a citation's sentence highlighted in its file; None without a span.
    The link names the file's graph, not its path: the server reads only files the graph
    records."""
    if evidence.graph is None or evidence.start is None or evidence.end is None:
        return None
    return link("/source", graph=evidence.graph, start=evidence.start, end=evidence.end) + "#hit"
