"""Internal approval of an answer (拟办 → 审核 → 签发, with the 保密审查 recorded).

Where a unit's setting ``approval`` is ``required``, an answer is not recorded directly: the
officer drafts it (拟办: the proposed outcome), a reviewer checks it (审核), the confidentiality
review is recorded (保密审查), and only the signing (签发) releases it — the ``answered`` event
is appended then, dated the day of signing. A draft can be returned (退回) at any step before
signing, and a new one drafted. Reviewer and signer are not the drafter.

Every step is an event in the request's append-only log (who, when); none stops the clock, so
the deadline counts during approval and the due list shows the drafts waiting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from xxgk.errors import LedgerError
from xxgk.ledger import model as m
from xxgk.ledger.state import fold, parse_date

if TYPE_CHECKING:
    from xxgk.ledger.book import Ledger

SETTING = "approval"
REQUIRED = "required"

STEP_LABELS: dict[str, str] = {
    m.ANSWER_DRAFTED: "拟办",
    m.ANSWER_REVIEWED: "审核",
    m.SECRECY_REVIEWED: "保密审查",
    m.ANSWER_SIGNED: "签发",
    m.ANSWER_RETURNED: "退回",
}
_STEPS = {"review": m.ANSWER_REVIEWED, "secrecy": m.SECRECY_REVIEWED, "sign": m.ANSWER_SIGNED}


@dataclass
class Draft:
    """The answer awaiting approval (or the last one, signed or returned)."""

    drafted: m.Event
    reviewed: m.Event | None = None
    secrecy: m.Event | None = None
    signed: m.Event | None = None
    returned: m.Event | None = None
    trail: list[m.Event] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        return self.signed is None and self.returned is None

    @property
    def waiting_for(self) -> str | None:
        """The next step's Chinese name while pending: 审核 / 保密审查 / 签发."""
        if not self.pending:
            return None
        if self.reviewed is None:
            return "审核"
        if self.secrecy is None:
            return "保密审查"
        return "签发"

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.drafted.data.get("outcome"),
            "pending": self.pending,
            "waiting_for": self.waiting_for,
            "trail": [trail_entry(e) for e in self.trail],
        }


def trail_entry(e: m.Event) -> dict[str, Any]:
    return {
        "step": STEP_LABELS.get(e.kind, e.kind),
        "kind": e.kind,
        "on": e.on.isoformat(),
        "by": e.by,
        "at": e.at,
        "data": dict(e.data),
    }


def required(ledger: Ledger) -> bool:
    return ledger.setting(SETTING) == REQUIRED


def drafts(events: list[m.Event]) -> list[Draft]:
    """Every draft of one request, in order, with the steps recorded against it."""
    out: list[Draft] = []
    for e in events:
        if e.kind == m.ANSWER_DRAFTED:
            out.append(Draft(e, trail=[e]))
        elif e.kind in STEP_LABELS and out:
            d = out[-1]
            d.trail.append(e)
            attr = {
                m.ANSWER_REVIEWED: "reviewed",
                m.SECRECY_REVIEWED: "secrecy",
                m.ANSWER_SIGNED: "signed",
                m.ANSWER_RETURNED: "returned",
            }[e.kind]
            setattr(d, attr, e)
    return out


def current(state: m.RequestState) -> Draft | None:
    found = drafts(state.events)
    return found[-1] if found else None


def pending_draft(state: m.RequestState) -> m.Event | None:
    """The drafted event of the answer awaiting approval, if any."""
    d = current(state)
    return d.drafted if d and d.pending else None


def waiting(ledger: Ledger) -> dict[str, str]:
    """Open requests of the unit with a draft awaiting approval → the step it waits for."""
    kinds = tuple(STEP_LABELS)
    rows = ledger.store.all(
        # events first, by the kind index (few rows); sorted here, not by SQL
        "SELECT e.id, e.request_id, e.kind FROM events e CROSS JOIN requests r"
        f" WHERE e.unit_code = ? AND e.kind IN ({', '.join('?' for _ in kinds)})"
        " AND r.unit_code = e.unit_code AND r.id = e.request_id AND r.state <> 'closed'",
        (ledger.unit, *kinds),
    )
    by_request: dict[str, list[m.Event]] = {}
    for _, rid, kind in sorted(rows):
        by_request.setdefault(rid, []).append(m.Event(rid, kind, dt.date.min))
    out = {}
    for rid, events in by_request.items():
        d = drafts(events)[-1] if drafts(events) else None
        if d is not None and d.waiting_for:
            out[rid] = d.waiting_for
    return out


# ---------------------------------------------------------------- the steps


def draft(
    ledger: Ledger,
    request_id: str,
    outcome: str,
    on: dt.date | str,
    *,
    by: str | None = None,
    responsible: str | None = None,
    note: str | None = None,
) -> Draft:
    """拟办: the officer's proposed answer."""
    stored = m.canonical_outcome(outcome)
    if stored is None:
        raise LedgerError(f"unknown outcome {outcome!r}", request=request_id, field="outcome")
    data = {"outcome": stored, "responsible": responsible, "note": note}
    return _step(ledger, request_id, m.ANSWER_DRAFTED, on, by, {k: v for k, v in data.items() if v})


