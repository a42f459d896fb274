"""Issue 12, items 7–8: formula injection in XLSX/CSV, raw HTML in Markdown, terminal escapes.

Every hostile text below is written where a user controls it (agency, title, file name, a raw
cell, a request id, a channel); the assertions read the written files back at the XML/CSV level.
"""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl

from xxgk.ledger.book import Ledger
from xxgk.ledger.importer import export
from xxgk.model import Cell
from xxgk.output import csv as csv_out
from xxgk.output import open_sink
from xxgk.output import table as table_out
from xxgk.output.cells import csv_value, is_formula_like
from xxgk.render import markdown, workbook
from xxgk.synth import make_report

ROOT = Path(__file__).resolve().parents[1]
LINK = '=HYPERLINK("http://127.0.0.1/x","点我")'


def _hostile_record() -> dict:
    report = make_report(random.Random(7), "2021", 2023)
    report.meta.agency = LINK
    report.meta.title = "=1+2"
    report.meta.file = "=cmd|' /C calc'!A0.txt"
    report.tables["active"].set("fees", "amount", Cell("@SUM(1,2)", None))
    report.tables["active"].set("punishment", "change", Cell("-6", -6))
    return report.to_dict()


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")
        )


def test_xlsx_output_writes_hostile_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    sink = open_sink("xlsx", str(path), batch=True)
    sink.write(_hostile_record(), None)
    sink.close()
    assert "<f>" not in _sheet_xml(path)
    book = openpyxl.load_workbook(path)
    reports = book["reports"]
    header = [c.value for c in reports[1]]
    row = {h: c for h, c in zip(header, reports[2], strict=False)}
    assert row["agency"].value == LINK and row["agency"].data_type == "s"
    assert row["title"].value == "=1+2" and row["title"].data_type == "s"
    assert row["file"].value.startswith("=cmd")
    active = book["active"]
    keys = [c.value for c in active[1]]
    fees = active[2][keys.index("active.fees.amount")]
    assert (fees.value, fees.data_type) == ("@SUM(1,2)", "s")
    change = active[2][keys.index("active.punishment.change")]
    assert change.value == -6 and change.data_type == "n"  # a number stays a number


def test_csv_neutralises_formulas_but_not_negative_numbers() -> None:
    text = csv_out.header() + csv_out.render(_hostile_record())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert all(r["file"] == "'=cmd|' /C calc'!A0.txt" for r in rows)
    fees = next(r for r in rows if (r["row"], r["column"]) == ("fees", "amount"))
    assert fees["raw"] == "'@SUM(1,2)"
    change = next(r for r in rows if (r["row"], r["column"]) == ("punishment", "change"))
    assert (change["raw"], change["value"]) == ("-6", "-6")


def test_the_owasp_rule_cell_by_cell() -> None:
    for text in ("=1+1", "+SUM(A1)", "-2+3", "@x", "\tx", "\r=1", "-cmd"):
        assert is_formula_like(text) and csv_value(text) == "'" + text
    for value in ("-6", "+3", "-1.5", "12", "-", "减 6", "自然人", -6, Decimal("-8.5"), None):
        assert csv_value(value) == value


def test_check_csv_neutralises_the_file_name() -> None:
    record = {"file": "=x.txt", "findings": [{"rule": "r", "severity": "error", "message": "m"}]}
    (row,) = list(csv.reader(io.StringIO(csv_out.render(record, "check"))))
    assert row[0] == "'=x.txt"


def _hostile_ledger(tmp_path: Path) -> Ledger:
    book = Ledger.init(str(tmp_path / "l.db"), agency="=机关")
    book.add("=2+3", "natural_person", "2025-03-03", channel="@SUM(A1)")
    book.add("R-1", "commercial", "2025-03-04", channel="-x")
    return book


def test_ledger_export_xlsx_and_csv_keep_text_as_text(tmp_path: Path) -> None:
    book = _hostile_ledger(tmp_path)
    export(book, tmp_path / "x.xlsx")
    assert "<f>" not in _sheet_xml(tmp_path / "x.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    ids = {sheet.cell(r, 1).value: sheet.cell(r, 1).data_type for r in (2, 3)}
    assert ids == {"=2+3": "s", "R-1": "s"}
    rows = list(csv.DictReader(io.StringIO(export(book) or "")))
    assert {r["request_id"]: r["channel"] for r in rows} == {"'=2+3": "'@SUM(A1)", "R-1": "'-x"}


def test_template_agency_is_text_and_totals_stay_formulas(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook.template("2021", agency=LINK)))
    agency = book[workbook.META_SHEET]["B1"]
    assert (agency.value, agency.data_type) == (LINK, "s")
    totals = [c for row in book["表三"].iter_rows() for c in row if c.data_type == "f"]
    assert totals and all(str(c.value).startswith("=SUM(") for c in totals)
    report = workbook.read(workbook.template("2021", agency=LINK, year=2024))
    assert report.meta.agency == LINK  # read back as the text it is


def test_template_command_agency_is_text(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "xxgk", "template", "--agency", LINK, "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    assert book[workbook.META_SHEET]["B1"].data_type == "s"


# --------------------------------------------------------------------------- item 8


def test_markdown_escapes_raw_html() -> None:
    report = make_report(random.Random(8), "2021", 2023)
    report.meta.agency = "<script>alert(1)</script>区"
    report.meta.title = None
    report.sections[0].text = '概述<img src=x onerror="alert(2)">结束'
    report.tables["active"].set("fees", "amount", Cell("<b>1</b>", None))
    text = markdown.markdown(report)
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;区" in text
    assert "&lt;img src=x onerror=" in text and "&lt;b&gt;1&lt;/b&gt;" in text
    assert text.startswith("<!-- xxgk ")  # our own stamp comment stays


def test_table_output_shows_terminal_escapes_harmlessly() -> None:
    report = make_report(random.Random(9), "2021", 2023)
    report.meta.agency = "\x1b[2J\x1b]0;owned\x07机关\u202e"
    report.meta.title = "标题\x9b31m"
    report.tables["active"].set("fees", "amount", Cell("\x1b[31m5", None))
    text = table_out.render(report.to_dict())
    assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")
    assert "\\x1b[2J" in text and "机关" in text and "\\x1b[31m5" in text
    lines = text.splitlines()
    assert lines and all("\r" not in ln for ln in lines)
