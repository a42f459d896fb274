"""`xxgk check --previous LAST_YEAR` runs the cross-year rules X1–X3 through the CLI.

The example data (examples/data/example-2021.yaml, report year 2022) carries over
natural_person 2 / legal_service 1 and carries forward natural_person 5 / commercial 1 /
legal_service 1; normative documents: issued 6, repealed 2, in force 41. Reading the same
report as "2023" against the 2022 one must therefore say: carried_over natural_person 2 ≠ 5,
commercial 0 ≠ 1, total 3 ≠ 7 (legal_service 1 = 1 is fine), and in force 41 ≠ 41 + 6 − 2.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _xxgk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args], capture_output=True, text=True, timeout=120
    )


def test_previous_year_enables_cross_year_rules(tmp_path: Path) -> None:
    last = tmp_path / "2022.txt"
    assert (
        _xxgk(
            "render", str(ROOT / "examples/data/example-2021.yaml"), "--to", "txt", "-o", str(last)
        ).returncode
        == 0
    )
    this = tmp_path / "2023.txt"
    this.write_text(last.read_text("utf-8").replace("2022", "2023"), "utf-8")

    result = _xxgk("check", str(this), "--previous", str(last), "--format", "json")
    assert result.returncode == 0, result.stderr  # warnings only
    findings = json.loads(result.stdout)["findings"]
    carry = {f["column"]: f["numbers"] for f in findings if f["rule"] == "carry-over"}
    assert set(carry) == {"natural_person", "commercial", "total"}
    assert carry["natural_person"]["carried_over"] == 2
    assert carry["natural_person"]["previous_forward"] == 5
    assert carry["total"]["carried_over"] == 3 and carry["total"]["previous_forward"] == 7
    (in_force,) = [f for f in findings if f["rule"] == "active-in-force"]
    assert (in_force["row"], in_force["numbers"]["computed"]) == ("normative_documents", 45)


def test_without_previous_no_cross_year_findings(tmp_path: Path) -> None:
    report = tmp_path / "2022.txt"
    _xxgk("render", str(ROOT / "examples/data/example-2021.yaml"), "--to", "txt", "-o", str(report))
    result = _xxgk("check", str(report), "--format", "json")
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert not rules & {"carry-over", "active-in-force", "active-previous"}
