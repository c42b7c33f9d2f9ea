"""The world the synthetic corpus is written about: terms, central documents, provinces, laws.

Everything local documents cite is decided here first, once per seed, so that every citation of
a central document names the same number, date, issuer and title wherever it appears, and the
generator's ground truth can say which identity each mention means. Symbols restart every Party
term and the same symbol therefore names several documents, as in real text (18-NQ/TW of 2017
and of 2022): the resolver has to tell them apart from dates, terms and year arithmetic.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from importlib import resources

from benchmarks.vocabulary import DISTRICT_SYLLABLES, STATE_TOPICS, TOPICS

FIRST_DAY = dt.date(2001, 6, 1)
LAST_DAY = dt.date(2025, 6, 30)


@dataclass(frozen=True)
class Term:
    """A national Party term: numbering of central documents restarts at its congress."""

    ordinal: str
    congress_year: int
    start: dt.date
    end: dt.date


# Congress closing days (domain primer): IX 2001, X 2006, XI 2011, XII 2016, XIII 2021. Term VIII
# (congress of mid-1996) is there so that the first plans of 2001 have its documents to act on.
TERMS: tuple[Term, ...] = (
    Term("VIII", 1996, dt.date(1996, 7, 1), dt.date(2001, 4, 21)),
    Term("IX", 2001, dt.date(2001, 4, 22), dt.date(2006, 4, 24)),
    Term("X", 2006, dt.date(2006, 4, 25), dt.date(2011, 1, 18)),
    Term("XI", 2011, dt.date(2011, 1, 19), dt.date(2016, 1, 27)),
    Term("XII", 2016, dt.date(2016, 1, 28), dt.date(2021, 1, 31)),
    Term("XIII", 2021, dt.date(2021, 2, 1), dt.date(2026, 1, 22)),
)

# Local congresses precede the national one; numbering of local documents restarts there.
LOCAL_CONGRESS_YEARS: tuple[int, ...] = (2000, 2005, 2010, 2015, 2020, 2025)

ROMAN: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV",
)  # fmt: skip

ORDINAL_WORDS: tuple[str, ...] = (
    "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một",
    "mười hai", "mười ba", "mười bốn", "mười lăm", "mười sáu",
)  # fmt: skip


def term_of(day: dt.date) -> Term:
    """The national term in force on `day`."""
    for term in TERMS:
        if term.start <= day <= term.end:
            return term
    return TERMS[0] if day < TERMS[0].start else TERMS[-1]


def local_term_start(day: dt.date, district: bool) -> dt.date:
    """Start of the local Party term holding `day`: district congresses come a few months first."""
    month = 6 if district else 10
    year = max(y for y in LOCAL_CONGRESS_YEARS if dt.date(y, month, 1) <= day)
    return dt.date(year, month, 1)


def slugify(name: str) -> str:
    """ASCII slug of a Vietnamese name ("Bà Rịa - Vũng Tàu" -> "ba-ria-vung-tau")."""
    ascii_name = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_name = "".join(c for c in ascii_name if not unicodedata.combining(c))
    words = "".join(c if c.isalnum() else " " for c in ascii_name.lower()).split()
    return "-".join(words)


@dataclass(frozen=True)
class CentralDoc:
    """A document of the Party centre or the national government that local plans cite."""

    kind: str
    code: str
    number: str
    symbol: str
    date: dt.date
    issuer: str
    term: str
    topic: str
    plenum: int | None = None
    # (relation, earlier document) stated in this document's title: the implementation chain.
    follows: tuple[str, CentralDoc] | None = None

    @property
    def identity(self) -> str:
        return f"urn:doc:{self.kind}:{self.date.year}:{self.symbol}"


@dataclass(frozen=True)
class Plenum:
    """A Central Committee plenum: its resolutions are cited as "Nghị quyết Trung ương 4"."""

    term: str
    ordinal: int
    date: dt.date

    @property
    def identity(self) -> str:
        return f"urn:doc:nghi-quyet:{self.date.year}:TW{self.ordinal}-{self.term}"


@dataclass(frozen=True)
class Law:
    name: str
    year: int
    number: str

    @property
    def identity(self) -> str:
        return f"urn:doc:luat:{self.year}:{self.number}"


@dataclass(frozen=True)
class Province:
    name: str
    kind: str  # tinh | thanh-pho
    established: int
    slug: str
    districts: tuple[str, ...]
    # Ordinal of the provincial congress held in 2020; earlier ones count down by one per term.
    congress_2020: int

    @property
    def committee(self) -> str:
        """The provincial committee: "Tỉnh ủy", or "Thành ủy" for a city."""
        return "Thành ủy" if self.kind == "thanh-pho" else "Tỉnh ủy"

    @property
    def unit_word(self) -> str:
        """The unit word of "Đảng bộ tỉnh" or "Đảng bộ thành phố"."""
        return "thành phố" if self.kind == "thanh-pho" else "tỉnh"

    def congress_ordinal(self, year: int) -> str:
        return ROMAN[self.congress_2020 - (2020 - year) // 5 - 1]


@dataclass
class Catalogue:
    """All central documents by date, with the lookups the generator needs to pick targets."""

    documents: list[CentralDoc]
    plenums: list[Plenum]
    laws: list[Law]
    provinces: list[Province]
    state_documents: list[CentralDoc]
    dates: list[dt.date] = field(init=False)

    def __post_init__(self) -> None:
        self.documents.sort(key=lambda d: (d.date, d.symbol))
        self.dates = [d.date for d in self.documents]

    def issued_before(self, day: dt.date) -> int:
        """How many central documents were issued on or before `day`."""
        return bisect_right(self.dates, day)


def _load_provinces(rng: random.Random) -> list[Province]:
    text = resources.files("benchmarks").joinpath("data/provinces.csv").read_text("utf-8")
    provinces = []
    for row in csv.DictReader(text.splitlines()):
        count = rng.randint(6, 12)
        names: list[str] = []
        while len(names) < count:
            name = f"{rng.choice(DISTRICT_SYLLABLES)} {rng.choice(DISTRICT_SYLLABLES)}"
            if name.split()[0] != name.split()[1] and name not in names:
                names.append(name)
        provinces.append(
            Province(
                name=row["name"],
                kind=row["kind"],
                established=int(row["established"]),
                slug=slugify(row["name"]),
                districts=tuple(names),
                congress_2020=rng.randint(11, 22),
            )
        )
    return provinces


def _load_laws() -> list[Law]:
    text = resources.files("benchmarks").joinpath("data/laws.csv").read_text("utf-8")
    return [Law(r["name"], int(r["year"]), r["number"]) for r in csv.DictReader(text.splitlines())]


# Per term: (kind, code, issuers, how many, largest gap between consecutive numbers).
_PARTY_SERIES: tuple[tuple[str, str, tuple[str, ...], int, int], ...] = (
    ("nghi-quyet", "NQ", ("Bộ Chính trị",), 18, 2),
    ("chi-thi", "CT", ("Ban Bí thư", "Bộ Chính trị"), 30, 2),
    ("ket-luan", "KL", ("Bộ Chính trị", "Ban Bí thư"), 60, 3),
    ("quyet-dinh", "QĐ", ("Bộ Chính trị", "Ban Bí thư"), 40, 8),
    ("thong-bao", "TB", ("Bộ Chính trị", "Ban Bí thư"), 15, 10),
    ("huong-dan", "HD", ("Ban Bí thư",), 6, 3),
)

_RELATION_IN_TITLE = ("continues", "continues", "implements", "replaces")


def _random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days)))


def _party_documents(rng: random.Random) -> tuple[list[CentralDoc], list[Plenum]]:
    documents: list[CentralDoc] = []
    earlier: list[CentralDoc] = []  # what a later document may continue, implement or replace
    plenums: list[Plenum] = []
    for term in TERMS:
        last = min(term.end, LAST_DAY)
        # Plenums: about every four months; each issues one to three numbered resolutions.
        plenum_days = sorted(_random_day(rng, term.start, last) for _ in range(rng.randint(10, 14)))
        plenum_days[0] = term.start + dt.timedelta(days=rng.randint(60, 120))
        plenum_days.sort()
        entries: list[tuple[dt.date, str, str, tuple[str, ...], int, int | None]] = []
        for ordinal, day in enumerate(plenum_days, start=1):
            plenums.append(Plenum(term.ordinal, ordinal, day))
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                entries.append(
                    (day, "nghi-quyet", "NQ", ("Ban Chấp hành Trung ương Đảng",), 1, ordinal)
                )
        for kind, code, issuers, count, gap in _PARTY_SERIES:
            for _ in range(count):
                day = _random_day(rng, term.start, last)
                entries.append((day, kind, code, issuers, gap, None))
        # Quy định share the QĐ sequence until term XIII, which numbers them QĐi on their own.
        for _ in range(20):
            day = _random_day(rng, term.start, last)
            code = "QĐi" if term.ordinal == "XIII" else "QĐ"
            entries.append((day, "quy-dinh", code, ("Bộ Chính trị", "Ban Bí thư"), 6, None))
        entries.sort(key=lambda e: (e[0], e[1]))
        counters: dict[str, int] = {}
        for day, kind, code, issuers, gap, plenum in entries:
            counters[code] = counters.get(code, 0) + rng.randint(1, gap)
            number = f"{counters[code]:02d}"
            follows = None
            if earlier and kind in ("chi-thi", "ket-luan", "quyet-dinh") and rng.random() < 0.3:
                relation = rng.choice(_RELATION_IN_TITLE)
                if relation == "replaces":
                    candidates = [d for d in earlier if d.kind == kind]
                    if candidates:
                        follows = (relation, rng.choice(candidates[-30:]))
                else:
                    follows = (relation, rng.choice(earlier[-60:]))
            topic = follows[1].topic if follows else rng.choice(TOPICS)
            document = CentralDoc(
                kind=kind,
                code=code,
                number=number,
                symbol=f"{number}-{code}/TW",
                date=day,
                issuer=rng.choice(issuers),
                term=term.ordinal,
                topic=topic,
                plenum=plenum,
                follows=follows,
            )
            documents.append(document)
            if kind in ("nghi-quyet", "chi-thi", "quyet-dinh"):
                earlier.append(document)
    return documents, plenums


def _commission_documents(rng: random.Random) -> list[CentralDoc]:
    """Plans and programmes of the Central Mass Mobilization Commission, some joint."""
    documents = []
    for term in TERMS:
        last = min(term.end, LAST_DAY)
        counter = 0
        for day in sorted(_random_day(rng, term.start, last) for _ in range(40)):
            counter += rng.randint(5, 40)
            kind, code = rng.choice((("ke-hoach", "KH"), ("chuong-trinh", "CTr")))
            joint = rng.random() < 0.15
            suffix = "BDVTW-BCSĐCP" if joint else "BDVTW"
            issuer = (
                "Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ"
                if joint
                else "Ban Dân vận Trung ương"
            )
            documents.append(
                CentralDoc(
                    kind=kind,
                    code=code,
                    number=str(counter),
                    symbol=f"{counter}-{code}/{suffix}",
                    date=day,
                    issuer=issuer,
                    term=term.ordinal,
                    topic=rng.choice(TOPICS),
                )
            )
    return documents


def _state_documents(rng: random.Random) -> list[CentralDoc]:
    """Decrees and Prime Minister's decisions: numbered per calendar year, year in the symbol."""
    documents = []
    for year in range(FIRST_DAY.year - 1, LAST_DAY.year + 1):
        for kind, code, issuer, count, gap in (
            ("nghi-dinh", "NĐ-CP", "Chính phủ", 8, 20),
            ("quyet-dinh", "QĐ-TTg", "Thủ tướng Chính phủ", 8, 250),
            ("thong-tu", "TT-BNV", "Bộ Nội vụ", 3, 4),
        ):
            counter = 0
            start, end = dt.date(year, 1, 2), dt.date(year, 12, 28)
            for day in sorted(_random_day(rng, start, end) for _ in range(count)):
                counter += rng.randint(1, gap)
                with_year = code != "QĐ-TTg"
                symbol = f"{counter:02d}/{year}/{code}" if with_year else f"{counter}/{code}"
                documents.append(
                    CentralDoc(
                        kind=kind,
                        code=code,
                        number=f"{counter:02d}" if with_year else str(counter),
                        symbol=symbol,
                        date=day,
                        issuer=issuer,
                        term=term_of(day).ordinal,
                        topic=rng.choice(STATE_TOPICS),
                    )
                )
    return documents


def build_catalogue(seed: int) -> Catalogue:
    """The central documents, plenums, laws and provinces of the corpus of this seed."""
    rng = random.Random(f"{seed}:catalogue")
    party, plenums = _party_documents(rng)
    documents = party + _commission_documents(rng)
    return Catalogue(
        documents=documents,
        plenums=plenums,
        laws=_load_laws(),
        provinces=_load_provinces(rng),
        state_documents=sorted(_state_documents(rng), key=lambda d: d.date),
    )
