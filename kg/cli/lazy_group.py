"""Commands built when first asked for: `kg cites` imports and builds its own command, not 30.

Typer turns every command registered on an app into a click command (reading each function's
signature, building each parameter) before it runs the one asked for, and every command module
had to be imported first to register its commands, with what it imports (rich's progress bars,
the bench harness's command group...). The root group's ``commands`` is a `LazyCommands` instead:
its keys, every command's name, are known up front, so `kg --help`, shell completion and the
"did you mean" of a mistyped command read the names without building anything; a value is built
on first read: the modules that register the command on the app are imported, then typer builds
that command alone, with the calls it makes for each command of a group
(`typer.main.get_command_from_info`, `typer.main.get_group_from_info` for a sub-app).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from typing import Any

import typer
import typer.main
from typer.models import CommandInfo

# A click command (or group) as typer builds it; typer's click is its own, and not exported.
Command = Any


class LazyCommands(MutableMapping[str, Command]):
    """A group's commands by name, in the order `modules` lists them (then any command built
    before the group was: a test that imported a command module itself); each is built when
    first read, from the modules `modules` names for it."""

    def __init__(
        self,
        app: typer.Typer,
        modules: Mapping[str, Sequence[str]],
        built: Mapping[str, Command],
    ) -> None:
        self._app = app
        self._modules = modules
        self._built = dict(built)
        self._names = [*modules, *(name for name in built if name not in modules)]

    def __getitem__(self, name: str) -> Command:
        command = self._built.get(name)
        if command is None:
            if name not in self._modules:
                raise KeyError(name)
            command = self._built[name] = _build(self._app, name, self._modules[name])
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command
        if name not in self._names:
            self._names.append(name)

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names  # without building the command

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)


def registered_name(info: CommandInfo) -> str | None:
    """The name typer gives a registered command: its own, else its function's."""
    if info.name:
        return info.name
    return typer.main.get_command_name(info.callback.__name__) if info.callback else None


def _build(app: typer.Typer, name: str, modules: Sequence[str]) -> Command:
    """The command `name` of `app`, once `modules` have registered it, built as typer builds
    the commands and sub-apps of a group."""
    for module in modules:
        importlib.import_module(module)
    for info in app.registered_commands:
        if registered_name(info) == name:
            return typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
    for group in app.registered_groups:
        if group.name == name:
            return typer.main.get_group_from_info(
                group,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
                suggest_commands=app.suggest_commands,
            )
    raise LookupError(f"{', '.join(modules)} registered no command {name!r}")
