"""Bulk loads into Virtuoso through its own bulk loader, over its SQL port (opt-in).

Virtuoso's Graph Store endpoint takes one graph per request and no quads, so without this a
`--bulk` run's shards reach it graph by graph over HTTP (:mod:`kg.store.remote`). Its bulk
loader reads the N-Quads files from disk instead: `ld_dir(folder, mask, graph)` lists them in
`DB.DBA.LOAD_LIST`, `rdf_loader_run()` loads every listed file (each quad into the graph it
names) outside the transaction log, and `checkpoint` makes that durable. The server does the
reading, so it must see the files (same host or a shared mount, the folder listed in its
`DirsAllowed`), and the procedures take an account with the dba role: the loader is used only
when the environment says where the SQL port is.

Settings (environment, read once per store with its endpoints):

    KG_VIRTUOSO_SQL         host:port of the SQL port (Debian's default: 127.0.0.1:1111); unset,
                            bulk loads go through the Graph Store endpoint
    KG_VIRTUOSO_USER        an account with the dba role (default dba)
    KG_VIRTUOSO_PASSWORD    its password, never printed
    KG_VIRTUOSO_LOAD_DIR    a folder both kg and the server see, in DirsAllowed: each load's files
                            are linked (or copied) there and deleted after; unset, the server
                            reads them where kg writes them (beside the store's side files)
    KG_VIRTUOSO_SERVER_DIR  that folder's path as the server sees it, when it differs (a mount)
    KG_VIRTUOSO_ISQL        the SQL client (default isql-vt, Debian's name; upstream's is isql)
    KG_VIRTUOSO_TIMEOUT     seconds one call of the client may take (default 3600)

The client runs without a shell, its statements on stdin. It takes the password only as an
argument (asked on a prompt, it first tries a default one, which counts towards Virtuoso's
lock-out of an address after four failed logins). It prints "*** Error" for a failed statement
and goes on with the next, still exiting 0: every output is read for errors.

Each load's files get names of their own (`kg-<token>-<n>.nq`): `ld_dir` skips a file that
LOAD_LIST already names, and the mask matches this load's files alone. A file that fails leaves
its error in `ll_error`; the load then stops with a StoreError naming it, so the fingerprints,
loaded last by :mod:`kg.bulk`, are not loaded and the next run does those files again. The
run's LOAD_LIST rows are deleted whatever happened. `rdf_loader_run()` also loads whatever else
was waiting in LOAD_LIST.
"""

from __future__ import annotations

import os
import posixpath
import secrets
import shutil
import subprocess
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import StoreError
from kg.identity import graph_prefix

SQL = "KG_VIRTUOSO_SQL"
USER = "KG_VIRTUOSO_USER"
PASSWORD = "KG_VIRTUOSO_PASSWORD"
LOAD_DIR = "KG_VIRTUOSO_LOAD_DIR"
SERVER_DIR = "KG_VIRTUOSO_SERVER_DIR"
ISQL = "KG_VIRTUOSO_ISQL"
TIMEOUT = "KG_VIRTUOSO_TIMEOUT"

# How isql prints only results and errors (no banner, prompt, echo or column headers).
_QUIET = ("VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF")
# What starts each line of output kg asks for, to tell it from anything else isql prints.
_MARK = "kg-load"
_ERROR = "*** Error"
# Virtuoso's own state of a file in LOAD_LIST once its load is over, with or without an error.
_DONE = 2


@dataclass(frozen=True)
class _Staged:
    """One file of a load: kg's own path, and the same file's path as the server reads it."""

    source: Path
    local: Path
    remote: str


@dataclass(frozen=True)
class VirtuosoLoader:
    """Where Virtuoso's SQL port is, who logs in, and where the server reads the files."""

    address: str
    user: str = "dba"
    password: str = field(default="", repr=False)
    load_dir: Path | None = None
    server_dir: str | None = None
    isql: str = "isql-vt"
    timeout: float = 3600.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> VirtuosoLoader | None:
        """The loader the environment configures, or None when KG_VIRTUOSO_SQL is unset."""
        address = environ.get(SQL, "").strip()
        if not address:
            return None
        load_dir = environ.get(LOAD_DIR, "").strip()
        return cls(
            address=address,
            user=environ.get(USER, "").strip() or "dba",
            password=environ.get(PASSWORD, ""),
            load_dir=Path(load_dir) if load_dir else None,
            server_dir=environ.get(SERVER_DIR, "").strip() or None,
            isql=environ.get(ISQL, "").strip() or "isql-vt",
            timeout=_seconds(environ.get(TIMEOUT, "").strip()),
        )

    def load(self, files: Sequence[Path]) -> None:
        """Load N-Quads files, in one loader run, and make them durable; StoreError if any fails.

        The caller's files are left in place (kg's bulk driver deletes them).
        """
        client = self._client()
        # The loader skips an empty file and leaves it listed as waiting: it has nothing anyway.
        files = [path for path in files if path.stat().st_size > 0]
        if not files:
            return
        token = secrets.token_hex(8)
        staged = self._stage(files, token)
        try:
            self._register(client, staged, token)
            self._run(client, staged, token)
        finally:
            for item in staged:
                item.local.unlink(missing_ok=True)

    # -- the steps -----------------------------------------------------------------------------

    def _client(self) -> str:
        if not self.password:
            raise StoreError(
                f"{SQL} is set but {PASSWORD} is not: set it to the password of "
                f"{USER} ({self.user}), or unset {SQL} to bulk-load through the Graph Store "
                "endpoint"
            )
        if self.server_dir is not None and self.load_dir is None:
            raise StoreError(
                f"{SERVER_DIR} names the server's path of {LOAD_DIR}, which is not set"
            )
        client = shutil.which(self.isql)
        if client is None:
            raise StoreError(
                f"{SQL} is set but Virtuoso's SQL client {self.isql!r} is not installed: "
                f"apt-get install virtuoso-opensource, or set {ISQL} to its path, or unset {SQL} "
                "to bulk-load through the Graph Store endpoint"
            )
        return client

    def _stage(self, files: Sequence[Path], token: str) -> list[_Staged]:
        """Give each file this load's name, in the load folder or else beside the first file:
        one folder, so that its one `ld_dir` lists all of the load or none of it."""
        folder = (self.load_dir if self.load_dir is not None else files[0].parent).absolute()
        remote = self._server_folder(folder)
        staged: list[_Staged] = []
        try:
            for number, source in enumerate(files):
                local = folder / f"kg-{token}-{number:05d}.nq"
                staged.append(_Staged(source, local, f"{remote}/{local.name}"))
                _link_or_copy(source, local)
        except OSError as err:
            for item in staged:
                item.local.unlink(missing_ok=True)
            where = f"{LOAD_DIR} ({self.load_dir})" if self.load_dir is not None else "its folder"
            raise StoreError(f"cannot place a shard in {where}: {err.strerror or err}") from err
        return staged

    def _server_folder(self, folder: Path) -> str:
        """`folder` as the server names it."""
        if self.load_dir is not None and self.server_dir is not None:
            return self.server_dir.rstrip("/") or "/"
        return str(folder)

    def _register(self, client: str, staged: list[_Staged], token: str) -> None:
        """List the load's files in LOAD_LIST (`ld_dir`), and check that every one is there."""
        folder = posixpath.dirname(staged[0].remote)
        ours = _literal(f"%/kg-{token}-%")
        fallback = _literal(graph_prefix())  # for a quad without a graph (kg writes none)
        script = (
            f"ld_dir({_literal(folder)}, {_literal(f'kg-{token}-%.nq')}, {fallback});\n"
            f"select sprintf('{_MARK} %d', count(*)) from DB.DBA.LOAD_LIST "
            f"where ll_file like {ours};\n"
        )
        output = self._call(client, script, folder)
        counts = [int(fields[1]) for fields in _marked(output) if len(fields) == 2]
        found = counts[0] if counts else 0
        if found != len(staged):
            if found:
                self._call(client, f"delete from DB.DBA.LOAD_LIST where ll_file like {ours};\n")
            raise StoreError(
                f"Virtuoso at {self.address} found {found} of the {len(staged)} shard files in "
                f"{folder}: does it see that folder under this path? (set {SERVER_DIR} to the "
                f"path the server sees {LOAD_DIR} under)"
            )

    def _run(self, client: str, staged: list[_Staged], token: str) -> None:
        """Run the loader, read each file's outcome, clear the rows and checkpoint."""
        ours = _literal(f"%/kg-{token}-%")
        script = (
            "rdf_loader_run();\n"
            f"select sprintf('{_MARK} %d %U %U', ll_state, ll_file, coalesce(ll_error, '')) "
            f"from DB.DBA.LOAD_LIST where ll_file like {ours};\n"
            f"delete from DB.DBA.LOAD_LIST where ll_file like {ours};\n"
            "checkpoint;\n"
        )
        output = self._call(client, script)
        outcomes = {
            urllib.parse.unquote(fields[2]): (
                int(fields[1]),
                urllib.parse.unquote(fields[3]) if len(fields) > 3 else "",
            )
            for fields in _marked(output)
            if len(fields) >= 3
        }
        by_remote = {item.remote: item for item in staged}
        for remote, (_state, error) in outcomes.items():
            if error and remote in by_remote:
                text = self._redact(_one_line(error))
                reason = _hinted(text, self._hint(text, posixpath.dirname(remote)))
                raise StoreError(
                    f"Virtuoso at {self.address} could not load {by_remote[remote].source} "
                    f"(read as {remote}): {reason}"
                )
        for item in staged:
            state, _error = outcomes.get(item.remote, (-1, ""))
            if state != _DONE:
                raise StoreError(
                    f"Virtuoso's loader did not load {item.source} (read as {item.remote}); "
                    "another loader may be running on the server"
                )

    # -- the client ----------------------------------------------------------------------------

    def _call(self, client: str, script: str, folder: str | None = None) -> str:
        """Run `script` through isql; its output, or a one-line StoreError (about `folder`)."""
        command = [client, self.address, self.user, self.password, *_QUIET]
        try:
            done = subprocess.run(
                command,
                input=script,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="surrogateescape",
                timeout=self.timeout,
            )
        except subprocess.TimeoutExpired:
            # `from None`: the expired command holds the password.
            raise StoreError(
                f"Virtuoso's SQL client did not finish within {self.timeout:g} s (the load may "
                f"go on in the server; {TIMEOUT} allows longer)"
            ) from None
        except OSError as err:
            raise StoreError(f"cannot run {client}: {err.strerror or err}") from None
        error = _first_error(done.stdout + "\n" + done.stderr)
        if error is None and done.returncode != 0:
            error = f"{Path(client).name} exited with {done.returncode}"
        if error is not None:
            raise StoreError(self._explain(self._redact(error), folder))
        return done.stdout

    def _explain(self, error: str, folder: str | None) -> str:
        """Virtuoso's error, with what to set when a setting is the likely cause."""
        return f"Virtuoso at {self.address}: {_hinted(error, self._hint(error, folder))}"

    def _hint(self, error: str, folder: str | None) -> str | None:
        if "CL034" in error or error.startswith("28000"):
            return f"check {USER} and {PASSWORD}"
        if "CL033" in error or "Connect failed" in error:
            return f"is {SQL} ({self.address}) its SQL port (ServerPort in [Parameters])?"
        if "FA020" in error:  # the server cannot list the folder: another path, or none
            return f"is it the folder's path on the server? ({SERVER_DIR} names it)"
        if "SR186" in error:
            return f"{USER} ({self.user}) needs the dba role to run the bulk loader"
        if "FA003" in error or "access control in ini file" in error:
            if folder is None:
                where = "the load folder"
            elif self.load_dir is None:
                # Each bulk run writes its shards in a folder of its own beside the side files.
                where = f"{Path(folder).parent} (each run's shards are in a new folder there)"
            else:
                where = folder
            return (
                f"add {where} to DirsAllowed in virtuoso.ini, or set {LOAD_DIR} to a folder "
                "listed there"
            )
        return None

    def _redact(self, message: str) -> str:
        """What the client or the server said, without the password should one echo it."""
        return message.replace(self.password, "***") if self.password else message


def _seconds(text: str) -> float:
    if not text:
        return 3600.0
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise StoreError(f"{TIMEOUT} must be a number of seconds above 0, not {text!r}")
    return seconds


def _hinted(error: str, hint: str | None) -> str:
    return f"{error.rstrip(': ')}: {hint}" if hint else error


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link costs nothing; another file system (a mount) takes a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _literal(text: str) -> str:
    """A Virtuoso SQL string literal (which reads backslash escapes)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _marked(output: str) -> list[list[str]]:
    """The fields of the lines kg asked for."""
    return [line.split() for line in output.splitlines() if line.startswith(_MARK + " ")]


def _first_error(output: str) -> str | None:
    """The first error isql printed, without its driver prefixes, or None."""
    for line in output.splitlines():
        if line.startswith(_ERROR):
            text = line[len(_ERROR) :].strip()
            for prefix in ("[Virtuoso Driver]", "[Virtuoso Server]"):
                text = text.replace(prefix, "")
            return _one_line(text)
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())
