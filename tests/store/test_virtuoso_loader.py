"""`kg ingest --bulk` into Virtuoso through its own bulk loader (`ld_dir`, `rdf_loader_run()`).

The server tests run one real Virtuoso for the module (`tests/virtuoso_server.py`: DirsAllowed is
its own folder and nothing else), with the dba password changed so that a message showing it
would be caught. The client tests run a stand-in for `isql-vt` that prints what the real one
prints when a login, a connection or a statement fails.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.api import KG
from kg.errors import StoreError
from kg.identity import graph_prefix, ontology_graph_iri, registry_graph_iri
from kg.namespaces import VK
from kg.store import SelectResult, SparqlEndpointStore
from kg.store.virtuoso_loader import VirtuosoLoader
from tests.test_server_path import _quads
from tests.virtuoso_server import sql_address, virtuoso_binaries, virtuoso_server

# Not a word kg or Virtuoso would print, so that finding it in a message is a leak.
PASSWORD = "kg-Test-7qZ"
SETTINGS = (
    "KG_VIRTUOSO_SQL",
    "KG_VIRTUOSO_USER",
    "KG_VIRTUOSO_PASSWORD",
    "KG_VIRTUOSO_LOAD_DIR",
    "KG_VIRTUOSO_SERVER_DIR",
    "KG_VIRTUOSO_ISQL",
    "KG_VIRTUOSO_TIMEOUT",
)


@dataclass(frozen=True)
class Server:
    url: str
    sql: str
    folder: Path  # the only folder its DirsAllowed lists


@dataclass(frozen=True)
class Expected:
    """What a bulk ingest of the sample corpus writes into the embedded store."""

    quads: set[str]
    graphs: list[str]


@pytest.fixture(autouse=True)
def _no_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the machine running the tests has set, each test sets its own."""
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("virtuoso")
    with virtuoso_server(folder) as url:
        address = sql_address(folder)
        _sql(address, f"USER_SET_PASSWORD('dba', '{PASSWORD}');", password="dba")
        yield Server(url, address, folder)


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Expected:
    folder = tmp_path_factory.mktemp("embedded")
    with KG.open(folder / "store") as embedded:
        assert embedded.ingest([corpus_dir], bulk=True).count("ingested") == 5
        return Expected(_quads(embedded, folder), embedded.store.graphs())


