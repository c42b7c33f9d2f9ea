"""The scale benchmark's measurements, each beside its baseline from the same run.

- extraction: MB/s and documents/s on one core and on all cores, against a bare regex scan of
  the same bytes; plus recall of the references the generator planted (a realism check of both);
- ingest: documents/s and peak memory of the whole pipeline into embedded Oxigraph;
- identity: ingested documents merged with another, against the generator's identities;
- store load: the ingested graph's N-Quads bulk-loaded into Oxigraph against rdflib's in-memory
  Dataset (at the sizes rdflib can take);
- queries: `trace`, `cites`, `search`, `stats` latency (median and p95 over many documents)
  against a networkx graph of the same edges and against rdflib in memory;
- the SPARQL-server path: the same N-Quads loaded with `oxigraph load`, served by `oxigraph
  serve-read-only`, asked the same questions over HTTP;
- maps: time to write the interactive HTML map of 1k and 10k nodes, and for the page to become
  interactive in headless Chromium;
- store size on disk per document, extrapolated per million documents.

A stage that cannot run on this machine (no Chromium, no `oxigraph` binary, a graph too large
for rdflib) produces a row with no value and a note, never a crash, so the table always has every
row.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from benchmarks.baselines import SEARCHED, NetworkxFloor, rdflib_session, scan
from benchmarks.generate import generate_corpus
from benchmarks.harness import Latency, Measured, isolated, latency, resident_growth_mb, timed
from benchmarks.identity import measure_identity
from benchmarks.page import browser_missing, time_to_interactive
from benchmarks.report import Row
from kg.bulk.load import LOAD_BATCH
from kg.errors import KgError
from kg.identity import registry_graph_iri
from kg.namespaces import RELATION_PROPERTIES
from kg.queries import concurrently
from kg.store import SelectResult
from kg.textnorm import fold

EXTRACTION_SAMPLE = 20_000  # documents timed for extraction; throughput is per document
QUERY_TARGETS = 100  # documents trace and cites are asked about
STATS_CALLS = 3
LARGE = 50_000  # from this size on, stats (a scan of the whole graph) is timed once, not warmed
LARGE_TARGETS = 20  # documents traced from that size on: a central document's trace takes 30 s
INCREMENTAL_SAMPLE = 1_000  # files ingested one by one, the baseline of the bulk path
# Scratch disk per document, measured at 100,000: the corpus with its truth file (15 KB in 4 KB
# file-system blocks) and the store (91 KB); and, while a loader run waits, its N-Quads shards
# (105 KB per document of the run).
DISK_PER_DOCUMENT = 110_000
SHARDS_PER_DOCUMENT = 105_000
RDFLIB_MAX_QUADS = 1_500_000  # beyond this rdflib's in-memory store needs several GB
RDFLIB_SEARCH_TERMS = 3  # each rdflib search is a scan: a few calls show the order of magnitude
MAP_SIZES = (1_000, 10_000)
SEARCH_TERMS = (
    "dân vận", "tôn giáo", "dân tộc thiểu số", "quy chế dân chủ", "công tác phụ nữ",
    "thanh niên", "nông thôn mới", "tham nhũng", "khiếu nại", "Mặt trận Tổ quốc",
    "chuyển đổi số", "giảm nghèo", "tổ chức bộ máy", "cán bộ", "đại đoàn kết",
)  # fmt: skip
# The map's edges: citations in the store's order, whose first 10,000 documents are as densely
# linked as a map a user draws (about 5 links per document); the direct relation statements'
# order gives a sparse first 10,000 (under one), which would flatter the map's figures.
MAP_EDGES = """
PREFIX vk: <https://w3id.org/vankien/ontology#>
SELECT ?citing ?cited ?relation WHERE {
  ?citation vk:citingDocument ?citing ; vk:citedDocument ?cited ; vk:relation ?relation .
} LIMIT %d"""


def relation_edges() -> str:
    """The document-to-document relation statements (eli:cites, vk:continues...) that every
    citation also states in its file: the plain edges the networkx floor starts from.

    Read directly they take a seventh of the time of the same edges joined through the
    citations (14 s against 100 s at 100,000 documents). A pair stated by several files comes
    once per file. The registry's own relations between central documents are left out: they
    are not citations, and `trace` does not follow them.
    """
    relations = " ".join(f"<{p}>" for p in RELATION_PROPERTIES.values())
    return f"""
