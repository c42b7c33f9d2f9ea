"""Table-driven tests for what real text from many sources does, one phenomenon per table.

The sentences are written for these tests in the way Party and state documents, reports and
mirror pages write them; none is copied from the shared gold.
"""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from tests.extract.rows import check_references, links_of, ref

# Dates wherever the text puts them; never a posting, meeting, effective or deadline date.
DATES = [
    (
        "Ngày 03/10/2017, Ban Bí thư đã có Quyết định số 99-QĐ/TW về khung tuyên truyền.",
        [ref("Quyết định số 99-QĐ/TW", date="2017-10-03", issuer="Ban Bí thư")],
    ),
    (
        "Tiếp đó, ngày 10/9/2020 Ban Tuyên giáo Trung ương có Hướng dẫn số 151-HD/BTGTW.",
        [ref("Hướng dẫn số 151-HD/BTGTW", date="2020-09-10")],
    ),
    (
        "Ngày 18/6/2009, tại Kỳ họp thứ 5, Quốc hội khóa XII đã thông qua Luật Thanh tra.",
        [ref("Luật Thanh tra", date="2009-06-18", kind="luat")],
    ),
    (
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        [ref("Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015", date="2015-06-19")],
    ),
    (
        "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6\nnăm 2015;",
        [ref("Luật Ngân sách nhà nước ngày 25 tháng 6\nnăm 2015", date="2015-06-25")],
    ),
    (
        "Thực hiện Chỉ thị số 12-CT/TU ngày 03-10-2017 và Chỉ thị số 13-CT/TU ngày 04.10.2017.",
        [
            ref("Chỉ thị số 12-CT/TU ngày 03-10-2017", date="2017-10-03"),
            ref("Chỉ thị số 13-CT/TU ngày 04.10.2017", date="2017-10-04"),
        ],
    ),
    (
        "Học tập Nghị quyết số 25-NQ/TW (2003) về công tác tôn giáo.",
        [ref("Nghị quyết số 25-NQ/TW (2003)", date=None, year=2003)],
    ),
    (
        "Thực hiện Bộ luật Lao động năm 2019 và Nghị quyết số 18-NQ/TW năm 2017.",
        [
            ref("Bộ luật Lao động năm 2019", date=None, year=2019),
            ref("Nghị quyết số 18-NQ/TW năm 2017", date=None, year=2017),
        ],
    ),
    (
        "Thực hiện Công văn số 833/VPCP-TH ngày 3-2 của Văn phòng Chính phủ.",
        [
            ref(
                "Công văn số 833/VPCP-TH ngày 3-2 của Văn phòng Chính phủ",
                date=None,
                date_raw="3-2",
            )
        ],
    ),
    (
        "Theo Kế hoạch số 12-KH/TU tháng 4-2007 của Tỉnh ủy.",
        [ref("Kế hoạch số 12-KH/TU tháng 4-2007 của Tỉnh ủy", date=None, year=2007)],
    ),
    (
        "Các cấp ủy thực hiện Chỉ thị 05-CT/TW (ngày 15/5/2016) của Bộ Chính trị.",
        [ref("Chỉ thị 05-CT/TW (ngày 15/5/2016) của Bộ Chính trị", date="2016-05-15")],
    ),
    (
        "Thực hiện Kết luận số 01-KL/TW do Bộ Chính trị ban hành ngày 18/5/2021, các cấp ủy ...",
        [
            ref(
                "Kết luận số 01-KL/TW do Bộ Chính trị ban hành ngày 18/5/2021",
                date="2021-05-18",
                issuer="Bộ Chính trị",
            )
        ],
    ),
    (
        "Quyết định số 15/2021/QĐ-UBND có hiệu lực kể từ ngày 01/01/2022.",
        [ref("Quyết định số 15/2021/QĐ-UBND", date=None)],
    ),
    (
        "Báo cáo kết quả thực hiện Chỉ thị số 05-CT/TW trước ngày 30/6/2024.",
        [ref("Chỉ thị số 05-CT/TW", date=None)],
    ),
    (
        "Ngày 15/3/2021, Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết số 35-NQ/TW.",
        [ref("Nghị quyết số 35-NQ/TW", date=None, relation="disseminates")],
    ),
]

