"""The line `kg --version` prints: the installed distribution's version, from its metadata.

Both ways of asking print it: the `kg` script answers `kg --version` alone before importing the
command line (:mod:`kg.__main__`), and the command line's own ``--version`` option answers it
anywhere else. The metadata reader is imported when the version is asked for: with the email
parser it loads it costs about 15 ms, which `kg --help` and `import kg.cli` need not pay (a
command with arguments pays it anyway: pydantic, which typer uses to check them, imports it).
"""

from __future__ import annotations

DISTRIBUTION = "vankien-kg"


def installed_version() -> str:
    """The version installed; "unknown" when run from a source tree that was never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


def version_line() -> str:
    return f"kg ({DISTRIBUTION}) {installed_version()}"