SELECT ?citing ?cited ?relation WHERE {{
  GRAPH ?g {{ VALUES ?relation {{ {relations} }} ?citing ?relation ?cited }}
  FILTER(?g != <{registry_graph_iri()}>)
}}"""


@dataclass(frozen=True)
class Settings:
    sizes: tuple[int, ...]
    seed: int
    work_dir: Path
    jobs: int
    keep: bool = False  # keep corpora and stores after the run (to profile or query them)
    targets: int = QUERY_TARGETS  # fewer makes a quick run (the test suite's)
    ingest_timeout: float | None = None  # seconds; past it ingest is stopped, later stages skipped


# -- extraction ----------------------------------------------------------------------------------


def extractor_available() -> bool:
    try:
        from kg.extract import extract  # noqa: F401
    except ImportError:
        return False
    return True


Spans = list[tuple[int, int, str]]  # (start, end, relation) per reference found
# The fields that make a document's own identity; compared after folding (case, tone placement).
IDENTITY_FIELDS = ("kind", "number", "symbol", "date", "issuer", "title")


class Found(NamedTuple):
    """What was read in one file: reference spans, and the document's identity fields."""

    spans: Spans
    fields: tuple[str, ...] | None  # None for the bare scan, which reads no document


def _identity_fields(document: dict[str, Any]) -> tuple[str, ...]:
    return tuple(fold(str(document.get(name) or "")) for name in IDENTITY_FIELDS)


def _extract_files(paths: Sequence[str]) -> tuple[int, list[Found]]:
    """Read and extract each file; bytes read and what was found (module level: picklable)."""
    from kg.extract import extract

    total = 0
    found = []
    for path in paths:
        data = Path(path).read_bytes()
        total += len(data)
        extraction = extract(data.decode("utf-8"), source=path, sha256="")
        spans = [(r.start, r.end, r.relation) for r in extraction.references]
        found.append(Found(spans, _identity_fields(extraction.document.to_json())))
    return total, found


def _scan_files(paths: Sequence[str]) -> tuple[int, list[Found]]:
    """The baseline: read each file and run one regex over it."""
    total = 0
    found = []
    for path in paths:
        data = Path(path).read_bytes()
        total += len(data)
        spans = [(start, end, "cites") for start, end in scan(data.decode("utf-8"))]
        found.append(Found(spans, None))
    return total, found


def _chunks(items: Sequence[str], count: int) -> list[Sequence[str]]:
    size = max(1, len(items) // (count * 8))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run_over(
    work: Callable[[Sequence[str]], tuple[int, list[Found]]], paths: Sequence[str], jobs: int
) -> tuple[int, list[Found], float]:
    """Apply `work` to all paths on `jobs` processes; bytes, findings in path order, seconds."""
    if jobs == 1:
        (total, found), seconds = timed(lambda: work(paths))
        return total, found, seconds

    def parallel() -> tuple[int, list[Found]]:
        total, found = 0, []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for part_total, part_found in pool.map(work, _chunks(paths, jobs)):
                total += part_total
                found.extend(part_found)
        return total, found

    (total, found), seconds = timed(parallel)
    return total, found, seconds


def _recall(truth: dict[str, Found], paths: Sequence[str], found: list[Found]) -> dict[str, float]:
    """Share of planted references overlapped by a found span, exactly matched, right relation."""
    planted = overlapped = exact = same_relation = 0
    for path, read in zip(paths, found, strict=True):
        wanted = truth[path].spans if path in truth else []
        planted += len(wanted)
        ordered = sorted(read.spans)
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


def _fields_right(
    truth: dict[str, Found], paths: Sequence[str], found: list[Found]
) -> tuple[float, dict[str, float]]:
    """Share of documents whose identity fields are all right, and the share right per field."""
    whole = 0
    per_field = dict.fromkeys(IDENTITY_FIELDS, 0)
    for path, read in zip(paths, found, strict=True):
        wanted = truth[path].fields
        assert wanted is not None and read.fields is not None
        right = [ours == theirs for ours, theirs in zip(read.fields, wanted, strict=True)]
        whole += all(right)
        for name, ok in zip(IDENTITY_FIELDS, right, strict=True):
            per_field[name] += ok
    count = max(1, len(paths))
    return whole / count, {name: right / count for name, right in per_field.items()}


