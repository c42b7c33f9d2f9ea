"""The default store: an on-disk Oxigraph database in a directory (one writer at a time).

Also reachable as an rdflib Dataset (through oxrdflib) for people who work in rdflib.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.lazy import lazy_module
from kg.store.base import (
    QueryResult,
    Term,
    bind_values,
    query_result,
    replace_graph_update,
)

if TYPE_CHECKING:
    import ctypes
else:
    ctypes = lazy_module("ctypes")  # for `release_freed_memory` alone, which ingest calls


class OxigraphStore:
    """An Oxigraph store on disk; `path=None` gives an in-memory store (tests, benchmarks)."""

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        self.location = str(path) if path is not None else ":memory:"
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                _create_whole(Path(path))
                self._store = ox.Store(str(path))
        except OSError as err:
            raise StoreError(_explain_open_error(self.location, err)) from err

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        try:
            result = self._store.query(
                bind_values(sparql, bindings or {}), use_default_graph_as_union=True
            )
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL: {err}") from err
        except OSError as err:
            raise StoreError(f"{self.location}: {err}") from err
        return query_result(result)

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL update: {err}") from err
        except OSError as err:
            raise StoreError(f"{self.location}: cannot write: {err}") from err

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        if self._store.contains_named_graph(ox.NamedNode(graph)):
            self.update(replace_graph_update(graph, quads))
            return
        # A new graph: one transactional insert of the quads themselves, without writing and
        # re-parsing an update text (the common case of a first ingest, several times faster).
        try:
            self._store.extend(quads)
        except OSError as err:
            raise StoreError(f"{self.location}: cannot write: {err}") from err

    def remove_graph(self, graph: str) -> bool:
        node = ox.NamedNode(graph)
        if not self._store.contains_named_graph(node):
            return False
        self.update(f"DROP GRAPH {node}")
        return True

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quad_count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def dump(self, fmt: ox.RdfFormat, graph: str | None = None) -> bytes:
        if graph is not None:
            out = self._store.dump(format=fmt, from_graph=ox.NamedNode(graph))
        else:
            out = self._store.dump(format=fmt)
        assert out is not None
        return out

    def bulk_load(self, files: Sequence[Path], fmt: ox.RdfFormat) -> None:
        # One loader run over all the files: each run writes its own sorted tables, so many
        # small runs would leave the database fragmented. Lenient: the shards are kg's own
        # output, whose every IRI was checked as it became a NamedNode (kg.graph.terms), so the
        # loader need not check them again (6 % faster on 4 M quads).
        try:
            self._store.bulk_load(
                io.BufferedReader(_Concatenated(files), buffer_size=1 << 20),
                format=fmt,
                lenient=True,
            )
        except (OSError, SyntaxError) as err:
            raise StoreError(f"{self.location}: bulk load failed: {err}") from err
        finally:
            release_freed_memory()

    def compact(self) -> None:
        try:
            self._store.optimize()
        except OSError as err:
            raise StoreError(f"{self.location}: cannot compact: {err}") from err

    def rdflib_dataset(self) -> Any:
        """The same data as an rdflib Dataset (oxrdflib), for code written against rdflib."""
        from oxrdflib import OxigraphStore as RdflibOxigraphStore
        from rdflib import Dataset

        return Dataset(store=RdflibOxigraphStore(store=self._store))

    def close(self) -> None:
        if self.location != ":memory:" and not self.read_only:
            self._store.flush()
        del self._store


def _create_whole(path: Path) -> None:
    """Create a new database in a scratch folder beside `path` and rename it into place.

    A process killed while RocksDB creates its files leaves a database that opens for writing
    but not read-only ("Column family not found"); created aside, a killed creation leaves only
    a small scratch folder, and `path` is either absent or whole. When two processes create the
    same store at once, the first rename wins and the other's scratch folder is dropped.
    """
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f"{path.name}.creating-", dir=path.parent))
    ox.Store(str(scratch)).flush()  # the temporary Store is closed as the statement ends
    try:
        scratch.rename(path)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        if not path.exists():
            raise


def _explain_open_error(location: str, err: OSError) -> str:
    text = str(err)
    if "lock" in text.lower():
        return f"store {location} is in use by another kg process (close it, or use a copy)"
    if "permission" in text.lower() or "read-only" in text.lower():
        return f"store {location} is not writable ({text})"
    return f"cannot open store {location}: {text}"


def release_freed_memory() -> None:
    """Give the memory a loader run freed back to the operating system, where glibc allows it.

    The loader's threads allocate in glibc's per-thread arenas, which keep what they free: without
    this, a bulk ingest's main process grew by 12 to 25 MB per 1,000 documents loaded (1.9 GB
    after 100,000), although a loader run needs about 600 MB whatever came before it. Measured
    on 3 M-quad runs: 400 to 740 MB resident between runs before, 65 to 150 MB after.
    Other C libraries have no `malloc_trim` and return memory their own way.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


class _Concatenated(io.RawIOBase):
    """Several files read as one stream, so one bulk load takes them all."""

    def __init__(self, files: Sequence[Path]) -> None:
        self._pending = list(reversed(files))
        self._current: io.FileIO | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            current = self._current
            if current is None:
                if not self._pending:
                    return 0
                current = self._current = io.FileIO(self._pending.pop(), "r")
            count = current.readinto(buffer)
            if count:
                return count
            current.close()
            self._current = None

    def close(self) -> None:
        if self._current is not None:
            self._current.close()
            self._current = None
        super().close()
