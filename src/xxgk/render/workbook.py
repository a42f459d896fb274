"""The fill-in workbook (XLSX): write the template, read a filled one back.

Sheets: ``基本信息`` (agency, year, edition), ``表二`` ``表三`` ``表四`` (the three
tables in the form's own layout, merged cells included) and ``正文`` (the six
sections). Value cells carry data validation (whole numbers ≥ 0; decimals ≥ 0 for
money; any whole number for 本年增/减) and the totals are live ``SUM`` formulas.

Reading back never trusts the officer's typing: text in a number cell, a negative
count or a fraction becomes a ``workbook-cell`` finding naming sheet and cell
(``表三!D7: “十二” 不是数字``), and the rendering stops on it like on any error.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from xxgk import form
from xxgk.errors import UnreadableSource
from xxgk.model import Cell, Meta, Report, SectionText, Source, Table
from xxgk.output.cells import set_text
from xxgk.render import content, layout

META_SHEET = "基本信息"
TEXT_SHEET = "正文"
TABLE_SHEETS = {"active": "表二", "requests": "表三", "appeals": "表四"}
FIRST_ROW = 3  # row 1: the section heading; row 2: a note; the grid starts on row 3
META_FIELDS = (
    ("agency", "机关名称"),
    ("year", "报告年度"),
    ("edition", "格式版本"),
    ("title", "报告标题（可不填）"),
)
NOTE = "请只在白色数字格内填写整数（金额可填小数）；灰色“总计”格为自动求和公式，请勿改写。"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GREY = PatternFill("solid", fgColor="E7E6E6")


def address(sheet: str, grid_row: int, grid_col: int) -> str:
    """``表三!D7`` for a grid position."""
    return f"{sheet}!{get_column_letter(grid_col + 1)}{grid_row + FIRST_ROW}"


# --------------------------------------------------------------------------- writing


def template(edition: str, *, agency: str | None = None, year: int | None = None) -> bytes:
    """An empty workbook for ``edition``, optionally with agency and year filled in."""
    report = Report(Meta(agency=agency, year=year, edition=edition))
    for name in form.TABLES:
        report.tables[name] = Table(name, edition)
    report.sections = [SectionText(s.key, s.heading, "") for s in form.SECTIONS]
    return write(report)


def write(report: Report) -> bytes:
    """The workbook for ``report`` (values filled in where the report has them)."""
    book = Workbook()
    _meta_sheet(book.active, report)
    for name, sheet_name in TABLE_SHEETS.items():
        _table_sheet(book.create_sheet(sheet_name), report, name)
    _text_sheet(book.create_sheet(TEXT_SHEET), report)
    book.calculation.fullCalcOnLoad = True  # no cached results: every spreadsheet recomputes
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _meta_sheet(ws, report: Report) -> None:
    ws.title = META_SHEET
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 50
    values = {
        "agency": report.meta.agency,
        "year": report.meta.year,
        "edition": content.edition(report),
        "title": report.meta.title,
    }
    for i, (key, label) in enumerate(META_FIELDS, start=1):
        ws.cell(i, 1, label).font = Font(bold=True)
        set_text(ws.cell(i, 2), values[key])  # the officer's text, never a formula
    year = DataValidation(type="whole", operator="between", formula1="2008", formula2="2100")
    year.error, year.showErrorMessage = "报告年度应为四位年份", True
    edition = DataValidation(type="list", formula1='"2019,2021"')
    ws.add_data_validation(year)
    ws.add_data_validation(edition)
    year.add("B2")
    edition.add("B3")
    ws.cell(6, 1, "说明").font = Font(bold=True)
    ws.cell(
        6,
        2,
        f"格式版本 2019 = {form.EDITION_DOCUMENTS['2019']}；2021 = {form.EDITION_DOCUMENTS['2021']}",
    )
    ws.cell(6, 2).alignment = Alignment(wrap_text=True)


def _table_sheet(ws, report: Report, name: str) -> None:
    data = report.table(name)
    grid = layout.grid(name, content.edition(report, data))
    ws.cell(1, 1, form.section(name).heading).font = Font(bold=True, size=14)
    ws.cell(2, 1, NOTE).font = Font(size=9, color="666666")
    formulas = _formulas(grid)
    validations = _validations(ws)
    for cell in grid.cells:
        _write_cell(ws, report, data, cell, formulas, validations)
    _merge(ws, grid)
    _widths(ws, name, grid)
    _heights(ws, name, grid)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.freeze_panes = ws.cell(FIRST_ROW + grid.header_rows, 1)


def _write_cell(ws, report: Report, data, cell: layout.GridCell, formulas, validations) -> None:
    target = ws.cell(cell.row + FIRST_ROW, cell.col + 1)
    target.border = BORDER
    target.alignment = Alignment(
        horizontal="center",
        vertical="center",
        wrap_text=True,
        text_rotation=255 if cell.vertical else 0,
    )
    if cell.kind != layout.VALUE:
        target.value = cell.text or None
        return
    assert cell.key is not None
    if (cell.row, cell.col) in formulas:
        target.value = formulas[(cell.row, cell.col)]
        target.font = Font(color="555555")
        target.fill = GREY
        return
    set_text(target, _typed(data.cell(*cell.key) if data is not None else None))
    validations[_kind(cell.key)].add(target.coordinate)


def _typed(cell: Cell | None) -> Any:
    if cell is None or cell.value is None:
        return cell.raw if cell is not None and cell.raw else None
    return cell.value


def _kind(key: tuple[str, str]) -> str:
    if key in form.MONEY_COLUMNS:
        return "money"
    return "signed" if key[1] in form.SIGNED_COLUMNS else "count"


def _validations(ws) -> dict[str, DataValidation]:
    count = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    count.error = "请填写大于或等于 0 的整数"
    money = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    money.error = "请填写大于或等于 0 的数字"
    signed = DataValidation(
        type="whole", operator="between", formula1="-1000000000", formula2="1000000000"
    )
    signed.error = "请填写整数（减少用负数，如 -3）"
    out = {"count": count, "money": money, "signed": signed}
    for dv in out.values():
        dv.showErrorMessage = True
        dv.errorTitle = "数字格式不对"
        dv.allow_blank = True
        ws.add_data_validation(dv)
    return out


def _formulas(grid: layout.Grid) -> dict[tuple[int, int], str]:
    """Live totals: R2 across each requests row, R3 down each column, R4–R6 per appeal."""
    at = {c.key: (c.row, c.col) for c in grid.values() if c.key is not None}
    out: dict[tuple[int, int], str] = {}
    if grid.table == "requests":
        for row in form.rows("requests", grid.edition):
            parts = [at[(row.key, col)] for col in form.APPLICANT_TYPES]
            out[at[(row.key, "total")]] = _sum(parts)
        for col in form.APPLICANT_TYPES:
            out[at[("total", col)]] = _sum([at[(r, col)] for r in form.outcome_rows(grid.edition)])
    elif grid.table == "appeals":
        for row in form.APPEALS_ROWS:
            parts = [at[(row.key, c)] for c in ("upheld", "corrected", "other", "pending")]
            out[at[(row.key, "total")]] = _sum(parts)
    return out


def _ref(pos: tuple[int, int]) -> str:
    return f"{get_column_letter(pos[1] + 1)}{pos[0] + FIRST_ROW}"


def _sum(positions: list[tuple[int, int]]) -> str:
    """``=SUM(D5:I5)`` for a contiguous run, ``=SUM(D5,D7)`` otherwise."""
    rows = {p[0] for p in positions}
    cols = {p[1] for p in positions}
    contiguous = (len(rows) == 1 and max(cols) - min(cols) + 1 == len(cols)) or (
        len(cols) == 1 and max(rows) - min(rows) + 1 == len(rows)
    )
    if contiguous:
        return f"=SUM({_ref(positions[0])}:{_ref(positions[-1])})"
    return "=SUM(" + ",".join(_ref(p) for p in positions) + ")"


def _merge(ws, grid: layout.Grid) -> None:
    for cell in grid.cells:
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=cell.row + FIRST_ROW,
                start_column=cell.col + 1,
                end_row=cell.row + FIRST_ROW + cell.rowspan - 1,
                end_column=cell.col + cell.colspan,
            )


def _widths(ws, name: str, grid: layout.Grid) -> None:
    widths = {
        "active": (26, 16, 16, 16),
        "requests": (5, 14, 34) + (10,) * 7,
        "appeals": (8,) * 15,
    }[name]
    for i, width in enumerate(widths[: grid.n_cols], start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _heights(ws, name: str, grid: layout.Grid) -> None:
    """Taller rows where a label wraps (spreadsheets do not grow merged rows themselves)."""
    if name != "requests":
        return
    for cell in grid.cells:
        if cell.kind == layout.LABEL and cell.col == 2 and len(cell.text) > 17:
            lines = -(-len(cell.text) // 17)
            ws.row_dimensions[cell.row + FIRST_ROW].height = 15 * lines


def _text_sheet(ws, report: Report) -> None:
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 100
    ws.cell(1, 1, "标题").font = Font(bold=True)
    ws.cell(1, 2, "正文（可分段，每段一行）").font = Font(bold=True)
    for i, part in enumerate(content.parts(report), start=2):
        set_text(ws.cell(i, 1), part.heading)
        body = set_text(ws.cell(i, 2), "\n".join(part.paragraphs) or None)
        body.alignment = Alignment(wrap_text=True, vertical="top")


# --------------------------------------------------------------------------- reading

_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


@dataclass
class _Reading:
    """What reading a workbook collects: the report (its findings name the cells)."""

    report: Report
    file: str | None


def read(source: str | Path | bytes, name: str | None = None) -> Report:
    """A Report from a filled workbook; typos become ``workbook-cell`` findings."""
    file = name or (None if isinstance(source, bytes) else Path(source).name)
    try:
        stream = io.BytesIO(source) if isinstance(source, bytes) else source
        formulas = load_workbook(stream, data_only=False)
        if isinstance(stream, io.BytesIO):
            stream.seek(0)
        cached = load_workbook(stream, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise UnreadableSource(
            f"not a readable XLSX workbook ({type(exc).__name__}: {exc})", path=file
        ) from exc
    _require_sheets(formulas, file)
    reading = _Reading(Report(_read_meta(formulas[META_SHEET], file)), file)
    for index, (name_, sheet) in enumerate(TABLE_SHEETS.items()):
        _read_table(reading, formulas[sheet], cached[sheet], name_, index)
    reading.report.sections = _read_sections(formulas[TEXT_SHEET])
    return reading.report


def _require_sheets(book, file: str | None) -> None:
    missing = [
        s for s in (META_SHEET, *TABLE_SHEETS.values(), TEXT_SHEET) if s not in book.sheetnames
    ]
    if missing:
        raise UnreadableSource(
            f"not an xxgk fill-in workbook: sheet(s) {'、'.join(missing)} missing (make one with `xxgk template`)",
            path=file,
        )


def _read_meta(ws, file: str | None) -> Meta:
    values = {key: ws.cell(i, 2).value for i, (key, _label) in enumerate(META_FIELDS, start=1)}
    year = values["year"]
    try:
        year = int(str(year).strip().rstrip("年")) if year not in (None, "") else None
    except ValueError:
        year = None
    edition = str(values["edition"] or "").strip() or None
    agency = str(values["agency"]).strip() if values["agency"] else None
    title = str(values["title"]).strip() if values["title"] else None
    return Meta(
        agency=agency,
        agency_from="data",
        year=year,
        year_from="data",
        edition=edition if edition in form.EDITIONS else None,
        title=title,
        file=file,
        format="xlsx",
    )


def _layout_edition(ws, name: str, hint: str | None) -> str:
    """The edition whose labels the sheet prints (the 基本信息 field may be stale)."""
    candidates = [hint] if hint in form.EDITIONS else []
    candidates += [e for e in reversed(form.EDITIONS) if e not in candidates]
    for edition in candidates:
        grid = layout.grid(name, edition)
        labels = [c for c in grid.cells if c.kind in (layout.HEADER, layout.LABEL) and c.text]
        if all(_text(ws.cell(c.row + FIRST_ROW, c.col + 1).value) == c.text for c in labels):
            return edition
    sheet = TABLE_SHEETS[name]
    raise UnreadableSource(
        f"sheet {sheet} is not in the form's layout (were labels or rows changed?)"
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _read_table(reading: _Reading, ws, cached_ws, name: str, index: int) -> None:
    report = reading.report
    edition = _layout_edition(ws, name, report.meta.edition)
    if report.meta.edition is None:
        report.meta.edition = edition
    grid = layout.grid(name, edition)
    table = Table(name, edition)
    if name == "active":
        table.blocks = {b.key: edition for b in form.active_blocks(edition)}
    values: dict[tuple[int, int], Cell] = {}
    for cell in grid.values():
        assert cell.key is not None
        values[(cell.row, cell.col)] = _read_cell(reading, ws, cached_ws, grid, cell, index, values)
    for cell in grid.values():
        assert cell.key is not None
        table.set(cell.key[0], cell.key[1], values[(cell.row, cell.col)])
    report.tables[name] = table


def _read_cell(reading, ws, cached_ws, grid, cell: layout.GridCell, index: int, values) -> Cell:
    row, col = cell.row + FIRST_ROW, cell.col + 1
    raw_value = ws.cell(row, col).value
    source = Source(table=index, row=row - 1, col=col - 1, file=reading.file)
    if isinstance(raw_value, str) and raw_value.startswith("="):
        cached = cached_ws.cell(row, col).value
        if cached is None:  # saved by openpyxl, not by a spreadsheet: no cached result
            cached = evaluate_sum(raw_value, values)
        return _value_cell(reading, cached, grid, cell, source, derived=True)
    return _value_cell(reading, raw_value, grid, cell, source)


_REF = re.compile(r"([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?")


def evaluate_sum(formula: str, values: dict[tuple[int, int], Cell]) -> int | Decimal | None:
    """The value of a ``=SUM(...)`` total from cells already read (empty or bad → 0);
    ``None`` for a formula that is not a plain SUM of cell ranges."""
    match = re.fullmatch(r"=\s*SUM\((.*)\)\s*", formula.upper())
    if not match:
        return None
    total: int | Decimal = 0
    for part in match.group(1).split(","):
        ref = _REF.fullmatch(part.strip())
        if not ref:
            return None
        total += sum(_range_values(ref, values))
    return total


def _range_values(ref: re.Match, values: dict[tuple[int, int], Cell]):
    from openpyxl.utils import column_index_from_string

    c1, r1 = column_index_from_string(ref.group(1)), int(ref.group(2))
    c2 = column_index_from_string(ref.group(3)) if ref.group(3) else c1
    r2 = int(ref.group(4)) if ref.group(4) else r1
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            cell = values.get((r - FIRST_ROW, c - 1))
            if cell is not None and cell.value is not None:
                yield cell.value


def _value_cell(
    reading: _Reading,
    value: Any,
    grid: layout.Grid,
    cell: layout.GridCell,
    source: Source,
    derived: bool = False,
) -> Cell:
    """A typed value → Cell, with a finding when it is no valid number for the cell. A
    ``derived`` (formula) cell reports nothing itself: the cells it adds up already did."""
    assert cell.key is not None
    if value is None or (isinstance(value, str) and not value.strip()):
        return Cell("", None, None, source)
    number, raw = _number(value)
    kind = _kind(cell.key)
    problem = _judge(number, raw, kind)
    if problem and not derived:
        where = address(TABLE_SHEETS[grid.table], cell.row, cell.col)
        _problem(reading, grid.table, cell.key, source, where, *problem)
    if number is None:
        return Cell(raw, None, None, source)
    typed: int | Decimal = number if kind == "money" or number != int(number) else int(number)
    return Cell(raw, typed, form.FORM_UNITS.get((grid.edition, *cell.key)), source)


def _judge(number: Decimal | None, raw: str, kind: str) -> tuple[str, str] | None:
    """What is wrong with a typed value, in Chinese and English (R7), or None."""
    if number is None:
        return f"“{raw}” 不是数字", f"{raw!r} is not a number"
    if kind != "money" and number != int(number):
        return f"“{raw}” 不是整数", f"{raw!r} is not a whole number"
    if number < 0 and kind != "signed":
        return f"“{raw}” 不能为负数", f"{raw!r} must not be negative"
    return None


def _number(value: Any) -> tuple[Decimal | None, str]:
    """A cell's number and its text; ``None`` when it is no number at all."""
    if isinstance(value, bool):
        return None, str(value)
    if isinstance(value, int):
        return Decimal(value), str(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
        return number, content.number_text(number)
    if isinstance(value, Decimal):
        return value, content.number_text(value)
    text = str(value).strip()
    plain = text.replace(",", "").replace("，", "")
    if not _NUMBER.fullmatch(plain):
        return None, text
    try:
        return Decimal(plain), text
    except InvalidOperation:
        return None, text


def _problem(
    reading: _Reading, table: str, key, source: Source, where: str, zh: str, en: str
) -> None:
    from xxgk.rules import finding
    from xxgk.rules import workbook as _rule  # noqa: F401  (registers workbook-cell)

    reading.report.findings.append(
        finding(
            "workbook-cell",
            table=table,
            row=key[0],
            column=key[1],
            params={"where": where, "problem": zh, "problem_en": en},
            source=source,
        )
    )


def _read_sections(ws) -> list[SectionText]:
    out = []
    for i, sec in enumerate(form.SECTIONS, start=2):
        heading = _text(ws.cell(i, 1).value) or sec.heading
        text = "\n".join(
            line.strip() for line in _text(ws.cell(i, 2).value).splitlines() if line.strip()
        )
        out.append(SectionText(sec.key, heading, text))
    return out
