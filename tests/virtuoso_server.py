"""Start a real Virtuoso (Debian `virtuoso-opensource`) on loopback for tests of the server path.

The server runs in the foreground from a temporary database directory with a generated
virtuoso.ini: both of its ports (SQL and HTTP) on 127.0.0.1, small buffers, file access only to
that directory. Anonymous SPARQL updates and Graph Store requests (`/sparql-graph-crud`) run as
Virtuoso's `SPARQL` user, which may only read until it is granted SPARQL_UPDATE; the grant is
made over the SQL port with the package's `isql-vt`, as the fresh database's `dba`.
"""

from __future__ import annotations

import configparser
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# What the anonymous endpoints need to write: SPARQL updates and Graph Store Protocol requests.
GRANTS = 'GRANT SPARQL_UPDATE TO "SPARQL";'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def virtuoso_binaries() -> tuple[str, str] | None:
    """The server and its SQL client, as Debian installs them, or None."""
    server, client = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, client) if server and client else None


def sql_address(folder: Path) -> str:
    """The SQL port (host:port) of the server `virtuoso_server(folder)` started."""
    ini = configparser.ConfigParser()
    ini.read(folder / "virtuoso.ini", encoding="utf-8")
    return ini["Parameters"]["ServerPort"]


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> str:
    """A configuration for a small throwaway database in `folder`, reachable on loopback only."""
    return f"""\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 8
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = {folder}
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8
EnabledDavVSP = 0

[URIQA]
DefaultHost = 127.0.0.1:{http_port}

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 120
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """Yield the SPARQL endpoint URL of a fresh server; the process is stopped on exit."""
    binaries = virtuoso_binaries()
    if binaries is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    server, client = binaries
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(virtuoso_ini(folder.resolve(), sql_port, http_port), encoding="utf-8")
    process = subprocess.Popen(
        [server, "-f", "-c", str(ini)],
        cwd=folder,
        # Virtuoso's SQL may also read its temporary folder ($TMPDIR, else /tmp): given its own
        # folder, DirsAllowed is all it reads, and a load from anywhere else is refused.
        env={**os.environ, "TMPDIR": str(folder.resolve())},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        _wait_for(url, process)
        _grant(client, sql_port)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    probe = f"{url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(probe, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("virtuoso-t did not start") from None
            time.sleep(0.2)


def _grant(client: str, sql_port: int) -> None:
    # The fresh database's administrator is dba/dba; the server only listens on loopback.
    # isql-vt exits 0 when a statement fails: its errors are read from stderr.
    done = subprocess.run(
        [client, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={GRANTS}"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if done.returncode != 0 or "*** Error" in done.stderr:
        raise RuntimeError(f"isql-vt could not grant SPARQL updates: {done.stderr.strip()}")
