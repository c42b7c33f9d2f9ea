"""Visual encodings shared by every renderer, so the HTML map, the slide and the legend agree.

One table per encoded attribute: document kind → fill colour, level → node shape and swimlane,
relation → edge colour and dash pattern. Each entry carries its Vietnamese legend label and the
drawing parameters of both renderers (vis-network in the browser, matplotlib for slides).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx

FONT_FAMILY = "DejaVu Sans"
"""Ships with matplotlib and covers every Vietnamese letter with its tone marks."""

LABEL_COLOUR = "#1f2328"
MUTED_COLOUR = "#6e7781"


@dataclass(frozen=True)
class KindStyle:
    """How one document kind is drawn: its fill colour and legend label."""

    slug: str
    label: str
    colour: str


@dataclass(frozen=True)
class LevelStyle:
    """How one administrative level is drawn: node shape and the swimlane it sits in."""

    slug: str | None
    label: str
    vis_shape: str
    marker: str


@dataclass(frozen=True)
class RelationStyle:
    """How one relation is drawn: edge colour, dash pattern (on/off lengths in px) and label."""

    slug: str
    label: str
    colour: str
    dashes: tuple[int, ...]

    @property
    def solid(self) -> bool:
        return not self.dashes


# Kinds are told apart by hue and by lightness: every two colours differ by 23 or more in CIE
# Lab, and the ten kinds a briefing shows most (resolutions, directives, conclusions, decisions,
# regulations, plans, programmes, guidance, notices, circulars) by 6 or more in lightness alone,
# so a greyscale print still separates them (a test checks both).
_KINDS = (
    KindStyle("nghi-quyet", "Nghị quyết", "#c0262d"),
    KindStyle("chi-thi", "Chỉ thị", "#f2c500"),
    KindStyle("ket-luan", "Kết luận", "#6a3d9a"),
    KindStyle("quyet-dinh", "Quyết định", "#109298"),
    KindStyle("quy-dinh", "Quy định", "#1d3f8a"),
    KindStyle("ke-hoach", "Kế hoạch", "#7fc97f"),
    KindStyle("chuong-trinh", "Chương trình", "#cfe86a"),
    KindStyle("huong-dan", "Hướng dẫn", "#f28e2b"),
    KindStyle("thong-bao", "Thông báo", "#e668af"),
    KindStyle("thong-tri", "Thông tri", "#38823c"),
    KindStyle("de-an", "Đề án", "#8c564b"),
    KindStyle("luat", "Luật", "#222222"),
    KindStyle("nghi-dinh", "Nghị định", "#6b8fd6"),
    KindStyle("bao-cao", "Báo cáo", "#c9a3e6"),
    KindStyle("cong-van", "Công văn", "#b8a77a"),
)
# The kinds most briefings show, which must stay apart in greyscale too.
BRIEFING_KINDS = (
    "nghi-quyet",
    "chi-thi",
    "ket-luan",
    "quyet-dinh",
    "quy-dinh",
    "ke-hoach",
    "chuong-trinh",
    "huong-dan",
    "thong-bao",
    "thong-tri",
)
OTHER_KIND = KindStyle("other", "Khác", "#9aa0a6")
KINDS: dict[str, KindStyle] = {k.slug: k for k in (*_KINDS, OTHER_KIND)}

# Top to bottom: the order in which orders flow down the hierarchy in a briefing.
LEVELS: tuple[LevelStyle, ...] = (
    LevelStyle("central", "Trung ương", "diamond", "D"),
    LevelStyle("state", "Nhà nước", "square", "s"),
    LevelStyle("province", "Cấp tỉnh", "dot", "o"),
    LevelStyle("district", "Cấp huyện", "triangle", "^"),
    LevelStyle("commune", "Cấp xã", "triangleDown", "v"),
    LevelStyle(None, "Chưa rõ cấp", "hexagon", "h"),
)
_LEVELS_BY_SLUG: dict[str | None, LevelStyle] = {level.slug: level for level in LEVELS}

RELATIONS: dict[str, RelationStyle] = {
    r.slug: r
    for r in (
        RelationStyle("implements", "thực hiện", "#1d4e89", ()),
        RelationStyle("continues", "tiếp tục thực hiện", "#2a9d8f", ()),
        RelationStyle("reviews", "sơ kết, tổng kết", "#e76f51", (10, 5)),
        RelationStyle("inspects", "kiểm tra, giám sát", "#c1121f", (3, 4)),
        RelationStyle("disseminates", "quán triệt, tuyên truyền", "#7b2cbf", (12, 4, 3, 4)),
        RelationStyle("based_on", "căn cứ", "#577590", (2, 3)),
        RelationStyle("amends", "sửa đổi, bổ sung", "#8d5524", (8, 3, 2, 3)),
        RelationStyle("replaces", "thay thế", "#5c3d2e", (14, 4)),
        RelationStyle("repeals", "bãi bỏ", "#6d2e46", (14, 4, 2, 4)),
        RelationStyle("guides", "hướng dẫn thực hiện", "#3a86ff", (6, 2)),
        RelationStyle("cites", "dẫn chiếu", "#adb5bd", (4, 4)),
    )
}
OTHER_RELATION = RelationStyle("other", "quan hệ khác", "#ced4da", (1, 3))

_Style = TypeVar("_Style", KindStyle, RelationStyle)


DEFAULT_TITLE = "Bản đồ văn bản"


def map_title(graph: nx.MultiDiGraph, title: str | None) -> str:
    """The caller's title, else the one the query gave the graph, else a generic one."""
    return title or str(graph.graph.get("title") or DEFAULT_TITLE)


