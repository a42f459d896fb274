"""A Report in a notebook: ``_repr_html_`` (the three tables as the form prints them, cells
with findings marked) and ``to_frame()`` (one row per printed cell, as in the package).

The HTML needs nothing beyond the standard library; ``to_frame`` needs pandas (``xxgk[data]``).
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

from xxgk import form
from xxgk.model import Finding, Report, Table

STYLE = (
    "<style>.xxgk-report table{border-collapse:collapse;margin:0 0 1em}"
    ".xxgk-report td,.xxgk-report th{border:1px solid #bbb;padding:2px 6px;text-align:right}"
    ".xxgk-report th{text-align:left;font-weight:normal;background:#f4f4f4}"
    ".xxgk-report td.error{background:#fdd}.xxgk-report td.warning{background:#ffe9b3}"
    ".xxgk-report td.info{background:#e6f0ff}</style>"
)
_RANK = {"error": 0, "warning": 1, "info": 2}


def _marks(findings: list[Finding]) -> dict[tuple[Any, Any, Any], list[Finding]]:
    out: dict[tuple[Any, Any, Any], list[Finding]] = defaultdict(list)
    for f in findings:
        out[(f.table, f.row, f.column)].append(f)
    return out


def _cell(table: Table, row: str, column: str, marks: dict) -> str:
    cell = table.cell(row, column)
    # a finding on the cell, or on its whole row (a row total that does not add up)
    found = marks.get((table.name, row, column), []) + marks.get((table.name, row, None), [])
    text = escape(cell.raw) if cell is not None else ""
    if not found:
        return f"<td>{text}</td>"
    worst = min(found, key=lambda f: _RANK.get(f.severity, 3)).severity
    tip = escape("；".join(f"[{f.rule}] {f.message}" for f in found), quote=True)
    return f'<td class="{worst}" title="{tip}">{text}</td>'


def _columns(table: Table, edition: str, row: str) -> tuple[form.Column, ...]:
    return form.columns(table.name, edition, row if table.name == "active" else None)


def table_html(table: Table, marks: dict) -> str:
    edition = table.edition or "2021"
    parts = [f"<table><caption>{escape(form.table_title(table.name))}（{edition}）</caption>"]
    header: tuple[str, ...] = ()
    for row in form.rows(table.name, edition):
        cols = _columns(table, edition, row.key)
        labels = tuple(c.label for c in cols)
        if labels != header:
            parts.append(
                "<tr><th></th>" + "".join(f"<th>{escape(x)}</th>" for x in labels) + "</tr>"
            )
            header = labels
        cells = "".join(_cell(table, row.key, c.key, marks) for c in cols)
        parts.append(f"<tr><th>{escape(row.label)}</th>{cells}</tr>")
    parts.append("</table>")
    return "".join(parts)


def _findings_html(findings: list[Finding]) -> str:
    if not findings:
        return "<p>检查未发现问题。</p>"
    items = "".join(
        f"<li><b>{escape(f.severity)}</b> <code>{escape(f.rule)}</code> {escape(f.message)}</li>"
        for f in findings
    )
    return f"<ul>{items}</ul>"


def report_html(report: Report) -> str:
    """The report's three tables as HTML tables, cells with findings coloured (hover: why)."""
    m = report.meta
    title = escape(m.title or " ".join(str(x) for x in (m.agency, m.year) if x) or "年度报告")
    marks = _marks(report.findings)
    body = [f"<h4>{title}</h4>"]
    for name in form.TABLES:
        table = report.table(name)
        if table is None:
            body.append(f"<p>未找到：{escape(form.table_title(name))}</p>")
        else:
            body.append(table_html(table, marks))
    body.append(_findings_html(report.findings))
    return STYLE + '<div class="xxgk-report">' + "".join(body) + "</div>"


def report_frame(report: Report) -> Any:
    """One row per printed cell, with the columns of the package's ``cells`` resource
    (without ``report_id``) plus the form's ``label``."""
    from xxgk.dataset.frames import pandas
    from xxgk.dataset.rows import cell_rows
    from xxgk.dataset.schema import CELLS

    pd = pandas()
    rows = [row[1:] for row in cell_rows(report.to_dict(), "")]
    df = pd.DataFrame(rows, columns=list(CELLS.names[1:]))
    for name in ("value", *(n for n in CELLS.names if n.startswith("src_") and n != "src_box")):
        df[name] = df[name].astype("Int64")
    df["label"] = [
        _label(t, r, c, report)
        for t, r, c in zip(df.table_key, df.row_key, df.column_key, strict=True)
    ]
    return df


def _label(table: str, row: str, column: str, report: Report) -> str | None:
    t = report.table(table)
    try:
        return form.cell_label(table, row, column, (t.edition if t else None) or "2021")
    except (KeyError, StopIteration):
        return None
