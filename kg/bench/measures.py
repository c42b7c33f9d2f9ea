"""The measurements of issue 9, each beside its baseline from the same run.

- extraction: MB/s and documents/s on one core and on all cores, against a bare regex scan of
  the same bytes; plus recall of the references the generator planted (a realism check of both);
- ingest: documents/s and peak memory of the whole pipeline into embedded Oxigraph, and loading
  the resulting N-Quads into Oxigraph against rdflib's in-memory Dataset (at sizes rdflib takes);
- queries: `trace`, `cites`, `search`, `stats` latency (median and p95 over many documents)
  against the same questions asked of rdflib in memory and of a networkx graph of the same edges;
- map: time to write the interactive HTML map of 1k and 10k nodes;
- store size on disk per document, extrapolated per million documents.

Stages that are not available in this checkout (the package is built by several people at once)
produce a row with no value and a note, never a crash, so the table always has every row.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import tempfile
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.bench.generate import generate_corpus
from kg.bench.harness import Measured, isolated, latency, timed
from kg.bench.report import Row

# A bare scan: a type word, an optional "số", then a number-and-symbol token. What a user with
# grep would write, and the floor any extractor's throughput is judged against.
BARE_PATTERN = re.compile(
    r"(?:Nghị quyết|Chỉ thị|Kết luận|Quyết định|Quy định|Kế hoạch|Chương trình|Hướng dẫn"
    r"|Thông báo|Thông tri|Nghị định|Thông tư|Luật)\s+(?:số\s+)?\d+[\w/\-–Đ]*"
)
EXTRACTION_SAMPLE = 20_000  # documents timed for extraction; throughput is per document
QUERY_TARGETS = 100  # documents each query is asked about
RDFLIB_MAX_QUADS = 1_500_000  # beyond this rdflib's in-memory store needs several GB
MAP_SIZES = (1_000, 10_000)
SEARCH_TERMS = (
    "dân vận", "tôn giáo", "dân tộc thiểu số", "quy chế dân chủ", "công tác phụ nữ",
    "thanh niên", "nông thôn mới", "tham nhũng", "khiếu nại", "Mặt trận Tổ quốc",
    "chuyển đổi số", "giảm nghèo", "tổ chức bộ máy", "cán bộ", "đại đoàn kết",
)  # fmt: skip

EDGES_QUERY = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
SELECT ?citing ?cited ?relation WHERE {
  ?citation vk:citingDocument ?citing ; vk:citedDocument ?cited ; vk:relation ?relation .
}"""

CITERS_QUERY = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
SELECT ?citing ?relation WHERE {
  ?citation vk:citedDocument ?doc ; vk:citingDocument ?citing ; vk:relation ?relation .
}"""

RELATION_COUNT_QUERY = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
SELECT ?relation (COUNT(?citation) AS ?n) WHERE { ?citation vk:relation ?relation . }
GROUP BY ?relation"""

LITERALS_QUERY = """
SELECT ?s ?o WHERE { ?s ?p ?o . FILTER(isLiteral(?o) && STRLEN(STR(?o)) > 12) }"""


@dataclass(frozen=True)
class Settings:
    sizes: tuple[int, ...]
    seed: int
    work_dir: Path
    jobs: int
    keep: bool = False  # keep corpora and stores after the run (to profile or query them)


