"""Relations between documents that cannot be right, each with the sentences that state it.

`kg check` reports them over the whole graph, a document's card (`kg show`, its web page) those
it takes part in (`document_findings`):

- ``without-authority``: a document amends, replaces or repeals one whose issuer its own issuer
  has no authority over (the rules below);
- ``implausible-chain``: a document implements, continues, reviews, inspects, guides or
  disseminates one issued after it, or amends, replaces or repeals one issued after it (by every
  date the sources state: the latest date of the acting document before the earliest of the
  other);
- ``self-citation``: a document cites itself (its own symbol read as a reference, or two
  documents merged into one node), one finding per file that says so.

Each finding carries the citing sentences (the ``vk:sentence`` of the citation resources whose
``vk:citingDocument``, ``vk:citedDocument`` and ``vk:relation`` are the relation), their files and
spans, so a reader can tell a misread sentence from a wrong text. A relation only the registry
states has no sentence.

Who may amend, replace or repeal a document
-------------------------------------------
Party documents: "Văn bản của Đảng chỉ được sửa đổi, bổ sung, thay thế, bãi bỏ bởi chính cơ quan
đã ban hành văn bản, hoặc cơ quan đảng cấp trên có thẩm quyền" (Quy định 66-QĐ/TW of 6 February
2017, Ban Bí thư, on the kinds, authority and format of Party documents; Quy định 399-QĐ/TW of
9 January 2026, Ban Bí thư, rules on the same and also on amending and repealing, per lsvn.vn's
summary of it). State documents: a legal document is amended, replaced or repealed by a document
of the body that issued it, and suspended or repealed by a higher body with the power to (Luật
Ban hành văn bản quy phạm pháp luật 80/2015/QH13, Điều 12). Each rule speaks of its own
system's bodies and documents: a state body has no power over a Party document, nor a Party body
over a state document.

The same body is the registry's body, or a body the registry makes its successor (the 2025
mergers of commissions and of provinces). Within one level, branch and place, a body's rank
(0 the highest), and where it comes from:

====  ==========================================  ===========================================
rank  national Party body                         source
====  ==========================================  ===========================================
0     Ban Chấp hành Trung ương                    Điều lệ Đảng, Điều 17: it elects the Bộ
1     Bộ Chính trị                                Chính trị and the Ban Bí thư; the Ban Bí thư
2     Ban Bí thư                                  leads the Party's daily work
3     the central commissions and organs (Ban     bodies.csv: their parent is the Ban Chấp hành
      Dân vận TW, Ban Tổ chức TW, Văn phòng TW…)  Trung ương or the Bộ Chính trị
====  ==========================================  ===========================================

====  ==========================================  ===========================================
rank  national state body                         source
====  ==========================================  ===========================================
0     Quốc hội                                    Hiến pháp 2013, Điều 69: the highest organ
1     Chính phủ                                   Điều 94: the executive organ of the Quốc hội
2     Thủ tướng Chính phủ                         Điều 95: the head of the Chính phủ
====  ==========================================  ===========================================

====  ==========================================  ===========================================
rank  local body (of one province, district or    source
      commune)
====  ==========================================  ===========================================
0     the Party committee (/TU, /HU, /ĐU…)        Điều lệ Đảng
1     its commissions (/BDVTU, /UBKTTU…)          Quyết định 219-QĐ/TW (27/12/2013, Ban Bí
                                                  thư): "cơ quan chuyên trách tham mưu, giúp
                                                  việc tỉnh ủy, thành ủy"
0     Hội đồng nhân dân                           Hiến pháp 2013, Điều 114: the Ủy ban nhân
1     Ủy ban nhân dân                             dân is elected by and is the executive organ
                                                  of the Hội đồng nhân dân of its level
====  ==========================================  ===========================================

Levels rank national > province > district > commune (Hiến pháp 2013, Điều 110; the district
level ended on 1 July 2025, leaving communes below the province); a body of a higher level is
higher only over the places inside its own (a province's committee over that province's districts
and communes). Provinces that became one on 1 July 2025 count as one place (provinces.csv,
`merged_into`). Other national state bodies (ministries, the courts) are not ranked here.

Where the graph cannot tell (an issuer of unknown level, branch, place or rank; sources that
disagree on it), nothing is said: a finding needs every issuer any source states for the acting
document to fall short of every issuer stated for the other. A relation stated only as a proposal
is not an act: "tham mưu sửa đổi Quyết định số 1738-QĐ/TU" (advise on amending it) or "tham gia
sửa đổi, bổ sung Quyết định số 219-QĐ/TW" (take part in amending it) is the commission's task of
advising the body that will amend it (219-QĐ/TW above), and such a sentence is no evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.identity import COMMITTEE_CODES, Symbol, body_iri
from kg.namespaces import ELI, RELATION_PROPERTIES, VK
from kg.queries import fill_values, named_query, run_named, run_named_many
from kg.queries.citations import CHAIN_RELATIONS, PROPERTY_RELATIONS, Evidence
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.queries.report import Finding
from kg.registry import Body, Registry
from kg.store import GraphStore, SelectResult, Term
from kg.textnorm import fold

# What a document does to another that only its issuer or a higher body may do.
ACTS: tuple[str, ...] = ("amends", "replaces", "repeals")
# Relations whose acting document must be issued after the one it acts on.
DATED_RELATIONS: tuple[str, ...] = (*CHAIN_RELATIONS, *ACTS)
_VERBS = {"amends": "amend", "replaces": "replace", "repeals": "repeal"}

# Levels as tiers, the highest first; "central" is the Party centre, "state" a central state organ.
TIERS = {"central": 0, "state": 0, "province": 1, "district": 2, "commune": 3}
TIER_NAMES = ("national", "province", "district", "commune")
# Ranks within one level, one branch and one place (the table in the module docstring).
PARTY_CENTRAL_RANKS = {"TW": 0, "BCT": 1, "BBT": 2}
CENTRAL_ORGAN_RANK = 3
STATE_CENTRAL_RANKS = {"QH": 0, "CP": 1, "TTG": 2}
LOCAL_STATE_RANKS = {"HĐND": 0, "UBND": 1}
COMMITTEE_RANK, COMMISSION_RANK = 0, 1
STATE_CODES = frozenset({*STATE_CENTRAL_RANKS, *LOCAL_STATE_RANKS})
# "/TW" is the symbol code of the Central Committee, the Bộ Chính trị and the Ban Bí thư alike.
_CENTRE_SYMBOL_RANKS = (0, 2)

RULE = (
    "only the issuing body or a higher one may amend, replace or repeal a document "
    "(Quy định 66-QĐ/TW; Luật 80/2015/QH13, Điều 12)"
)

# Words that make the change a proposal or a part in another body's act (module docstring),
# looked for in the clause just before the mention ("trình" but not "chương trình").
_PROPOSAL = re.compile(
    r"(?<!\w)(?:tham mưu|tham gia|phối hợp|đề xuất|đề nghị|kiến nghị|nghiên cứu|góp ý|dự thảo"
    r"|xây dựng|chuẩn bị|(?<!chương )trình)(?!\w)"
)
_PROPOSAL_REACH = 100
_CLAUSE_BREAK = re.compile(r"[;.!?]\s")


@dataclass(frozen=True)
class Edge:
    """One document acting on another: `relation` is a slug of `RELATION_PROPERTIES`."""

    acting: str
    relation: str
    acted_on: str


@dataclass(frozen=True)
class Stated:
    """One citation stating an edge: its evidence and the mention (or link) as written."""

    edge: Edge
    evidence: Evidence
    surface: str | None = None
    link: bool = False

    @property
    def proposed(self) -> bool:
        """Whether the sentence only proposes the act, or takes part in another body's."""
        return proposal_before(self.evidence.sentence, self.surface, link=self.link)


