"""A checked Report as the check page shows it: the three tables in the form's printed layout
(:mod:`xxgk.render.layout`), every cell that a finding concerns flagged and anchored, each
finding pointing at its cell, the suggested value where one was located, and each cell's
provenance (page, line, table cell) for its ``title``. Pure data: the template only prints it."""

from __future__ import annotations

from typing import Any

from xxgk import form
from xxgk.model import Cell, Finding, Report, Source
from xxgk.render import content, layout

TABLE_NUMBERS = {"active": "二", "requests": "三", "appeals": "四"}
SEVERITY_LABELS = {"error": "错误", "warning": "提醒", "info": "提示"}
FORMAT_LABELS = {"text": "文本", "html": "网页", "docx": "Word", "doc": "Word 97", "pdf": "PDF"}


def anchor_id(table: str, row: str, column: str) -> str:
    return f"cell-{table}-{row}-{column}".replace(".", "_")


def _keys(report: Report, name: str) -> set[tuple[str, str]]:
    data = report.table(name)
    return {c.key for c in layout.grid(name, content.edition(report, data)).values() if c.key}


def target(report: Report, finding: Finding) -> tuple[str, str, str] | None:
    """The cell a finding points at: its suggestion's cell, else its own row/column; a finding
    about a whole row or column points at that row's or column's total."""
    hint = finding.suggestion or {}
    candidates = []
    if hint.get("table") and hint.get("row") and hint.get("column"):
        candidates.append((hint["table"], hint["row"], hint["column"]))
    name = finding.table
    if name in TABLE_NUMBERS:
        if finding.row and finding.column:
            candidates.append((name, finding.row, finding.column))
        elif finding.row:
            candidates.append((name, finding.row, "total"))
        elif finding.column:
            candidates.append((name, "total", finding.column))
    for table, row, column in candidates:
        if table in TABLE_NUMBERS and (row, column) in _keys(report, table):
            return table, row, column
    return None


def describe_source(source: Source | None) -> str:
    if source is None:
        return ""
    place = source.describe("zh")
    if source.line is not None and source.page is not None:
        place += f"第{source.line}行"
    return place


def provenance(cell: Cell | None) -> str:
    """``原文“15” · 第3页第12行`` — what a cell printed and where it was found."""
    if cell is None:
        return "报告中没有这一格"
    parts = [f"原文“{cell.raw}”" if cell.raw else "原文为空"]
    where = describe_source(cell.source)
    if where:
        parts.append(where)
    if cell.unit:
        parts.append(f"单位：{cell.unit}")
    return " · ".join(parts)


def _where(finding: Finding, report: Report) -> str:
    if finding.table not in TABLE_NUMBERS:
        return ""
    edition = content.edition(report, report.table(finding.table))
    bits = [f"表{TABLE_NUMBERS[finding.table]}"]
    if finding.row:
        bits.append(form.row_label(finding.table, finding.row, edition))
    if finding.column:
        bits.append(form.column_label(finding.table, finding.column, edition, row=finding.row))
    return " / ".join(bits)


def _finding(n: int, finding: Finding, report: Report) -> dict[str, Any]:
    aim = target(report, finding)
    hint = finding.suggestion
    suggestion = None
    if hint and "value" in hint:
        suggestion = {
            "value": content.number_text(hint["value"])
            if isinstance(hint["value"], int)
            else str(hint["value"]),
            "printed": hint.get("printed"),
            "reason": hint.get("reason_zh") or hint.get("reason"),
        }
    return {
        "n": n,
        "id": f"finding-{n}",
        "rule": finding.rule,
        "severity": finding.severity,
        "severity_label": SEVERITY_LABELS.get(finding.severity, finding.severity),
        "message": finding.message,
        "where": _where(finding, report),
        "anchor": anchor_id(*aim) if aim else None,
        "cell": list(aim) if aim else None,
        "suggestion": suggestion
        if aim and hint and tuple(aim) == (hint.get("table"), hint.get("row"), hint.get("column"))
        else None,
        "source": describe_source(finding.source),
    }


def _flags(findings: list[dict[str, Any]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    flags: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for item in findings:
        if item["cell"]:
            flags.setdefault(tuple(item["cell"]), []).append(item)
    return flags


def _cell(report: Report, name: str, grid_cell: layout.GridCell, flags: dict) -> dict[str, Any]:
    out: dict[str, Any] = {"rowspan": grid_cell.rowspan, "colspan": grid_cell.colspan}
    if grid_cell.kind != layout.VALUE or grid_cell.key is None:
        kind = "label" if grid_cell.kind == layout.LABEL else grid_cell.kind
        return {
            **out,
            "tag": "td" if grid_cell.kind == layout.BLANK else "th",
            "text": grid_cell.text,
            "class": "vertical" if grid_cell.vertical else kind,
        }
    data = report.table(name)
    row, column = grid_cell.key
    concerned = flags.get((name, row, column), [])
    severity = next(
        (s for s in ("error", "warning", "info") if any(f["severity"] == s for f in concerned)),
        None,
    )
    suggested = next((f["suggestion"]["value"] for f in concerned if f["suggestion"]), None)
    return {
        **out,
        "tag": "td",
        "id": anchor_id(name, row, column),
        "text": content.cell_text(report, data, grid_cell.key),
        "class": "num" + (f" flag-{severity}" if severity else ""),
        "title": provenance(data.cell(row, column) if data else None),
        "findings": [{"id": f["id"], "n": f["n"]} for f in concerned],
        "suggest": suggested,
    }


def _table(report: Report, name: str, flags: dict) -> dict[str, Any]:
    data = report.table(name)
    grid = layout.grid(name, content.edition(report, data))
    rows = [[_cell(report, name, c, flags) for c in grid.row_cells(r)] for r in range(grid.n_rows)]
    return {
        "name": name,
        "id": f"table-{name}",
        "title": form.TABLE_TITLES[name],
        "number": TABLE_NUMBERS[name],
        "missing": data is None,
        "head": rows[: grid.header_rows],
        "body": rows[grid.header_rows :],
    }


def view(report: Report) -> dict[str, Any]:
    """Everything the check page prints for one checked report."""
    findings = [_finding(n, f, report) for n, f in enumerate(report.findings, start=1)]
    flags = _flags(findings)
    meta = report.meta
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_LABELS}
    return {
        "title": content.title(report),
        "meta": {
            "agency": meta.agency,
            "year": meta.year,
            "edition": meta.edition,
            "file": meta.file,
            "format": FORMAT_LABELS.get(meta.format or "", meta.format),
        },
        "valid": report.valid,
        "counts": counts,
        "findings": findings,
        "tables": [_table(report, name, flags) for name in TABLE_NUMBERS],
        "sections": [{"title": s.title, "text": s.text} for s in report.sections],
    }
