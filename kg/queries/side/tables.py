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


def term_ids(db: sqlite3.Connection, texts: Iterable[str]) -> dict[str, int]:
    """The id of each of `texts` the terms hold."""
    return _term_ids(db, {text: text_hash(text) for text in texts})


def term_texts(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, str]:
    """The text of each of `ids` the terms hold."""
    texts: dict[int, str] = {}
    for batch in batches(sorted(set(ids))):
        texts.update(db.execute(f"SELECT id, text FROM terms WHERE id IN ({marks(batch)})", batch))
    return texts


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
