"""A request's state is derived by folding its events; impossible orders are refused.

:func:`fold` replays the events in the order they happened (``on``, then recording order)
and raises :class:`~xxgk.errors.LedgerError` naming the request and the field for anything
the Regulation does not allow: an event before receipt, an answer on a closed request, a
second extension, an extension beyond 20 working days, a correction never requested, …
Appending an event is therefore "fold the old events plus the new one; write only if that
folds" — a back-dated event that would make the history impossible is refused too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from xxgk import form
from xxgk.errors import LedgerError
from xxgk.ledger import model as m
from xxgk.ledger.calendar import check_date


def fold(events: Iterable[m.Event]) -> m.RequestState:
    """The state of one request from all its events (voided ones are skipped)."""
    events = list(events)
    live = _without_voided(events)
    registration = [e for e in live if e.kind in (m.RECEIVED, m.AMENDED)]
    state = _register(registration)
    state.events = events
    for event in sorted(live, key=_order(live)):
        if event.kind in (m.RECEIVED, m.AMENDED, m.VOID) or event.kind in m.DESK_KINDS:
            continue
        _check_after_receipt(state, event)
        _APPLY[event.kind](state, event)
    return state


def _order(events: list[m.Event]) -> Callable[[m.Event], tuple[dt.date, int]]:
    position = {id(e): i for i, e in enumerate(events)}
    return lambda e: (e.on, position[id(e)])


def _without_voided(events: list[m.Event]) -> list[m.Event]:
    ids = {e.id for e in events if e.id is not None}
    voided: set[int] = set()
    for e in events:
        if e.kind != m.VOID:
            continue
        target = e.data.get("event")
        if target not in ids or target in voided:
            raise LedgerError(
                f"void names no live event of this request: {target!r}",
                request=e.request_id,
                field="event",
            )
        kind = next(x.kind for x in events if x.id == target)
        if kind in (m.RECEIVED, m.VOID) or kind in m.DESK_KINDS:
            raise LedgerError(
                f"a {kind} event cannot be voided", request=e.request_id, field="event"
            )
        voided.add(target)
    return [e for e in events if e.id not in voided or e.id is None]


# ---------------------------------------------------------------- registration


def _register(events: list[m.Event]) -> m.RequestState:
    if not events or events[0].kind != m.RECEIVED:
        rid = events[0].request_id if events else None
        raise LedgerError("a request's first event must be its receipt", request=rid, field="kind")
    first = events[0]
    data = first.data
    state = m.RequestState(
        id=first.request_id,
        applicant_type=check_applicant_type(data.get("applicant_type"), first.request_id),
        received=check_date(first.on, request=first.request_id, field="received"),
        applicant=data.get("applicant"),
        channel=data.get("channel"),
        description=data.get("description"),
    )
    for event in events[1:]:
        if event.kind == m.RECEIVED:
            raise LedgerError(
                "the request is already registered", request=event.request_id, field="request_id"
            )
        _amend(state, event)
    state.clock_start = state.received
    return state


def check_applicant_type(value: Any, request: str | None) -> str:
    """A requests column key; the form's label (``自然人``) is taken for its key."""
    from xxgk.ledger.inputs import applicant_key, applicant_labels

    value = applicant_key(value)
    if value not in form.APPLICANT_TYPES:
        known = ", ".join(form.APPLICANT_TYPES)
        labels = "、".join(applicant_labels())
        raise LedgerError(
            f"unknown applicant type {value!r} (one of {known}, or the form's label: {labels})",
            zh=f"申请人类型 {value!r} 不存在（应为 {labels}，或 {known}）",
            request=request,
            field="applicant_type",
        )
    return value


def check_outcome(value: Any, request: str | None) -> str:
    outcome = m.canonical_outcome(value) if isinstance(value, str) else None
    if outcome is None:
        raise LedgerError(
            f"unknown outcome {value!r} (a requests row key such as granted, denied.third_party, other.no_correction, or its label: 予以公开, 保护第三方合法权益 …)",
            zh=f"办理结果 {value!r} 不存在（应为表三的行名，如 予以公开、保护第三方合法权益，或其键名 granted、denied.third_party）",
            request=request,
            field="outcome",
        )
    return outcome


def _amend(state: m.RequestState, event: m.Event) -> None:
    name, value = event.data.get("field"), event.data.get("value")
    if name not in m.AMENDABLE:
        raise LedgerError(
            f"cannot amend {name!r} (one of {', '.join(m.AMENDABLE)})",
            request=state.id,
            field="field",
        )
    if name == "applicant_type":
        value = check_applicant_type(value, state.id)
    elif name == "received":
        value = check_date(
            parse_date(value, state.id, "received"), request=state.id, field="received"
        )
    setattr(state, name, value)


