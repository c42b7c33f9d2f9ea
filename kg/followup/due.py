"""Reviews due: which reviews a resolution, directive or conclusion should have had, when each
fell due, whether a review document was found (and how late it came), and which of the bodies
that implemented it reviewed it (`kg due`).

A review is expected where something says so: the document's own text ("Sau 5 năm sơ kết, 10
năm tổng kết"), a plan implementing it, in the sentence that cites it ("Năm 2023: tổ chức sơ
kết ...", "hằng năm báo cáo"), or a review itself ("Sơ kết 5 năm thực hiện Nghị quyết 25": the
extractor reads the years per mention, stored as ``vk:reviewedYears``). Where nothing states when
the sơ kết or the tổng kết happens, the Party's convention stands in: a sơ kết after 5 years and a
tổng kết after 10, for resolutions, directives and conclusions.

Everything is read from the graph, so the answer is the same on a SPARQL endpoint, after a file
moved, and for one document (`kg due DOC`) as in the list of every document due (`kg due`): the
citing sentences are the evidence of the plans, and what the document's own text schedules was
read at ingest and stated as ``vk:ReviewSchedule`` (:mod:`kg.graph.schedules`).

"As of" a date means with what was known then: documents dated after it neither state a
schedule nor count as reviews.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyoxigraph as ox

from kg.errors import ArgumentError
from kg.followup.schedule import AFTER, ELAPSED, EVERY, IN_YEAR, KINDS, Schedule, schedules
from kg.identity import DocumentId
from kg.namespaces import ELI
from kg.queries import run_named, run_named_many
from kg.queries.citations import PROPERTY_RELATIONS, citation_order, lag_days, trace
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.store import SelectResult, Term

# The kinds whose reviews the Party's convention sets, and `kg due` lists.
REVIEWED_KINDS = ("nghi-quyet", "chi-thi", "ket-luan")
# Where nothing states when it happens: a sơ kết after 5 years, a tổng kết after 10.
CONVENTIONS: tuple[tuple[int, str], ...] = ((5, "sơ kết"), (10, "tổng kết"))
# A review that does not say how many years it covers counts for the review due nearest its
# year, at most this many years away (as the resolver allows for "N năm thực hiện").
TOLERANCE_YEARS = 1
# A review falling due within this many days of the date asked about is "due".
DUE_WITHIN_DAYS = 365
# A recurring review ("hằng năm") is listed up to the first occurrence after the date asked
# about, and never more than this many times.
RECURRING_LIMIT = 50

# A review's status as of a date.
FOUND = "found"  # a document reviewing it was found
OVERDUE = "overdue"  # its due date has passed and none was found
DUE = "due"  # it falls due within `DUE_WITHIN_DAYS`
UPCOMING = "upcoming"  # later than that

# Where the expectation of a review comes from.
OWN_TEXT = "own_text"  # the document's own text
PLAN = "plan"  # a document acting on it, in the sentence that cites it
REVIEW = "review"  # a review states its years ("sơ kết 5 năm thực hiện")
CONVENTION = "convention"

# What the graph holds of the schedule the document's own text states (`ReviewsDue.own_text`).
SCHEDULE_STATED = "schedule stated"
NONE_STATED = "none stated"
NOT_INGESTED = "not ingested"

# The columns of `Review.record` and `DueEntry.record`: a table or CSV of reviews.
REVIEW_COLUMNS = (
    "review",
    "due",
    "status",
    "overdue_days",
    "found",
    "found_date",
    "lag_years",
    "lag_days",
    "basis",
)
DUE_COLUMNS = ("document", "kind", "date", "issuer", *REVIEW_COLUMNS, "iri")


@dataclass(frozen=True)
class Basis:
    """Why a review is expected: who says so (`source`, with the `document` that states it,
    None for the document's own text and the convention) and the phrase as written."""

    source: str  # OWN_TEXT | PLAN | REVIEW | CONVENTION
    document: DocumentSummary | None = None
    phrase: str | None = None
    sentence: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "document": self.document.label if self.document else None,
            "iri": self.document.iri if self.document else None,
            "phrase": self.phrase,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class FoundReview:
    """A document reviewing the one asked about, with the years it states it covers and how
    late it came: `lag_years` (its year less the year due) and `lag_days` (when both dates are
    known; negative when it came early, as a plan scheduling the review does)."""

    document: DocumentSummary
    years_stated: tuple[int, ...]
    lag_years: int | None
    lag_days: int | None
    sentence: str | None

    def short(self) -> str:
        """The review found, its date and lag in one table cell."""
        lags = [
            f"{n:+d} {unit}"
            for n, unit in ((self.lag_years, "y"), (self.lag_days, "d"))
            if n is not None
        ]
        lag = f", {' / '.join(lags)}" if lags else ""
        return f"{self.document.label} ({self.document.date or 'undated'}{lag})"

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "years_stated": list(self.years_stated),
            "lag_years": self.lag_years,
            "lag_days": self.lag_days,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class Review:
    """One review the document should have had: its kind ("sơ kết", "tổng kết"...), the years
    after the document it falls due, the date (`due`, None when the document's day is unknown;
    `due_year` then still says when), its status as of the date asked about, why it is expected
    and the documents found reviewing it."""

    kind: str
    years: int
    due_year: int
    due: str | None
    status: str
    bases: tuple[Basis, ...]
    found: tuple[FoundReview, ...]
    overdue_days: int | None = None

    @property
    def label(self) -> str:
        return f"{self.kind} {self.years} năm"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "years": self.years,
            "due_year": self.due_year,
            "due": self.due,
            "status": self.status,
            "overdue_days": self.overdue_days,
            "bases": [b.to_json() for b in self.bases],
            "found": [f.to_json() for f in self.found],
        }

    def record(self) -> dict[str, Any]:
        """The review as one row of a table or CSV."""
        return {
            "review": self.label,
            "years": self.years,
            "due": self.due or str(self.due_year),
            "status": self.status,
            "overdue_days": self.overdue_days,
            "found": [f.document.label for f in self.found],
            "found_date": [f.document.date or "undated" for f in self.found],
            "lag_years": [f.lag_years for f in self.found],
            "lag_days": [f.lag_days for f in self.found],
            "basis": sorted({_basis_name(b) for b in self.bases}),
        }


