"""`kg extract` and `kg eval`: the extraction stage on its own, and its score against gold."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

import kg.api as api
from kg.api import evaluate
from kg.cli.app import app
from kg.cli.output import console, err_console
from kg.errors import KgError

if TYPE_CHECKING:
    from kg.api import EvalReport, Extraction


class ReportFormat(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="table|json",
        help="A table, or JSON (for extract: one contract object per file, JSON Lines).",
    ),
]
# `--json` is what the extraction contract names (shared spec): kept, as --format json.
JsonFlag = Annotated[bool, typer.Option("--json", help="Same as --format json.")]


def _wants_json(fmt: ReportFormat, as_json: bool) -> bool:
    return as_json or fmt is ReportFormat.json


@app.command("extract")
def extract_command(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Source files (txt, docx, pdf, html, doc)."),
    ],
    fmt: FormatOption = ReportFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Extract the references, relations and links of each file (nothing is stored)."""
    as_json = _wants_json(fmt, as_json)
    failed = False
    for path in files:
        try:
            extraction = api.extract_file(path)
        except KgError as err:
            failed = True
            if as_json:
                _write_line({"source": str(path), "error": " ".join(str(err).split())})
            else:
                err_console.print(f"[red]{path}[/red]: {err}")
            continue
        if as_json:
            _write_line(extraction.to_json())
        else:
            _print_extraction(extraction)
    if failed:
        raise typer.Exit(1)


def _write_line(payload: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def _print_extraction(extraction: Extraction) -> None:
    doc = extraction.document
    console.print(f"[bold]{extraction.source}[/bold]")
    console.print(
        f"  {doc.kind} {doc.symbol or doc.number or '(no number)'}  {doc.date or '(no date)'}  "
        f"{doc.issuer or '(issuer not stated)'}"
    )
    if doc.title:
        console.print(f"  {doc.title}")
    table = Table(show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("reference (as written)", ratio=3)
    table.add_column("kind")
    table.add_column("symbol", overflow="fold", min_width=10)
    table.add_column("date", min_width=10)
    table.add_column("relation")
    table.add_column("short form of")
    for ref in extraction.references:
        table.add_row(
            str(ref.id),
            " ".join(ref.surface.split()),
            ref.kind,
            ref.symbol or "",
            ref.date or "",
            ref.relation,
            "" if ref.antecedent is None else str(ref.antecedent),
        )
    console.print(table)
    for link in extraction.links:
        console.print(f"  link: {link.subject} {link.relation} {link.object}")
    for warning in extraction.warnings:
        console.print(f"  [yellow]warning[/yellow]: {warning}")


@app.command("eval")
def eval_command(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD",
            help="Gold annotation: JSON Lines in the contract shape, or a folder of annotated "
            "passages (gold.jsonl, links.jsonl, passages/).",
        ),
    ],
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            metavar="DIR",
            help="Folder holding the gold's sources (for a folder: its passages/).",
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline", metavar="FILE", help="A run saved with --save: gains and losses."
        ),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option("--save", metavar="FILE", help="Write this run (its extractions) here."),
    ] = None,
    fmt: FormatOption = ReportFormat.table,
    as_json: JsonFlag = False,
) -> None:
    """Score the extractor (and resolver) on a gold file: references, fields, relations, links,
    identity; with --baseline, the references gained and lost since a saved run, and every
    judgement against the gold that became better or worse."""
    report = evaluate(gold, corpus, baseline=baseline, save=save)
    if _wants_json(fmt, as_json):
        _write_line(report.to_json())
    else:
        _print_report(report, baseline is not None)


def _print_report(report: EvalReport, with_baseline: bool) -> None:
    table = Table(title=f"Extraction scored on {report.documents} documents")
    for column in ("measure", "precision", "recall", "F1 / accuracy", "count"):
        table.add_column(column)
    refs = report.references
    table.add_row(
        "references", f"{refs.precision:.3f}", f"{refs.recall:.3f}", f"{refs.f1:.3f}", str(refs.tp)
    )
    for kind, counts in sorted(report.by_kind.items()):
        table.add_row(
            f"  {kind}",
            f"{counts.precision:.3f}",
            f"{counts.recall:.3f}",
            f"{counts.f1:.3f}",
            str(counts.tp + counts.fn),
        )
    for name, accuracy in report.fields.items():
        table.add_row(f"field {name}", "", "", f"{accuracy.value:.3f}", str(accuracy.total))
    table.add_row("relation", "", "", f"{report.relation.value:.3f}", str(report.relation.total))
    table.add_row("short form + antecedent", "", "", f"{report.short_form.value:.3f}", "")
    links = report.links
    table.add_row(
        "links", f"{links.precision:.3f}", f"{links.recall:.3f}", f"{links.f1:.3f}", str(links.tp)
    )
    table.add_row(
        "identity pairs", "", "", f"{report.identity.value:.4f}", str(report.identity.total)
    )
    for name, accuracy in report.document_fields.items():
        table.add_row(f"document {name}", "", "", f"{accuracy.value:.3f}", str(accuracy.total))
    console.print(table)
    for miss in report.missed:
        console.print(f"missed   {miss.source} [{miss.start}:{miss.end}] {miss.surface!r}")
    for miss in report.spurious:
        console.print(f"spurious {miss.source} [{miss.start}:{miss.end}] {miss.surface!r}")
    if with_baseline:
        console.print(f"gained {len(report.gained)}, lost {len(report.lost)} since the baseline")
        for miss in report.gained:
            console.print(f"  + {miss.source} [{miss.start}:{miss.end}] {miss.surface!r}")
        for miss in report.lost:
            console.print(f"  - {miss.source} [{miss.start}:{miss.end}] {miss.surface!r}")
        console.print(
            f"against the gold: {len(report.better)} better, {len(report.worse)} worse since "
            "the baseline"
        )
        for verdict in report.better:
            console.print(f"  better {verdict}")
        for verdict in report.worse:
            console.print(f"  worse  {verdict}")
    # The headline, last so that a tail of the output shows it.
    console.print(
        f"references P {refs.precision:.3f} R {refs.recall:.3f} F1 {refs.f1:.3f} | "
        f"symbol {report.fields['symbol'].value:.3f} date {report.fields['date'].value:.3f}"
    )
    console.print(
        f"relation {report.relation.value:.3f} | links F1 {links.f1:.3f} | "
        f"short forms {report.short_form.value:.3f}"
    )
    console.print(
        f"identity pair agreement {report.identity.value:.4f} "
        f"(together {report.identity_together.value:.3f}, apart {report.identity_apart.value:.3f})"
    )
