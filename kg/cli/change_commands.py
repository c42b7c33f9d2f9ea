"""What changed: `kg changes` and the watch list (`kg watch add|remove|list|report`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

import kg.api as api
from kg.api import KG
from kg.cli.app import DocumentArgument, StoreOption, WordsGroup, app
from kg.cli.output import FormatOption, OutputFormat, console, print_json, print_records

SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="YYYY-MM-DD (from that day's start) or an ISO date and time (2025-03-01T08:30), "
        "in local time unless it names its zone (2025-03-01T08:30+07:00).",
        show_default=False,
    ),
]
SinceLastOption = Annotated[
    bool,
    typer.Option(
        "--since-last",
        help="Since the last `kg changes --since-last` or `kg watch report --since-last` on "
        "this store.",
    ),
]

watch_app = typer.Typer(
    cls=WordsGroup,
    help="The watch list: documents whose new citers and changed facts `kg watch report` shows.",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")


def _local(at: str) -> str:
    """A time of the log (UTC) as a table shows it: local time, to the second."""
    return dt.datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _period(report: api.ChangeReport | api.WatchReport) -> str:
    start = f"since {_local(report.since)}" if report.since else "since the log began"
    return f"{start}, until {_local(report.until)}"


@app.command("changes")
def changes_command(
    since: SinceOption = None,
    since_last: SinceLastOption = False,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Files ingested, re-ingested or removed since a date, and the facts they changed.

    Each file with the facts of its document (symbol, date, kind, issuer, province, title) and
    the relation edges it added or removed; without --since or --since-last, everything the
    change log holds. A file changed twice counts once, by its net change; re-ingesting an
    unchanged file is no change. A --since-last run is remembered for the next one.
    """
    api.check_period(since, since_last)
    with KG.open(store, read_only=True) as kg:
        report = kg.changes(since, since_last=since_last)
    if fmt is not OutputFormat.table:
        print_records(report.rows(), api.CHANGE_COLUMNS, fmt, payload=report.to_json())
        return
    if not report.files:
        console.print(f"no file changed {_period(report)}", highlight=False)
        return
    files = [
        {
            "at": _local(f.at),
            "file": f.file,
            "action": f.action,
            "documents": "; ".join(f.documents.values()),
            "changes": f.counts(),
        }
        for f in report.files
    ]
    print_records(
        files,
        ["at", "file", "action", "documents", "changes"],
        fmt,
        title=f"{_count(len(report.files), 'file')} changed {_period(report)}",
    )
    # Every fact of a file ingested or removed is new or gone: the counts say enough here.
    facts = [
        row | {"file": Path(row["file"]).name}
        for row in report.rows()
        if row.get("change") and row["action"] == "reingested"
    ]
    if facts:
        print_records(
            facts,
            ["file", "change", "document", "fact", "value"],
            fmt,
            title="Facts and edges of the files re-ingested",
        )
    if len(facts) < sum(len(f.facts) + len(f.edges) for f in report.files):
        console.print(
            "[dim]--format json or csv lists every fact and edge of the files ingested or "
            "removed too.[/dim]"
        )


@watch_app.command("add")
def watch_add(document: DocumentArgument, store: StoreOption = None) -> None:
    """Watch a document.

    `kg watch report` then lists the documents that newly cite, implement, review or replace
    it, and its facts that changed.
    """
    with KG.open(store, read_only=True) as kg:
        watched = kg.watch_add(document)
    console.print(
        f"watching {watched.label} <{watched.iri}> (since {_local(watched.added_at)})",
        highlight=False,
    )


@watch_app.command("remove")
def watch_remove(document: DocumentArgument, store: StoreOption = None) -> None:
    """Stop watching a document (named as it was added, by IRI, or any way that names it)."""
    with KG.open(store, read_only=True) as kg:
        watched = kg.watch_remove(document)
    console.print(f"no longer watching {watched.label} <{watched.iri}>", highlight=False)


@watch_app.command("list")
def watch_list(fmt: FormatOption = OutputFormat.table, store: StoreOption = None) -> None:
    """The watched documents, in the order they were added."""
    with KG.open(store, read_only=True) as kg:
        watched = kg.watch_list()
    records = [w.to_json() for w in watched]
    if fmt is OutputFormat.table:
        records = [r | {"added_at": _local(r["added_at"])} for r in records]
    print_records(
        records,
        ["label", "argument", "added_at", "iri"],
        fmt,
        title=f"{len(watched)} watched documents",
    )


@watch_app.command("report")
def watch_report(
    since: SinceOption = None,
    since_last: SinceLastOption = False,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """What changed around each watched document since a date.

    The documents that newly cite, implement, review, replace… it, its own facts that changed,
    and the relation edges it states that changed; without --since or --since-last, in the
    whole change log. A --since-last run is remembered for the next one.
    """
    api.check_period(since, since_last)
    with KG.open(store, read_only=True) as kg:
        report = kg.watch_report(since, since_last=since_last)
    if fmt is OutputFormat.json:
        print_json(report.to_json())
        return
    if fmt is OutputFormat.csv:
        print_records(report.rows(), api.WATCH_COLUMNS, fmt)
        return
    changed = sum(1 for w in report.watched if w.changed)
    console.print(
        f"{changed} of {_count(len(report.watched), 'watched document')} changed {_period(report)}",
        highlight=False,
    )
    for watched in report.watched:
        document = watched.document
        if not watched.changed:
            console.print(f"[bold]{document.label}[/bold]: nothing changed", highlight=False)
            continue
        console.print(f"[bold]{document.label}[/bold] <{document.iri}>", highlight=False)
        if watched.citers:
            print_records(
                [
                    {"document": c.source_label, "relation": c.relation, "file": c.file}
                    | {"at": _local(c.at)}
                    for c in watched.citers
                ],
                ["document", "relation", "file", "at"],
                fmt,
                title=f"{_count(len(watched.citers), 'new citation')}",
            )
        own = [f.row() for f in watched.facts] + [e.row() for e in watched.edges]
        if own:
            print_records(
                own, ["change", "fact", "value", "file"], fmt, title="Its facts and edges"
            )
