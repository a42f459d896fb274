"""The desk's writing side: registering a request and recording events (and approval steps)
from a form or a JSON body, every bad field named in Chinese (:class:`xxgk.ledger.desk.FormInvalid`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xxgk import form
from xxgk.ledger import approval, personal
from xxgk.ledger import model as m
from xxgk.ledger.book import Ledger


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
        raise _invalid(errors)
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
    from xxgk.ledger.desk import exists

    exists(ledger, request_id)
    errors: dict[str, str] = {}
    kind = str(given.get("kind") or "")
    on = _date(given.get("on"), errors, "on")
    if errors:
        raise _invalid(errors)
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
        raise _invalid({key: f"应为整数：{value}"}) from None


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


def _invalid(errors: dict[str, str]) -> Exception:
    from xxgk.ledger.desk import FormInvalid

    return FormInvalid(errors)