def _fold(text: str) -> str:
    """Lower-case, diacritic-free copy for the baseline search scan."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# -- extraction ----------------------------------------------------------------------------------


def extractor_available() -> bool:
    try:
        from kg.extract import extract  # noqa: F401
    except ImportError:
        return False
    return True


Spans = list[tuple[int, int, str]]  # (start, end, relation) per reference found


def _extract_files(paths: Sequence[str]) -> tuple[int, list[Spans]]:
    """Read and extract each file; bytes read and the spans found (module level: picklable)."""
    from kg.extract import extract

    total = 0
    found = []
    for path in paths:
        data = Path(path).read_bytes()
        total += len(data)
        extraction = extract(data.decode("utf-8"), source=path, sha256="")
        found.append([(r.start, r.end, r.relation) for r in extraction.references])
    return total, found


def _scan_files(paths: Sequence[str]) -> tuple[int, list[Spans]]:
    """The baseline: read each file and run one regex over it."""
    total = 0
    found = []
    for path in paths:
        data = Path(path).read_bytes()
        total += len(data)
        text = data.decode("utf-8")
        found.append([(m.start(), m.end(), "cites") for m in BARE_PATTERN.finditer(text)])
    return total, found


def _chunks(items: Sequence[str], count: int) -> list[Sequence[str]]:
    size = max(1, len(items) // (count * 8))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run_over(
    work: Callable[[Sequence[str]], tuple[int, list[Spans]]], paths: Sequence[str], jobs: int
) -> tuple[int, list[Spans], float]:
    """Apply `work` to all paths on `jobs` processes; bytes, spans in path order, seconds."""
    if jobs == 1:
        (total, found), seconds = timed(lambda: work(paths))
        return total, found, seconds

    def parallel() -> tuple[int, list[Spans]]:
        total, found = 0, []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for part_total, part_found in pool.map(work, _chunks(paths, jobs)):
                total += part_total
                found.extend(part_found)
        return total, found

    (total, found), seconds = timed(parallel)
    return total, found, seconds


def _recall(truth: dict[str, Spans], paths: Sequence[str], found: list[Spans]) -> dict[str, float]:
    """Share of planted references overlapped by a found span, exactly matched, right relation."""
    planted = overlapped = exact = same_relation = 0
    for path, spans in zip(paths, found, strict=True):
        wanted = truth.get(path, [])
        planted += len(wanted)
        ordered = sorted(spans)
        for start, end, relation in wanted:
            hits = [s for s in ordered if s[0] < end and s[1] > start]
            if hits:
                overlapped += 1
                exact += any(s[0] == start and s[1] == end for s in hits)
                same_relation += any(s[2] == relation for s in hits)
    if not planted:
        return {"overlap": 0.0, "exact": 0.0, "relation": 0.0}
    return {
        "overlap": overlapped / planted,
        "exact": exact / planted,
        "relation": same_relation / max(1, overlapped),
    }


def _truth_spans(corpus: Path, wanted: set[str]) -> dict[str, Spans]:
    docs = corpus / "docs"
    spans: dict[str, Spans] = {}
    with (corpus / "truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            path = str(docs / record["source"])
            if path in wanted:
                spans[path] = [(r["start"], r["end"], r["relation"]) for r in record["references"]]
    return spans


def measure_extraction(size: int, corpus: Path, jobs: int) -> list[Row]:
    """Extraction throughput on 1 and `jobs` cores against the bare scan, and planted recall."""
    paths = sorted(str(p) for p in (corpus / "docs").rglob("*.txt"))
    note = ""
    if len(paths) > EXTRACTION_SAMPLE:
        paths = random.Random(size).sample(paths, EXTRACTION_SAMPLE)
        note = f"sample of {EXTRACTION_SAMPLE:,} documents"
    if not extractor_available():
        missing = "kg.extract.extract not available in this checkout"
        return [Row(size, "extraction", "extraction, 1 core", None, "MB/s", note=missing)]
    rows = []
    truth = _truth_spans(corpus, set(paths))
    for cores in sorted({1, jobs}):
        total, found, seconds = _run_over(_extract_files, paths, cores)
        base_total, base_found, base_seconds = _run_over(_scan_files, paths, cores)
        label = "1 core" if cores == 1 else f"{cores} cores"
        rows.append(
            Row(size, "extraction", f"extraction, {label}", total / 1e6 / seconds, "MB/s",
                "bare regex scan", base_total / 1e6 / base_seconds, note=note)
        )  # fmt: skip
        rows.append(
            Row(size, "extraction", f"extraction, {label}", len(paths) / seconds, "docs/s",
                "bare regex scan", len(paths) / base_seconds, note=note)
        )  # fmt: skip
        if cores == 1:
            ours = _recall(truth, paths, found)
            bare = _recall(truth, paths, base_found)
            rows.append(
                Row(size, "recall", "planted references found (span overlap)",
                    100 * ours["overlap"], "%", "bare regex scan", 100 * bare["overlap"])
            )  # fmt: skip
            rows.append(
                Row(size, "recall", "planted references found (exact span)",
                    100 * ours["exact"], "%", "bare regex scan", 100 * bare["exact"])
            )  # fmt: skip
            rows.append(
                Row(size, "recall", "relation right, of those found", 100 * ours["relation"], "%",
                    note="against the verb the generator wrote")
            )  # fmt: skip
    return rows


# -- ingest and store load -----------------------------------------------------------------------


def _ingest(store_dir: str, docs_dir: str, jobs: int) -> tuple[int, int]:
    """Child process: ingest a folder into a fresh store; (ingested, failed)."""
    from kg.api import KG

    with KG.open(store_dir) as kg:
        report = kg.ingest([docs_dir], jobs=jobs)
    return report.count("ingested"), report.count("failed")


def _dump_nquads(store_dir: str, out: str) -> int:
    """Child process: write the store's quads as N-Quads; returns how many."""
    import pyoxigraph as ox

    store = ox.Store.read_only(store_dir)
    with open(out, "wb") as handle:
        store.dump(handle, ox.RdfFormat.N_QUADS)
    return len(store)


