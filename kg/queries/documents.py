"""Documents as users see them: a summary assembled from every graph that speaks of one (the
argument people type to name one is matched in `kg.queries.lookup`).

A document can carry conflicting facts (three dates for 217-QĐ/TW): the summary keeps them all with
the graph that states each, and picks one to display by trust: the curated registry first, then the
document's own file, then the earliest date a citation states.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import astuple, dataclass, field, fields
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.collector import collector_paused
from kg.graph.reference import kind_names
from kg.identity import DocumentId, kind_iri, kind_of_concept, normalize_symbol
from kg.namespaces import ELI, PROV, SKOS, VK
from kg.queries import (
    BATCH_SIZE,
    concurrently,
    fill_values,
    named_query,
    run_named,
    run_named_many,
)
from kg.store import GraphStore, SelectResult
from kg.textnorm import fold, words

if TYPE_CHECKING:
    from kg.queries.side.edges import Edge
    from kg.queries.side.store import SideStore

REGISTRY_GRAPH_SUFFIX = "graph/registry"
_DERIVED = f"{PROV}wasDerivedFrom"
_PASSED_BY = f"{ELI}passed_by"
_PREFERRED = f"{SKOS}prefLabel"
# Statements whose value is a body or place, shown by its label.
_LABELLED = frozenset({_PASSED_BY, f"{VK}province"})
# (predicate IRI, value, graph IRI, how many graphs state it) of statements about a document.
_Fact = tuple[str, str, str, int]
# Summaries and labels kept per catalogue; past this the cache starts again (bounded memory).
CACHE_LIMIT = 10_000
# Source file paths kept per catalogue: short strings, and a trace of a central document reaches
# tens of thousands of files, each asked for twice (its document, then its citations).
PATH_CACHE_LIMIT = 200_000
# Summaries assembled per transaction when keeping them whole (`DocumentCatalog.consolidate`).
CONSOLIDATE_BATCH = 5_000


@dataclass(frozen=True)
class StatedValue:
    """One value of a fact and the named graph (source file or registry) that states it."""

    value: str
    graph: str
    # How many graphs state it, when one stands for several (see `DocumentCatalog.summaries`).
    count: int = field(default=1, compare=False)


@dataclass
class DocumentSummary:
    iri: str
    symbol: str | None = None
    kind: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    province_iri: str | None = None
    title: str | None = None
    term: str | None = None
    ingested: bool = False
    sources: list[str] = field(default_factory=list)
    dates: list[StatedValue] = field(default_factory=list)
    titles: list[StatedValue] = field(default_factory=list)
    # Another document carries the same symbol (a number reused in another term): the label
    # then adds the year. Set by `DocumentCatalog.mark_shared_symbols` where labels are shown.
    shares_symbol: bool = False

    @property
    def label(self) -> str:
        """What a map or a table shows: the symbol (with the year when another document shares
        it: "25-NQ/TW@2013"), else a short name built the way people say it ("NQ Đại hội XIII",
        "NQ TW6 khóa XII", "Đề án 1217", "Kế hoạch · Tỉnh Hải Dương")."""
        if self.symbol:
            if self.shares_symbol and self.date:
                return f"{self.symbol}@{self.date[:4]}"
            return self.symbol
        identity = DocumentId.parse(self.iri)
        if identity is not None and identity.congress_ordinal:
            place = f" · {self.province}" if self.province else ""
            return f"NQ Đại hội {identity.congress_ordinal}{place}"
        if identity is not None and identity.plenum_of:
            term, plenum = identity.plenum_of
            return f"NQ TW{plenum} khóa {term}"
        kind = kind_names().get(self.kind or "", "")
        if kind and self.number:
            return f"{kind} {self.number}"
        if kind and (self.province or self.issuer):
            year = identity.year if identity is not None else None
            when = f" {year}" if year else ""
            return f"{kind}{when} · {self.province or self.issuer}"
        if self.title:
            named = self.title
            if kind and not fold(named).startswith(fold(kind)):
                named = f"{kind} {named}"
            return named if len(named) <= 40 else named[:39].rstrip() + "…"
        return identity.key if identity is not None else self.iri

    def conflicts(self) -> dict[str, list[StatedValue]]:
        """Facts the sources disagree on, with who states each value.

        Dates conflict when they differ at all; titles only when two of them share less than
        half their words (sources quote titles loosely: case, quotes, a word dropped).
        """
        out: dict[str, list[StatedValue]] = {}
        if len({s.value for s in self.dates}) > 1:
            out["date"] = self.dates
        word_sets = [set(words(s.value)) for s in self.titles]
        if any(
            len(a & b) < 0.5 * min(len(a), len(b))
            for i, a in enumerate(word_sets)
            for b in word_sets[i + 1 :]
            if a and b
        ):
            out["title"] = self.titles
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "label": self.label,
            "symbol": self.symbol,
            "kind": self.kind,
            "date": self.date,
            "issuer": self.issuer,
            "level": self.level,
            "province": self.province,
            "title": self.title,
        }

    def one_line(self, name: str | None = None) -> str:
        """The document in one line: `name` (default: its symbol or label), date, issuer,
        title and IRI."""
        parts = [name or self.symbol or self.label, self.date or "undated"]
        parts.append(self.issuer or "issuer unknown")
        if self.title:
            parts.append(self.title[:70])
        return " | ".join(parts) + f" <{self.iri}>"


def _is_registry(graph: str) -> bool:
    return graph.endswith(REGISTRY_GRAPH_SUFFIX)


class DocumentCatalog:
    """Reads document summaries from a store, caching labels of bodies and places.

    With the store's side store (`kg.queries.side`), summaries and source paths are read from
    what ingest kept there when it covers the store, else from the store. Whether it covers it
    is asked once, as summaries are kept: until the store changes under the catalogue (a new
    one is made then, `KG.refresh`).
    """

    def __init__(self, store: GraphStore, side: SideStore | None = None) -> None:
        self.store = store
        self.side = side
        self._graphs: int | None = None  # named graphs in the store, for the side store
        self._labels: dict[str, str | None] = {}
        self._summaries: dict[str, DocumentSummary] = {}
        self._complete: set[str] = set()  # cached summaries that list every stating graph
        # Source IRI -> file path (None: the store has none).
        self._paths: dict[str, str | None] = {}
        # Symbol -> whether several documents carry it.
        self._shared: dict[str, bool] = {}
        # Named graph -> its readable name (`graph_label`): `kg check` names a file per row.
        self._graph_labels: dict[str, str] = {}

    def summary(self, iri: str, *, complete: bool = False) -> DocumentSummary:
        return self.summaries([iri], complete=complete)[iri]

    def summaries(
        self, iris: Iterable[str], *, complete: bool = False
    ) -> dict[str, DocumentSummary]:
        """The summary of each document, by IRI in the order given.

        Those not cached are read a few hundred per query: a trace reaches thousands of documents,
        and a query per document costs about a millisecond of overhead alone. A summary lists
        each stated date and title once, with the registry or the document's own file as the
        graph stating it when they do, else one citing file: a central document is restated by
        thousands of files. A `complete` one lists every graph stating each value (`kg show`).
        """
        wanted = list(dict.fromkeys(iris))
        out = {
            iri: self._summaries[iri]
            for iri in wanted
            if iri in self._summaries and (iri in self._complete or not complete)
        }
        missing = [iri for iri in wanted if iri not in out]
        if complete:
            made = self._assembled(self._every_fact(missing))
        else:
            made = self._consolidated(missing)
            missing = [iri for iri in missing if iri not in made]
            kept = self._kept_facts(missing)
            made.update(self._assembled(self._distinct_facts(missing) if kept is None else kept))
        for iri, summary in made.items():
            if len(self._summaries) >= CACHE_LIMIT:
                self._summaries.clear()  # a long ingest run must not hold every summary it read
                self._complete.clear()
            self._summaries[iri] = summary
            if complete:
                self._complete.add(iri)
            out[iri] = summary
        return {iri: out[iri] for iri in wanted}

    def _assembled(self, facts: dict[str, list[_Fact]]) -> dict[str, DocumentSummary]:
        """The summary of each document from the statements about it (see `_summary`)."""
        paths = self.source_paths(
            value for rows in facts.values() for kind, value, *_ in rows if kind == _DERIVED
        )
        # The names of the bodies and provinces stated (IRIs, see shapes.ttl), in one call.
        labels = self.labels(
            value for rows in facts.values() for kind, value, *_ in rows if kind in _LABELLED
        )
        return {iri: self._summary(iri, rows, paths, labels) for iri, rows in facts.items()}

    def _consolidated(self, iris: list[str]) -> dict[str, DocumentSummary]:
        """The summaries the side store keeps whole of those of `iris` it keeps
        (:mod:`kg.queries.side.consolidated`)."""
        if self.side is None or not iris:
            return {}
        kept = self.side.consolidated(iris, graphs=self._store_graphs())
        return {iri: _summary_of_kept(iri, text) for iri, text in kept.items()}

    def consolidate(self, done: Callable[[int, int], None] | None = None) -> int:
        """Keep whole in the side store the summaries of the documents it lacks, assembled as
        `summaries` assembles them; how many (`done` hears how many of how many as it goes).
        For a writer, once the store is written: a central document's trace then reads a row
        per document instead of assembling each."""
        side = self.side
        if side is None or side.read_only:
            return 0
        missing = side.unconsolidated(graphs=self._store_graphs()) or []
        for start in range(0, len(missing), CONSOLIDATE_BATCH):
            if done is not None:
                done(start, len(missing))
            batch = missing[start : start + CONSOLIDATE_BATCH]
            facts = self._kept_facts(batch)
            if facts is None:  # no longer covered
                return start
            made = self._assembled(facts)
            side.consolidate({iri: _kept_text(summary) for iri, summary in made.items()})
        if done is not None:
            done(len(missing), len(missing))
        return len(missing)

    def _kept_facts(self, iris: list[str]) -> dict[str, list[_Fact]] | None:
        """What `_distinct_facts` reads, from the side store (None: it does not cover the
        store). The documents whose rows it cannot tell (a value no query can name) are read
        from the store: one such document must not send a batch of hundreds there, nor be
        left for every later `consolidate` to retry."""
        if self.side is None or not iris:
            return None
        kept = self.side.summary_facts(self.store, iris, graphs=self._store_graphs())
        untold = [] if kept is None else [iri for iri in iris if iri not in kept]
        if kept is not None and untold:
            kept.update(self._distinct_facts(untold))
        return kept

    def every_summary(self) -> list[DocumentSummary] | None:
        """The summary of every document the store states a fact of, from those the side store
        keeps whole (made first for those it lacks); None when it does not cover the store or
        is only read. One row a document: a bulk run's catalog starts from them."""
        if self.side is None or self.side.read_only:
            return None
        self.consolidate()
        kept = self.side.every_consolidated(graphs=self._store_graphs())
        if kept is None or self.side.unconsolidated(graphs=self._store_graphs()):
            return None
        with collector_paused():  # 112,000 summaries at 100,000 documents: 3.0 -> 1.5 s
            return [_summary_of_kept(iri, text) for iri, text in kept]

    def stated_values(self, predicate: str) -> list[tuple[str, str]] | None:
        """(document, value) of every distinct value any graph states of one of the predicates
        a summary reads, from the side store; None when it does not cover the store."""
        if self.side is None:
            return None
        return self.side.stated_values(predicate, graphs=self._store_graphs())

    def values_stated(self, predicate: str, iris: Sequence[str]) -> dict[str, set[str]] | None:
        """The distinct values any graph states of one of the predicates a summary reads, for
        each of `iris` that has one, from the side store; None when it does not cover the
        store."""
        if self.side is None or not iris:
            return None
        return self.side.values_stated(predicate, iris, graphs=self._store_graphs())

    def pinned(self) -> AbstractContextManager[None]:
        """Reads of the side store within share one snapshot of it (`SideStore.pinned`): for
        an answer made of many reads, such as a trace."""
        return nullcontext() if self.side is None else self.side.pinned()

    def chain_edges(self, documents: Sequence[str], *, upward: bool) -> list[Edge] | None:
        """The links (acting, relation property, acted on) that act on `documents` (`upward`:
        that they act on), from the side store; None when it does not cover the store."""
        if self.side is None:
            return None
        return self.side.chain_edges(documents, upward=upward, graphs=self._store_graphs())

    def _store_graphs(self) -> int:
        if self._graphs is None:
            from kg.queries.side.store import store_graph_count

            self._graphs = store_graph_count(self.store)
        return self._graphs

    def _every_fact(self, iris: list[str]) -> dict[str, list[_Fact]]:
        """Every (predicate, value, graph) a summary reads, as many times as graphs state it."""
        facts: dict[str, list[_Fact]] = {iri: [] for iri in iris}
        for row in run_named_many(
            self.store, "document_summary_facts", "doc", map(ox.NamedNode, iris)
        ):
            facts[row["doc"].value].append((row["p"].value, row["o"].value, row["g"].value, 1))
        return facts

    def _distinct_facts(self, iris: list[str]) -> dict[str, list[_Fact]]:
        """Each distinct (predicate, value) once with one graph stating it, and everything the
        document's own files state (whose values a summary prefers after the registry's)."""
        facts: dict[str, list[_Fact]] = {iri: [] for iri in iris}
        own: dict[str, set[str]] = {}
        for row in run_named_many(
            self.store, "document_summary_values", "doc", map(ox.NamedNode, iris)
        ):
            document, predicate, graph = row["doc"].value, row["p"].value, row["graph"].value[1:]
            facts[document].append((predicate, row["o"].value, graph, int(row["n"].value)))
            if predicate == _DERIVED:  # stated only in the document's own file
                own.setdefault(document, set()).add(graph)
        # Only a value that several graphs state can be stated by an own file the row does not
        # show: most documents need no second query (seven in eight of a 40,000-document trace
        # at 100,000 documents).
        unsure = {
            d
            for d, rows in facts.items()
            if d in own and any(n > 1 and (g not in own[d] or len(own[d]) > 1) for *_, g, n in rows)
        }
        pairs = [(ox.NamedNode(d), ox.NamedNode(g)) for d in unsure for g in own[d]]
        seen = {(d, p, o, g) for d in unsure for p, o, g, _ in facts[d]}
        text = named_query("document_own_facts").text
        batches = []
        for start in range(0, len(pairs), BATCH_SIZE):
            documents, graphs = zip(*pairs[start : start + BATCH_SIZE], strict=True)
            sparql = fill_values(text, {"doc": documents, "g": graphs})
            batches.append(partial(self.store.query, sparql))
        for result in concurrently(batches):
            assert isinstance(result, SelectResult)
            for row in result.rows:
                document = row["doc"].value
                fact = (row["p"].value, row["o"].value, row["g"].value)
                if (document, *fact) not in seen:
                    seen.add((document, *fact))
                    facts[document].append((*fact, 1))
        return facts

    def _summary(
        self,
        iri: str,
        facts: list[_Fact],
        paths: dict[str, str],
        labels: dict[str, str | None],
    ) -> DocumentSummary:
        """A summary from the (predicate, value, graph, count) statements about the document,
        with `labels` naming the bodies and provinces they state.

        Each field shows the registry's value, else the document's own file's, else the one most
        sources state (the earliest date): the same whatever order the store gives rows in.
        """
        summary = DocumentSummary(iri)
        stated: dict[str, list[StatedValue]] = {}
        own_graphs: set[str] = set()
        for predicate, text, graph, count in facts:
            if predicate == _DERIVED:
                summary.ingested = True
                own_graphs.add(graph)
                summary.sources.append(paths.get(text) or text)
                continue
            value = labels[text] if predicate == _PASSED_BY else text
            if value:
                # An issuer is stated by name or as a body; both answer "who issued it".
                key = f"{VK}issuerName" if predicate == _PASSED_BY else predicate
                stated.setdefault(key, []).append(StatedValue(value, graph, count))
        for values in stated.values():
            # The store's row order is no order (one text can be several terms: "x", "x"@vi).
            values.sort(key=lambda s: (s.value, s.graph, s.count))
        summary.sources.sort()
        summary.dates = stated.get(f"{ELI}date_document", [])
        summary.titles = stated.get(f"{ELI}title", [])
        summary.date = _pick(summary.dates, own_graphs, earliest=True)
        summary.title = _pick(summary.titles, own_graphs)
        summary.issuer = _pick(stated.get(f"{VK}issuerName", []), own_graphs)
        summary.symbol = _pick(stated.get(f"{VK}symbol", []), own_graphs)
        summary.number = _pick(stated.get(f"{ELI}number", []), own_graphs)
        summary.term = _pick(stated.get(f"{VK}term", []), own_graphs)
        summary.level = _pick(stated.get(f"{VK}level", []), own_graphs)
        kind = _pick(stated.get(f"{ELI}type_document", []), own_graphs)
        summary.kind = kind_of_concept(kind) if kind else None
        summary.province_iri = _pick(stated.get(f"{VK}province", []), own_graphs)
        if summary.province_iri:
            summary.province = labels[summary.province_iri]
        return summary

    def mark_shared_symbols(self, summaries: Iterable[DocumentSummary]) -> None:
        """Mark the summaries whose symbol another document carries too, so their labels tell
        them apart; a few hundred symbols a query."""
        summaries = list(summaries)
        wanted = {s.symbol for s in summaries if s.symbol} - set(self._shared)
        if len(self._shared) + len(wanted) > CACHE_LIMIT:
            self._shared.clear()
        shared = {
            row["symbol"].value
            for row in run_named_many(
                self.store, "symbols_shared", "symbol", map(ox.Literal, sorted(wanted))
            )
        }
        self._shared.update({symbol: symbol in shared for symbol in wanted})
        for summary in summaries:
            summary.shares_symbol = bool(summary.symbol and self._shared.get(summary.symbol))

    def label(self, iri: str) -> str | None:
        """The name of a body or place (see `labels`)."""
        return self.labels([iri])[iri]

    def labels(self, iris: Iterable[str]) -> dict[str, str | None]:
        """The name of each body or place, by IRI in the order given (None: the store has no
        label): its Vietnamese label, else any; of several, the preferred one (skos:prefLabel:
        "Tỉnh Thanh Hóa", where rdfs:label says "Thanh Hóa"), then the first by value: the same
        whatever order the store gives rows in.

        Those not cached are read a few hundred per query: the chain of a central document
        meets hundreds of bodies and provinces (230 queries for one at 3,000 documents when
        each was asked alone; `summaries` asks for all of a batch's in one call).
        """
        wanted = list(dict.fromkeys(iris))
        missing = [iri for iri in wanted if iri not in self._labels]
        if len(self._labels) + len(missing) > CACHE_LIMIT:
            self._labels.clear()
            missing = wanted
        found: dict[str, list[tuple[str, ox.Literal]]] = {iri: [] for iri in missing}
        for row in run_named_many(self.store, "resource_labels", "x", map(ox.NamedNode, missing)):
            if isinstance(term := row["label"], ox.Literal):
                found[row["x"].value].append((row["property"].value, term))
        self._labels.update({iri: _chosen_label(terms) for iri, terms in found.items()})
        return {iri: self._labels[iri] for iri in wanted}

    def source_paths(self, source_iris: Iterable[str]) -> dict[str, str]:
        """The file path of each source that has one (the first the store gives).

        Kept per catalogue: a trace asks for the files of the documents it reaches, then again
        for the files their citations were read from, which are mostly the same files.
        """
        wanted = list(dict.fromkeys(source_iris))
        missing = [src for src in wanted if src not in self._paths]
        if len(self._paths) + len(missing) > PATH_CACHE_LIMIT:
            self._paths.clear()
            missing = wanted
        found: dict[str, str | None] = dict.fromkeys(missing)
        kept = None
        if self.side is not None and missing:
            kept = self.side.source_paths(missing, graphs=self._store_graphs())
        if kept is not None:
            found.update(kept)
        else:
            for row in run_named_many(
                self.store, "source_paths", "src", map(ox.NamedNode, missing)
            ):
                if found[row["src"].value] is None:
                    found[row["src"].value] = row["path"].value
        self._paths.update(found)
        return {src: path for src in wanted if (path := self._paths[src]) is not None}

    def graph_label(self, graph: str) -> str:
        """A readable name for a named graph: "registry", or the file it was read from."""
        if _is_registry(graph):
            return "registry"
        if graph not in self._graph_labels:
            if len(self._graph_labels) >= PATH_CACHE_LIMIT:
                self._graph_labels.clear()
            self._graph_labels[graph] = self._read_graph_label(graph)
        return self._graph_labels[graph]

    def _read_graph_label(self, graph: str) -> str:
        result = self.store.query(
            f"SELECT ?path WHERE {{ GRAPH ?g {{ ?src <{VK}path> ?path }} }} LIMIT 1",
            {"g": ox.NamedNode(graph)},
        )
        assert isinstance(result, SelectResult)
        paths = result.values("path")
        return Path(paths[0].value).name if paths else graph

    def by_number(self, kind: str, number: str) -> list[str]:
        """IRIs of the documents of one kind (slug) with this number as written."""
        result = run_named(
            self.store,
            "documents_by_number",
            {"concept": ox.NamedNode(kind_iri(kind)), "number": ox.Literal(number)},
        )
        assert isinstance(result, SelectResult)
        return sorted({t.value for t in result.values("doc")})

    def by_symbol(self, symbol: str) -> list[str]:
        """IRIs of the documents with this symbol (normalised first: spaces, dashes, NFC)."""
        normalized = normalize_symbol(symbol)
        if "/" not in normalized:
            return []
        return self.documents_of("documents_by_symbol", symbol=normalized)

    def documents_of(self, query: str, **params: str) -> list[str]:
        """IRIs (sorted, once each) of the ?doc a shipped query finds, its parameters strings."""
        result = run_named(self.store, query, {k: ox.Literal(v) for k, v in params.items()})
        assert isinstance(result, SelectResult)
        return sorted({t.value for t in result.values("doc")})


