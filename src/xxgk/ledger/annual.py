"""The annual report on the desk: tables 三 (``requests``) and 四 (``appeals``) computed from
the ledger, table 二 (``active``) and the six sections as the officer edits them, the figures
in the prose generated from the tables (so F3 holds by construction), the findings live, and
the draft kept and submitted through the submission workflow (:mod:`xxgk.office.submission`).

The officer's text of sections 三 and 四 follows one generated sentence that quotes the
tables; that sentence is rebuilt from the ledger every time, never typed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from xxgk import form
from xxgk.errors import LedgerError
from xxgk.ledger.book import Ledger
from xxgk.model import Cell, Report, SectionText, Table

GENERATED_MARK = "本年度"


def figures_sentence(report: Report, key: str) -> str | None:
    """The generated sentence of section 三 or 四 (numbers from the tables)."""
    if key == "requests":
        t = report.table("requests")
        if t is None:
            return None
        v = {
            r: t.value(r, "total")
            for r in ("new_received", "carried_over", "total", "carried_forward")
        }
        return (
            f"本年度新收政府信息公开申请{v['new_received']}件，上年结转政府信息公开申请{v['carried_over']}件，"
            f"办结{v['total']}件，结转下年度继续办理{v['carried_forward']}件。"
        )
    if key == "appeals":
        t = report.table("appeals")
        if t is None:
            return None
        review = t.value("review", "total")
        suits = sum(
            int(t.value(r, "total") or 0) for r in ("lawsuit_direct", "lawsuit_after_review")
        )
        return f"本年度因政府信息公开被申请行政复议{review}件，被提起行政诉讼{suits}件。"
    return None


def _own_text(text: str, generated: str | None) -> str:
    """The officer's part of a section (the generated first line removed)."""
    first, _, rest = text.partition("\n")
    if generated is not None and first.startswith(GENERATED_MARK):
        return rest
    return text


def saved_draft(ledger: Ledger, year: int) -> tuple[dict[str, dict[str, str]], dict[str, str], Any]:
    """``(active values, own section texts, submission)`` of the unit's saved draft."""
    from xxgk.office import submission as sub

    current = sub.get_current(store=ledger.store, unit=ledger.unit, year=year)
    if current is None:
        return {}, {}, None
    version = sub.get_version(
        store=ledger.store, unit=ledger.unit, year=year, version=current.version
    )
    if version is None:
        return {}, {}, current
    report = version.report()
    active: dict[str, dict[str, str]] = {}
    table = report.table("active")
    if table is not None:
        for row, cells in table.rows.items():
            active[row] = {
                c: str(cell.value) for c, cell in cells.items() if cell.value is not None
            }
    texts = {s.key: _own_text(s.text, figures_sentence(report, s.key)) for s in report.sections}
    return active, texts, current


def build(
    ledger: Ledger, year: int, active: dict[str, dict[str, str]], texts: dict[str, str]
) -> Report:
    """The whole report: the ledger's tables, the edited table 二 and sections."""
    report = ledger.report(year)
    edition = report.meta.edition or form.edition_for_year(year)
    report.tables["active"] = active_table(active, edition)
    sections = []
    for key, title in ((s.key, s.title) for s in form.SECTIONS):
        own = (texts.get(key) or "").strip()
        generated = figures_sentence(report, key)
        text = "\n".join(p for p in (generated, own) if p)
        sections.append(SectionText(key, title, text))
    report.sections = sections
    return report


def active_table(values: dict[str, dict[str, str]], edition: str) -> Table:
    table = Table("active", edition)
    for block in form.ACTIVE_BLOCKS[edition]:
        for row in block.rows:
            for column in block.columns:
                raw = (values.get(row.key, {}).get(column.key) or "").strip()
                if not raw:
                    continue
                try:
                    number = Decimal(raw)
                except InvalidOperation:
                    raise LedgerError(
                        f"active.{row.key}.{column.key}: not a number: {raw!r}",
                        field=f"active.{row.key}.{column.key}",
                        zh=f"第二部分“{row.label}”“{column.label}”应为数字：{raw}",
                    ) from None
                table.set(row.key, column.key, Cell.of(number))
    return table


