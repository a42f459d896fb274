"""In-process parse speed: reports/s on one core, for the 4 seeds and synthetic text reports.

    python benchmarks/parse_speed.py [--synthetic 2000]

Measures ``xxgk.parse(text)`` (read + extract + every rule) and, separately, the
extractor alone, on one core (process CPU time, best of several rounds, so other
load on the machine disturbs the figure less). Prints what it measured and on what.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
from pathlib import Path

import xxgk
from xxgk.extract import extract
from xxgk.read.text import to_document
from xxgk.synth import make_report
from xxgk.synth.layouts import LAYOUTS, write

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _rate(fn, items, rounds: int) -> float:
    """Best reports/s over ``rounds`` passes (CPU time of this process)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - start)
    return len(items) / best if best > 0 else float("inf")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=2000, help="synthetic reports (default 2000)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rng = random.Random(20240601)
    synthetic = [
        write(
            make_report(random.Random(rng.getrandbits(32)), rng.choice(("2019", "2021"))),
            LAYOUTS[i % len(LAYOUTS)],
        )
        for i in range(args.synthetic)
    ]
    for text in seeds + synthetic[:50]:
        xxgk.parse(text)  # warm caches and imports
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}"
    )
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    for label, items in (
        ("4 seeds (x50)", seeds * 50),
        (f"{len(synthetic)} synthetic ({', '.join(LAYOUTS)})", synthetic),
    ):
        full = _rate(xxgk.parse, items, args.rounds)
        docs = [to_document(t) for t in items]
        only = _rate(extract, docs, args.rounds)
        print(
            f"{label}: parse+check {full:,.0f} reports/s; extract only {only:,.0f} reports/s (one core)"
        )


if __name__ == "__main__":
    main()
