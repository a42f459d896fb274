"""The officer's desk as a library: what the web pages and their JSON twins show and do.

One function per page or action, each taking a unit's :class:`~xxgk.ledger.book.Ledger`; the
web routes only check access and call one of these. Lists show applicants masked
(:mod:`.personal`); urgency is overdue / due within 3 working days / later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xxgk import form
from xxgk.errors import LedgerError
from xxgk.ledger import approval, personal
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


DUE_SHOWN = 200


def due_list(ledger: Ledger, *, today: dt.date, limit: int = DUE_SHOWN) -> dict[str, Any]:
    """The running deadlines, most urgent first (the first ``limit``; the counts are of all),
    and the drafts waiting for approval."""
    waiting = approval.waiting(ledger)
    every = ledger.due(today)
    items = [
        {
            **i.to_dict(),
            "kind_label": DUE_KIND_LABELS.get(i.kind, i.kind),
            "urgency": urgency(i.left),
            "urgency_label": URGENCY_LABELS[urgency(i.left)],
            "awaiting_approval": waiting.get(i.request_id),
        }
        for i in every[: max(1, limit)]
    ]
    return {
        "unit": ledger.unit,
        "today": today.isoformat(),
        "items": items,
        "total": len(every),
        "overdue": sum(1 for i in every if i.overdue),
        "soon": sum(1 for i in every if 0 <= i.left <= SOON),
        "awaiting_approval": [{"request_id": k, "step": v} for k, v in sorted(waiting.items())],
    }


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


# ---------------------------------------------------------------- writing


def _date(value: Any, errors: dict[str, str], key: str, *, required: bool = True) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        if required:
            errors[key] = "请填写日期（YYYY-MM-DD）"
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors[key] = f"不是有效日期（YYYY-MM-DD）：{text}"
        return None


def register(ledger: Ledger, given: dict[str, Any], *, by: str) -> dict[str, Any]:
    """Register a request from a form or JSON; every bad field named in Chinese."""
    errors: dict[str, str] = {}
    rid = str(given.get("id") or given.get("request_id") or "").strip()
    if not rid:
        errors["id"] = "请填写申请编号"
    elif len(rid) > 64 or any(c in rid for c in "/?#\\"):
        errors["id"] = "申请编号最长64字，且不能含 / ? # \\"
    kind = str(given.get("applicant_type") or "")
    if kind not in form.APPLICANT_TYPES:
        errors["applicant_type"] = "请选择申请人类型"
    received = _date(given.get("received"), errors, "received")
    if received and not 2004 <= received.year <= 2099:
        errors["received"] = "收到日期应在2004–2099年之间"
    contact, bad = personal.check_all({k: given.get(k) for k in personal.FIELDS})
    errors |= bad
    if (
        rid
        and not errors.get("id")
        and ledger.store.one(
            "SELECT 1 FROM requests WHERE unit_code = ? AND id = ?", (ledger.unit, rid)
        )
    ):
        errors["id"] = "该申请编号已存在"
    if errors:
        raise FormInvalid(errors)
    assert received is not None
    text = {
        k: (str(given.get(k) or "").strip() or None)
        for k in ("applicant", "channel", "description")
    }
    state = ledger.add(rid, kind, received, by=by, **text)
    if any(contact.values()):
        personal.set_contact(ledger, rid, contact, by=by)
    return {"id": state.id, "state": state.state, "received": state.received.isoformat()}


def record_event(
    ledger: Ledger, request_id: str, given: dict[str, Any], *, by: str
) -> dict[str, Any]:
    """Record one event (or an approval step) from a form or JSON body."""
    exists(ledger, request_id)
    errors: dict[str, str] = {}
    kind = str(given.get("kind") or "")
    on = _date(given.get("on"), errors, "on")
    if errors:
        raise FormInvalid(errors)
    assert on is not None
    if kind == m.ANSWER_DRAFTED:
        approval.draft(
            ledger,
            request_id,
            str(given.get("outcome") or ""),
            on,
            by=by,
            responsible=_text(given, "responsible"),
            note=_text(given, "note"),
        )
    elif kind in ("review", "secrecy", "sign", "return"):
        approval.step(ledger, request_id, kind, on, by=by, reason=_text(given, "reason"))
    else:
        ledger.event(request_id, kind, on, event_data(kind, given), by=by)
    state = ledger.show(request_id).state
    return {"id": request_id, "state": state.state, "outcome": state.outcome}


def _text(given: dict[str, Any], key: str) -> str | None:
    value = given.get(key)
    return str(value).strip() or None if value not in (None, "") else None


def _int(given: dict[str, Any], key: str) -> int | None:
    value = given.get(key)
    if value in (None, ""):
        return None
    try:
        return int(str(value))
    except ValueError:
        raise FormInvalid({key: f"应为整数：{value}"}) from None


def event_data(kind: str, g: dict[str, Any]) -> dict[str, Any]:
    table: dict[str, dict[str, Any]] = {
        m.ANSWERED: {
            "outcome": _text(g, "outcome"),
            "responsible": _text(g, "responsible"),
            "note": _text(g, "note"),
        },
        m.EXTENDED: {"days": _int(g, "days"), "reason": _text(g, "reason")},
        m.PAUSED: {"working_days": _int(g, "days"), "reason": "consultation"},
        m.CONSULTATION_STARTED: {
            "party": _text(g, "party") or "third_party",
            "name": _text(g, "name"),
        },
        m.FEE_NOTICE: {
            "method": _text(g, "method"),
            "pages": _int(g, "pages"),
            "amount": _text(g, "amount"),
        },
        m.AMENDED: {"field": _text(g, "field"), "value": _text(g, "value")},
        m.VOID: {"event": _int(g, "event")},
        m.CORRECTION_REQUESTED: {"items": _text(g, "items"), "period": _int(g, "period")},
    }
    pick = table.get(kind, {})
    return {k: v for k, v in pick.items() if v is not None}
