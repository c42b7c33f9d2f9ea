"""Commands that follow a document up: the reviews it should have had (`kg due`) and what the
bodies it was sent to did with it (`kg followup`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from kg.api import DUE_COLUMNS, FOLLOWUP_COLUMNS, KG, REVIEW_COLUMNS, DueList
from kg.cli.app import DocumentArgument, StoreOption, app, as_of_option
from kg.cli.output import FormatOption, OutputFormat, console, print_json, print_records

# The columns of the tables of one document's reviews (the found review with its date and lag
# in one cell), and of the bodies acting on it.
TABLE_COLUMNS = ("review", "due", "status", "overdue_days", "found", "basis")
BODY_COLUMNS = ("body", "level", "province", "reviewed", "documents", "reviews")
# `kg due` without a document, as a table (nothing was found for a review due or overdue).
DUE_TABLE = ("document", "date", "issuer", "review", "due", "status", "overdue_days", "basis")
# `kg followup` as a table: the body's IRI is in CSV and JSON only.
FOLLOWUP_TABLE = ("recipient", "body", "as", "documents")


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
    if isinstance(result, DueList):
        records = [entry.record() for entry in result.entries]
        columns = DUE_TABLE if fmt is OutputFormat.table else DUE_COLUMNS
        print_records(records, columns, fmt, title=result.headline(), payload=result.to_json())
        return
    if fmt is OutputFormat.json:
        print_json(result.to_json())
        return
    reviews = [review.record() for review in result.reviews]
    if fmt is OutputFormat.csv:
        print_records(reviews, REVIEW_COLUMNS, fmt)
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
    document: DocumentArgument, fmt: FormatOption = OutputFormat.table, store: StoreOption = None
) -> None:
    """The bodies a document was sent to ("Nơi nhận") and those its tasks assign work to, each
    with the documents it issued acting on the document (relation, date, lag in days) or "none
    found"; then the documents acting on it from bodies it was not sent to."""
    with KG.open(store, read_only=True) as kg:
        result = kg.followup(document)
    print_records(
        result.records(),
        FOLLOWUP_TABLE if fmt is OutputFormat.table else FOLLOWUP_COLUMNS,
        fmt,
        title=result.headline(),
        payload=result.to_json(),
    )
