"""The working-day calendar as the desk shows and edits it: a year's months with holidays and
调休 working days marked, a warning when next year is not known yet, and the admin's entry of
the State Council's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知).

Entering a notice writes the local calendar table and recomputes every open request's
deadlines, of every unit, in the same transaction (:meth:`Ledger.add_calendar_days`).
"""

from __future__ import annotations

import calendar as pycal
import datetime as dt
import re
from typing import Any

from xxgk.errors import LedgerError
from xxgk.ledger.book import Ledger
from xxgk.store import Store

_LINE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|至|~)\s*(\d{4}-\d{2}-\d{2}))?\s+(\S+)\s*(.*)$"
)
_OFF = {"休", "假", "休息", "放假", "holiday", "off", "0"}
_ON = {"班", "上班", "补班", "work", "workday", "1"}


def parse_notice(text: str) -> list[tuple[dt.date, bool, str | None]]:
    """Lines ``2027-01-01 休 元旦``, ``2027-02-10..2027-02-16 休 春节``, ``2027-02-07 班 春节调休``;
    every bad line is named (line number and what is wrong), nothing is taken from a bad text."""
    days: list[tuple[dt.date, bool, str | None]] = []
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        found = _LINE.match(line)
        if not found:
            problems.append(f"第{number}行：应为“YYYY-MM-DD 休|班 说明”：{line}")
            continue
        first, last, flag, note = found.groups()
        if flag not in _OFF | _ON:
            problems.append(f"第{number}行：“{flag}”应为“休”或“班”")
            continue
        try:
            start = dt.date.fromisoformat(first)
            end = dt.date.fromisoformat(last) if last else start
        except ValueError:
            problems.append(f"第{number}行：日期无效：{line}")
            continue
        if end < start or (end - start).days > 31:
            problems.append(f"第{number}行：日期范围应在31天以内且先早后晚")
            continue
        while start <= end:
            days.append((start, flag in _ON, note.strip() or None))
            start += dt.timedelta(days=1)
    if problems:
        raise LedgerError(
            "bad holiday notice: " + "; ".join(problems), zh="；".join(problems), field="notice"
        )
    if not days:
        raise LedgerError("the notice holds no day", zh="没有填写任何日期", field="notice")
    return days


def add_notice(store: Store, text: str, *, by: str) -> dict[str, Any]:
    """Enter a holiday notice; returns how many days were written and requests recomputed."""
    days = parse_notice(text)
    row = store.one("SELECT code FROM unit ORDER BY code")
    if row is None:
        from xxgk.store.units import ensure_unit

        with store.transaction():
            ensure_unit(store=store, code="local", name="本单位")
        row = ("local",)
    recomputed = Ledger(store, unit=row[0]).add_calendar_days(days, by=by)
    return {
        "days": len(days),
        "recomputed": recomputed,
        "years": sorted({d.year for d, _, _ in days}),
    }


def year_view(store: Store, year: int, *, today: dt.date) -> dict[str, Any]:
    """A year's calendar month by month, and whether next year is known."""
    if not 2004 <= year <= 2099:
        raise LedgerError(
            f"no calendar for {year}", zh=f"没有{year}年的日历（2004–2099）", field="year"
        )
    from xxgk.ledger.book import _calendar

    rows = store.all("SELECT day, workday, note FROM calendar_days ORDER BY day")
    cal = _calendar(tuple((str(d), int(w)) for d, w, _ in rows))
    notes = {str(d): n for d, _, n in rows}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append([_cell(day, month, cal, notes) for day in week])
        months.append({"month": month, "weeks": weeks})
    next_year = today.year + 1
    return {
        "year": year,
        "known": cal.known(year),
        "next_year": next_year,
        "next_year_known": cal.known(next_year),
        "warning": None
        if cal.known(next_year)
        else f"{next_year}年的节假日安排尚未录入：跨入{next_year}年的期限暂按周一至周五计算，"
        "国务院办公厅通知发布后请及时录入",
        "months": months,
        "local": [
            {"day": str(d), "workday": bool(w), "note": n}
            for d, w, n in rows
            if str(d).startswith(f"{year:04d}-")
        ],
    }


def _cell(
    day: dt.date, month: int, cal: Any, notes: dict[str, str | None]
) -> dict[str, Any] | None:
    if day.month != month:
        return None
    work = cal.is_workday(day)
    weekend = day.weekday() >= 5
    kind = (
        "makeup"
        if work and weekend
        else "off"
        if not work and not weekend
        else "weekend"
        if not work
        else "work"
    )
    return {
        "day": day.day,
        "date": day.isoformat(),
        "kind": kind,
        "note": notes.get(day.isoformat()),
    }
