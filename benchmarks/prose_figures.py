"""F3 coverage: which figures the prose of the seeds and the examples quotes, and how each
compares with the tables (``python3 benchmarks/prose_figures.py``).

For each report: every quote the F3 patterns find (digits and Chinese numerals, both
orders), the number read, the table value(s) it may stand for, and whether it matched.
"""

from __future__ import annotations

import sys
from pathlib import Path

import xxgk
from xxgk.rules.prose import FIGURES, PROSE_SECTIONS, _figure_text, quotes

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))]
SOURCES += sorted(p for p in (ROOT / "examples" / "reports").glob("*") if p.is_file())


def figures(path: Path) -> list[tuple[str, str, int, tuple | None, bool]]:
    report = xxgk.parse(path)
    texts = [_figure_text(s.text) for s in report.sections if s.key in PROSE_SECTIONS and s.text]
    out = []
    for figure in FIGURES:
        expected = figure.expected(report)
        for text in texts:
            for quote, number in quotes(text, figure):
                ok = expected is not None and number in expected
                out.append((figure.key, quote, number, expected, ok))
    return out


def main() -> int:
    found = compared = matched = 0
    for path in SOURCES:
        try:
            rows = figures(path)
        except xxgk.XxgkError as exc:
            print(f"{path.name}: not read ({exc})")
            continue
        print(f"{path.name}: {len(rows)} figure(s)")
        for key, quote, number, expected, ok in rows:
            found += 1
            compared += expected is not None
            matched += ok
            print(
                f"  {key:<52} “{quote}” → {number}; table {expected}; {'match' if ok else 'MISMATCH'}"
            )
    print(f"total: {found} found, {compared} compared with a table, {matched} match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