def page(
    ledger: Ledger, year: int, edits: tuple[dict[str, dict[str, str]], dict[str, str]] | None = None
) -> dict[str, Any]:
    """The annual-report page: tables with drill-down, the editable parts, findings, state."""
    from xxgk.api import check

    active, texts, current = saved_draft(ledger, year)
    if edits is not None:
        active, texts = edits
    report = build(ledger, year, active, texts)
    edition = report.meta.edition or form.edition_for_year(year)
    findings = [f for f in check(report) if f.rule != "parse"]
    return {
        "unit": ledger.unit,
        "year": year,
        "edition": edition,
        "tables": {name: _grid(report, name, edition) for name in ("requests", "appeals")},
        "active": _active_form(active, edition),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "own": texts.get(s.key, ""),
                "generated": figures_sentence(report, s.key),
            }
            for s in report.sections
        ],
        "findings": [f.to_dict() for f in findings],
        "submission": current.to_dict() | {"label": current.label} if current else None,
        "report": report.to_dict(),
    }


def _grid(report: Report, name: str, edition: str) -> dict[str, Any]:
    table = report.table(name)
    assert table is not None
    columns = [c.key for c in form.columns(name, edition)]
    return {
        "columns": [{"key": c, "label": form.column_label(name, c, edition)} for c in columns],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "cells": [
                    {"column": c, "value": table.value(row.key, c), "cell": f"{name}.{row.key}.{c}"}
                    for c in columns
                ],
            }
            for row in form.rows(name, edition)
        ],
    }


def _active_form(values: dict[str, dict[str, str]], edition: str) -> list[dict[str, Any]]:
    return [
        {
            "block": block.key,
            "columns": [{"key": c.key, "label": c.label} for c in block.columns],
            "rows": [
                {
                    "key": r.key,
                    "label": r.label,
                    "values": {c.key: values.get(r.key, {}).get(c.key, "") for c in block.columns},
                }
                for r in block.rows
            ],
        }
        for block in form.ACTIVE_BLOCKS[edition]
    ]


def drill(ledger: Ledger, year: int, cell: str) -> dict[str, Any]:
    """The requests (or appeal cases) behind one cell."""
    ids = ledger.explain(year, cell)
    return {
        "unit": ledger.unit,
        "year": year,
        "cell": cell,
        "ids": ids,
        "appeals": cell.startswith("appeals."),
    }


def save(
    ledger: Ledger,
    year: int,
    active: dict[str, dict[str, str]],
    texts: dict[str, str],
    *,
    by: str,
    submit: bool = False,
) -> dict[str, Any]:
    """Keep the draft (and submit it): the submission workflow owns the state."""
    from xxgk.office import submission as sub

    report = build(ledger, year, active, texts)
    sub.save_draft(store=ledger.store, unit=ledger.unit, year=year, report=report, by=by)
    state = sub.submit(store=ledger.store, unit=ledger.unit, year=year, by=by) if submit else None
    current = sub.get_current(store=ledger.store, unit=ledger.unit, year=year)
    return {
        "saved": True,
        "submitted": state is not None,
        "state": current.state if current else None,
    }


def download(ledger: Ledger, year: int, to: str) -> tuple[str, bytes]:
    from xxgk.api import render

    if to not in ("docx", "pdf", "html"):
        raise LedgerError(f"unknown format {to}", zh=f"不支持的格式：{to}", field="format")
    active, texts, _ = saved_draft(ledger, year)
    report = build(ledger, year, active, texts)
    return f"{ledger.unit}-{year}年政府信息公开工作年度报告.{to}", render(
        report, to, allow_errors=True
    )
