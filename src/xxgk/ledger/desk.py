"""The officer's desk as a library: what the web pages and their JSON twins show and do.

One function per page or action, each taking a unit's :class:`~xxgk.ledger.book.Ledger`; the
web routes only check access and call one of these. Lists show applicants masked
(:mod:`.personal`); urgency is overdue / due within 3 working days / later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xxgk.errors import LedgerError
from xxgk.ledger import approval, personal
from xxgk.ledger import deadlines as dl
from xxgk.ledger import model as m
from xxgk.ledger.book import Ledger
from xxgk.ledger.explain import explain
from xxgk.ledger.labels import (
    APPLICANT_TYPE_LABELS,
    DUE_KIND_LABELS,
    EVENT_LABELS,
    OUTCOME_LABELS,
    PARTY_LABELS,
    STATE_LABELS,
    outcome_label,
)
from xxgk.ledger.notices import KINDS as NOTICE_KINDS

SOON = 3  # working days: "due soon"
PER_PAGE = 50
COUNT_CAP = 5000  # a list counts up to this many matches (counting 100,000 costs ~30 ms)
URGENCY_LABELS = {"overdue": "已逾期", "soon": "3个工作日内到期", "later": "未到期", "none": "—"}


class NoSuchRequest(LedgerError):
    """Not in this unit's ledger (a 404: it does not say whether another unit has it)."""

    status = 404

    def __init__(self, request_id: str) -> None:
        super().__init__("no such request in the ledger", request=request_id, zh="找不到该申请")


class FormInvalid(LedgerError):
    """A form with bad fields: ``errors`` maps each field to its Chinese message."""

    status = 400

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        text = "；".join(f"{k}: {v}" for k, v in errors.items())
        super().__init__(f"invalid fields: {', '.join(errors)}", zh=f"请更正：{text}")


def urgency(left: int | None) -> str:
    if left is None:
        return "none"
    if left < 0:
        return "overdue"
    return "soon" if left <= SOON else "later"


def _due_of(row: dict[str, Any]) -> tuple[str | None, str | None]:
    """The deadline a list shows for a request: answer, else reply, else correction notice."""
    for kind in ("answer_due", "reply_due", "correction_due"):
        if row.get(kind):
            return row[kind], kind.removesuffix("_due")
    return None, None


def _row(ledger: Ledger, r: dict[str, Any], today: dt.date) -> dict[str, Any]:
    due, kind = _due_of(r)
    left = None
    if due and r["state"] != m.CLOSED:
        cal = ledger.calendar
        day = dt.date.fromisoformat(due)
        left = cal.between(today, day) if day >= today else -max(1, cal.between(day, today))
    return {
        "id": r["id"],
        "received": r["received_on"],
        "applicant": personal.mask_name(r["applicant"]),
        "applicant_type": r["applicant_type"],
        "applicant_type_label": APPLICANT_TYPE_LABELS.get(r["applicant_type"], r["applicant_type"]),
        "description": r["description"],
        "state": r["state"],
        "state_label": STATE_LABELS.get(r["state"], r["state"]),
        "outcome": r["outcome"],
        "outcome_label": outcome_label(r["outcome"]),
        "answered": r["answered_on"],
        "due": due,
        "due_kind": DUE_KIND_LABELS.get(kind or "", ""),
        "working_days_left": left,
        "urgency": urgency(left),
        "warnings": r["warnings"].split("; ") if r["warnings"] else [],
    }


_COLUMNS = (
    "id, applicant_type, applicant, description, received_on, state, outcome, answered_on,"
    " answer_due, correction_due, reply_due, warnings"
)


