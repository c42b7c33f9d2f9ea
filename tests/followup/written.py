"""Three documents written for the follow-up tests: a provincial directive whose own text
schedules its reviews and names its recipients, a plan of one recipient implementing it, and a
review report from a body it was not sent to."""

from __future__ import annotations

from pathlib import Path

DIRECTIVE = """ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY HẢI DƯƠNG
*
Số 07-CT/TU
Hải Dương, ngày 15 tháng 3 năm 2016

CHỈ THỊ
CỦA BAN THƯỜNG VỤ TỈNH ỦY
về tăng cường công tác dân vận ở cơ sở

Thực hiện Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI, Ban \
Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng thực hiện tốt các nội dung sau:

1. Nâng cao nhận thức của cán bộ, đảng viên về công tác dân vận.

2. Tổ chức thực hiện
Các cấp ủy đảng định kỳ hằng năm báo cáo kết quả thực hiện về Ban Thường vụ Tỉnh ủy (qua Ban Dân \
vận Tỉnh ủy). Sau 3 năm sơ kết, 6 năm tổng kết việc thực hiện Chỉ thị.

T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn A

Nơi nhận:
- Ban Dân vận Trung ương,
- Ban Dân vận Tỉnh ủy,
- Các huyện ủy, thị ủy, thành ủy,
- Lưu Văn phòng Tỉnh ủy.
"""

PLAN = """TỈNH ỦY HẢI DƯƠNG
BAN DÂN VẬN
*
Số 12-KH/BDVTU
Hải Dương, ngày 10 tháng 4 năm 2016

KẾ HOẠCH
thực hiện Chỉ thị số 07-CT/TU, ngày 15/3/2016 của Ban Thường vụ Tỉnh ủy về tăng cường công tác \
dân vận ở cơ sở

Thực hiện Chỉ thị số 07-CT/TU, ngày 15/3/2016 của Ban Thường vụ Tỉnh ủy, Ban Dân vận Tỉnh ủy xây \
dựng Kế hoạch thực hiện như sau:

1. Hướng dẫn các huyện ủy quán triệt Chỉ thị.
"""

REPORT = """BAN CÁN SỰ ĐẢNG ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG
*
Số 30-BC/BCSĐ
Hải Dương, ngày 20 tháng 5 năm 2019

BÁO CÁO
sơ kết 3 năm thực hiện Chỉ thị số 07-CT/TU, ngày 15/3/2016 của Ban Thường vụ Tỉnh ủy

Thực hiện Chỉ thị số 07-CT/TU của Ban Thường vụ Tỉnh ủy, Ban cán sự đảng báo cáo như sau.
"""


def write(folder: Path) -> Path:
    """The three documents as files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("ct-07.txt", DIRECTIVE), ("kh-12.txt", PLAN), ("bc-30.txt", REPORT)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder
