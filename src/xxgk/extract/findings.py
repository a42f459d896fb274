"""Building the parse-phase findings (rules in :mod:`xxgk.rules.parse`) with their numbers."""

from __future__ import annotations

import xxgk.rules.parse  # noqa: F401  (registers the parse rules)
from xxgk import form
from xxgk.extract.align import SAME, Fitted
from xxgk.model import Finding, Source
from xxgk.rules.registry import finding as _finding

_SECTION_EN = {"active": "section 二", "requests": "section 三", "appeals": "section 四"}


def finding(rule_id: str, **kw) -> Finding:
    """:func:`xxgk.rules.registry.finding`, with ``table/row/column`` also filling the templates."""
    params: dict[str, object] = {k: kw[k] or "" for k in ("table", "row", "column") if k in kw}
    params.update(kw.pop("params", None) or {})
    return _finding(rule_id, params=params, **kw)


def _row_label(table: str, row: str, edition: str) -> str:
    try:
        return form.row_label(table, row, edition)
    except KeyError:
        return row


def row_cell_count(
    table: str,
    row: str | None,
    edition: str,
    expected: int,
    fitted: Fitted,
    source: Source | None,
    where,
) -> Finding:
    """Too many or too few cells: what was printed and what was done. ``row`` is None for
    table 四's single data line (all three rows)."""
    if fitted.how == SAME:
        extra = fitted.ignored[0]
        at = where(extra).describe("zh")
        at_en = where(extra).describe("en")
        action = f"所有单元格均印为“{extra.text}”，多出的单元格不影响数值：已按顺序读取前 {expected} 个，忽略{at}起的 {len(fitted.ignored)} 个"
        action_en = (
            f"every cell reads {extra.text!r}, so the extra one changes no value: "
            f"read the first {expected} in order and ignored {len(fitted.ignored)} from {at_en}"
        )
        severity = "warning"
        numbers = {"printed": fitted.printed, "expected": expected}
    else:
        action = "无法确定各数值所属的列，本行数值均未读取（不作推测）"
        action_en = "which column each value belongs to cannot be known, so none of this row's values was read (nothing guessed)"
        severity = "error"
        # unplaced: the printed cells holding something, none read (report-empty is not raised)
        numbers = {"printed": fitted.printed, "expected": expected, "unplaced": len(fitted.ignored)}
    return finding(
        "row-cell-count",
        table=table,
        row=row,
        numbers=numbers,
        params={
            "table_title": form.table_title(table),
            "row": row or "data line",
            "row_label": _row_label(table, row, edition)
            if row
            else "数据行（行政复议、行政诉讼共15列）",
            "action": action,
            "action_en": action_en,
        },
        source=source,
        severity=severity,  # type: ignore[arg-type]
    )


def table_missing(table: str) -> Finding:
    sec = next(s for s in form.SECTIONS if s.table == table)
    return finding(
        "table-missing",
        table=table,
        params={
            "table_title": form.table_title(table),
            "section": sec.heading,
            "section_en": _SECTION_EN[table],
        },
    )


def rows_missing(table: str, rule_id: str, rows: list[str], edition: str) -> Finding:
    return finding(
        rule_id,
        table=table,
        row=rows[0],
        numbers={"missing": len(rows)},
        params={
            "table_title": form.table_title(table),
            "row_label": _row_label(table, rows[0], edition),
        },
    )


def row_missing(table: str, row: str, edition: str) -> Finding:
    return finding(
        "row-missing",
        table=table,
        row=row,
        params={
            "table_title": form.table_title(table),
            "row_label": _row_label(table, row, edition),
        },
    )


def cell_problem(
    rule_id: str, table: str, row: str, column: str, edition: str, raw: str, source: Source
) -> Finding:
    """``empty-cell`` or ``cell-unparsed`` for one placed cell."""
    return finding(
        rule_id,
        table=table,
        row=row,
        column=column,
        numbers={"raw": raw},
        params={
            "cell_label": _cell_label(table, row, column, edition),
            "shown": f"印为“{raw}”" if raw else "未填写",
            "shown_en": f"printed “{raw}”" if raw else "nothing printed",
        },
        source=source,
    )


def _cell_label(table: str, row: str, column: str, edition: str) -> str:
    try:
        return form.cell_label(table, row, column, edition)
    except KeyError:
        return f"{row} / {column}"


def label_unknown(table: str, label: str, printed: int, source: Source) -> Finding:
    return finding(
        "label-unknown",
        table=table,
        numbers={"printed": printed},
        params={"table_title": form.table_title(table), "label": label},
        source=source,
    )


def label_repaired(table: str, row: str, edition: str, printed: str, source: Source) -> Finding:
    return finding(
        "label-repaired",
        table=table,
        row=row,
        params={
            "table_title": form.table_title(table),
            "printed": printed,
            "row_label": _row_label(table, row, edition),
        },
        source=source,
    )


def other_single(source: Source | None) -> Finding:
    return finding(
        "requests-other-single",
        table="requests",
        row="other",
        params={"row_label": form.OTHER_GROUP},
        source=source,
    )


def agency_unnamed(said: str) -> Finding:
    return finding("meta-agency-unknown", params={"said": said})


def cells_by_order(table: str, count: int, source: Source | None, checks: str) -> Finding:
    return finding(
        "cells-by-order",
        table=table,
        numbers={"cells": count},
        params={"table_title": form.table_title(table), "checks": checks},
        source=source,
    )
