"""`kg tasks`: the tasks plans set out, who leads them, and which are overdue on a day."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from kg.api import KG, TASK_COLUMNS, TaskRole, TaskStatus
from kg.cli.app import StoreOption, app, as_of_option
from kg.cli.output import FormatOption, OutputFormat, print_records, snippet

# The table: the plan only when several plans may be listed, the role only for --body.
TABLE_COLUMNS = ("status", "due", "task", "lead", "partners", "time")
# How much of a task's text and time a table row shows (CSV and JSON keep them whole).
TABLE_TEXT = 160


@app.command("tasks")
def tasks_command(
    document: Annotated[
        str | None,
        typer.Argument(
            metavar="DOC|FILE",
            help="A plan in any spelling (as for kg show), or an ingested file by its path or "
            "its name alone. Without it: the tasks of every plan.",
            show_default=False,
        ),
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(
            "--body",
            metavar="BODY",
            help="Only the tasks this body leads (see --role): the registry's name (\"Ban Dân "
            'vận Tỉnh ủy Bình Phước") or the plan\'s ("Ban Dân vận cấp ủy"), diacritics optional.',
        ),
    ] = None,
    role: Annotated[
        TaskRole,
        typer.Option("--role", metavar="lead|partner|any", help="How --body takes part."),
    ] = TaskRole.lead,
    status: Annotated[
        TaskStatus | None,
        typer.Option(
            "--status",
            metavar="overdue|due_soon|open|unknown",
            help="Only the tasks of this status on --as-of.",
        ),
    ] = None,
    as_of: Annotated[
        datetime | None,
        as_of_option("the day the status is for. Default: today."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Every task a plan sets out ("chủ trì" and "phối hợp" lines, inline "X chủ trì", table
    rows), with its lead and partner bodies, its time as written, and its status on a day:
    overdue (its last day is past), due soon (within 30 days), open, or unknown (no day given)."""
    with KG.open(store, read_only=True) as kg:
        result = kg.tasks(
            document,
            body=body,
            as_of=as_of.date().isoformat() if as_of else None,
            role=role.value,
            status=status.value if status else None,
        )
    records = [task.record() for task in result.tasks]
    if fmt is not OutputFormat.table:
        print_records(records, TASK_COLUMNS, fmt, payload=result.to_json())
        return
    columns = list(TABLE_COLUMNS)
    if len(result.plans) != 1:
        columns.append("plan")
    if body is not None:
        columns.insert(3, "role")
    for record in records:
        record["task"] = snippet(record["task"], None, TABLE_TEXT)
        record["time"] = snippet(record["time"], None, TABLE_TEXT)
        record["status"] = record["status"].replace("_", " ")
    print_records(records, columns, fmt, title=result.headline())
