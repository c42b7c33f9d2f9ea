"""Bulk ingest: a large corpus into the store at the speed of the store's bulk loader.

Incremental ingest (`kg.ingest`) resolves and writes one file at a time in the main process, one
transaction per file: safe and order-preserving, but bounded by that one process. A bulk run
does the work in three steps, the first two spread over every core:

1. extract every file, resolve it against the registry, spool it with its own document's
   identity and state, in a catalog shared by all workers, what each file says about the
   documents it names (:mod:`kg.bulk.catalog`);
2. resolve every file's references against that catalog (so files of the run see each other,
   in any order), build its statements and search entries from that resolution, and write them
   as N-Quads shards;
3. load the shards with the store's bulk loader, the files' fingerprints last.

A run that is stopped part way leaves files without a fingerprint: the next run, bulk or not,
sees them as new and replaces whatever part of their graphs was loaded.
"""

from kg.bulk.load import bulk_ingest

__all__ = ["bulk_ingest"]
