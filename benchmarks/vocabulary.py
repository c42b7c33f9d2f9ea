"""Words and phrases the synthetic corpus is written with, kept apart from the code that writes.

Written for this project (not lifted from any document) in the register of Party and state
plans: who does what, on which subject, to what end. The generator combines the fragments, so a
few dozen of each give millions of distinct paragraphs. Correct or extend the tables freely:
nothing else depends on their length or order beyond determinism for a seed.
"""

# Phrases are data and stay whole on one line, however long.
# ruff: noqa: E501

from __future__ import annotations

# Subjects of central documents; each becomes the "về ..." title of a resolution, directive...
TOPICS: tuple[str, ...] = (
    "tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới",
    "công tác tôn giáo trong tình hình mới",
    "công tác dân tộc trong giai đoạn mới",
    "tăng cường công tác ở vùng đồng bào dân tộc thiểu số",
    "xây dựng và thực hiện quy chế dân chủ ở cơ sở",
    "nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp",
    "tiếp tục đẩy mạnh công tác phụ nữ trong tình hình mới",
    "tăng cường sự lãnh đạo của Đảng đối với công tác thanh niên",
    "đổi mới tổ chức và hoạt động của Công đoàn Việt Nam",
    "tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
    "phát huy sức mạnh khối đại đoàn kết toàn dân tộc",
    "công tác giám sát, phản biện xã hội của Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "tăng cường công tác phòng, chống tham nhũng, tiêu cực",
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
    "xây dựng nông thôn mới giai đoạn tiếp theo",
    "nông nghiệp, nông dân, nông thôn",
    "công tác bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân",
    "công tác giảm nghèo bền vững",
    "phát huy vai trò của người có uy tín trong đồng bào dân tộc thiểu số",
    "công tác vận động đồng bào theo tôn giáo",
    "tăng cường công tác ở vùng đồng bào dân tộc Khmer",
    "công tác bảo vệ nền tảng tư tưởng của Đảng",
    "công tác cán bộ và xây dựng đội ngũ cán bộ các cấp",
    "nâng cao chất lượng tổ chức cơ sở đảng và đảng viên",
    "công tác dân vận của lực lượng vũ trang",
    "công tác người Việt Nam ở nước ngoài",
    "tăng cường sự lãnh đạo của Đảng đối với Hội Cựu chiến binh Việt Nam",
    "phát triển giáo dục và đào tạo",
    "bảo vệ môi trường và ứng phó với biến đổi khí hậu",
    "công tác gia đình trong tình hình mới",
    "xây dựng đội ngũ trí thức",
    "phát triển văn hóa, con người Việt Nam",
    "công tác chuyển đổi số trong hệ thống chính trị",
    "phát huy vai trò của nhân dân trong đấu tranh ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống",
    "chức năng, nhiệm vụ, tổ chức bộ máy của cơ quan tham mưu, giúp việc",
    "Quy chế công tác dân vận của hệ thống chính trị",
    "giám sát của Mặt trận Tổ quốc đối với việc tu dưỡng, rèn luyện đạo đức, lối sống của người đứng đầu",
    "thực hiện dân chủ ở cơ sở trong giai đoạn mới",
)

# Subjects of decrees, circulars and the Prime Minister's decisions.
STATE_TOPICS: tuple[str, ...] = (
    "quy chế thực hiện dân chủ ở xã, phường, thị trấn",
    "chính sách đối với người có uy tín trong đồng bào dân tộc thiểu số",
    "hoạt động tín ngưỡng, tôn giáo",
    "công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp",
    "tổ chức tiếp công dân, xử lý đơn khiếu nại, tố cáo",
    "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "chương trình tổng thể cải cách hành chính nhà nước",
    "chức năng, nhiệm vụ của cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh",
    "vị trí việc làm và biên chế công chức",
)

