"""The document passages of the real gold name the document they are (`self`): its symbol,
type, date and issuer, read from headers as real files carry them (broken cells, table rows,
mirror banners and metadata, republished full texts). At least 95 % of those fields right; and
the passages that are no document of their own are, at least 95 % of them, read as none."""

from __future__ import annotations

import pytest

from .self_gold import REAL_GOLD, claimed_selves, same_issuer, score_self

pytestmark = pytest.mark.skipif(
    not (REAL_GOLD / "party" / "gold.jsonl").exists(), reason="../shared/gold/real is absent"
)


def test_the_documents_own_identity_is_read_right() -> None:
    score = score_self()
    assert score.total >= 250  # every document passage of both sets, four fields each
    assert score.value >= 0.95, "\n".join(score.misses)


def test_a_page_about_documents_is_not_read_as_one() -> None:
    # News about a plan, a page that announces a text it does not hold, a page citing others:
    # claiming an identity there would drop the document the page reports from its references.
    total, claims = claimed_selves()
    assert total >= 80
    assert len(claims) <= 0.05 * total, "\n".join(claims)


@pytest.mark.parametrize(
    ("gold", "read", "same"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH", "Ủy ban nhân dân tỉnh Trà Vinh", True),
        ("Chủ tịch Ủy ban nhân dân tỉnh Phú Yên", "Ủy ban nhân dân tỉnh Phú Yên", True),
        ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Nghệ An", True),
        ("Ban Dân vận TW", "Ban Dân vận Trung ương", True),
        ("Bộ Chính trị", "Ban Chấp hành Trung ương", False),
        ("Ủy ban nhân dân tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Hà Tĩnh", False),
        ("Ban Thường vụ Tỉnh ủy", None, False),
    ],
)
def test_issuers_compare_as_the_same_body(gold: str, read: str | None, same: bool) -> None:
    assert same_issuer(gold, read) is same
