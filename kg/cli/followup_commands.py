"""Commands that follow a document up: the reviews it should have had (`kg due`) and what the
bodies it was sent to did with it (`kg followup DOC`); and what one body has to follow up (`kg
followup --body B`, the web app's body page): its tasks, then the reviews due of the documents it
acted on."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer

import kg.api as api
from kg.api import KG, PlanTask
from kg.cli.app import StoreOption, app, as_of_option
from kg.cli.output import FormatOption, OutputFormat, console, print_json, print_records, snippet
from kg.cli.task_commands import TABLE_TEXT
from kg.errors import ArgumentError

# The columns of the tables of one document's reviews (the found review with its date and lag
# in one cell), and of the bodies acting on it.
TABLE_COLUMNS = ("review", "due", "status", "overdue_days", "found", "basis")
BODY_COLUMNS = ("body", "level", "province", "reviewed", "documents", "reviews")
# `kg due` without a document, as a table (nothing was found for a review due or overdue).
DUE_TABLE = ("document", "date", "issuer", "review", "due", "status", "overdue_days", "basis")
# `kg followup` as a table: the body's IRI is in CSV and JSON only.
FOLLOWUP_TABLE = ("recipient", "body", "as", "documents")
# `kg followup --body` as tables: its tasks (as `kg tasks --body` shows them), then the reviews.
BODY_TASK_TABLE = ("status", "due", "task", "role", "lead", "partners", "time", "plan")
# (`acting` says "issued it" first for its own documents.)
BODY_REVIEW_TABLE = (
    "document",
    "review",
    "due",
    "status",
    "overdue_days",
    "acting",
    "reviewed_before",
)
# ... and as one CSV: a row per task and per review, `section` saying which; `document` and
# `date` are the task's plan or the reviewed document, `iri` the task's or the document's.
BODY_COLUMNS_CSV = (
    "section",
    "status",
    "due",
    "overdue_days",
    "role",
    "task",
    "heading",
    "lead",
    "partners",
    "time",
    "review",
    "basis",
    "document",
    "date",
    "issuer",
    "issued",
    "acting",
    "reviewed_before",
    "source",
    "start",
    "end",
    "iri",
)


@app.command()
def due(
    document: Annotated[
        str | None,
        typer.Argument(
            metavar="DOC",
            help="A resolution, directive or conclusion, in any spelling (as for kg show). "
            "Without it: every review due or overdue in the store.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        datetime | None,
        as_of_option("the reviews due by that day, with the documents known then. Default: today."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """The reviews a resolution, directive or conclusion should have had: those its own text and
    the plans acting on it schedule ("sau 5 năm sơ kết", "hằng năm báo cáo", "tổng kết 10 năm"),
    else the conventional 5-year sơ kết and 10-year tổng kết; each with its due date, the review
    found and its lag, and which bodies acting on it reviewed it. Without DOC, every review due
    or overdue, the most overdue first."""
    with KG.open(store, read_only=True) as kg:
        result = kg.due(document, as_of=as_of.date().isoformat() if as_of else None)
    if isinstance(result, api.DueList):
        records = [entry.record() for entry in result.entries]
        columns = DUE_TABLE if fmt is OutputFormat.table else api.DUE_COLUMNS
        print_records(records, columns, fmt, title=result.headline(), payload=result.to_json())
        return
    if fmt is OutputFormat.json:
        print_json(result.to_json())
        return
    reviews = [review.record() for review in result.reviews]
    if fmt is OutputFormat.csv:
        print_records(reviews, api.REVIEW_COLUMNS, fmt)
        return
    console.print(result.headline(), highlight=False)
    console.print(f"[dim]Own text: {result.own_text}.[/dim]", highlight=False)
    for record, review in zip(reviews, result.reviews, strict=True):
        record["found"] = [found.short() for found in review.found]
    print_records(reviews, TABLE_COLUMNS, fmt, title="Reviews (lag: found less due, y / d)")
    bodies = [
        body.to_json() | {"reviewed": "yes" if body.reviewed else "no"} for body in result.bodies
    ]
    print_records(bodies, BODY_COLUMNS, fmt, title="Bodies acting on it")


@app.command()
def followup(
    document: Annotated[
        str | None,
        typer.Argument(
            metavar="DOC",
            help='A document: a symbol in any spelling ("25-NQ/TW", "217-qd/tw"), symbol@year, '
            "a short name, an IRI, or an ingested file. Give DOC or --body, not both.",
            show_default=False,
        ),
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(
            "--body",
            metavar="BODY",
            help="Instead of a document, what a body has to follow up: the registry's name "
            '("Ban Dân vận Tỉnh ủy Bình Phước"), a plan\'s ("Ban Dân vận cấp ủy") or a registry '
            "IRI, diacritics optional.",
        ),
    ] = None,
    as_of: Annotated[
        datetime | None,
        as_of_option(
            "with DOC, only what was issued by that day (default: everything); with --body, "
            "the day the tasks' status and the reviews due are for (default: today)."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """The bodies a document was sent to ("Nơi nhận") and those its tasks assign work to, each
    with the documents it issued acting on the document (relation, date, lag in days) or "none
    found"; then the documents acting on it from bodies it was not sent to. With --body instead:
    the tasks the body leads or takes part in, overdue and due soon first, then the reviews due
    or overdue of the documents it issued or acted on."""
    if (document is None) == (body is None):
        raise ArgumentError("give a document (DOC) or --body BODY, one of them")
    day = as_of.date().isoformat() if as_of else None
    if body is not None:
        _body_followup(body, day, fmt, store)
        return
    assert document is not None
    with KG.open(store, read_only=True) as kg:
        result = kg.followup(document, as_of=day)
    print_records(
        result.records(),
        FOLLOWUP_TABLE if fmt is OutputFormat.table else api.FOLLOWUP_COLUMNS,
        fmt,
        title=result.headline(),
        payload=result.to_json(),
    )


def _body_followup(body: str, as_of: str | None, fmt: OutputFormat, store: str | None) -> None:
    """`kg followup --body`: the tasks in the order `KG.body_followup` gives them (overdue and
    due soon first, by `pressing_first`, as the web page lists them), then the reviews."""
    with KG.open(store, read_only=True) as kg:
        result = kg.body_followup(body, as_of=as_of)
    if fmt is OutputFormat.json:
        print_json(result.to_json())
        return
    tasks = [_task_record(task) for task in result.tasks.tasks]
    reviews = [_review_record(review) for review in result.reviews]
    if fmt is OutputFormat.csv:
        print_records([*tasks, *reviews], BODY_COLUMNS_CSV, fmt)
        return
    console.print(result.headline(), highlight=False)
    console.print(f"[dim]{_matched(result)}[/dim]", highlight=False)
    for record in tasks:
        record["task"] = snippet(record["task"], None, TABLE_TEXT)
        record["time"] = snippet(record["time"], None, TABLE_TEXT)
        record["status"] = record["status"].replace("_", " ")
    for record in reviews:
        record["acting"] = (["issued it"] if record["issued"] == "yes" else []) + record["acting"]
    if tasks:
        title = "Tasks it leads or takes part in, overdue and due soon first"
        print_records(tasks, BODY_TASK_TABLE, fmt, title=title)
    else:
        console.print("No plan gives it a task.")
    if reviews:
        title = "Reviews due or overdue of the documents it issued or acted on"
        print_records(reviews, BODY_REVIEW_TABLE, fmt, title=title)
    else:
        console.print("No review due or overdue of a document it issued or acted on.")


def _matched(result: api.BodyFollowUp) -> str:
    """Which registry bodies the name stands for, and so whose documents the reviews are of."""
    labels = [b.label or b.iri for b in result.bodies]
    if not labels:
        return (
            "Not in the registry (a name plans write): no document is known as its, so no reviews."
        )
    if len(labels) == 1:
        stands = f"the registry's {labels[0]}"
    else:
        stands = f"{len(labels)} registry bodies: {'; '.join(labels)}"
    return f"Stands for {stands}; {result.issued} of its documents in the store."


def _task_record(task: PlanTask) -> dict[str, Any]:
    """A task as a row of the body's CSV: `kg tasks`' row, its plan as the document."""
    record = task.record()
    return record | {"section": "task", "document": record["plan"], "date": record["plan_date"]}


def _review_record(review: api.BodyReview) -> dict[str, Any]:
    """A review due as a row: `kg due`'s row, with the body's documents acting on it."""
    return review.entry.record() | {
        "section": "review",
        "issued": "yes" if review.issued else "no",
        "acting": [d.label for d in review.documents],
        "reviewed_before": [d.label for d in review.reviews],
    }
