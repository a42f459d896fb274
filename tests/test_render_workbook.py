"""The fill-in workbook: layout, validation, live totals, reading back, typo findings."""

from __future__ import annotations

import io
import random
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

import xxgk
from xxgk import form
from xxgk.errors import RenderBlocked, UnreadableSource
from xxgk.render import workbook
from xxgk.synth.reports import make_report


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("edition", form.EDITIONS)
def test_template_layout(edition):
    book = _book(workbook.template(edition, agency="示例市示例区人民政府", year=2022))
    assert book.sheetnames == ["基本信息", "表二", "表三", "表四", "正文"]
    assert book["基本信息"]["B1"].value == "示例市示例区人民政府"
    assert book["基本信息"]["B3"].value == edition
    ws = book["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # grid starts on row 3: corner A3:C5, 申请人情况 D3:J3, 法人或其他组织 E4:I4, 自然人 D4:D5
    assert {"A3:C5", "D3:J3", "E4:I4", "D4:D5", "J4:J5"} <= merged
    n_results = 20 if edition == "2019" else 22
    assert f"A8:A{8 + n_results - 1}" in merged  # 三、本年度办理结果, vertical
    assert ws["A8"].value == "三、本年度办理结果" and ws["A8"].alignment.text_rotation == 255
    assert ws["A6"].value == "一、本年新收政府信息公开申请数量" and "A6:C6" in merged
    appeals = {str(r) for r in book["表四"].merged_cells.ranges}
    assert {"A3:E3", "F3:O3", "F4:J4", "K4:O4", "A4:A5"} <= appeals


def test_validation_and_live_totals():
    book = _book(workbook.template("2021"))
    ws = book["表三"]
    # row 6 = 一、本年新收: D..I applicants, J total = SUM
    assert ws["J6"].value == "=SUM(D6:I6)"
    total_row = 8 + 21  # 21 outcome rows from row 8, then （七）总计
    assert ws[f"A{total_row}"].value is None and ws[f"B{total_row}"].value == "（七）总计"
    assert ws[f"D{total_row}"].value == f"=SUM(D8:D{total_row - 1})"
    rules = {
        (dv.type, dv.operator, dv.formula1): str(dv.sqref)
        for dv in ws.data_validations.dataValidation
    }
    counts = rules[("whole", "greaterThanOrEqual", "0")]
    assert "D6" in counts.split() and "J6" not in counts.split()  # formulas are not inputs
    active = book["表二"].data_validations.dataValidation
    kinds = {(dv.type, dv.operator) for dv in active if str(dv.sqref)}
    assert ("decimal", "greaterThanOrEqual") in kinds  # 本年收费金额
    appeals = book["表四"]
    assert appeals["E6"].value == "=SUM(A6:D6)" and appeals["O6"].value == "=SUM(K6:N6)"


def _fill(book, report):
    """Type the report's values into an empty template, as an officer would."""
    from xxgk.render import layout

    for name, sheet in workbook.TABLE_SHEETS.items():
        grid = layout.grid(name, report.table(name).edition)
        for cell in grid.values():
            target = book[sheet].cell(cell.row + workbook.FIRST_ROW, cell.col + 1)
            if isinstance(target.value, str) and target.value.startswith("="):
                continue
            target.value = report.table(name).value(*cell.key)
    for i, sec in enumerate(report.sections, start=2):
        book["正文"].cell(i, 2, sec.text or None)


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10**6), edition=st.sampled_from(form.EDITIONS))
def test_filled_template_round_trips(seed, edition):
    report = make_report(random.Random(seed), edition)
    book = _book(workbook.template(edition, agency=report.meta.agency, year=report.meta.year))
    _fill(book, report)
    back = workbook.read(_save(book), "年报.xlsx")
    assert back.findings == []
    assert (back.meta.agency, back.meta.year, back.meta.edition) == (
        report.meta.agency,
        report.meta.year,
        edition,
    )
    for name in form.TABLES:
        want, got = report.table(name), back.table(name)
        for row, column, cell in want.cells():
            assert got.value(row, column) == cell.value, (name, row, column)
            assert type(got.value(row, column)) is type(cell.value)
    assert [s.text for s in back.sections] == [s.text for s in report.sections]
    assert not [f for f in xxgk.check(back) if f.severity == "error"]


def test_typos_become_findings_naming_sheet_and_cell():
    book = _book(workbook.template("2021", agency="示例局", year=2022))
    ws = book["表三"]
    ws["D7"] = "十二"  # 二、上年结转 / 自然人
    ws["E7"] = -3  # 二、上年结转 / 商业企业
    ws["F7"] = 2.5
    book["表二"]["B16"] = "-1.5"  # 本年收费金额: money may be a decimal but not negative
    back = workbook.read(_save(book), "年报.xlsx")
    messages = [f.message for f in back.findings]
    assert messages == [
        "表二!B16: “-1.5” 不能为负数",
        "表三!D7: “十二” 不是数字",
        "表三!E7: “-3” 不能为负数",
        "表三!F7: “2.5” 不是整数",
    ]
    first = back.findings[1]
    assert (first.rule, first.severity, first.table, first.row, first.column) == (
        "workbook-cell",
        "error",
        "requests",
        "carried_over",
        "natural_person",
    )
    assert back.table("requests").cell("carried_over", "natural_person").raw == "十二"
    assert back.table("active").value("fees", "amount") == Decimal("-1.5")
    with pytest.raises(RenderBlocked) as blocked:
        xxgk.render(back, "md")
    assert any("表三!D7" in f.message for f in blocked.value.findings)


def test_signed_change_may_be_negative():
    book = _book(workbook.template("2019", agency="示例局", year=2020))
    book["表二"]["C9"] = -6  # 行政许可 / 本年增/减
    back = workbook.read(_save(book))
    assert book["表二"]["A9"].value == "行政许可"
    assert back.table("active").value("licensing", "change") == -6
    assert back.findings == []


def test_not_a_workbook_is_one_clear_error(tmp_path):
    with pytest.raises(UnreadableSource, match="not a readable XLSX"):
        workbook.read(b"PK\x03\x04 junk", "bad.xlsx")
    from openpyxl import Workbook

    other = Workbook()
    with pytest.raises(UnreadableSource, match="sheet"):
        workbook.read(_save(other), "other.xlsx")


def test_spreadsheet_recalculates_the_live_totals(tmp_path: Path):
    """LibreOffice Calc opens the template, computes the SUMs and saves cached values."""
    report = make_report(random.Random(11), "2021")
    book = _book(workbook.template("2021", agency="示例局", year=2022))
    _fill(book, report)
    source = tmp_path / "in" / "filled.xlsx"
    source.parent.mkdir()
    source.write_bytes(_save(book))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    saved = (tmp_path / "out" / "filled.xlsx").read_bytes()
    cached = load_workbook(io.BytesIO(saved), data_only=True)["表三"]
    assert cached["J6"].value == report.table("requests").value("new_received", "total")
    back = workbook.read(saved)
    assert back.table("requests").value("total", "total") == report.table("requests").value(
        "total", "total"
    )