def review(ledger: Ledger, request_id: str, on: dt.date | str, *, by: str | None = None) -> Draft:
    """审核."""
    return _step(ledger, request_id, m.ANSWER_REVIEWED, on, by, {})


def secrecy_review(
    ledger: Ledger,
    request_id: str,
    on: dt.date | str,
    *,
    by: str | None = None,
    conclusion: str = "经保密审查，拟公开内容不涉及国家秘密",
) -> Draft:
    """保密审查 (its conclusion is recorded)."""
    return _step(ledger, request_id, m.SECRECY_REVIEWED, on, by, {"conclusion": conclusion})


def sign(ledger: Ledger, request_id: str, on: dt.date | str, *, by: str | None = None) -> Draft:
    """签发: releases the answer (appends ``answered`` with the draft's outcome)."""
    return _step(ledger, request_id, m.ANSWER_SIGNED, on, by, {})


def return_draft(
    ledger: Ledger, request_id: str, on: dt.date | str, reason: str, *, by: str | None = None
) -> Draft:
    """退回: the draft is not approved; the officer drafts again."""
    if not reason.strip():
        raise LedgerError("a returned draft needs a reason", request=request_id, field="reason")
    return _step(ledger, request_id, m.ANSWER_RETURNED, on, by, {"reason": reason.strip()})


def _step(
    ledger: Ledger,
    request_id: str,
    kind: str,
    on: dt.date | str,
    by: str | None,
    data: dict[str, Any],
) -> Draft:
    from xxgk.ledger.book import now, who

    event = m.Event(request_id, kind, parse_date(on, request_id, "on"), data, who(by), now())
    with ledger.store.transaction():
        if ledger._lock(request_id) is None:
            raise LedgerError(
                "no such request in the ledger", request=request_id, field="request_id"
            )
        events = ledger._events(request_id)
        state = fold(events)
        _check(state, event)
        ledger._append(event)
        if kind == m.ANSWER_SIGNED:
            drafted = current(state)
            assert drafted is not None
            answer = m.Event(
                request_id, m.ANSWERED, event.on, dict(drafted.drafted.data), event.by, event.at
            )
            state = fold([*events, answer])  # refused (nothing written) if it cannot close
            ledger._append(answer)
            ledger._write_cache(state)
    result = current(ledger.state(request_id))
    assert result is not None
    return result


_ZH = {
    "the request is already closed": "该申请已办结",
    "a draft answer is already awaiting approval (退回 it first)": "已有答复草稿在审批中（如需重拟，请先退回）",
    "no draft answer awaiting approval (拟办 first)": "没有待审批的答复草稿（请先拟办）",
    "the draft is already reviewed": "该草稿已审核",
    "the confidentiality review is already recorded": "保密审查已记录",
    "签发 before 审核": "尚未审核，不能签发",
    "签发 before the 保密审查 is recorded": "尚未记录保密审查，不能签发",
}


def _check(state: m.RequestState, event: m.Event) -> None:
    def refuse(message: str) -> None:
        raise LedgerError(message, request=state.id, field="approval", zh=_ZH.get(message, message))

    if not state.is_open:
        refuse("the request is already closed")
    if event.on < state.received:
        refuse(f"{STEP_LABELS[event.kind]} before the request was received")
    d = current(state)
    pending = d if d and d.pending else None
    if event.kind == m.ANSWER_DRAFTED:
        if pending:
            refuse("a draft answer is already awaiting approval (退回 it first)")
        return
    if pending is None:
        refuse("no draft answer awaiting approval (拟办 first)")
        return
    if event.on < pending.drafted.on:
        refuse(f"{STEP_LABELS[event.kind]} dated before the draft")
    if event.kind == m.ANSWER_RETURNED:
        return
    if event.by == pending.drafted.by and event.kind in (m.ANSWER_REVIEWED, m.ANSWER_SIGNED):
        raise LedgerError(
            f"{STEP_LABELS[event.kind]} by the drafter ({event.by}): another person approves",
            request=state.id,
            field="approval",
            zh=f"拟办人（{event.by}）不能自己{STEP_LABELS[event.kind]}，须由他人审批",
        )
    if event.kind == m.ANSWER_REVIEWED and pending.reviewed:
        refuse("the draft is already reviewed")
    if event.kind == m.SECRECY_REVIEWED and pending.secrecy:
        refuse("the confidentiality review is already recorded")
    if event.kind == m.ANSWER_SIGNED:
        if pending.reviewed is None:
            refuse("签发 before 审核")
        if pending.secrecy is None:
            refuse("签发 before the 保密审查 is recorded")


def step(ledger: Ledger, request_id: str, name: str, on: dt.date | str, **kw: Any) -> Draft:
    """One step by name (the web form): review / secrecy / sign / return."""
    if name == "review":
        return review(ledger, request_id, on, by=kw.get("by"))
    if name == "secrecy":
        return secrecy_review(ledger, request_id, on, by=kw.get("by"))
    if name == "sign":
        return sign(ledger, request_id, on, by=kw.get("by"))
    if name == "return":
        return return_draft(ledger, request_id, on, kw.get("reason") or "", by=kw.get("by"))
    raise LedgerError(f"unknown approval step {name!r}", request=request_id, field="step")
