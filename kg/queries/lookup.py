"""The document argument people type, matched to the documents of the graph.

Staff type symbols without a Vietnamese keyboard and in any case ("217-qd/tw"), swap the slash and
the hyphen ("217/QĐ-TW"), put spaces in ("217 - QĐ / TW"), add a year to pick one of two
identities ("25-NQ/TW@2013"), or give a short name ("QĐ 217"), an IRI or an ingested file's path.
Every command, page and API call that takes a document goes through `choose`: it returns every
document the argument names, or, when it names none, the nearest symbols the graph holds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import AmbiguousDocument, DocumentNotFound
from kg.identity import is_ours
from kg.queries import run_named, run_named_many
from kg.queries.documents import DocumentCatalog, DocumentSummary
from kg.read import source_name
from kg.store import SelectResult
from kg.textnorm import ascii_fold

# Nearest symbols offered when an argument names nothing.
SUGGESTIONS = 5
# How alike (difflib ratio of the lookup keys) a symbol must be to be offered.
SUGGESTION_CUTOFF = 0.6


def lookup_key(text: str) -> str:
    """What two spellings of one symbol share: letters without marks, in lower case, and
    numbers without leading zeros, in order; spaces and punctuation ("-", "/") do not count.

    "217-QĐ/TW", "217-qd/tw", "217/QĐ-TW" and "217 QD TW" all give "217 qd tw".
    """
    tokens = re.findall(r"[a-z]+|[0-9]+", ascii_fold(text))
    return " ".join(str(int(t)) if t.isdigit() else t for t in tokens)


@dataclass
class Choice:
    """What a document argument names: the documents (oldest first), or, when it names none,
    the nearest symbols in the graph."""

    argument: str
    documents: list[DocumentSummary]
    suggestions: list[str] = field(default_factory=list)

    def picks(self) -> list[tuple[str, DocumentSummary]]:
        """Each document with the argument that names it alone ("25-NQ/TW@2013")."""
        return [(picking_form(doc, self.documents), doc) for doc in self.documents]

    def one(self) -> DocumentSummary:
        """The one document named; raises `DocumentNotFound` or `AmbiguousDocument`."""
        if not self.documents:
            raise DocumentNotFound(not_found_message(self.argument, self.suggestions))
        if len(self.documents) > 1:
            lines = [doc.one_line(form) for form, doc in self.picks()]
            raise AmbiguousDocument(self.argument, lines)
        return self.documents[0]


def not_found_message(argument: str, suggestions: list[str]) -> str:
    """One line: what was not found, and the nearest symbols (or what an argument can be)."""
    if suggestions:
        return f"no document matches {argument!r}; nearest: {', '.join(suggestions)}"
    return (
        f"no document matches {argument!r} (give a symbol such as 25-NQ/TW@2013, a short name "
        'such as "QĐ 217", an IRI or an ingested file; kg search finds documents by their words)'
    )


def picking_form(document: DocumentSummary, among: list[DocumentSummary]) -> str:
    """The shortest argument that names `document` alone among `among`: its symbol, with the
    year or the whole date when others share the symbol; the IRI when nothing else tells it."""
    if not document.symbol:
        return document.iri
    same = [d for d in among if d.symbol == document.symbol and d.iri != document.iri]
    if not same:
        return document.symbol
    for written in (document.date[:4], document.date) if document.date else ():
        if not any((d.date or "").startswith(written) for d in same):
            return f"{document.symbol}@{written}"
    return document.iri


def files_named(catalog: DocumentCatalog, name: str) -> list[str]:
    """The recorded paths of the ingested files called `name` (wherever they lay)."""
    result = run_named(catalog.store, "source_files_named", {"name": ox.Literal(f"/{name}")})
    assert isinstance(result, SelectResult)
    return sorted(term.value for term in result.values("path"))


def ingested_files(catalog: DocumentCatalog, argument: str) -> list[str]:
    """The recorded paths of the ingested files an argument names: a path to one (resolved, or
    as written), or a file name alone ("binhphuoc-36-kh-bdvtu-2021.txt"); none otherwise."""
    path = Path(argument)
    if not path.suffix or "/" in path.suffix:
        return []
    if path.exists():
        for recorded in (source_name(path.resolve()), source_name(path)):
            if catalog.documents_of("documents_from_source", path=recorded):
                return [recorded]
        return []
    return files_named(catalog, argument) if path.name == argument else []


def choose(catalog: DocumentCatalog, argument: str, *, complete: bool = True) -> Choice:
    """Every document `argument` names (symbol in any spelling, symbol@year, short name, IRI,
    ingested file), oldest first; with the nearest symbols when it names none. The one named,
    when it is one, lists every graph stating each value (`complete`: a card shows them; a
    central document's are thousands, which no other answer shows)."""
    found = candidates(catalog, argument)
    documents = sorted(catalog.summaries(found).values(), key=lambda d: (d.date or "", d.iri))
    if len(documents) == 1 and complete:
        documents = [catalog.summary(documents[0].iri, complete=True)]
    suggestions = [] if documents else nearest_symbols(catalog, argument)
    return Choice(argument, documents, suggestions)


def find(catalog: DocumentCatalog, argument: str) -> DocumentSummary:
    """The one document `argument` names; raises when it names none or several."""
    return choose(catalog, argument).one()


def candidates(catalog: DocumentCatalog, argument: str) -> list[str]:
    """IRIs of every document the argument could name."""
    text = unicodedata.normalize("NFC", argument.strip())
    if not text:
        return []
    if re.match(r"^<?https?://", text) or is_ours(text):
        return [text.strip("<>")]
    files = ingested_files(catalog, text)
    if files or Path(text).suffix and Path(text).exists():
        return [i for f in files for i in catalog.documents_of("documents_from_source", path=f)]
    name, _, when = text.partition("@")
    found = catalog.by_symbol(name) or _by_lookup_key(catalog, name)
    if not found:
        short = parse_short_name(name)
        if short is not None:
            kind, number = short
            for written in _number_spellings(number):
                found = found or catalog.by_number(kind, written)
    when = when.strip()
    if when:
        found = [iri for iri in found if (catalog.summary(iri).date or "").startswith(when)]
    return found


def _by_lookup_key(catalog: DocumentCatalog, name: str) -> list[str]:
    """Documents whose symbol has the lookup key of `name`: those numbered as it is, filtered."""
    key = lookup_key(name)
    number = re.match(r"\d+", key)
    if number is None or not re.search(r"[a-z]", key):
        return []
    return sorted(
        {doc for doc, symbol in _numbered(catalog, number.group()) if lookup_key(symbol) == key}
    )


def nearest_symbols(catalog: DocumentCatalog, argument: str) -> list[str]:
    """The symbols in the graph most like `argument`: first among the documents of its number
    (a wrong code), else among every symbol (a wrong number), which reads them all."""
    key = lookup_key(argument.partition("@")[0])
    if not key:
        return []
    number = re.match(r"\d+", key)
    pools = [[symbol for _, symbol in _numbered(catalog, number.group())]] if number else []
    pools.append(_all_symbols(catalog))
    for pool in pools:
        by_key: dict[str, str] = {}
        for symbol in sorted(pool):
            by_key.setdefault(lookup_key(symbol), symbol)
        close = difflib.get_close_matches(key, by_key, n=SUGGESTIONS, cutoff=SUGGESTION_CUTOFF)
        if close:
            return [by_key[k] for k in close]
    return []


def _number_spellings(number: str) -> list[str]:
    """How a number may be written in the graph: "5" is also "05"."""
    plain = str(int(number)) if number.isdigit() else number
    return list(dict.fromkeys((number, plain, plain.zfill(2))))


def _numbered(catalog: DocumentCatalog, number: str) -> list[tuple[str, str]]:
    """(IRI, symbol) of every document numbered `number`, however the number is written."""
    rows = run_named_many(
        catalog.store,
        "documents_numbered",
        "number",
        [ox.Literal(n) for n in _number_spellings(number)],
    )
    return [(row["doc"].value, row["symbol"].value) for row in rows]


def _all_symbols(catalog: DocumentCatalog) -> list[str]:
    result = run_named(catalog.store, "document_symbols")
    assert isinstance(result, SelectResult)
    return [term.value for term in result.values("symbol")]


# Short names people type: "Nghị quyết 25", "NQ 25", "QĐ 217", "Chỉ thị số 18".
_SHORT_KINDS = {
    "nghi quyet": "nghi-quyet",
    "nq": "nghi-quyet",
    "chi thi": "chi-thi",
    "ct": "chi-thi",
    "ket luan": "ket-luan",
    "kl": "ket-luan",
    "quyet dinh": "quyet-dinh",
    "qd": "quyet-dinh",
    "quy dinh": "quy-dinh",
    "ke hoach": "ke-hoach",
    "kh": "ke-hoach",
    "chuong trinh": "chuong-trinh",
    "ctr": "chuong-trinh",
    "huong dan": "huong-dan",
    "hd": "huong-dan",
    "thong bao": "thong-bao",
    "tb": "thong-bao",
    "thong tri": "thong-tri",
    "de an": "de-an",
    "luat": "luat",
}


def parse_short_name(text: str) -> tuple[str, str] | None:
    """("nghi-quyet", "25") for "Nghị quyết 25"; None when it is not a short name."""
    match = re.match(r"^\s*([^\d]+?)\s+(?:so\s+)?(\d+)\s*$", ascii_fold(text))
    if not match:
        return None
    kind = _SHORT_KINDS.get(" ".join(match.group(1).split()))
    return (kind, match.group(2)) if kind else None
