"""In-process parse speed: reports/s on one core, for the 4 seeds and synthetic text reports.

    python benchmarks/parse_speed.py [--synthetic 2000] [--rounds 5]

Measures ``xxgk.parse(text)`` (read + extract + every rule) and, separately, its three
stages: reading the text into a Document, the extractor, the rules. One core, process
CPU time, best of several rounds, so other load on the machine disturbs the figure
less; the load average is printed before and after. Prints what it measured and on what.

The stages are timed one after the other, and the Documents and Reports one stage needs
are dropped before the next: a benchmark that keeps thousands of parsed reports alive
makes every garbage collection walk them, which a batch never does.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import xxgk
from xxgk.extract import extract
from xxgk.read.text import to_document
from xxgk.rules import run
from xxgk.synth import make_report
from xxgk.synth.layouts import LAYOUTS, write

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _rate(fn: Callable, items: Sequence, rounds: int) -> float:
    """Best items/s over ``rounds`` passes (CPU time of this process)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - start)
    return len(items) / best if best > 0 else float("inf")


def _synthetic(count: int) -> list[str]:
    rng = random.Random(20240601)
    return [
        write(
            make_report(random.Random(rng.getrandbits(32)), rng.choice(("2019", "2021"))),
            LAYOUTS[i % len(LAYOUTS)],
        )
        for i in range(count)
    ]


def _stages(texts: list[str], rounds: int) -> str:
    """Per-stage rates (reports/s) for ``texts``: read, extract, rules."""
    read = _rate(to_document, texts, rounds)
    docs = [to_document(t) for t in texts]
    extracted = _rate(extract, docs, rounds)
    reports = [extract(d) for d in docs]
    del docs
    rules = _rate(run, reports, rounds)
    return f"read {read:,.0f}/s, extract {extracted:,.0f}/s, rules {rules:,.0f}/s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=2000, help="synthetic reports (default 2000)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    inputs = {
        "4 seeds (x50)": seeds * 50,
        f"{args.synthetic} synthetic ({', '.join(LAYOUTS)})": _synthetic(args.synthetic),
    }
    for texts in inputs.values():
        for text in texts[:50]:
            xxgk.parse(text)  # warm caches and imports
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}"
    )
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    for label, texts in inputs.items():
        full = _rate(xxgk.parse, texts, args.rounds)
        print(f"{label}: parse+check {full:,.0f} reports/s (one core)")
    for label, texts in inputs.items():
        print(f"{label}, by stage: {_stages(texts, args.rounds)}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