def _basis_name(basis: Basis) -> str:
    if basis.document is not None:
        return f"{basis.source}: {basis.document.label}"
    return basis.source


@dataclass(frozen=True)
class BodyReviews:
    """A body whose documents act on the one asked about (implement, continue, review, inspect,
    guide or disseminate it, directly or down the chain), and those of them that review it."""

    body: str
    iri: str | None  # the registry body, else the province, when known
    level: str | None
    province: str | None
    documents: tuple[DocumentSummary, ...]
    reviews: tuple[DocumentSummary, ...]

    @property
    def reviewed(self) -> bool:
        return bool(self.reviews)

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "iri": self.iri,
            "level": self.level,
            "province": self.province,
            "reviewed": self.reviewed,
            "documents": [d.label for d in self.documents],
            "reviews": [d.label for d in self.reviews],
        }


@dataclass(frozen=True)
class ReviewsDue:
    """The reviews one document should have had as of a date, and the bodies that acted on it.
    `own_text` says what its own text schedules: `SCHEDULE_STATED`, `NONE_STATED`, or
    `NOT_INGESTED` (no file of it was read: only other texts and the convention say)."""

    document: DocumentSummary
    as_of: str
    reviews: tuple[Review, ...]
    bodies: tuple[BodyReviews, ...]
    own_text: str

    def headline(self) -> str:
        counts = dict.fromkeys((FOUND, OVERDUE, DUE, UPCOMING), 0)
        for review in self.reviews:
            counts[review.status] += 1
        reviewed = sum(1 for body in self.bodies if body.reviewed)
        said = ", ".join(f"{n} {status}" for status, n in counts.items() if n) or "none known"
        return (
            f"{self.document.label}: reviews as of {self.as_of}: {said}; "
            f"{reviewed} of the {len(self.bodies)} bodies acting on it reviewed it"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.to_json(),
            "as_of": self.as_of,
            "own_text": self.own_text,
            "reviews": [r.to_json() for r in self.reviews],
            "bodies": [b.to_json() for b in self.bodies],
        }


@dataclass(frozen=True)
class DueEntry:
    """A review due or overdue, with the document it reviews."""

    document: DocumentSummary
    review: Review

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document.to_json(), **self.review.to_json()}

    def record(self) -> dict[str, Any]:
        return {
            "document": self.document.label,
            "kind": self.document.kind,
            "date": self.document.date,
            "issuer": self.document.issuer,
            **self.review.record(),
            "iri": self.document.iri,
        }


