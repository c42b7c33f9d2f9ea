"""The task parser on plans written for these tests: labelled lines under a task (lists), inline
"X chủ trì", tables read one cell a line or one row a line, and the lists of bodies."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pytest

from kg.followup.tasks import Task, body_names, parse_tasks


@dataclass(frozen=True)
class Expected:
    text: str  # how the task's text starts
    leads: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    time: str | None = None
    ends: str | None = None  # the last day of the task's time
    layout: str = "lines"
    heading: str | None = None
    by_issuer: bool = False


def _seen(task: Task) -> Expected:
    return Expected(
        text=task.text,
        leads=tuple(b.name for b in task.leads),
        partners=tuple(b.name for b in task.partners),
        time=task.time_text,
        ends=task.ends.isoformat() if task.ends else None,
        layout=task.layout,
        heading=task.heading,
        by_issuer=task.lead_is_issuer,
    )


def _check_offsets(text: str, tasks: tuple[Task, ...]) -> None:
    for task in tasks:
        if task.layout != "table":
            assert text[task.text_start : task.text_end] == task.text
        assert task.start <= task.text_start < task.text_end <= task.end
        for body in (*task.leads, *task.partners):
            assert text[body.start : body.end].split() == body.name.split()
        for period in task.periods:
            assert text[period.start : period.end] == period.text


LIST_PLAN = """II. NHIỆM VỤ
1. Tuyên truyền kết quả thực hiện Chỉ thị
- Tổ chức hội nghị báo cáo viên về công tác dân vận.
- Cơ quan chủ trì: Ban Dân vận Tỉnh ủy (Phòng Tổng hợp tham mưu)
- Cơ quan phối hợp: Ban Tuyên giáo Tỉnh ủy, Sở Thông tin và Truyền thông và các cơ quan báo chí.
- Thời gian thực hiện: quý II/2022.
2. Củng cố tổ dân vận
- Rà soát, kiện toàn tổ dân vận ở thôn, ấp (hằng năm).
+ Đơn vị chủ trì: Ban Dân vận các huyện ủy, thành ủy.

+ Đơn vị phối hợp: Ủy ban MTTQ cấp huyện.
2.1. Hướng dẫn xây dựng mô hình "Dân vận khéo"
Tổ chức tập huấn cho cán bộ khối vận cơ sở.
 Cơ quan chủ trì tham mưu: Ban Tuyên giáo và Dân vận Tỉnh ủy
