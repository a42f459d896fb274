"""How fast the rules run: xxgk.rules.run() over made reports (both editions).

Run: python benchmarks/rules.py [count]. Prints reports per CPU-second (process time, so other load on the machine does not count) for valid reports and
for reports with one broken requests cell (which exercises the findings and the suggestion).
"""

from __future__ import annotations

import platform
import random
import sys
import time

from xxgk.model import Cell
from xxgk.rules import run
from xxgk.synth.reports import make_report


def _reports(count: int, broken: bool) -> list:
    out = []
    for seed in range(count):
        rep = make_report(random.Random(seed))
        if broken:
            table = rep.table("requests")
            value = table.value("granted", "natural_person")
            table.set("granted", "natural_person", Cell.of(value + 3))
        out.append(rep)
    return out


def _measure(reports: list) -> float:
    start = time.process_time()
    for rep in reports:
        run(rep)
    return len(reports) / (time.process_time() - start)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    for broken in (False, True):
        rate = _measure(_reports(count, broken))
        label = "one broken requests cell" if broken else "valid"
        print(f"rules.run on {count} made reports ({label}): {rate:,.0f} reports/s on one core")


if __name__ == "__main__":
    main()