@dataclass(frozen=True)
class DueList:
    """Every review due or overdue as of a date, over the resolutions, directives and
    conclusions of the store (`checked` of them), the most overdue first."""

    as_of: str
    checked: int
    entries: tuple[DueEntry, ...]

    def headline(self) -> str:
        overdue = sum(1 for e in self.entries if e.review.status == OVERDUE)
        documents = len({e.document.iri for e in self.entries})
        return (
            f"As of {self.as_of}: {overdue} reviews overdue and {len(self.entries) - overdue} "
            f"due within {DUE_WITHIN_DAYS} days, of {documents} of the {self.checked} "
            "resolutions, directives and conclusions in the store"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "checked": self.checked,
            "entries": [e.to_json() for e in self.entries],
        }


def as_of_day(value: str | None) -> str:
    """`value` as an ISO date, today when None; anything but a date is refused."""
    if value is None:
        return date.today().isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ArgumentError(f"as of: expected a date YYYY-MM-DD, not {value!r}") from None


# Reading the graph --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Citation:
    """A citation of the document that may bear on its reviews: the acting document
    (`citing`), the document whose text states it (`stated_in`: itself, or the one stating a
    link between two others), the relation, the years reviewed and the sentence."""

    citing: str
    stated_in: str
    relation: str
    years: int | None
    sentence: str | None


def _citations(catalog: DocumentCatalog, iris: Iterable[str]) -> dict[str, list[_Citation]]:
    """The citations of each document that may bear on its reviews, the earliest first
    (`citation_order`): a reviewer's sentence, and a schedule's, is its earliest citation's."""
    found: dict[str, list[_Citation]] = {iri: [] for iri in iris}
    rows = run_named_many(catalog.store, "review_statements", "doc", map(ox.NamedNode, found))
    paths = catalog.source_paths(row["src"].value for row in rows)
    rows.sort(key=lambda row: citation_order(paths.get(row["src"].value), row["citation"].value))
    for row in rows:
        citing = row["citing"].value
        years = row["years"].value if "years" in row else None
        found[row["doc"].value].append(
            _Citation(
                citing=citing,
                stated_in=row["statedIn"].value if "statedIn" in row else citing,
                relation=PROPERTY_RELATIONS.get(row["relation"].value, "cites"),
                years=int(years) if years and years.isdigit() else None,
                sentence=row["sentence"].value if "sentence" in row else None,
            )
        )
    return found


def issuers_of(catalog: DocumentCatalog, iris: Iterable[str]) -> dict[str, list[str]]:
    """The registry bodies that issued each document (sorted), as the sources state them:
    from the side store when it covers the store (the query took 4.6 s for the 59,000
    documents of a national resolution's chain at 100,000 documents)."""
    iris = list(dict.fromkeys(iris))
    found = catalog.values_stated(ELI + "passed_by", iris)
    if found is None:
        found = {}
        for row in run_named_many(
            catalog.store, "document_issuers", "doc", map(ox.NamedNode, iris)
        ):
            found.setdefault(row["doc"].value, set()).add(row["body"].value)
    return {iri: sorted(bodies) for iri, bodies in found.items()}


def stated_schedules(catalog: DocumentCatalog, iris: Iterable[str]) -> dict[str, list[Schedule]]:
    """The reviews each document's own text schedules for it, as ingest stated them, in the
    order written; a document read from two files gets each phrase once."""
    rows = run_named_many(catalog.store, "own_review_schedules", "doc", map(ox.NamedNode, iris))
    found: dict[str, list[Schedule]] = {}
    for row in rows:
        schedule = _stored_schedule(row)
        if schedule is not None:
            found.setdefault(row["doc"].value, []).append(schedule)
    out = {}
    for iri, stated in found.items():
        stated.sort(key=lambda s: (s.start, s.end, s.kind, s.form, s.phrase))
        unique: dict[tuple[Any, ...], Schedule] = {}
        for s in stated:
            unique.setdefault((s.kind, s.form, s.years, s.every, s.year, s.phrase), s)
        out[iri] = list(unique.values())
    return out


def _stored_schedule(row: dict[str, Term]) -> Schedule | None:
    """A schedule as `own_review_schedules` gives it back (None when it states no time)."""

    def number(name: str) -> int | None:
        value = row[name].value if name in row else ""
        return int(value) if value.isdigit() else None

    after, every, year = number("after"), number("every"), number("year")
    form = AFTER if after else EVERY if every else IN_YEAR if year else None
    if form is None:
        return None
    return Schedule(
        kind=row["kind"].value,
        form=form,
        start=number("start") or 0,
        end=number("end") or 0,
        phrase=row["phrase"].value if "phrase" in row else "",
        years=after,
        every=every,
        year=year,
    )


