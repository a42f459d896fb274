"""Folding events: derived state, pauses, and every impossible order refused with request + field."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.errors import LedgerError
from xxgk.ledger import model as m
from xxgk.ledger.calendar import Calendar
from xxgk.ledger.deadlines import Deadlines, answer_due, deadlines, reply_due
from xxgk.ledger.state import fold

D = dt.date
CAL = Calendar()


def ev(kind: str, on: dt.date, i: int, **data) -> m.Event:
    return m.Event("R1", kind, on, data, "tester", "t", i)


RECEIPT = D(2024, 9, 25)


def received(on: dt.date = RECEIPT, kind: str = "natural_person") -> m.Event:
    return ev(m.RECEIVED, on, 1, applicant_type=kind)


def refused(events, field, match):
    with pytest.raises(LedgerError, match=match) as info:
        fold(events)
    assert info.value.request == "R1"
    assert info.value.field == field
    return info.value


def test_plain_request_folds_open_with_the_20_day_deadline():
    state = fold([received()])
    assert state.state == m.OPEN and state.outcome is None
    assert answer_due(state, CAL).day == D(2024, 10, 28)


def test_answer_closes_with_its_outcome():
    state = fold([received(), ev(m.ANSWERED, D(2024, 10, 8), 2, outcome="denied.third_party")])
    assert (state.state, state.outcome, state.closed_on) == (
        m.CLOSED,
        "denied.third_party",
        D(2024, 10, 8),
    )
    assert deadlines(state, CAL) == Deadlines()


def test_withdrawal_is_other_other_and_2019_other_is_canonicalised():
    assert fold([received(), ev(m.WITHDRAWN, D(2024, 10, 8), 2)]).outcome == "other.other"
    assert (
        fold([received(), ev(m.ANSWERED, D(2024, 10, 8), 2, outcome="other")]).outcome
        == "other.other"
    )


def test_consultation_pause_is_not_counted():
    # Received 2024-09-25, consultation 2024-10-08 .. 2024-10-15: working days in (10-08, 10-15]
    # are 10-09 10-10 10-11 10-12(make-up) 10-14 10-15 = 6 → 2024-10-28 + 6 working days = 11-05
    # (29 30 31 11-01 11-04 11-05).
    events = [
        received(),
        ev(m.CONSULTATION_STARTED, D(2024, 10, 8), 2, party="third_party"),
        ev(m.CONSULTATION_ENDED, D(2024, 10, 15), 3),
    ]
    assert answer_due(fold(events), CAL).day == D(2024, 11, 5)


def test_running_consultation_has_a_reply_deadline_and_no_answer_date():
    # Third party consulted 2024-10-08: 15 working days → 10-09(1) 10 11 12 14(5) 15..18(9) 21..25(14) 10-28(15).
    state = fold([received(), ev(m.CONSULTATION_STARTED, D(2024, 10, 8), 2)])
    assert state.state == m.CONSULTING
    assert answer_due(state, CAL) is None
    assert reply_due(state, CAL).day == D(2024, 10, 28)


def test_pause_after_the_deadline_does_not_move_it():
    events = [
        received(),
        ev(m.CONSULTATION_STARTED, D(2024, 10, 28), 2),  # the last day: 20 days already used
        ev(m.CONSULTATION_ENDED, D(2024, 11, 4), 3),
    ]
    assert answer_due(fold(events), CAL).day == D(2024, 10, 28)


def test_events_are_replayed_by_date_not_by_recording_order():
    events = [
        received(),
        ev(m.CORRECTION_RECEIVED, D(2024, 10, 14), 2),
        ev(m.CORRECTION_REQUESTED, D(2024, 9, 27), 3),
    ]
    state = fold(events)
    assert state.clock_start == D(2024, 10, 14)
    assert answer_due(state, CAL).day == D(2024, 11, 11)


def test_answer_before_receipt_refused():
    refused(
        [received(), ev(m.ANSWERED, D(2024, 9, 24), 2, outcome="granted")],
        "on",
        "before the request was received",
    )


def test_second_extension_refused():
    events = [
        received(),
        ev(m.EXTENDED, D(2024, 10, 20), 2, days=10),
        ev(m.EXTENDED, D(2024, 10, 21), 3, days=5),
    ]
    refused(events, "kind", "already extended once")


def test_extension_beyond_20_refused():
    refused([received(), ev(m.EXTENDED, D(2024, 10, 20), 2, days=21)], "days", "1–20 working days")


def test_answer_on_closed_request_refused():
    events = [
        received(),
        ev(m.ANSWERED, D(2024, 10, 8), 2, outcome="granted"),
        ev(m.ANSWERED, D(2024, 10, 9), 3, outcome="granted"),
    ]
    refused(events, "kind", "already closed")


def test_unknown_outcome_and_applicant_type_refused():
    refused(
        [received(), ev(m.ANSWERED, D(2024, 10, 8), 2, outcome="approved")],
        "outcome",
        "unknown outcome",
    )
    refused([received(kind="company")], "applicant_type", "unknown applicant type")


def test_correction_received_without_request_refused_and_second_correction_refused():
    refused(
        [received(), ev(m.CORRECTION_RECEIVED, D(2024, 10, 8), 2)],
        "kind",
        "no correction was requested",
    )
    events = [
        received(),
        ev(m.CORRECTION_REQUESTED, D(2024, 9, 26), 2),
        ev(m.CORRECTION_RECEIVED, D(2024, 9, 30), 3),
        ev(m.CORRECTION_REQUESTED, D(2024, 10, 8), 4),
    ]
    refused(events, "kind", "already requested")


def test_date_outside_any_calendar_refused():
    refused([received(on=D(1998, 1, 5))], "received", "outside any calendar")


def test_void_cancels_a_wrong_answer_without_deleting_it():
    events = [
        received(),
        ev(m.ANSWERED, D(2024, 10, 8), 2, outcome="granted"),
        ev(m.VOID, D(2024, 10, 9), 3, event=2),
        ev(m.ANSWERED, D(2024, 10, 10), 4, outcome="partially_granted"),
    ]
    state = fold(events)
    assert state.outcome == "partially_granted" and len(state.events) == 4


def test_amended_applicant_type_and_receipt():
    events = [
        received(),
        ev(m.AMENDED, D(2024, 10, 1), 2, field="applicant_type", value="legal_service"),
        ev(m.AMENDED, D(2024, 10, 1), 3, field="received", value="2024-09-26"),
    ]
    state = fold(events)
    assert (state.applicant_type, state.received) == ("legal_service", D(2024, 9, 26))
    refused(
        [received(), ev(m.AMENDED, D(2024, 10, 1), 2, field="outcome", value="x")],
        "field",
        "cannot amend",
    )
