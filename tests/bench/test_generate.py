"""The synthetic corpus: deterministic, shaped like real plans, and honest about what it planted."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from benchmarks.catalogue import build_catalogue
from benchmarks.generate import CorpusGenerator, generate_corpus
from kg.extract import extract
from kg.extract.model import KINDS, RELATIONS

N = 300
TYPE_LINE = re.compile(
    r"^\s*(KẾ HOẠCH|CHƯƠNG TRÌNH|NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|QUYẾT ĐỊNH|QUY ĐỊNH|THÔNG TRI"
    r"|THÔNG BÁO|HƯỚNG DẪN|BÁO CÁO)",
    re.M,
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(N, seed=11, out_dir=out)
    return out


def _truth(corpus: Path) -> list[dict[str, Any]]:
    with (corpus / "truth.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _text(corpus: Path, source: str) -> str:
    return (corpus / "docs" / source).read_text(encoding="utf-8")


def test_same_seed_same_corpus_other_seed_other_corpus(tmp_path: Path) -> None:
    generate_corpus(40, seed=3, out_dir=tmp_path / "a")
    generate_corpus(40, seed=3, out_dir=tmp_path / "b")
    generate_corpus(40, seed=4, out_dir=tmp_path / "c")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.txt"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.txt"))
    assert files_a == files_b and len(files_a) == 40
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    truth_a = (tmp_path / "a" / "truth.jsonl").read_bytes()
    assert truth_a == (tmp_path / "b" / "truth.jsonl").read_bytes()
    assert truth_a != (tmp_path / "c" / "truth.jsonl").read_bytes()


def test_documents_are_produced_lazily() -> None:
    stream = CorpusGenerator(1_000_000, seed=1).documents()
    name, text, truth, identity = next(stream)
    assert name.startswith("0000/0000000-") and text and truth.source == name
    assert identity.startswith("urn:doc:")


def test_counts_and_manifest(corpus: Path) -> None:
    truth = _truth(corpus)
    assert len(truth) == N
    assert len(list((corpus / "docs").rglob("*.txt"))) == N
    manifest = json.loads((corpus / "manifest.json").read_text())
    assert manifest["documents"] == N and manifest["seed"] == 11
    assert manifest["references"] == sum(len(t["references"]) for t in truth)


def test_every_planted_span_is_exact(corpus: Path) -> None:
    for line in _truth(corpus):
        text = _text(corpus, line["source"])
        previous_end = 0
        for ref in line["references"]:
            assert text[ref["start"] : ref["end"]] == ref["surface"], (line["source"], ref)
            assert ref["start"] >= previous_end  # sorted, non-overlapping
            previous_end = ref["end"]
            assert ref["kind"] in KINDS and ref["relation"] in RELATIONS


def test_the_extractor_reads_each_planted_verb_as_the_generator_meant_it(corpus: Path) -> None:
    # The bench's "relation right" figure is only worth reading while the generator and the
    # extractor agree on what a verb means (both follow the real-text gold): a rule change on
    # either side that parts them shows here, not as a quiet drop in a long benchmark run.
    wrong = []
    for line in _truth(corpus)[:120]:
        text = _text(corpus, line["source"])
        found = extract(text).references
        for ref in line["references"]:
            hits = [r for r in found if r.start < ref["end"] and r.end > ref["start"]]
            if hits and all(hit.relation != ref["relation"] for hit in hits):
                wrong.append((ref["surface"], ref["relation"], hits[0].relation))
    assert wrong == []


def test_short_forms_links_and_dates_follow_the_gold_conventions(corpus: Path) -> None:
    for line in _truth(corpus):
        refs = line["references"]
        for ref in refs:
            if ref["short_form"]:
                antecedent = refs[ref["antecedent"]]
                assert antecedent["id"] < ref["id"]
                assert antecedent["resolved"] == ref["resolved"]
                assert antecedent["date"] is not None and ref["date"] is None
            if ref["date"]:
                assert ref["year"] == int(ref["date"][:4])
        for link in line["links"]:
            subject, obj = refs[link["subject"]], refs[link["object"]]
            assert obj["relation"] == "cites"
            assert link["start"] == min(subject["start"], obj["start"])
            assert link["end"] == max(subject["end"], obj["end"])


def test_documents_have_the_real_layout(corpus: Path) -> None:
    place_date = re.compile(r"\w, ngày \d{2} tháng \d{2} năm (19|20)\d{2}")
    headed = 0
    for line in _truth(corpus):
        text = unicodedata.normalize("NFC", _text(corpus, line["source"]))
        document = line["document"]
        assert document["kind"] in KINDS and document["issuer"]
        assert "Nơi nhận:" in text or "Gửi cho bạn bè" in text
        assert document["signers"] and document["signers"][0]["name"] in text
        if document["place"]:
            headed += 1
            assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
            assert place_date.search(text)
            assert TYPE_LINE.search(text)
        if document["symbol"]:
            number = document["symbol"].split("-")[0].split("/")[0]
            assert number == document["number"]
    assert headed > N * 0.8


def test_sizes_are_those_of_real_plans(corpus: Path) -> None:
    sizes = [p.stat().st_size for p in (corpus / "docs").rglob("*.txt")]
    mean = sum(sizes) / len(sizes)
    assert 3_000 <= mean <= 20_000
    assert max(sizes) > 2 * min(sizes)  # plans vary in length


def test_every_reference_form_of_the_domain_primer_occurs(corpus: Path) -> None:
    truth = _truth(corpus)
    refs = [r for line in truth for r in line["references"]]
    surfaces = [r["surface"] for r in refs]
    joined = "\n".join(unicodedata.normalize("NFC", s) for s in surfaces)
    assert any(r["congress"] and r["congress"]["scope"] == "toan-quoc" for r in refs)
    assert any(r["congress"] and r["congress"]["scope"] in ("tinh", "thanh-pho") for r in refs)
    assert any(r["plenum"] for r in refs)
    assert any(r["kind"] == "luat" and r["number"] is None for r in refs)
    assert any(r["short_form"] and r["symbol"] is None for r in refs)  # "Nghị quyết số 25"
    assert any(r["short_form"] and r["symbol"] for r in refs)  # "Chỉ thị số 19-CT/TW"
    assert re.search(r"^QĐ \d+$", joined, re.M)  # "QĐ 290"
    assert re.search(r"\d+ ?[–-] [A-ZĐ]", joined) or re.search(r"\d+ [–-] ?[A-ZĐ]", joined)
    assert re.search(r"\d+/\d{4}/NĐ-CP", joined)  # state symbol with its year
    assert "BDVTW-BCSĐCP" in joined or "/BDVTW" in joined
    assert re.search(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}", joined)
    assert re.search(r"ngày \d{1,2}-\d{1,2}-\d{4}", joined)
    # A date shared by a list: the first item's surface has no date, its truth does.
    assert any(r["date"] and "ngày" not in r["surface"] and not r["short_form"] for r in refs)
    # Sources disagree on dates: a stated date off by a year still means the same document.
    assert any(r["date"] and r["resolved"].split(":")[3] != r["date"][:4] for r in refs)
    relations = {r["relation"] for r in refs}
    assert relations >= {"based_on", "implements", "continues", "reviews", "inspects"}
    assert relations >= {"disseminates", "cites"}
    links = {link["relation"] for line in truth for link in line["links"]}
    assert links >= {"continues", "implements"}


def test_noise_is_there(corpus: Path) -> None:
    texts = [_text(corpus, line["source"]) for line in _truth(corpus)]
    assert any(unicodedata.normalize("NFC", t) != t for t in texts)  # decomposed lines
    assert any("uỷ" in t for t in texts) and any("ủy" in t for t in texts)
    assert any("\u00a0" in t for t in texts)
    assert any("Gửi cho bạn bè" in t for t in texts)  # saved web pages
    # Dates that are not references: deadlines by quarter and month.
    assert any(re.search(r"quý (I|II|III|IV)/20\d\d", t) for t in texts)
    assert any(re.search(r"tháng \d{1,2}/20\d\d", t) for t in texts)


def test_symbols_restart_each_term_so_one_symbol_names_several_documents() -> None:
    catalogue = build_catalogue(seed=5)
    by_symbol: dict[str, set[str]] = {}
    for doc in catalogue.documents:
        by_symbol.setdefault(doc.symbol, set()).add(doc.identity)
    assert any(len(identities) > 1 for identities in by_symbol.values())
    identities = [doc.identity for doc in catalogue.documents]
    assert len(identities) == len(set(identities))


def test_provinces_are_the_63_before_the_2025_merger() -> None:
    provinces = build_catalogue(seed=5).provinces
    assert len(provinces) == 63
    assert sum(p.kind == "thanh-pho" for p in provinces) == 5
    assert {"Bình Phước", "Hải Dương", "Hà Nội", "Thừa Thiên Huế"} <= {p.name for p in provinces}


def _as_gold(corpus: Path, out: Path) -> None:
    """The corpus in the dev gold's layout: flat files, bare source names, gold-shaped IRIs.

    Local documents get issuer-scoped identities (``urn:doc:ke-hoach:2013:binh-phuoc/31-KH/TU``:
    local symbols are unique only within a province); the gold checker wants the bare symbol.
    """
    (out / "docs").mkdir(parents=True)
    with (out / "truth.jsonl").open("w", encoding="utf-8") as lines:
        for line in _truth(corpus):
            source = line["source"]
            (out / "docs" / Path(source).name).write_bytes((corpus / "docs" / source).read_bytes())
            line.pop("identity")
            line["source"] = Path(source).name
            for ref in line["references"]:
                if ref["resolved"]:
                    head, _, key = ref["resolved"].rpartition(":")
                    parts = key.split("/")
                    while len(parts) > 1 and re.fullmatch(r"[a-z][a-z0-9-]*", parts[0]):
                        parts.pop(0)
                    ref["resolved"] = f"{head}:{'/'.join(parts)}"
            lines.write(json.dumps(line, ensure_ascii=False) + "\n")


def test_truth_passes_the_dev_gold_checker(corpus: Path, shared_dir: Path, tmp_path: Path) -> None:
    """The shared checker of the hand-made gold accepts what the generator says it planted."""
    _as_gold(corpus, tmp_path)
    checker = shared_dir / "gold" / "check_gold.py"
    done = subprocess.run(
        [sys.executable, str(checker), str(tmp_path / "truth.jsonl"), str(tmp_path / "docs")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"OK: {N} documents" in done.stdout
