"""HTML and DOCX reading speed as ratios against their parsers, measured in one run.

* HTML: ``xxgk.parse`` of a generated Word-style page (:mod:`xxgk.synth.wordhtml`: inline
  styles, a ``<span>`` per character run, MsoNormal classes, the report's tables inside a
  layout table; 100–350 KB) against selectolax/Lexbor parsing the same page and reading the
  text of every ``<td>``. The reader alone (bytes → Document) is shown too.
* DOCX: ``xxgk.parse`` of the same report rendered to DOCX against lxml parsing its
  ``word/document.xml`` (already inflated: the zip is not the parser's work).

Runs interleave (reference, reader, parse) per page and keep each one's best of
``--repeat``, so a busy machine slows all three alike. Target (issue 10): both ratios ≤ 5.

    python benchmarks/reader_speed.py [--pages 12] [--repeat 7]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
import zipfile
from collections.abc import Callable

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

import xxgk
from xxgk.read import docx as docx_reader
from xxgk.read import html as html_reader
from xxgk.synth.reports import make_report
from xxgk.synth.wordhtml import page


def lexbor_cells(data: bytes) -> list[str]:
    tree = LexborHTMLParser(data.decode("utf-8"))
    return [td.text(deep=True) for td in tree.css("td")]


def lxml_document(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def best(fn: Callable[[bytes], object], data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - started)
    return min(times)


def measure(cases: list[tuple[bytes, bytes]], repeat: int, name: str) -> dict[str, float]:
    """Per case the best time of reference, reader and parse; ratios of the sums."""
    ref = reader = parse = 0.0
    for data, reference_input in cases:
        for _ in range(2):  # warm caches (form queries, regexes) before timing
            xxgk.parse(data, name=name)
        r_ref = r_read = r_parse = float("inf")
        for _ in range(repeat):
            r_ref = min(r_ref, best(REFERENCE[name], reference_input, 1))
            r_read = min(r_read, best(lambda d: READER[name](d, name), data, 1))
            r_parse = min(r_parse, best(lambda d: xxgk.parse(d, name=name), data, 1))
        ref, reader, parse = ref + r_ref, reader + r_read, parse + r_parse
    n = len(cases)
    return {
        "reference_ms": 1000 * ref / n,
        "reader_ms": 1000 * reader / n,
        "parse_ms": 1000 * parse / n,
        "reader_ratio": reader / ref,
        "parse_ratio": parse / ref,
    }


REFERENCE = {"page.html": lexbor_cells, "report.docx": lxml_document}
READER = {"page.html": html_reader.read, "report.docx": docx_reader.read}


def html_cases(n: int) -> list[tuple[bytes, bytes]]:
    out = []
    for seed in range(n):
        report = make_report(random.Random(seed), ("2019", "2021")[seed % 2])
        data = page(report, random.Random(seed), target_kb=(100, 200, 350)[seed % 3]).encode()
        out.append((data, data))
    return out


def docx_cases(n: int) -> list[tuple[bytes, bytes]]:
    out = []
    for seed in range(n):
        report = make_report(random.Random(seed), ("2019", "2021")[seed % 2])
        data = xxgk.render(report, "docx", allow_errors=True)
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
        out.append((data, xml))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    html = html_cases(args.pages)
    sizes = [len(d) // 1024 for d, _ in html]
    print(
        f"HTML: {len(html)} Word-style pages, {min(sizes)}–{max(sizes)} KB "
        f"(median {statistics.median(sizes):.0f} KB)"
    )
    _show(measure(html, args.repeat, "page.html"), "Lexbor parse + every td's text")
    docx = docx_cases(args.pages)
    kb = [len(x) // 1024 for _, x in docx]
    print(f"DOCX: {len(docx)} reports, document.xml {min(kb)}–{max(kb)} KB")
    _show(measure(docx, args.repeat, "report.docx"), "lxml parse of word/document.xml")


def _show(m: dict[str, float], reference: str) -> None:
    print(f"  reference ({reference}): {m['reference_ms']:.2f} ms/file")
    print(f"  reader (bytes → Document): {m['reader_ms']:.2f} ms  ratio {m['reader_ratio']:.2f}")
    print(f"  xxgk.parse (all of it):    {m['parse_ms']:.2f} ms  ratio {m['parse_ratio']:.2f}")


if __name__ == "__main__":
    main()
