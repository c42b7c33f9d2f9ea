"""SPARQL results in the formats the SPARQL 1.1 Protocol negotiates: JSON, XML, CSV and TSV for
SELECT and ASK, Turtle, N-Triples and RDF/XML for CONSTRUCT and DESCRIBE.

We serialise ourselves rather than through pyoxigraph because results reach us as rows already
cut to the endpoint's size limit, and from either store (embedded or a remote server), and both
arrive as :data:`kg.api.QueryResult`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.api import QueryResult, SelectResult, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    """One result format: the media type sent back and the short name users may ask for."""

    name: str
    media_type: str


JSON = Format("json", "application/sparql-results+json")
XML = Format("xml", "application/sparql-results+xml")
CSV = Format("csv", "text/csv")
TSV = Format("tsv", "text/tab-separated-values")
HTML = Format("html", "text/html")
TURTLE = Format("turtle", "text/turtle")
NTRIPLES = Format("ntriples", "application/n-triples")
RDFXML = Format("rdfxml", "application/rdf+xml")

# Order matters: the first entry is the default when the client accepts anything.
SOLUTION_FORMATS = (JSON, XML, CSV, TSV, HTML)
GRAPH_FORMATS = (TURTLE, NTRIPLES, RDFXML, HTML)
_ALIASES = {
    "application/json": JSON,
    "application/xml": XML,
    "text/xml": XML,
    "text/plain": NTRIPLES,
    "application/xhtml+xml": HTML,
}
_RDF_FORMATS = {
    TURTLE.name: ox.RdfFormat.TURTLE,
    NTRIPLES.name: ox.RdfFormat.N_TRIPLES,
    RDFXML.name: ox.RdfFormat.RDF_XML,
}


def negotiate(accept: str | None, offered: tuple[Format, ...]) -> Format | None:
    """The offered format the Accept header prefers (RFC 9110 q-values); None if none fits.

    Ties keep the server's order, so ``*/*`` (and no header at all) gives the first offered.
    """
    if not accept or not accept.strip():
        return offered[0]
    choices: list[tuple[tuple[float, int, int, int], Format]] = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        media = media.lower()
        for rank, fmt in enumerate(offered):
            if _matches(media, fmt):
                # Specific types beat wildcards at the same quality; then the client's order,
                # then ours.
                specific = 0 if "*" in media else 1
                choices.append(((quality, specific, -position, -rank), fmt))
    if not choices:
        return None
    return max(choices, key=lambda c: c[0])[1]


def _matches(media: str, fmt: Format) -> bool:
    if media in ("*/*", fmt.media_type) or _ALIASES.get(media) == fmt:
        return True
    return media.endswith("/*") and fmt.media_type.startswith(media[:-1])


def offered_for(result: QueryResult) -> tuple[Format, ...]:
    return GRAPH_FORMATS if isinstance(result, list) else SOLUTION_FORMATS


def serialize(result: QueryResult, fmt: Format) -> bytes:
    """The result as bytes in `fmt` (anything but HTML, which the editor page renders)."""
    if isinstance(result, list):
        return ox.serialize(result, format=_RDF_FORMATS[fmt.name]) or b""
    if isinstance(result, bool):
        return _boolean(result, fmt).encode("utf-8")
    writer = {JSON.name: _json, XML.name: _xml, CSV.name: _csv, TSV.name: _tsv}[fmt.name]
    return writer(result).encode("utf-8")


def _boolean(value: bool, fmt: Format) -> str:
    if fmt == XML:
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n"
        )
    if fmt in (CSV, TSV):
        # The CSV/TSV results note defines no boolean form; this is what common servers send.
        return f"_askResult\r\n{str(value).lower()}\r\n"
    return json.dumps({"head": {}, "boolean": value}) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _json(result: SelectResult) -> str:
    body = {
        "head": {"vars": result.variables},
        "results": {
            "bindings": [
                {name: _json_term(term) for name, term in row.items()} for row in result.rows
            ]
        },
    }
    return json.dumps(body, ensure_ascii=False) + "\n"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(result: SelectResult) -> str:
    out = [
        '<?xml version="1.0"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "<head>",
        *(f"<variable name={quoteattr(name)}/>" for name in result.variables),
        "</head>",
        "<results>",
    ]
    for row in result.rows:
        out.append("<result>")
        out.extend(
            f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
            for name, term in row.items()
        )
        out.append("</result>")
    out += ["</results>", "</sparql>", ""]
    return "\n".join(out)


def plain_value(term: Term) -> str:
    """A term as the CSV format writes it: IRIs and lexical forms bare, blank nodes as _:x."""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _csv(result: SelectResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([plain_value(row[n]) if n in row else "" for n in result.variables])
    return buffer.getvalue()


def _tsv(result: SelectResult) -> str:
    # TSV keeps full term syntax (N-Triples), so IRIs and typed literals survive the round trip.
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.rows:
        lines.append("\t".join(str(row[n]) if n in row else "" for n in result.variables))
    return "\n".join(lines) + "\n"