def _own_text(document: DocumentSummary, stated: list[Schedule]) -> str:
    """What the graph holds of the schedule the document's own text states."""
    if stated:
        return SCHEDULE_STATED
    return NONE_STATED if document.ingested else NOT_INGESTED


# Working out the reviews --------------------------------------------------------------------


def _year(document: DocumentSummary) -> int | None:
    """The document's year: its date's, else its identity's."""
    if document.date and document.date[:4].isdigit():
        return int(document.date[:4])
    identity = DocumentId.parse(document.iri)
    return identity.year if identity is not None else None


def known_by(document: DocumentSummary, as_of: str) -> bool:
    """Whether the document existed on `as_of` (an undated one of unknown year is taken to)."""
    if document.date:
        return document.date <= as_of
    year = _year(document)
    return year is None or year <= int(as_of[:4])


def _anniversary(day: str | None, years: int) -> date | None:
    """`day` (ISO) `years` later; 29 February falls on the 28th in a common year."""
    try:
        start = date.fromisoformat(day) if day else None
    except ValueError:
        return None
    if start is None:
        return None
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


@dataclass
class _Slot:
    """The reviews expected so many years after the document, gathered before they are made
    into a `Review`."""

    kinds: set[str] = field(default_factory=set)
    bases: dict[tuple[str, str | None, str | None], Basis] = field(default_factory=dict)
    found: dict[str, FoundReview] = field(default_factory=dict)

    def add(self, kind: str, basis: Basis) -> None:
        self.kinds.add(kind)
        key = (basis.source, basis.document.iri if basis.document else None, basis.phrase)
        self.bases.setdefault(key, basis)


@dataclass
class _Reviewer:
    """A document reviewing the one asked about: the years its citations state, a sentence."""

    years: set[int] = field(default_factory=set)
    sentence: str | None = None


class _Plan:
    """The reviews of one document as of a date, slot by slot (years after the document)."""

    def __init__(self, document: DocumentSummary, start_year: int, as_of: str) -> None:
        self.document = document
        self.start_year = start_year
        self.as_of = as_of
        self.slots: dict[int, _Slot] = {}
        self.scheduled_kinds: set[str] = set()  # kinds stated at a time, not recurring

    def schedule(self, found: Schedule, basis: Basis, since: int | None = None) -> None:
        """A stated schedule: its slot; for a recurring one, each slot from the year of the
        text stating it (`since`) up to the first after the date asked about. "Sau 5 năm" counts
        from the document reviewed, as "sơ kết 5 năm thực hiện" does."""
        if found.form == EVERY and found.every:
            first = max(since or self.start_year, self.start_year) - self.start_year
            last = int(self.as_of[:4]) - self.start_year + found.every
            steps = range(first + found.every, last + 1, found.every)[:RECURRING_LIMIT]
            for years in steps:
                self.expect(years, found.kind, basis)
            return
        after = found.years
        if found.form == IN_YEAR and found.year is not None:
            after = found.year - self.start_year
        if after is not None and after >= 1:
            self.scheduled_kinds.add(found.kind)
            self.expect(after, found.kind, basis)

    def expect(self, years: int, kind: str, basis: Basis) -> None:
        self.slots.setdefault(years, _Slot()).add(kind, basis)

    def conventions(self) -> None:
        """The conventional sơ kết and tổng kết, for a kind of review nothing schedules."""
        for years, kind in CONVENTIONS:
            if kind not in self.scheduled_kinds:
                self.expect(years, kind, Basis(CONVENTION))

    def review_found(self, reviewer: DocumentSummary, stated: _Reviewer) -> None:
        """Count a review document for the slots whose years it states, else for the one due
        nearest its year (a slot of its own when none is near)."""
        year = _year(reviewer)
        targets = sorted(stated.years)
        if not targets:
            if year is None:
                return  # neither its years nor its date: nothing places it
            elapsed = year - self.start_year
            near = [y for y in self.slots if abs(y - elapsed) <= TOLERANCE_YEARS]
            if near:
                targets = [min(near, key=lambda y: (abs(y - elapsed), y))]
            else:
                targets = [max(1, elapsed)]
                self.expect(targets[0], "đánh giá", Basis(REVIEW, reviewer, None, stated.sentence))
        for years in targets:
            due_year = self.start_year + years
            due = _anniversary(self.document.date, years)
            lag = lag_days(due.isoformat(), reviewer.date) if due is not None else None
            self.slots[years].found[reviewer.iri] = FoundReview(
                document=reviewer,
                years_stated=tuple(sorted(stated.years)),
                lag_years=year - due_year if year is not None else None,
                lag_days=lag,
                sentence=stated.sentence,
            )

    def reviews(self) -> tuple[Review, ...]:
        today = date.fromisoformat(self.as_of)
        out = []
        for years in sorted(self.slots):
            slot = self.slots[years]
            due_year = self.start_year + years
            due = _anniversary(self.document.date, years)
            found = tuple(sorted(slot.found.values(), key=_found_order))
            status, overdue = _status(found, due, due_year, today)
            out.append(
                Review(
                    kind=next(kind for kind in KINDS if kind in slot.kinds),
                    years=years,
                    due_year=due_year,
                    due=due.isoformat() if due else None,
                    status=status,
                    bases=tuple(slot.bases.values()),
                    found=found,
                    overdue_days=overdue,
                )
            )
        return tuple(out)


