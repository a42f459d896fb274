"""``xxgk office rollup``: the Σ of the chosen units' tables for a year, as a
:class:`~xxgk.model.Report` (same JSON; ``xxgk render`` renders it), with the units that
contributed to every cell, the units left out and why, the rules run on the sum, and — given
the government's published report — every cell where it differs from the sum.

Only units whose report for the year is usable (filed, late or changed after publication,
with no error findings) are summed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from xxgk import form
from xxgk.model import Cell, Meta, Report, SectionText, Table
from xxgk.office.status import STATUS_ZH, USABLE, chosen_reports
from xxgk.store import Store
from xxgk.store import office as q
from xxgk.store import units as uq

Key = tuple[str, str, str]
TABLES = ("active", "requests", "appeals")


@dataclass
class Rollup:
    report: Report
    units: list[str]
    left_out: list[dict[str, str]]
    contributors: dict[Key, list[str]]
    differences: list[dict[str, Any]] | None = None
    against: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = self.report.to_dict()
        out["rollup"] = {
            "units": self.units,
            "left_out": self.left_out,
            "contributors": {".".join(k): v for k, v in self.contributors.items()},
        }
        if self.differences is not None:
            out["differences"] = self.differences
            out["rollup"]["against"] = self.against
        return out


def rollup(
    *,
    store: Store,
    year: int,
    units: Sequence[str] | None = None,
    children_of: str | None = None,
    against: str | os.PathLike[str] | Report | None = None,
) -> Rollup:
    """Sum the usable reports of the chosen units for ``year``."""
    from xxgk.api import check

    chosen, judged = chosen_reports(store=store, years=[year], units=units, children_of=children_of)
    used, left_out = [], []
    for u in chosen:
        state, stored = judged[(u.code, year)]
        reason = _left_out_reason(state, stored)
        if reason:
            left_out.append({"unit": u.code, "name": u.name, "reason": reason})
        elif stored is not None:
            used.append((u.code, stored.id))
    sums, contributors = _sum(store, used)
    report = _report(store, year, children_of, sums)
    report.sections = _sections(len(used), left_out)
    report.findings = check(report)
    result = Rollup(report, [c for c, _ in used], left_out, contributors)
    if against is not None:
        published = _published(against)
        result.against = None if isinstance(against, Report) else os.fspath(against)
        result.differences = differences(report, published)
    return result


def _sections(count: int, left_out: list[dict[str, str]]) -> list[SectionText]:
    overview = f"本报告由{count}个单位的年度报告逐项相加而成。"
    if left_out:
        overview += "未计入：" + "；".join(f"{x['name']}（{x['reason']}）" for x in left_out) + "。"
    texts = {"overview": overview, "problems": "（汇总报告不含此部分。）", "other": "（无。）"}
    return [SectionText(s.key, s.heading, texts.get(s.key, "")) for s in form.SECTIONS]


def _left_out_reason(state: str, report: q.StoredReport | None) -> str | None:
    if state not in USABLE:
        return STATUS_ZH[state]
    if report is not None and report.errors:
        return f"报告有 {report.errors} 个错误"
    return None


def _sum(
    store: Store, used: list[tuple[str, int]]
) -> tuple[dict[Key, int | Decimal], dict[Key, list[str]]]:
    """The sums, and per cell the units that printed it (the database adds; only a cell some
    unit left out needs its printers looked up)."""
    ids = [rid for _, rid in used]
    totals = q.cell_totals(store=store, report_ids=ids)
    everyone = [code for code, _ in used]
    unit_of = {rid: code for code, rid in used}
    sums: dict[Key, int | Decimal] = {}
    contributors: dict[Key, list[str]] = {}
    for key, (count, total) in totals.items():
        sums[key] = total
        if count == len(used):
            contributors[key] = everyone
        else:
            found = q.printers(store=store, report_ids=ids, key=key)
            contributors[key] = [unit_of[rid] for _, rid in used if rid in found]
    return sums, contributors


def _report(
    store: Store, year: int, children_of: str | None, sums: dict[Key, int | Decimal]
) -> Report:
    edition = form.edition_for_year(year)
    parent = uq.get_unit(store=store, code=children_of) if children_of else None
    agency = f"{parent.name}所属单位汇总" if parent else "所选单位汇总"
    meta = Meta(
        agency=agency,
        agency_from="data",
        year=year,
        year_from="data",
        edition=edition,
        title=f"{agency}{year}年政府信息公开工作年度报告（汇总）",
        format="data",
    )
    tables: dict[str, Table | None] = {}
    for name in TABLES:
        table = Table(name, edition)
        for (t, r, c), value in sorted(sums.items(), key=lambda kv: _order(kv[0], edition)):
            if t == name:
                table.set(r, c, Cell.of(value, form.FORM_UNITS.get((edition, r, c))))
        if name == "active" and table.rows:
            table.blocks = {b.key: edition for b in form.active_blocks(edition)}
        tables[name] = table if table.rows else None
    return Report(meta, tables, [], [])


@cache
def _positions(table: str, edition: str) -> dict[tuple[str, str], int]:
    return {key: i for i, key in enumerate(form.cell_keys(table, edition))}


def _order(key: Key, edition: str) -> tuple[int, str, str]:
    t, r, c = key
    return (_positions(t, edition).get((r, c), 10_000), r, c)


def _published(against: str | os.PathLike[str] | Report) -> Report:
    if isinstance(against, Report):
        return against
    from xxgk.render.inputs import load

    return load(os.fspath(against))


def differences(summed: Report, published: Report) -> list[dict[str, Any]]:
    """Every cell where the published report and the sum differ (a cell one of them lacks
    counts as ``null``), in form order."""
    keys: set[Key] = set()
    for report in (summed, published):
        for name in TABLES:
            table = report.table(name)
            if table is not None:
                keys |= {(name, r, c) for r, c, cell in table.cells() if cell.value is not None}
    edition = summed.meta.edition or "2021"
    out = []
    for t, r, c in sorted(keys, key=lambda k: (TABLES.index(k[0]), *_order(k, edition))):
        a, b = _value(summed, t, r, c), _value(published, t, r, c)
        if a != b:
            out.append({"table": t, "row": r, "column": c, "sum": a, "published": b})
    return out


def _value(report: Report, t: str, r: str, c: str) -> int | Decimal | None:
    table = report.table(t)
    return None if table is None else table.value(r, c)
