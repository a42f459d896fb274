"""The rules on the four real seed reports, findings hand-checked against the printed text."""

from __future__ import annotations

from pathlib import Path

import pytest

import xxgk
from xxgk.rules import RULES

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
MINE = {r.id for r in RULES.values() if r.phase == "check"}


def _parse(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return xxgk.parse(path)


def _mine(report):
    return [f for f in report.findings if f.rule in MINE]


def test_seed_004_granted_row_is_located():
    # 城固县 2020, 2019 edition. Table 三 prints （一）予以公开 as 0 0 0 0 0 (empty) 15 and
    # （七）总计 as 15 0 0 0 0 0 15: the 15 granted requests belong under 自然人.
    # Table 四 prints 未经复议直接起诉 as 维持 2, 总计 0. The prose says 行政诉讼2件.
    report = _parse("004")
    assert (report.meta.year, report.meta.edition) == (2020, "2019")
    out = _mine(report)
    assert [(f.rule, f.severity, f.table, f.row, f.column) for f in out] == [
        ("requests-row-total", "error", "requests", "granted", None),
        ("requests-outcome-total", "error", "requests", None, "natural_person"),
        ("appeals-total", "error", "appeals", "lawsuit_direct", None),
        ("prose-figures", "warning", "appeals", None, "total"),
    ]
    r2, r3, appeals, prose = out
    assert (r2.numbers["sum"], r2.numbers["total"]) == (0, 15)
    assert r2.message == "（一）予以公开：各列之和为 0，但“总计”为 15"
    assert r3.numbers == {"sum": 0, "total": 15}
    for f in (r2, r3):
        s = f.suggestion
        assert (s["table"], s["row"], s["column"], s["value"], s["printed"]) == (
            "requests",
            "granted",
            "natural_person",
            15,
            "0",
        )
    assert report.table("requests").value("granted", "natural_person") == 0  # never changed
    assert appeals.numbers == {
        "upheld": 2,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "sum": 2,
        "total": 0,
    }
    assert prose.numbers == {"quoted": 2, "expected": 0}


def test_seed_002_has_no_errors():
    # 抚顺市司法局 2019: all zeros, row 8.属于行政查询事项 printed empty, no 三、 heading.
    report = _parse("002")
    assert [f for f in report.findings if f.severity == "error"] == []
    assert [(f.rule, f.message) for f in _mine(report)] == [
        ("report-section-missing", "缺少“三、收到和处理政府信息公开申请情况”部分"),
    ]


def test_seed_000_right_edition_and_no_rule_errors():
    # 亳州市司法局 2019 in the 2019 edition; 减 6 / 减 71 are signed changes, 186 万 is money.
    report = _parse("000")
    assert (report.meta.year, report.meta.edition) == (2019, "2019")
    assert [f for f in _mine(report) if f.severity == "error"] == []
    assert {f.rule for f in _mine(report)} <= {"report-section-missing"}


def test_seed_003_missing_table_is_reported_once():
    # 神池县司法局 2019: no table 四 and no section 四 (五 and 六 are numbered 四 and 五).
    report = _parse("003")
    rules = [f.rule for f in report.findings]
    assert rules.count("table-missing") == 1
    assert _mine(report) == []


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_no_internal_errors_and_no_edition_findings(prefix):
    report = _parse(prefix)
    rules = {f.rule for f in report.findings}
    assert not rules & {
        "internal-error",
        "report-edition",
        "report-edition-mixed",
        "report-table-order",
    }
