"""The kinds of document an identity can have, as ASCII slugs.

The extraction contract (``spec/extraction.md``) names twenty kinds; Quy định 399-QĐ/TW of
9 January 2026 adds eight Party kinds the registry and the ontology know (``ontology/kinds.ttl``,
with the source). A kind is one segment of a document IRI, so the set lives here, at the bottom.
"""

from __future__ import annotations

CONTRACT_KINDS: tuple[str, ...] = (
    "nghi-quyet",
    "chi-thi",
    "ket-luan",
    "quyet-dinh",
    "quy-dinh",
    "quy-che",
    "ke-hoach",
    "chuong-trinh",
    "huong-dan",
    "thong-bao",
    "thong-tri",
    "bao-cao",
    "de-an",
    "to-trinh",
    "cong-van",
    "nghi-dinh",
    "thong-tu",
    "luat",
    "phap-lenh",
    "other",
)

# Chiến lược, quy hoạch, phương án, dự án, thông cáo, tuyên bố, lời kêu gọi, biên bản.
PARTY_2026_KINDS: tuple[str, ...] = (
    "chien-luoc",
    "quy-hoach",
    "phuong-an",
    "du-an",
    "thong-cao",
    "tuyen-bo",
    "loi-keu-goi",
    "bien-ban",
)

KINDS: tuple[str, ...] = CONTRACT_KINDS + PARTY_2026_KINDS
_KNOWN = frozenset(KINDS)

# "QĐ" is the code of both Quyết định and Quy định, so the two kinds share one numbering.
_SHARED_NUMBERING = frozenset({"quyet-dinh", "quy-dinh"})


def is_kind(slug: str) -> bool:
    return slug in _KNOWN


def kinds_compatible(first: str, second: str) -> bool:
    """Same kind, or the two kinds that share the "QĐ" numbering."""
    return first == second or (first in _SHARED_NUMBERING and second in _SHARED_NUMBERING)