def parse_date(value: Any, request: str | None, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    from xxgk.ledger.inputs import date_problem, to_date

    day = to_date(str(value))
    if day is None:
        en, zh = date_problem(str(value))
        raise LedgerError(en, zh=zh, request=request, field=field)
    return day


# ---------------------------------------------------------------- transitions


def _refuse(state: m.RequestState, event: m.Event, message: str, field: str = "kind") -> None:
    error = LedgerError(
        f"{event.kind} on {event.on.isoformat()}: {message}", request=state.id, field=field
    )
    error.kind = event.kind  # type: ignore[attr-defined]  # lets an importer name its column
    raise error


def _check_after_receipt(state: m.RequestState, event: m.Event) -> None:
    check_date(event.on, request=state.id, field="on")
    if event.on < state.received:
        _refuse(
            state, event, f"before the request was received on {state.received.isoformat()}", "on"
        )
    if state.state == m.CLOSED:
        how = f"{state.outcome}" if state.outcome else "closed"
        _refuse(state, event, f"the request is already closed ({how} on {state.closed_on})")


def _need(state: m.RequestState, event: m.Event, *allowed: str) -> None:
    if state.state not in allowed:
        _refuse(state, event, f"not possible while the request is {state.state.replace('_', ' ')}")


def _correction_requested(state: m.RequestState, event: m.Event) -> None:
    _need(state, event, m.OPEN)
    if state.correction_requested is not None:
        _refuse(
            state,
            event,
            f"a correction was already requested on {state.correction_requested} (art. 30: once)",
        )
    state.correction_requested = event.on
    state.state = m.AWAITING_CORRECTION


def _correction_received(state: m.RequestState, event: m.Event) -> None:
    if state.state != m.AWAITING_CORRECTION:
        _refuse(state, event, "no correction was requested")
    state.correction_received = event.on
    state.clock_start = event.on
    state.state = m.OPEN


def _extended(state: m.RequestState, event: m.Event) -> None:
    _need(state, event, m.OPEN, m.CONSULTING, m.FEE_PENDING)
    if state.extension_days:
        _refuse(state, event, "the deadline was already extended once (art. 33: once)")
    days = _int(event.data.get("days", m.EXTENSION_MAX), state, event, "days")
    if not 1 <= days <= m.EXTENSION_MAX:
        _refuse(
            state, event, f"an extension is 1–{m.EXTENSION_MAX} working days, not {days}", "days"
        )
    state.extension_days = days


def _consultation_started(state: m.RequestState, event: m.Event) -> None:
    _need(state, event, m.OPEN)
    party = event.data.get("party", "third_party")
    if party not in m.PARTIES:
        _refuse(state, event, f"party is one of {', '.join(m.PARTIES)}, not {party!r}", "party")
    state.consultation_party = party
    _pause(state, event, f"consultation_{party}", m.CONSULTING)


def _consultation_ended(state: m.RequestState, event: m.Event) -> None:
    _resume(state, event, m.CONSULTING, "no consultation is running")


def _pause(state: m.RequestState, event: m.Event, kind: str, paused: str) -> None:
    """The clock stops from ``event`` on (consultation, fee notice)."""
    state.pauses.append(m.Pause(kind, event.on))
    state.state = paused


def _resume(state: m.RequestState, event: m.Event, paused: str, refusal: str) -> None:
    """The clock runs again from ``event``; refused unless the request is ``paused``."""
    if state.state != paused:
        _refuse(state, event, refusal)
    state.pauses[-1].end = event.on
    state.state = m.OPEN


def _paused(state: m.RequestState, event: m.Event) -> None:
    days = _int(event.data.get("working_days"), state, event, "working_days")
    if days < 0:
        _refuse(state, event, "a pause cannot be negative", "working_days")
    state.paused_days += days


def _fee_notice(state: m.RequestState, event: m.Event) -> None:
    _need(state, event, m.OPEN)
    if event.data.get("method") not in m.FEE_METHODS:
        _refuse(state, event, f"method is one of {', '.join(m.FEE_METHODS)}", "method")
    try:
        state.fee_amount = str(Decimal(str(event.data.get("amount", "0"))))
    except InvalidOperation:
        _refuse(state, event, f"not an amount: {event.data.get('amount')!r}", "amount")
    _pause(state, event, "fee", m.FEE_PENDING)


def _fee_paid(state: m.RequestState, event: m.Event) -> None:
    _resume(state, event, m.FEE_PENDING, "no fee notice is outstanding")


def _close(state: m.RequestState, event: m.Event, outcome: str) -> None:
    if state.pauses and state.pauses[-1].end is None:
        state.pauses[-1].end = event.on
    state.outcome = outcome
    state.closed_on = event.on
    state.state = m.CLOSED


def _answered(state: m.RequestState, event: m.Event) -> None:
    _close(state, event, check_outcome(event.data.get("outcome"), state.id))


def _withdrawn(state: m.RequestState, event: m.Event) -> None:
    _close(state, event, m.WITHDRAWN_OUTCOME)


def _int(value: Any, state: m.RequestState, event: m.Event, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        _refuse(state, event, f"not a whole number: {value!r}", field)
        raise  # unreachable; keeps type checkers happy


_APPLY: dict[str, Callable[[m.RequestState, m.Event], None]] = {
    m.CORRECTION_REQUESTED: _correction_requested,
    m.CORRECTION_RECEIVED: _correction_received,
    m.EXTENDED: _extended,
    m.CONSULTATION_STARTED: _consultation_started,
    m.CONSULTATION_ENDED: _consultation_ended,
    m.PAUSED: _paused,
    m.FEE_NOTICE: _fee_notice,
    m.FEE_PAID: _fee_paid,
    m.ANSWERED: _answered,
    m.WITHDRAWN: _withdrawn,
}


def check_kind(kind: str, request: str | None) -> str:
    if kind not in m.KINDS:
        raise LedgerError(
            f"unknown event kind {kind!r} (one of {', '.join(m.KINDS)})",
            request=request,
            field="kind",
        )
    return kind
