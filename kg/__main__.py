"""The `kg` command: the console script and `python -m kg` both start here.

Every call is a new process, so what it imports and builds is paid on every call. `kg
--version` alone needs none of the command line (typer, rich, the library), so it is answered
here before any of it is imported; every other command line, `--version` among other arguments
included, goes to :func:`kg.cli.main`, whose own ``--version`` option prints the same line.

When the command is done, the objects its process made are frozen out of the garbage
collector (`gc.freeze`) before the interpreter exits: the collector's passes over them at exit
cost `kg cites` about 0.03 s of CPU, a tenth of its run, to free memory that the process's end
frees anyway. Finalizers still run (``atexit``, and objects freed as the modules are cleared);
only cycles left over from the run are not collected. `kg.cli.main` itself leaves the collector
alone, since tests and notebooks call it inside their own process.
"""

from __future__ import annotations

import gc
import sys

from kg.version import version_line


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        print(version_line())
        return
    from kg.cli import main as run_command_line

    try:
        run_command_line()
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
