"""Working days and deadlines: hand-checked dates, the 2027 fallback, property tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.errors import LedgerError
from xxgk.ledger.calendar import Calendar
from xxgk.ledger.deadlines import answer_due_for, days_left

D = dt.date
CAL = Calendar()


def test_national_day_2024_hand_counted():
    # Received Wed 2024-09-25; day 1 is the next working day (receipt not counted):
    # 09-26(1) 09-27(2) 09-29 Sun make-up(3) 09-30(4) | 10-01..10-07 holiday |
    # 10-08(5) 09(6) 10(7) 11(8) 10-12 Sat make-up(9) 14(10) 15(11) 16(12) 17(13) 18(14)
    # 21(15) 22(16) 23(17) 24(18) 25(19) 10-28(20).
    assert CAL.nth_after(D(2024, 9, 25), 20).day == D(2024, 10, 28)
    assert CAL.nth_after(D(2024, 9, 25), 3).day == D(2024, 9, 29)
    assert CAL.nth_after(D(2024, 9, 25), 9).day == D(2024, 10, 12)
    assert CAL.nth_after(D(2024, 9, 25), 20).warnings == ()


def test_2025_make_up_days_and_holidays_from_the_spec():
    for day in (D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)):
        assert CAL.is_workday(day), day
    holidays = [D(2025, 1, 28) + dt.timedelta(days=i) for i in range(8)]
    holidays += [D(2025, 5, i) for i in range(1, 6)] + [D(2025, 10, i) for i in range(1, 9)]
    for day in holidays:
        assert not CAL.is_workday(day), day


def test_receipt_on_a_holiday_counts_from_the_next_working_day():
    # Received on National Day 2025-10-01 (holiday): 10-09 is day 1, 10-11 Sat make-up day 3.
    assert CAL.nth_after(D(2025, 10, 1), 1).day == D(2025, 10, 9)
    assert CAL.nth_after(D(2025, 10, 1), 3).day == D(2025, 10, 11)


def test_correction_and_extension_restart_and_extend_the_clock():
    # Corrected request received Mon 2024-10-14: 20 working days → 11-11 (Mon).
    # 15(1) 16 17 18(4) 21..25(9) 28..11-01(14) 04..08(19) 11-11(20).
    assert answer_due_for(CAL, D(2024, 9, 25), D(2024, 10, 14)).day == D(2024, 11, 11)
    # Extension by 20 from 2024-10-28: 29 30 31 11-01(4) 04..08(9) 11..15(14) 18..22(19) 25(20).
    assert answer_due_for(CAL, D(2024, 9, 25), extended=20).day == D(2024, 11, 25)


def test_unknown_year_falls_back_to_monday_to_friday_with_a_warning():
    # 2026-12-21 Mon; chinesecalendar knows 2026 but not 2027. Mon–Fri from 12-22:
    # 22 23 24 25(4) 28 29 30 31(8) | 2027: 01-01 Fri(9) 04..08(14) 11..15(19) 01-18(20).
    due = CAL.nth_after(D(2026, 12, 21), 20)
    assert due.day == D(2027, 1, 18)
    assert due.warnings == ("calendar unknown for 2027",)
    assert not CAL.known(2027) and CAL.known(2026)


def test_local_table_for_2027_removes_the_warning_and_moves_the_date():
    # The office records 2027-01-01 as a holiday (New Year): one working day fewer → 01-19.
    local = Calendar({D(2027, 1, 1): False})
    due = local.nth_after(D(2026, 12, 21), 20)
    assert due.day == D(2027, 1, 19)
    assert due.warnings == ()


def test_local_table_overrides_the_package():
    # Pretend an extra make-up Saturday 2024-10-19: 10-28's deadline moves to Fri 10-25.
    local = Calendar({D(2024, 10, 19): True})
    assert local.nth_after(D(2024, 9, 25), 20).day == D(2024, 10, 25)


def test_dates_outside_any_calendar_are_refused():
    with pytest.raises(LedgerError, match="outside any calendar"):
        CAL.nth_after(D(1999, 5, 1), 20)
    with pytest.raises(LedgerError, match="outside any calendar"):
        CAL.is_workday(D(2100, 1, 4))


def test_days_left():
    # Due Mon 2024-10-28. On Fri 10-25: 1 working day left; on the day: 0; on Tue 10-29: -1.
    assert days_left(CAL, D(2024, 10, 25), D(2024, 10, 28)) == 1
    assert days_left(CAL, D(2024, 10, 26), D(2024, 10, 28)) == 1  # Saturday
    assert days_left(CAL, D(2024, 10, 28), D(2024, 10, 28)) == 0
    assert days_left(CAL, D(2024, 10, 29), D(2024, 10, 28)) == -1
    assert days_left(CAL, D(2024, 11, 2), D(2024, 11, 1)) == -1  # Saturday after a Friday deadline


receipts = st.dates(min_value=D(2004, 1, 1), max_value=D(2098, 6, 30))


@settings(max_examples=300, deadline=None)
@given(receipts, st.integers(min_value=1, max_value=60))
def test_due_is_a_working_day_after_receipt(received, n):
    due = CAL.nth_after(received, n).day
    assert CAL.is_workday(due)
    assert due > received
    # exactly n working days in (received, due]
    count = sum(
        CAL.is_workday(received + dt.timedelta(days=i)) for i in range(1, (due - received).days + 1)
    )
    assert count == n


@settings(max_examples=300, deadline=None)
@given(receipts, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=20))
def test_due_is_monotonic_in_receipt(received, gap, extended):
    later = received + dt.timedelta(days=gap)
    first = answer_due_for(CAL, received, extended=extended).day
    second = answer_due_for(CAL, later, extended=extended).day
    assert second >= first


def test_calendar_agrees_with_chinesecalendar_day_by_day():
    import chinese_calendar

    day = D(2004, 1, 1)
    while day <= D(2026, 12, 31):
        assert CAL.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