def _found_order(found: FoundReview) -> tuple[str, str, str]:
    return (found.document.date or "9999", found.document.label, found.document.iri)


def _status(
    found: tuple[FoundReview, ...], due: date | None, due_year: int, today: date
) -> tuple[str, int | None]:
    """The status of a review as of `today`, and the days it is overdue (when its day is
    known)."""
    if found:
        return FOUND, None
    if due is not None:
        if due < today:
            return OVERDUE, (today - due).days
        return (DUE if due <= today + timedelta(days=DUE_WITHIN_DAYS) else UPCOMING), None
    if due_year < today.year:
        return OVERDUE, None
    return (DUE if due_year == today.year else UPCOMING), None


def _plan_reviews(
    document: DocumentSummary,
    citations: list[_Citation],
    summaries: dict[str, DocumentSummary],
    as_of: str,
    own: Iterable[Schedule] = (),
) -> tuple[Review, ...]:
    """The reviews `document` should have had as of `as_of`, from the schedules of its own
    text (`own`) and of the citations of it, the conventions, and the reviews found."""
    start_year = _year(document)
    if start_year is None:
        return ()
    plan = _Plan(document, start_year, as_of)
    for found in own:
        if found.form != ELAPSED:
            plan.schedule(found, Basis(OWN_TEXT, None, found.phrase))
    reviewers: dict[str, _Reviewer] = {}
    for citation in citations:
        stating, citing = summaries[citation.stated_in], summaries[citation.citing]
        if not known_by(stating, as_of) or not known_by(citing, as_of):
            continue
        stated = schedules(citation.sentence or "")
        for found in stated:
            if found.form != ELAPSED:
                basis = Basis(PLAN, stating, found.phrase, citation.sentence)
                plan.schedule(found, basis, since=_year(stating))
        if citation.relation != "reviews":
            continue
        reviewer = reviewers.setdefault(citation.citing, _Reviewer())
        if citation.years is not None:
            reviewer.years.add(citation.years)
            kind = _elapsed_kind(stated, citation.years)
            phrase = next((s.phrase for s in stated if s.years == citation.years), None)
            basis = Basis(REVIEW, citing, phrase, citation.sentence)
            plan.schedule(Schedule(kind, ELAPSED, 0, 0, "", years=citation.years), basis)
            reviewer.sentence = reviewer.sentence or citation.sentence
        elif reviewer.sentence is None and not reviewer.years:
            reviewer.sentence = citation.sentence
    if document.kind in REVIEWED_KINDS:
        plan.conventions()
    for iri, stated_years in reviewers.items():
        plan.review_found(summaries[iri], stated_years)
    return plan.reviews()


def _elapsed_kind(stated: list[Schedule], years: int) -> str:
    """The kind of review "sơ kết 5 năm thực hiện X" names, else a plain review."""
    for found in stated:
        if found.form == ELAPSED and found.years == years:
            return found.kind
    return "đánh giá"


# The answers --------------------------------------------------------------------------------


def reviews_due(catalog: DocumentCatalog, document: DocumentSummary, as_of: str) -> ReviewsDue:
    """The reviews of one document as of `as_of` (ISO), with the bodies acting on it."""
    own = stated_schedules(catalog, [document.iri]).get(document.iri, [])
    citations = _citations(catalog, [document.iri])[document.iri]
    summaries = catalog.summaries({c for x in citations for c in (x.citing, x.stated_in)})
    summaries[document.iri] = document
    reviews = _plan_reviews(document, citations, summaries, as_of, own)
    reviewers = {
        c.citing
        for c in citations
        if c.relation == "reviews" and known_by(summaries[c.citing], as_of)
    }
    bodies = _bodies(catalog, document, as_of, reviewers)
    catalog.mark_shared_symbols(
        [
            document,
            *(f.document for r in reviews for f in r.found),
            *(b.document for r in reviews for b in r.bases if b.document),
            *(d for body in bodies for d in body.documents),
        ]
    )
    return ReviewsDue(document, as_of, reviews, bodies, _own_text(document, own))


def _bodies(
    catalog: DocumentCatalog, root: DocumentSummary, as_of: str, reviewers: set[str]
) -> tuple[BodyReviews, ...]:
    """The bodies whose documents act on `root` down its chain (known by `as_of`), each with
    the documents of it that review `root`. The chain's documents and relations only: it is
    walked without its sentences."""
    chain = trace(catalog, root, evidence_limit=0)
    documents = [d for iri, d in chain.nodes.items() if iri != root.iri and known_by(d, as_of)]
    issuers = issuers_of(catalog, (d.iri for d in documents))
    labels = catalog.labels(body for bodies in issuers.values() for body in bodies)
    groups: dict[tuple[str | None, str], list[DocumentSummary]] = {}
    for document in documents:
        for key in _issued_by(labels, document, issuers.get(document.iri, [])):
            groups.setdefault(key, []).append(document)
    out = []
    for (iri, name), members in groups.items():
        members.sort(key=lambda d: (d.date or "9999", d.label))
        first = members[0]
        out.append(
            BodyReviews(
                body=name,
                iri=iri,
                level=first.level,
                province=first.province,
                documents=tuple(members),
                reviews=tuple(d for d in members if d.iri in reviewers),
            )
        )
    out.sort(key=lambda b: (b.level != "central", b.body))
    return tuple(out)


def _issued_by(
    labels: dict[str, str | None], document: DocumentSummary, bodies: list[str]
) -> list[tuple[str | None, str]]:
    """(IRI, name) of who issued a document: its registry bodies (named by `labels`); where no
    source names one, the issuer as written, else its province."""
    if bodies:
        return [(body, labels[body] or document.issuer or body) for body in bodies]
    if document.issuer:
        return [(None, document.issuer)]
    if document.province_iri:
        return [(document.province_iri, document.province or document.province_iri)]
    return [(None, "issuer unknown")]


def due_list(catalog: DocumentCatalog, as_of: str) -> DueList:
    """Every review due or overdue as of `as_of` over the resolutions, directives and
    conclusions of the store, the most overdue first."""
    result = run_named(catalog.store, "reviewable_documents")
    assert isinstance(result, SelectResult)
    iris = sorted({term.value for term in result.values("doc")})
    documents = [
        d
        for d in catalog.summaries(iris).values()
        if d.kind in REVIEWED_KINDS and known_by(d, as_of)
    ]
    citations = _citations(catalog, (d.iri for d in documents))
    own = stated_schedules(catalog, (d.iri for d in documents))
    summaries = catalog.summaries(
        {c for found in citations.values() for x in found for c in (x.citing, x.stated_in)}
    )
    summaries.update((d.iri, d) for d in documents)
    entries = []
    for document in documents:
        stated = own.get(document.iri, [])
        for review in _plan_reviews(document, citations[document.iri], summaries, as_of, stated):
            if review.status in (OVERDUE, DUE):
                entries.append(DueEntry(document, review))
    catalog.mark_shared_symbols(e.document for e in entries)
    entries.sort(key=lambda e: _urgency(e, as_of))
    return DueList(as_of, len(documents), tuple(entries))


def _urgency(entry: DueEntry, as_of: str) -> tuple[int, str, str]:
    """Most overdue first (by days, else by years), then the reviews falling due soonest."""
    review = entry.review
    if review.status == OVERDUE:
        days = review.overdue_days
        if days is None:
            days = (int(as_of[:4]) - review.due_year) * 365
        return (-days, "", entry.document.label)
    return (1, review.due or f"{review.due_year}-12-31", entry.document.label)
