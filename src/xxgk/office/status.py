"""``xxgk office status``: per unit for a year — filed, late, missing, wrong year, not a
report, conflict, changed after publication (or exempt) — with the publication date and where
it came from, the edition, error and warning counts, and the findings.

Deadlines are data: 31 January of the next year for departments, towns and others, 31 March
for a government's own consolidated report (Regulation arts. 49–50); an office sets its own per
kind, for the whole store or for the units under one office (:func:`set_deadline`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from xxgk.office.errors import OfficeError
from xxgk.store import Store
from xxgk.store import office as q
from xxgk.store import units as uq
from xxgk.store.office import StoredReport
from xxgk.store.units import KINDS, Unit

DEFAULT_DEADLINES = {"政府": "03-31", "部门": "01-31", "乡镇街道": "01-31", "其他": "01-31"}
STATUSES = (
    "filed",
    "late",
    "missing",
    "wrong_year",
    "not_a_report",
    "conflict",
    "changed_after_publication",
    "exempt",
)
STATUS_ZH = {
    "filed": "已发布",
    "late": "逾期发布",
    "missing": "未发布",
    "wrong_year": "年份不符",
    "not_a_report": "不是年报",
    "conflict": "多份不同报告",
    "changed_after_publication": "发布后被修改",
    "exempt": "免报",
}
USABLE = frozenset({"filed", "late", "changed_after_publication"})


@dataclass
class UnitStatus:
    unit: str
    name: str
    kind: str
    status: str
    flags: list[str] = field(default_factory=list)
    deadline: str | None = None
    published: str | None = None
    published_from: str = "unknown"
    file: str | None = None
    edition: str | None = None
    report_year: int | None = None
    errors: int = 0
    warnings: int = 0
    note: str | None = None
    report_id: int | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "report_id"}
        out["status_zh"] = STATUS_ZH[self.status]
        return out


# ---------------------------------------------------------------- deadlines
def set_deadline(*, store: Store, kind: str, month_day: str, office: str | None = None) -> None:
    """The deadline (``MM-DD`` of the year after the report's) for units of ``kind`` — for the
    whole store, or only for the units under ``office``."""
    if kind not in KINDS:
        raise OfficeError(f"单位类型“{kind}”无效（应为 {'/'.join(KINDS)}）")
    if not re.fullmatch(r"\d{2}-\d{2}", month_day) or not _valid_day(month_day):
        raise OfficeError(f"截止日期“{month_day}”无效（应为 MM-DD，如 01-31）")
    if office and uq.get_unit(store=store, code=office) is None:
        raise OfficeError(f"单位 {office} 不存在")
    with store.transaction():
        q.set_deadline(store=store, scope=office or "", kind=kind, month_day=month_day)


def _valid_day(month_day: str) -> bool:
    try:
        dt.date(2024, int(month_day[:2]), int(month_day[3:]))
    except ValueError:
        return False
    return True


def deadline_of(
    unit: Unit, year: int, table: dict[tuple[str, str], str], parents: dict[str, str | None]
) -> dt.date:
    """The nearest office above ``unit`` with a deadline for its kind, else the store's, else
    the Regulation's."""
    scope = unit.parent_code
    seen: set[str] = set()
    while scope and scope not in seen:
        seen.add(scope)
        if (scope, unit.kind) in table:
            return _date(year, table[(scope, unit.kind)])
        scope = parents.get(scope)
    return _date(year, table.get(("", unit.kind), DEFAULT_DEADLINES[unit.kind]))


def _date(year: int, month_day: str) -> dt.date:
    return dt.date(year + 1, int(month_day[:2]), int(month_day[3:]))


# ---------------------------------------------------------------- choosing a report
def judge(reports: list[StoredReport], year: int, changed: bool) -> tuple[str, StoredReport | None]:
    """The status of one unit-year from its current reports, and the report it rests on."""
    real = [r for r in reports if r.is_report]
    if not real:
        return ("not_a_report", reports[0]) if reports else ("missing", None)
    right = [r for r in real if r.report_year in (None, year)]
    if not right:
        return "wrong_year", real[0]
    chosen = min(right, key=lambda r: (r.published_date is None, r.published_date or "", r.id))
    if len({r.content_hash for r in right}) > 1:
        return "conflict", chosen
    return ("changed_after_publication" if changed else "filed"), chosen


def units_for(*, store: Store, units: Sequence[str] | None, children_of: str | None) -> list[Unit]:
    every = uq.list_units(store=store)
    if children_of is not None:
        if uq.get_unit(store=store, code=children_of) is None:
            raise OfficeError(f"单位 {children_of} 不存在")
        return [u for u in every if u.parent_code == children_of]
    if units:
        known = {u.code for u in every}
        unknown = [c for c in units if c not in known]
        if unknown:
            raise OfficeError(f"单位 {'、'.join(unknown)} 不存在")
        wanted = set(units)
        return [u for u in every if u.code in wanted]
    return every


def chosen_reports(
    *,
    store: Store,
    years: Sequence[int],
    units: Sequence[str] | None = None,
    children_of: str | None = None,
) -> tuple[list[Unit], dict[tuple[str, int], tuple[str, StoredReport | None]]]:
    """The units and, per unit-year, ``(status, report)`` (status before deadlines/exemptions)."""
    chosen_units = units_for(store=store, units=units, children_of=children_of)
    by_key: dict[tuple[str, int], list[StoredReport]] = {}
    for r in q.current_reports(store=store, years=years):
        by_key.setdefault((r.unit_code, r.year), []).append(r)
    changed = {(c[0], y) for y in years for c in q.changes(store=store, year=y)}
    out = {}
    for u in chosen_units:
        for y in years:
            out[(u.code, y)] = judge(by_key.get((u.code, y), []), y, (u.code, y) in changed)
    return chosen_units, out


# ---------------------------------------------------------------- status
def status(
    *,
    store: Store,
    year: int,
    units: Sequence[str] | None = None,
    children_of: str | None = None,
    findings: bool = True,
) -> list[UnitStatus]:
    """Every chosen unit's status for ``year`` (all units unless ``units`` or ``children_of``)."""
    chosen_units, judged = chosen_reports(
        store=store, years=[year], units=units, children_of=children_of
    )
    table = q.deadlines(store=store)
    parents = {u.code: u.parent_code for u in uq.list_units(store=store)}
    exempt = q.exemptions(store=store, year=year)
    out = []
    for u in chosen_units:
        state, report = judged[(u.code, year)]
        item = _status(u, year, state, report, deadline_of(u, year, table, parents))
        if u.code in exempt:
            item.note = exempt[u.code]
            if state in ("missing", "not_a_report"):
                item.flags.append(state)
                item.status = "exempt"
        if findings and report is not None and (report.errors or report.warnings):
            item.findings = _findings(store, report.id)
        out.append(item)
    return out


def _status(
    u: Unit, year: int, state: str, report: StoredReport | None, deadline: dt.date
) -> UnitStatus:
    item = UnitStatus(u.code, u.name, u.kind, state, deadline=deadline.isoformat())
    if report is None:
        return item
    item.report_id = report.id
    item.published = report.published_date
    item.published_from = report.published_from
    item.file = report.source
    item.edition = report.edition
    item.report_year = report.report_year
    item.errors, item.warnings = report.errors, report.warnings
    if not report.is_report:
        item.note = report.problem
    late = report.published_date is not None and report.published_date > deadline.isoformat()
    if late and state in USABLE:
        item.flags.append("late")
        if state == "filed":
            item.status = "late"
    if state == "changed_after_publication":
        item.flags.append("changed_after_publication")
    return item


def _findings(store: Store, report_id: int) -> list[dict[str, Any]]:
    text = q.report_json(store=store, report_id=report_id)
    if not text:
        return []
    keep = ("rule", "severity", "table", "row", "column", "message")
    return [
        {k: f.get(k) for k in keep}
        for f in json.loads(text).get("findings", [])
        if f.get("severity") in ("error", "warning")
    ]


def exempt(*, store: Store, unit: str, year: int, note: str | None) -> None:
    """Mark a unit exempt for a year with a note (``note=None`` takes the mark away)."""
    if uq.get_unit(store=store, code=unit) is None:
        raise OfficeError(f"单位 {unit} 不存在")
    if note is not None and not note.strip():
        raise OfficeError(f"单位 {unit}：免报须写明原因")
    with store.transaction():
        q.set_exemption(store=store, unit=unit, year=year, note=note)


def summary(items: list[UnitStatus]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for item in items:
        counts[item.status] += 1
    return counts
