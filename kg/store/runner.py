"""Running endpoint queries with a deadline and a result-size cap.

A query sent to ``/sparql`` may be a runaway (a cross product of every triple with itself, a
COUNT over it) and pyoxigraph offers no way to cancel a running query. So for the embedded store
each query runs in a worker *process* that holds its own read-only handle on the database; when
the deadline passes the process is killed and a fresh one takes its place, so a runaway costs
its own CPU for `timeout` seconds and nothing more. Workers read rows lazily and stop at the
size cap, so a huge SELECT never materialises in memory.

A remote SPARQL server runs its own queries: there the request waits in a thread and is abandoned
at the deadline (503), and the server is left to stop the work by its own timeout.

Workers open the database read-only, which sees it as it was when opened; after the app writes
(SPARQL Update with ``--allow-update``) :meth:`QueryRunner.invalidate` retires them so the next
query sees the change.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from kg.errors import QueryError
from kg.store import QueryResult, SelectResult, existing_database
from kg.store.remote import SparqlEndpointStore, is_endpoint


class QueryTimeout(QueryError):
    """The query ran past the endpoint's deadline and was stopped."""


class ResultTooLarge(QueryError):
    """The query returns more rows (or triples) than the endpoint hands out."""


@dataclass(frozen=True)
class QueryRequest:
    """One protocol query: the text and the dataset it names (empty: the union of all graphs)."""

    sparql: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0
    max_rows: int = 10_000


class QueryRunner(Protocol):
    limits: Limits

    def run(self, request: QueryRequest) -> QueryResult: ...

    def invalidate(self) -> None: ...

    def close(self) -> None: ...


def open_runner(store: str | None, *, limits: Limits, workers: int = 2) -> QueryRunner:
    """The runner that fits the store (`--store` path or URL, None for the default): worker
    processes on a store on disk, threads for a remote server."""
    if store is not None and is_endpoint(store):
        return EndpointRunner(store, limits)
    return ProcessRunner(existing_database(store), limits, workers=workers)


# -- embedded store: worker processes ----------------------------------------------------------

Reply = tuple[str, Any]
WORKER_START_SECONDS = 60


def _serve(database: str, max_rows: int, conn: Connection) -> None:
    """Worker process main loop: answer requests on `conn` until the parent closes it."""
    store = ox.Store.read_only(database)
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        conn.send(_answer(store, request, max_rows))


def _answer(store: ox.Store, request: QueryRequest, max_rows: int) -> Reply:
    options: dict[str, Any] = {}
    if request.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if request.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    try:
        result = store.query(request.sparql, **options)
        if isinstance(result, ox.QueryBoolean):
            return ("result", bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows: list[dict[str, Any]] = []
            for solution in result:
                if len(rows) == max_rows:
                    return ("too-large", max_rows)
                rows.append({n: v for n in variables if (v := solution[n]) is not None})
            return ("result", SelectResult(variables, rows))
        triples: list[ox.Triple] = []
        for triple in result:
            if len(triples) == max_rows:
                return ("too-large", max_rows)
            triples.append(triple)
        return ("result", triples)
    except SyntaxError as err:
        return ("invalid", str(err))
    # A worker answers every request; evaluation errors (bad IRIs in SERVICE, type errors the
    # engine raises) go back to the client as messages instead of killing the worker.
    except Exception as err:  # noqa: BLE001
        return ("failed", f"{type(err).__name__}: {err}")


@dataclass
class _Worker:
    process: Any
    conn: Connection
    generation: int
    ready: bool = False

    def wait_until_ready(self) -> None:
        """Wait for the worker to have started and opened the database.

        Starting a process and opening the store takes a fraction of a second, much more on a
        busy machine; that is not the query's time, so it is not counted against the deadline.
        """
        if self.ready:
            return
        if not self.conn.poll(WORKER_START_SECONDS):
            raise QueryError(f"the query worker did not start within {WORKER_START_SECONDS} s")
        self.conn.recv()
        self.ready = True

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


@dataclass
class ProcessRunner:
    """A small pool of worker processes, each with its own read-only handle on the database."""

    database: Path
    limits: Limits
    workers: int = 2
    _idle: queue.Queue[_Worker] = field(default_factory=queue.Queue, init=False)
    _generation: int = field(default=0, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        # spawn, not fork: the server process has threads (event loop, RocksDB) that fork copies
        # in whatever state they are in.
        self._context = multiprocessing.get_context("spawn")
        for _ in range(self.workers):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(str(self.database), self.limits.max_rows, child),
            daemon=True,
            name="kg-sparql-worker",
        )
        process.start()
        child.close()
        return _Worker(process, parent, self._generation)

    def run(self, request: QueryRequest) -> QueryResult:
        worker = self._idle.get()
        try:
            if worker.generation != self._generation or not worker.process.is_alive():
                worker.stop()
                worker = self._spawn()
            worker.wait_until_ready()
            worker.conn.send(request)
            if not worker.conn.poll(self.limits.timeout):
                worker.stop()
                worker = self._spawn()
                raise QueryTimeout(f"query stopped after the {self.limits.timeout:g} s time limit")
            kind, payload = worker.conn.recv()
        except (EOFError, OSError) as err:
            worker.stop()
            worker = self._spawn()
            raise QueryError(f"the query worker died: {err or type(err).__name__}") from err
        finally:
            self._idle.put(worker)
        return _unpack(kind, payload)

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1

    def close(self) -> None:
        for _ in range(self.workers):
            self._idle.get().stop()


def _unpack(kind: str, payload: Any) -> QueryResult:
    if kind == "result":
        result: QueryResult = payload
        return result
    if kind == "too-large":
        raise ResultTooLarge(_too_large(payload))
    if kind == "invalid":
        raise QueryError(f"invalid SPARQL: {payload}")
    raise QueryError(f"query failed: {payload}")


# -- remote store: threads with an HTTP deadline -----------------------------------------------


HTTP_GRACE = 5.0


class EndpointRunner:
    """Forwards queries to the store's own server, with the endpoint's deadline and cap."""

    def __init__(self, url: str, limits: Limits) -> None:
        self.limits = limits
        # The HTTP timeout is a backstop a little past the deadline, so the deadline (and its
        # clear 503) is what a client meets; the abandoned request then ends on its own.
        self._store = SparqlEndpointStore(url, timeout=limits.timeout + HTTP_GRACE)
        self._threads = ThreadPoolExecutor(max_workers=4, thread_name_prefix="kg-sparql")

    def run(self, request: QueryRequest) -> QueryResult:
        if request.default_graphs or request.named_graphs:
            raise QueryError(
                "default-graph-uri and named-graph-uri are not supported over a remote store"
            )
        future = self._threads.submit(self._store.query, request.sparql)
        try:
            result = future.result(timeout=self.limits.timeout)
        except FutureTimeout as err:
            raise QueryTimeout(
                f"query stopped after the {self.limits.timeout:g} s time limit"
            ) from err
        size = len(result.rows) if isinstance(result, SelectResult) else _size(result)
        if size > self.limits.max_rows:
            raise ResultTooLarge(
                f"the result has more than {self.limits.max_rows} rows; add a LIMIT"
            )
        return result

    def invalidate(self) -> None:
        """Nothing is cached: the remote server always answers from its current data."""

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


def _too_large(max_rows: int) -> str:
    return f"the result has more than {max_rows} rows; add a LIMIT"


def _size(result: bool | Sequence[ox.Triple]) -> int:
    return 1 if isinstance(result, bool) else len(result)