def _load_oxigraph(nquads: str, store_dir: str) -> int:
    import pyoxigraph as ox

    store = ox.Store(store_dir)
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    return len(store)


def _load_rdflib(nquads: str) -> int:
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    return len(dataset)


def measure_ingest(size: int, docs_dir: Path, store_dir: Path, jobs: int) -> list[Row]:
    """The whole pipeline (read, extract, resolve, graph, store) into embedded Oxigraph."""
    if not extractor_available():
        missing = "kg.extract.extract not available in this checkout"
        return [Row(size, "ingest", "ingest into Oxigraph", None, "docs/s", note=missing)]
    run: Measured = isolated(_ingest, str(store_dir), str(docs_dir), jobs)
    ingested, failed = run.result
    note = f"{failed} files failed" if failed else ""
    return [
        Row(size, "ingest", f"ingest into Oxigraph on disk, {jobs} jobs",
            ingested / run.seconds, "docs/s", note=note),
        Row(size, "ingest", "ingest peak memory (whole process)", run.peak_mb, "MB",
            higher_is_better=False),
    ]  # fmt: skip


def measure_store_load(size: int, store_dir: Path, scratch: Path) -> list[Row]:
    """Load the ingested graph's N-Quads into Oxigraph and into rdflib's in-memory Dataset."""
    nquads = scratch / "graph.nq"
    quads = isolated(_dump_nquads, str(store_dir), str(nquads)).result
    oxigraph = isolated(_load_oxigraph, str(nquads), str(scratch / "reload"))
    rows = [Row(size, "store load", "graph size", quads, "quads")]
    if quads > RDFLIB_MAX_QUADS:
        note = f"rdflib not run above {RDFLIB_MAX_QUADS:,} quads (memory)"
        rows.append(
            Row(size, "store load", "N-Quads bulk load, Oxigraph", quads / oxigraph.seconds,
                "quads/s", note=note)
        )  # fmt: skip
        rows.append(
            Row(size, "store load", "load peak memory, Oxigraph", oxigraph.peak_mb, "MB",
                higher_is_better=False)
        )  # fmt: skip
        return rows
    rdflib_run = isolated(_load_rdflib, str(nquads))
    rows.append(
        Row(size, "store load", "N-Quads bulk load, Oxigraph", quads / oxigraph.seconds,
            "quads/s", "rdflib Dataset (memory)", quads / rdflib_run.seconds)
    )  # fmt: skip
    rows.append(
        Row(size, "store load", "load peak memory, Oxigraph", oxigraph.peak_mb, "MB",
            "rdflib Dataset (memory)", rdflib_run.peak_mb, higher_is_better=False)
    )  # fmt: skip
    return rows


# -- queries -------------------------------------------------------------------------------------


class _Floor:
    """The in-memory floor: the same edges in networkx and a folded-text list to scan."""

    def __init__(self, edges: list[tuple[str, str, str]], texts: list[tuple[str, str]]) -> None:
        import networkx as nx

        from kg.queries.citations import CHAIN_RELATIONS, RELATION_PROPERTIES

        self.graph = nx.MultiDiGraph()
        chain = {RELATION_PROPERTIES[r] for r in CHAIN_RELATIONS}
        self.chain = nx.DiGraph()
        for citing, cited, relation in edges:
            self.graph.add_edge(citing, cited, relation=relation)
            if relation in chain:
                self.chain.add_edge(citing, cited)
        self.texts = [(subject, _fold(text)) for subject, text in texts]

    def trace(self, iri: str) -> int:
        import networkx as nx

        return len(nx.ancestors(self.chain, iri)) if iri in self.chain else 0

    def cites(self, iri: str) -> int:
        return len(list(self.graph.in_edges(iri, data="relation")))

    def search(self, text: str) -> int:
        words = _fold(text).split()
        return sum(1 for _, folded in self.texts if all(w in folded for w in words))

    def stats(self, _: object) -> int:
        return len(Counter(relation for _, _, relation in self.graph.edges(data="relation")))


