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
import resource
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


STEPS = ("small", "repeat", "build", "parse", "writer")


def writer_only(records: Path, count: int, out: Path) -> None:
    """The package's writing process alone, on ``count`` distinct reports: the records of
    ``records`` replayed, each with its own agency name (so each is a new report)."""
    from xxgk.dataset.consume import Builder, Input
    from xxgk.output.jsonout import loads

    inputs = [Input(f"r{i:06d}", f"{i:064x}", 0) for i in range(count)]
    out.mkdir(parents=True)
    builder, i = Builder(out, inputs), 0
    while i < count:
        with open(records, encoding="utf-8") as fh:
            for line in fh:
                if i >= count:
                    break
                record = loads(line)
                record["meta"]["agency"] = f"{record['meta'].get('agency')}#{i}"
                record["meta"]["file"] = f"r{i:06d}"
                builder.add(record)
                i += 1
                if i % 2_500 == 0:
                    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                    print(
                        f"  writing process, after {i:>6} reports: max RSS {rss:.0f} MiB",
                        flush=True,
                    )
    builder.finish()


def writer_step(base: Path, small: list[str], sizes: tuple[int, int], jobs: str) -> None:
    """Max RSS of the writing process alone at two sizes (no parsing beside it)."""
    records = base / "records-small.jsonl"
    if not records.exists():
        run(xxgk_cmd("parse", *small, "-f", "jsonl", "-o", str(records), "-j", jobs, "-q"))
    for n in sizes:
        out = base / f"writer-{n}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, __file__, "--writer-only", str(n), "--records", str(records)]
        m = run([*cmd, "--out", str(out)])
        print(
            f"writing process alone, {n:>6} reports: {m['wall']:6.1f} s wall, CPU {m['cpu']:6.1f} s,"
            f" max RSS {m['rss']:4.0f} MiB",
            flush=True,
        )


def corpus_for(base: Path, size: int, jobs: int, keep: bool) -> Path:
    corpus = base / "corpus"
    made = sum(1 for _ in corpus.rglob("*.*")) if corpus.is_dir() else 0
    if keep and made == size:
        print(f"corpus: {made} distinct reports kept from an earlier run in {corpus}")
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    t = time.perf_counter()
    kinds = write_corpus(corpus, size, jobs)
    print(f"corpus: {size} distinct reports {kinds} (made in {time.perf_counter() - t:.0f} s)")
    return corpus


def step(name: str, base: Path, inputs: list[str], files: int, jobs: str) -> dict[str, float]:
    """One measured command: ``parse-small``, ``build-small``, ``build-small-2``, ``build``, ``parse``."""
    if name.startswith("parse"):
        out = base / f"{name}.jsonl"
        m = run(xxgk_cmd("parse", *inputs, "-f", "jsonl", "-o", str(out), "-j", jobs, "-q"))
        out.unlink()
        show(f"parse --format jsonl ({name})", files, m)
    else:
        m = run(xxgk_cmd("dataset", "build", *inputs, "-o", str(base / name), "-j", jobs, "-q"))
        show(f"dataset build ({name})", files, m)
    return m


def report(r: dict[str, dict[str, float]], args: argparse.Namespace, base: Path) -> None:
    for size, build, parse in (
        (args.small, "build-small", "parse-small"),
        (args.size, "build", "parse"),
    ):
        if build in r and parse in r:
            ratio = r[build]["wall"] / r[parse]["wall"]
            cpu = r[build]["cpu"] / r[parse]["cpu"]
            print(
                f"{size} files: dataset build / parse --format jsonl = {ratio:.2f}× wall (target ≤ 2×), {cpu:.2f}× CPU"
            )
    if "build-small" in r and "build" in r:
        a, b = r["build-small"], r["build"]
        print(
            f"memory of the dataset build: peak PSS {a['pss']:.0f} MiB at {args.small} files,"
            f" {b['pss']:.0f} MiB at {args.size} ({b['pss'] / a['pss']:.2f}×);"
            f" largest process {a['rss']:.0f} → {b['rss']:.0f} MiB"
        )
    if (base / "build").is_dir():
        sizes = {p.name: p.stat().st_size for p in (base / "build").rglob("*") if p.is_file()}
        big = ", ".join(f"{k} {v / 2**20:.0f} MiB" for k, v in sorted(sizes.items()) if v > 2**20)
        print(f"package of {args.size}: {sum(sizes.values()) / 2**20:.0f} MiB — {big}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=20_000)
    ap.add_argument("--small", type=int, default=5_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="keep the corpus and packages in this directory (reused)")
    ap.add_argument(
        "--steps",
        default=",".join(STEPS),
        help="small (parse + build the small corpus), repeat (build it again, compare bytes),"
        " build (all files), parse (all files), writer (the writing process alone at both"
        " sizes); in this order",
    )
    ap.add_argument("--writer-only", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--records", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.writer_only:
        return writer_only(Path(args.records), args.writer_only, Path(args.out))
    steps = args.steps.split(",")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};"
        f" load average at start {os.getloadavg()[0]:.1f}"
    )
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="xxgk-dataset-bench-"))
    jobs, r = str(args.jobs), {}
    try:
        corpus = corpus_for(base, args.size, args.jobs, bool(args.keep))
        small = parts(corpus, args.small)
        if "small" in steps:
            r["parse-small"] = step("parse-small", base, small, args.small, jobs)
            r["build-small"] = step("build-small", base, small, args.small, jobs)
        if "repeat" in steps:
            step("build-small-2", base, small, args.small, jobs)
            same = identical(base / "build-small", base / "build-small-2")
            print(f"  the two builds' CSV and Parquet files are byte-identical: {same}")
        for name in ("build", "parse"):
            if name in steps:
                r[name] = step(name, base, [str(corpus)], args.size, jobs)
        if "writer" in steps:
            writer_step(base, small, (args.small, args.size), jobs)
        report(r, args, base)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
