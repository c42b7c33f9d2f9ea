"""A force-directed layout fast enough for thousands of documents.

networkx's spring layout computes every pairwise repulsion in a Python loop, which took 15 to
50 seconds for 5,000 documents. This is Fruchterman and Reingold's grid variant instead:
repulsion only between nodes closer than twice the ideal edge length (found with a k-d tree),
attraction along edges, a temperature that cools linearly. Each step is a few vectorised numpy
operations, so a 5,000-document graph lays out in about three seconds. Seeded, so the same
graph gives the same positions.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from scipy.spatial import cKDTree

IDEAL = 1.0
"""Ideal edge length in layout units; the caller scales units to pixels."""


def grid_fruchterman_reingold(
    count: int, edges: list[tuple[int, int]], *, seed: int, iterations: int | None = None
) -> NDArray[np.float64]:
    """Positions (count x 2) for nodes 0..count-1 joined by `edges` (index pairs).

    Densely linked graphs pack tightly and each step then finds more close pairs, so big
    graphs get fewer steps by default (80 up to 1,000 nodes, down to 15).
    """
    if iterations is None:
        iterations = max(15, min(80, 80_000 // max(count, 1)))
    rng = np.random.default_rng(seed)
    side = math.sqrt(count) * IDEAL
    positions = rng.uniform(0.0, side, size=(count, 2))
    if count < 2:
        return positions
    sources = np.array([u for u, _ in edges], dtype=np.intp)
    targets = np.array([v for _, v in edges], dtype=np.intp)
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        shift = np.zeros_like(positions)
        pairs = cKDTree(positions).query_pairs(2 * IDEAL, output_type="ndarray")
        if len(pairs):
            _push(shift, positions, pairs[:, 0], pairs[:, 1], repel=True)
        if len(sources):
            _push(shift, positions, sources, targets, repel=False)
        length = np.maximum(np.hypot(shift[:, 0], shift[:, 1]), 1e-9)
        positions += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return positions


def _push(
    shift: NDArray[np.float64],
    positions: NDArray[np.float64],
    first: NDArray[np.intp],
    second: NDArray[np.intp],
    *,
    repel: bool,
) -> None:
    """Add the forces between paired nodes: k²/d apart when repelling, d²/k together."""
    delta = positions[first] - positions[second]
    distance = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 0.01)
    magnitude = IDEAL * IDEAL / distance if repel else -(distance * distance) / IDEAL
    force = delta * (magnitude / distance)[:, None]
    np.add.at(shift, first, force)
    np.add.at(shift, second, -force)