# Laws and other state documents by name, number or generic type word.
STATE_DOCUMENTS = [
    (
        "Căn cứ Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        [ref("Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", kind="luat")],
    ),
    (
        "KẾ HOẠCH TRIỂN KHAI LUẬT PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT",
        [ref("LUẬT PHỔ BIẾN, GIÁO DỤC PHÁP LUẬT", kind="luat")],
    ),
    (
        "Căn cứ Hiến pháp năm 1946, 1959, 1980, 1992 và năm 2013;",
        [
            ref("Hiến pháp năm 1946", year=1946),
            ref("1959", year=1959),
            ref("1980", year=1980),
            ref("1992", year=1992),
            ref("năm 2013", year=2013),
        ],
    ),
    (
        "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;",
        [ref("Luật Tổ chức Quốc hội số 57/2014/QH13", symbol="57/2014/QH13", year=2014)],
    ),
    (
        "Căn cứ Nghị quyết số 31/2021/QH15 của Quốc hội;",
        [ref("Nghị quyết số 31/2021/QH15 của Quốc hội", kind="nghi-quyet")],
    ),
    (
        "UBND tỉnh có văn bản số 4912/UBND-NC chỉ đạo các sở.",
        [ref("văn bản số 4912/UBND-NC", kind="cong-van", symbol="4912/UBND-NC")],
    ),
    (
        "Ban đã có văn bản số 71-HD/BTGTW hướng dẫn tuyên truyền.",
        [ref("văn bản số 71-HD/BTGTW", kind="huong-dan")],
    ),
    (
        "Thực hiện Công văn số 700/CV-DVTU của Ban Dân vận.",
        [ref("Công văn số 700/CV-DVTU của Ban Dân vận", symbol="700/CV-DVTU")],
    ),
    (
        "Căn cứ Tờ trình số 96/\nTTr-UB ngày 29/10/2001 của Ủy ban.",
        [ref("Tờ trình số 96/\nTTr-UB ngày 29/10/2001 của Ủy ban", symbol="96/TTr-UB")],
    ),
    (
        "Căn cứ Nghị quyết số 36a/NQ-CP ngày 14/10/2015 của Chính phủ;",
        [ref("Nghị quyết số 36a/NQ-CP ngày 14/10/2015 của Chính phủ", number="36a")],
    ),
    ("Luật sư Nguyễn Văn A cho biết pháp luật đã quy định rõ; Luật này có hiệu lực.", []),
]

