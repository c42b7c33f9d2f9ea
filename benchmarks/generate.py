"""Synthetic corpus of Vietnamese Party and state documents, for measuring the tool at scale.

``generate_corpus(n, seed, out_dir)`` writes n plain-text documents and, beside them, the ground
truth of every reference it planted (``truth.jsonl``, one line per document in the shape of the
extraction contract, plus the document's own ``identity``). The corpus has the real structure:
central resolutions, directives, conclusions and regulations issued per Party term, then
provincial and district plans that implement, continue, review, inspect and disseminate them
weeks to months later (the lag is skewed: most follow quickly, some years later), each with a
header, a title block, "Căn cứ"/"Thực hiện" lines, body sections, recipients and a signer block.

Deterministic for a seed: one ``random.Random`` per corpus, documents written in index order,
no set iteration. Streams to disk: the state kept between documents is bounded (the latest
implementing plans of each province), so n can be a million.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.catalogue import (
    FIRST_DAY,
    LAST_DAY,
    TERMS,
    Catalogue,
    CentralDoc,
    Province,
    build_catalogue,
    local_term_start,
    slugify,
    term_of,
)
from benchmarks.citations import (
    TYPE_WORDS,
    LocalDoc,
    can_shorten,
    cite_central,
    cite_central_with_chain,
    cite_law,
    cite_local,
    cite_local_congress,
    cite_national_congress,
    cite_plenum,
    cite_shared_list,
    cite_short,
    write_title,
)
from benchmarks.vocabulary import (
    ACTIONS,
    ACTORS,
    FIELDS,
    FILLERS,
    GIVEN_NAMES,
    MIDDLE_NAMES,
    OBJECTS,
    PURPOSES,
    SECTION_HEADINGS,
    SURNAMES,
    TYPOS,
    WEB_FURNITURE,
    WEEKDAYS,
)
from benchmarks.writer import DocumentWriter, Style
from kg.extract.model import DocumentInfo, Extraction, Signer

GENERATOR_VERSION = "2"
DOCS_PER_FOLDER = 1000

# What a local plan does with its main target, with how often plans of each purpose occur.
PURPOSES_WEIGHTED: tuple[tuple[str, int], ...] = (
    ("implements", 34),
    ("continues", 8),
    ("reviews", 14),
    ("inspects", 8),
    ("disseminates", 9),
    ("congress", 6),
    ("work_plan", 8),
    ("state_plan", 9),
    ("amends", 4),
)

_PURPOSE_NAMES = [name for name, _ in PURPOSES_WEIGHTED]
_PURPOSE_WEIGHTS = [weight for _, weight in PURPOSES_WEIGHTED]

VERBS: dict[str, tuple[str, ...]] = {
    "based_on": ("Căn cứ", "Trên cơ sở"),
    "implements": ("thực hiện", "triển khai thực hiện", "cụ thể hóa", "tổ chức thực hiện"),
    "continues": ("tiếp tục thực hiện", "tiếp tục thực hiện có hiệu quả"),
    "inspects": (
        "kiểm tra việc thực hiện", "giám sát việc thực hiện", "kiểm tra, giám sát việc thực hiện"
    ),
    "disseminates": (
        "quán triệt", "tuyên truyền, phổ biến", "phổ biến", "tổ chức học tập, quán triệt"
    ),
    # Not "theo tinh thần": real text reads it as the basis (based_on), as the extractor does.
    "cites": ("theo", "theo yêu cầu của", "theo đúng"),
}  # fmt: skip


@dataclass(frozen=True)
class Issuer:
    """A local body: its header, its own name, and how others in the province cite it."""

    province: Province
    district: str | None
    code: str  # symbol suffix: TU, BDVTU, BTGTU, UBKTTU, HU, BDVHU, UBND
    header: tuple[str, ...]  # left column, top to bottom
    name: str  # full name, the document's issuer
    cited_as: str  # how a later plan of the same province names it
    party: bool

    @property
    def scope(self) -> str:
        if self.district:
            return f"{self.province.slug}/{slugify(self.district)}"
        return self.province.slug


# Provincial bodies: (symbol code, header line under the committee, name word, how much it issues).
_PROVINCIAL_BODIES: tuple[tuple[str, str | None, str, int], ...] = (
    ("TU", None, "", 5),
    ("BDVTU", "BAN DÂN VẬN", "Ban Dân vận", 5),
    ("BTGTU", "BAN TUYÊN GIÁO", "Ban Tuyên giáo", 2),
    ("UBKTTU", "ỦY BAN KIỂM TRA", "Ủy ban Kiểm tra", 1),
)


def _issuers(province: Province, district: str | None) -> list[tuple[Issuer, int]]:
    """The bodies of a province (or of one of its districts) with how much each issues."""
    if district:
        city_ward = province.kind == "thanh-pho" and district.startswith("Tân")
        level = "Quận ủy" if city_ward else "Huyện ủy"
        code = "QU" if city_ward else "HU"
        unit = f"{level.upper()} {district.upper()}"
        parent = f"ĐẢNG BỘ {province.unit_word.upper()} {province.name.upper()}"
        committee = Issuer(
            province, district, code, (parent, unit), f"{level} {district}",
            f"Ban Thường vụ {level}", party=True,
        )  # fmt: skip
        commission = Issuer(
            province, district, f"BDV{code}", (unit, "BAN DÂN VẬN"),
            f"Ban Dân vận {level} {district}", f"Ban Dân vận {level}", party=True,
        )  # fmt: skip
        return [(committee, 3), (commission, 2)]
    committee_name = province.committee
    head = f"{committee_name.upper()} {province.name.upper()}"
    bodies = []
    for code, line, word, weight in _PROVINCIAL_BODIES:
        own = f"{word} {committee_name}".strip()
        header = (head, line) if line else (head,)
        cited_as = own if word else f"Ban Thường vụ {committee_name}"
        issuer = Issuer(province, None, code, header, f"{own} {province.name}", cited_as, True)
        bodies.append((issuer, weight))
    people = f"Ủy ban nhân dân {province.unit_word}"
    state_header = ("ỦY BAN NHÂN DÂN", f"{province.unit_word.upper()} {province.name.upper()}")
    state = Issuer(province, None, "UBND", state_header, f"{people} {province.name}", people, False)
    bodies.append((state, 3))
    return bodies


@dataclass
class CorpusSummary:
    """What was written: enough for the benchmark to report sizes without rereading the files."""

    documents: int
    bytes: int
    references: int
    links: int
    out_dir: Path


@dataclass
class _ProvinceMemory:
    """Bounded memory of one province: its latest committee plans, for the chain below them."""

    plans: list[LocalDoc] = field(default_factory=list)
    regulations: list[LocalDoc] = field(default_factory=list)

    def remember(self, doc: LocalDoc, limit: int = 40) -> None:
        bucket = self.regulations if doc.kind == "quyet-dinh" else self.plans
        bucket.append(doc)
        if len(bucket) > limit:
            del bucket[0]


class CorpusGenerator:
    """Writes the documents of one corpus in date order; `documents()` yields them one by one."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.catalogue: Catalogue = build_catalogue(seed)
        self.memory: dict[str, _ProvinceMemory] = {
            p.slug: _ProvinceMemory() for p in self.catalogue.provinces
        }
        self.counters: dict[tuple[str, str, str], int] = {}
        # Gaps between consecutive numbers stand for the documents a sample of size n leaves out.
        self.number_gap = max(1, min(60, 3_000_000 // (max(n, 1) * 10)))
        central_share = min(len(self.catalogue.documents), max(1, n * 3 // 100))
        picked = sorted(self.rng.sample(range(len(self.catalogue.documents)), central_share))
        self.central_queue = [self.catalogue.documents[i] for i in picked]

    # -- the stream ---------------------------------------------------------------------------

    def documents(self) -> Iterator[tuple[str, str, Extraction, str]]:
        """Yield (file name, text, truth, identity) for every document, oldest first."""
        span = (LAST_DAY - FIRST_DAY).days
        central_index = 0
        for index in range(self.n):
            day = FIRST_DAY + dt.timedelta(days=int(span * (index + self.rng.random()) / self.n))
            remaining = self.n - index
            due = central_index < len(self.central_queue) and (
                self.central_queue[central_index].date <= day
                or len(self.central_queue) - central_index >= remaining
            )
            if due:
                doc = self.central_queue[central_index]
                central_index += 1
                yield self._central_document(index, doc)
            else:
                yield self._local_document(index, day)

    # -- central documents --------------------------------------------------------------------

    def _central_document(self, index: int, doc: CentralDoc) -> tuple[str, str, Extraction, str]:
        rng = self.rng
        w = DocumentWriter(rng, self._style())
        commission = "BDVTW" in doc.symbol
        left = {
            "Bộ Chính trị": ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BỘ CHÍNH TRỊ"),
            "Ban Bí thư": ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN BÍ THƯ"),
        }.get(doc.issuer, ("BAN CHẤP HÀNH TRUNG ƯƠNG",))
        if commission:
            left = ("BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN DÂN VẬN")
        place_line = (
            f"Hà Nội, ngày {doc.date.day:02d} tháng {doc.date.month:02d} năm {doc.date.year}"
        )
        self._header(w, left, "ĐẢNG CỘNG SẢN VIỆT NAM", place_line, f"Số {doc.symbol}")
        type_word = TYPE_WORDS.get(doc.kind, "Văn bản")
        w.line(type_word.upper())
        w.line(f"về {doc.topic}")
        w.line("-----")
        w.line()
        if doc.follows:
            relation, earlier = doc.follows
            if relation == "replaces":
                opening = rng.choice(("Sau một thời gian", "Qua nhiều năm"))
                w.text(f"{opening} thực hiện, để phù hợp với tình hình mới, ")
                w.text(f"{doc.issuer} ban hành {type_word.lower()} này thay thế ")
                cite_central(w, earlier, "replaces")
                w.line(".")
            else:
                verb = "tiếp tục thực hiện" if relation == "continues" else "thực hiện"
                years = max(1, doc.date.year - earlier.date.year)
                review = "sơ kết" if years <= 5 else "tổng kết"
                w.text(f"Qua {review} {years} năm thực hiện ")
                ref = cite_central(w, earlier, "reviews")
                write_title(w, ref, earlier.topic)
                w.line(", nhận thức của các cấp ủy, tổ chức đảng có chuyển biến tích cực.")
                w.text(f"Để {verb} ")
                if can_shorten(w, earlier.identity):
                    cite_short(w, earlier, relation)
                else:
                    cite_central(w, earlier, relation)
                w.line(f", {doc.issuer} yêu cầu các cấp ủy, tổ chức đảng tập trung làm tốt:")
        term = next(t for t in TERMS if t.ordinal == doc.term)
        self._body(
            w,
            doc.date,
            province=None,
            primary=doc.follows[1] if doc.follows else None,
            congress=(term.ordinal, term.congress_year),
        )
        authority = {"Bộ Chính trị": "T/M BỘ CHÍNH TRỊ", "Ban Bí thư": "T/M BAN BÍ THƯ"}.get(
            doc.issuer, "T/M BAN CHẤP HÀNH TRUNG ƯƠNG"
        )
        roles = (
            ("TRƯỞNG BAN",)
            if commission
            else (authority, rng.choice(("TỔNG BÍ THƯ", "THƯỜNG TRỰC BAN BÍ THƯ")))
        )
        recipients = [
            "Các tỉnh ủy, thành ủy",
            "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương",
            "Các đảng ủy đơn vị sự nghiệp Trung ương",
        ]
        signers = self._closing(w, recipients, roles, "Lưu Văn phòng Trung ương Đảng")
        info = DocumentInfo(
            kind=doc.kind,
            number=doc.number,
            symbol=doc.symbol,
            date=doc.date.isoformat(),
            issuer=doc.issuer,
            place="Hà Nội",
            title=f"{type_word} về {doc.topic}",
            signers=signers,
            recipients=recipients,
        )
        name = f"tw-{slugify(doc.symbol)}-{doc.date.year}"
        return self._finish(index, name, w, info, doc.identity)

    # -- local documents ----------------------------------------------------------------------

    def _local_document(self, index: int, day: dt.date) -> tuple[str, str, Extraction, str]:
        rng = self.rng
        provinces = [p for p in self.catalogue.provinces if p.established <= day.year]
        province = rng.choice(provinces)
        purpose = rng.choices(_PURPOSE_NAMES, _PURPOSE_WEIGHTS)[0]
        district = (
            rng.choice(province.districts)
            if rng.random() < 0.3 and purpose != "state_plan"
            else None
        )
        bodies = _issuers(province, district)
        if purpose == "state_plan":
            issuer = next(b for b, _ in bodies if not b.party)
        else:
            party = [(b, weight) for b, weight in bodies if b.party]
            issuer = rng.choices([b for b, _ in party], [weight for _, weight in party])[0]
        if purpose == "amends" and (
            issuer.code != "TU" or not self.memory[province.slug].regulations
        ):
            purpose = "implements"
        w = DocumentWriter(rng, self._style())
        memory = self.memory[province.slug]
        target = self._pick_target(day, purpose)
        kind = self._own_kind(purpose, issuer)
        number: str | None
        symbol: str | None
        number, symbol = self._number(issuer, kind, day)
        if rng.random() < 0.02:
            number = symbol = None  # some plans carry no number at all
        web = rng.random() < 0.08
        place = district or province.name
        chain = self._chain_parent(memory, target, day, issuer)
        type_word = TYPE_WORDS[kind] if kind != "chuong-trinh" else "Chương trình hành động"
        if web:
            posted = day + dt.timedelta(days=rng.randint(1, 900))
            w.raw(f"{WEEKDAYS[posted.weekday()]}, {posted.day}/{posted.month}/{posted.year}")
            w.line()
            numbered = f" số {symbol}" if symbol else ""
            w.line(f"{type_word}{numbered} ngày {day:%d/%m/%Y} của {issuer.name}")
            w.line()
        else:
            right = (
                "ĐẢNG CỘNG SẢN VIỆT NAM" if issuer.party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
            )
            place_line = f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
            number_line = (
                f"Số{':' if not issuer.party else ''} {self._dashed(w, number, symbol)}"
                if symbol
                else "Số"
            )
            self._header(w, issuer.header, right, place_line, number_line, state=not issuer.party)
            w.line(type_word.upper())
        # The summary line of the title block: what this plan does, naming its target.
        summary = self._title_block(w, purpose, target, day, province, district)
        w.line("-----")
        self._preamble(w, purpose, target, chain, issuer, day, province)
        national = term_of(day)
        self._body(
            w,
            day,
            province=province,
            primary=target,
            congress=(national.ordinal, national.congress_year),
        )
        roles = self._roles(issuer)
        recipients = self._recipients(issuer)
        signers = self._closing(w, recipients, roles, "Lưu VT")
        if web:
            if symbol:
                w.line(f" File: {type_word} số {symbol}")
            for item in rng.sample(WEB_FURNITURE, 3):
                w.line()
                w.raw(item)
                w.line()
        info = DocumentInfo(
            kind=kind,
            number=number,
            symbol=symbol,
            date=day.isoformat(),
            issuer=w.style.spell(issuer.name),
            place=None if web else place,
            title=w.style.spell(f"{type_word} {summary}"),
            signers=signers,
            recipients=[] if web else recipients,
        )
        identity = (
            f"urn:doc:{kind}:{day.year}:{issuer.scope}/{symbol}"
            if symbol
            else f"urn:doc:{kind}:{day.year}:{issuer.scope}/unnumbered-{index}"
        )
        if symbol and number and issuer.code == "TU":
            memory.remember(
                LocalDoc(
                    kind,
                    number,
                    symbol,
                    day,
                    issuer.cited_as,
                    identity,
                    summary,
                    target,
                )
            )
        name = f"{issuer.scope.replace('/', '-')}-{slugify(symbol) if symbol else kind}-{day.year}"
        return self._finish(index, name, w, info, identity)

    # -- pieces -------------------------------------------------------------------------------

    def _style(self) -> Style:
        rng = self.rng
        return Style(
            old_tones=rng.random() < 0.3,
            nfd_line_rate=0.05 if rng.random() < 0.1 else 0.0,
            dash_noise=0.15 if rng.random() < 0.4 else 0.0,
            typo_rate=0.05,
        )

    def _dashed(self, w: DocumentWriter, number: str | None, symbol: str) -> str:
        if number and w.style.dash_noise and "-" in symbol and symbol.find("-") < symbol.find("/"):
            return number + self.rng.choice((" - ", " – ", "-")) + symbol[len(number) + 1 :]
        return symbol

    def _header(
        self,
        w: DocumentWriter,
        left: tuple[str, ...],
        right: str,
        place_line: str,
        number_line: str,
        state: bool = False,
    ) -> None:
        """The two-column header of Hướng dẫn 36-HD/VPTW (Party) or Nghị định 30/2020 (state)."""
        width = 40 + self.rng.randint(0, 8)
        lefts = [*left, "*" if not state else "-------", number_line]
        rights = (
            [right, "Độc lập - Tự do - Hạnh phúc", "---------------", place_line]
            if state
            else [right, place_line]
        )
        for position in range(max(len(lefts), len(rights))):
            text = lefts[position] if position < len(lefts) else ""
            column = rights[position] if position < len(rights) else ""
            w.line((text.center(width - 4) if text else "").ljust(width) + column)
        w.line()

    def _pick_target(self, day: dt.date, purpose: str) -> CentralDoc | None:
        """The central document a plan of `day` acts on, at a skewed lag (most within months)."""
        rng = self.rng
        documents = self.catalogue.documents
        if purpose in ("congress", "work_plan"):
            return None
        if purpose == "reviews":
            # Only spans that reach back into the catalogue: older targets would all collapse
            # onto its first document.
            first_year = documents[0].date.year
            spans = [n for n in (3, 5, 5, 5, 10, 10, 15, 20) if day.year - n > first_year]
            years = rng.choice(spans or [1])
            when = day - dt.timedelta(days=int(365.25 * years) + rng.randint(-120, 120))
        elif purpose == "continues":
            when = day - dt.timedelta(days=int(rng.lognormvariate(math.log(900), 0.5)))
        else:
            when = day - dt.timedelta(days=int(rng.lognormvariate(math.log(70), 0.9)))
        if purpose == "state_plan" and rng.random() < 0.5:
            state = self.catalogue.state_documents
            position = next((i for i in range(len(state) - 1, -1, -1) if state[i].date <= when), 0)
            return state[max(0, position - rng.randint(0, 3))]
        position = self.catalogue.issued_before(when) - 1 - rng.randint(0, 4)
        if position < 0:
            earliest = documents[rng.randrange(min(20, len(documents)))]
            return earliest if earliest.date < day else None
        return documents[position]

    def _own_kind(self, purpose: str, issuer: Issuer) -> str:
        rng = self.rng
        if purpose == "amends":
            return "quyet-dinh"
        if purpose == "reviews":
            return rng.choice(("ke-hoach", "ke-hoach", "bao-cao"))
        if purpose == "disseminates":
            return rng.choice(("ke-hoach", "huong-dan"))
        if issuer.code in ("TU", "HU", "QU") and purpose == "implements":
            return rng.choice(
                (
                    "ke-hoach",
                    "chuong-trinh",
                    "chuong-trinh",
                    "thong-tri",
                    "nghi-quyet",
                    "quyet-dinh",
                )
            )
        return "ke-hoach"

    def _number(self, issuer: Issuer, kind: str, day: dt.date) -> tuple[str, str]:
        """Next number of this body: Party per type and local term, state per calendar year."""
        code = {
            "ke-hoach": "KH", "chuong-trinh": "CTr", "thong-tri": "TT", "nghi-quyet": "NQ",
            "bao-cao": "BC", "huong-dan": "HD", "quyet-dinh": "QĐ",
        }[kind]  # fmt: skip
        if issuer.party:
            period = local_term_start(day, district=issuer.district is not None).isoformat()
            key = (issuer.scope + issuer.code, code, period)
        else:
            key = (issuer.scope + issuer.code, "", str(day.year))
        value = self.counters.get(key, 0) + self.rng.randint(1, self.number_gap)
        self.counters[key] = value
        number = f"{value:02d}" if value < 10 and self.rng.random() < 0.5 else str(value)
        if issuer.party:
            return number, f"{number}-{code}/{issuer.code}"
        return number, f"{number}/{code}-UBND"

    def _chain_parent(
        self, memory: _ProvinceMemory, target: CentralDoc | None, day: dt.date, issuer: Issuer
    ) -> LocalDoc | None:
        """The committee plan this body's plan builds on (the chain centre -> province -> body)."""
        if issuer.code == "TU":
            return None
        for doc in reversed(memory.plans):
            if doc.date < day and (target is None or doc.target == target):
                return doc
        return memory.plans[-1] if memory.plans and memory.plans[-1].date < day else None

    def _title_block(
        self,
        w: DocumentWriter,
        purpose: str,
        target: CentralDoc | None,
        day: dt.date,
        province: Province,
        district: str | None,
    ) -> str:
        """Write the summary line under the type word; returns it (the document title's tail)."""
        rng = self.rng
        if purpose == "congress" or target is None:
            if purpose == "work_plan" or rng.random() < 0.3:
                text = f"{rng.choice(FIELDS)} năm {day.year}"
                w.line(text)
                return text
            national = term_of(day)
            w.text("hành động thực hiện ")
            cite_national_congress(w, national.ordinal, national.congress_year, "implements")
            w.text(", ")
            congress_year = max(
                y
                for y in (2000, 2005, 2010, 2015, 2020)
                if y < day.year or (y == day.year and day.month > 10)
            )
            cite_local_congress(
                w,
                province,
                congress_year,
                "implements",
                district if rng.random() < 0.5 else None,
                elliptical=rng.random() < 0.3,
            )
            w.line(f" về {rng.choice(FIELDS)}")
        else:
            if purpose == "reviews":
                years = max(1, day.year - target.date.year)
                lead = f"{'sơ kết' if years <= 5 else 'tổng kết'} {years} năm thực hiện "
                relation = "reviews"
            elif purpose == "amends":
                lead, relation = "thực hiện ", "implements"
            elif purpose == "state_plan":
                lead, relation = "triển khai thực hiện ", "implements"
            elif purpose in VERBS:
                lead, relation = f"{rng.choice(VERBS[purpose])} ", purpose
            else:
                lead, relation = "thực hiện ", "implements"
            w.text(lead)
            ref = cite_central(w, target, relation, with_issuer=rng.random() < 0.6)
            write_title(w, ref, target.topic)
            w.line()
        return _collapse(w.last_line)

    def _preamble(
        self,
        w: DocumentWriter,
        purpose: str,
        target: CentralDoc | None,
        chain: LocalDoc | None,
        issuer: Issuer,
        day: dt.date,
        province: Province,
    ) -> None:
        """The "Căn cứ ..." / "Thực hiện ..." lines that state what the plan rests on."""
        rng = self.rng
        laws = [law for law in self.catalogue.laws if law.year <= day.year]
        if not issuer.party and laws:
            w.text("Căn cứ ")
            cite_law(w, rng.choice(laws), "based_on")
            w.line(";")
        if chain is not None:
            w.text(f"- {rng.choice(VERBS['based_on'])} ")
            ref = cite_local(w, chain, "based_on")
            if chain.target is not None and rng.random() < 0.6:
                w.text(" về thực hiện ")
                inner = cite_central(
                    w, chain.target, "cites", dated=rng.random() < 0.5, with_issuer=False
                )
                w.link(ref, "implements", inner)
                w.set_title(ref, f"thực hiện {w.references[inner].surface}")
            w.line(";")
        if target is not None:
            if can_shorten(w, target.identity):
                w.text(f"- {rng.choice(('Thực hiện', 'Triển khai thực hiện'))} ")
                cite_short(w, target, "implements")
            else:
                w.text("- Thực hiện ")
                cite_central_with_chain(w, target, "implements")
            w.line(",")
        if purpose == "amends":
            memory = self.memory[province.slug]
            regulation = rng.choice(memory.regulations)
            verb, relation = rng.choice((("sửa đổi, bổ sung", "amends"), ("thay thế", "replaces")))
            w.text(f"{issuer.cited_as} ban hành quyết định {verb} ")
            cite_local(w, regulation, relation)
            w.line(".")
            return
        w.line(f"{issuer.cited_as} xây dựng kế hoạch thực hiện cụ thể như sau:")

    def _body(
        self,
        w: DocumentWriter,
        day: dt.date,
        province: Province | None,
        primary: CentralDoc | None,
        congress: tuple[str, int],
    ) -> None:
        """Sections of bullets: mostly prose, some citing with a verb in front."""
        rng = self.rng
        headings = rng.choice(SECTION_HEADINGS)
        bullets = max(5, min(60, int(rng.lognormvariate(math.log(16), 0.5))))
        earlier = self.catalogue.issued_before(day)
        for section, heading in enumerate(headings):
            w.line(f"{('I', 'II', 'III')[section]}. {heading}")
            share = bullets // 2 if section == 1 else bullets // 4
            subsections = rng.randint(1, 4)
            for sub in range(subsections):
                heading_text = rng.choice(OBJECTS)
                w.line(f"{sub + 1}. {heading_text[0].upper()}{heading_text[1:]}")
                for _ in range(max(1, share // subsections)):
                    self._bullet(w, day, province, primary, earlier, congress)
                if rng.random() < 0.4:
                    w.line(f"- Thời gian thực hiện: {self._deadline(day)}.")

    def _deadline(self, day: dt.date) -> str:
        """A deadline in the forms plans use: "quý III/2021", "tháng 3/2022", "năm 2023"."""
        rng = self.rng
        year = day.year + rng.choice((0, 0, 1))
        form = rng.random()
        if form < 0.4:
            return f"quý {('I', 'II', 'III', 'IV')[rng.randrange(4)]}/{year}"
        if form < 0.8:
            return f"tháng {rng.randint(1, 12)}/{year}"
        return f"năm {year}"

    def _bullet(
        self,
        w: DocumentWriter,
        day: dt.date,
        province: Province | None,
        primary: CentralDoc | None,
        earlier: int,
        congress: tuple[str, int],
    ) -> None:
        rng = self.rng
        w.text(rng.choice(("- ", "- ", "+ ", "")))
        w.text(f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}")
        roll = rng.random()
        documents = self.catalogue.documents
        if roll < 0.35 or earlier == 0:
            w.text(f", {rng.choice(PURPOSES)}. ")
            self._filler(w)
        elif roll < 0.6 and primary is not None and can_shorten(w, primary.identity):
            relation = rng.choice(("implements", "disseminates", "inspects", "continues"))
            w.text(f"; {rng.choice(VERBS[relation])} ")
            cite_short(w, primary, relation)
            w.text(f", {rng.choice(PURPOSES)}.")
        elif roll < 0.75:
            doc = documents[rng.randrange(max(0, earlier - 120), earlier)]
            relation = rng.choice(("implements", "disseminates", "inspects", "cites", "continues"))
            w.text(f"; {rng.choice(VERBS[relation])} ")
            if can_shorten(w, doc.identity) and rng.random() < 0.6:
                cite_short(w, doc, relation)
                w.text(".")
            else:
                ref = cite_central_with_chain(w, doc, relation)
                if rng.random() < 0.2 and w.references[ref].date:
                    w.text(" (")
                    cite_short(w, doc, relation)
                    w.text(")")
                w.text(".")
        elif roll < 0.82:
            doc = documents[rng.randrange(max(0, earlier - 200), earlier)]
            years = day.year - doc.date.year
            if years >= 1:
                w.text(f"; tổ chức {'sơ kết' if years <= 5 else 'tổng kết'} {years} năm thực hiện ")
                cite_central(w, doc, "reviews")
            w.text(".")
        elif roll < 0.87:
            self._shared_date_list(w, earlier)
        elif roll < 0.91:
            plenums = [p for p in self.catalogue.plenums if p.date < day]
            if plenums:
                w.text("; thực hiện ")
                cite_plenum(w, rng.choice(plenums[-12:]), "implements")
            w.text(".")
        elif roll < 0.95:
            laws = [law for law in self.catalogue.laws if law.year <= day.year]
            if laws:
                verb, relation = rng.choice((("thực hiện", "implements"), ("theo", "cites")))
                w.text(f"; {verb} ")
                cite_law(w, rng.choice(laws), relation)
            w.text(".")
        else:
            w.text(", góp phần thực hiện thắng lợi ")
            cite_national_congress(w, congress[0], congress[1], "implements")
            if province is not None and rng.random() < 0.5:
                w.text(" và ")
                year = max(
                    y for y in (2000, 2005, 2010, 2015, 2020) if y <= day.year - (day.month < 11)
                )
                cite_local_congress(w, province, year, "implements")
            w.text(".")
        w.line()

    def _shared_date_list(self, w: DocumentWriter, earlier: int) -> None:
        """Resolutions of one plenum (or documents of one day) cited with one date."""
        rng = self.rng
        documents = self.catalogue.documents
        position = rng.randrange(max(0, earlier - 200), earlier)
        day = documents[position].date
        same_day = [
            d
            for d in documents[max(0, position - 5) : position + 5]
            if d.date == day and d.symbol.endswith("/TW")
        ]
        if len(same_day) < 2:
            w.text(f", {rng.choice(PURPOSES)}.")
            return
        relation = rng.choice(("implements", "disseminates", "continues"))
        w.text(f"; {rng.choice(VERBS[relation])} ")
        cite_shared_list(w, same_day[:3], relation)
        w.text(".")

    def _filler(self, w: DocumentWriter) -> None:
        sentence = self.rng.choice(FILLERS)
        if self.rng.random() < w.style.typo_rate:
            for right, wrong in TYPOS:
                if right in sentence:
                    sentence = sentence.replace(right, wrong, 1)
                    break
            else:
                words = sentence.split(" ")
                spot = self.rng.randrange(len(words))
                words.insert(spot, words[spot])  # a doubled word, as in "Nghị quyết quyết"
                sentence = " ".join(words)
        if self.rng.random() < 0.05:
            sentence = sentence.replace(" ", "\u00a0", 1).replace(", ", ",  ", 1)
        w.text(sentence)

    def _roles(self, issuer: Issuer) -> tuple[str, ...]:
        rng = self.rng
        if not issuer.party:
            return (
                ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
                if rng.random() < 0.6
                else ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
            )
        if issuer.code in ("TU", "HU", "QU"):
            return (
                "T/M BAN THƯỜNG VỤ",
                rng.choice(("BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC")),
            )
        if rng.random() < 0.5:
            return ("TRƯỞNG BAN",)
        return ("K/T TRƯỞNG BAN", rng.choice(("PHÓ TRƯỞNG BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC")))

    def _recipients(self, issuer: Issuer) -> list[str]:
        province = issuer.province
        committee = province.committee
        pool = [
            f"Thường trực {committee}",
            f"Văn phòng {committee}",
            "Các sở, ban, ngành, đoàn thể liên quan",
            "Các huyện ủy, thị ủy, thành ủy trực thuộc",
            "Ban Dân vận các huyện, thị, thành ủy",
            "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
            "Lãnh đạo và các phòng thuộc Ban",
        ]
        above = "Ban Dân vận Trung ương" if "BDV" in issuer.code else f"Ban Thường vụ {committee}"
        chosen = self.rng.sample(pool, self.rng.randint(2, 5))
        return [above, *chosen]

    def _closing(
        self, w: DocumentWriter, recipients: list[str], roles: tuple[str, ...], archive: str
    ) -> list[Signer]:
        """Closing sentence, "Nơi nhận:" dash list and the signer block."""
        rng = self.rng
        w.line("Trên đây là kế hoạch triển khai thực hiện, đề nghị các cơ quan, đơn vị thực hiện.")
        w.line()
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
        w.line(_beside("Nơi nhận:", roles[0]))
        for position, recipient in enumerate(recipients):
            mark = " (b/c)" if position == 0 else ""
            side = roles[position + 1] if position + 1 < len(roles) else ""
            w.line(_beside(f"- {recipient}{mark},", side))
        w.line(_beside(f"- {archive}.", "(đã ký)" if rng.random() < 0.5 else ""))
        w.line(" " * 44)
        w.raw(" " * 44 + name)
        w.line()
        return [Signer(name, ", ".join(roles))]

    def _finish(
        self, index: int, name: str, w: DocumentWriter, info: DocumentInfo, identity: str
    ) -> tuple[str, str, Extraction, str]:
        text, references, links = w.finish()
        file_name = f"{index // DOCS_PER_FOLDER:04d}/{index:07d}-{name}.txt"
        truth = Extraction(
            source=file_name,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            document=info,
            references=references,
            links=links,
        )
        return file_name, text, truth, identity


def _collapse(text: str) -> str:
    return " ".join(text.split())


def generate_corpus(
    n: int,
    seed: int,
    out_dir: Path,
    *,
    truth: bool = True,
    progress: Callable[[int], None] | None = None,
) -> CorpusSummary:
    """Write n documents under ``out_dir/docs``, their ground truth to ``out_dir/truth.jsonl``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docs_dir = out_dir / "docs"
    generator = CorpusGenerator(n, seed)
    total_bytes = total_refs = total_links = 0
    truth_file = (out_dir / "truth.jsonl").open("w", encoding="utf-8") if truth else None
    try:
        for position, (file_name, text, extraction, identity) in enumerate(generator.documents()):
            path = docs_dir / file_name
            if position % DOCS_PER_FOLDER == 0:
                path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            total_bytes += len(data)
            total_refs += len(extraction.references)
            total_links += len(extraction.links)
            if truth_file is not None:
                line = extraction.to_json()
                line["identity"] = identity
                truth_file.write(json.dumps(line, ensure_ascii=False) + "\n")
            if progress is not None:
                progress(position + 1)
    finally:
        if truth_file is not None:
            truth_file.close()
    manifest = {
        "generator": GENERATOR_VERSION,
        "documents": n,
        "seed": seed,
        "bytes": total_bytes,
        "references": total_refs,
        "links": total_links,
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return CorpusSummary(n, total_bytes, total_refs, total_links, out_dir)


def _beside(left: str, right: str) -> str:
    """Two columns of a signature block: the right one at column 44, or two spaces past a long
    left one, as a converted table cell would be."""
    if not right:
        return left.ljust(44)
    return f"{left.ljust(42)}  {right}" if len(left) >= 42 else left.ljust(44) + right