def proposal_before(sentence: str | None, surface: str | None, *, link: bool = False) -> bool:
    """Whether the clause before a mention (to the end of a link's text) makes it a proposal:
    "Tham mưu sửa đổi Quyết định số 1738-QĐ/TU" is one, "Quyết định này sửa đổi Quyết định số
    12-QĐ/TU" is not."""
    if not sentence:
        return False
    at = sentence.find(surface) if surface else -1
    end = len(sentence) if at < 0 else at + (len(surface or "") if link else 0)
    before = sentence[max(0, end - _PROPOSAL_REACH) : end]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return _PROPOSAL.search(fold(before)) is not None


@dataclass(frozen=True)
class Standing:
    """Where one issuer stands, as far as the graph tells (None where it does not): its branch,
    level (`tier`, 0 national), rank in its level, branch and place as a range (the best and
    worst it can be), code, registry body and place."""

    name: str
    party: bool | None = None
    tier: int | None = None
    ranks: tuple[int, int] | None = None
    code: str | None = None
    body: str | None = None
    province: str | None = None
    district: str | None = None
    commune: str | None = None

    def describe(self) -> str:
        level = TIER_NAMES[self.tier] if self.tier is not None else "level unknown"
        branch = {True: "Party, ", False: "state, ", None: ""}[self.party]
        return f"{self.name} ({branch}{level})"


