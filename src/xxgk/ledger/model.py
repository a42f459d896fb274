"""The ledger's data: a request is an append-only list of events; appeals are cases.

Nothing about a request's state is stored by hand: the registration itself is the
``received`` event, every later fact is another event, a mistake is corrected by a new
event (``amended`` for registration fields, ``void`` for a wrong event) and nothing is
deleted. Every event records who entered it and when (``by``, ``at``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from xxgk import form

# Event kinds, in the order an officer meets them.
RECEIVED = "received"  # data: applicant_type, applicant, channel, description
AMENDED = "amended"  # data: field, value — corrects a registration field
CORRECTION_REQUESTED = "correction_requested"  # 补正告知 (art. 30)
CORRECTION_RECEIVED = "correction_received"  # the corrected request arrived: the clock restarts
EXTENDED = "extended"  # data: days (1–20 working days; once) (art. 33)
CONSULTATION_STARTED = "consultation_started"  # data: party = third_party | agency (arts. 32, 34)
CONSULTATION_ENDED = "consultation_ended"
PAUSED = "paused"  # data: working_days, reason — a pause known only by its length (imports)
FEE_NOTICE = "fee_notice"  # data: method = piece | volume, pages, amount (109号)
FEE_PAID = "fee_paid"
ANSWERED = "answered"  # data: outcome (a requests row key)
WITHDRAWN = "withdrawn"  # closes the request as other.other
VOID = "void"  # data: event (id) — cancels a wrongly recorded event

KINDS: tuple[str, ...] = (
    RECEIVED,
    AMENDED,
    CORRECTION_REQUESTED,
    CORRECTION_RECEIVED,
    EXTENDED,
    CONSULTATION_STARTED,
    CONSULTATION_ENDED,
    PAUSED,
    FEE_NOTICE,
    FEE_PAID,
    ANSWERED,
    WITHDRAWN,
    VOID,
)

# Desk events (the web app): the answer's internal approval (拟办 → 审核 → 签发, with the
# 保密审查 recorded) and the archiving of a closed request. They are in the same append-only
# log but do not change the state or the clock (the deadline counts during approval); the
# answer itself is the ``answered`` event appended when the draft is signed.
ANSWER_DRAFTED = "answer_drafted"  # 拟办 — data: outcome (+ responsible, note)
ANSWER_REVIEWED = "answer_reviewed"  # 审核
SECRECY_REVIEWED = "secrecy_reviewed"  # 保密审查 — data: conclusion
ANSWER_SIGNED = "answer_signed"  # 签发 — releases the answer
ANSWER_RETURNED = "answer_returned"  # 退回 — data: reason; the draft is void
ARCHIVED = "archived"  # 归档 — the case file was made
DESK_KINDS: tuple[str, ...] = (
    ANSWER_DRAFTED,
    ANSWER_REVIEWED,
    SECRECY_REVIEWED,
    ANSWER_SIGNED,
    ANSWER_RETURNED,
    ARCHIVED,
)

# Derived states.
OPEN = "open"
AWAITING_CORRECTION = "awaiting_correction"
CONSULTING = "consulting"
FEE_PENDING = "fee_pending"
CLOSED = "closed"
STATES: tuple[str, ...] = (OPEN, AWAITING_CORRECTION, CONSULTING, FEE_PENDING, CLOSED)

PARTIES = ("third_party", "agency")
FEE_METHODS = ("piece", "volume")
AMENDABLE = ("applicant_type", "received", "applicant", "channel", "description")

ANSWER_DAYS = 20  # art. 33
EXTENSION_MAX = 20  # art. 33
CORRECTION_NOTICE_DAYS = 7  # art. 30
REPLY_DAYS = 15  # arts. 32, 34

# Outcomes are stored as 2021 row keys; the 2019 single row `other` is folded into them.
OUTCOMES: tuple[str, ...] = form.outcome_rows("2021")
WITHDRAWN_OUTCOME = "other.other"
NO_CORRECTION_OUTCOME = "other.no_correction"
UNPAID_FEE_OUTCOME = "other.unpaid_fee"


def canonical_outcome(outcome: str) -> str | None:
    """A requests row key as stored (2019's ``other`` → ``other.other``), or None if unknown.
    The form's row label (``予以公开``, ``（三）不予公开/4.保护第三方合法权益``) is taken for its key."""
    from xxgk.ledger.inputs import outcome_key

    outcome = outcome_key(outcome)
    if outcome == "other":
        return WITHDRAWN_OUTCOME
    return outcome if outcome in OUTCOMES else None


def outcome_row(outcome: str, edition: str) -> str:
    """The row a stored outcome counts in for ``edition`` (2019: every ``other.*`` → ``other``)."""
    if edition == "2019" and outcome.startswith("other"):
        return "other"
    return outcome


@dataclass(slots=True)
class Event:
    """One fact about a request. ``on`` is when it happened; ``at`` when it was recorded."""

    request_id: str
    kind: str
    on: dt.date
    data: dict[str, Any] = field(default_factory=dict)
    by: str = ""
    at: str = ""
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "request_id": self.request_id,
            "kind": self.kind,
            "on": self.on.isoformat(),
            "data": dict(self.data),
            "by": self.by,
            "at": self.at,
        }


