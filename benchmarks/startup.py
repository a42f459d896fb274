"""How long ``xxgk parse one.txt`` takes from the shell, beside ``python -c pass`` (issue 10:
start in ≤ 100 ms more than the interpreter itself; lazy imports).

Both commands run alternately ``--runs`` times in fresh processes; the best of each is kept
(the least disturbed by other work on the machine), and the difference is what xxgk costs:
imports, reading the file, the parse, the output. ``-X importtime`` of one run names the
slowest imports.

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXT = "示例市司法局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5\n"


def best(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return min(times)


def slowest_imports(command: list[str], n: int = 8) -> list[tuple[int, str]]:
    done = subprocess.run([*command[:1], "-X", "importtime", *command[1:]], capture_output=True)
    rows = []
    for line in done.stderr.decode().splitlines():
        if line.startswith("import time:") and "|" in line:
            _self, cumulative, name = (part.strip() for part in line[12:].split("|"))
            if cumulative.isdigit():
                rows.append((int(cumulative), name))
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(TEXT, encoding="utf-8")
        xxgk = [sys.executable, "-m", "xxgk", "parse", str(one), "-f", "json"]
        python = [sys.executable, "-c", "pass"]
        bare = xxgk_t = float("inf")
        for _ in range(args.runs):  # alternate, so load on the machine hits both alike
            bare = min(bare, best(python, 1))
            xxgk_t = min(xxgk_t, best(xxgk, 1))
        print(f"python -c pass:          {bare * 1000:6.1f} ms")
        print(f"xxgk parse one.txt:      {xxgk_t * 1000:6.1f} ms")
        print(f"xxgk's own cost:         {(xxgk_t - bare) * 1000:6.1f} ms  (target ≤ 100 ms)")
        print("slowest imports (cumulative µs, one run):")
        for micros, name in slowest_imports(xxgk):
            print(f"  {micros:8d}  {name}")


if __name__ == "__main__":
    main()
