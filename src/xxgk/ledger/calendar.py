"""Working days: China's statutory holidays and 调休 make-up workdays, as data.

Three sources, in order of precedence:

1. the office's **local table** (``calendar_days`` in the ledger database): one row per day
   that is a holiday or a make-up workday, added when the State Council's yearly notice
   (国务院办公厅关于YYYY年部分节假日安排的通知) appears — a year with at least one local row
   counts as *known*;
2. the ``chinesecalendar`` package (it knows 2004–2026 in version 1.11.0);
3. for any other year, **Monday–Friday** — every deadline that crosses such a year carries the
   warning ``calendar unknown for YYYY`` until the local table is extended.

The counting convention lives in exactly one function, :meth:`Calendar.nth_after`.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from xxgk.errors import LedgerError

FIRST_YEAR = 2004  # the first year chinesecalendar knows; earlier dates are outside any calendar
LAST_YEAR = 2099  # the last year a ledger date may fall in


@dataclass(frozen=True)
class Due:
    """A deadline: the day, and the warnings that make it provisional."""

    day: dt.date
    warnings: tuple[str, ...] = ()


def unknown_warning(year: int) -> str:
    """The visible warning attached to deadlines computed with the Mon–Fri fallback."""
    return f"calendar unknown for {year}"


def check_date(day: dt.date, *, request: str | None = None, field: str | None = None) -> dt.date:
    """Refuse a date no calendar can count in (before 2004 or after 2099)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise LedgerError(
            f"{day.isoformat()} is outside any calendar ({FIRST_YEAR}–{LAST_YEAR})",
            request=request,
            field=field,
        )
    return day


@cache
def _package_years() -> frozenset[int]:
    """The years chinesecalendar knows (it raises NotImplementedError for the others)."""
    import chinese_calendar

    known = set()
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        try:
            chinese_calendar.is_workday(dt.date(year, 1, 1))
        except NotImplementedError:
            continue
        known.add(year)
    return frozenset(known)


@cache
def _package_flags() -> bytes:
    """One byte per day from 2004-01-01 to 2099-12-31: 1 working day, 0 rest day, 2 unknown year.

    Built from chinesecalendar's own tables (its ``is_workday`` is: a listed holiday → rest,
    a listed make-up day → work, else Monday–Friday), which is ~20× faster than asking it
    day by day."""
    from chinese_calendar import constants

    known = _package_years()
    first = dt.date(FIRST_YEAR, 1, 1)
    out = bytearray()
    day, last = first, dt.date(LAST_YEAR, 12, 31)
    while day <= last:
        out.append((1 if day.weekday() < 5 else 0) if day.year in known else 2)
        day += dt.timedelta(days=1)
    for table, flag in ((constants.holidays, 0), (constants.workdays, 1)):
        for listed in table:
            if listed.year in known:
                out[(listed - first).days] = flag
    return bytes(out)


class Calendar:
    """Working-day arithmetic over 2004–2099, O(1) per query after a one-off build."""

    def __init__(self, local: Mapping[dt.date, bool] | None = None) -> None:
        self.local = dict(local or {})
        self.origin = dt.date(FIRST_YEAR, 1, 1).toordinal()
        self.known_years = _package_years() | {d.year for d in self.local}
        flags = bytearray(_package_flags())
        for day, workday in self.local.items():
            flags[day.toordinal() - self.origin] = 1 if workday else 0
        self._workdays = array("i")  # ordinals of working days, ascending
        self._count = array("i")  # working days on or before each day since the origin
        for offset, flag in enumerate(flags):
            if flag == 2:  # unknown year: Monday–Friday
                flag = 1 if dt.date.fromordinal(self.origin + offset).weekday() < 5 else 0
            if flag:
                self._workdays.append(self.origin + offset)
            self._count.append(len(self._workdays))

    # ------------------------------------------------------------------ queries
    def known(self, year: int) -> bool:
        return year in self.known_years

    def is_workday(self, day: dt.date) -> bool:
        i = check_date(day).toordinal() - self.origin
        return self._count[i] - (self._count[i - 1] if i else 0) == 1

    def index(self, day: dt.date) -> int:
        """How many working days fall on or before ``day`` (since 2004-01-01)."""
        return self._count[check_date(day).toordinal() - self.origin]

    def workday_at(self, index: int) -> dt.date:
        """The working day whose :meth:`index` is ``index``."""
        if not 1 <= index <= len(self._workdays):
            raise LedgerError(f"a deadline falls outside any calendar ({FIRST_YEAR}–{LAST_YEAR})")
        return dt.date.fromordinal(self._workdays[index - 1])

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]`` — negative when ``end`` is before ``start``."""
        return self.index(end) - self.index(start)

    def warnings(self, start: dt.date, end: dt.date) -> tuple[str, ...]:
        """``calendar unknown for YYYY`` for every unknown year the span (start, end] touches."""
        years = range(min(start, end).year, max(start, end).year + 1)
        return tuple(unknown_warning(y) for y in years if not self.known(y))

    # ------------------------------------------------------------------ the convention
    def nth_after(self, start: dt.date, n: int) -> Due:
        """THE counting convention: the ``n``-th working day **after** ``start``.

        The day of receipt (or of the corrected request, or of any other starting event) is
        not counted — Chinese administrative practice does not count the starting day — so
        day 1 is the first working day after ``start``; a request received on Wednesday
        2024-09-25 is due on the 20th working day after it, 2024-10-28. Every deadline in the
        ledger is computed through this function or, where pauses shift it, through
        :meth:`index` and :meth:`due_at` with the same meaning (``index(start) + n``)."""
        return self.due_at(start, self.index(start) + n)

    def due_at(self, start: dt.date, index: int) -> Due:
        """The working day with ``index``, with warnings for unknown years since ``start``."""
        day = self.workday_at(index)
        return Due(day, self.warnings(start, day))

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day on or after ``day``."""
        i = bisect_right(self._workdays, day.toordinal() - 1)
        return dt.date.fromordinal(self._workdays[i])


def parse_local_rows(rows: Iterable[tuple[str, object]]) -> dict[dt.date, bool]:
    """``(YYYY-MM-DD, workday)`` rows from the database → the local table."""
    return {dt.date.fromisoformat(day): bool(int(workday)) for day, workday in rows}  # type: ignore[call-overload]
