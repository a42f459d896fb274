"""The deadline explained: which days counted, which holidays and 调休 days were skipped or
worked, which pauses stopped the clock — the same arithmetic as :mod:`.deadlines`, day by day.

The clock starts the day after its starting event (receipt, or receipt of the corrected
request — :meth:`Calendar.nth_after`); every later calendar day is one line: counted (a working
day, or a weekend day made a working day by the State Council's notice — 调休上班), skipped
(周末, 法定节假日), or not counted because a consultation or fee notice paused the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xxgk.ledger import deadlines as dl
from xxgk.ledger import model as m
from xxgk.ledger.calendar import Calendar

_FESTIVALS = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
_PAUSES = {
    "consultation_third_party": "征求第三方意见",
    "consultation_agency": "征求其他机关意见",
    "fee": "收费通知至缴费",
}


@dataclass(frozen=True)
class Day:
    day: dt.date
    kind: str  # workday | makeup_workday | weekend | holiday | paused
    counted: bool
    number: int | None  # the working day's number in the count (1, 2, …)
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "kind": self.kind,
            "counted": self.counted,
            "number": self.number,
            "note": self.note,
        }


def _holiday_name(day: dt.date) -> str:
    try:
        from chinese_calendar import get_holiday_detail

        _, name = get_holiday_detail(day)
    except Exception:  # a year the package does not know: the local table decided
        return "节假日"
    return _FESTIVALS.get(str(name), "节假日") if name else "节假日"


def _pause_at(day: dt.date, spans: list[tuple[dt.date, dt.date | None, str]]) -> str | None:
    for begin, end, reason in spans:
        if begin < day and (end is None or day <= end):
            return reason
    return None


def explain(state: m.RequestState, cal: Calendar, today: dt.date | None = None) -> dict[str, Any]:
    """The answer deadline of ``state``, day by day, with a summary of what was skipped."""
    due = dl.answer_due(state, cal) if state.is_open else None
    start = state.clock_start or state.received
    spans = [(p.start, p.end, _PAUSES.get(p.reason, p.reason)) for p in state.pauses]
    if due is not None:
        last = due.day
    elif state.is_open:
        last = today or max([start, *(p.start for p in state.pauses)])
    else:
        last = state.closed_on or start
    days: list[Day] = []
    number = 0
    day = start + dt.timedelta(days=1)
    while day <= last and len(days) < 400:
        days.append(_one(day, cal, spans, number))
        if days[-1].counted:
            number += 1
        day += dt.timedelta(days=1)
    return {
        "start": start.isoformat(),
        "start_reason": "收到补正后的申请" if state.correction_received else "收到申请",
        "rule": "收到申请（或补正后申请）的当日不计入，自次日起计算工作日",
        "statutory_days": m.ANSWER_DAYS,
        "extension_days": state.extension_days,
        "imported_pause_days": state.paused_days,
        "due": due.day.isoformat() if due else None,
        "warnings": list(due.warnings) if due else [],
        "running": due is not None,
        "why_no_due": None if due else _why_not(state),
        "pauses": [
            {"reason": r, "start": b.isoformat(), "end": e.isoformat() if e else None}
            for b, e, r in spans
        ],
        "counted": sum(1 for d in days if d.counted),
        "skipped_weekend": sum(1 for d in days if d.kind == "weekend"),
        "skipped_holiday": sum(1 for d in days if d.kind == "holiday"),
        "paused_workdays": sum(1 for d in days if d.kind == "paused"),
        "makeup_workdays": sum(1 for d in days if d.kind == "makeup_workday"),
        "days": [d.to_dict() for d in days],
    }


def _one(
    day: dt.date, cal: Calendar, spans: list[tuple[dt.date, dt.date | None, str]], number: int
) -> Day:
    weekend = day.weekday() >= 5
    if not cal.is_workday(day):
        if weekend:
            return Day(day, "weekend", False, None, "周末")
        return Day(day, "holiday", False, None, _holiday_name(day))
    paused = _pause_at(day, spans)
    if paused:
        return Day(day, "paused", False, None, f"暂停计算（{paused}）")
    if weekend:
        return Day(day, "makeup_workday", True, number + 1, "调休上班，计入")
    return Day(day, "workday", True, number + 1, "工作日")


def _why_not(state: m.RequestState) -> str:
    if state.state == m.AWAITING_CORRECTION:
        return "等待申请人补正：收到补正后的申请之日起重新计算"
    if state.state == m.CONSULTING:
        return "征求意见期间不计算在答复期限内"
    if state.state == m.FEE_PENDING:
        return "收费通知发出后至缴费期间不计算在答复期限内"
    return "申请已办结"