class _Rdflib:
    """The same questions asked of rdflib's in-memory Dataset with SPARQL."""

    def __init__(self, nquads: Path) -> None:
        import rdflib

        from kg.queries.citations import CHAIN_RELATIONS, RELATION_PROPERTIES

        self.rdflib = rdflib
        self.dataset = rdflib.Dataset(default_union=True)
        self.dataset.parse(str(nquads), format="nquads")
        self.chain = {RELATION_PROPERTIES[r] for r in CHAIN_RELATIONS}

    def _citers(self, iri: str) -> list[tuple[str, str]]:
        rows = self.dataset.query(CITERS_QUERY, initBindings={"doc": self.rdflib.URIRef(iri)})
        return [(str(row[0]), str(row[1])) for row in rows]  # type: ignore[index]

    def trace(self, iri: str) -> int:
        seen = {iri}
        frontier = deque([iri])
        while frontier:
            for citing, relation in self._citers(frontier.popleft()):
                if relation in self.chain and citing not in seen:
                    seen.add(citing)
                    frontier.append(citing)
        return len(seen) - 1

    def cites(self, iri: str) -> int:
        return len(self._citers(iri))

    def search(self, text: str) -> int:
        words = [w.replace('"', "") for w in text.lower().split()]
        tests = " && ".join(f'CONTAINS(LCASE(STR(?o)), "{w}")' for w in words)
        sparql = f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o . FILTER(isLiteral(?o) && {tests}) }}"
        return len(list(self.dataset.query(sparql)))

    def stats(self, _: object) -> int:
        return len(list(self.dataset.query(RELATION_COUNT_QUERY)))


def _select(kg: Any, sparql: str) -> Iterator[dict[str, Any]]:
    yield from kg.store.query(sparql).rows


def measure_queries(size: int, store_dir: Path, nquads: Path | None, seed: int) -> list[Row]:
    """Latency of the four questions users ask most, beside rdflib and networkx."""
    from kg.api import KG

    rows: list[Row] = []
    with KG.open(store_dir, read_only=True) as kg:
        edges = [
            (r["citing"].value, r["cited"].value, r["relation"].value)
            for r in _select(kg, EDGES_QUERY)
        ]
        if not edges:
            return [Row(size, "query", "trace", None, "ms", note="no citation edges in the store")]
        cited = sorted({cited for _, cited, _ in edges})
        targets = random.Random(seed).sample(cited, min(QUERY_TARGETS, len(cited)))
        texts = [(r["s"].value, r["o"].value) for r in _select(kg, LITERALS_QUERY)]
        floor = _Floor(edges, texts)
        rdf = _Rdflib(nquads) if nquads is not None else None
        questions: list[tuple[str, Callable[[Any], object], Sequence[Any], str, str]] = [
            ("trace", lambda iri: kg.trace(iri), targets, "trace", "a document's chain"),
            ("cites", lambda iri: kg.cites(iri), targets, "cites", "a document's citers"),
            ("search", lambda text: kg.search(text), SEARCH_TERMS, "search", "full text"),
            ("stats", lambda _: kg.stats(), range(5), "stats", "corpus statistics"),
        ]
        for name, ours, inputs, method, what in questions:
            mine = latency(ours, inputs)
            nx_side = latency(getattr(floor, method), inputs)
            note = f"{mine.calls} calls: {what}"
            rows.append(
                Row(size, "query", f"{name} median", mine.median_ms, "ms",
                    "networkx floor", nx_side.median_ms, higher_is_better=False, note=note)
            )  # fmt: skip
            rows.append(
                Row(size, "query", f"{name} p95", mine.p95_ms, "ms",
                    "networkx floor", nx_side.p95_ms, higher_is_better=False)
            )  # fmt: skip
            if rdf is not None:
                rdf_side = latency(getattr(rdf, method), inputs)
                rows.append(
                    Row(size, "query", f"{name} median", mine.median_ms, "ms",
                        "rdflib in memory", rdf_side.median_ms, higher_is_better=False)
                )  # fmt: skip
    return rows


