"""Benchmarks at scale: a synthetic corpus generator and a harness that times every stage
beside its baseline (see ``README.md`` beside this file)."""