Thời hạn: trước ngày 31/7/2014
3. Giao ban định kỳ
- Thời gian: Từ tháng 8/2021 đến tháng 12/2021: thí điểm; Năm 2022: nhân rộng.
"""

LIST_TASKS = [
    Expected(
        "Tổ chức hội nghị báo cáo viên về công tác dân vận.",
        ("Ban Dân vận Tỉnh ủy",),
        ("Ban Tuyên giáo Tỉnh ủy", "Sở Thông tin và Truyền thông", "các cơ quan báo chí"),
        "quý II/2022",
        "2022-06-30",
        heading="1. Tuyên truyền kết quả thực hiện Chỉ thị",
    ),
    Expected(
        "Rà soát, kiện toàn tổ dân vận ở thôn, ấp (hằng năm).",
        ("Ban Dân vận các huyện ủy", "thành ủy"),
        ("Ủy ban MTTQ cấp huyện",),
        heading="2. Củng cố tổ dân vận",
    ),
    Expected(
        "Tổ chức tập huấn cho cán bộ khối vận cơ sở.",
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy",),
        (),
        "trước ngày 31/7/2014",
        "2014-07-31",
        heading='2.1. Hướng dẫn xây dựng mô hình "Dân vận khéo"',
    ),
    Expected(
        "Giao ban định kỳ",
        (),
        (),
        "Từ tháng 8/2021 đến tháng 12/2021: thí điểm; Năm 2022: nhân rộng",
        "2022-12-31",
        heading="II. NHIỆM VỤ",
    ),
]

INLINE_PLAN = "\n".join(
    [
        "I. NHIỆM VỤ TRỌNG TÂM",
        "1. Nhiệm vụ chung",
        "1.1. Chủ trì, phối hợp tham mưu Ban Thường vụ Tỉnh ủy sơ kết Nghị quyết số 25-NQ/TW, "
        "ngày 03/6/2013 (trình quý III/2018).",
        "1.2. Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ và Ban Tổ chức Tỉnh ủy tổ chức "
        "sơ kết Quy chế dân vận. Thời gian hoàn thành: tháng 10/2023.",
        "1.3. Giao Ban Tuyên giáo Tỉnh ủy chủ trì biên soạn tài liệu tuyên truyền.",
        "1.4. Các hội nghị, hội thảo do lãnh đạo Ban chủ trì; các phòng chuẩn bị nội dung.",
        "1.5. Ban Dân vận các cấp chủ động bố trí kinh phí hằng năm để thực hiện những nội dung "
        "Ban Dân vận chủ trì.",
        "2. Đề nghị các huyện ủy gửi báo cáo về Ban Dân vận Tỉnh ủy trước ngày 15/12/2022.",
        "3. Tổ chức đoàn khảo sát tại 5 huyện. Thời gian dự kiến từ tháng 9 - 10/2023, lịch cụ "
        "thể thông báo sau.",
    ]
)

INLINE_TASKS = [
    Expected(
        "Chủ trì, phối hợp tham mưu Ban Thường vụ Tỉnh ủy sơ kết Nghị quyết số 25-NQ/TW, ngày "
        "03/6/2013 (trình quý III/2018).",
        time="quý III/2018",
        ends="2018-09-30",
        layout="inline",
        heading="1. Nhiệm vụ chung",
        by_issuer=True,
    ),
    Expected(
        "Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ và Ban Tổ chức Tỉnh ủy tổ chức sơ kết "
        "Quy chế dân vận.",
        ("Ban Dân vận Tỉnh ủy",),
        ("Sở Nội vụ", "Ban Tổ chức Tỉnh ủy"),
        "tháng 10/2023",
        "2023-10-31",
        layout="inline",
        heading="1. Nhiệm vụ chung",
    ),
    Expected(
        "Giao Ban Tuyên giáo Tỉnh ủy chủ trì biên soạn tài liệu tuyên truyền.",
        ("Ban Tuyên giáo Tỉnh ủy",),
        layout="inline",
        heading="1. Nhiệm vụ chung",
    ),
    Expected(
        "Đề nghị các huyện ủy gửi báo cáo về Ban Dân vận Tỉnh ủy trước ngày 15/12/2022.",
        time="trước ngày 15/12/2022",
        ends="2022-12-15",
        layout="inline",
        heading="I. NHIỆM VỤ TRỌNG TÂM",
    ),
    Expected(
        "Tổ chức đoàn khảo sát tại 5 huyện.",
        time="từ tháng 9 - 10/2023",
        ends="2023-10-31",
        layout="inline",
        heading="I. NHIỆM VỤ TRỌNG TÂM",
    ),
]

# A .docx or HTML table as the readers give it: one cell a line, an empty cell an empty line,
# a cell of two paragraphs two lines, a group row of two cells.
CELL_TABLE = """KẾ HOẠCH
TT
Nội dung công việc
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian hoàn thành
I
CÔNG TÁC TUYÊN TRUYỀN
1
Hội nghị quán triệt Kết luận
Ban Tuyên giáo Tỉnh ủy
Ban Dân vận Tỉnh ủy, MTTQ tỉnh
Quý III/2021
2
Biên soạn tài liệu hỏi đáp
In và phát hành đến chi bộ
Ban Dân vận Tỉnh ủy

