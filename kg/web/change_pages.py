"""The "what changed" page: `/changes?since=DATE`, what `kg changes` and `kg watch report` answer
for the same period, and `/changes.csv`, the rows `kg changes --format csv` prints.

The page lists the files ingested, re-ingested or removed since a day (the last 30 days when none
is asked), each with its documents and the identity facts and relation edges it added or
removed, then, for each watched document, the documents that newly cite or act on it and its own
facts and edges that changed.

It only reads. It never asks for `since_last`: that marker is the command line's, and a look at
the page must not make the next `kg changes --since-last` skip what the page showed someone else.
The watch list is kept with `kg watch add|remove`. A store no ingest has logged yet has no change
log: the page is then empty, and reading it creates nothing beside the store.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from starlette.requests import Request
from starlette.responses import Response

from kg.api import CHANGE_COLUMNS, ChangeReport
from kg.errors import ArgumentError
from kg.web.state import state_of

# The period a page without `since` covers.
DEFAULT_DAYS = 30
# Files the page lists, and fact and edge lines it shows in all; past either the page says how
# many more there are and the CSV holds them (a bulk load of a whole corpus is thousands of
# files with tens of edges each, more than a browser should lay out).
FILES_SHOWN = 500
LINES_SHOWN = 5_000
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# What the page calls each action, each fact of a document, and a change of one.
ACTIONS = {"ingested": "Nạp mới", "reingested": "Nạp lại", "removed": "Đã gỡ khỏi kho"}
FACTS = {
    "symbol": "Số hiệu",
    "date": "Ngày ban hành",
    "kind": "Loại",
    "issuer": "Cơ quan ban hành (như văn bản ghi)",
    "issuing_body": "Cơ quan ban hành",
    "province": "Tỉnh, thành",
    "title": "Tiêu đề",
}
CHANGES = {"added": "Thêm", "removed": "Bỏ"}


def since_of(request: Request, today: dt.date | None = None) -> tuple[str, bool]:
    """The start of the period and whether the request named it: `since` as `kg changes
    --since` takes it (YYYY-MM-DD, from that day's start in local time, or an ISO date and
    time), else the day `DEFAULT_DAYS` before today; a one-line `ArgumentError` otherwise."""
    text = request.query_params.get("since", "").strip()
    if not text:
        start = (today or dt.date.today()) - dt.timedelta(days=DEFAULT_DAYS)
        return start.isoformat(), False
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        raise ArgumentError(
            f"since must be a date written YYYY-MM-DD (or an ISO date and time such as "
            f"2025-03-01T08:30), not {text!r}"
        ) from None
    return text, True


def local_time(at: str | None) -> str:
    """A time of the change log (UTC) as the page shows it: the server's local time, to the
    minute, as `kg changes` prints it (to the second)."""
    if not at:
        return ""
    return dt.datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")


def files_detailed(report: ChangeReport) -> int:
    """How many of the listed files have their facts and edges shown: the first ones, until
    `LINES_SHOWN` lines are reached (at least one file, whatever its size)."""
    lines = 0
    for shown, file in enumerate(report.files[:FILES_SHOWN]):
        lines += len(file.facts) + len(file.edges)
        if lines > LINES_SHOWN and shown > 0:
            return shown
    return min(len(report.files), FILES_SHOWN)


async def changes(request: Request) -> Response:
    """`/changes[?since=YYYY-MM-DD]`: the files changed since the day and the watched
    documents' news, read-only."""
    state = state_of(request)
    since, asked = since_of(request)
    report, watch = await state.call(lambda kg: (kg.changes(since), kg.watch_report(since)))
    return state.render(
        "changes.html.j2",
        report=report,
        watch=watch,
        since=since,
        asked=asked,
        day=since[:10] if _DAY.match(since) else "",
        default_days=DEFAULT_DAYS,
        files_shown=min(len(report.files), FILES_SHOWN),
        files_detailed=files_detailed(report),
        local=local_time,
        actions=ACTIONS,
        facts=FACTS,
        changes=CHANGES,
    )


async def changes_csv(request: Request) -> Response:
    """`/changes.csv[?since=...]`: one row per fact or edge, the columns of `kg changes
    --format csv`, with a byte-order mark so spreadsheet programs read the Vietnamese as UTF-8."""
    state = state_of(request)
    since, _ = since_of(request)
    report = await state.call(lambda kg: kg.changes(since))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CHANGE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in report.rows():
        writer.writerow({column: _cell(row.get(column)) for column in CHANGE_COLUMNS})
    name = re.sub(r"[^0-9A-Za-z-]", "-", since)
    return Response(
        "\ufeff" + buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="changes-since-{name}.csv"'},
    )


def _cell(value: object) -> str:
    return "" if value is None else str(value)
