"""Every way a plan names another document, written into a DocumentWriter with its ground truth.

One function per reference form of the domain primer: numbered Party and state documents (full,
with the date and issuer attached or not, dash and spacing variants, a date shared by a list),
short forms after a full citation, congress and plenum resolutions without a number, laws by
name, and local documents of the same province. The surface follows the dev gold's conventions:
from the type word through the number, plus the date, issuer and term attached to it; a title
never belongs to the surface.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from benchmarks.catalogue import (
    ORDINAL_WORDS,
    CentralDoc,
    Law,
    Plenum,
    Province,
    slugify,
)
from benchmarks.writer import DocumentWriter
from kg.extract.model import Congress
from kg.extract.model import Plenum as PlenumRef

TYPE_WORDS: dict[str, str] = {
    "nghi-quyet": "Nghị quyết",
    "chi-thi": "Chỉ thị",
    "ket-luan": "Kết luận",
    "quyet-dinh": "Quyết định",
    "quy-dinh": "Quy định",
    "ke-hoach": "Kế hoạch",
    "chuong-trinh": "Chương trình",
    "huong-dan": "Hướng dẫn",
    "thong-bao": "Thông báo",
    "thong-tri": "Thông tri",
    "bao-cao": "Báo cáo",
    "nghi-dinh": "Nghị định",
    "thong-tu": "Thông tư",
    "cong-van": "Công văn",
}

# A few kinds have several names in running text ("Thông báo kết luận", "Chương trình hành động").
TYPE_WORD_VARIANTS: dict[str, tuple[str, ...]] = {
    "thong-bao": ("Thông báo", "Thông báo kết luận"),
    "chuong-trinh": ("Chương trình", "Chương trình hành động"),
}

BCH_NAMES = ("Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương", "BCH Trung ương Đảng")


@dataclass(frozen=True)
class LocalDoc:
    """A document of a province or district, once written: later plans there may cite it."""

    kind: str
    number: str
    symbol: str
    date: dt.date
    issuer: str  # as later plans of the same province name it ("Ban Thường vụ Tỉnh ủy")
    identity: str
    topic: str
    target: CentralDoc | None  # the central document it implements, if any


def format_date(rng: random.Random, day: dt.date) -> str:
    """One of the date forms of real plans ("03/6/2013", "25-10-2018", "17 tháng 8 năm 2021")."""
    form = rng.random()
    if form < 0.55:
        return f"{day.day:02d}/{day.month}/{day.year}"
    if form < 0.75:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if form < 0.87:
        return f"{day.day}-{day.month}-{day.year}"
    return f"{day.day:02d} tháng {day.month} năm {day.year}"


def _date_phrase(rng: random.Random, day: dt.date) -> str:
    return (", ngày " if rng.random() < 0.6 else " ngày ") + format_date(rng, day)


def _state_shaped(symbol: str) -> bool:
    """State symbols put the number before a slash ("18/CT-UBND"), Party ones before a dash."""
    return symbol.find("/") < symbol.find("-") or "-" not in symbol


def _written_symbol(w: DocumentWriter, number: str, symbol: str) -> str:
    """The symbol as typed: Party symbols sometimes get spaces or an en dash around the hyphen."""
    if _state_shaped(symbol):
        return symbol  # typed cleanly in practice
    if w.rng.random() >= w.style.dash_noise:
        return symbol
    rest = symbol[len(number) + 1 :]
    return number + w.rng.choice((" - ", " – ", "- ", " -", "–")) + rest


def _type_word(rng: random.Random, kind: str) -> str:
    variants = TYPE_WORD_VARIANTS.get(kind)
    return rng.choice(variants) if variants else TYPE_WORDS[kind]


def _issuer_name(rng: random.Random, doc: CentralDoc) -> str:
    if doc.issuer == "Ban Chấp hành Trung ương Đảng":
        return rng.choice(BCH_NAMES)
    return doc.issuer


def _symbol_year(doc: CentralDoc) -> int | None:
    parts = doc.symbol.split("/")
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


def _stated_date(rng: random.Random, day: dt.date) -> dt.date:
    """The date a plan gives: now and then a day or a year off, as sources disagree in real text
    (217-QĐ/TW is dated 12/12/2013, 13/12/2013 and 12/12/2014 by different plans)."""
    if rng.random() >= 0.02:
        return day
    if rng.random() < 0.5:
        return day + dt.timedelta(days=1)
    return day.replace(year=day.year + 1, day=min(day.day, 28))


def cite_central(
    w: DocumentWriter,
    doc: CentralDoc,
    relation: str,
    *,
    dated: bool | None = None,
    with_issuer: bool | None = None,
) -> int:
    """A full citation of a numbered document: "Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của ..."."""
    rng = w.rng
    dated = rng.random() < 0.85 if dated is None else dated
    with_issuer = rng.random() < 0.8 if with_issuer is None else with_issuer
    parts = [_type_word(rng, doc.kind), " số " if rng.random() < 0.9 else " "]
    parts.append(_written_symbol(w, doc.number, doc.symbol))
    issuer = _issuer_name(rng, doc) if with_issuer else None
    term = None
    stated = _stated_date(rng, doc.date) if dated else None
    if stated:
        parts.append(_date_phrase(rng, stated))
    if issuer:
        parts.append(" của " + issuer)
        if doc.symbol.endswith("/TW") and rng.random() < 0.3:
            term = doc.term
            parts.append(f" (khóa {term})" if rng.random() < 0.6 else f" khóa {term}")
    ref_id = w.reference(
        "".join(parts),
        kind=doc.kind,
        number=doc.number,
        symbol=doc.symbol,
        date=stated.isoformat() if stated else None,
        year=stated.year if stated else (_symbol_year(doc) or doc.date.year),
        issuer=issuer,
        term=term,
        relation=relation,
        resolved=doc.identity,
    )
    if dated:
        w.full_citations[doc.identity] = ref_id
    return ref_id


def cite_shared_list(w: DocumentWriter, docs: list[CentralDoc], relation: str) -> list[int]:
    """Documents of one day cited as a list, the date and issuer written once at the end."""
    rng = w.rng
    issuer = _issuer_name(rng, docs[-1])
    ids = []
    for position, doc in enumerate(docs):
        last = position == len(docs) - 1
        if position:
            w.text(" và " if last else ", ")
        surface = f"{_type_word(rng, doc.kind)} số {_written_symbol(w, doc.number, doc.symbol)}"
        if last:
            surface += _date_phrase(rng, doc.date) + " của " + issuer
        ref_id = w.reference(
            surface,
            kind=doc.kind,
            number=doc.number,
            symbol=doc.symbol,
            date=doc.date.isoformat(),
            year=doc.date.year,
            issuer=issuer,
            relation=relation,
            resolved=doc.identity,
        )
        w.full_citations[doc.identity] = ref_id
        ids.append(ref_id)
    return ids


def can_shorten(w: DocumentWriter, identity: str) -> bool:
    return identity in w.full_citations


def cite_short(w: DocumentWriter, doc: CentralDoc | LocalDoc, relation: str) -> int:
    """A back-reference to a document cited in full earlier: "Nghị quyết số 25", "QĐ 290"."""
    rng = w.rng
    antecedent = w.full_citations[doc.identity]
    form = rng.random()
    symbol: str | None = None
    state_shape = _state_shaped(doc.symbol)
    if doc.kind == "quyet-dinh" and form < 0.15 and not state_shape:
        surface = f"QĐ {doc.number}"
    elif form < 0.55 and not state_shape:
        surface = f"{TYPE_WORDS[doc.kind]} số {doc.number}"
    else:
        symbol = doc.symbol
        surface = f"{TYPE_WORDS[doc.kind]} số {doc.symbol}"
    year = doc.date.year
    return w.reference(
        surface,
        kind=doc.kind,
        number=doc.number,
        symbol=symbol,
        year=year,
        relation=relation,
        resolved=doc.identity,
        short_form=True,
        antecedent=antecedent,
    )


def write_title(w: DocumentWriter, ref_id: int, topic: str) -> None:
    """The subject after a citation: ' về “...”' or ' về ...' (never part of the surface)."""
    if w.rng.random() < 0.4:
        w.text(f" về “{topic[0].upper()}{topic[1:]}”")
    else:
        w.text(f" về {topic}")
    w.set_title(ref_id, topic)


def cite_central_with_chain(w: DocumentWriter, doc: CentralDoc, relation: str) -> int:
    """A full citation whose title states what it does with an earlier document (a link)."""
    ref_id = cite_central(w, doc, relation)
    if doc.follows is None or w.rng.random() < 0.3:
        write_title(w, ref_id, doc.topic)
        return ref_id
    link_relation, earlier = doc.follows
    if link_relation == "replaces":
        write_title(w, ref_id, doc.topic)
        w.text(" (thay thế ")
    else:
        lead = "tiếp tục thực hiện " if link_relation == "continues" else "thực hiện "
        w.text(" về " + lead)
    if can_shorten(w, earlier.identity) and w.rng.random() < 0.5:
        inner = cite_short(w, earlier, "cites")
    else:
        inner = cite_central(w, earlier, "cites", dated=w.rng.random() < 0.4, with_issuer=False)
    if link_relation == "replaces":
        w.text(")")
    else:
        w.text(f" về {earlier.topic}")
        written = w.references[inner].surface
        w.set_title(ref_id, f"{lead}{written} về {earlier.topic}")
    w.link(ref_id, link_relation, inner)
    return ref_id


def cite_local(w: DocumentWriter, doc: LocalDoc, relation: str) -> int:
    """A document of the same province: "Kế hoạch số 31-KH/TU, ngày 06/9/2013 của Tỉnh ủy"."""
    rng = w.rng
    dated = rng.random() < 0.9
    surface = f"{_type_word(rng, doc.kind)} số {_written_symbol(w, doc.number, doc.symbol)}"
    if dated:
        surface += _date_phrase(rng, doc.date)
    surface += " của " + doc.issuer
    ref_id = w.reference(
        surface,
        kind=doc.kind,
        number=doc.number,
        symbol=doc.symbol,
        date=doc.date.isoformat() if dated else None,
        year=doc.date.year,
        issuer=doc.issuer,
        relation=relation,
        resolved=doc.identity,
    )
    if dated:
        w.full_citations[doc.identity] = ref_id
    return ref_id


def cite_national_congress(w: DocumentWriter, ordinal: str, year: int, relation: str) -> int:
    surface = w.rng.choice(
        (
            f"Nghị quyết Đại hội Đảng toàn quốc lần thứ {ordinal}",
            f"Nghị quyết Đại hội {ordinal} của Đảng",
            f"Nghị quyết Đại hội đại biểu toàn quốc lần thứ {ordinal} của Đảng",
            f"Nghị quyết Đại hội lần thứ {ordinal} của Đảng",
        )
    )
    return w.reference(
        surface,
        kind="nghi-quyet",
        year=year,
        congress=Congress(ordinal, "toan-quoc"),
        relation=relation,
        resolved=f"urn:doc:nghi-quyet:{year}:DH-{ordinal}",
    )


def cite_local_congress(
    w: DocumentWriter,
    province: Province,
    year: int,
    relation: str,
    district: str | None = None,
    *,
    elliptical: bool = False,
) -> int:
    """A local congress resolution ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI").

    `elliptical` drops "Nghị quyết", as real plans do after a first congress in a list
    ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, Đại hội Đảng bộ tỉnh lần thứ XI").
    """
    ordinal = province.congress_ordinal(year)
    if district is None:
        unit, place, scope = province.unit_word, province.name, province.kind
        key = f"DH-{ordinal}-{province.slug}"
    else:
        # District congress ordinals are invented from the province's, shifted.
        ordinal = province.congress_ordinal(year - 5)
        unit, place, scope = "huyện", district, "huyen"
        key = f"DH-{ordinal}-{province.slug}-{slugify(district)}"
    named = w.rng.random() < 0.35
    where = f"{unit} {place}" if named else unit
    surface = w.rng.choice(
        (
            f"Nghị quyết Đại hội Đảng bộ {where} lần thứ {ordinal}",
            f"Nghị quyết Đại hội đại biểu Đảng bộ {where} lần thứ {ordinal}",
            f"Nghị quyết Đại hội {ordinal} Đảng bộ {where}",
        )
    )
    if elliptical:
        surface = surface.removeprefix("Nghị quyết ")
    ref_id = w.reference(
        surface,
        kind="nghi-quyet",
        year=year,
        congress=Congress(ordinal, scope, place if named else None),
        relation=relation,
        resolved=f"urn:doc:nghi-quyet:{year}:{key}",
    )
    if w.rng.random() < 0.5:
        w.text(f", nhiệm kỳ {year} - {year + 5}")
    return ref_id


def cite_plenum(w: DocumentWriter, plenum: Plenum, relation: str) -> int:
    """A plenum resolution ("Nghị quyết Trung ương 4 (khóa XII)") and its spelled-out forms."""
    n, term = plenum.ordinal, plenum.term
    surface = w.rng.choice(
        (
            f"Nghị quyết Trung ương {n} (khóa {term})",
            f"Nghị quyết Trung ương {n} khóa {term}",
            f"Nghị quyết Hội nghị lần thứ {ORDINAL_WORDS[n - 1]} Ban Chấp hành Trung ương Đảng"
            f" khóa {term}",
        )
    )
    return w.reference(
        surface,
        kind="nghi-quyet",
        year=plenum.date.year,
        term=term,
        plenum=PlenumRef(n),
        relation=relation,
        resolved=plenum.identity,
    )


def cite_law(w: DocumentWriter, law: Law, relation: str) -> int:
    """A law by its name ("Luật Thực hiện dân chủ ở cơ sở"), sometimes with its number."""
    numbered = w.rng.random() < 0.3
    surface = f"{law.name} số {law.number}" if numbered else law.name
    return w.reference(
        surface,
        kind="luat",
        number=law.number.split("/")[0] if numbered else None,
        symbol=law.number if numbered else None,
        year=law.year,
        relation=relation,
        resolved=law.identity,
    )