@pytest.fixture()
def server(virtuoso: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Server:
    """The module's server emptied of kg's graphs, its loader configured, kg's side files new.

    The side files live in the server's folder, where it may read the shards kg writes there."""
    monkeypatch.setenv("KG_DATA_DIR", str(virtuoso.folder / f"kg-data-{tmp_path.name}"))
    monkeypatch.setenv("KG_VIRTUOSO_SQL", virtuoso.sql)
    monkeypatch.setenv("KG_VIRTUOSO_USER", "dba")
    monkeypatch.setenv("KG_VIRTUOSO_PASSWORD", PASSWORD)
    store = SparqlEndpointStore(virtuoso.url)
    # One update: listing Virtuoso's graphs takes seconds, and `remove_graph` lists them.
    drops = [f"DROP SILENT GRAPH <{graph}>" for graph in store.graphs()]
    if drops:
        store.update(" ;\n".join(drops))
    return virtuoso


@pytest.mark.server
def test_bulk_through_the_loader_gives_the_graph_of_bulk_into_the_embedded_store(
    server: Server,
    expected: Expected,
    tmp_path: Path,
    corpus_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_dir = server.folder / f"load-{tmp_path.name}"
    load_dir.mkdir()
    monkeypatch.setenv("KG_VIRTUOSO_LOAD_DIR", str(load_dir))
    loads = _record_loads(monkeypatch)
    with KG.open(server.url) as remote:
        report = remote.ingest([corpus_dir], jobs=2, bulk=True)
        assert report.count("ingested") == 5, [o.message for o in report.failed]
        assert remote.store.graphs() == expected.graphs
        assert _quads(remote, tmp_path) == expected.quads
        assert remote.ingest([corpus_dir], bulk=True).count("unchanged") == 5
    # Through the loader: the statements, then in a load of their own the fingerprints.
    assert [{name.endswith(".fingerprints.nq") for name in names} for names in loads] == [
        {False},
        {True},
    ]
    assert list(load_dir.iterdir()) == []  # the load's files are deleted after it
    assert _rows_left(server) == 0


@pytest.mark.server
def test_a_refused_folder_stops_the_run_and_the_next_run_loads_every_file(
    server: Server,
    expected: Expected,
    tmp_path: Path,
    corpus_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused = tmp_path / "elsewhere"  # not in the server's DirsAllowed
    refused.mkdir()
    monkeypatch.setenv("KG_VIRTUOSO_LOAD_DIR", str(refused))
    _record_loads(monkeypatch)
    with KG.open(server.url) as remote, pytest.raises(StoreError) as caught:
        remote.ingest([corpus_dir], bulk=True)
    message = str(caught.value)
    assert "\n" not in message and PASSWORD not in message
    assert "DirsAllowed" in message and str(refused) in message
    assert "KG_VIRTUOSO_LOAD_DIR" in message
    assert list(refused.iterdir()) == []
    assert _rows_left(server) == 0
    with KG.open(server.url) as remote:
        assert _fingerprinted(remote) == set()  # no file is taken as done
        assert set(remote.store.graphs()) <= {registry_graph_iri(), ontology_graph_iri()}
    # Without a load folder the server reads the shards where kg writes them (allowed here).
    monkeypatch.delenv("KG_VIRTUOSO_LOAD_DIR")
    with KG.open(server.url) as remote:
        report = remote.ingest([corpus_dir], bulk=True)
        assert report.count("ingested") == 5, [o.message for o in report.failed]
        assert remote.store.graphs() == expected.graphs
        assert _quads(remote, tmp_path) == expected.quads


@pytest.mark.server
def test_a_file_the_loader_rejects_is_named_with_virtuosos_error(
    virtuoso: Server, tmp_path: Path
) -> None:
    folder = virtuoso.folder / f"direct-{tmp_path.name}"
    folder.mkdir()
    graph = f"<{graph_prefix()}loader-test>"
    good, bad = folder / "good.nq", folder / "bad.nq"
    good.write_text(f'<urn:x:s> <urn:x:p> "Nghị quyết" {graph} .\n', encoding="utf-8")
    bad.write_text(f'<urn:x:s> <urn:x:p> "unterminated {graph} .\n', encoding="utf-8")
    loader = VirtuosoLoader(virtuoso.sql, password=PASSWORD)
    with pytest.raises(StoreError) as caught:
        loader.load([good, bad])
    message = str(caught.value)
    assert "\n" not in message and str(bad) in message and str(good) not in message
    assert "SP029" in message  # Virtuoso's own parse error
    assert sorted(p.name for p in folder.iterdir()) == ["bad.nq", "good.nq"]
    assert _rows_left(virtuoso) == 0  # the failed load's rows are cleared too


# -- the client, without a server ------------------------------------------------------------


@pytest.mark.parametrize(
    ("stdout", "stderr", "code", "told"),
    [
        # A wrong password: the client stops with 3.
        ("", "\n*** Error 28000: [Virtuoso Driver]CL034: Bad login\nat line 0\n", 3, "PASSWORD"),
        # Nothing listens there.
        (
            "",
            "*** Error S2801: [Virtuoso Driver]CL033: Connect failed to 127.0.0.1:1.\n",
            3,
            "KG_VIRTUOSO_SQL",
        ),
        # A folder outside DirsAllowed: the statement fails, the client still exits 0.
        (
            "",
            "*** Error 42000: [Virtuoso Driver][Virtuoso Server]FA003: Access to '/srv/x' is "
            "denied due to access control in ini file\nat line 1 of Top-Level:\nld_dir(...)\n",
            0,
            "DirsAllowed",
        ),
        # An account without the dba role, printed on stdout, exit 0.
        (
            "*** Error 42000: [Virtuoso Driver][Virtuoso Server]SR186:SECURITY: No permission "
            "to execute procedure ld_dir\n",
            "",
            0,
            "dba role",
        ),
        # The server lists another folder under that path: none of the files is registered.
        ("kg-load 0\n", "", 0, "found 0 of the 1"),
        # The client fails without a word.
        ("", "", 1, "exited with 1"),
        # Whatever echoes the password, it is not shown.
        ("", f"*** Error 42000: [Virtuoso Server]XX000: login {PASSWORD} in use\n", 0, "***"),
    ],
)
def test_what_the_client_prints_on_failure_becomes_one_line(
    tmp_path: Path, stdout: str, stderr: str, code: int, told: str
) -> None:
    loader, load_dir = _with_fake_client(tmp_path, stdout, stderr, code)
    with pytest.raises(StoreError) as caught:
        loader.load([_shard(tmp_path)])
    message = str(caught.value)
    assert told in message
    assert "\n" not in message and PASSWORD not in message
    assert list(load_dir.iterdir()) == []


def test_a_client_that_hangs_is_stopped_without_showing_the_password(tmp_path: Path) -> None:
    loader, load_dir = _with_fake_client(tmp_path, "", "", 0, sleep=30, timeout=0.5)
    with pytest.raises(StoreError, match="did not finish within 0.5 s") as caught:
        loader.load([_shard(tmp_path)])
    assert PASSWORD not in str(caught.value) and caught.value.__cause__ is None
    assert list(load_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("settings", "told"),
    [
        ({"KG_VIRTUOSO_SQL": "127.0.0.1:1111"}, "KG_VIRTUOSO_PASSWORD is not"),
        (
            {
                "KG_VIRTUOSO_SQL": "127.0.0.1:1111",
                "KG_VIRTUOSO_PASSWORD": PASSWORD,
                "KG_VIRTUOSO_ISQL": "no-such-isql-vt",
            },
            "apt-get install virtuoso-opensource",
        ),
        (
            {
                "KG_VIRTUOSO_SQL": "127.0.0.1:1111",
                "KG_VIRTUOSO_PASSWORD": PASSWORD,
                "KG_VIRTUOSO_SERVER_DIR": "/srv/load",
            },
            "KG_VIRTUOSO_LOAD_DIR, which is not set",
        ),
    ],
)
def test_an_incomplete_configuration_says_what_to_set(
    tmp_path: Path, settings: dict[str, str], told: str
) -> None:
    loader = VirtuosoLoader.from_env(settings)
    assert loader is not None
    with pytest.raises(StoreError, match=told) as caught:
        loader.load([_shard(tmp_path)])
    assert "\n" not in str(caught.value) and PASSWORD not in str(caught.value)


def test_the_settings_are_read_from_the_environment(tmp_path: Path) -> None:
    assert VirtuosoLoader.from_env({}) is None
    assert VirtuosoLoader.from_env({"KG_VIRTUOSO_PASSWORD": PASSWORD}) is None
    assert VirtuosoLoader.from_env(
        {"KG_VIRTUOSO_SQL": "127.0.0.1:1111", "KG_VIRTUOSO_PASSWORD": PASSWORD}
    ) == VirtuosoLoader("127.0.0.1:1111", "dba", PASSWORD, None, None, "isql-vt", 3600.0)
    loader = VirtuosoLoader.from_env(
        {
            "KG_VIRTUOSO_SQL": "db.internal:1112",
            "KG_VIRTUOSO_USER": "loader",
            "KG_VIRTUOSO_PASSWORD": PASSWORD,
            "KG_VIRTUOSO_LOAD_DIR": str(tmp_path),
            "KG_VIRTUOSO_SERVER_DIR": "/database/load",
            "KG_VIRTUOSO_ISQL": "isql",
            "KG_VIRTUOSO_TIMEOUT": "90",
        }
    )
    assert loader == VirtuosoLoader(
        "db.internal:1112", "loader", PASSWORD, tmp_path, "/database/load", "isql", 90.0
    )
    assert PASSWORD not in repr(loader)
    with pytest.raises(StoreError, match="KG_VIRTUOSO_TIMEOUT"):
        VirtuosoLoader.from_env({"KG_VIRTUOSO_SQL": "h:1", "KG_VIRTUOSO_TIMEOUT": "an hour"})


# -- helpers ---------------------------------------------------------------------------------


def _sql(address: str, statements: str, *, password: str = PASSWORD) -> str:
    """What the server's own client prints for `statements`, run as dba."""
    binaries = virtuoso_binaries()
    assert binaries is not None
    done = subprocess.run(
        [binaries[1], address, "dba", password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF"],
        input=statements,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "*** Error" not in done.stdout + done.stderr, done.stderr
    return done.stdout


def _rows_left(server: Server) -> int:
    """Rows of LOAD_LIST that kg's loads left (each load clears its own)."""
    output = _sql(server.sql, "select count(*) from DB.DBA.LOAD_LIST where ll_file like '%/kg-%';")
    return int(output.split()[0])


def _fingerprinted(kg: KG) -> set[str]:
    result = kg.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s <{VK}sha256> ?h }} }}")
    assert isinstance(result, SelectResult)
    return {term.value for term in result.values("g")}


def _record_loads(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The names of the files of each load through Virtuoso's loader; the Graph Store endpoint
    must not be used for them."""
    loads: list[list[str]] = []
    load = VirtuosoLoader.load

    def recorded(self: VirtuosoLoader, files: list[Path]) -> None:
        loads.append([path.name for path in files])
        load(self, files)

    def refused(self: SparqlEndpointStore, path: Path, fmt: object) -> None:
        raise AssertionError(f"{path.name} went through the Graph Store endpoint")

    monkeypatch.setattr(VirtuosoLoader, "load", recorded)
    monkeypatch.setattr(SparqlEndpointStore, "_load_graph_by_graph", refused)
    return loads


def _shard(folder: Path) -> Path:
    shard = folder / "0.nq"
    shard.write_text('<urn:x:s> <urn:x:p> "o" <urn:x:g> .\n', encoding="utf-8")
    return shard


def _with_fake_client(
    folder: Path, stdout: str, stderr: str, code: int, *, sleep: float = 0, timeout: float = 30
) -> tuple[VirtuosoLoader, Path]:
    """A loader whose client prints `stdout` and `stderr` and exits with `code`."""
    client = folder / "fake-isql"
    client.write_text(
        f"#!{sys.executable}\n"
        "import sys, time\n"
        "sys.stdin.read()\n"
        f"time.sleep({sleep})\n"
        f"sys.stdout.write({stdout!r})\n"
        f"sys.stderr.write({stderr!r})\n"
        f"sys.exit({code})\n",
        encoding="utf-8",
    )
    client.chmod(0o755)
    load_dir = folder / "load"
    load_dir.mkdir()
    loader = VirtuosoLoader(
        "127.0.0.1:1111", password=PASSWORD, load_dir=load_dir, isql=str(client), timeout=timeout
    )
    return loader, load_dir
