"""How fast and in how much memory ``xxgk dataset build`` turns a corpus into a package, against
``xxgk parse DIR --format jsonl`` on the same files in the same run (the reference).

Run: ``python benchmarks/dataset_bench.py [--size 20000] [--small 5000] [--jobs 2] [--keep DIR]``.

The corpus: ``--size`` *distinct* generated reports (``xxgk.synth.make_report``, one seed each,
both editions): 90 % text in the five layouts of ``xxgk.synth.layouts``, 10 % binaries made by
``xxgk.render`` (three HTML to one DOCX), in folders of 500 files. No two files share bytes, so
neither command gets to skip work. Each command runs through the real CLI with ``--jobs``; wall
time, CPU of the whole process tree, the peak of the tree's summed PSS (sampled every 0.1 s
from /proc) and the largest single process's max RSS. The dataset build runs twice: on the first
``--small`` files and on all of them, to show that memory does not grow with the number of
reports; a second build of the small corpus checks that CSV and Parquet files are
byte-identical.
"""

from __future__ import annotations

import argparse
import filecmp
import multiprocessing
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cli_bench import _sample, _time_v  # noqa: E402 - the same /proc sampler as the CLI bench

import xxgk  # noqa: E402
from xxgk.synth import layouts, make_report  # noqa: E402

FOLDER = 500


def _file(i: int) -> tuple[str, bytes]:
    report = make_report(random.Random(1_000_003 * i + 7))
    if i % 10 == 9:
        kind = "docx" if (i // 10) % 4 == 3 else "html"
        return kind, xxgk.render(report, kind)
    text = layouts.write(report, layouts.LAYOUTS[i % len(layouts.LAYOUTS)])
    return "txt", text.encode("utf-8")


def _write(args: tuple[Path, int]) -> str:
    root, i = args
    kind, data = _file(i)
    folder = root / f"part{i // FOLDER:03d}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{i:06d}.{kind}").write_bytes(data)
    return kind


def write_corpus(root: Path, count: int, jobs: int) -> dict[str, int]:
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        kinds = pool.map(_write, [(root, i) for i in range(count)], chunksize=64)
    return {k: kinds.count(k) for k in sorted(set(kinds))}


def run(cmd: list[str]) -> dict[str, float]:
    """``cmd`` under /usr/bin/time -v with the tree's PSS sampled → wall, cpu, pss, rss."""
    started = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-v", *cmd], stderr=subprocess.PIPE, text=True)
    peak, stop = [0], threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, peak, stop), daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    tv = _time_v(err)
    if proc.returncode not in (0, 1, 2):
        print(err[-3000:])
        raise SystemExit(f"{cmd[3]} failed with exit {proc.returncode}")
    cpu = float(tv.get("User time (seconds)", 0)) + float(tv.get("System time (seconds)", 0))
    rss = int(tv.get("Maximum resident set size (kbytes)", 0)) / 1024
    return {"wall": wall, "cpu": cpu, "pss": peak[0] / 1024, "rss": rss, "exit": proc.returncode}


def show(label: str, files: int, m: dict[str, float]) -> None:
    print(
        f"{label:<34} {files:>6} files  {m['wall']:6.1f} s wall ({files / m['wall']:,.0f} files/s)"
        f"  CPU {m['cpu']:6.1f} s  peak PSS {m['pss']:5.0f} MiB  max RSS {m['rss']:4.0f} MiB",
        flush=True,
    )


def xxgk_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "xxgk", *args]


def parts(root: Path, files: int) -> list[str]:
    return [str(root / f"part{i:03d}") for i in range(files // FOLDER)]


def identical(a: Path, b: Path) -> bool:
    names = [f"{d}/{p.name}" for d in ("csv", "parquet") for p in sorted((a / d).iterdir())]
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    if mismatch or errors:
        print(f"  differ: {mismatch + errors}")
    return not mismatch and not errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=20_000)
    ap.add_argument("--small", type=int, default=5_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="keep the corpus and packages in this directory (reused)")
    ap.add_argument(
        "--no-repeat",
        dest="repeat",
        action="store_false",
        help="skip the second build of the small corpus (the byte-identical check)",
    )
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};"
        f" load average at start {os.getloadavg()[0]:.1f}"
    )
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="xxgk-dataset-bench-"))
    jobs = str(args.jobs)
    try:
        corpus = base / "corpus"
        made = sum(1 for _ in corpus.rglob("*.*")) if corpus.is_dir() else 0
        if args.keep and made == args.size:
            print(f"corpus: {made} distinct reports kept from an earlier run in {corpus}")
        else:
            shutil.rmtree(corpus, ignore_errors=True)
            t = time.perf_counter()
            kinds = write_corpus(corpus, args.size, args.jobs)
            took = time.perf_counter() - t
            print(f"corpus: {args.size} distinct reports {kinds} (made in {took:.0f} s)")
        small = parts(corpus, args.small)
        ref_small = run(
            xxgk_cmd("parse", *small, "-f", "jsonl", "-o", str(base / "s.jsonl"), "-j", jobs, "-q")
        )
        show("parse --format jsonl (small)", args.small, ref_small)
        ds_small = run(
            xxgk_cmd("dataset", "build", *small, "-o", str(base / "pkg-small"), "-j", jobs, "-q")
        )
        show("dataset build (small)", args.small, ds_small)
        if args.repeat:
            again = run(
                xxgk_cmd(
                    "dataset", "build", *small, "-o", str(base / "pkg-small-2"), "-j", jobs, "-q"
                )
            )
            show("dataset build (small, again)", args.small, again)
            same = identical(base / "pkg-small", base / "pkg-small-2")
            print(f"  the two builds' CSV and Parquet files are byte-identical: {same}")
        ref = run(
            xxgk_cmd(
                "parse", str(corpus), "-f", "jsonl", "-o", str(base / "all.jsonl"), "-j", jobs, "-q"
            )
        )
        show("parse --format jsonl (all)", args.size, ref)
        (base / "all.jsonl").unlink()
        ds = run(
            xxgk_cmd("dataset", "build", str(corpus), "-o", str(base / "pkg"), "-j", jobs, "-q")
        )
        show("dataset build (all)", args.size, ds)
        print(
            f"dataset build / parse --format jsonl, {args.size} files: {ds['wall'] / ref['wall']:.2f}× wall"
            f" (target ≤ 2×); at {args.small}: {ds_small['wall'] / ref_small['wall']:.2f}×"
        )
        print(
            f"memory of the dataset build: peak PSS {ds_small['pss']:.0f} MiB at {args.small} files,"
            f" {ds['pss']:.0f} MiB at {args.size} ({ds['pss'] / ds_small['pss']:.2f}×);"
            f" largest process {ds_small['rss']:.0f} → {ds['rss']:.0f} MiB"
        )
        sizes = {p.name: p.stat().st_size for p in (base / "pkg").rglob("*") if p.is_file()}
        print(
            f"package: {sum(sizes.values()) / 2**20:.0f} MiB — "
            + ", ".join(f"{k} {v / 2**20:.0f} MiB" for k, v in sorted(sizes.items()) if v > 2**20)
        )
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
