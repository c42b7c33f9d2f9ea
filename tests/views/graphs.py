"""Small graphs in the input contract of kg.views, built by hand for the map tests.

`chain_25` follows what the sample corpus says about Nghị quyết 25-NQ/TW (2013) and the
documents acting on it (dates and symbols read from data/corpus); `synthetic` makes large
seeded graphs of the same shape for size tests and time-to-interactive measurements.
"""

from __future__ import annotations

import random

import networkx as nx

BASE = "https://w3id.org/vankien/doc/"
NQ25 = BASE + "tw/nghi-quyet/2013/25"
XSS_TITLE = '<img src=x onerror="window.__xss=1">'


def _doc(graph: nx.MultiDiGraph, iri: str, **attrs: object) -> None:
    defaults: dict[str, object] = {
        "label": None,
        "symbol": None,
        "kind": "other",
        "date": None,
        "issuer": None,
        "level": None,
        "province": None,
        "title": None,
        "ingested": False,
    }
    graph.add_node(iri, **{**defaults, **attrs})


def _link(
    graph: nx.MultiDiGraph, acting: str, acted_on: str, relation: str, evidence: str | None = None
) -> None:
    graph.add_edge(
        acting, acted_on, relation=relation, evidence=evidence, source=None, lag_days=None
    )


def chain_25() -> nx.MultiDiGraph:
    """Nghị quyết 25-NQ/TW and eight documents of the sample corpus that act on it."""
    g = nx.MultiDiGraph(title="Chuỗi thực hiện Nghị quyết 25-NQ/TW (2013)")
    central = {"level": "central", "issuer": "Ban Chấp hành Trung ương"}
    _doc(
        g,
        NQ25,
        label="25-NQ/TW",
        symbol="25-NQ/TW",
        kind="nghi-quyet",
        date="2013-06-03",
        title="Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình "
        "hình mới",
        **central,
    )
    kl43 = BASE + "tw/ket-luan/2019/43"
    _doc(
        g,
        kl43,
        label="43-KL/TW",
        symbol="43-KL/TW",
        kind="ket-luan",
        date="2019-01-07",
        level="central",
        issuer="Ban Bí thư",
        title="Tiếp tục thực hiện Nghị quyết số 25-NQ/TW",
    )
    kh1600 = BASE + "bdvtw/ke-hoach/2018/1600"
    _doc(
        g,
        kh1600,
        label="1600-KH/BDVTW",
        symbol="1600-KH/BDVTW",
        kind="ke-hoach",
        date="2018-02-28",
        level="central",
        issuer="Ban Dân vận Trung ương",
        title="Kế hoạch công tác năm 2018",
        ingested=True,
    )
    kh82 = BASE + "bdvtw/ke-hoach/2023/82"
    _doc(
        g,
        kh82,
        label="82-KH/BDVTW",
        symbol="82-KH/BDVTW",
        kind="ke-hoach",
        date="2023-05-18",
        level="central",
        issuer="Ban Dân vận Trung ương",
        title="Tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW",
        ingested=True,
    )
    ctr31 = BASE + "binh-phuoc/tu/chuong-trinh/2013/31"
    _doc(
        g,
        ctr31,
        label="31-CTr/TU",
        symbol="31-CTr/TU",
        kind="chuong-trinh",
        date="2013-09-06",
        level="province",
        province="Bình Phước",
        issuer="Tỉnh ủy Bình Phước",
    )
    kh36 = BASE + "binh-phuoc/bdvtu/ke-hoach/2021/36"
    _doc(
        g,
        kh36,
        label="36-KH/BDVTU",
        symbol="36-KH/BDVTU",
        kind="ke-hoach",
        date="2021-08-17",
        level="province",
        province="Bình Phước",
        issuer="Ban Dân vận Tỉnh ủy Bình Phước",
        title="Kế hoạch hành động thực hiện Nghị quyết Đại hội XIII về công tác dân vận",
        ingested=True,
    )
    khhd = BASE + "hai-duong/bdvtu/ke-hoach/2021/hanh-dong"
    _doc(
        g,
        khhd,
        label="KH hành động BDV Hải Dương",
        kind="ke-hoach",
        level="province",
        province="Hải Dương",
        issuer="Ban Dân vận Tỉnh ủy Hải Dương",
        ingested=True,
        title="Kế hoạch hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII",
    )
    khhp = BASE + "hai-phong/bdvtu/ke-hoach/2023/cong-tac"
    _doc(
        g,
        khhp,
        label="KH công tác dân vận 2023",
        kind="ke-hoach",
        date="2023-01-10",
        level="province",
        province="Hải Phòng",
        issuer="Ban Dân vận Thành ủy Hải Phòng",
        title="Kế hoạch công tác dân vận năm 2023",
        ingested=True,
    )
    nq08 = BASE + "hai-phong/tu/nghi-quyet/2022/08"
    _doc(
        g,
        nq08,
        label="08-NQ/TU",
        symbol="08-NQ/TU",
        kind="nghi-quyet",
        date="2022-12-06",
        level="province",
        province="Hải Phòng",
        issuer="Thành ủy Hải Phòng",
        title="Mục tiêu, nhiệm vụ, giải pháp năm 2023",
    )

    _link(
        g,
        kl43,
        NQ25,
        "continues",
        "Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư về "
        "tiếp tục thực hiện Nghị quyết số 25-NQ/TW",
    )
    _link(g, kh1600, NQ25, "reviews", "Sơ kết 5 năm thực hiện Nghị quyết số 25-NQ/TW")
    _link(g, kh82, NQ25, "reviews", "Kế hoạch tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW")
    _link(g, kh82, kl43, "reviews", "05 năm thực hiện Kết luận số 43-KL/TW")
    _link(g, ctr31, NQ25, "implements")
    _link(g, kh36, NQ25, "cites", "nhất là Nghị quyết số 25-NQ/TW, ngày 03/6/2013")
    _link(g, kh36, ctr31, "cites")
    _link(g, khhd, NQ25, "implements", "trọng tâm là Nghị quyết số 25-NQ/TW")
    _link(g, khhp, NQ25, "inspects", "Kiểm tra, giám sát việc thực hiện Nghị quyết số 25-NQ/TW")
    _link(g, khhp, nq08, "implements", "Thực hiện Nghị quyết số 08-NQ/TU, ngày 06/12/2022")
    _link(g, khhp, nq08, "based_on")
    return g