# Links stated between two cited documents, in the constructions real text uses.
LINKS = [
    (
        "Tỉnh ủy Sơn La ban hành Kế hoạch số 185-KH/TU thực hiện Chỉ thị số 37-CT/TW.",
        [("Kế hoạch số 185-KH/TU", "implements", "Chỉ thị số 37-CT/TW")],
    ),
    (
        "Ban Thường vụ ban hành Kế hoạch số 08-KH/ĐU để triển khai thực hiện Chỉ thị số 45-CT/TW.",
        [("Kế hoạch số 08-KH/ĐU", "implements", "Chỉ thị số 45-CT/TW")],
    ),
    (
        "Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị, Ban Thường vụ Đảng ủy "
        "đã khẩn trương ban hành Kế hoạch số 08-KH/ĐU.",
        [
            (
                "Kế hoạch số 08-KH/ĐU",
                "implements",
                "Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị",
            )
        ],
    ),
    # A lead clause over a list of issued documents: one link per document issued.
    (
        "Căn cứ Chỉ thị số 12-CT/TW, Huyện ủy đã ban hành Kế hoạch số 40-KH/HU và Hướng dẫn số "
        "03-HD/HU.",
        [
            ("Kế hoạch số 40-KH/HU", "based_on", "Chỉ thị số 12-CT/TW"),
            ("Hướng dẫn số 03-HD/HU", "based_on", "Chỉ thị số 12-CT/TW"),
        ],
    ),
    # What a document requires others to do to a document, it does to it; the requirement
    # goes on past a colon, and a document only followed ("theo") is not carried out.
    (
        "Huyện ủy có Công văn số 210-CV/HU yêu cầu các chi bộ thực hiện tốt một số nội dung:\n"
        "Tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.\n"
        "Tuyên truyền theo Hướng dẫn số 89-HD/BTGTW.",
        [("Công văn số 210-CV/HU", "continues", "Chỉ thị số 05-CT/TW của Bộ Chính trị")],
    ),
    (
        "Đồng chí thông tin về Kế hoạch số 527 của Đảng đoàn, theo đó yêu cầu việc quán triệt "
        "Kết luận số 21-KL/TW nghiêm túc.",
        [("Kế hoạch số 527 của Đảng đoàn", "disseminates", "Kết luận số 21-KL/TW")],
    ),
    # "(đã) thông qua" a document is adopting it; "quán triệt thông qua" is "by way of".
    (
        "Trên cơ sở Nghị quyết số 05-NQ/TW, Hội nghị đã thông qua Quy chế số 02-QC/TU.",
        [("Quy chế số 02-QC/TU", "based_on", "Nghị quyết số 05-NQ/TW")],
    ),
    ("Thực hiện Chỉ thị số 12-CT/TW, tuyên truyền thông qua Kế hoạch số 40-KH/HU.", []),
    (
        "Nhằm quán triệt Nghị quyết số 57-NQ/TW. Ngày 25/9/2025, Chính phủ có Nghị quyết số "
        "71/NQ-CP.",
        [("Nghị quyết số 71/NQ-CP", "disseminates", "Nghị quyết số 57-NQ/TW")],
    ),
    (
        "Kết luận số 70-KL/TW của Bộ Chính trị về tiếp tục thực hiện Nghị quyết Trung ương 5 "
        "khóa IX.",
        [
            (
                "Kết luận số 70-KL/TW của Bộ Chính trị",
                "continues",
                "Nghị quyết Trung ương 5 khóa IX",
            )
        ],
    ),
    (
        "Kế hoạch số 29-KH/TU về học tập, quán triệt, tuyên truyền Nghị quyết số 35-NQ/TW và "
        "Chỉ thị số 05-CT/TW.",
        [
            ("Kế hoạch số 29-KH/TU", "disseminates", "Nghị quyết số 35-NQ/TW"),
            ("Kế hoạch số 29-KH/TU", "disseminates", "Chỉ thị số 05-CT/TW"),
        ],
    ),
    (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
        "chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        [
            (
                "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
                "chính quyền địa phương ngày 22 tháng 11 năm 2019",
                "amends",
                "Luật Tổ chức Chính phủ",
            ),
            (
                "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
                "chính quyền địa phương ngày 22 tháng 11 năm 2019",
                "amends",
                "Luật Tổ chức chính quyền địa phương",
            ),
        ],
    ),
    (
        "Căn cứ Nghị định số 23/2006/NĐ-CP ngày 03/3/2006 của Chính phủ quy định chi tiết thi "
        "hành Luật Bảo vệ và phát triển rừng;",
        [
            (
                "Nghị định số 23/2006/NĐ-CP ngày 03/3/2006 của Chính phủ",
                "implements",
                "Luật Bảo vệ và phát triển rừng",
            )
        ],
    ),
    (
        "Thông tư số 05/2019/TT-BNV hướng dẫn thực hiện Nghị định số 90/2018/NĐ-CP.",
        [("Thông tư số 05/2019/TT-BNV", "guides", "Nghị định số 90/2018/NĐ-CP")],
    ),
    (
        "Theo đó, Chương trình hành động của Chính phủ thực hiện Kết luận số 80-KL/TW được "
        "triển khai rộng rãi.",
        [("Chương trình hành động của Chính phủ", "implements", "Kết luận số 80-KL/TW")],
    ),
    (
        "Phó Thủ tướng đã ký quyết định ban hành Kế hoạch triển khai thi hành Luật Đất đai năm "
        "2024.",
        [("Kế hoạch", "implements", "Luật Đất đai năm 2024")],
    ),
    (
        "Bộ Chính trị ban hành Quyết định số 23-QĐ/TW ngày 30/7/2021 (thay thế Quyết định số "
        "290-QĐ/TW).",
        [("Quyết định số 23-QĐ/TW ngày 30/7/2021", "replaces", "Quyết định số 290-QĐ/TW")],
    ),
    (
        "Căn cứ Nghị định số 10/2016/NĐ-CP của Chính phủ, được sửa đổi, bổ sung bởi Nghị định "
        "số 47/2019/NĐ-CP;",
        [("Nghị định số 47/2019/NĐ-CP", "amends", "Nghị định số 10/2016/NĐ-CP của Chính phủ")],
    ),
    (
        "Quyết định số 12/2021/QĐ-UBND bãi bỏ Quyết định số 30/2013/QĐ-UBND.",
        [("Quyết định số 12/2021/QĐ-UBND", "repeals", "Quyết định số 30/2013/QĐ-UBND")],
    ),
    (
        "Lịch sử hiệu lực: Quyết định 30/2013/QĐ-UBND\n"
        "09/07/2013 Văn bản được ban hành 30/2013/QĐ-UBND\n"
        "09/01/2015 Được sửa đổi 79/2014/QĐ-UBND\n"
        "06/05/2019 Bị thay thế 14/2019/QĐ-UBND\n",
        [
            ("79/2014/QĐ-UBND", "amends", "Quyết định 30/2013/QĐ-UBND"),
            ("14/2019/QĐ-UBND", "replaces", "Quyết định 30/2013/QĐ-UBND"),
        ],
    ),
    (
        "Tỉnh ủy ban hành Kế hoạch số 185-KH/TU và Kế hoạch số 186-KH/TU thực hiện Chỉ thị số "
        "37-CT/TW.",
        [
            ("Kế hoạch số 185-KH/TU", "implements", "Chỉ thị số 37-CT/TW"),
            ("Kế hoạch số 186-KH/TU", "implements", "Chỉ thị số 37-CT/TW"),
        ],
    ),
    (
        "Ngày 25/12/2025, Ban Thường vụ Tỉnh ủy ban hành Quy định số 19-QĐ/TU, thay thế Quy định "
        "số 10-QĐ/TU.",
        [("Quy định số 19-QĐ/TU", "replaces", "Quy định số 10-QĐ/TU")],
    ),
    (
        "Theo đó, Nghị định số 15/2020/NĐ-CP hết hiệu lực kể từ ngày Nghị định số 20/2025/NĐ-CP "
        "có hiệu lực.",
        [("Nghị định số 20/2025/NĐ-CP", "replaces", "Nghị định số 15/2020/NĐ-CP")],
    ),
    (
        "Theo đó, Chỉ thị số 05-CT/TW được cụ thể hóa bằng Kế hoạch số 12-KH/TU của Tỉnh ủy.",
        [("Kế hoạch số 12-KH/TU của Tỉnh ủy", "implements", "Chỉ thị số 05-CT/TW")],
    ),
    (
        # A title line and the plan's first sentence name the same document: no link to itself.
        "Kế hoạch số 43-KH/TU về tiếp tục thực hiện Kết luận số 43-KL/TW\n"
        "Thực hiện Kế hoạch số 43-KH/TU, các chi bộ tổ chức học tập.",
        [("Kế hoạch số 43-KH/TU", "continues", "Kết luận số 43-KL/TW")],
    ),
    (
        # A decree details a law, not the Prime Minister's decision listed after it.
        "Căn cứ Nghị định số 123/2015/NĐ-CP quy định chi tiết thi hành Luật Hộ tịch và "
        "Quyết định số 101/QĐ-TTg của Thủ tướng Chính phủ;",
        [("Nghị định số 123/2015/NĐ-CP", "implements", "Luật Hộ tịch")],
    ),
    (
        # Issuing a plan is no link from the decision; the plan's own verb is.
        "Quyết định số 1355/QĐ-TTg ban hành Kế hoạch triển khai thi hành Luật Thanh niên.",
        [("Kế hoạch", "implements", "Luật Thanh niên")],
    ),
]