Tháng 12/2021
Nơi nhận:
- Như trên,
"""

CELL_TASKS = [
    Expected(
        "Hội nghị quán triệt Kết luận",
        ("Ban Tuyên giáo Tỉnh ủy",),
        ("Ban Dân vận Tỉnh ủy", "MTTQ tỉnh"),
        "Quý III/2021",
        "2021-09-30",
        layout="table",
        heading="I CÔNG TÁC TUYÊN TRUYỀN",
    ),
    Expected(
        "Biên soạn tài liệu hỏi đáp In và phát hành đến chi bộ",
        ("Ban Dân vận Tỉnh ủy",),
        (),
        "Tháng 12/2021",
        "2021-12-31",
        layout="table",
        heading="I CÔNG TÁC TUYÊN TRUYỀN",
    ),
]

# A table read one row a line, the cells between tabs.
TAB_TABLE = (
    "III. PHÂN CÔNG\n"
    "STT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian\n"
    "1\tKhảo sát tình hình\tBan Dân vận Huyện ủy\tUBND huyện\tQuý I/2024\n"
    "2\tTổng kết\tVăn phòng Huyện ủy\t\tHằng năm\n"
    "Nơi nhận:\n"
)

TAB_TASKS = [
    Expected(
        "Khảo sát tình hình",
        ("Ban Dân vận Huyện ủy",),
        ("UBND huyện",),
        "Quý I/2024",
        "2024-03-31",
        layout="table",
        heading="III. PHÂN CÔNG",
    ),
    Expected(
        "Tổng kết",
        ("Văn phòng Huyện ủy",),
        (),
        "Hằng năm",
        layout="table",
        heading="III. PHÂN CÔNG",
    ),
]

PLANS = [
    ("list", LIST_PLAN, LIST_TASKS),
    ("inline", INLINE_PLAN, INLINE_TASKS),
    ("table, a cell a line", CELL_TABLE, CELL_TASKS),
    ("table, a row a line", TAB_TABLE, TAB_TASKS),
]


@pytest.mark.parametrize(("text", "expected"), [p[1:] for p in PLANS], ids=[p[0] for p in PLANS])
def test_every_task_with_its_bodies_and_time(text: str, expected: list[Expected]) -> None:
    found = parse_tasks(text, year=2018)
    assert [_seen(task) for task in found] == expected
    _check_offsets(text, found)


def test_notes_in_brackets_belong_to_the_body_before_them() -> None:
    (task, *_) = parse_tasks(LIST_PLAN)
    assert [(b.name, b.note) for b in task.leads] == [
        ("Ban Dân vận Tỉnh ủy", "Phòng Tổng hợp tham mưu")
    ]


# The value of a "Cơ quan phối hợp:" line, and the bodies it names with their notes.
BODY_LISTS = [
    ("Sở Nội vụ", [("Sở Nội vụ", None)]),
    ("Sở Nội vụ, các ngành liên quan.", [("Sở Nội vụ", None), ("các ngành liên quan", None)]),
    (
        "Văn phòng cấp ủy, MTTQ và các đoàn thể chính trị - xã hội tỉnh.",
        [
            ("Văn phòng cấp ủy", None),
            ("MTTQ", None),
            ("các đoàn thể chính trị - xã hội tỉnh", None),
        ],
    ),
    # "và" inside a body's name, and inside a note, splits nothing.
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", [("Ban Tuyên giáo và Dân vận Tỉnh ủy", None)]),
    (
        "Ban Dân vận cấp ủy, (Phòng Đoàn thể và các hội tham mưu).",
        [("Ban Dân vận cấp ủy", "Phòng Đoàn thể và các hội tham mưu")],
    ),
    (
        "BCH Quân sự; Biên phòng; Công an tỉnh, Binh đoàn 16 (Bộ Quốc phòng)",
        [
            ("BCH Quân sự", None),
            ("Biên phòng", None),
            ("Công an tỉnh", None),
            ("Binh đoàn 16", "Bộ Quốc phòng"),
        ],
    ),
    (
        "Đảng đoàn MTTQVN tỉnh, các đoàn thể chính trị - xã hội tỉnh và Ban Thường vụ Tỉnh đoàn",
        [
            ("Đảng đoàn MTTQVN tỉnh", None),
            ("các đoàn thể chính trị - xã hội tỉnh", None),
            ("Ban Thường vụ Tỉnh đoàn", None),
        ],
    ),
]


@pytest.mark.parametrize(("value", "expected"), BODY_LISTS, ids=[b[0] for b in BODY_LISTS])
def test_a_list_of_bodies(value: str, expected: list[tuple[str, str | None]]) -> None:
    text = f"- Tổ chức hội nghị.\n- Cơ quan chủ trì: Tỉnh ủy\n- Cơ quan phối hợp: {value}\n"
    (task,) = parse_tasks(text)
    assert [(b.name, b.note) for b in task.partners] == expected
    _check_offsets(text, (task,))


# Labelled lines in their many spellings: (line, the role it is read as).
LABELS = [
    ("- Cơ quan chủ trì: Ban Dân vận Tỉnh ủy", "lead"),
    ("+ Đơn vị chủ trì: Ban Dân vận Tỉnh ủy", "lead"),
    (" Cơ quan chủ trì tham mưu: Ban Dân vận Tỉnh ủy", "lead"),
    ("* Chủ trì thực hiện: Ban Dân vận Tỉnh ủy", "lead"),
    ("- CƠ QUAN CHỦ TRÌ: Ban Dân vận Tỉnh ủy", "lead"),
    ("- Đơn vị phối hợp: Ban Dân vận Tỉnh ủy", "partner"),
    ("+ Cơ quan phối hợp thực hiện: Ban Dân vận Tỉnh ủy", "partner"),
]


@pytest.mark.parametrize(("line", "role"), LABELS, ids=[label[0] for label in LABELS])
def test_labelled_lines(line: str, role: str) -> None:
    (task,) = parse_tasks(f"- Tổ chức hội nghị chuyên đề.\n{line}\n- Thời gian: quý I/2022\n")
    bodies = task.leads if role == "lead" else task.partners
    assert [b.name for b in bodies] == ["Ban Dân vận Tỉnh ủy"]
    assert task.text == "Tổ chức hội nghị chuyên đề."
    assert task.time_text == "quý I/2022"


@pytest.mark.parametrize(
    "text",
    [
        "Ban Dân vận Tỉnh ủy ban hành kế hoạch thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013.",
        "Các hội nghị, hội thảo do lãnh đạo Ban chủ trì; các phòng chuẩn bị nội dung.",
        "4. Nguồn lực: Ban Dân vận các cấp chủ động bố trí kinh phí hằng năm để thực hiện những "
        "nội dung Ban Dân vận chủ trì.",
        "5. Thời gian thực hiện từ năm 2021 đến năm 2025, cụ thể như sau:",
        "",
    ],
)
def test_no_task_where_none_is_set_out(text: str) -> None:
    assert parse_tasks(text) == ()


def test_old_tone_placement_and_decomposed_text_keep_offsets() -> None:
    text = "- Tổ chức hội nghị.\n- Cơ quan chủ trì: Ban Dân vận Tỉnh uỷ\n- Thời gian: qúy IV/2021\n"
    for spelling in (text, unicodedata.normalize("NFD", text)):
        (task,) = parse_tasks(spelling)
        names = [unicodedata.normalize("NFC", b.name) for b in task.leads]
        assert names == ["Ban Dân vận Tỉnh uỷ"]  # as written, old-style tone and all
        assert task.ends is not None and task.ends.isoformat() == "2021-12-31"
        _check_offsets(spelling, (task,))


def test_body_names_are_listed_once_in_the_order_written() -> None:
    assert body_names(parse_tasks(LIST_PLAN)) == [
        "Ban Dân vận Tỉnh ủy",
        "Ban Tuyên giáo Tỉnh ủy",
        "Sở Thông tin và Truyền thông",
        "các cơ quan báo chí",
        "Ban Dân vận các huyện ủy",
        "thành ủy",
        "Ủy ban MTTQ cấp huyện",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    ]