def hostile() -> nx.MultiDiGraph:
    """Document strings that would run script if any renderer treated them as HTML."""
    g = nx.MultiDiGraph(title="<script>window.__xss=9</script> bản đồ")
    a, b = BASE + "x/a", BASE + "x/b"
    _doc(
        g,
        a,
        label="</script><script>window.__xss=2</script>",
        kind="nghi-quyet",
        date="2020-01-02",
        level="central",
        title=XSS_TITLE,
        issuer="<b>Ban</b>",
    )
    _doc(
        g,
        b,
        label="KH <i>1</i>",
        kind="ke-hoach",
        date="2020-05-06",
        level="province",
        province='<svg onload="window.__xss=4">',
        title="x",
    )
    graph_edge = '<a href="javascript:window.__xss=3" onmouseover="window.__xss=5">href</a>'
    _link(g, b, a, "implements", graph_edge)
    return g


KINDS = ["nghi-quyet", "chi-thi", "ket-luan", "ke-hoach", "chuong-trinh", "quyet-dinh", "huong-dan"]
LEVELS = ["central", "province", "province", "district", "commune", "state", None]
PROVINCES = ["Bình Phước", "Hải Dương", "Hải Phòng", "Hà Nội", "Cần Thơ", "Nghệ An", "Lào Cai"]
RELATIONS = ["implements", "continues", "reviews", "inspects", "disseminates", "based_on", "cites"]


def synthetic(nodes: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """A seeded graph where each document acts on one to three older ones, like a real corpus."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(title=f"Đồ thị thử {nodes} văn bản")
    for i in range(nodes):
        level = rng.choice(LEVELS)
        kind = rng.choice(KINDS)
        year = 2000 + i * 24 // max(nodes, 1)
        dated = rng.random() > 0.05
        _doc(
            g,
            f"{BASE}syn/{i}",
            label=f"{i}-KH/TU",
            symbol=f"{i}-KH/TU",
            kind=kind,
            date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if dated else None,
            level=level,
            province=rng.choice(PROVINCES) if level in ("province", "district") else None,
            issuer="Tỉnh ủy",
            title=f"Văn bản thử số {i}",
            ingested=rng.random() > 0.3,
        )
        for _ in range(min(i, rng.randint(1, 3))):
            _link(
                g,
                f"{BASE}syn/{i}",
                f"{BASE}syn/{rng.randrange(i)}",
                rng.choice(RELATIONS),
                f"Câu dẫn chiếu thử {i}",
            )
    return g
