"""Write the tutorial notebooks from the cell text below, without outputs.

The notebooks are generated rather than hand-edited so that a review reads plain Python and
Markdown here, and so that the stored `.ipynb` files never carry outputs, execution counts or
machine paths. Run it after changing a cell and commit both:

    .venv/bin/python notebooks/build_notebooks.py

`tests/notebooks/` executes every notebook and checks the answers its text quotes; it also checks
that the stored files are exactly what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from textwrap import dedent

import nbformat
from nbformat.notebooknode import NotebookNode

HERE = Path(__file__).resolve().parent

Cell = tuple[str, str]  # ("md" | "code", source)


def md(text: str) -> Cell:
    return ("md", dedent(text).strip())


def code(text: str) -> Cell:
    return ("code", dedent(text).strip())


# Every notebook starts the same way: find the sample corpus, build a store in a temporary folder.
SETUP: list[Cell] = [
    md(
        """
        ## Build the graph

        The store is built from the five sample plans in `data/corpus/` into a temporary folder,
        so running this notebook changes nothing on disk and always starts from the same data.
        Ingesting reads each file, extracts every reference, resolves each to one document and
        writes one named graph per file.
        """
    ),
    code(
        """
        import json
        import shutil
        import tempfile
        from pathlib import Path

        import pandas as pd

        from kg.api import KG

        pd.set_option("display.max_colwidth", 110)


        def find_corpus() -> Path:
            for folder in [Path.cwd(), *Path.cwd().parents]:
                if (folder / "data" / "corpus").is_dir():
                    return folder / "data" / "corpus"
            raise FileNotFoundError(f"no data/corpus above {Path.cwd()}")


        WORK = Path(tempfile.mkdtemp(prefix="vankien-notebook-"))
        kg = KG.open(WORK / "store")
        report = kg.ingest([find_corpus()])
        pd.DataFrame(
            [
                {"file": Path(o.path).name, "status": o.status, "references": o.references}
                for o in report.outcomes
            ]
        )
        """
    ),
]

CLEANUP: list[Cell] = [
    md(
        """
        ## Clean up

        Close the store and delete the temporary folder.
        """
    ),
    code(
        """
        kg.close()
        shutil.rmtree(WORK)
        """
    ),
]


def answer_cells(text: str, answers: str) -> list[Cell]:
    """The closing statement of results, and a cell printing them as the one JSON line the test
    suite reads (`answers` is the source of a dict expression)."""
    return [
        md(text),
        code(
            f"answers = {dedent(answers).strip()}\n"
            "print(json.dumps(answers, ensure_ascii=False, sort_keys=True))"
        ),
    ]


TRACE_25 = [
    md(
        """
        # How Nghị quyết 25-NQ/TW (2013) travels

        Nghị quyết 25-NQ/TW of 3 June 2013 (khóa XI) is the Central Committee's resolution on
        mass mobilisation work ("tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân
        vận trong tình hình mới"). This notebook follows it down to the plans that implement,
        continue, review or inspect it, measures how long each took, and shows why "25-NQ/TW"
        alone is not an identity: the same symbol was used in 2003 for the resolution on
        religious work, and the sample plans cite both.
        """
    ),
    *SETUP,
    md(
        """
        ## One symbol, two documents

        Asking for "25-NQ/TW" alone is refused with the candidates, because two resolutions
        carry that symbol. Adding the year (`25-NQ/TW@2013`) names one.
        """
    ),
    code(
        """
        from kg.errors import AmbiguousDocument

        try:
            kg.find("25-NQ/TW")
        except AmbiguousDocument as ambiguous:
            print(ambiguous)

        nq25 = kg.find("25-NQ/TW@2013")
        nq25_2003 = kg.find("25-NQ/TW@2003")
        pd.DataFrame([nq25.to_json(), nq25_2003.to_json()])[["symbol", "date", "issuer", "title"]]
        """
    ),
    md(
        """
        ## The chain as a table

        `kg.trace` walks the implementation relations (implements, continues, reviews, inspects,
        disseminates) downwards from the resolution. Each row is one step, with the document
        that acts, how, the lag in days from the document it acts on, and the sentence that
        states it, so every step can be checked against the text.
        """
    ),
    code(
        """
        chain = kg.trace("25-NQ/TW@2013")


        def step(edge) -> dict:
            acting, acted_on = chain.nodes[edge.acting], chain.nodes[edge.acted_on]
            return {
                "depth": edge.depth,
                "document": acting.label,
                "date": acting.date,
                "issuer": acting.issuer,
                "relation": edge.relation,
                "acts on": acted_on.label,
                "lag_days": edge.lag_days,
                "file": Path(edge.source).name if edge.source else None,
                "evidence": edge.evidence,
            }


        steps = pd.DataFrame([step(e) for e in chain.edges])
        steps
        """
    ),
    md(
        """
        ## Lag from the centre, per province

        `kg.coverage` groups the implementers by province (and by central body for central
        documents) with the first date and the lag from the resolution. The Hải Dương and Hải
        Phòng plans state no issue date, so their lag is unknown rather than guessed; the
        63-province table lists every province the graph has no implementing document for.
        """
    ),
    code(
        """
        cover = kg.coverage("25-NQ/TW@2013")
        lags = pd.DataFrame([r.to_json() for r in cover.issued])[
            ["area", "level", "first_date", "lag_days", "documents"]
        ]
        print(f"{len(cover.rows)} areas in the table, {len(cover.issued)} with a document")
        lags
        """
    ),
    md(
        """
        ## Timeline

        Dated documents on a time axis, each joined to the document it acts on. Undated plans
        cannot be placed; they are listed under the chart.
        """
    ),
    code(
        """
        from datetime import date

        import matplotlib.pyplot as plt

        dated = {iri: doc for iri, doc in chain.nodes.items() if doc.date}
        order = sorted(dated, key=lambda iri: dated[iri].date)
        row_of = {iri: i for i, iri in enumerate(order)}
        fig, ax = plt.subplots(figsize=(9, 0.6 * len(order) + 1.2))
        for edge in chain.edges:
            if edge.acting in dated and edge.acted_on in dated:
                xs = [date.fromisoformat(dated[i].date) for i in (edge.acted_on, edge.acting)]
                ys = [row_of[edge.acted_on], row_of[edge.acting]]
                ax.plot(xs, ys, color="0.6", linewidth=1)
                ax.annotate(edge.relation, (xs[1], ys[1]), textcoords="offset points",
                            xytext=(6, -10), fontsize=8, color="0.4")
        ax.scatter([date.fromisoformat(dated[i].date) for i in order], range(len(order)),
                   color=["tab:red" if i == nq25.iri else "tab:blue" for i in order], zorder=3)
        ax.set_yticks(range(len(order)), [dated[i].label for i in order])
        ax.invert_yaxis()
        ax.set_title("25-NQ/TW (2013): documents acting on it, by issue date")
        ax.grid(axis="x", alpha=0.3)
        plt.show()
        undated = [doc.label for doc in chain.nodes.values() if not doc.date]
        print("undated, not on the axis:", undated)
        """
    ),
    md(
        """
        ## The 2003/2013 trap, with the evidence the graph keeps

        Every citation is a resource in the graph with the words it was read from, what they
        state, and why the resolver chose its identity (`vk:resolutionReason`) with a confidence.
        The query below lists every mention of either resolution. The plan 1600-KH/BDVTW (2018)
        holds both: "tổng kết 15 năm thực hiện Nghị quyết số 25-NQ/TW" can only be the 2003
        resolution (2018 − 15), and Chỉ thị 18-CT/TW continues the one "về công tác tôn giáo";
        its "sơ kết 5 năm" items are the 2013 one. The Bình Phước plan cites the 2013 resolution
        in full, then the 2003 one beside Chỉ thị 18-CT/TW under its religious-work committee.
        """
    ),
    code(
        """
        MENTIONS = '''
        PREFIX vk: <https://w3id.org/vankien/ontology#>
        PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?year ?path ?surface ?stated ?reason ?confidence ?sentence WHERE {
          ?citation vk:citedDocument ?doc ; vk:surface ?surface ;
                    prov:wasDerivedFrom/vk:path ?path .
          FILTER(?doc = ?nq2003 || ?doc = ?nq2013)
          FILTER NOT EXISTS { ?citation vk:statedIn ?linkSource }
          OPTIONAL { ?citation vk:statedDate ?stated }
          OPTIONAL { ?citation vk:resolutionReason ?reason }
          OPTIONAL { ?citation vk:confidence ?confidence }
          OPTIONAL { ?citation vk:sentence ?sentence }
          BIND(IF(?doc = ?nq2003, "2003", "2013") AS ?year)
        } ORDER BY ?year ?path
        '''
        rows = kg.query(MENTIONS, {"nq2003": f"<{nq25_2003.iri}>", "nq2013": f"<{nq25.iri}>"}).rows
        mentions = pd.DataFrame(
            [{k: v.value for k, v in row.items()} for row in rows]
        ).assign(path=lambda f: f["path"].map(lambda p: Path(p).name))
        mentions
        """
    ),
    code(
        """
        per_file = mentions.groupby(["path", "year"]).size().unstack(fill_value=0)
        per_file
        """
    ),
    md(
        """
        The 2003 resolution is also reached through a link the 1600 plan states: Chỉ thị
        18-CT/TW "về tiếp tục thực hiện Nghị quyết số 25-NQ/TW" continues it. `kg.cites` lists
        every document citing it, with its strongest relation.
        """
    ),
    code(
        """
        citers_2003 = pd.DataFrame(
            [{**c.to_json(), "file": Path(c.source).name if c.source else None}
             for c in kg.cites("25-NQ/TW@2003")]
        )[["label", "date", "relation", "relations", "file", "sentence"]]
        citers_2003
        """
    ),
    md(
        """
        ## The map

        The same chain as an interactive map (it runs inside an isolated frame, offline):
        documents on a time axis, coloured by level, edges styled by relation. Hover a node or
        an edge for its evidence.
        """
    ),
    code(
        """
        from IPython.display import HTML

        from kg.views import inline_html

        chain_map = inline_html(kg.network(trace_of="25-NQ/TW@2013", depth=0),
                                title="Nghị quyết 25-NQ/TW (2013): implementation chain")
        HTML(f"<div>{chain_map}</div>")  # the div only keeps IPython from warning about iframes
        """
    ),
    *answer_cells(
        """
        ## Answers

        - The chain below 25-NQ/TW (2013) has 6 documents besides the resolution: Kết luận
          43-KL/TW (2019) continues it, the central commission's plans 1600-KH/BDVTW (2018) and
          82-KH/BDVTW (2023) review it, and the Bình Phước, Hải Dương and Hải Phòng plans
          implement or inspect it.
        - Bình Phước's plan 36-KH/BDVTU came 2997 days (about 8 years) after the resolution;
          the Hải Dương and Hải Phòng plans are undated, so their lag is unknown.
        - The 2003 resolution is cited twice in 1600-KH/BDVTW and once in 36-KH/BDVTU, and
          18-CT/TW continues it; 1600-KH/BDVTW cites the 2013 resolution 8 times.
        """,
        """
        {
            "chain_documents": sorted(d.label for iri, d in chain.nodes.items() if iri != nq25.iri),
            "province_lag_days": {r.area: r.lag_days for r in cover.issued
                                  if r.level == "province"},
            "mentions": {f"{path}@{year}": int(n)
                         for (path, year), n in per_file.stack().items() if n},
            "citers_2003": dict(zip(citers_2003["label"], citers_2003["relation"], strict=True)),
        }
        """,
    ),
    *CLEANUP,
]


WHO_CITES = [
    md(
        """
        # Who cites Quyết định 217-QĐ/TW and 218-QĐ/TW

        The Politburo's decisions 217-QĐ/TW (the rules for social supervision and criticism by
        the Fatherland Front and the socio-political organisations) and 218-QĐ/TW (how they and
        the people comment on building the Party and the government) are usually cited as a
        pair. This notebook answers: which plans cite them, in which sentences, how (the
        relation each sentence states), and which dates each source gives them, since the
        sample plans disagree.
        """
    ),
    *SETUP,
    md(
        """
        ## The two decisions

        `kg.find` takes the symbol as people write it; each symbol names one document here.
        The date shown is the curated registry's; the conflicts are examined below.
        """
    ),
    code(
        """
        DECISIONS = ["217-QĐ/TW", "218-QĐ/TW"]
        pd.DataFrame([kg.find(symbol).to_json() for symbol in DECISIONS])[
            ["symbol", "date", "issuer", "title"]
        ]
        """
    ),
    md(
        """
        ## Who cites them, and how

        `kg.cites` returns one row per citing document with its most specific relation, all the
        relations it states, and the sentences. A citing document is either one of the plans
        (its file is named) or a document a plan describes: the Hải Dương plan cites Chỉ thị
        34-CT/TU of 25/2/2014 "về lãnh đạo, chỉ đạo thực hiện" the two decisions, so 34-CT/TU
        implements them by the plan's word.
        """
    ),
    code(
        """
        citing = pd.DataFrame(
            [
                {
                    "decision": symbol,
                    "citing": c.document.label,
                    "ingested": c.document.ingested,
                    "issuer": c.document.issuer,
                    "relation": c.relation,
                    "relations": c.relations,
                    "file": Path(c.source).name if c.source else None,
                }
                for symbol in DECISIONS
                for c in kg.cites(symbol)
            ]
        )
        citing
        """
    ),
    md(
        """
        The plans among them, as a count of citing rows per file and decision:
        """
    ),
    code(
        """
        plans = citing[citing["ingested"]]
        plans.pivot_table(index="file", columns="decision", values="citing", aggfunc="count")
        """
    ),
    md(
        """
        ## The sentences

        Every sentence that cites 217-QĐ/TW, with the relation it states. Reading them is how a
        researcher checks a relation: "tổng kết 10 năm thực hiện" is a review, "kiểm tra" an
        inspection, "theo Quyết định ..." a plain citation.
        """
    ),
    code(
        """
        sentences = pd.DataFrame(
            [
                {"file": Path(edge.source).name, "relation": edge.relation,
                 "sentence": edge.sentence}
                for edge in kg.citations_of("217-QĐ/TW")
                if edge.source and edge.stated_in is None
            ]
        ).drop_duplicates()
        with pd.option_context("display.max_colwidth", 300):
            display(sentences)
        """
    ),
    md(
        """
        ## The conflicting dates

        Each source keeps the date it states in its own named graph, and the curated registry
        keeps the right one. `DocumentSummary.conflicts()` lists every distinct value with the
        graph that states it; `kg.catalog.graph_label` names the file behind a graph.
        """
    ),
    code(
        """
        def stated_dates(symbol: str) -> dict[str, list[str]]:
            by_date: dict[str, set[str]] = {}
            for stated in kg.find(symbol).conflicts().get("date", []):
                by_date.setdefault(stated.value, set()).add(kg.catalog.graph_label(stated.graph))
            return {day: sorted(sources) for day, sources in sorted(by_date.items())}


        dates = {symbol: stated_dates(symbol) for symbol in DECISIONS}
        pd.DataFrame(
            [
                {"decision": symbol, "date stated": day, "stated by": ", ".join(sources)}
                for symbol, by_date in dates.items()
                for day, sources in by_date.items()
            ]
        )
        """
    ),
    md(
        """
        Where each date is written: the citations keep what the words state
        (`vk:statedDate`). The 12/12/2014 comes from the Hải Dương plan's quotation of the
        title of Chỉ thị 34-CT/TU; the same plan writes 13/12/2013 elsewhere, as Bình Phước
        does. All of them still resolve to the 2013 decisions: the registry knows one
        217-QĐ/TW of the term, and the resolver records why it accepted each date (`reason`).
        """
    ),
    code(
        """
        STATED = '''
        PREFIX vk: <https://w3id.org/vankien/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?stated ?path ?reason ?sentence WHERE {
          ?citation vk:citedDocument ?doc ; vk:statedDate ?stated ;
                    prov:wasDerivedFrom/vk:path ?path .
          OPTIONAL { ?citation vk:resolutionReason ?reason }
          OPTIONAL { ?citation vk:sentence ?sentence }
        } ORDER BY ?stated ?path
        '''
        rows = kg.query(STATED, {"doc": f"<{kg.find('217-QĐ/TW').iri}>"}).rows
        where = pd.DataFrame([{k: v.value for k, v in row.items()} for row in rows])
        where["path"] = where["path"].map(lambda p: Path(p).name)
        where
        """
    ),
    md(
        """
        ## The map

        The citers of 217-QĐ/TW on one map, each edge styled by its relation.
        """
    ),
    code(
        """
        from IPython.display import HTML

        from kg.views import inline_html

        citers_map = inline_html(kg.network(cites_of="217-QĐ/TW"), height=500,
                                 title="Who cites 217-QĐ/TW")
        HTML(f"<div>{citers_map}</div>")  # the div only keeps IPython from warning about iframes
        """
    ),
    *answer_cells(
        """
        ## Answers

        - Four of the five plans cite both decisions: the central commission's 1600-KH/BDVTW
          (2018, to review them after 5 years), Bình Phước's 36-KH/BDVTU and the Hải Dương plan
          (plain citations, "theo ..."), and the Hải Phòng plan (to inspect them and review 10
          years). Only 82-KH/BDVTW does not. Chỉ thị 34-CT/TU of Hải Dương implements both, by
          the Hải Dương plan's word.
        - Three dates are given for each decision: 12/12/2013 (1600, Hải Phòng and the
          registry, the correct date), 13/12/2013 (Bình Phước and Hải Dương) and 12/12/2014
          (Hải Dương, inside the title of 34-CT/TU).
        """,
        """
        {
            "citers": {
                symbol: {row["citing"]: row["relations"]
                         for row in citing[citing["decision"] == symbol].to_dict("records")}
                for symbol in DECISIONS
            },
            "plan_files": {
                symbol: sorted(plans[plans["decision"] == symbol]["file"].unique())
                for symbol in DECISIONS
            },
            "dates": dates,
            "shown_date": {symbol: kg.find(symbol).date for symbol in DECISIONS},
        }
        """,
    ),
    *CLEANUP,
]


BRIEFING = [
    md(
        """
        # From a question to a slide

        The question: *what does Bình Phước's 2021 mass-mobilisation plan (36-KH/BDVTU) rest
        on, and how quickly did it follow the documents it implements?* This notebook chooses a
        focus, keeps only the relations that answer the question, produces the interactive map
        and the PNG/SVG for a slide, and ends with the checks to make before presenting it.
        """
    ),
    *SETUP,
    md(
        """
        ## Choose the focus

        `kg.network(focus=..., depth=1, direction="out")` is the plan and every document it
        cites, one step out. It mixes relations: plain citations and reviews as well as what
        the plan implements.
        """
    ),
    code(
        """
        from collections import Counter

        focus = kg.find("36-KH/BDVTU")
        around = kg.network(focus=focus.iri, depth=1, direction="out")
        print(f"{around.number_of_nodes()} documents, {around.number_of_edges()} relations")
        Counter(data["relation"] for _, _, data in around.edges(data=True))
        """
    ),
    md(
        """
        ## Filter to what answers the question

        The plan "rests on" what it implements, continues or is based on, so only those edges
        stay, and documents left without an edge go. The graph is an ordinary networkx
        `MultiDiGraph`: node keys are document IRIs, edges run from the acting document to the
        one it acts on and carry `relation`, `evidence`, `source` and `lag_days`.
        """
    ),
    code(
        """
        KEEP = {"implements", "continues", "based_on"}
        kept = [(u, v, k) for u, v, k, d in around.edges(keys=True, data=True)
                if d["relation"] in KEEP]
        briefing = around.edge_subgraph(kept).copy()
        briefing.graph["title"] = "36-KH/BDVTU (Bình Phước, 2021): what the plan rests on"


        def name(iri: str) -> str:
            node = briefing.nodes[iri]
            return node["symbol"] or node["title"] or node["label"]


        rests_on = pd.DataFrame(
            [
                {"document": name(v), "date": briefing.nodes[v]["date"],
                 "level": briefing.nodes[v]["level"], "relation": d["relation"],
                 "lag_days": d["lag_days"]}
                for _, v, d in briefing.edges(data=True)
            ]
        ).sort_values(["date", "relation"], na_position="last")
        rests_on
        """
    ),
    md(
        """
        ## The interactive map

        Shown inline here; the same page is written as a self-contained HTML file that opens
        offline in any browser (no links to the internet), to send or to present live.
        """
    ),
    code(
        """
        from IPython.display import HTML, Image

        from kg.views import inline_html, render_html, render_static

        OUT = WORK / "briefing"
        html_path = render_html(briefing, OUT / "36-KH-BDVTU.html")
        HTML(f"<div>{inline_html(briefing, height=520)}</div>")  # div: no IPython iframe warning
        """
    ),
    md(
        """
        ## The slide

        PNG for a presentation, SVG for print or further editing. The slide carries its date
        and the counts of documents and relations in the footer; pass `generated=` to fix the
        date when a slide must be reproduced byte for byte.
        """
    ),
    code(
        """
        png_path = render_static(briefing, OUT / "36-KH-BDVTU.png", fmt="png")
        svg_path = render_static(briefing, OUT / "36-KH-BDVTU.svg", fmt="svg")
        for path in (html_path, png_path, svg_path):
            print(f"{path.name}: {path.stat().st_size:,} bytes")
        Image(filename=str(png_path))
        """
    ),
    md(
        """
        ## Check before presenting

        A map is only as good as its weakest edge. The cell below lists what a presenter
        should look at first: documents the map cannot date, documents known only from
        citations (their facts come from how others cite them), documents whose sources
        disagree on a fact, implementations dated before what they implement, and whether the
        HTML file loads anything from the internet.
        """
    ),
    code(
        """
        import re

        undated = sorted(name(n) for n, d in briefing.nodes(data=True) if not d["date"])
        cited_only = sorted(name(n) for n, d in briefing.nodes(data=True) if not d["ingested"])
        conflicting = {name(n): sorted(kg.find(n).conflicts()) for n in briefing.nodes
                       if kg.find(n).conflicts()}
        backwards = [(name(u), name(v)) for u, v, d in briefing.edges(data=True)
                     if d["lag_days"] is not None and d["lag_days"] < 0]
        online = re.findall(r'(?:src|href)=["\\']https?://', html_path.read_text(encoding="utf-8"))
        checks = {
            "undated": undated,
            "known only from citations": cited_only,
            "conflicting facts": conflicting,
            "implemented before issued": backwards,
            "internet links in the HTML": len(online),
        }
        for label, found in checks.items():
            print(f"{label}: {found}")
        """
    ),
    md(
        """
        Then, by hand:

        - [ ] Read the evidence sentence of every edge (hover it on the map) against the plan.
        - [ ] Undated documents sit outside the time axis: date them from the registry or
              another source, or say on the slide that they are undated.
        - [ ] A conflicting title or date: say which one the slide uses and why.
        - [ ] Symbols reused across terms (25-NQ/TW, 24-NQ/TW, 05-CT/TW): open the document
              card (`kg.show`) and check the year.
        - [ ] The footer's date and counts match the version presented.
        """
    ),
    *answer_cells(
        """
        ## Answers

        36-KH/BDVTU rests on 9 documents: the national XIII and provincial XI congress
        resolutions, Chương trình 01-CTr/BDVTW and 04-CTr/TU (based on), Quyết định 23-QĐ/TW,
        Nghị quyết 25-NQ/TW (2013), Chương trình 31-KH/TU and Quyết định 1238-QĐ/TU
        (implemented), and Đề án 1217 (continued). The plan came 18 days after Quyết định
        23-QĐ/TW of 30/7/2021 and 2997 days after Nghị quyết 25-NQ/TW. The HTML map loads
        nothing from the internet.
        """,
        """
        {
            "focus": focus.symbol,
            "documents": briefing.number_of_nodes(),
            "rests_on": sorted(name(v) for v in briefing.successors(focus.iri)),
            "lag_days": {name(v): d["lag_days"] for _, v, d in briefing.edges(data=True)
                         if d["lag_days"] is not None},
            "relations": sorted({d["relation"] for _, _, d in briefing.edges(data=True)}),
            "files": {p.suffix: p.read_bytes()[:8].hex() for p in (html_path, png_path, svg_path)},
            "internet_links": len(online),
        }
        """,
    ),
    *CLEANUP,
]


COOKBOOK = [
    md(
        """
        # A SPARQL cookbook

        Ten queries researchers ask of the graph, each with its result on the sample corpus.
        `kg.query(sparql, params)` runs any SPARQL 1.1 query over the union of all named graphs
        (the same text works on a SPARQL server with `KG.open("http://...")`); `params` binds
        variables to IRIs (`"<...>"`) or strings, so values never need pasting into the text.
        The schema is described in `ontology/README.md`: documents are `vk:Document`s with
        `vk:symbol`, `eli:date_document`, `vk:level`, `vk:province`; every reference is a
        `vk:Citation` with `vk:citingDocument`, `vk:citedDocument`, `vk:relation` and its
        evidence; the relation is also a direct edge between the two documents.
        """
    ),
    *SETUP,
    md(
        """
        ## A helper: run a query, get a table

        `run` prepends the prefixes and turns the result into a DataFrame. Document IRIs are
        shown as "symbol (year)", because a bare symbol is ambiguous (25-NQ/TW exists in 2003
        and 2013).
        """
    ),
    code(
        """
        from kg.namespaces import base_iri

        PREFIXES = '''
        PREFIX vk: <https://w3id.org/vankien/ontology#>
        PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        '''
        DOCUMENTS = base_iri() + "doc/"


        def show(value: str) -> str:
            if not value.startswith(DOCUMENTS):
                return value
            doc = kg.catalog.summary(value)
            return f"{doc.label} ({doc.date[:4] if doc.date else 'undated'})"


        def run(sparql: str, **params: str) -> pd.DataFrame:
            rows = kg.query(PREFIXES + sparql, params).rows
            return pd.DataFrame([{k: show(v.value) for k, v in row.items()} for row in rows])
        """
    ),
    md(
        """
        ## 1. Documents by province

        How many documents each province's bodies issued, and how many of them are ingested
        files (the rest are known from citations only).
        """
    ),
    code(
        """
        by_province = run('''
        SELECT ?province (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?file) AS ?ingested)
        WHERE {
          ?doc a vk:Document ; vk:province/rdfs:label ?province .
          FILTER(lang(?province) = "vi")
          OPTIONAL { ?doc prov:wasDerivedFrom ?file }
        } GROUP BY ?province ORDER BY DESC(?documents)
        ''')
        by_province
        """
    ),
    md(
        """
        ## 2. Documents by year of issue

        Only documents the corpus holds or cites count (the registry also lists congresses
        nobody here cites). A document can carry several dates, one per source that states
        one, so the year is taken from the earliest, in a sub-query; counting
        `eli:date_document` directly would count 217-QĐ/TW in both 2013 and 2014.
        """
    ),
    code(
        """
        by_year = run('''
        SELECT ?year (COUNT(?doc) AS ?documents) WHERE {
          { SELECT ?doc (MIN(?d) AS ?first) WHERE {
              ?doc a vk:Document ; eli:date_document ?d .
              FILTER EXISTS {
                { ?doc prov:wasDerivedFrom ?file } UNION { ?citation vk:citedDocument ?doc }
              }
            } GROUP BY ?doc }
          BIND(YEAR(?first) AS ?year)
        } GROUP BY ?year ORDER BY ?year
        ''')
        by_year.T
        """
    ),
    md(
        """
        ## 3. Citations by relation

        Every reference read from a file is one `vk:Citation`; links stated between two other
        documents (`vk:statedIn`) are left out so that each reference counts once. ELI calls
        "implements" `ensures_implementation_of`.
        """
    ),
    code(
        """
        by_relation = run('''
        SELECT ?relation (COUNT(?citation) AS ?citations) (COUNT(DISTINCT ?file) AS ?files) WHERE {
          ?citation a vk:Citation ; vk:relation ?property ; prov:wasDerivedFrom ?file .
          FILTER NOT EXISTS { ?citation vk:statedIn ?reader }
          BIND(REPLACE(STR(?property), "^.*[#/]", "") AS ?relation)
        } GROUP BY ?relation ORDER BY DESC(?citations)
        ''')
        by_relation
        """
    ),
    md(
        """
        ## 4. Which central documents each province implements

        The direct edge `eli:ensures_implementation_of` from a provincial document to a central
        one. The dates are what the sources state, so a document with conflicting dates shows
        once per date.
        """
    ),
    code(
        """
        run('''
        SELECT DISTINCT ?province ?local ?central ?date WHERE {
          ?local vk:level "province" ; vk:province/rdfs:label ?province ;
                 eli:ensures_implementation_of ?central .
          ?central vk:level "central" .
          FILTER(lang(?province) = "vi")
          OPTIONAL { ?central eli:date_document ?date }
        } ORDER BY ?province ?date
        ''')
        """
    ),
    md(
        """
        ## 5. Chains of length N

        SPARQL property paths cannot return the documents in between, so a chain of N steps is
        N triple patterns, each over the chain relations. `chain_query(n)` writes that query;
        the chains of two steps below include the 2013 resolution reached through Kết luận
        43-KL/TW, and the 2003 resolution reached through Chỉ thị 18-CT/TW.
        """
    ),
    code(
        """
        CHAIN = (
            "eli:ensures_implementation_of vk:continues vk:reviews vk:inspects vk:guides "
            "vk:disseminates"
        )


        def chain_query(n: int) -> str:
            steps = "\\n".join(
                f"  VALUES ?p{i} {{ {CHAIN} }} ?d{i - 1} ?p{i} ?d{i} ." for i in range(1, n + 1)
            )
            nodes = [f"?d{i}" for i in range(n + 1)]
            pairs = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :]]
            distinct = " && ".join(f"{a} != {b}" for a, b in pairs)
            names = " ".join(f"?d{i} (REPLACE(STR(?p{i + 1}), '^.*[#/]', '') AS ?r{i + 1})"
                             for i in range(n))
            return f"SELECT DISTINCT {names} ?d{n} WHERE {{\\n{steps}\\n  FILTER({distinct})\\n}}"


        chains = {n: run(chain_query(n)) for n in (2, 3)}
        print(f"{len(chains[2])} chains of 2 steps, {len(chains[3])} of 3 steps")
        chains[2]
        """
    ),
    md(
        """
        ## 6. Documents cited but never ingested

        The next files to look for: documents the plans cite whose own text is not in the
        store, by how many documents cite them.
        """
    ),
    code(
        """
        not_ingested = run('''
        SELECT ?doc (COUNT(DISTINCT ?citing) AS ?citers) WHERE {
          ?citation vk:citedDocument ?doc ; vk:citingDocument ?citing .
          FILTER NOT EXISTS { ?doc prov:wasDerivedFrom ?file }
        } GROUP BY ?doc ORDER BY DESC(?citers) ?doc
        ''')
        print(f"{len(not_ingested)} documents are cited but not ingested")
        not_ingested.head(10)
        """
    ),
    md(
        """
        ## 7. The issuing bodies after the 2025 mergers

        The registry records the 2025 reorganisation as `org:ChangeEvent`s: the Central Mass
        Mobilisation Commission merged with the Propaganda Commission on 1 February 2025, and
        on 1 July 2025 the 63 provinces became 34, taking their Party bodies with them. Who
        issues the plans' follow-ups today:
        """
    ),
    code(
        """
        merger = run('''
        SELECT DISTINCT ?issuer ?date ?successor WHERE {
          ?doc prov:wasDerivedFrom ?file ; eli:passed_by ?body .
          ?body rdfs:label ?issuer .
          ?event org:originalOrganization ?body ; org:resultingOrganization ?next ;
                 dcterms:date ?date .
          ?next rdfs:label ?successor .
          FILTER(lang(?issuer) = "vi" && lang(?successor) = "vi")
        } ORDER BY ?issuer
        ''')
        merger
        """
    ),
    md(
        """
        ## 8. Documents by province, before and after 1 July 2025

        `vk:mergedInto` ties each of the 63 old provinces to the one of the 34 it joined, so
        counts can be given by either map.
        """
    ),
    code(
        """
        provinces_2025 = run('''
        SELECT ?province ?since2025 (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
          ?doc a vk:Document ; vk:province ?place .
          ?place rdfs:label ?province . FILTER(lang(?province) = "vi")
          OPTIONAL { ?place vk:mergedInto/rdfs:label ?merged . FILTER(lang(?merged) = "vi") }
          BIND(COALESCE(?merged, ?province) AS ?since2025)
        } GROUP BY ?province ?since2025 ORDER BY ?since2025 ?province
        ''')
        provinces_2025
        """
    ),
    md(
        """
        ## 9. Documents whose sources disagree on the date

        Each source's statements live in its own named graph, so a disagreement is a document
        with more than one distinct `eli:date_document`. `GRAPH ?g` tells who says what.
        """
    ),
    code(
        """
        conflicts = run('''
        SELECT ?doc ?date (GROUP_CONCAT(DISTINCT REPLACE(STR(?g), "^.*/", ""); SEPARATOR=", ")
               AS ?stated_by) WHERE {
          { SELECT ?doc WHERE { ?doc a vk:Document ; eli:date_document ?d }
            GROUP BY ?doc HAVING (COUNT(DISTINCT ?d) > 1) }
          GRAPH ?g { ?doc eli:date_document ?date }
        } GROUP BY ?doc ?date ORDER BY ?doc ?date
        ''')
        conflicts
        """
    ),
    md(
        """
        ## 10. The citations the resolver was least sure of

        Each citation records why it was tied to its document and with what confidence. The
        low ones are where a reader should look first: a symbol whose numbering restarts
        every term with no date (26-KL/TW), a number two documents share (24-NQ/TW: 2003 on
        ethnic work or 2013 on climate change; the Bình Phước text is about ethnic work, so
        2003), a project known only by its number.
        """
    ),
    code(
        """
        unsure = run('''
        SELECT ?confidence ?surface ?reason ?file WHERE {
          ?citation a vk:Citation ; vk:confidence ?confidence ; vk:surface ?surface ;
                    prov:wasDerivedFrom/vk:path ?path .
          OPTIONAL { ?citation vk:resolutionReason ?reason }
          BIND(REPLACE(?path, "^.*/", "") AS ?file)
          FILTER(?confidence < 0.7)
        } ORDER BY ?confidence ?file
        ''')
        unsure
        """
    ),
    *answer_cells(
        """
        ## Answers

        - The 151 references of the five plans split into 43 implements, 36 reviews, 24 cites,
          19 inspects, 10 disseminates, 8 based on, 7 continues, 2 guides ("hướng dẫn triển
          khai thực hiện", which the hand-made gold, older than that relation, calls implements)
          and 2 amends.
        - The plans come from three provinces, Bình Phước, Hải Dương and Hải Phòng; in early
          2025 each province's mass-mobilization commission merged with its propaganda
          commission (Ban Dân vận Tỉnh ủy Bình Phước became part of the Ban Tuyên giáo và Dân
          vận Tỉnh ủy Bình Phước), and since 1 July 2025 Bình Phước is part of Đồng Nai and Hải
          Dương of Hải Phòng; the Central commission became Ban Tuyên giáo và Dân vận Trung ương.
        - 82-KH/BDVTW reviews 43-KL/TW, which continues 25-NQ/TW (2013): a chain of two steps.
        - The most cited document not in the store is 25-NQ/TW (2013); 217-QĐ/TW and
          218-QĐ/TW are the documents whose sources disagree on the date.
        - Kết luận 26-KL/TW is left unresolved, and 24-NQ/TW in the Bình Phước plan is left
          between its two candidates for a reader to decide.
        """,
        """
        {
            "relations": by_relation.set_index("relation")["citations"].astype(int).to_dict(),
            "provinces": by_province.set_index("province")["ingested"].astype(int).to_dict(),
            "since_2025": provinces_2025.set_index("province")["since2025"].to_dict(),
            "successors": merger.set_index("issuer")["successor"].to_dict(),
            "chains_2": chains[2].drop(columns=["r1", "r2"]).values.tolist(),
            "most_cited_not_ingested": not_ingested.iloc[0].to_dict(),
            "conflicting_dates": sorted(conflicts["doc"].unique()),
            "unsure": sorted(unsure["surface"]),
        }
        """,
    ),
    *CLEANUP,
]


NOTEBOOKS: dict[str, list[Cell]] = {
    "01_trace_25-NQ-TW.ipynb": TRACE_25,
    "02_who_cites_a_decision.ipynb": WHO_CITES,
    "03_briefing_map.ipynb": BRIEFING,
    "04_sparql_cookbook.ipynb": COOKBOOK,
}


def build(name: str, cells: list[Cell]) -> NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    notebook.cells = [
        nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        for kind, text in cells
    ]
    # Stable ids keep regenerated notebooks byte-identical, so diffs show only real changes.
    stem = name.split("_", 1)[0]
    for index, cell in enumerate(notebook.cells):
        cell.id = f"nb{stem}-{index:02d}"
    nbformat.validate(notebook)
    return notebook


def write_all(folder: Path = HERE) -> list[Path]:
    written = []
    for name, cells in NOTEBOOKS.items():
        path = folder / name
        path.write_text(nbformat.writes(build(name, cells)) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