# Fields of work a local plan names in its own title ("Kế hoạch ... về công tác dân vận").
FIELDS: tuple[str, ...] = (
    "công tác dân vận",
    "công tác tôn giáo",
    "công tác dân tộc",
    "công tác tuyên giáo",
    "công tác kiểm tra, giám sát",
    "công tác xây dựng Đảng",
    "công tác Mặt trận và các đoàn thể",
    "công tác thanh niên",
    "công tác phụ nữ",
    "công tác dân vận chính quyền",
)

ACTORS: tuple[str, ...] = (
    "Các cấp ủy, tổ chức đảng",
    "Ban Dân vận các huyện ủy, thị ủy, thành ủy",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tỉnh",
    "Đảng đoàn Hội đồng nhân dân tỉnh",
    "Ban cán sự đảng Ủy ban nhân dân tỉnh",
    "Các sở, ban, ngành, đoàn thể tỉnh",
    "Chi bộ thôn, ấp, khu phố",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Đảng ủy Quân sự tỉnh",
    "Đảng ủy Công an tỉnh",
    "Khối vận cơ sở và Tổ dân vận thôn, ấp",
    "Trường Chính trị tỉnh",
    "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở",
    "Đảng ủy Khối các cơ quan tỉnh",
    "Hội Nông dân, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh tỉnh",
)

ACTIONS: tuple[str, ...] = (
    "tăng cường",
    "đổi mới nội dung, phương thức",
    "nâng cao chất lượng, hiệu quả",
    "đẩy mạnh",
    "chủ động tham mưu về",
    "phối hợp chặt chẽ trong",
    "thường xuyên nắm tình hình và làm tốt",
    "tập trung chỉ đạo",
    "kịp thời phát hiện, giải quyết những vướng mắc trong",
    "xây dựng kế hoạch cụ thể về",
    "rà soát, bổ sung các quy định về",
    "tổ chức tập huấn, bồi dưỡng nghiệp vụ về",
    "nhân rộng các mô hình, điển hình trong",
    "định kỳ đánh giá, rút kinh nghiệm về",
)

OBJECTS: tuple[str, ...] = (
    "công tác dân vận của cơ quan nhà nước",
    "việc thực hiện quy chế dân chủ ở cơ sở",
    "phong trào thi đua “Dân vận khéo”",
    "công tác vận động đồng bào dân tộc thiểu số",
    "công tác vận động đồng bào theo tôn giáo",
    "xây dựng nông thôn mới, đô thị văn minh",
    "cải cách hành chính, nâng cao đạo đức công vụ",
    "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "nắm bắt tâm tư, nguyện vọng của nhân dân",
    "giám sát, phản biện xã hội và góp ý xây dựng Đảng, xây dựng chính quyền",
    "tuyên truyền, vận động các tầng lớp nhân dân",
    "xây dựng khối đại đoàn kết toàn dân tộc",
    "phòng, chống dịch bệnh và khắc phục hậu quả thiên tai",
    "công tác giảm nghèo đa chiều, bền vững",
    "củng cố, kiện toàn tổ chức bộ máy làm công tác dân vận",
    "xây dựng đội ngũ cán bộ làm công tác dân vận",
    "vận động đoàn viên, hội viên tham gia phát triển kinh tế - xã hội",
    "xây dựng thế trận lòng dân gắn với thế trận quốc phòng toàn dân",
    "chuyển đổi số trong công tác vận động quần chúng",
)

PURPOSES: tuple[str, ...] = (
    "góp phần củng cố niềm tin của nhân dân đối với Đảng, Nhà nước",
    "nhằm tạo sự đồng thuận trong xã hội",
    "bảo đảm quyền làm chủ của nhân dân",
    "góp phần thực hiện thắng lợi các nhiệm vụ chính trị của địa phương",
    "đáp ứng yêu cầu, nhiệm vụ trong tình hình mới",
    "không để xảy ra điểm nóng, phức tạp về an ninh, trật tự",
    "phát huy sức mạnh tổng hợp của cả hệ thống chính trị",
    "tăng cường mối quan hệ mật thiết giữa Đảng với nhân dân",
    "nâng cao đời sống vật chất, tinh thần của nhân dân",
    "bảo đảm đúng tiến độ và chất lượng",
)