def node_label(node: str, data: dict[str, object]) -> str:
    """What a node is called on the map: its label, else its symbol, else its IRI."""
    return str(data.get("label") or data.get("symbol") or node)


def kind_style(kind: str | None) -> KindStyle:
    """The style of a kind slug; unknown kinds share one neutral colour but keep their slug."""
    if kind in KINDS:
        return KINDS[kind]
    if kind:
        return KindStyle(kind, kind, OTHER_KIND.colour)
    return OTHER_KIND


def level_style(level: str | None) -> LevelStyle:
    """The style of a level; anything unrecognised goes to the 'unknown level' lane."""
    return _LEVELS_BY_SLUG.get(level, _LEVELS_BY_SLUG[None])


def relation_style(relation: str | None) -> RelationStyle:
    """The style of a relation slug; unknown relations are drawn faint so they do not mislead."""
    if relation in RELATIONS:
        return RELATIONS[relation]
    if relation:
        return RelationStyle(relation, relation, OTHER_RELATION.colour, OTHER_RELATION.dashes)
    return OTHER_RELATION


@dataclass(frozen=True)
class Legend:
    """The encodings a given graph actually uses, in display order, for a legend."""

    kinds: tuple[KindStyle, ...]
    levels: tuple[LevelStyle, ...]
    relations: tuple[RelationStyle, ...]


def legend_for(graph: nx.MultiDiGraph) -> Legend:
    """Only what appears in the graph, so a briefing legend stays short enough to read."""
    kinds = _unique_in_order(
        (kind_style(data.get("kind")) for _, data in graph.nodes(data=True)),
        order=[*KINDS],
    )
    used_levels = {level_style(data.get("level")).slug for _, data in graph.nodes(data=True)}
    relations = _unique_in_order(
        (relation_style(data.get("relation")) for _, _, data in graph.edges(data=True)),
        order=[*RELATIONS],
    )
    return Legend(
        kinds=tuple(kinds),
        levels=tuple(level for level in LEVELS if level.slug in used_levels),
        relations=tuple(relations),
    )


def _unique_in_order(styles: Iterable[_Style], order: list[str]) -> list[_Style]:
    """Deduplicate by slug; known slugs in table order, unknown ones after, alphabetically."""
    by_slug = {style.slug: style for style in styles}
    rank = {slug: i for i, slug in enumerate(order)}
    return [by_slug[s] for s in sorted(by_slug, key=lambda s: (rank.get(s, len(rank)), s))]
