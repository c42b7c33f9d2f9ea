"""Links a text states between two cited documents outside a cited document's title.

Titles are read in :mod:`kg.extract.structure` ("Chỉ thị A về tiếp tục thực hiện Nghị quyết
B"). Reports, news pages and mirror sites state links in three more ways:

* an issuing sentence: "Thực hiện Chỉ thị A, Ban Thường vụ Tỉnh ủy (đã) ban hành Kế hoạch B":
  B does to A what the lead clause says; the lead clause may be the sentence before ("Căn cứ
  A; C. Ban Thường vụ ban hành Quy định B", "Nhằm quán triệt A. Ngày 25/9/2020, Chính phủ có
  Nghị quyết B");
* a validity history, the table mirror sites print under a document ("Lịch sử hiệu lực: ...
  09/01/2015 Được sửa đổi 79/2014/QĐ-UBND ... 06/05/2019 Bị thay thế 14/2019/QĐ-UBND");
* what the structure found, filtered here: never a document linked to itself, and never a
  state document implementing one of lower rank (a decree does not implement a minister's
  circular: "... Luật Hộ tịch và Quyết định số 101/QĐ-TTg" after "Nghị định X quy định chi
  tiết" is a second item of the sentence, not a second law the decree details).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from kg.extract.mention import Mention
from kg.extract.relations import ClauseReader

# The relations a lead clause passes on to the document the sentence issues; a plain citation
# says nothing of what the issued document does.
_PASSED_ON = frozenset(
    {
        "based_on",
        "implements",
        "continues",
        "reviews",
        "inspects",
        "disseminates",
        "guides",
        "amends",
        "replaces",
        "repeals",
    }
)
# Right before the document a sentence issues: "(đã) (khẩn trương) ban hành | có | ký | ra",
# perhaps with the generic words of a directive written without its type ("vừa có văn bản chỉ
# đạo số 682-CV/TU"); a body "(đã) thông qua" a document it adopts, only after a tense word, as
# "thông qua" alone is also "by way of".
_ISSUES = re.compile(
    r"(?<!\w)(?:(?:(?:đã|vừa|mới|sớm|đã\s+chính\s+thức|khẩn\s+trương)\s+)*"
    r"(?:ký\s+)?(?:ban\s+hành|có|ký|ra|phát\s+hành)"
    r"|(?:đã|vừa|mới)\s+(?:sớm\s+)?thông\s+qua)\s+"
    r"(?:(?:văn\s+bản|công\s+văn)(?:\s+chỉ\s+đạo)?\s+(?:số\s+)?)?$",
    re.IGNORECASE,
)
_ISSUES_WINDOW = 60
_ISSUES_LAST_WORDS = frozenset({"hành", "có", "ký", "ra", "số", "đạo", "bản", "văn", "qua"})
# Right after a document: what it asks others to do ("Kế hoạch số 527 ..., theo đó yêu cầu",
# "văn bản chỉ đạo số 682-CV/TU yêu cầu các cấp ủy").
_REQUIRES = re.compile(r"\s*,?\s*(?:theo\s+đó\s*,?\s*)?yêu\s+cầu(?!\w)", re.IGNORECASE)
# A sentence that only leads in to the next one: a basis list or a purpose clause.
_LEAD_SENTENCE = re.compile(
    r"\s*(?:[-+•]\s*)?(?:căn\s+cứ|thực\s+hiện|triển\s+khai|tiếp\s+tục|nhằm|để)(?!\w)",
    re.IGNORECASE,
)
# A row of a validity history and the relation its status gives the row's document (the one
# that acts) to the document the history is about.
_HISTORY_HEAD = re.compile(r"Lịch\s+sử\s+hiệu\s+lực\s*:", re.IGNORECASE)
_HISTORY_STATUS = re.compile(
    r"(?:^|\s)(?P<status>Được\s+sửa\s+đổi|Được\s+bổ\s+sung|Bị\s+thay\s+thế|Bị\s+bãi\s+bỏ"
    r"|Bị\s+hết\s+hiệu\s+lực(?:\s+(?:1|một)\s+phần)?|Bị\s+đình\s+chỉ)\s*$",
    re.IGNORECASE,
)
_HISTORY_RELATIONS = {
    "được sửa đổi": "amends",
    "được bổ sung": "amends",
    "bị thay thế": "replaces",
    "bị bãi bỏ": "repeals",
    "bị hết hiệu lực": "repeals",
    "bị hết hiệu lực 1 phần": "replaces",
    "bị hết hiệu lực một phần": "replaces",
    "bị đình chỉ": "repeals",
}
_EXPIRES_UNTIL = re.compile(
    r"\s*,?\s*(?:sẽ\s+|đã\s+)?hết\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+(?:ngày\s+)?",
    re.IGNORECASE,
)
_TAKES_EFFECT = re.compile(r"\s+(?:chính\s+thức\s+)?có\s+hiệu\s+lực", re.IGNORECASE)
_EXPIRED_ROW = re.compile(r"hết\s+hiệu\s+lực\s*$", re.IGNORECASE)
_HISTORY_ROWS = 40
# Relations that make the acting document carry out the other: it cannot rank above it.
_CARRIES_OUT = frozenset({"implements", "continues", "guides"})


class StatedLink(NamedTuple):
    """A link by mention index: ``subject`` does ``relation`` to ``object``."""

    subject: int
    relation: str
    object: int


def stated_links(
    text: str, mentions: Sequence[Mention], relations: Sequence[str], reader: ClauseReader
) -> list[StatedLink]:
    """Every link the text states, in order of the acting mention, without duplicates."""
    found = [
        StatedLink(index, m.link_relation, m.owner)
        if m.link_passive
        else StatedLink(m.owner, m.link_relation, index)
        for index, m in enumerate(mentions)
        if m.owner is not None and m.link_relation
    ]
    found += _shared_subject_links(mentions, found)
    found += _issuing_links(text, mentions, relations, reader)
    found += _requirement_links(text, mentions, relations, reader)
    found += _history_links(text, mentions)
    found += _expiry_links(text, mentions)
    kept: list[StatedLink] = []
    seen: set[StatedLink] = set()
    for link in sorted(found):
        if link in seen or not _plausible(link, mentions):
            continue
        seen.add(link)
        kept.append(link)
    return kept


def _shared_subject_links(
    mentions: Sequence[Mention], title_links: list[StatedLink]
) -> list[StatedLink]:
    """ "Kế hoạch số 185-KH/TU và Kế hoạch số 186-KH/TU thực hiện Chỉ thị số 37-CT/TW": the
    documents listed before the one whose title states the link, with no title of their own and
    of its kind, state it too."""
    found: list[StatedLink] = []
    for link in title_links:
        subject = mentions[link.subject]
        if mentions[link.object].owner != link.subject:
            continue  # a passive link: the acting document is not the one listed
        previous = subject.list_prev
        while previous is not None:
            item = mentions[previous]
            if item.kind != subject.kind or item.extent_end > item.end or item.owner is not None:
                break
            found.append(StatedLink(previous, link.relation, link.object))
            previous = item.list_prev
    return found


def _expiry_links(text: str, mentions: Sequence[Mention]) -> list[StatedLink]:
    """ "Nghị định X hết hiệu lực kể từ ngày Nghị định Y có hiệu lực": Y replaces X."""
    found: list[StatedLink] = []
    if "hiệu lực" not in text:
        return found
    for index in range(len(mentions) - 1):
        expired, successor = mentions[index], mentions[index + 1]
        if _EXPIRES_UNTIL.fullmatch(text, expired.end, successor.start) and _TAKES_EFFECT.match(
            text, successor.end
        ):
            found.append(StatedLink(index + 1, "replaces", index))
    return found


def _issuing_links(
    text: str, mentions: Sequence[Mention], relations: Sequence[str], reader: ClauseReader
) -> list[StatedLink]:
    found: list[StatedLink] = []
    starts = [m.start for m in mentions]
    for index, mention in enumerate(mentions):
        if mention.owner is not None:
            continue
        before = text[max(0, mention.start - _ISSUES_WINDOW) : mention.start]
        last_word = before.rstrip().rsplit(None, 1)[-1:]
        if not last_word or last_word[0].lower() not in _ISSUES_LAST_WORDS:
            continue  # the cheap test first: the pattern below is anchored at the end
        issues = _ISSUES.search(before)
        if issues is None:
            continue
        if index and mentions[index - 1].end >= mention.start - len(before) + issues.start() - 2:
            continue  # "Nghị quyết A ban hành Chương trình B": issued by a document, not a body
        sentence = reader.sentence_start(mention.start)
        leads = _lead_mentions(mentions, relations, starts, sentence, index)
        if not leads and sentence > 0:
            previous = reader.sentence_start(sentence - 1)
            if _LEAD_SENTENCE.match(text, previous) and not _ISSUES.search(
                text[previous:sentence].rstrip(" \t\n.;") + " "
            ):
                leads = _lead_mentions(mentions, relations, starts, previous, index)
        # "ban hành Kế hoạch số A và Hướng dẫn số B": every document of the issued list.
        for issued in [index, *_numbered_followers(mentions, index)]:
            found += [StatedLink(issued, relations[lead], lead) for lead in leads]
    return found


def _numbered_followers(mentions: Sequence[Mention], first: int) -> list[int]:
    """The numbered mentions listed right after the numbered ``first`` ("A, B và C"), none
    with an owner. Unnumbered ones are left out: "Nghị quyết số 134/NQ-CP Ban hành Chương
    trình ..." reads as a list of two, yet the second is the first one's subject."""
    followers: list[int] = []
    last = first
    while (
        _numbered(mentions[last])
        and last + 1 < len(mentions)
        and mentions[last + 1].list_prev == last
        and mentions[last + 1].owner is None
        and _numbered(mentions[last + 1])
    ):
        last += 1
        followers.append(last)
    return followers


