"""Reports rendered per second, per output format (and the XLSX workbook written/read).

Input: random valid reports from ``xxgk.synth.make_report`` (both editions alternating).
PDF is bound by LibreOffice start-up, so only a handful are converted.

    python benchmarks/render_bench.py [--n 200] [--pdf 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time

import xxgk
from xxgk.render import workbook
from xxgk.synth.reports import make_report


def reports(n: int) -> list:
    return [make_report(random.Random(i), ("2019", "2021")[i % 2]) for i in range(n)]


def measure(label: str, items: list, fn) -> None:
    start = time.perf_counter()
    size = 0
    for item in items:
        size += len(fn(item) or b"")
    elapsed = time.perf_counter() - start
    rate = len(items) / elapsed
    print(
        f"{label:<14} {len(items):>5} reports  {elapsed:7.2f} s  {rate:8.1f} reports/s  {size / len(items) / 1024:6.1f} KiB each"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="reports per fast format")
    parser.add_argument("--pdf", type=int, default=5, help="reports converted to PDF")
    args = parser.parse_args()
    print(
        f"xxgk {xxgk.__version__}, Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs"
    )
    print("input: make_report(random.Random(i)), editions 2019/2021 alternating; one process")
    sample = reports(args.n)
    xxgk.render(sample[0], "docx")  # warm imports
    for fmt in ("html", "md", "txt", "docx"):
        measure(fmt, sample, lambda r, fmt=fmt: xxgk.render(r, fmt))
    measure("pdf", sample[: args.pdf], lambda r: xxgk.render(r, "pdf"))
    measure("xlsx write", sample, workbook.write)
    books = [workbook.write(r) for r in sample[: max(1, args.n // 4)]]
    measure("xlsx read", books, lambda b: (workbook.read(b), b"")[1])
    measure("check only", sample, lambda r: (xxgk.check(r), b"")[1])


if __name__ == "__main__":
    main()