# The relation of the document being read, from the verb that governs each reference.
RELATIONS = [
    (
        "Tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW; 05 năm thực hiện Kết luận số 43-KL/TW.",
        ["reviews", "reviews"],
    ),
    ("Bãi bỏ Quyết định số 12/2010/QĐ-UBND của Ủy ban nhân dân tỉnh.", ["repeals"]),
    ("Ban Tuyên giáo hướng dẫn thực hiện Quy định số 124-QĐ/TW.", ["guides"]),
    (
        "Quyết định số 59/1999/QĐ-UB bị bãi bỏ, thay thế bởi Quyết định số 1177/QĐ-UBND.",
        ["cites", "cites"],
    ),
    (
        "Căn cứ Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP quy định chi tiết Luật Hộ "
        "tịch; Quyết định số 101/QĐ-TTg của Thủ tướng;",
        ["based_on", "based_on", "cites", "based_on"],
    ),
    ("Các cấp ủy học tập theo tinh thần Chỉ thị số 05-CT/TW.", ["disseminates"]),
    ("Tuyên truyền miệng theo tinh thần Chỉ thị số 30-CT/TW.", ["based_on"]),
    (
        "Nhằm thực hiện có hiệu quả các nhiệm vụ, giải pháp được nêu trong Nghị quyết số "
        "27-NQ/TW của Ban Chấp hành Trung ương.",
        ["implements"],
    ),
    (
        "ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 12/2009/QĐ-UBND\nQUYẾT ĐỊNH\n"
        "Căn cứ Thông tư số 04/2008/TT-BNV ngày 04/6/2008 của Bộ Nội vụ;\n"
        "Thông tư số 06/2008/TT-BNV ngày 21/8/2008 của Bộ Nội vụ;",
        ["based_on", "based_on"],
    ),
    # What a body sends on is only cited, whatever the lead clause carried out.
    (
        "Thực hiện Kế hoạch số 147-KH/BDVTW, Ban Dân vận Trung ương đã gửi các tỉnh ủy:\n"
        "- Hướng dẫn số 332-HD/BDVTW ngày 29/9/2014;\n- Công văn số 125-CV/BDVTW ngày 25/4/2015.",
        ["implements", "cites", "cites"],
    ),
    ("Tỉnh ủy tiếp tục đẩy mạnh việc thực hiện Chỉ thị số 30-CT/TW.", ["continues"]),
    # A title broken over lines reads as one phrase: guidance on disseminating is dissemination.
    (
        "HƯỚNG DẪN\nphổ biến Chương trình số 933-CTr/BDVTW ngày 5-2-2001 của Ban Dân vận",
        ["disseminates"],
    ),
    ("HƯỚNG DẪN\ntổ chức học tập, quán triệt Kết luận số 61-KL/TW", ["disseminates"]),
]