# Sentences without any reference, to give a plan its bulk.
FILLERS: tuple[str, ...] = (
    "Phương châm thực hiện là dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.",
    "Quá trình triển khai phải bám sát thực tiễn, có trọng tâm, trọng điểm, tránh hình thức.",
    "Chú trọng phát hiện, biểu dương, khen thưởng kịp thời các tập thể, cá nhân tiêu biểu.",
    "Các đơn vị báo cáo kết quả định kỳ 6 tháng, một năm về cơ quan thường trực để tổng hợp.",
    "Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm của các cơ quan, đơn vị.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các địa phương phản ánh kịp thời để xem xét, giải quyết.",
    "Coi trọng công tác sơ kết, tổng kết, rút kinh nghiệm để kịp thời điều chỉnh nội dung, biện pháp cho phù hợp.",
    "Gắn việc thực hiện nhiệm vụ với đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên hằng năm.",
)

SECTION_HEADINGS: tuple[tuple[str, ...], ...] = (
    ("MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN"),
    ("MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG TRỌNG TÂM", "TỔ CHỨC THỰC HIỆN"),
    ("QUAN ĐIỂM, MỤC TIÊU", "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "TỔ CHỨC THỰC HIỆN"),
    ("MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG, HÌNH THỨC, THỜI GIAN", "PHÂN CÔNG THỰC HIỆN"),
)

# Syllables for the invented district names (real districts are too many to list reliably).
DISTRICT_SYLLABLES: tuple[str, ...] = (
    "Phú",
    "Tân",
    "An",
    "Bình",
    "Hòa",
    "Thạnh",
    "Đông",
    "Tây",
    "Vĩnh",
    "Long",
    "Xuân",
    "Lộc",
    "Thuận",
    "Hưng",
    "Sơn",
    "Hải",
    "Yên",
    "Quảng",
    "Đức",
    "Thanh",
    "Mỹ",
    "Châu",
    "Cẩm",
    "Hiệp",
)

SURNAMES: tuple[str, ...] = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Lâm",
    "Mai",
)
MIDDLE_NAMES: tuple[str, ...] = (
    "Văn",
    "Thị",
    "Hữu",
    "Minh",
    "Thanh",
    "Quốc",
    "Đức",
    "Ngọc",
    "Xuân",
    "Thị Thu",
    "Công",
    "Hồng",
    "Trọng",
    "Kim",
)
GIVEN_NAMES: tuple[str, ...] = (
    "Hùng",
    "Lan",
    "Dũng",
    "Hương",
    "Tuấn",
    "Mai",
    "Sơn",
    "Hà",
    "Thắng",
    "Trang",
    "Nam",
    "Phú",
    "Bình",
    "Hạnh",
    "Long",
    "Thảo",
    "Quang",
    "Vinh",
    "Hiền",
    "Toàn",
    "Chiến",
    "Nga",
    "Khánh",
)

WEEKDAYS: tuple[str, ...] = (
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
    "Chủ Nhật",
)

# Site furniture of saved web pages: it surrounds the text, never cites anything.
WEB_FURNITURE: tuple[str, ...] = (
    "Gửi cho bạn bè",
    "Phản hồi",
    "Các tin khác",
    "Xem nhiều nhất",
    "In trang",
)

# Word-level typos seen in real plans (the correct form first).
TYPOS: tuple[tuple[str, str], ...] = (
    ("dân vận", "đân vận"),
    ("Ban Dân tộc", "Bân Dân tộc"),
    ("triển khai", "triển"),
    ("hòa giải", "hoà hoà giải"),
    ("chính đốn", "chính đồn"),
    ("làm điểm", "làm điếm"),
)

# Tone placement of older typing habits: same word, other spelling.
OLD_TONES: tuple[tuple[str, str], ...] = (
    ("ủy", "uỷ"),
    ("Ủy", "Uỷ"),
    ("ỦY", "UỶ"),
    ("khóa", "khoá"),
    ("hòa", "hoà"),
    ("hóa", "hoá"),
    ("thủy", "thuỷ"),
)
