"""The "Việc cần theo dõi" (follow-up) pages: one per document, one per body.

The document page puts together what `kg due DOC`, `kg followup DOC` and `kg tasks DOC` answer:
the reviews it should have had, the bodies it was sent to or gives work to with what each issued
acting on it (a silent one stands out), the documents acting on it from other bodies, and the
tasks it sets out, the most pressing first. The body page is `KG.body_followup`: the tasks the
body leads or takes part in, and the reviews due or overdue of the documents it issued or acted
on. Both take an `as_of` day, as the commands' ``--as-of``; every body name links to its page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from kg.api import KG, BodyNotFound, FollowUp, ReviewsDue, TaskList, pressing_first
from kg.web.pages import _choose
from kg.web.pictures import as_of_date, document_argument
from kg.web.state import state_of

# What the pages call a review's status (`kg.followup.due`), a task's (`kg.followup.deadlines`),
# a recipient's (`kg.followup.recipients`), and why a review is expected.
REVIEW_STATUSES = {
    "found": "Đã có văn bản",
    "overdue": "Quá hạn",
    "due": "Sắp đến hạn",
    "upcoming": "Chưa đến hạn",
}
TASK_STATUSES = {
    "overdue": "Quá hạn",
    "due_soon": "Sắp đến hạn",
    "open": "Còn hạn",
    "unknown": "Không ghi thời hạn",
}
RECIPIENT_STATUSES = {
    "acted": "Đã có văn bản",
    "none found": "Chưa thấy văn bản nào",
    "body unknown": "Không xác định được cơ quan",
}
RECIPIENT_SOURCES = {"recipient": "Nơi nhận", "assigned": "Được giao nhiệm vụ"}
BASES = {
    "own_text": "văn bản tự nêu",
    "plan": "văn bản thực hiện nêu",
    "review": "văn bản sơ kết, tổng kết nêu",
    "convention": "quy ước sơ kết 5 năm, tổng kết 10 năm",
}
ROLES = {"lead": "Chủ trì", "partner": "Phối hợp"}
LABELS: dict[str, Any] = {
    "review_statuses": REVIEW_STATUSES,
    "task_statuses": TASK_STATUSES,
    "recipient_statuses": RECIPIENT_STATUSES,
    "recipient_sources": RECIPIENT_SOURCES,
    "bases": BASES,
    "roles": ROLES,
}


def document_answers(kg: KG, iri: str, as_of: str | None) -> tuple[ReviewsDue, FollowUp, TaskList]:
    """The three answers the document page shows, for the same day."""
    due = kg.due(iri, as_of=as_of)
    assert isinstance(due, ReviewsDue)
    tasks = kg.tasks(iri, as_of=due.as_of)
    followed = kg.followup(iri, as_of=as_of)
    return due, followed, replace(tasks, tasks=pressing_first(tasks.tasks))


async def document_followup(request: Request) -> Response:
    """`/followup?id=DOC[&as_of=YYYY-MM-DD]`: what a document asks of others and what was done."""
    state = state_of(request)
    chosen = await _choose(state, request, document_argument(request))
    if isinstance(chosen, Response):
        return chosen
    as_of = as_of_date(request)
    due, followup, tasks = await state.call(lambda kg: document_answers(kg, chosen.iri, as_of))
    return state.render(
        "followup.html.j2",
        doc=due.document,
        as_of=as_of,
        day=due.as_of,
        due=due,
        followup=followup,
        tasks=tasks,
        **LABELS,
    )


async def body_followup(request: Request) -> Response:
    """`/followup/body?name=BODY[&as_of=YYYY-MM-DD]`: a body's tasks and the reviews due of
    what it issued or acted on; a name that is no body gets the nearest names."""
    state = state_of(request)
    name = request.query_params.get("name", "").strip()
    as_of = as_of_date(request)
    try:
        found = await state.call(lambda kg: kg.body_followup(name, as_of=as_of))
    except BodyNotFound as missing:
        return state.render("followup_body_missing.html.j2", 404, missing=missing, as_of=as_of)
    return state.render("followup_body.html.j2", found=found, asked=name, as_of=as_of, **LABELS)
