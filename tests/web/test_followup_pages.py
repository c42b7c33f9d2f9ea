"""The "Việc cần theo dõi" pages: for a document, its reviews with the documents found, its
recipients with what each issued (a silent one marked), the tasks it sets out, the most pressing
first; for a body, the tasks it leads or takes part in and the reviews due of what it acted on.
Both for the day asked, linked to each other, with the errors of every other page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx
import pytest

from kg.api import KG, DueList, ReviewsDue
from tests.conftest import CORPUS

NQ25 = "25-NQ/TW@2013"
NQ25_IRI = "https://w3id.org/vankien/doc/tw/nghi-quyet/2013/25"
HAI_DUONG_PLAN = str(CORPUS / "haiduong-bdvtu-kh-hanh-dong-2021.txt")
BINH_PHUOC_PLAN = "36-KH/BDVTU"
BINH_PHUOC_BDV = "Ban Dân vận Tỉnh ủy Bình Phước"
BINH_PHUOC_BDV_IRI = "https://w3id.org/vankien/body/binh-phuoc/bdvtu"
# The plan's first task: "Cơ quan chủ trì: Ban Dân vận Tỉnh ủy", "Thời gian thực hiện: cấp
# tỉnh quý III/2021; cấp huyện quý IV/2021" (its last day: 31 December 2021).
FIRST_TASK = "Trên cơ sở các nội dung cơ bản của Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII"
# The order of urgency the pages list tasks in.
TASK_ORDER = ("overdue", "due_soon", "open", "unknown")


@pytest.fixture()
def client(web_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_url, timeout=120) as opened:
        yield opened


@dataclass
class Item:
    """A list item of a follow-up page: its section, class, data attributes, text and links."""

    section: str
    kind: str
    data: dict[str, str]
    text: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


class Page(HTMLParser):
    """The items of the lists (reviews, bodies, recipients, tasks) by section, and every URL."""

    KINDS = ("review", "body-reviews", "recipient", "task", "acting")

    def __init__(self, html: str) -> None:
        super().__init__()
        self.items: list[Item] = []
        self.urls: list[str] = []
        self._section = ""
        self._open: list[Item | None] = []
        self._href: str | None = None
        self._anchor: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {k: v or "" for k, v in attrs}
        self.urls += [v for k, v in attrs if k in ("href", "src", "action") and v]
        if tag == "section":
            self._section = named.get("class", "")
        elif tag == "li":
            kind = next((k for k in named.get("class", "").split() if k in self.KINDS), None)
            item = None
            if kind is not None:
                data = {k[5:]: v for k, v in named.items() if k.startswith("data-")}
                item = Item(self._section, kind, data)
                self.items.append(item)
            self._open.append(item)
        elif tag == "a":
            self._href, self._anchor = named.get("href"), []

    def handle_data(self, data: str) -> None:
        for item in self._open:
            if item is not None:
                item.text.append(data)
        if self._href is not None:
            self._anchor.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._open:
            self._open.pop()
        elif tag == "a" and self._href is not None:
            for item in self._open:
                if item is not None:
                    item.links.append((self._href, " ".join("".join(self._anchor).split())))
            self._href = None

    def of(self, section: str, kind: str) -> list[Item]:
        return [i for i in self.items if i.section == section and i.kind == kind]


def get_page(client: httpx.Client, path: str, **params: str) -> tuple[httpx.Response, Page]:
    answer = client.get(path, params=params)
    return answer, Page(answer.text)


def starting(items: list[Item], name: str) -> Item:
    """The item whose text starts with `name` (a body's or a recipient's)."""
    found = [i for i in items if i.words.startswith(name + " ")]
    assert len(found) == 1, (name, [i.words[:60] for i in items])
    return found[0]


def body_pages(item: Item) -> list[httpx.URL]:
    return [httpx.URL(href) for href, _ in item.links if href.startswith("/followup/body?")]


def test_25_shows_both_reviews_with_the_documents_that_made_them(client: httpx.Client) -> None:
    page, parsed = get_page(client, "/followup", id=NQ25)
    assert page.status_code == 200
    reviews = parsed.of("reviews", "review")
    # Resolution of 3 June 2013: the sơ kết after 5 years, the tổng kết after 10.
    assert [r.data["status"] for r in reviews] == ["found", "found"]
    five, ten = reviews
    assert "Sơ kết 5 năm" in five.words and "2018-06-03" in five.words
    assert "1600-KH/BDVTW" in five.words and "82-KH/BDVTW" not in five.words
    assert "Tổng kết 10 năm" in ten.words and "2023-06-03" in ten.words
    assert "82-KH/BDVTW" in ten.words
    # 1600-KH/BDVTW is dated 28 February 2018: 95 days before the review fell due.
    assert "sớm 95 ngày" in five.words
    bodies = parsed.of("reviews", "body-reviews")
    assert starting(bodies, "Ban Dân vận Trung ương").data["reviewed"] == "yes"
    binh_phuoc = starting(bodies, BINH_PHUOC_BDV)
    assert binh_phuoc.data["reviewed"] == "no" and "36-KH/BDVTU" in binh_phuoc.words


def test_as_of_counts_only_what_was_issued_by_then(client: httpx.Client) -> None:
    # On 1 January 2018 1600-KH/BDVTW (28 February 2018) was not yet issued: the sơ kết
    # falls due within the year, the tổng kết later.
    page, parsed = get_page(client, "/followup", id=NQ25, as_of="2018-01-01")
    assert page.status_code == 200
    reviews = parsed.of("reviews", "review")
    assert [r.data["status"] for r in reviews] == ["due", "upcoming"]
    assert "1600-KH/BDVTW" not in reviews[0].words
    assert 'name="as_of" value="2018-01-01"' in page.text


def test_the_hai_duong_plan_shows_recipients_that_issued_nothing(client: httpx.Client) -> None:
    page, parsed = get_page(client, "/followup", id=HAI_DUONG_PLAN)
    assert page.status_code == 200
    recipients = parsed.of("recipients", "recipient")
    # Its "Nơi nhận" as written; the first two are registry bodies, and nothing in the store
    # acts on the plan.
    for name in ("Ban Dân vận Trung ương", "Thường trực Tỉnh ủy"):
        recipient = starting(recipients, name)
        assert recipient.data["status"] == "none found"
        assert "Chưa thấy văn bản nào" in recipient.words
        assert body_pages(recipient), "a registry body links to its page"
    # A line naming no one body says so, and links nowhere.
    many = starting(recipients, "Các huyện ủy, thị ủy, thành ủy")
    assert many.data["status"] == "body unknown" and not body_pages(many)
    # The registry's body for "Thường trực Tỉnh ủy" of a Hải Dương plan.
    assert "Tỉnh ủy Hải Dương" in starting(recipients, "Thường trực Tỉnh ủy").words


def test_the_binh_phuoc_plan_lists_its_tasks_most_pressing_first(client: httpx.Client) -> None:
    page, parsed = get_page(client, "/followup", id=BINH_PHUOC_PLAN, as_of="2022-06-01")
    assert page.status_code == 200
    tasks = parsed.of("tasks", "task")
    assert len(tasks) > 3
    statuses = [t.data["status"] for t in tasks]
    assert statuses == sorted(statuses, key=TASK_ORDER.index)
    first = tasks[0]
    assert statuses[0] == "overdue" and FIRST_TASK in first.words
    assert "2021-12-31" in first.words
    leads = body_pages(first)
    assert [u.params["name"] for u in leads] == [BINH_PHUOC_BDV_IRI]
    assert leads[0].params["as_of"] == "2022-06-01"
    assert f"{BINH_PHUOC_BDV} (ghi: Ban Dân vận Tỉnh ủy)" in first.words
    # A fortnight before its first stage ends, the same task is due soon.
    _, earlier = get_page(client, "/followup", id=BINH_PHUOC_PLAN, as_of="2021-09-15")
    again = next(t for t in earlier.of("tasks", "task") if FIRST_TASK in t.words)
    assert again.data["status"] == "due_soon" and "2021-09-30" in again.words


def test_a_resolution_has_no_task_section(client: httpx.Client) -> None:
    _, parsed = get_page(client, "/followup", id=NQ25)
    assert not [i for i in parsed.items if i.section == "tasks"]


def test_a_body_page_lists_the_tasks_it_leads(client: httpx.Client) -> None:
    page, parsed = get_page(client, "/followup/body", name=BINH_PHUOC_BDV, as_of="2021-08-20")
    assert page.status_code == 200
    tasks = parsed.of("tasks", "task")
    assert any(FIRST_TASK in t.words and t.data["role"] == "lead" for t in tasks)
    assert all("36-KH/BDVTU" in t.words for t in tasks)
    assert "overdue" not in {t.data["status"] for t in tasks}
    # Far in the future, the tasks with a day are overdue, and listed first.
    _, later = get_page(client, "/followup/body", name=BINH_PHUOC_BDV, as_of="2040-01-01")
    tasks = later.of("tasks", "task")
    assert tasks[0].data["status"] == "overdue" and FIRST_TASK in tasks[0].words
    dated = [t for t in tasks if "hạn 20" in t.words]
    assert dated and all(t.data["status"] == "overdue" for t in dated)


def test_a_body_is_found_in_any_spelling_and_by_its_iri(client: httpx.Client) -> None:
    pages = [
        get_page(client, "/followup/body", name=spelling)[1]
        for spelling in (BINH_PHUOC_BDV, "ban dan van tinh uy binh phuoc", BINH_PHUOC_BDV_IRI)
    ]
    texts = [[t.words for t in p.of("tasks", "task")] for p in pages]
    assert texts[0] and texts[0] == texts[1] == texts[2]


def test_a_body_page_lists_the_reviews_due_of_what_it_acted_on(client: httpx.Client) -> None:
    _, parsed = get_page(client, "/followup/body", name=BINH_PHUOC_BDV, as_of="2040-01-01")
    reviews = parsed.of("reviews", "review")
    # 36-KH/BDVTU works on Chỉ thị 49-CT/TW of 20/10/2015, whose sơ kết fell due five years on.
    directive = next(r for r in reviews if r.words.startswith("49-CT/TW") and "Sơ kết" in r.words)
    assert directive.data["status"] == "overdue" and "2020-10-20" in directive.words
    assert "36-KH/BDVTU" in directive.words
    # Both reviews of 25-NQ/TW (2013) were found: nothing is due of it.
    assert not [r for r in reviews if r.words.startswith(NQ25 + " ")]
    assert all(r.data["status"] in ("overdue", "due") for r in reviews)


def test_the_body_answer_agrees_with_each_documents_reviews(corpus_kg: KG) -> None:
    day = "2040-01-01"
    found = corpus_kg.body_followup(BINH_PHUOC_BDV, as_of=day)
    every = corpus_kg.due(as_of=day)
    assert isinstance(every, DueList)
    listed = [(r.entry.document.iri, r.entry.review.label) for r in found.reviews]
    due = [(e.document.iri, e.review.label) for e in every.entries]
    assert listed and listed == [entry for entry in due if entry in set(listed)]
    for iri in dict.fromkeys(iri for iri, _ in listed):
        # Walking down from the document finds the body among those acting on it.
        answer = corpus_kg.due(iri, as_of=day)
        assert isinstance(answer, ReviewsDue)
        assert BINH_PHUOC_BDV_IRI in {b.iri for b in answer.bodies}
    assert json.loads(json.dumps(found.to_json()))["bodies"] == [
        {"iri": BINH_PHUOC_BDV_IRI, "label": BINH_PHUOC_BDV}
    ]


def test_the_pages_link_each_other(client: httpx.Client) -> None:
    _, document = get_page(client, "/doc", id=NQ25)
    followups = [httpx.URL(u) for u in document.urls if u.startswith("/followup?")]
    assert [u.params["id"] for u in followups] == [NQ25_IRI]
    _, plan = get_page(client, "/followup", id=BINH_PHUOC_PLAN)
    body_link = next(u for u in plan.urls if u.startswith("/followup/body?"))
    body = client.get(body_link)
    assert body.status_code == 200 and "<h1>Việc cần theo dõi: " in body.text
    _, body_page = get_page(client, "/followup/body", name=BINH_PHUOC_BDV, as_of="2040-01-01")
    review_links = [httpx.URL(u) for u in body_page.urls if u.startswith("/followup?")]
    assert review_links and all(u.params["as_of"] == "2040-01-01" for u in review_links)


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("/followup", {}, 400, "give a document"),
        ("/followup", {"id": "217-QD/TU"}, 404, ">217-QĐ/TW</a>"),  # the nearest symbol
        ("/followup", {"id": "25-NQ/TW"}, 300, ">25-NQ/TW@2003</a>"),  # a choice
        ("/followup", {"id": NQ25, "as_of": "2025-02-30"}, 400, "as_of must be a date"),
        ("/followup/body", {}, 400, "give a body"),
        (
            "/followup/body",
            {"name": "ban dan van tinh uy binh phuocc"},
            404,
            f">{BINH_PHUOC_BDV}</a>",
        ),
        ("/followup/body", {"name": BINH_PHUOC_BDV, "as_of": "1/6/2018"}, 400, "as_of must be"),
    ],
)
def test_errors_are_those_of_every_other_page(
    client: httpx.Client, path: str, params: dict[str, str], status: int, says: str
) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
    assert says in answer.text
    assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_a_choice_keeps_the_day_asked(client: httpx.Client) -> None:
    _, parsed = get_page(client, "/followup", id="25-NQ/TW", as_of="2018-01-01")
    choices = [httpx.URL(u) for u in parsed.urls if u.startswith("/followup?")]
    assert len(choices) == 2 and all(u.params["as_of"] == "2018-01-01" for u in choices)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/followup", {"id": NQ25}),
        ("/followup", {"id": BINH_PHUOC_PLAN}),
        ("/followup/body", {"name": BINH_PHUOC_BDV, "as_of": "2040-01-01"}),
    ],
)
def test_the_pages_refer_to_nothing_outside_the_app(
    client: httpx.Client, path: str, params: dict[str, str]
) -> None:
    page, parsed = get_page(client, path, **params)
    assert page.status_code == 200
    outside = [u for u in parsed.urls if re.match(r"^([a-z][a-z0-9+.-]*:|//)", u, re.I)]
    assert outside == []
    assert "<script" not in page.text
    assert page.headers["x-content-type-options"] == "nosniff"