# Back-references and short forms bound to what they point at.
BACK_REFERENCES = [
    (
        "Bộ Chính trị ban hành Nghị quyết số 35-NQ/TW. Để thực hiện Nghị quyết nói trên, Tỉnh "
        "ủy ban hành Kế hoạch số 40-KH/TU.",
        [
            ref("Nghị quyết số 35-NQ/TW"),
            ref("Nghị quyết nói trên", short_form=True, antecedent=0, relation="implements"),
            ref("Kế hoạch số 40-KH/TU"),
        ],
    ),
    (
        "Ban Bí thư ban hành Chỉ thị số 05-CT/TW. Các cấp ủy quán triệt Chỉ thị trên.",
        [ref("Chỉ thị số 05-CT/TW"), ref("Chỉ thị trên", short_form=True, antecedent=0)],
    ),
    (
        "Tin: Bộ Chính trị có Kết luận số 21-KL/TW. Để thực hiện tốt Kết luận này, Tỉnh ủy "
        "chỉ đạo các cấp.",
        [ref("Kết luận số 21-KL/TW"), ref("Kết luận này", short_form=True, antecedent=0)],
    ),
    (
        "Căn cứ Quyết định số 23-QĐ/TW về Quy chế làm việc (sau đây gọi tắt là Quy chế). Các "
        "chi bộ thực hiện Quy chế nghiêm túc.",
        [ref("Quyết định số 23-QĐ/TW"), ref("Quy chế", short_form=True, antecedent=0)],
    ),
    (
        "QUYẾT ĐỊNH\nĐiều 1. Quyết định này thay thế Quyết định số 12/2010/QĐ-UBND.",
        [ref("Quyết định số 12/2010/QĐ-UBND", relation="replaces")],
    ),
    (
        "Thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW của Bộ Chính trị. Từ "
        "đó, Quyết định số 217 và 218 được triển khai.",
        [
            ref("Quyết định số 217-QĐ/TW"),
            ref("Quyết định số 218-QĐ/TW của Bộ Chính trị"),
            ref("Quyết định số 217", short_form=True, antecedent=0),
            ref("218", short_form=True, antecedent=1),
        ],
    ),
    (
        "Giám sát Quyết định số 217, 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị và Chỉ thị số "
        "05-CT/TW.",
        [
            ref("Quyết định số 217", symbol="217-QĐ/TW", date="2013-12-12"),
            ref("218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị", symbol="218-QĐ/TW"),
            ref("Chỉ thị số 05-CT/TW", date=None),
        ],
    ),
]

