"""Documents cited without a number, by what they carry out or by the body that wrote them.

"Chương trình hành động của Chính phủ thực hiện Kết luận số 70-KL/TW", "Kế hoạch triển khai
thi hành Luật Trợ giúp pháp lý", "Hướng dẫn thực hiện Điều lệ Đoàn": a report names the plan a
body made by the document it carries out, and that link is how a researcher learns the body
acted, so such a plan is a reference of its own, the subject of the link. A document named only
by its body ("kế hoạch của Ban Thường vụ Tỉnh ủy", "Quy chế làm việc của Ban Chấp hành Trung
ương") is one where the text acts on it or issues it ("Thực hiện kế hoạch của ...", "thông qua
Quy chế làm việc của ..."). Anything vaguer ("kế hoạch của tỉnh", "các chương trình công tác")
is not a reference.
"""

from __future__ import annotations

import bisect
import re

from kg.extract import tables
from kg.extract.bodies import read_issuer
from kg.extract.mention import Mention
from kg.extract.tables import kind_of_type_word

# The kinds a text names without a number (a resolution or a decision always has one).
_KINDS = frozenset(
    {"ke-hoach", "chuong-trinh", "huong-dan", "de-an", "quy-che", "bao-cao", "cong-van"}
)
# The lower-cased type words of those kinds (the type-word scan reports where they are).
UNNUMBERED_WORDS = frozenset(
    w.pattern.lower() for w in tables.type_words() if w.kind in _KINDS and w.case != "exact"
)
_QUALIFIER = re.compile(
    r"[ \t]+(?:hành\s+động|phối\s+hợp|làm\s+việc(?:\s+toàn\s+khóa)?|liên\s+tịch)(?!\w)",
    re.IGNORECASE,
)
_BODY_INTRO = re.compile(r"[ \t]+(?:của|giữa)[ \t]+", re.IGNORECASE)
_LINK_CUES = "|".join(c.pattern for c in tables.cues() if c.link and c.kind != "blocker")


def may_follow_unnumbered() -> frozenset[str]:
    """The words one of these documents' type word may be followed by (a qualifier, "của" or
    "giữa" and a body, or a linking verb): the type-word scan reports only those."""
    words = {"hành", "phối", "làm", "liên", "của", "giữa", "để", "nhằm"}
    return frozenset(words | {word for cue in tables.cues() if cue.link for word in cue.starts})


# What the document does, right after its name: a linking verb (also after "để"/"nhằm").
_DOES = re.compile(rf"[ \t]+(?:(?:để|nhằm)[ \t]+)?(?:{_LINK_CUES})(?!\w)", re.IGNORECASE)
# What a text does with a document named by its body: acts on it, issues it, follows it.
_ACTED_ON = re.compile(
    r"(?<!\w)(?:thực\s+hiện|triển\s+khai|quán\s+triệt|học\s+tập|tuyên\s+truyền|căn\s+cứ|theo"
    r"|ban\s+hành|thông\s+qua|xây\s+dựng|phê\s+duyệt|ký|tổng\s+kết|sơ\s+kết|kiểm\s+tra)"
    r"(?:,?\s+(?:và\s+)?\w+){0,2}?\s+$",
    re.IGNORECASE,
)
# Words that make the plan a generic or future one ("xây dựng kế hoạch", "các chương trình"),
# the subject of a title ("Quyết định X về Kế hoạch triển khai Y": the decision's title), or
# the document's own attachment ("Ban hành kèm theo Quyết định này Kế hoạch ...").
_GENERIC_BEFORE = re.compile(
    r"(?<!\w)(?:xây\s+dựng|các|những|từng|mỗi|có|lập|đề\s+ra|về(?:\s+việc)?|này)\s+$",
    re.IGNORECASE,
)
_ISSUED_BEFORE = re.compile(r"(?<!\w)(?:ban\s+hành|thông\s+qua|ký|phê\s+duyệt)\s+$", re.IGNORECASE)
# A linked mention must follow the verb within the same clause.
_CLAUSE_END = re.compile(r"[.;]\s|\n\s*\n")
_REACH = 160


def find_unnumbered(
    text: str, spans: list[tuple[int, int]], mentions: list[Mention]
) -> list[Mention]:
    """Unnumbered documents at the type words ``spans`` that no mention in ``mentions`` (sorted,
    non-overlapping) covers; each is either the subject of a link or a named body's."""
    mention_starts = [m.start for m in mentions]
    stops = set(mention_starts)
    found: list[Mention] = []
    for start, end in spans:
        index = bisect.bisect_right(mention_starts, start) - 1
        if index >= 0 and mentions[index].end > start:
            continue
        mention = _unnumbered(text, start, end, stops, mention_starts)
        if mention is not None:
            found.append(mention)
    return found


def _unnumbered(
    text: str, start: int, end: int, stops: set[int], starts: list[int]
) -> Mention | None:
    written = text[start:end]
    if written.isupper():
        return None  # a heading in capitals is the document's own title
    typed = kind_of_type_word(written)
    if typed is None or typed[0] not in _KINDS:
        return None
    written_as_name = written[0].isupper()
    if typed[0] == "huong-dan" and not written_as_name:
        return None  # "hướng dẫn" in lower case is the verb
    before = text[max(0, start - 40) : start]
    if _GENERIC_BEFORE.search(before):
        return None  # "xây dựng kế hoạch thực hiện X": a plan still to be made
    qualifier = _QUALIFIER.match(text, end)
    if qualifier is not None:
        end = qualifier.end()
    mention = Mention(start, end, typed[0])
    body = _BODY_INTRO.match(text, end)
    if body is not None and (found := read_issuer(text, body.end(), stops)) is not None:
        mention.issuer_span = (body.end(), found[0])
        mention.issuer = found[1]
        mention.end = found[0]
    if mention.kind == "bao-cao" and mention.issuer is None:
        return None  # "Báo cáo tổng kết 10 năm thực hiện X" in a plan: a report still to write
    # A plan written in lower case with no body is a document only where it is issued or named
    # as one ("thông qua chương trình hành động thực hiện ..."); "triển khai kế hoạch tuyên
    # truyền X" is an activity.
    specific = (
        mention.issuer is not None
        or written_as_name
        or qualifier is not None
        or _ISSUED_BEFORE.search(before) is not None
    )
    if specific and _does_to_a_mention(text, mention.end, starts):
        return mention
    if mention.issuer and _ACTED_ON.search(before):
        return mention
    return None


def _does_to_a_mention(text: str, pos: int, starts: list[int]) -> bool:
    """Whether a linking verb follows and a mention comes after it in the same clause."""
    verb = _DOES.match(text, pos)
    if verb is None:
        return False
    index = bisect.bisect_left(starts, verb.end())
    if index == len(starts) or starts[index] > verb.end() + _REACH:
        return False
    clause_end = _CLAUSE_END.search(text, verb.end(), starts[index])
    return clause_end is None
