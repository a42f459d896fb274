"""The long fuzz run (issue 12 item 6): ≥ 100,000 mutated inputs across every format.

Each input is a seeded mutation (:mod:`xxgk.synth.fuzz`) of a valid file — text, HTML, DOCX,
PDF, XLSX, OFD made from one synthetic report (the PDF is the test fixture) — run through
the CLI's per-file work. Reported: how each format's inputs ended, crashes (an internal
error: must be 0; each crashing input is saved to ``--crashes``), the slowest input, and the
largest resident memory any worker process reached.

    python benchmarks/fuzz.py [--total 100000] [--jobs 2] [--seed 0] [--crashes DIR]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import time
import warnings
from collections import Counter
from pathlib import Path

from xxgk.synth import fuzz
from xxgk.synth.reports import make_report

PDF = (
    Path(__file__).resolve().parents[1]
    / "tests"
    / "fixtures"
    / "formats"
    / "huaian-2024-requests.pdf"
)
# Share of the inputs per format (the slow readers get fewer, every one gets thousands).
WEIGHTS = {"text": 36, "html": 20, "docx": 15, "ofd": 18, "pdf": 6, "xlsx": 5}
CHUNK = 250
_BASES: dict[str, tuple[str, bytes]] = {}


def _init(seed: int) -> None:
    warnings.simplefilter("ignore")  # openpyxl warns about every damaged workbook
    _BASES.update(fuzz.bases(make_report(random.Random(seed), "2021"), PDF.read_bytes()))


def _chunk(job: tuple[str, int, int, int, str]) -> dict:
    fmt, seed, start, count, crashes = job
    name, base = _BASES[fmt]
    kinds: Counter[str] = Counter()
    slowest = (0.0, "")
    for i in range(start, start + count):
        data = fuzz.mutate(base, random.Random(f"{seed}-{fmt}-{i}"), fmt)
        started = time.perf_counter()
        kind = fuzz.outcome(name, data, time_limit=60)
        spent = time.perf_counter() - started
        kinds[kind] += 1
        if spent > slowest[0]:
            slowest = (spent, f"{fmt}#{i}")
        if kind == "InternalError":
            Path(crashes).mkdir(parents=True, exist_ok=True)
            (Path(crashes) / f"{fmt}-{i}-{name}").write_bytes(data)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"fmt": fmt, "kinds": kinds, "slowest": slowest, "rss_mb": rss}


def jobs_for(total: int, seed: int, crashes: str) -> list[tuple[str, int, int, int, str]]:
    share = sum(WEIGHTS.values())
    out = []
    for fmt, weight in WEIGHTS.items():
        n = total * weight // share
        out += [(fmt, seed, s, min(CHUNK, n - s), crashes) for s in range(0, n, CHUNK)]
    random.Random(seed).shuffle(out)  # mix slow and fast chunks across the run
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--total", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--crashes", default="fuzz-crashes")
    args = ap.parse_args()
    jobs = jobs_for(args.total, args.seed, args.crashes)
    by_fmt: dict[str, Counter[str]] = {f: Counter() for f in WEIGHTS}
    slowest, rss, started = (0.0, ""), 0.0, time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(args.jobs, initializer=_init, initargs=(args.seed,), maxtasksperchild=40) as pool:
        for done, result in enumerate(pool.imap_unordered(_chunk, jobs), 1):
            by_fmt[result["fmt"]].update(result["kinds"])
            slowest = max(slowest, result["slowest"])
            rss = max(rss, result["rss_mb"])
            if done % 20 == 0 or done == len(jobs):
                report(by_fmt, slowest, rss, time.perf_counter() - started, args.jobs)


def report(by_fmt: dict, slowest: tuple[float, str], rss: float, seconds: float, jobs: int) -> None:
    """The summary so far (printed as the run goes: a long run can be read at any point)."""
    total = sum(sum(c.values()) for c in by_fmt.values())
    crashes = sum(c["InternalError"] for c in by_fmt.values())
    print(f"fuzz: {total} inputs in {seconds:.0f} s on {jobs} processes")
    for fmt, kinds in by_fmt.items():
        counts = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        print(f"  {fmt:5} {sum(kinds.values()):6}  {counts}")
    print(f"crashes (internal errors): {crashes}")
    print(f"slowest input: {slowest[0]:.2f} s ({slowest[1]})")
    print(f"max RSS of a worker process: {rss:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
