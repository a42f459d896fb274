"""The annual ``requests`` and ``appeals`` tables, computed from the ledger.

A request counts in ``new_received`` of the year it is received and in one outcome row of
the year it is answered (closed: answered or withdrawn). Received in or before year Y and
not closed by 31 December → ``carried_forward`` of Y; received before Y and not closed
before 1 January of Y → ``carried_over`` of Y. So for every column
``new_received + carried_over = total + carried_forward`` (R1) by construction.

An appeal case counts in every year it is open at some point: filed on or before 31 December
and not decided before 1 January. Its column is its result if decided within the year,
``pending`` if still undecided at year end. (A case pending at the end of 2024 and upheld in
2025 is ``pending`` in 2024 and ``upheld`` in 2025, so every result is reported once.)

The same definitions exist twice, once over folded states in Python (:func:`counts`, for
tests and small ledgers) and once as SQL (:func:`sql_counts`, one ``GROUP BY`` over the
cached columns); the test-suite checks they agree. :func:`cell_filter` is the SQL predicate
of one cell, used for drill-down.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from xxgk import form
from xxgk.ledger import model as m
from xxgk.model import Cell, Meta, Report, Table

Counts = Counter  # (table, row, column) -> int


def bounds(year: int) -> tuple[str, str]:
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


# ---------------------------------------------------------------- Python definition


def request_cells(
    received: dt.date, closed_on: dt.date | None, outcome: str | None, year: int, edition: str
) -> list[str]:
    """The requests rows one request counts in for ``year`` (its column is its applicant type)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = []
    if first <= received <= last:
        rows.append("new_received")
    if received < first and (closed_on is None or closed_on >= first):
        rows.append("carried_over")
    if closed_on is not None and first <= closed_on <= last and outcome:
        rows += [m.outcome_row(outcome, edition), "total"]
    if received <= last and (closed_on is None or closed_on > last):
        rows.append("carried_forward")
    return rows


def appeal_column(case: m.AppealCase, year: int) -> str | None:
    """The appeals column a case counts in for ``year``, or None if it is not open in it."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if case.filed > last or (case.decided is not None and case.decided < first):
        return None
    if case.result is None or case.decided is None or case.decided > last:
        return "pending"
    return case.result


def counts(states: Iterable[m.RequestState], cases: Iterable[m.AppealCase], year: int) -> Counts:
    """Every cell's count from folded states and appeal cases."""
    edition = form.edition_for_year(year)
    out: Counts = Counter()
    for s in states:
        for row in request_cells(s.received, s.closed_on, s.outcome, year, edition):
            out["requests", row, s.applicant_type] += 1
    for case in cases:
        column = appeal_column(case, year)
        if column is not None:
            out["appeals", case.kind, column] += 1
    return out


# ---------------------------------------------------------------- SQL definition

# Grouped by the plain columns so that SQLite streams the groups in the order of the
# ``requests_group`` index instead of sorting ~a million rows.
_REQUESTS_SQL = """
SELECT applicant_type, outcome,
       SUM(CASE WHEN received_on >= ? THEN 1 ELSE 0 END) AS new_received,
       SUM(CASE WHEN received_on < ? THEN 1 ELSE 0 END) AS carried_over,
       SUM(CASE WHEN answered_on IS NULL OR answered_on > ? THEN 1 ELSE 0 END) AS carried_forward,
       SUM(CASE WHEN answered_on <= ? THEN 1 ELSE 0 END) AS closed_in_year
FROM requests
WHERE unit_code = ? AND received_on <= ? AND (answered_on IS NULL OR answered_on >= ?)
GROUP BY applicant_type, outcome
"""

_APPEALS_SQL = """
SELECT kind, CASE WHEN result IS NOT NULL AND decided_on <= ? THEN result ELSE 'pending' END, COUNT(*)
FROM appeals
WHERE unit_code = ? AND filed_on <= ? AND (decided_on IS NULL OR decided_on >= ?)
GROUP BY 1, 2
"""


def sql_counts(store: Any, year: int, unit: str) -> Counts:
    """Every cell's count of one unit by SQL aggregation over the cached request columns."""
    first, last = bounds(year)
    edition = form.edition_for_year(year)
    out: Counts = Counter()
    rows = store.all(_REQUESTS_SQL, (first, first, last, last, unit, last, first))
    for applicant_type, outcome, new, over, forward, closed in rows:
        for row, n in (("new_received", new), ("carried_over", over), ("carried_forward", forward)):
            out["requests", row, applicant_type] += int(n)
        if outcome is not None and int(closed):
            out["requests", m.outcome_row(outcome, edition), applicant_type] += int(closed)
            out["requests", "total", applicant_type] += int(closed)
    for kind, column, n in store.all(_APPEALS_SQL, (last, unit, last, first)):
        out["appeals", kind, column] += int(n)
    return out


def cell_filter(year: int, row: str, column: str) -> tuple[str, list[str]]:
    """SQL ``WHERE`` text and parameters selecting the requests behind one requests cell."""
    first, last = bounds(year)
    edition = form.edition_for_year(year)
    if row not in {r.key for r in form.rows("requests", edition)}:
        raise KeyError(row)
    if column not in form.APPLICANT_TYPES and column != "total":
        raise KeyError(column)
    where, params = _row_filter(row, first, last, edition)
    if column != "total":
        where += " AND applicant_type = ?"
        params.append(column)
    return where, params


def _row_filter(row: str, first: str, last: str, edition: str) -> tuple[str, list[str]]:
    if row == "new_received":
        return "received_on BETWEEN ? AND ?", [first, last]
    if row == "carried_over":
        return "received_on < ? AND (answered_on IS NULL OR answered_on >= ?)", [first, first]
    if row == "carried_forward":
        return "received_on <= ? AND (answered_on IS NULL OR answered_on > ?)", [last, last]
    where = "answered_on BETWEEN ? AND ?"
    if row == "total":
        return where, [first, last]
    stored = [o for o in m.OUTCOMES if m.outcome_row(o, edition) == row]
    return where + f" AND outcome IN ({', '.join('?' for _ in stored)})", [first, last, *stored]


# ---------------------------------------------------------------- Report


def build_report(
    counted: Counts, year: int, agency: str | None = None, edition: str | None = None
) -> Report:
    """The Report the parser would produce for these counts: ``requests`` and ``appeals``."""
    edition = edition or form.edition_for_year(year)
    meta = Meta(
        agency=agency,
        agency_from="data" if agency else None,
        year=year,
        year_from="data",
        edition=edition,
        title=f"{agency or ''}{year}年政府信息公开工作年度报告",
        format="ledger",
    )
    tables: dict[str, Table | None] = {
        "active": None,
        "requests": _requests_table(counted, edition),
        "appeals": _appeals_table(counted, edition),
    }
    return Report(meta, tables, [], [])


def _requests_table(counted: Counts, edition: str) -> Table:
    table = Table("requests", edition)
    for row in form.rows("requests", edition):
        values = {c: counted["requests", row.key, c] for c in form.APPLICANT_TYPES}
        for column, value in values.items():
            table.set(row.key, column, Cell.of(value))
        table.set(row.key, "total", Cell.of(sum(values.values())))
    return table


def _appeals_table(counted: Counts, edition: str) -> Table:
    table = Table("appeals", edition)
    parts = ("upheld", "corrected", "other", "pending")
    for row in form.APPEALS_ROWS:
        values = {c: counted["appeals", row.key, c] for c in parts}
        for column, value in values.items():
            table.set(row.key, column, Cell.of(value))
        table.set(row.key, "total", Cell.of(sum(values.values())))
    return table
