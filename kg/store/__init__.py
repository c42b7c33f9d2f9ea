"""Store selection: `--store PATH|URL`, else $KG_STORE, else the user data directory."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError
from kg.lazy import lazy_module
from kg.store.base import GraphStore, QueryResult, SelectResult, Term
from kg.store.embedded import OxigraphStore
from kg.store.remote import SparqlEndpointStore, is_endpoint

if TYPE_CHECKING:
    import platformdirs
else:
    # Read only when no --store names the store (or for an endpoint's side files).
    platformdirs = lazy_module("platformdirs")

__all__ = [
    "GraphStore",
    "OxigraphStore",
    "QueryResult",
    "SelectResult",
    "SparqlEndpointStore",
    "Term",
    "default_store_path",
    "existing_database",
    "open_store",
    "store_directory",
]


# Where `make demo` (`kg demo`) builds its store, from the repository root: a command run there
# without --store is told to use it.
DEMO_STORE = Path("build") / "demo" / "store"


def data_dir() -> Path:
    """The user data directory (platformdirs), or $KG_DATA_DIR when set."""
    return Path(os.environ.get("KG_DATA_DIR") or platformdirs.user_data_dir("vankien-kg"))


def default_store_path() -> Path:
    """Where the store lives when neither --store nor KG_STORE says otherwise."""
    return data_dir() / "store"


def open_store(spec: str | Path | None = None, *, read_only: bool = False) -> GraphStore:
    """Open the store named by `spec`: a SPARQL endpoint URL, a directory, or the default."""
    if spec is not None and is_endpoint(str(spec)):
        return SparqlEndpointStore(str(spec))
    if read_only:
        return OxigraphStore(existing_database(spec), read_only=True)
    return OxigraphStore(store_directory(spec) / "oxigraph")


def existing_database(spec: str | Path | None) -> Path:
    """The database directory of a local store that has been created, else a one-line error.

    Readers must not create a store: a mistyped path would show an empty graph instead of
    saying that nothing was ever ingested there.
    """
    database = store_directory(spec) / "oxigraph"
    if not database.is_dir():
        hint = "run `kg ingest` first"
        if spec is None and (DEMO_STORE / "oxigraph").is_dir():
            hint = (
                f"`make demo` built {DEMO_STORE}: pass --store {DEMO_STORE}, or "
                f"export KG_STORE={DEMO_STORE}"
            )
        raise StoreError(f"no store at {store_directory(spec)}: {hint}")
    return database


def store_directory(spec: str | Path | None) -> Path:
    """The local directory of a store: the database itself for a path, side files for a URL.

    A store directory holds ``oxigraph/`` (the database) and ``search.sqlite`` (the full-text side
    index). For a remote endpoint the side index lives in the user data directory instead.
    """
    if spec is not None and is_endpoint(str(spec)):
        digest = hashlib.sha256(str(spec).encode("utf-8")).hexdigest()[:16]
        return data_dir() / "endpoints" / digest
    return Path(spec) if spec is not None else default_store_path()