def _truth(corpus: Path, wanted: set[str]) -> dict[str, Found]:
    """What the generator planted in each wanted file."""
    docs = corpus / "docs"
    planted: dict[str, Found] = {}
    with (corpus / "truth.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            path = str(docs / record["source"])
            if path in wanted:
                spans = [(r["start"], r["end"], r["relation"]) for r in record["references"]]
                planted[path] = Found(spans, _identity_fields(record["document"]))
    return planted


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
    truth = _truth(corpus, set(paths))
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
            whole, per_field = _fields_right(truth, paths, found)
            weakest = min(per_field, key=lambda name: per_field[name])
            rows.append(
                Row(size, "recall", "document identity fields all right", 100 * whole, "%",
                    note=f"{', '.join(IDENTITY_FIELDS)}; weakest {weakest} "
                    f"{100 * per_field[weakest]:.1f}%")
            )  # fmt: skip
    return rows


# -- ingest and store load ----------------------------------------------------------------------


def _ingest(store_dir: str, docs_dir: str, jobs: int, bulk: bool, limit: int | None) -> int:
    """Child process: ingest a folder (its first `limit` files) into a fresh store."""
    from kg.api import KG
    from kg.read import iter_sources

    files = list(iter_sources([docs_dir]))[:limit]
    with KG.open(store_dir) as kg:
        report = kg.ingest(files, jobs=jobs, bulk=bulk)
    failed = report.count("failed")
    if failed:
        raise RuntimeError(f"{failed} synthetic files failed to ingest")
    return report.count("ingested")


def _database(store_dir: str | Path) -> Path:
    """The Oxigraph database inside a store directory (see kg.store.store_directory)."""
    return Path(store_dir) / "oxigraph"


def _count_quads(store_dir: str) -> int:
    import pyoxigraph as ox

    return len(ox.Store.read_only(str(_database(store_dir))))


def _dump_nquads(store_dir: str, out: str) -> None:
    """Child process: write the store's quads as N-Quads."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(_database(store_dir)))
    with open(out, "wb") as handle:
        store.dump(handle, ox.RdfFormat.N_QUADS)


def _load_oxigraph(nquads: str, store_dir: str) -> int:
    import pyoxigraph as ox

    store = ox.Store(store_dir)
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    return len(store)


def measure_ingest(
    size: int, docs_dir: Path, store_dir: Path, jobs: int, timeout: float | None = None
) -> tuple[list[Row], int]:
    """The whole pipeline (read, extract, resolve, graph, store) into embedded Oxigraph: the bulk
    path (`kg ingest --bulk`) beside incremental ingest of the first files, its baseline.

    Returns the rows and how many documents the store holds (none when bulk ingest was stopped
    at `timeout`: it loads everything at the end).
    """
    label = f"bulk ingest into Oxigraph on disk, {jobs} jobs"
    if not extractor_available():
        missing = "kg.extract.extract not available in this checkout"
        return [Row(size, "ingest", label, None, "docs/s", note=missing)], 0
    sample = min(size, INCREMENTAL_SAMPLE)
    baseline_dir = store_dir.with_name(f"{store_dir.name}-incremental")
    baseline = isolated(_ingest, str(baseline_dir), str(docs_dir), jobs, False, sample)
    shutil.rmtree(baseline_dir, ignore_errors=True)
    incremental = f"incremental ingest, first {sample:,} files"
    try:
        run = isolated(_ingest, str(store_dir), str(docs_dir), jobs, True, None, timeout=timeout)
    except TimeoutError:
        note = f"stopped after {timeout:.0f} s, before loading"
        return [Row(size, "ingest", label, None, "docs/s", note=note)], 0
    ingested: int = run.result
    whole = run.peak_mb + jobs * run.worker_peak_mb
    parts = f"main {run.peak_mb:,.0f} MB + {jobs} × largest worker {run.worker_peak_mb:,.0f} MB"
    return [
        Row(size, "ingest", label, ingested / run.seconds, "docs/s", incremental,
            baseline.result / baseline.seconds),
        Row(size, "ingest", "bulk ingest peak memory, all processes", whole, "MB",
            higher_is_better=False,
            note=parts),
    ], ingested  # fmt: skip


def measure_store_load(
    size: int, quads: int, oxigraph: Measured, rdflib_load: tuple[float, float]
) -> list[Row]:
    """Oxigraph's bulk load of the graph beside rdflib's (seconds, peak MB)."""
    seconds, peak = rdflib_load
    return [
        Row(size, "store load", "N-Quads bulk load, Oxigraph", quads / oxigraph.seconds,
            "quads/s", "rdflib Dataset (memory)", quads / seconds),
        Row(size, "store load", "load peak memory, Oxigraph", oxigraph.peak_mb, "MB",
            "rdflib Dataset (memory)", peak, higher_is_better=False,
            note="rdflib's peak includes its query runs"),
    ]  # fmt: skip


# -- queries -------------------------------------------------------------------------------------


@dataclass
class QueryRun:
    """What the query measurements asked, so rdflib and the server can ask the same."""

    rows: list[Row]
    questions: dict[str, Sequence[Any]]
    medians: dict[str, float]  # embedded Oxigraph's median per question


def measure_queries(size: int, store_dir: Path, seed: int, targets: int) -> QueryRun:
    """Latency of the four questions users ask most, beside the networkx floor."""
    from kg.api import KG

    rows: list[Row] = []
    medians: dict[str, float] = {}
    with KG.open(store_dir, read_only=True) as kg:
        # The floor's own data, read on two threads: half a minute at 100k documents (the texts).
        edge_answer, text_answer = concurrently(
            [partial(kg.store.query, relation_edges()), partial(kg.store.query, SEARCHED % "")]
        )
        assert isinstance(edge_answer, SelectResult) and isinstance(text_answer, SelectResult)
        edges = list(
            dict.fromkeys(
                (r["citing"].value, r["cited"].value, r["relation"].value) for r in edge_answer.rows
            )
        )
        if not edges:
            empty = Row(size, "query", "trace", None, "ms", note="no relation edges in the store")
            return QueryRun([empty], {}, {})
        cited = sorted({cited for _, cited, _ in edges})
        documents = random.Random(seed).sample(cited, min(targets, len(cited)))
        texts = [(r["s"].value, r["o"].value) for r in text_answer.rows]
        floor, floor_mb = resident_growth_mb(lambda: NetworkxFloor(edges, texts))
        rows.append(
            Row(size, "query", "networkx floor: memory to hold the edges and texts", floor_mb,
                "MB", higher_is_better=False, note=f"{len(edges):,} relation edges")
        )  # fmt: skip
        # "trace shown": the chain as `kg trace` and the web page show it (a long one as its
        # overview, its links read without evidence), beside the same networkx walk.
        questions: dict[str, Sequence[Any]] = {
            "trace": documents,
            "trace shown": documents,
            "cites": documents,
            "search": SEARCH_TERMS,
            "stats": range(STATS_CALLS if size < LARGE else 1),
        }
        ours: dict[str, Callable[[Any], object]] = {
            "trace": kg.trace,
            "trace shown": kg.shown_trace,
            "cites": kg.cites,
            "search": kg.search,
            "stats": lambda _: kg.stats(),
        }
        floors = {"trace shown": floor.trace}
        for name, inputs in questions.items():
            mine = latency(ours[name], inputs, warmup=_warmup(name, size))
            nx_side = latency(floors.get(name) or getattr(floor, name), inputs)
            medians[name] = mine.median_ms
            rows.append(
                Row(size, "query", f"{name} median", mine.median_ms, "ms", "networkx floor",
                    nx_side.median_ms, higher_is_better=False, note=f"{mine.calls} calls")
            )  # fmt: skip
            rows.append(
                Row(size, "query", f"{name} p95", mine.p95_ms, "ms", "networkx floor",
                    nx_side.p95_ms, higher_is_better=False)
            )  # fmt: skip
    return QueryRun(rows, questions, medians)


def _warmup(question: str, size: int) -> int:
    """Untimed calls before the timed ones: none for stats on a large graph (a full scan)."""
    return 0 if question == "stats" and size >= LARGE else 1


def rdflib_rows(size: int, run: QueryRun, answers: dict[str, Latency]) -> list[Row]:
    """The embedded medians beside rdflib's, question by question."""
    return [
        Row(size, "query", f"{name} median", run.medians[name], "ms", "rdflib in memory",
            answer.median_ms, higher_is_better=False, note=f"rdflib: {answer.calls} calls")
        for name, answer in answers.items()
    ]  # fmt: skip


# -- the SPARQL server path ---------------------------------------------------------------------


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def server_load(size: int, nquads: Path, quads: int, location: Path) -> Row:
    """`oxigraph load` of the N-Quads into a new database at `location`."""
    binary = _oxigraph_binary()
    if binary is None:
        return Row(size, "server", "bulk N-Quads load, oxigraph load", None, "quads/s",
                   note="no oxigraph binary")  # fmt: skip
    command = [binary, "load", "--location", str(location), "--file", str(nquads)]
    (_, seconds) = timed(lambda: subprocess.run(command, check=True, capture_output=True))
    return Row(size, "server", "bulk N-Quads load, oxigraph load", quads / seconds, "quads/s")


def measure_server(size: int, location: Path, scratch: Path, run: QueryRun) -> list[Row]:
    """Serve the database at `location` with `oxigraph serve-read-only`, ask the same questions
    over HTTP."""
    from kg.api import KG
    from kg.registry import load_registry
    from kg.search import SearchIndex
    from kg.store import open_store

    binary = _oxigraph_binary()
    if binary is None or not location.exists():
        return [Row(size, "server", "oxigraph serve", None, "ms", note="no oxigraph database")]
    rows: list[Row] = []
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    serve = [binary, "serve-read-only", "--location", str(location), "--bind",
             f"127.0.0.1:{port}", "--union-default-graph"]  # fmt: skip
    server = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not _wait_until_up(url, server):
            return [Row(size, "server", "oxigraph serve", None, "ms", note="did not start")]
        # An empty side index: search is the embedded store's business, not the server's.
        kg = KG(open_store(url), SearchIndex(scratch / "server-search.sqlite"), load_registry())
        asks: dict[str, Callable[[Any], object]] = {
            "trace": kg.trace,
            "cites": kg.cites,
            "stats": lambda _: kg.stats(),
        }
        for name, ask in asks.items():
            over_http = latency(ask, run.questions[name], warmup=_warmup(name, size))
            rows.append(
                Row(size, "server", f"{name} median over HTTP", over_http.median_ms, "ms",
                    "embedded Oxigraph", run.medians.get(name), higher_is_better=False,
                    note="oxigraph serve-read-only on loopback")
            )  # fmt: skip
        kg.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
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
    pages: dict[int, Path] = {}
    with KG.open(store_dir, read_only=True) as kg:
        # Enough edges for the largest map, not the whole graph: the network of every document
        # is minutes of summaries at 100k documents, and not what is timed here.
        whole = kg.network(sparql=MAP_EDGES % (20 * max(MAP_SIZES)))
        nodes = list(whole.nodes)
        for count in MAP_SIZES:
            if len(nodes) < count:
                continue
            graph = whole.subgraph(nodes[:count]).copy()
            target = pages[count] = scratch / f"map-{count}.html"
            _, seconds = timed(lambda: render_html(graph, target))  # noqa: B023  (called at once)
            rows.append(
                Row(size, "map", f"HTML map of {count:,} nodes", seconds, "s",
                    higher_is_better=False, note=f"{graph.number_of_edges():,} edges")
            )  # fmt: skip
    missing = browser_missing()
    if missing is not None or not pages:
        return [*rows, Row(size, "map", "page interactive", None, "ms", note=missing or "")]
    for count, ready in zip(pages, time_to_interactive(list(pages.values())), strict=True):
        rows.append(
            Row(size, "map", f"page of {count:,} nodes interactive", ready, "ms",
                higher_is_better=False, note="headless Chromium, first frame drawn")
        )  # fmt: skip
    return rows


def _disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure_store_size(size: int, ingested: int, store_dir: Path, text_per_doc: float) -> list[Row]:
    """Store on disk per document ingested, and per million documents (extrapolated)."""
    per_doc = _disk_bytes(store_dir) / ingested
    return [
        Row(size, "store size", "store on disk per document", per_doc / 1024, "KB",
            "corpus text per document", text_per_doc / 1024, higher_is_better=False),
        Row(size, "store size", "store on disk per million documents", per_doc * 1e6 / 1e9, "GB",
            higher_is_better=False, note=f"extrapolated from {ingested:,} documents"),
    ]  # fmt: skip


# -- the whole run -------------------------------------------------------------------------------


def _graph_rows(
    size: int,
    documents: int,
    store: Path,
    root: Path,
    settings: Settings,
    progress: Callable[[str], None],
) -> list[Row]:
    """Queries (embedded, floor), rdflib where it fits, and the SPARQL-server path.

    Where rdflib runs, the graph is dumped as N-Quads, loaded by Oxigraph, rdflib and `oxigraph
    load`. Above that, the server serves the store's own database, which bulk ingest built with
    Oxigraph's N-Quads bulk loader: a dump and a reload of 40 M quads would take longer than
    the rest of the stage (see the ingest row for the load).
    """
    quads: int = isolated(_count_quads, str(store)).result
    rows = [
        Row(size, "store load", "graph size", quads, "quads",
            note=f"{quads / documents:.0f} per document"),
    ]  # fmt: skip
    targets = settings.targets if size < LARGE else min(settings.targets, LARGE_TARGETS)
    progress(f"{size:,}: queries on the embedded store and the networkx floor")
    run = measure_queries(size, store, settings.seed, targets)
    rows += run.rows
    if not run.questions:
        return rows
    if quads > RDFLIB_MAX_QUADS:
        note = f"not run above {RDFLIB_MAX_QUADS:,} quads (memory)"
        rows.append(Row(size, "store load", "rdflib Dataset (memory)", None, "", note=note))
        progress(f"{size:,}: the same queries over HTTP")
        return rows + measure_server(size, _database(store), root, run)
    progress(f"{size:,}: rdflib, oxigraph load and the same queries over HTTP")
    nquads = root / "graph.nq"
    isolated(_dump_nquads, str(store), str(nquads))
    oxigraph = isolated(_load_oxigraph, str(nquads), str(root / "reload"))
    shutil.rmtree(root / "reload", ignore_errors=True)
    # rdflib answers the questions themselves; how kg shows a trace is kg's alone.
    asked = {name: inputs for name, inputs in run.questions.items() if name != "trace shown"}
    asked["search"] = run.questions["search"][:RDFLIB_SEARCH_TERMS]
    session = isolated(rdflib_session, str(nquads), asked)
    load_seconds, _, answers = session.result
    rows += measure_store_load(size, quads, oxigraph, (load_seconds, session.peak_mb))
    rows += rdflib_rows(size, run, answers)
    server = root / "server"
    rows.append(server_load(size, nquads, quads, server))
    return rows + measure_server(size, server, root, run)


def run_size(
    size: int,
    settings: Settings,
    progress: Callable[[str], None],
    record: Callable[[list[Row]], None],
) -> list[Row]:
    """Every measurement at one corpus size, in a scratch folder removed afterwards.

    `record` gets the rows so far after each stage, so a long run that is stopped keeps them.
    """
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
        record(rows)
        store = root / "store"
        progress(f"{size:,}: ingest")
        ingest_rows, ingested = measure_ingest(
            size, corpus / "docs", store, settings.jobs, settings.ingest_timeout
        )
        rows += ingest_rows
        record(rows)
        if not ingested:
            return rows
        progress(f"{size:,}: identities against the generator's")
        rows += measure_identity(size, corpus, _database(store))
        rows += _graph_rows(size, ingested, store, root, settings, progress)
        record(rows)
        progress(f"{size:,}: maps")
        rows += measure_map(size, store, root)
        rows += measure_store_size(size, ingested, store, summary.bytes / size)
        record(rows)
    finally:
        if not settings.keep:
            shutil.rmtree(root, ignore_errors=True)
    return rows


def disk_needed(settings: Settings) -> int:
    """Bytes of scratch space a run needs at its peak: the largest size's corpus and store, or
    every size's when they are kept."""
    per_size = [size * DISK_PER_DOCUMENT for size in settings.sizes]
    shards = min(max(settings.sizes), LOAD_BATCH) * SHARDS_PER_DOCUMENT
    return (sum(per_size) if settings.keep else max(per_size)) + shards


def run_benchmark(
    settings: Settings,
    progress: Callable[[str], None] = lambda _: None,
    record: Callable[[list[Row]], None] = lambda _: None,
) -> list[Row]:
    """All sizes, smallest first; `record` gets every row measured so far after each stage.

    Refuses at once, rather than hours into a run, when the work folder's disk cannot hold it.
    """
    settings.work_dir.mkdir(parents=True, exist_ok=True)
    needed, free = disk_needed(settings), shutil.disk_usage(settings.work_dir).free
    if needed > free:
        raise KgError(
            f"{settings.work_dir}: a run of {', '.join(f'{n:,}' for n in settings.sizes)} "
            f"documents needs about {needed / 1e9:,.0f} GB of disk and {free / 1e9:,.0f} GB are "
            "free (set --work-dir or KG_BENCH_DIR to a larger disk)"
        )
    rows: list[Row] = []
    for size in settings.sizes:
        earlier = tuple(rows)

        def record_size(current: list[Row], earlier: tuple[Row, ...] = earlier) -> None:
            record([*earlier, *current])

        rows += run_size(size, settings, progress, record_size)
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