def _numbered(mention: Mention) -> bool:
    return mention.number is not None or mention.symbol is not None


def _requirement_links(
    text: str, mentions: Sequence[Mention], relations: Sequence[str], reader: ClauseReader
) -> list[StatedLink]:
    """ "Kế hoạch X yêu cầu các cấp ủy quán triệt Kết luận Y": what a document requires
    others to do to a document, it does to it. The requirement runs to the end of its sentence,
    and on through the next one when the sentence ends with a colon ("... một số nội dung:")."""
    found: list[StatedLink] = []
    if "yêu cầu" not in text:
        return found
    starts = [m.start for m in mentions]
    for index, mention in enumerate(mentions):
        if mention.owner is not None:
            continue
        requires = _REQUIRES.match(text, max(mention.end, mention.extent_end))
        if requires is None:
            continue
        end = reader.sentence_end(requires.end())
        if text[max(0, end - 80) : end].rstrip().endswith(":"):
            end = reader.sentence_end(end)
        found += [
            StatedLink(index, relations[other], other)
            # Only the mentions up to the requirement's end: a long text's thousands of others
            # are never looked at.
            for other in range(index + 1, bisect.bisect_left(starts, end, index + 1))
            if mentions[other].owner is None and relations[other] in _PASSED_ON
        ]
    return found


