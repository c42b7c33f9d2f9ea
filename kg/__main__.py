"""The `kg` command: the console script and `python -m kg` both start here.

Every call is a new process, and the command line (typer, rich, the library and every command
module, which :mod:`kg.cli` registers on import) takes about 0.3 s of CPU to import. `kg
--version` alone needs none of it, so it is answered here before any of it is imported; every
other command line, `--version` among other arguments included, goes to :func:`kg.cli.main`,
whose own ``--version`` option prints the same line.
"""

from __future__ import annotations

import sys

from kg.version import version_line


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        print(version_line())
        return
    from kg.cli import main as run_command_line

    run_command_line()


if __name__ == "__main__":
    main()
