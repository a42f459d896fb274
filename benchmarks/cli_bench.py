"""How fast xxgk parses and checks reports: in-process on one core, and through the CLI on
directories of 2,000 and 10,000 mixed files with ``--jobs 2``, with the peak memory of the
whole process tree.

Run: ``python benchmarks/cli_bench.py [--sizes 2000,10000] [--seconds 5] [--keep DIR]``.

Inputs are synthetic (``xxgk.synth.make_report``), written as text in four layouts
(``xxgk.synth.layouts`` when it exists, else the simple layouts below: tab-separated rows, one
cell per line ending `` |``, a tab before each cell with blank lines between rows, pipe rows),
plus HTML, DOCX and PDF made by ``xxgk.render`` when those renderers work (a few distinct files,
copied). Memory: ``ru_maxrss`` of the largest process, and the peak *sum* of the tree's PSS
(proportional set size: pages shared after fork are split, not double counted), sampled
every 0.1 s from /proc.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import xxgk
from xxgk import form
from xxgk.model import Report
from xxgk.output.jsonout import loads
from xxgk.synth import make_report

LAYOUTS = ("tabs", "cell_per_line", "tab_blank", "pipes")


# --------------------------------------------------------------------------- text reports


def _table_rows(report: Report) -> list[list[str]]:
    """The form's rows as label + printed values, in printed order (headers included)."""
    rows: list[list[str]] = []
    active = report.tables["active"]
    ed = report.meta.edition or "2021"
    for block in form.active_blocks(ed):
        rows.append([block.label])
        rows.append([block.header, *(c.label for c in block.columns)])
        for r in block.rows:
            rows.append([r.label, *(active.cell(r.key, c.key).raw for c in block.columns)])
    rows.append(["§requests"])
    req = report.tables["requests"]
    rows.append([form.APPLICANT_GROUP, *(c.label for c in form.REQUESTS_COLUMNS)])
    shown: set[str] = set()
    for r in form.rows("requests", ed):
        if r.group and r.group not in shown and r.group != r.label:
            shown.add(r.group)
            rows.append([r.group])
        rows.append([r.label, *(req.cell(r.key, c.key).raw for c in form.REQUESTS_COLUMNS)])
    rows.append(["§appeals"])
    app = report.tables["appeals"]
    rows.append([form.REVIEW, "", "", "", "", form.LAWSUIT])
    rows.append([c.label for c in form.APPEALS_COLUMNS] * 3)
    rows.append(
        [app.cell(r.key, c.key).raw for r in form.APPEALS_ROWS for c in form.APPEALS_COLUMNS]
    )
    return rows


def _line(cells: list[str], layout: str) -> str:
    if layout == "tabs":
        return "\t".join(cells)
    if layout == "cell_per_line":
        return "\n".join(f"{c} |" for c in cells)
    if layout == "tab_blank":
        return "".join(f"\t{c}" for c in cells) + "\n"
    return "| " + " | ".join(cells) + " |"


def text_report(report: Report, layout: str) -> str:
    """A plain-text report in one of the four layouts (title, first paragraph, six sections)."""
    m = report.meta
    sections = {s.key: s for s in report.sections}
    out = [
        m.title or "",
        f"本报告由{m.agency}编制。统计期限为{m.year}年1月1日至{m.year}年12月31日。",
    ]
    tables = iter(_split(_table_rows(report)))
    for sec in form.SECTIONS:
        out.append(sec.heading)
        if sec.table:
            out += [_line(cells, layout) for cells in next(tables)]
        else:
            out.append(sections[sec.key].text if sec.key in sections else "")
    return "\n".join(out) + "\n"


def _split(rows: list[list[str]]) -> list[list[list[str]]]:
    parts: list[list[list[str]]] = [[]]
    for r in rows:
        if r[0].startswith("§"):
            parts.append([])
        else:
            parts[-1].append(r)
    return parts


def _layouts_module():
    try:
        from xxgk.synth import layouts  # written by the parser engineer, when present
    except ImportError:
        return None
    return layouts


def make_texts(count: int, seed: int = 0) -> list[str]:
    layouts = _layouts_module()
    rng = random.Random(seed)
    out = []
    for i in range(count):
        report = make_report(random.Random(rng.randrange(10**9)))
        if layouts is not None and hasattr(layouts, "render"):
            out.append(layouts.render(report, layouts.LAYOUTS[i % len(layouts.LAYOUTS)]))
        else:
            out.append(text_report(report, LAYOUTS[i % len(LAYOUTS)]))
    return out


def make_binaries(
    kinds: tuple[str, ...] = ("html", "docx", "pdf"), distinct: int = 10
) -> dict[str, list[bytes]]:
    """A few HTML/DOCX/PDF files per kind from xxgk.render, when it works."""
    out: dict[str, list[bytes]] = {}
    for kind in kinds:
        try:
            out[kind] = [
                xxgk.render(make_report(random.Random(900 + i)), kind) for i in range(distinct)
            ]
        except Exception as exc:  # a renderer not there yet: say so, bench the rest
            print(f"  (no {kind}: {type(exc).__name__}: {exc})")
    return out


# --------------------------------------------------------------------------- in-process


