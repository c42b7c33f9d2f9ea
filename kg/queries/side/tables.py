"""SQLite helpers shared by the side store's parts: lists of values in batches under SQLite's
limit of parameters, integer lists packed into blobs, texts interned as integer ids."""

from __future__ import annotations

import sqlite3
import sys
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import Any

# Values per `IN (...)` list: under SQLite's smallest limit of parameters.
IN_BATCH = 500

Triple = tuple[int, int, int]


def batches(items: Sequence[Any], size: int = IN_BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def marks(items: Sequence[Any]) -> str:
    return ", ".join("?" * len(items))


def pack_triples(triples: Iterable[Triple]) -> bytes:
    """Integer triples in a blob, sorted."""
    return _compress(array("q", chain.from_iterable(sorted(triples))))


def unpack_triples(blob: bytes) -> list[Triple]:
    flat = _decompress(blob)
    return list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))


def _compress(flat: array[int]) -> bytes:
    if sys.byteorder == "big":
        flat.byteswap()
    return zlib.compress(flat.tobytes(), 1)


def _decompress(blob: bytes) -> array[int]:
    flat = array("q")
    flat.frombytes(zlib.decompress(blob))
    if sys.byteorder == "big":
        flat.byteswap()
    return flat


# -- interned texts ----------------------------------------------------------------------------
# A text is found by a 64-bit hash of it, not by a unique index on the text itself, which would
# hold every text a second time (titles, IRIs: half the file at 10,000 documents).


def text_hash(text: str) -> int:
    """64 bits of checksums (a few times cheaper than a cryptographic hash): texts that share
    them are told apart by the text itself."""
    data = text.encode("utf-8", "surrogatepass")
    return (zlib.crc32(data) << 32 | zlib.adler32(data)) - (1 << 63)


def term_ids(
    db: sqlite3.Connection, texts: Iterable[str], known: KnownTerms | None = None
) -> dict[str, int]:
    """The id of each of `texts` the terms hold (those `known` already found, not asked)."""
    if known is None:
        return _term_ids(db, {text: text_hash(text) for text in texts})
    texts = set(texts)
    found = {text: known.ids[text] for text in texts if text in known.ids}
    asked = _term_ids(db, {text: text_hash(text) for text in texts - found.keys()})
    known.learn(asked)
    return {**found, **asked}


def term_texts(
    db: sqlite3.Connection, ids: Iterable[int], known: KnownTerms | None = None
) -> dict[int, str]:
    """The text of each of `ids` the terms hold (those `known` already found, not asked)."""
    ids = set(ids)
    texts: dict[int, str] = {}
    if known is not None:
        texts = {term: known.texts[term] for term in ids if term in known.texts}
        ids -= texts.keys()
    asked: dict[int, str] = {}
    for batch in batches(sorted(ids)):
        asked.update(db.execute(f"SELECT id, text FROM terms WHERE id IN ({marks(batch)})", batch))
    if known is not None:
        known.learn({text: term for term, text in asked.items()})
    return {**texts, **asked}


class KnownTerms:
    """Terms already looked up within one read transaction, both ways. An id never changes
    while the file is read in one snapshot, so a trace that reads a level's links and then the
    summaries of the documents they reach asks each IRI's id once, not once a read: finding an
    id by its text's hash costs several times reading a text by its id."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.texts: dict[int, str] = {}

    def learn(self, ids: Mapping[str, int]) -> None:
        self.ids.update(ids)
        self.texts.update((term, text) for text, term in ids.items())


def intern(db: sqlite3.Connection, texts: Iterable[str]) -> dict[str, int]:
    """The id of each text, made for those met for the first time (within a write)."""
    hashes = {text: text_hash(text) for text in texts}
    ids = _term_ids(db, hashes)
    new = {text: hashed for text, hashed in hashes.items() if text not in ids}
    db.executemany("INSERT INTO terms (hash, text) VALUES (?, ?)", [(h, t) for t, h in new.items()])
    ids.update(_term_ids(db, new))
    return ids


def _term_ids(db: sqlite3.Connection, hashes: Mapping[str, int]) -> dict[str, int]:
    wanted: dict[int, set[str]] = defaultdict(set)
    for text, hashed in hashes.items():
        wanted[hashed].add(text)
    ids: dict[str, int] = {}
    for batch in batches(sorted(wanted)):
        for hashed, term, text in db.execute(
            f"SELECT hash, id, text FROM terms WHERE hash IN ({marks(batch)})", batch
        ):
            if text in wanted[hashed]:
                ids[text] = term
    return ids
