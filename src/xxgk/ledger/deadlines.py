"""Deadlines as pure functions of a request's state and the calendar — no hidden clock.

* correction notice (补正告知): the 7th working day after receipt (art. 30);
* answer: the 20th working day after receipt, or after receipt of the corrected request;
  plus the approved extension (≤ 20); consultation and fee periods are not counted (arts.
  32–34, 109号): the working days in ``(pause start, pause end]`` are skipped — the clock
  stops at the end of the day the consultation or fee notice went out and restarts the day
  after the reply or payment arrived, the same "starting day not counted" convention as
  :meth:`Calendar.nth_after`. While a pause is still running there is no answer date;
* third-party / inter-agency reply: the 15th working day after the consultation started.

A step taken late is allowed (it happened) but warned (:func:`late_steps`): a correction notice
sent after its 7th working day, an extension decided after the answer deadline it extends. The
warnings are the request's (``ledger show``, the cached ``warnings``, every ``ledger due`` line).

``today`` only enters in :func:`items`, which turns deadlines into a due / overdue list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import NamedTuple

from xxgk.ledger import model as m
from xxgk.ledger.calendar import Calendar, Due


@dataclass(frozen=True)
class Deadlines:
    """The open deadlines of one request (None where none is running)."""

    correction_notice: Due | None = None
    answer: Due | None = None
    reply: Due | None = None
    late: tuple[str, ...] = ()  # steps taken after their deadline (late_steps)

    def to_dict(self) -> dict[str, object]:
        def one(d: Due | None) -> dict[str, object] | None:
            return None if d is None else {"due": d.day.isoformat(), "warnings": list(d.warnings)}

        return {
            "correction_notice": one(self.correction_notice),
            "answer": one(self.answer),
            "reply": one(self.reply),
            "late": list(self.late),
        }


def deadlines(state: m.RequestState, cal: Calendar) -> Deadlines:
    """Every deadline of ``state`` that is still running, and the steps that were late (also
    attached to the running answer deadline's warnings)."""
    late = late_steps(state, cal)
    if not state.is_open:
        return Deadlines(late=late)
    answer = answer_due(state, cal)
    if answer is not None and late:
        answer = Due(answer.day, (*answer.warnings, *late))
    return Deadlines(
        correction_notice=correction_notice_due(state, cal),
        answer=answer,
        reply=reply_due(state, cal),
        late=late,
    )


def late_steps(state: m.RequestState, cal: Calendar) -> tuple[str, ...]:
    """Warnings for a correction notice or an extension recorded after its deadline."""
    out = []
    asked = state.correction_requested
    if asked is not None:
        due = cal.nth_after(state.received, m.CORRECTION_NOTICE_DAYS).day
        if asked > due:
            out.append(
                f"补正告知晚于期限：{asked} 发出，应在 {due} 前"
                f"（第三十条：收到申请之日起 {m.CORRECTION_NOTICE_DAYS} 个工作日内一次性告知）"
            )
    extended = next((e for e in reversed(state.events) if e.kind == m.EXTENDED), None)
    if extended is not None and state.extension_days:
        original = answer_due(replace(state, extension_days=0), cal)
        if original is not None and extended.on > original.day:
            out.append(
                f"延长答复期限晚于原答复期限：{extended.on} 延期，原期限为 {original.day}"
                "（第三十三条：应在答复期限内决定延期并告知申请人）"
            )
    return tuple(out)


def correction_notice_due(state: m.RequestState, cal: Calendar) -> Due | None:
    """Last day to send the one correction notice; None once it was sent."""
    if state.correction_requested is not None:
        return None
    return cal.nth_after(state.received, m.CORRECTION_NOTICE_DAYS)


def answer_due(state: m.RequestState, cal: Calendar) -> Due | None:
    """The answer deadline; None while awaiting a correction or paused."""
    if (
        state.state in (m.AWAITING_CORRECTION, m.CONSULTING, m.FEE_PENDING)
        or state.clock_start is None
    ):
        return None
    start = state.clock_start
    target = cal.index(start) + m.ANSWER_DAYS + state.extension_days + state.paused_days
    for begin, end in _merged(state.pauses, start):
        if cal.index(begin) < target:  # the pause began before the deadline was reached
            target += cal.between(begin, end)
    return cal.due_at(start, target)


def answer_due_for(
    cal: Calendar, received: dt.date, corrected: dt.date | None = None, extended: int = 0
) -> Due:
    """The answer deadline of a hypothetical request (``xxgk ledger due --received``)."""
    start = corrected or received
    return cal.nth_after(start, m.ANSWER_DAYS + extended)


def reply_due(state: m.RequestState, cal: Calendar) -> Due | None:
    """The third party's / other agency's reply deadline while a consultation runs."""
    if state.state != m.CONSULTING:
        return None
    return cal.nth_after(state.pauses[-1].start, m.REPLY_DAYS)


def _merged(pauses: list[m.Pause], start: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Closed pauses clipped to begin no earlier than ``start``, overlaps merged, in order."""
    spans = sorted(
        (max(p.start, start), p.end) for p in pauses if p.end is not None and p.end > start
    )
    out: list[tuple[dt.date, dt.date]] = []
    for begin, end in spans:
        if out and begin <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((begin, end))
    return out


# ---------------------------------------------------------------- due lists


class Item(NamedTuple):
    """One line of the due list: which deadline of which request, and how close it is."""

    due: dt.date
    kind: str  # answer | reply | correction_notice
    request_id: str
    left: int  # working days from today to the due day (negative: overdue)
    warnings: tuple[str, ...] = ()

    @property
    def overdue(self) -> bool:
        return self.left < 0

    def to_dict(self) -> dict[str, object]:
        return {
            "request_id": self.request_id,
            "kind": self.kind,
            "due": self.due.isoformat(),
            "working_days_left": self.left,
            "overdue": self.overdue,
            "warnings": list(self.warnings),
        }


def days_left(cal: Calendar, today: dt.date, due: dt.date) -> int:
    """Working days from ``today`` to ``due``: 0 on the day itself, 1 when due on the next
    working day, negative (at least -1) once the day has passed."""
    if due >= today:
        return cal.between(today, due)
    return -max(1, cal.between(due, today))


Row = tuple[str, "str | None", "str | None", "str | None", "str | None"]


def due_items(rows: Iterable[Row], cal: Calendar, today: dt.date) -> list[Item]:
    """The due list as of ``today`` from ``(id, answer, reply, correction_notice, warnings)``
    rows of ISO dates (the ledger's cached deadlines), most urgent first: by due day, then
    answer < correction_notice < reply, then id. A passed correction-notice day is dropped
    (a notice is optional; only answers and replies can be overdue). Dates are parsed once
    per distinct day, so 100,000 open requests take a fraction of a second."""
    today_iso, base = today.isoformat(), cal.index(today)
    seen: dict[str, tuple[dt.date, int]] = {}

    def when(iso: str) -> tuple[dt.date, int]:
        day = dt.date.fromisoformat(iso)
        left = cal.index(day) - base if iso >= today_iso else -max(1, base - cal.index(day))
        seen[iso] = (day, left)
        return day, left

    out = []
    for rid, answer, reply, notice, warnings in rows:
        for kind, iso in (("answer", answer), ("reply", reply), ("correction_notice", notice)):
            if iso is None or (kind == "correction_notice" and iso < today_iso):
                continue
            day, left = seen.get(iso) or when(iso)
            out.append(Item(day, kind, rid, left, _warnings(warnings, day) if warnings else ()))
    out.sort()
    return out


def warnings_for(text: str, day: dt.date) -> tuple[str, ...]:
    """Public name of :func:`_warnings` (the desk's due list reads the same cached text)."""
    return _warnings(text, day)


def _warnings(text: str, day: dt.date) -> tuple[str, ...]:
    """The request's calendar warnings that can concern a deadline on ``day`` (years up to its own)."""
    return tuple(
        w for w in text.split("; ") if w and (not w[-4:].isdigit() or int(w[-4:]) <= day.year)
    )