def request_list(
    ledger: Ledger,
    *,
    today: dt.date,
    state: str | None = None,
    q: str | None = None,
    urgency_filter: str | None = None,
    year: int | None = None,
    page: int = 1,
) -> dict[str, Any]:
    """One page of the unit's requests (newest first), filtered and searched."""
    where, params = ["unit_code = ?"], [ledger.unit]
    if state == "open":
        where.append("state <> 'closed'")
    elif state in m.STATES:
        where.append("state = ?")
        params.append(state)
    if year:
        where.append("received_on BETWEEN ? AND ?")
        params += [f"{year:04d}-01-01", f"{year:04d}-12-31"]
    if q:
        like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            "(id LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\' OR applicant LIKE ? ESCAPE '\\')"
        )
        params += [like, like, like]
    if urgency_filter in ("overdue", "soon", "later"):
        where.append("state <> 'closed' AND answer_due IS NOT NULL")
        limit = _workday_after(ledger, today, SOON).isoformat()
        cond = {"overdue": "answer_due < ?", "soon": "answer_due >= ? AND answer_due <= ?"}
        if urgency_filter == "overdue":
            where.append(cond["overdue"])
            params.append(today.isoformat())
        elif urgency_filter == "soon":
            where.append(cond["soon"])
            params += [today.isoformat(), limit]
        else:
            where.append("answer_due > ?")
            params.append(limit)
    clause = " AND ".join(where)
    total = ledger.store.one(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM requests WHERE {clause} LIMIT {COUNT_CAP + 1}) t",
        params,
    )
    page = max(1, page)
    rows = ledger.store.all(
        f"SELECT {_COLUMNS} FROM requests WHERE {clause}"
        " ORDER BY received_on DESC, id DESC LIMIT ? OFFSET ?",
        [*params, PER_PAGE, (page - 1) * PER_PAGE],
    )
    names = [c.strip() for c in _COLUMNS.split(",")]
    items = [_row(ledger, dict(zip(names, r, strict=True)), today) for r in rows]
    count = int(total[0]) if total else 0
    capped = count > COUNT_CAP
    return {
        "unit": ledger.unit,
        "today": today.isoformat(),
        "filters": {"state": state, "q": q, "urgency": urgency_filter, "year": year},
        "page": page,
        "pages": max(1, -(-min(count, COUNT_CAP) // PER_PAGE)),
        "total": min(count, COUNT_CAP),
        "more": capped,  # more than COUNT_CAP match: narrow the filter
        "requests": items,
        "states": [{"key": "open", "label": "未办结"}]
        + [{"key": k, "label": v} for k, v in STATE_LABELS.items()],
        "urgencies": [{"key": k, "label": URGENCY_LABELS[k]} for k in ("overdue", "soon", "later")],
    }


def _workday_after(ledger: Ledger, today: dt.date, n: int) -> dt.date:
    return ledger.calendar.nth_after(today, n).day


DUE_SHOWN = 100


def due_list(ledger: Ledger, *, today: dt.date, limit: int = DUE_SHOWN) -> dict[str, Any]:
    """The running deadlines, most urgent first — the first ``limit`` of the same list as
    :meth:`Ledger.due` (by due day, then answer < correction notice < reply, then id), read
    from the open-requests index with the counts of all — and the drafts awaiting approval."""
    waiting = approval.waiting(ledger)
    cal, iso = ledger.calendar, today.isoformat()
    soon = _workday_after(ledger, today, SOON).isoformat()
    rows = ledger.store.all(_DUE_SQL, (ledger.unit, ledger.unit, iso, ledger.unit, max(1, limit)))
    items = []
    for due, _order, rid, warnings, kind in rows:
        day = dt.date.fromisoformat(due)
        left = cal.between(today, day) if day >= today else -max(1, cal.between(day, today))
        item = dl.Item(day, kind, rid, left, dl.warnings_for(warnings, day) if warnings else ())
        items.append(
            {
                **item.to_dict(),
                "kind_label": DUE_KIND_LABELS.get(kind, kind),
                "urgency": urgency(left),
                "urgency_label": URGENCY_LABELS[urgency(left)],
                "awaiting_approval": waiting.get(rid),
            }
        )
    counted = ledger.store.one(
        _DUE_COUNTS, (iso, iso, iso, iso, soon, iso, soon, iso, soon, ledger.unit)
    )
    total, overdue, near = (int(x or 0) for x in (counted or (0, 0, 0)))
    return {
        "unit": ledger.unit,
        "today": iso,
        "items": items,
        "total": total,
        "overdue": overdue,
        "soon": near,
        "awaiting_approval": [{"request_id": k, "step": v} for k, v in sorted(waiting.items())],
    }


_OPEN = "FROM requests WHERE unit_code = ? AND state <> 'closed'"
_DUE_SQL = (
    f"SELECT answer_due, 0, id, warnings, 'answer' {_OPEN} AND answer_due IS NOT NULL"
    f" UNION ALL SELECT correction_due, 1, id, warnings, 'correction_notice' {_OPEN}"
    " AND correction_due >= ?"
    f" UNION ALL SELECT reply_due, 2, id, warnings, 'reply' {_OPEN} AND reply_due IS NOT NULL"
    " ORDER BY 1, 2, 3 LIMIT ?"
)
# the correction notice is optional: a passed one is no longer a deadline (as in Ledger.due)
_DUE_COUNTS = f"""SELECT
    SUM(CASE WHEN answer_due IS NOT NULL THEN 1 ELSE 0 END)
      + SUM(CASE WHEN reply_due IS NOT NULL THEN 1 ELSE 0 END)
      + SUM(CASE WHEN correction_due >= ? THEN 1 ELSE 0 END),
    SUM(CASE WHEN answer_due < ? THEN 1 ELSE 0 END) + SUM(CASE WHEN reply_due < ? THEN 1 ELSE 0 END),
    SUM(CASE WHEN answer_due BETWEEN ? AND ? THEN 1 ELSE 0 END)
      + SUM(CASE WHEN reply_due BETWEEN ? AND ? THEN 1 ELSE 0 END)
      + SUM(CASE WHEN correction_due BETWEEN ? AND ? THEN 1 ELSE 0 END)
    {_OPEN}"""


def exists(ledger: Ledger, request_id: str) -> None:
    row = ledger.store.one(
        "SELECT 1 FROM requests WHERE unit_code = ? AND id = ?", (ledger.unit, request_id)
    )
    if row is None:
        raise NoSuchRequest(request_id)


def request_detail(ledger: Ledger, request_id: str, *, today: dt.date) -> dict[str, Any]:
    """The request page: registration, state, timeline, the deadline explained, letters,
    approval — the applicant's details masked (the full view is :func:`personal.view_contact`)."""
    exists(ledger, request_id)
    shown = ledger.show(request_id)
    state = shown.state
    draft = approval.current(state)
    available = []
    for kind, label in NOTICE_KINDS.items():
        needs = {
            "correction": m.CORRECTION_REQUESTED,
            "extension": m.EXTENDED,
            "consultation": m.CONSULTATION_STARTED,
        }.get(kind)
        if (needs and any(e.kind == needs for e in state.events)) or (
            kind == "answer" and (state.outcome or (draft and draft.pending))
        ):
            available.append({"kind": kind, "label": label})
    return {
        "unit": ledger.unit,
        "today": today.isoformat(),
        "registration": {
            "id": state.id,
            "applicant_type": state.applicant_type,
            "applicant_type_label": APPLICANT_TYPE_LABELS.get(state.applicant_type, ""),
            "channel": state.channel,
            "description": state.description,
            "received": state.received.isoformat(),
            "state": state.state,
            "state_label": STATE_LABELS.get(state.state, state.state),
            "outcome": state.outcome,
            "outcome_label": outcome_label(state.outcome),
            "closed_on": state.closed_on.isoformat() if state.closed_on else None,
            "extension_days": state.extension_days,
        },
        "contact": personal.masked_contact(ledger, request_id).to_dict(),
        "deadlines": shown.deadlines.to_dict(),
        "explained": explain(state, ledger.calendar, today),
        "timeline": [
            {**e.to_dict(), "label": EVENT_LABELS.get(e.kind, e.kind), "detail": _detail(e)}
            for e in state.events
        ],
        "notices": available,
        "approval": {
            "required": approval.required(ledger),
            "draft": draft.to_dict() if draft else None,
        },
        "next_events": next_events(state, approval.required(ledger)),
        "outcomes": [{"key": k, "label": v} for k, v in OUTCOME_LABELS.items()],
        "parties": [{"key": k, "label": v} for k, v in PARTY_LABELS.items()],
        "appeals": [a.to_dict() for a in shown.appeals],
        "archivable": not state.is_open,
    }


def _detail(e: m.Event) -> str:
    from xxgk.ledger.casefile import _detail as detail

    return detail(e)


def next_events(state: m.RequestState, needs_approval: bool) -> list[dict[str, str]]:
    """The event forms that make sense now (every kind stays available through the API)."""
    if not state.is_open:
        return []
    kinds = {
        m.OPEN: [m.CORRECTION_REQUESTED, m.EXTENDED, m.CONSULTATION_STARTED, m.FEE_NOTICE],
        m.AWAITING_CORRECTION: [m.CORRECTION_RECEIVED],
        m.CONSULTING: [m.CONSULTATION_ENDED],
        m.FEE_PENDING: [m.FEE_PAID],
    }[state.state]
    if state.state == m.OPEN:
        kinds = [k for k in kinds if not (k == m.EXTENDED and state.extension_days)]
        kinds = [
            k for k in kinds if not (k == m.CORRECTION_REQUESTED and state.correction_requested)
        ]
        kinds.append(m.ANSWER_DRAFTED if needs_approval else m.ANSWERED)
    kinds.append(m.WITHDRAWN)
    return [{"kind": k, "label": EVENT_LABELS[k]} for k in kinds]


# the writing side lives in xxgk.ledger.entry (re-exported for the routes)
from xxgk.ledger.entry import event_data, record_event, register  # noqa: E402

__all__ = ["event_data", "record_event", "register"]