# The fields of a summary kept whole, in this order: all but the first, its IRI, and the last,
# `shares_symbol`, worked out where labels are shown (`_summary_of_kept` gives them by position);
# and those that hold stated values.
_KEPT_FIELDS = tuple(f.name for f in fields(DocumentSummary))[1:-1]
assert fields(DocumentSummary)[-1].name == "shares_symbol"
_STATED_FIELDS = frozenset({"dates", "titles"})
_STATED = [index for index, name in enumerate(_KEPT_FIELDS) if name in _STATED_FIELDS]


def _kept_text(summary: DocumentSummary) -> str:
    """A summary as the side store keeps it (`_summary_of_kept` reads it back)."""
    values = [
        [astuple(s) for s in getattr(summary, name)]
        if name in _STATED_FIELDS
        else getattr(summary, name)
        for name in _KEPT_FIELDS
    ]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _summary_of_kept(iri: str, text: str) -> DocumentSummary:
    """A summary from its kept text. Its values come in the order of the fields, the stated
    ones (`_STATED`) as lists: given by position, a central document's trace reads 59,000."""
    values = json.loads(text)
    for index in _STATED:
        values[index] = [StatedValue(*stated) for stated in values[index]]
    return DocumentSummary(iri, *values)


def _chosen_label(labels: list[tuple[str, ox.Literal]]) -> str | None:
    """The label shown of a body or place, of its (property, label) pairs: a Vietnamese one
    first, then a preferred one, then the first by value."""
    if not labels:
        return None
    _, chosen = min(labels, key=lambda p: (p[1].language != "vi", p[0] != _PREFERRED, p[1].value))
    return chosen.value


def _pick(stated: list[StatedValue], own_graphs: set[str], *, earliest: bool = False) -> str | None:
    """The value to display: registry, then the document's own file, then the earliest date or
    the value most sources state (the earliest such on a tie: the same whatever the row order)."""
    if not stated:
        return None
    for preferred in (
        [s for s in stated if _is_registry(s.graph)],
        [s for s in stated if s.graph in own_graphs],
    ):
        if preferred:
            return preferred[0].value
    if earliest:
        return min(s.value for s in stated)
    counts: dict[str, int] = {}
    for s in stated:
        counts[s.value] = counts.get(s.value, 0) + s.count
    return min(counts, key=lambda value: (-counts[value], value))
