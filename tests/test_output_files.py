"""XLSX and SQLite outputs: their contents, checked cell by cell."""

from __future__ import annotations

import random
import sqlite3
from decimal import Decimal

import openpyxl
import pytest

from xxgk.model import Cell, Finding
from xxgk.output import error_record, open_sink
from xxgk.synth import make_report

BAD = error_record("bad.bin", "not text in any supported encoding", "UnreadableSource")


def _records() -> list[dict]:
    out = []
    for i, edition in enumerate(("2019", "2021", "2021")):
        report = make_report(random.Random(100 + i), edition)
        report.meta.file = f"r{i}.txt"
        if i == 1:
            report.tables["active"].set(
                "fees", "amount", Cell("8827.8344", Decimal("8827.8344"), "万元")
            )
            report.tables["appeals"] = None
            report.findings.append(
                Finding(
                    "requests-balance", "error", "不平衡", "unbalanced", "requests", None, "total"
                )
            )
        out.append(report.to_dict())
    return out


def _write(fmt: str, path: str) -> list[dict]:
    records = _records()
    sink = open_sink(fmt, path, batch=True)
    for r in [records[0], BAD, *records[1:]]:
        sink.write(r, None)
    sink.close()
    return records


def test_xlsx_one_sheet_per_table_one_row_per_report(tmp_path) -> None:
    path = str(tmp_path / "out.xlsx")
    records = _write("xlsx", path)
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == [
        "reports",
        "active",
        "requests",
        "appeals",
        "findings",
        "errors",
        "columns",
    ]
    requests = list(book["requests"].iter_rows(values_only=True))
    header = requests[0]
    assert header[0] == "file" and "requests.granted.natural_person" in header
    assert [r[0] for r in requests[1:]] == ["r0.txt", "r1.txt", "r2.txt"]
    col = header.index("requests.new_received.total")
    for rec, row in zip(records, requests[1:], strict=True):
        assert row[col] == rec["tables"]["requests"]["rows"]["new_received"]["total"]["value"]
    appeals = list(book["appeals"].iter_rows(values_only=True))
    assert [r[0] for r in appeals[1:]] == ["r0.txt", "r2.txt"]  # r1 has no table 四
    active = list(book["active"].iter_rows(values_only=True))
    fee = active[0].index("active.fees.amount")
    assert Decimal(str(active[2][fee])) == Decimal("8827.8344")
    assert list(book["errors"].iter_rows(values_only=True))[1] == (
        "bad.bin",
        BAD["error"],
        "UnreadableSource",
    )
    findings = list(book["findings"].iter_rows(values_only=True))
    assert findings[1][:3] == ("r1.txt", "requests-balance", "error")
    reports = list(book["reports"].iter_rows(values_only=True))
    assert reports[2][reports[0].index("valid")] is False


def test_sqlite_tables_rows_and_keys(tmp_path) -> None:
    path = str(tmp_path / "out.db")
    records = _write("sqlite", path)
    db = sqlite3.connect(path)
    n_cells = sum(
        len(cols) for r in records for t in r["tables"].values() if t for cols in t["rows"].values()
    )
    assert db.execute("SELECT count(*) FROM cells").fetchone()[0] == n_cells
    assert db.execute("SELECT count(*) FROM reports").fetchone()[0] == 3
    assert db.execute("SELECT file, error, type FROM errors").fetchall() == [
        ("bad.bin", BAD["error"], "UnreadableSource")
    ]
    value, text = db.execute(
        "SELECT value, value_text FROM cells JOIN reports ON reports.id = report_id"
        " WHERE file = 'r1.txt' AND table_key = 'active' AND row_key = 'fees'"
    ).fetchone()
    assert text == "8827.8344" and value == pytest.approx(8827.8344)
    assert db.execute("SELECT valid, errors FROM reports WHERE file = 'r1.txt'").fetchone() == (
        0,
        1,
    )
    assert db.execute("SELECT rule FROM findings").fetchall() == [("requests-balance",)]
    assert db.execute("SELECT count(*) FROM sections").fetchone()[0] == 18
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    label = db.execute(
        "SELECT label, value FROM report_cells WHERE file = 'r0.txt' AND row_key = 'granted' AND column_key = 'total'"
    ).fetchone()
    assert label[0] == "（一）予以公开 / 总计"
    assert label[1] == records[0]["tables"]["requests"]["rows"]["granted"]["total"]["value"]
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"cells_key", "findings_rule", "reports_agency_year"} <= indexes


def test_sqlite_replaces_an_existing_file(tmp_path) -> None:
    path = tmp_path / "out.db"
    path.write_bytes(b"old")
    _write("sqlite", str(path))
    assert sqlite3.connect(path).execute("SELECT count(*) FROM reports").fetchone()[0] == 3


def test_file_formats_need_an_output_path() -> None:
    from xxgk.errors import ConfigError

    with pytest.raises(ConfigError, match="-o FILE"):
        open_sink("xlsx", None)
    with pytest.raises(ConfigError, match="xxgk parse"):
        open_sink("sqlite", "x.db", command="check")


def test_every_query_in_docs_sqlite_runs(tmp_path) -> None:
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "sqlite.md").read_text("utf-8")
    queries = re.findall(r"```sql\n(.*?)```", doc, flags=re.S)
    assert len(queries) >= 6
    path = str(tmp_path / "out.db")
    _write("sqlite", path)
    db = sqlite3.connect(path)
    for query in queries:
        db.execute(query).fetchall()  # raises on a column or table the docs name wrongly
    rows = db.execute(queries[0]).fetchall()
    assert len(rows) == 3 and all(isinstance(r[2], int) for r in rows)