# Text damaged by conversion, OCR or scraping; offsets still index the text as read.
DAMAGED = [
    (
        "Thực hiện Nghị qụỵết số 25-NQ/TW ngàỷ 03/6/2013 của Ban Chấp hành Trung ương khỏá XÍĨ.",
        [
            ref(
                "Nghị qụỵết số 25-NQ/TW ngàỷ 03/6/2013 của Ban Chấp hành Trung ương khỏá XÍĨ",
                date="2013-06-03",
                term="XII",
                relation="implements",
            )
        ],
    ),
    (
        "Thực hiện Quyết định số 99-QÐ/TW của Ban Bí thư.",
        [ref("Quyết định số 99-QÐ/TW của Ban Bí thư", symbol="99-QĐ/TW")],
    ),
    (
        "Tiếp tục thực hiện Chỉ thị số 30-CT/TW1, Chỉ thị số 10-CT/TW2 của Bộ Chính trị.",
        [
            ref("Chỉ thị số 30-CT/TW", symbol="30-CT/TW"),
            ref("Chỉ thị số 10-CT/TW", symbol="10-CT/TW"),
        ],
    ),
    (
        "Thực hiện Kết luận số Kết luận số 200-KL/TW ngày 01/01/2021 của Bộ Chính trị.",
        [ref("Kết luận số 200-KL/TW ngày 01/01/2021 của Bộ Chính trị", symbol="200-KL/TW")],
    ),
    (
        "Quán  triệt  Nghị  quyết  số  25-NQ/TW  ngày  03/6/2013.",
        [ref("Nghị  quyết  số  25-NQ/TW  ngày  03/6/2013", date="2013-06-03")],
    ),
    (
        "Thực hiện Pháp lệnh số số 34/2007/PL-UBTVQH11 ngày 20/4/2007.",
        [ref("Pháp lệnh số số 34/2007/PL-UBTVQH11 ngày 20/4/2007", date="2007-04-20")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DATES + STATE_DOCUMENTS + BACK_REFERENCES + DAMAGED)
def test_references(text: str, expected: list[dict[str, Any]]) -> None:
    check_references(text, expected)


@pytest.mark.parametrize(("text", "expected"), LINKS)
def test_links(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert links_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), RELATIONS)
def test_relations(text: str, expected: list[str]) -> None:
    assert [r.relation for r in extract(text).references] == expected


def test_a_link_never_joins_a_document_to_itself() -> None:
    text = (
        "Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư\n"
        "Thực hiện Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư, Tỉnh ủy chỉ đạo."
    )
    extraction = extract(text)
    symbols = [r.symbol for r in extraction.references]
    assert all(symbols[k.subject] != symbols[k.object] for k in extraction.links)


def test_a_law_named_inside_an_amending_law_overlaps_only_its_container() -> None:
    text = "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai và Luật Nhà ở;"
    extraction = extract(text)
    outer, *inner = extraction.references
    assert [r.surface for r in inner] == ["Luật Đất đai", "Luật Nhà ở"]
    assert all(outer.start < r.start and r.end <= outer.end for r in inner)
    assert [(k.subject, k.relation, k.object) for k in extraction.links] == [
        (0, "amends", 1),
        (0, "amends", 2),
    ]
    assert outer.relation == "based_on"
    assert [r.relation for r in inner] == ["cites", "cites"]
