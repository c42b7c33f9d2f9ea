"""Answers kept at ingest beside the store (``STORE/side.sqlite``): what each graph
contributes, so that an answer reads a few rows instead of scanning the graph.

`store` holds the protocol every write rides on (pending, confirmed, settled from the store, the
coverage check) and the per-graph contributions; `stats` and `summaries` are its two readers:
the counts of `kg stats` and the statements document summaries read. Nothing here is imported by
`import kg.cli` or `kg --version`: `kg.api` opens it when a store is.
"""
