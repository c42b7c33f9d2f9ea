"""The extractor scored by the shared scorer on the real passages of many sources.

The scorer and its gold live in the shared material beside the project (``gold/real``); it is
called, not copied, so the figures here are the ones outside scorers see. The bars are those
the project holds itself to on this development set.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCORER = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "real" / "score.py"
BARS = {
    "--min-f1": "0.97",
    "--min-symbol": "0.97",
    "--min-date": "0.95",
    "--min-relation": "0.90",
    "--min-links-f1": "0.80",
}


@pytest.mark.skipif(not SCORER.exists(), reason=f"the shared real-text scorer is absent ({SCORER})")
def test_real_passages_score_above_the_bars() -> None:
    bin_dir = Path(sys.executable).parent
    args = [sys.executable, str(SCORER), str(bin_dir)]
    for flag, bar in BARS.items():
        args += [flag, bar]
    scored = subprocess.run(args, capture_output=True, text=True, timeout=600)
    figures = scored.stdout.strip().splitlines()[-1] if scored.stdout.strip() else scored.stderr
    assert scored.returncode == 0, f"below the bars {BARS}: {figures}"
