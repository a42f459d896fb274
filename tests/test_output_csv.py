"""CSV long format: one line per printed cell — file, table, row, column, raw, value, unit."""

from __future__ import annotations

import csv
import io
import random
from decimal import Decimal

from xxgk.model import Cell, Finding, Report, Table
from xxgk.output import check_record
from xxgk.output import csv as csv_out
from xxgk.synth import make_report


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _report() -> Report:
    report = Report()
    report.meta.file = "reports/a,b.txt"  # a comma: must be quoted
    active = Table("active", "2019")
    active.set("procurement", "amount", Cell("186 万", Decimal("186"), "万"))
    active.set("licensing", "change", Cell("减 6", -6))
    report.tables["active"] = active
    requests = Table("requests", "2019")
    requests.set("granted", "natural_person", Cell("", None))
    report.tables["requests"] = requests
    return report


def test_header_is_the_long_format() -> None:
    assert _rows(csv_out.header()) == [["file", "table", "row", "column", "raw", "value", "unit"]]


def test_known_cells_become_one_line_each() -> None:
    rows = _rows(csv_out.render(_report().to_dict()))
    assert rows == [
        ["reports/a,b.txt", "active", "procurement", "amount", "186 万", "186", "万"],
        ["reports/a,b.txt", "active", "licensing", "change", "减 6", "-6", ""],
        ["reports/a,b.txt", "requests", "granted", "natural_person", "", "", ""],
    ]


def test_money_is_exact_and_every_cell_is_there() -> None:
    report = make_report(random.Random(5), "2021")
    report.meta.file = "x"
    rows = _rows(csv_out.render(report.to_dict()))
    assert len(rows) == 10 + 175 + 15  # 2021: 10 active cells, 25×7 requests, 3×5 appeals
    fee = next(r for r in rows if r[2:4] == ["fees", "amount"])
    assert fee[5] == str(report.tables["active"].value("fees", "amount"))
    assert fee[6] == "万元"


def test_check_rows_are_one_per_finding() -> None:
    report = _report()
    report.findings.append(
        Finding(
            "requests-row-total", "error", "合计不符", "total wrong", "requests", "granted", "total"
        )
    )
    rows = _rows(csv_out.render(check_record(report.to_dict()), "check"))
    assert _rows(csv_out.header("check"))[0] == [
        "file",
        "rule",
        "severity",
        "table",
        "row",
        "column",
        "message",
    ]
    assert rows == [
        [
            "reports/a,b.txt",
            "requests-row-total",
            "error",
            "requests",
            "granted",
            "total",
            "合计不符",
        ]
    ]
