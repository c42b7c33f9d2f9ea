"""Mint the IRIs of documents, bodies, places, sources and citations.

Every IRI is built from resolved parts, never from a counter or a hash of the whole input,
so the same document gets the same IRI on every run and on every machine:
``<base>doc/<issuer scope>/<kind>/<year>/<number>``. The issuer scope is ``tw`` for the
Party centre, the issuer code for other central bodies (``bdvtw``), the province plus the
issuer code below the centre (``binh-phuoc/tu``), because local numbers repeat across
provinces, and province, district and code below the province (``hai-duong/phu-thanh/hu``),
because they repeat across the districts of a province too. The base is
:func:`kg.namespaces.base_iri` (``KG_BASE_IRI``).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from kg.extract.model import KINDS
from kg.namespaces import KIND, base_iri
from kg.resolve.symbols import Symbol
from kg.textnorm import fold, slugify

UNKNOWN = "unknown"


def doc_iri(scope: str, kind: str, year: int | None, key: str) -> str:
    """A numbered document (or a titled one: `key` is then a title slug).

    Leading zeros of a number are dropped: "05-CT/TW" and "5-CT/TW" are one document.
    """
    if key.isdigit():
        key = key.lstrip("0") or "0"
    return f"{base_iri()}doc/{scope}/{kind}/{year if year is not None else UNKNOWN}/{key}"


def kind_of(document_iri: str) -> str | None:
    """The kind segment of a document IRI minted here (None for other IRIs)."""
    prefix = f"{base_iri()}doc/"
    if not document_iri.startswith(prefix):
        return None
    return next((part for part in document_iri[len(prefix) :].split("/") if part in KINDS), None)


def symbol_scope(symbol: Symbol, province: str | None, district: str | None = None) -> str:
    """The issuer scope of a symbol; local symbols need the province they belong to.

    Documents of a district-level body also need its district ("hai-duong/phu-thanh/hu"):
    every district numbers its own. `district` is the name of the issuer's district, when the
    issuer is known to be one; a district committee's symbol ("/HU") always gets a district
    segment, "unknown" when its district is not known.
    """
    if symbol.issuer_key.upper() == "TW":
        return "tw"
    code = slugify(symbol.issuer_key)
    if symbol.central:
        return code
    if district is None and not symbol.district:
        return f"{province or UNKNOWN}/{code}"
    return f"{province or UNKNOWN}/{slugify(district) if district else UNKNOWN}/{code}"


def congress_iri(ordinal: str, province: str | None = None) -> str:
    """The resolutions of a national congress, or of a provincial one when `province` is set."""
    scope = f"{province}/tu" if province else "tw"
    return f"{base_iri()}doc/{scope}/nghi-quyet/dai-hoi/{ordinal.lower()}"


def plenum_iri(term: str, ordinal: int) -> str:
    """The resolutions of one plenum of the Central Committee ("Nghị quyết Trung ương 6")."""
    return f"{base_iri()}doc/tw/nghi-quyet/khoa-{term.lower()}/hoi-nghi-{ordinal}"


def title_key(title: str) -> str:
    """Key of a document without a number: a readable head of its title plus a digest."""
    digest = hashlib.sha1(fold(title).encode("utf-8")).hexdigest()[:8]
    return f"{slugify(title, max_length=48)}-{digest}"


def kind_iri(kind: str) -> str:
    """The SKOS concept of a document kind; the scheme is fixed, not under the data base."""
    return f"{KIND}{kind}"


def body_iri(slug: str) -> str:
    return f"{base_iri()}body/{slug}"


def place_iri(province_id: str) -> str:
    return f"{base_iri()}place/{province_id}"


def source_id(path: str) -> str:
    """Stable id of a source file: its name for people, a digest of the path for uniqueness.

    The same path always gives the same id, so re-ingesting it replaces its named graph.
    """
    digest = hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]
    name = slugify(PurePath(path).name, max_length=40) or "source"
    return f"{name}-{digest}"


def source_iri(path: str) -> str:
    return f"{base_iri()}source/{source_id(path)}"


def source_graph_iri(path: str) -> str:
    """The named graph that holds everything one source file says."""
    return f"{base_iri()}graph/source/{source_id(path)}"


def registry_graph_iri() -> str:
    return f"{base_iri()}graph/registry"


def ontology_graph_iri() -> str:
    return f"{base_iri()}graph/ontology"


def citation_prefix(path: str) -> str:
    """The IRI of the n-th citation (reference or link) read from one source, without the n.

    A graph builder mints hundreds per source, so it digests the path once.
    """
    return f"{base_iri()}citation/{source_id(path)}/"
