"""The typer application and the options every command shares (defined once, reused).

The application lists every command (`COMMANDS`) but imports the module of, and builds, only the
one a command line runs (`CommandLine`): `kg cites` pays for neither the other commands' modules
nor typer building their parameters.

Placeholders in the help read as words: every option and argument names its value (DOC, FILE,
N, DATE), and `WordsGroup` drops the type tags typer adds beside them (``<str>``, ``<bool>`` on
flags, ``{DOC}`` in the usage line), through typer's documented ``cls`` extension point.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

from kg.api import version_line
from kg.cli.lazy_group import LazyCommands
from kg.errors import ArgumentError


class _WordArgument(TyperArgument):
    """An argument shown by the word that names it (DOC), without a type tag."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        return name if self.required else f"[{name}]"


def _words(params: list[Any]) -> list[Any]:
    for param in params:
        if isinstance(param, TyperArgument) and not isinstance(param, _WordArgument):
            param.__class__ = _WordArgument
        elif isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""  # a flag takes no value: nothing to show
    return params


class WordsGroup(TyperGroup):
    """A command group whose help, and its commands' help, show values by their names."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _words(super().get_params(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not isinstance(command, TyperGroup):
            _words(command.params)
            help_option = command.get_help_option(ctx)
            if help_option is not None:
                _words([help_option])
        return command


class CommandLine(WordsGroup):
    """The `kg` group: it lists every command of `COMMANDS`, and imports and builds each when
    first asked for (see :mod:`kg.cli.lazy_group`)."""

    def __init__(self, *, commands: Any = None, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(app, COMMANDS, commands or {})

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names alone: nothing is built


# Every command of `kg`, in the order `kg --help` lists them, with the modules that register it
# on `app` when imported (for a command group, the modules of its subcommands, in their order).
COMMANDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("trace", "cites", "show", "search", "stats", "check", "coverage"),
        ("kg.cli.answer_commands",),
    ),
    "changes": ("kg.cli.change_commands",),
    **dict.fromkeys(("extract", "eval"), ("kg.cli.extract_commands",)),
    "tasks": ("kg.cli.task_commands",),
    **dict.fromkeys(("due", "followup"), ("kg.cli.followup_commands",)),
    **dict.fromkeys(("ingest", "remove", "export", "query", "demo"), ("kg.cli.graph_commands",)),
    "map": ("kg.cli.map_commands",),
    "serve": ("kg.cli.serve_command",),
    "bench": ("kg.cli.bench_extract", "kg.cli.bench_run", "kg.cli.bench_startup"),
    "watch": ("kg.cli.change_commands",),
}

app = typer.Typer(
    cls=CommandLine,
    name="kg",
    help="VanKien KG: extract references from Party and state documents, build the graph, "
    "query it and draw it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="KG_STORE",
        metavar="DIR|URL",
        help="Store directory, or the URL of a SPARQL 1.1 endpoint. "
        "Default: $KG_STORE, else the user data directory.",
        show_default=False,
    ),
]

DocumentArgument = Annotated[
    str,
    typer.Argument(
        metavar="DOC",
        help='A document: a symbol in any spelling ("25-NQ/TW", "217-qd/tw"), symbol@year '
        '("25-NQ/TW@2013"), a short name ("QĐ 217"), an IRI, or an ingested file (its path, '
        "or its name alone).",
        show_default=False,
    ),
]


def output_option(help: str) -> Any:
    """``--output/-o FILE``, as every command that writes a file names it."""
    return typer.Option("--output", "-o", metavar="FILE", help=help)


def as_of_option(help: str) -> Any:
    """``--as-of DATE`` (YYYY-MM-DD), as every command that answers for a day names it."""
    return typer.Option("--as-of", formats=["%Y-%m-%d"], metavar="DATE", help=f"YYYY-MM-DD: {help}")


def sparql_text(argument: str) -> str:
    """A SPARQL argument as text: the query itself, or the content of the .rq file it names."""
    if not argument.endswith(".rq"):
        return argument
    try:
        return Path(argument).read_text(encoding="utf-8")
    except OSError as err:
        raise ArgumentError(f"{argument}: cannot read the query ({err.strerror})") from None


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def kg_main(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """VanKien KG: extract references from Party and state documents, build the graph, query
    it and draw it."""
