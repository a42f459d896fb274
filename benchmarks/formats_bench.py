"""Reports per second for each input format, and the PDF path against pdfplumber.

Run: ``python benchmarks/formats_bench.py [--reports 20] [--seconds 3]``.

Inputs are generated reports (``xxgk.synth.make_report``, both editions) written the way
agencies publish them by ``tests/formatgen.py``: a GBK HTML page with navigation and the
official rowspans; a DOCX with merged cells; the same DOCX saved as ``.doc`` by LibreOffice;
a PDF with a text layer, ruled tables and a page break inside table 三; and, for OCR, PNG
images of a ruled table. Each timing is the full ``xxgk.parse(bytes)`` — read, extract,
every rule — in this process, on one core.

The comparison: ``pdfplumber``'s ``extract_tables()`` alone, on every page of the same PDFs
(it gives a grid of strings, no meaning, no checks). Target: our full parse ≥ 5× faster.
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import xxgk  # noqa: E402
from formatgen import table_image, to_docx, to_html, to_pdf, to_text  # noqa: E402
from xxgk.synth.reports import make_report  # noqa: E402


def _reports(n: int) -> list:
    return [make_report(random.Random(seed), ("2019", "2021")[seed % 2]) for seed in range(n)]


def _docs(docx_files: list[bytes]) -> list[bytes]:
    """Save DOCX files as .doc with LibreOffice (setup, not timed)."""
    soffice = shutil.which("soffice")
    if not soffice:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, data in enumerate(docx_files):
            path = Path(tmp) / f"r{i}.docx"
            path.write_bytes(data)
            paths.append(str(path))
        subprocess.run(
            [soffice, "--headless", "--convert-to", "doc", "--outdir", tmp, *paths],
            capture_output=True,
            check=True,
            timeout=600,
        )
        return [(Path(tmp) / f"r{i}.doc").read_bytes() for i in range(len(docx_files))]


def _images() -> list[bytes]:
    rows = [
        ["行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
        ["", "3", "0", "1", "", "4"],
        ["复议后起诉", "12", "5", "0", "7", "24"],
    ]
    return [
        table_image(rows, [200, 150, 150, 150, 150, 120]),
        table_image(rows[:2], [200, 150, 150, 150, 150, 120]),
    ]


def _rate(files: list[bytes], name: str, seconds: float, parse=None) -> tuple[float, int]:
    """Files per second over at least ``seconds`` (whole passes over ``files``)."""
    parse = parse or (lambda data: xxgk.parse(data, name=name))
    parse(files[0])  # warm-up: imports, OCR model load
    done, started = 0, time.perf_counter()
    while True:
        for data in files:
            parse(data)
            done += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return done / elapsed, done


def _pdfplumber_tables(data: bytes) -> None:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating PDF passes for the comparison"
    )
    args = parser.parse_args()
    reports = _reports(args.reports)
    docx_files = [to_docx(r) for r in reports]
    pdfs = [to_pdf(r) for r in reports]
    inputs = {
        "text": ([to_text(r) for r in reports], "r.txt"),
        "html": ([to_html(r, blank="&nbsp;", encoding="gb18030") for r in reports], "r.html"),
        "docx": (docx_files, "r.docx"),
        "pdf": (pdfs, "r.pdf"),
        "doc": (_docs(docx_files[:3]), "r.doc"),
        "ocr (png)": (_images(), "r.png"),
    }
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load} (other work on the machine slows every figure alike)"
    )
    print(
        f"input: {args.reports} generated reports (both editions); PDFs {len(pdfs[0]) // 1024} KB, 2 pages each"
    )
    print(f"{'format':<10} {'files':>6} {'reports/s':>10} {'ms/report':>10}")
    rates = {}
    for fmt, (files, name) in inputs.items():
        if not files:
            print(f"{fmt:<10} skipped (LibreOffice not installed)")
            continue
        seconds = args.seconds if fmt not in ("doc", "ocr (png)") else 0.1
        rate, done = _rate(files, name, seconds)
        rates[fmt] = rate
        print(f"{fmt:<10} {done:>6} {rate:>10.1f} {1000 / rate:>10.1f}")
    _compare_pdf(pdfs, args.rounds)


def _pass(files: list[bytes], parse) -> float:
    started = time.perf_counter()
    for data in files:
        parse(data)
    return time.perf_counter() - started


def _compare_pdf(pdfs: list[bytes], rounds: int) -> None:
    """xxgk vs pdfplumber on the same PDFs, in alternating passes (the machine's load
    changes over a run; alternating exposes both to the same), median of the rounds."""
    ours, theirs = [], []
    for _ in range(rounds):
        ours.append(_pass(pdfs, lambda data: xxgk.parse(data, name="r.pdf")))
        theirs.append(_pass(pdfs, _pdfplumber_tables))
    ratios = sorted(t / o for o, t in zip(ours, theirs, strict=True))
    median = ratios[len(ratios) // 2]
    plumber = len(pdfs) / sorted(theirs)[len(theirs) // 2]
    print(
        f"{'pdfplumber':<10} {len(pdfs) * rounds:>6} {plumber:>10.1f} {1000 / plumber:>10.1f}   extract_tables() on every page, nothing else"
    )
    verdict = "meets" if median >= 5 else "MISSES"
    spread = ", ".join(f"{r:.1f}" for r in ratios)
    print(
        f"PDF: xxgk full parse + checks is {median:.1f}x pdfplumber extract_tables() alone, median of {rounds} alternating passes ({spread}); {verdict} the 5x target"
    )


if __name__ == "__main__":
    main()