@dataclass(slots=True)
class Pause:
    """A period not counted towards the answer deadline: working days in ``(start, end]``."""

    reason: str  # consultation_third_party | consultation_agency | fee
    start: dt.date
    end: dt.date | None = None  # None while still running


@dataclass(slots=True)
class RequestState:
    """What the events of one request add up to (see :func:`xxgk.ledger.state.fold`)."""

    id: str
    applicant_type: str
    received: dt.date
    applicant: str | None = None
    channel: str | None = None
    description: str | None = None
    state: str = OPEN
    outcome: str | None = None
    closed_on: dt.date | None = None
    clock_start: dt.date | None = None  # receipt, or receipt of the corrected request
    correction_requested: dt.date | None = None
    correction_received: dt.date | None = None
    extension_days: int = 0
    pauses: list[Pause] = field(default_factory=list)
    paused_days: int = 0  # pauses known only by their length
    consultation_party: str | None = None
    fee_amount: str | None = None
    events: list[Event] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.state != CLOSED

    def to_dict(self) -> dict[str, Any]:
        def iso(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "id": self.id,
            "applicant_type": self.applicant_type,
            "applicant": self.applicant,
            "channel": self.channel,
            "description": self.description,
            "received": iso(self.received),
            "state": self.state,
            "outcome": self.outcome,
            "closed_on": iso(self.closed_on),
            "clock_start": iso(self.clock_start),
            "correction_requested": iso(self.correction_requested),
            "correction_received": iso(self.correction_received),
            "extension_days": self.extension_days,
            "pauses": [
                {"reason": p.reason, "start": iso(p.start), "end": iso(p.end)} for p in self.pauses
            ],
            "paused_days": self.paused_days,
            "fee_amount": self.fee_amount,
            "events": [e.to_dict() for e in self.events],
        }


APPEAL_KINDS: tuple[str, ...] = tuple(r.key for r in form.APPEALS_ROWS)
APPEAL_RESULTS: tuple[str, ...] = ("upheld", "corrected", "other")


@dataclass(slots=True)
class AppealCase:
    """A reconsideration or lawsuit against the decision on ``request_id``."""

    id: str
    request_id: str
    kind: str  # review | lawsuit_direct | lawsuit_after_review
    filed: dt.date
    result: str | None = None  # upheld | corrected | other; None while pending
    decided: dt.date | None = None
    by: str = ""
    at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "request_id": self.request_id,
            "kind": self.kind,
            "filed": self.filed.isoformat(),
            "result": self.result,
            "decided": self.decided.isoformat() if self.decided else None,
            "by": self.by,
            "at": self.at,
        }