# -- maps and size -------------------------------------------------------------------------------


def measure_map(size: int, store_dir: Path, scratch: Path) -> list[Row]:
    """Time to lay out and write the offline HTML map of the first k nodes of the graph."""
    from kg.api import KG

    try:
        from kg.views import render_html
    except ImportError:
        return [Row(size, "map", "HTML map", None, "s", note="kg.views.render_html not available")]
    rows = []
    with KG.open(store_dir, read_only=True) as kg:
        whole = kg.network()
        nodes = list(whole.nodes)
        for count in MAP_SIZES:
            if len(nodes) < count:
                continue
            graph = whole.subgraph(nodes[:count]).copy()
            target = scratch / f"map-{count}.html"
            _, seconds = timed(lambda: render_html(graph, target))  # noqa: B023  (called at once)
            rows.append(
                Row(size, "map", f"HTML map of {count:,} nodes", seconds, "s",
                    higher_is_better=False, note=f"{graph.number_of_edges():,} edges")
            )  # fmt: skip
    return rows


def _disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure_store_size(size: int, store_dir: Path, corpus_bytes: int) -> list[Row]:
    total = _disk_bytes(store_dir)
    per_doc = total / size
    return [
        Row(size, "store size", "store on disk per document", per_doc / 1024, "KB",
            "corpus text per document", corpus_bytes / size / 1024, higher_is_better=False),
        Row(size, "store size", "store on disk per million documents", per_doc * 1e6 / 1e9, "GB",
            higher_is_better=False, note=f"extrapolated from {size:,} documents"),
    ]  # fmt: skip


# -- the whole run -------------------------------------------------------------------------------


def run_size(size: int, settings: Settings, progress: Callable[[str], None]) -> list[Row]:
    """Every measurement at one corpus size, in a scratch folder removed afterwards."""
    root = settings.work_dir / f"n{size}"
    if root.exists():
        shutil.rmtree(root)
    corpus = root / "corpus"
    progress(f"{size:,}: generating the corpus")
    summary, seconds = timed(lambda: generate_corpus(size, settings.seed, corpus))
    rows = [
        Row(size, "corpus", "generation", size / seconds, "docs/s",
            note=f"{summary.bytes / size / 1024:.1f} KB and "
            f"{summary.references / size:.1f} references per document"),
    ]  # fmt: skip
    try:
        progress(f"{size:,}: extraction")
        rows += measure_extraction(size, corpus, settings.jobs)
        store = root / "store"
        progress(f"{size:,}: ingest")
        ingest_rows = measure_ingest(size, corpus / "docs", store, settings.jobs)
        rows += ingest_rows
        if ingest_rows[0].value is None:
            return rows
        progress(f"{size:,}: store load")
        rows += measure_store_load(size, store, root)
        quads = next(r.value for r in rows if r.measure == "graph size" and r.size == size)
        nquads = root / "graph.nq" if quads and quads <= RDFLIB_MAX_QUADS else None
        progress(f"{size:,}: queries")
        rows += measure_queries(size, store, nquads, settings.seed)
        progress(f"{size:,}: maps")
        rows += measure_map(size, store, root)
        rows += measure_store_size(size, store, summary.bytes)
    finally:
        if not settings.keep:
            shutil.rmtree(root, ignore_errors=True)
    return rows


def run_benchmark(
    settings: Settings, progress: Callable[[str], None] = lambda _: None
) -> list[Row]:
    """All sizes, smallest first; each size's rows as soon as they are measured."""
    settings.work_dir.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    for size in settings.sizes:
        rows += run_size(size, settings, progress)
    return rows


def default_work_dir() -> Path:
    return Path(os.environ.get("KG_BENCH_DIR") or tempfile.gettempdir()) / "kg-bench"


def sizes_from(text: str | Iterable[int]) -> tuple[int, ...]:
    """Parse "1000,10k,1M" (or pass integers through)."""
    if not isinstance(text, str):
        return tuple(text)
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        scale = {"k": 1_000, "m": 1_000_000}.get(part[-1:], 1)
        number = part[:-1] if scale > 1 else part
        if not number.isdigit() or int(number) * scale < 1:
            raise ValueError(f"not a corpus size: {part!r}")
        sizes.append(int(number) * scale)
    return tuple(sizes)