@dataclass
class IssuerFacts:
    """What the sources state about a document's issuer, every value any of them gives."""

    bodies: set[str] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    districts: set[str] = field(default_factory=set)
    communes: set[str] = field(default_factory=set)
    symbols: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


_FACT_FIELDS = {
    f"{ELI}passed_by": "bodies",
    f"{VK}level": "levels",
    f"{VK}province": "provinces",
    f"{VK}district": "districts",
    f"{VK}commune": "communes",
    f"{VK}symbol": "symbols",
    f"{VK}issuerName": "names",
}


def _one(values: Iterable[str]) -> str | None:
    found = set(values)
    return found.pop() if len(found) == 1 else None


class Authority:
    """The rules of the module docstring over the registry's bodies and provinces."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    @cached_property
    def _bodies(self) -> dict[str, Body]:
        return {body.iri: body for body in self.registry.bodies}

    @cached_property
    def _places(self) -> dict[str, str]:
        """Province IRI -> the IRI of the province it is one with after 1 July 2025."""
        by_id = {province.id: province for province in self.registry.provinces}
        return {
            p.iri: by_id[p.merged_into].iri if p.merged_into in by_id else p.iri
            for p in self.registry.provinces
        }

    def _place(self, province: str) -> str:
        return self._places.get(province, province)

    def _party_body(self, body: Body) -> bool:
        """Whether a body is a Party organ: its parents lead up to the Central Committee."""
        centre, seen = body_iri("tw"), set()
        current: Body | None = body
        while current is not None and current.iri not in seen:
            if current.iri == centre:
                return True
            seen.add(current.iri)
            current = self._bodies.get(current.parent) if current.parent else None
        return False

    def _successors(self, iri: str) -> set[str]:
        found: set[str] = set()
        body = self._bodies.get(iri)
        while body is not None and body.successor and body.successor not in found:
            found.add(body.successor)
            body = self._bodies.get(body.successor)
        return found

    def standings(self, facts: IssuerFacts) -> list[Standing]:
        """Every issuer the sources state for one document (one Standing even when none)."""
        known = [self._bodies[iri] for iri in sorted(facts.bodies) if iri in self._bodies]
        if known:
            return [self._of_body(body) for body in known]
        tier = _one(str(TIERS[level]) for level in facts.levels if level in TIERS)
        level = _one(facts.levels)
        placed = Standing(
            _one(facts.names) or "its issuer",
            party={"central": True, "state": False}.get(level or ""),
            tier=int(tier) if tier is not None else None,
            province=_one(self._place(p) for p in facts.provinces),
            district=_one(fold(d) for d in facts.districts),
            commune=_one(fold(c) for c in facts.communes),
        )
        codes: set[tuple[str, bool | None]] = set()
        for symbol in filter(None, map(Symbol.parse, sorted(facts.symbols))):
            for code in symbol.issuers:
                upper = code.upper()
                party = _code_party(upper)
                if party is None and not symbol.party and symbol.year is not None:
                    party = False  # a legal norm ("05/2021/NĐ-CP") of a state body
                codes.add((upper, placed.party if party is None else party))
        return [
            replace(
                placed,
                name=placed.name if len(codes) == 1 else code,
                party=party,
                ranks=_symbol_ranks(code, party, placed.tier),
                code=code,
            )
            for code, party in sorted(codes, key=lambda c: c[0])
        ] or [placed]

    def _of_body(self, body: Body) -> Standing:
        party = self._party_body(body)
        code = body.code.upper()
        national = body.level in ("central", "state")
        rank: int | None
        if party and national:
            rank = PARTY_CENTRAL_RANKS.get(code, CENTRAL_ORGAN_RANK)
        elif party:
            rank = COMMITTEE_RANK if code in COMMITTEE_CODES else COMMISSION_RANK
        else:
            rank = (STATE_CENTRAL_RANKS if national else LOCAL_STATE_RANKS).get(code)
        province = self.registry.province(body.province) if body.province else None
        return Standing(
            name=body.name_vi,
            party=party,
            tier=TIERS.get(body.level),
            ranks=(rank, rank) if rank is not None else None,
            code=code,
            body=body.iri,
            province=self._place(province.iri) if province is not None else None,
        )

    def same_body(self, a: Standing, b: Standing) -> bool:
        """The same body, or one the registry makes the other's successor; or, with no registry
        body, the same code in the same place."""
        if (
            a.body
            and b.body
            and (
                a.body == b.body
                or a.body in self._successors(b.body)
                or b.body in self._successors(a.body)
            )
        ):
            return True
        return bool(a.code) and a.code == b.code and a.tier == b.tier and _same_place(a, b) is True

    def why_not(self, actor: Standing, target: Standing, relation: str) -> str | None:
        """Why the `actor` may not amend (replace, repeal: `relation`) what `target` issued; None
        when it may, or when the graph cannot tell."""
        verb = _VERBS.get(relation, "amend")
        if self.same_body(actor, target):
            return None
        if actor.party is not None and target.party is not None and actor.party != target.party:
            return f"a {_branch(actor)} body cannot {verb} a {_branch(target)} document"
        if actor.tier is None or target.tier is None:
            return None
        if actor.tier > target.tier:
            return (
                f"a {TIER_NAMES[actor.tier]} body cannot {verb} a document of a "
                f"{TIER_NAMES[target.tier]} body"
            )
        inside = (
            _contains(actor, target) if actor.tier < target.tier else _same_place(actor, target)
        )
        if inside is False:
            return f"a body of another {TIER_NAMES[actor.tier]} cannot {verb} it"
        if actor.tier < target.tier or inside is None:
            return None
        if actor.party is None or actor.party != target.party:
            return None
        if actor.ranks is None or target.ranks is None:
            return None
        if actor.ranks[0] > target.ranks[1]:
            return f"{actor.name} ranks below {target.name}"
        one_rank = actor.ranks[0] == actor.ranks[1] == target.ranks[0] == target.ranks[1]
        if one_rank and actor.code and target.code and actor.code != target.code:
            return f"{actor.name} is neither {target.name} nor above it"
        return None

    def breach(
        self, actors: Sequence[Standing], targets: Sequence[Standing], relation: str
    ) -> str | None:
        """The reason when every issuer stated for the acting document falls short of every
        issuer stated for the other (the first pair's), else None."""
        reasons = [self.why_not(a, t, relation) for a in actors for t in targets]
        if not reasons or any(reason is None for reason in reasons):
            return None
        return reasons[0]


def _branch(standing: Standing) -> str:
    return "Party" if standing.party else "state"


def _code_party(code: str) -> bool | None:
    """Whether an issuer code is a Party body's (True), a state body's (False), or unknown."""
    if code.endswith("TW") or code.endswith(COMMITTEE_CODES):
        return True
    if code in STATE_CODES:
        return False
    return None


def _symbol_ranks(code: str, party: bool | None, tier: int | None) -> tuple[int, int] | None:
    """The ranks an issuer code allows at a level (module docstring), None when it does not
    tell."""
    if tier is None or party is None:
        return None
    if party and tier == 0:
        if code == "TW":
            return _CENTRE_SYMBOL_RANKS
        return (CENTRAL_ORGAN_RANK,) * 2 if code.endswith("TW") else None
    if party:
        if code in COMMITTEE_CODES:
            return (COMMITTEE_RANK,) * 2
        return (COMMISSION_RANK,) * 2 if code.endswith(COMMITTEE_CODES) else None
    rank = (STATE_CENTRAL_RANKS if tier == 0 else LOCAL_STATE_RANKS).get(code)
    return (rank, rank) if rank is not None else None


def _differ(a: str | None, b: str | None) -> bool | None:
    """Whether two places differ; None when either is not known."""
    return None if a is None or b is None else a != b


def _same_place(a: Standing, b: Standing) -> bool | None:
    """Whether two bodies of one level are of one place (None: the graph does not tell)."""
    if a.tier == 0:
        return True
    checks = [_differ(a.province, b.province)]
    if a.tier == 2:
        checks.append(_differ(a.district, b.district))
    elif a.tier == 3:
        checks.append(_differ(a.commune, b.commune))
        if a.district is not None and b.district is not None:
            checks.append(a.district != b.district)
    if any(check is True for check in checks):
        return False
    return None if any(check is None for check in checks) else True


def _contains(higher: Standing, lower: Standing) -> bool | None:
    """Whether the place of a body of a higher level holds the other's (None: not told)."""
    if higher.tier == 0:
        return True
    differs = _differ(higher.province, lower.province)
    if differs is not False or higher.tier == 1:
        return None if differs is None else not differs
    differs = _differ(higher.district, lower.district)
    return None if differs is None else not differs


# -- reading the graph -------------------------------------------------------------------------


def _select(store: GraphStore, name: str, values: dict[str, list[Term]], **bound: str) -> list[Any]:
    """The rows of a shipped query with its ``VALUES`` placeholders filled and variables bound."""
    sparql = fill_values(named_query(name).text, values)
    result = store.query(sparql, {k: ox.NamedNode(v) for k, v in bound.items()})
    assert isinstance(result, SelectResult)
    return result.rows


def _properties(relations: Iterable[str]) -> list[Term]:
    return [ox.NamedNode(RELATION_PROPERTIES[r]) for r in relations]


def relation_edges(
    store: GraphStore, relations: Iterable[str], document: str | None = None
) -> set[Edge]:
    """The edges of these relations in the whole graph, or those with `document` at either end."""
    values = {"relation": _properties(relations)}
    ends = [{}] if document is None else [{"acting": document}, {"actedOn": document}]
    return {
        Edge(row["acting"].value, PROPERTY_RELATIONS[row["relation"].value], row["actedOn"].value)
        for bound in ends
        for row in _select(store, "relations_between", values, **bound)
        if isinstance(row["acting"], ox.NamedNode) and isinstance(row["actedOn"], ox.NamedNode)
    }


def issuer_facts(store: GraphStore, iris: Iterable[str]) -> dict[str, IssuerFacts]:
    """What the sources state about each document's issuer."""
    facts = {iri: IssuerFacts() for iri in iris}
    for row in run_named_many(store, "issuer_facts", "doc", map(ox.NamedNode, facts)):
        name = _FACT_FIELDS.get(row["p"].value)
        if name is not None:
            getattr(facts[row["doc"].value], name).add(row["o"].value)
    return facts


def stated_edges(
    catalog: DocumentCatalog, actings: Iterable[str], relations: Iterable[str]
) -> dict[Edge, list[Stated]]:
    """The citations stating each edge of these relations made by the `actings`."""
    rows = run_named_many(
        catalog.store,
        "relation_evidence",
        "doc",
        map(ox.NamedNode, sorted(set(actings))),
        lists={"relation": _properties(relations)},
    )
    paths = catalog.source_paths(row["src"].value for row in rows)
    out: dict[Edge, list[Stated]] = {}
    for row in rows:
        relation = PROPERTY_RELATIONS.get(row["relation"].value, "cites")
        edge = Edge(row["doc"].value, relation, row["cited"].value)
        evidence = Evidence(
            sentence=row["sentence"].value if "sentence" in row else None,
            source=paths.get(row["src"].value),
            graph=row["g"].value,
            start=_offset(row.get("start")),
            end=_offset(row.get("end")),
            citation=row["citation"].value,
        )
        surface = row["surface"].value if "surface" in row else None
        out.setdefault(edge, []).append(Stated(edge, evidence, surface, "statedIn" in row))
    for stated in out.values():
        stated.sort(key=lambda s: s.evidence.order)  # the earliest first, as every answer shows
    return out


def _offset(term: Term | None) -> int | None:
    """A character offset, None when missing or malformed (the sentence still shows)."""
    try:
        return int(term.value) if isinstance(term, ox.Literal) else None
    except ValueError:
        return None


def _evidence(stated: Iterable[Stated]) -> list[Evidence]:
    """Each sentence once per file, in file order."""
    seen: dict[tuple[str | None, str | None], Evidence] = {}
    for item in stated:
        seen.setdefault((item.evidence.sentence, item.evidence.source), item.evidence)
    return list(seen.values())


def _quoted(evidence: Iterable[Evidence]) -> list[str]:
    return [
        f"“{e.sentence}” ({Path(e.source).name if e.source else 'source unknown'})"
        for e in evidence
        if e.sentence
    ]


def _label(summaries: dict[str, DocumentSummary], iri: str) -> str:
    return summaries[iri].label


def _labelled(catalog: DocumentCatalog, iris: Iterable[str]) -> dict[str, DocumentSummary]:
    found = catalog.summaries(iris)
    catalog.mark_shared_symbols(found.values())
    return found


# -- the findings ------------------------------------------------------------------------------


def authority_findings(
    catalog: DocumentCatalog, registry: Registry, document: str | None = None
) -> list[Finding]:
    """Documents that amend, replace or repeal one whose issuer theirs has no authority over (in
    the whole graph, or those `document` takes part in)."""
    edges = relation_edges(catalog.store, ACTS, document)
    if not edges:
        return []
    authority = Authority(registry)
    facts = issuer_facts(catalog.store, {e.acting for e in edges} | {e.acted_on for e in edges})
    standings = {iri: authority.standings(f) for iri, f in facts.items()}
    reasons = {
        edge: reason
        for edge in edges
        if (
            reason := authority.breach(
                standings[edge.acting], standings[edge.acted_on], edge.relation
            )
        )
    }
    stated = stated_edges(catalog, {e.acting for e in reasons}, ACTS)
    summaries = _labelled(catalog, {e.acting for e in reasons} | {e.acted_on for e in reasons})
    findings = []
    for edge in sorted(reasons, key=lambda e: (e.acting, e.relation, e.acted_on)):
        items = stated.get(edge, [])
        acts = [item for item in items if not item.proposed]
        if items and not acts:
            continue  # every sentence only proposes the change to the body that may make it
        evidence = _evidence(acts)
        acting, acted_on = _label(summaries, edge.acting), _label(summaries, edge.acted_on)
        findings.append(
            Finding(
                "without-authority",
                "warning",
                edge.acting,
                f"{acting} {edge.relation} {acted_on}, but {reasons[edge]}",
                [
                    f"{acting}: {'; '.join(s.describe() for s in standings[edge.acting])}",
                    f"{acted_on}: {'; '.join(s.describe() for s in standings[edge.acted_on])}",
                    f"rule: {RULE}",
                    *_quoted(evidence),
                ],
                evidence,
            )
        )
    return findings


def _issued_after(acting: DocumentSummary, acted_on: DocumentSummary) -> tuple[str, str] | None:
    """(latest date of the acting document, earliest of the other) when the first is before
    the second: every date the sources state says it was issued first."""
    if not acting.dates or not acted_on.dates:
        return None
    latest = max(s.value for s in acting.dates)
    earliest = min(s.value for s in acted_on.dates)
    return (latest, earliest) if latest < earliest else None


def chronology_findings(catalog: DocumentCatalog, document: str | None = None) -> list[Finding]:
    """Documents implementing (continuing, reviewing, amending…) one issued after them."""
    if document is None:
        edges = {
            Edge(
                row["acting"].value,
                PROPERTY_RELATIONS.get(row["relation"].value, "cites"),
                row["actedOn"].value,
            )
            for row in _rows(catalog.store, "implausible_chains")
        }
    else:
        edges = relation_edges(catalog.store, DATED_RELATIONS, document)
    summaries = _labelled(catalog, {e.acting for e in edges} | {e.acted_on for e in edges})
    late = {
        edge: dates
        for edge in edges
        if (dates := _issued_after(summaries[edge.acting], summaries[edge.acted_on]))
    }
    stated = stated_edges(catalog, {e.acting for e in late}, {e.relation for e in late})
    findings = []
    for edge in sorted(late, key=lambda e: (e.acting, e.relation, e.acted_on)):
        (acting_date, acted_on_date), evidence = late[edge], _evidence(stated.get(edge, []))
        acting, acted_on = _label(summaries, edge.acting), _label(summaries, edge.acted_on)
        findings.append(
            Finding(
                "implausible-chain",
                "error",
                edge.acting,
                f"{acting} ({acting_date}) {edge.relation} {acted_on}, "
                f"issued later ({acted_on_date})",
                _quoted(evidence),
                evidence,
            )
        )
    return findings


def self_loop_findings(catalog: DocumentCatalog, document: str | None = None) -> list[Finding]:
    """Documents that cite themselves, one finding per file saying so, with its sentences."""
    if document is None:
        documents = sorted({row["doc"].value for row in _rows(catalog.store, "self_citations")})
    else:
        documents = [document]
    stated = stated_edges(catalog, documents, RELATION_PROPERTIES)
    by_file: dict[tuple[str, str], list[Stated]] = {}
    for edge, items in stated.items():
        if edge.acting == edge.acted_on:
            for item in items:
                by_file.setdefault((edge.acting, item.evidence.source or "?"), []).append(item)
    summaries = _labelled(catalog, {iri for iri, _ in by_file})
    findings = []
    for (iri, path), items in sorted(by_file.items()):
        evidence = _evidence(items)
        findings.append(
            Finding(
                "self-citation",
                "warning",
                iri,
                f"{summaries[iri].label} cites itself in {path}",
                _quoted(evidence),
                evidence,
            )
        )
    return findings


def document_findings(catalog: DocumentCatalog, registry: Registry, iri: str) -> list[Finding]:
    """The findings of this module a document takes part in, acting or acted on."""
    return [
        *self_loop_findings(catalog, iri),
        *chronology_findings(catalog, iri),
        *authority_findings(catalog, registry, iri),
    ]


def _rows(store: GraphStore, name: str) -> list[dict[str, Any]]:
    result = run_named(store, name)
    assert isinstance(result, SelectResult)
    return result.rows
