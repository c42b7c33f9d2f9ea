"""`kg bench generate` and `kg bench run`: the synthetic corpus and the scale benchmark.

Thin commands over :mod:`benchmarks.generate` and :mod:`benchmarks.measures` (and the search and
reference-flood benchmarks), each imported when its command runs so that the CLI starts without
the benchmarks; a notebook imports the same functions from `benchmarks`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.cli.bench_commands import bench_app

err_console = Console(stderr=True)


def _counting_bar(label: str) -> Progress:
    """The transient "label ━━━ done/total elapsed" bar the bench commands share."""
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


@bench_app.command("generate")
def generate(
    n: Annotated[int, typer.Argument(min=1, metavar="N", help="How many documents to write.")],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", metavar="DIR", help="Folder to write the corpus into."),
    ],
    seed: Annotated[
        int, typer.Option("--seed", "-s", metavar="N", help="Same seed, same corpus.")
    ] = 1,
    truth: Annotated[
        bool,
        typer.Option("--truth/--no-truth", help="Also write truth.jsonl (what was planted)."),
    ] = True,
) -> None:
    """Write a synthetic corpus of N Party and state documents (docs/, truth.jsonl, manifest)."""
    from benchmarks.generate import generate_corpus

    with _counting_bar("generate") as progress:
        task = progress.add_task("generate", total=n)
        step = max(1, n // 200)

        def advance(done: int) -> None:
            if done % step == 0 or done == n:
                progress.update(task, completed=done)

        summary = generate_corpus(n, seed, out, truth=truth, progress=advance)
    typer.echo(
        f"{summary.documents:,} documents, {summary.bytes / 1e6:,.1f} MB, "
        f"{summary.references:,} references, {summary.links:,} links in {out}"
    )


@bench_app.command("run")
def run(
    sizes: Annotated[
        str,
        typer.Option(
            "--sizes", metavar="N,N...", help="Corpus sizes, comma-separated (1000, 10k, 1M)."
        ),
    ] = "1000",
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Also save the rows as JSON here."),
    ] = None,
    markdown_out: Annotated[
        Path | None,
        typer.Option("--markdown", metavar="FILE", help="Also save the table as Markdown here."),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", "-s", metavar="N", help="Same seed, same corpus.")
    ] = 1,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, metavar="N", help="Processes for the all-cores figures."
        ),
    ] = os.cpu_count() or 1,
    work_dir: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Scratch folder for corpora and stores (default $KG_BENCH_DIR or tmp).",
        ),
    ] = None,
    keep: Annotated[bool, typer.Option(help="Keep corpora and stores after the run.")] = False,
    ingest_timeout: Annotated[
        float | None,
        typer.Option(
            metavar="SECONDS",
            help="Stop ingest after this many seconds (later stages are skipped).",
        ),
    ] = None,
) -> None:
    """Measure extraction, ingest, queries, maps and store size, each beside its baseline."""
    from benchmarks.measures import Settings, default_work_dir, run_benchmark, sizes_from
    from benchmarks.report import Row, markdown, print_table, save_json

    try:
        parsed = sizes_from(sizes)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--sizes") from err
    settings = Settings(
        parsed, seed, work_dir or default_work_dir(), jobs, keep, ingest_timeout=ingest_timeout
    )
    recorded = {
        "sizes": list(settings.sizes),
        "seed": settings.seed,
        "jobs": settings.jobs,
        "command": f"kg bench run --sizes {sizes} --seed {seed} --jobs {jobs}",
    }

    def save(rows: list[Row]) -> None:
        if out is not None:
            save_json(rows, out, recorded)
        if markdown_out is not None:
            markdown_out.write_text(markdown(rows), encoding="utf-8")

    rows = run_benchmark(settings, progress=lambda step: err_console.log(step), record=save)
    save(rows)
    print_table(rows)


@bench_app.command("search")
def search_scale(
    n: Annotated[
        int, typer.Argument(min=1, metavar="N", help="How many synthetic documents to index.")
    ],
    seed: Annotated[
        int, typer.Option("--seed", "-s", metavar="N", help="Same seed, same corpus.")
    ] = 1,
    work_dir: Annotated[
        Path | None,
        typer.Option("--work-dir", metavar="DIR", help="Scratch folder (default: tmp)."),
    ] = None,
) -> None:
    """Search latency at N documents: the side index filled from a synthetic corpus, timed."""
    from benchmarks.measures import default_work_dir
    from benchmarks.report import print_table
    from benchmarks.search_scale import measure_search

    folder = work_dir or default_work_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with _counting_bar("index") as progress:
        task = progress.add_task("index", total=n)
        rows = measure_search(n, seed, folder, lambda: progress.advance(task))
    print_table(rows)


@bench_app.command("references")
def references(
    sizes: Annotated[
        str,
        typer.Option(
            "--sizes", metavar="N,N,...", help="References in the one document, comma-separated."
        ),
    ] = "1000,2000,4000,8000",
    work_dir: Annotated[
        Path | None,
        typer.Option("--work-dir", metavar="DIR", help="Scratch folder (default: tmp)."),
    ] = None,
) -> None:
    """Ingest time and peak memory of one document citing a resolution N times, by N: each
    size against the one before it (about 2 when sizes double means linear)."""
    from benchmarks.flood import measure_flood
    from benchmarks.measures import sizes_from
    from benchmarks.report import print_table

    try:
        parsed = sizes_from(sizes)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--sizes") from err
    print_table(measure_flood(parsed, work_dir))