def bench_in_process(texts: list[str], seconds: float) -> None:
    """Parse + check text reports for ``seconds`` in this process: reports per wall second and
    per CPU second (the second is what one core does when the machine is shared)."""
    done, valid, with_tables = 0, 0, 0
    errors: Counter[str] = Counter()
    started, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        data = texts[done % len(texts)].encode("utf-8")  # bytes, as read from a file
        try:
            report = xxgk.parse(data)  # read + parse + check (the rules run inside parse)
            valid += report.valid
            with_tables += all(report.tables.values())
        except Exception as exc:  # counted, like the CLI's error records
            errors[type(exc).__name__] += 1
        done += 1
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"in-process, one core: {done} text reports parsed+checked in {elapsed:.2f} s wall"
        f" = {done / elapsed:,.0f} reports/s; {cpu:.2f} s CPU = {done / cpu:,.0f} reports per CPU-second"
    )
    print(
        f"  all three tables found: {with_tables}/{done}; valid: {valid}/{done}; errors: {dict(errors) or 'none'}"
    )


def bench_formats(texts: list[str], binaries: dict[str, list[bytes]]) -> None:
    """CPU milliseconds per file for each input format."""
    for kind, datas in [("text", [t.encode("utf-8") for t in texts[:100]]), *binaries.items()]:
        cpu = time.process_time()
        for data in datas:
            xxgk.parse(data)
        print(f"  {kind}: {(time.process_time() - cpu) / len(datas) * 1000:.1f} ms CPU per file")


# --------------------------------------------------------------------------- CLI


def write_corpus(
    root: Path, count: int, texts: list[str], binaries: dict[str, list[bytes]]
) -> Counter[str]:
    """``count`` files: every 10th slot a binary (if any), the rest text, in subfolders of 500."""
    kinds: Counter[str] = Counter()
    bin_kinds = [k for k, v in binaries.items() if v]
    for i in range(count):
        folder = root / f"part{i // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if bin_kinds and i % 10 == 9:
            kind = bin_kinds[(i // 10) % len(bin_kinds)]
            data = binaries[kind][i % len(binaries[kind])]
            (folder / f"{i:06d}.{kind}").write_bytes(data)
        else:
            kind = "text"
            (folder / f"{i:06d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
        kinds[kind] += 1
    return kinds


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _sample(pid: int, peak: list[int], stop: threading.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(pid)))
        stop.wait(0.1)


def _time_v(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        key, _, value = line.strip().rpartition(": ")
        if key:
            out[key] = value
    return out


def bench_cli(root: Path, count: int, out: Path, fmt: str = "jsonl") -> None:
    """The CLI on ``root`` with --jobs 2 under /usr/bin/time -v, sampling the tree's PSS."""
    summary_path = Path(str(out) + ".summary.json")
    cmd = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        "-m",
        "xxgk",
        "parse",
        str(root),
        "--format",
        fmt,
        "-o",
        str(out),
        "--jobs",
        "2",
        "--summary-json",
        str(summary_path),
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    peak, stop = [0], threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, peak, stop), daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - started
    stop.set()
    sampler.join()
    tv = _time_v(err)
    cpu = float(tv.get("User time (seconds)", 0)) + float(tv.get("System time (seconds)", 0))
    maxrss = int(tv.get("Maximum resident set size (kbytes)", 0))
    summary = loads(summary_path.read_text())
    print(
        f"CLI --jobs 2 --format {fmt}, {count} files: {elapsed:.1f} s wall = {count / elapsed:,.0f} files/s, exit {proc.returncode}"
    )
    print(
        f"  CPU (user+sys, whole tree) {cpu:.1f} s = {count / cpu:,.0f} files per CPU-second"
        if cpu
        else "  CPU: n/a"
    )
    print(
        f"  peak PSS of the process tree {peak[0] / 1024:.0f} MiB (sampled); largest single process max RSS {maxrss / 1024:.0f} MiB"
    )
    print(
        f"  reports {summary['reports']}, errors {summary['errors']} {summary['error_types'] or ''}, with error findings {summary['invalid']}; output {out.stat().st_size / 2**20:.0f} MiB"
    )
    top = ", ".join(f"{f['rule']} {f['count']}" for f in summary["findings"][:5])
    print(f"  top findings: {top or 'none'}")
    if proc.returncode not in (0, 1, 2):
        print(err[-2000:])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,10000")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--formats", default="jsonl")
    ap.add_argument("--keep", help="keep the corpora in this directory")
    args = ap.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    )
    print(
        f"load average at start: {os.getloadavg()[0]:.1f} (other work on the machine slows the wall-clock figures)"
    )
    texts = make_texts(400)
    bench_in_process(texts, args.seconds)
    binaries = make_binaries()
    bench_formats(texts, binaries)
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="xxgk-bench-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            root = base / f"corpus{size}"
            shutil.rmtree(root, ignore_errors=True)
            kinds = write_corpus(root, size, texts, binaries)
            print(f"corpus of {size}: {dict(kinds)}")
            for fmt in args.formats.split(","):
                bench_cli(root, size, base / f"out{size}.{fmt}", fmt)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