def _lead_mentions(
    mentions: Sequence[Mention],
    relations: Sequence[str],
    starts: list[int],
    start: int,
    issued: int,
) -> list[int]:
    """The top-level mentions from ``start`` up to the issued one whose verb passes on."""
    first = bisect.bisect_left(starts, start, 0, issued)
    return [
        index
        for index in range(first, issued)
        if mentions[index].owner is None and relations[index] in _PASSED_ON
    ]


def _history_links(text: str, mentions: Sequence[Mention]) -> list[StatedLink]:
    """Rows of a mirror site's validity history, each naming the document that acted."""
    found: list[StatedLink] = []
    if "sử hiệu lực" not in text and "SỬ HIỆU LỰC" not in text:
        return found  # the cheap test first: most texts have no validity history
    for head in _HISTORY_HEAD.finditer(text):
        subject = next((i for i, m in enumerate(mentions) if m.start >= head.end()), None)
        if subject is None:
            continue
        about = mentions[subject]
        for index in range(subject + 1, min(len(mentions), subject + _HISTORY_ROWS)):
            row = mentions[index]
            line_start = text.rfind("\n", 0, row.start) + 1
            status = _HISTORY_STATUS.search(text, line_start, row.start)
            if status is None:
                continue
            if about.symbol and row.symbol == about.symbol:
                continue
            relation = _HISTORY_RELATIONS[" ".join(status.group("status").lower().split())]
            found.append(StatedLink(index, relation, _history_object(text, mentions, index, about)))
    return found


def _history_object(text: str, mentions: Sequence[Mention], row: int, about: Mention) -> int:
    """The mention a row acts on: the expiry row just above it when there is one ("Văn bản hết
    hiệu lực X" then "Bị thay thế Y" on the same day), else the history's own document."""
    previous = row - 1
    if previous >= 0 and mentions[previous].symbol == about.symbol:
        line_start = text.rfind("\n", 0, mentions[previous].start) + 1
        if _EXPIRED_ROW.search(text, line_start, mentions[previous].start):
            return previous
    return mentions.index(about)


def _plausible(link: StatedLink, mentions: Sequence[Mention]) -> bool:
    subject, obj = mentions[link.subject], mentions[link.object]
    if link.subject == link.object or _same_document(subject, obj):
        return False
    if link.relation in _CARRIES_OUT:
        subject_rank, object_rank = _state_rank(subject), _state_rank(obj)
        if subject_rank is not None and object_rank is not None and subject_rank < object_rank:
            return False
    return True


def _same_document(first: Mention, second: Mention) -> bool:
    if first.symbol and second.symbol:
        return first.symbol.upper() == second.symbol.upper()
    return False


# Rank of a state document in the legal order (smaller is higher): the constitution, laws and
# the National Assembly's resolutions, ordinances, the Government's decrees and resolutions, the
# Prime Minister's decisions and directives, ministers' circulars. Party documents and local
# ones are not ranked here.
_RANK_BY_ISSUER = (
    (re.compile(r"QH\d*$"), 1),
    (re.compile(r"UBTVQH\d*$"), 2),
    (re.compile(r"CP$"), 3),
    (re.compile(r"TTG$"), 4),
    (re.compile(r"B[A-ZĐ]+$"), 5),
)
_RANK_BY_KIND = {"luat": 1, "phap-lenh": 2, "nghi-dinh": 3, "thong-tu": 5}


def _state_rank(mention: Mention) -> int | None:
    parts = mention.symbol_parts
    if parts is not None and parts.sector == "state":
        # The issuer ends the symbol ("NĐ-CP"); a law's code is its issuer ("/2014/QH13").
        issuer = (parts.issuers or [parts.code])[-1].upper()
        for pattern, rank in _RANK_BY_ISSUER:
            if pattern.match(issuer):
                return rank
        return None
    if parts is None and mention.kind in _RANK_BY_KIND and mention.name_span:
        return _RANK_BY_KIND[mention.kind]
    return None
