"""R1–R3: the arithmetic of table 三 (requests), and where a single wrong cell sits.

* R1 ``requests-balance`` — per column: new_received + carried_over = total + carried_forward;
* R2 ``requests-row-total`` — per row: total = the six applicant columns;
* R3 ``requests-outcome-total`` — per column: total = the outcome rows (19 in 2019, 21 in 2021;
  whichever ``（六）`` rows were actually printed are summed, so a mixed-edition table works).

An empty or unprinted cell counts as 0. A check is skipped when the rows it needs were not
printed at all (the parser reports the missing row; one defect, one finding).

**Locating the wrong cell (the suggestion).** The rules are redundant on purpose: a single
wrong cell (r, c) breaks R2 for its row r and R1 and/or R3 for its column c — every row takes
part in R1 or R3 of every column. So, after running the three checks:

1. collect the failing rows (R2) and the failing columns (R1 ∪ R3);
2. if exactly one row r and one column c fail, the candidate is the cell (r, c), with the value
   that makes R2 hold for r: ``total(r) − (row sum − cell)`` for an applicant column, or the row
   sum when c is ``total`` (the case where only the total cell is wrong);
3. the candidate is kept only if it is ≥ 0 and, with that one cell replaced, *all* of R1–R3
   hold for the whole table — so the suggestion is never a guess that merely moves the error.

The suggestion ``{"table", "row", "column", "value", "printed", "reason", "reason_zh"}`` is
attached to every R1–R3 finding it explains. The parsed value is never changed. When no
single cell explains the failures but exactly one *pair* does (:mod:`xxgk.rules.locate`),
the pair ``{"table", "cells": [{row, column, value, printed}, …], "reason", "reason_zh"}``
is attached to every R1–R3 finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from xxgk import form
from xxgk.model import Cell, Finding, Number, Report, Table
from xxgk.rules import locate
from xxgk.rules.cells import column_name, edition_of, number, row_name, source
from xxgk.rules.registry import Context, check, finding, rule

Grid = dict[str, list[Number]]  # row → numbers in COLUMNS order

COLUMNS: tuple[str, ...] = tuple(c.key for c in form.REQUESTS_COLUMNS)
APPLICANTS: tuple[str, ...] = form.APPLICANT_TYPES
ROWS: tuple[str, ...] = tuple(
    dict.fromkeys(r for ed in form.EDITIONS for r, _ in form.cell_keys("requests", ed))
)
OUTCOMES: tuple[str, ...] = tuple(
    dict.fromkeys(r for ed in form.EDITIONS for r in form.outcome_rows(ed))
)
TOTAL = COLUMNS.index("total")
BALANCE_ROWS = ("new_received", "carried_over", "total", "carried_forward")
# The outcome rows both editions print; the （六） rows are `other` (2019) or `other.*` (2021).
COMMON_OUTCOMES: tuple[str, ...] = tuple(
    r for r in form.outcome_rows("2019") if r in form.outcome_rows("2021")
)
OTHER_2021: tuple[str, ...] = tuple(
    r for r in form.outcome_rows("2021") if r not in COMMON_OUTCOMES
)

rule(
    "requests-balance",
    severity="error",
    ref="R1",
    title="Per column of table 三: new_received + carried_over = total + carried_forward.",
    zh="{column}：“{new_label}”加“{over_label}”为 {left}，但“{total_label}”加“{forward_label}”为 {right}",
    en="requests/{key}: new_received + carried_over = {left}, but total + carried_forward = {right}",
)
rule(
    "requests-row-total",
    severity="error",
    ref="R2",
    title="Per row of table 三: total = the six applicant columns.",
    zh="{row}：各列之和为 {sum}，但“{total_label}”为 {total}",
    en="requests/{key}: the applicant columns add up to {sum}, but total is {total}",
)
rule(
    "requests-outcome-total",
    severity="error",
    ref="R3",
    title="Per column of table 三: total = the sum of the outcome rows.",
    zh="{column}：各办理结果之和为 {sum}，但“{total_label}”为 {total}",
    en="requests/{key}: the outcome rows add up to {sum}, but total is {total}",
)


# --------------------------------------------------------------------------- the arithmetic


def grid_of(table: Table) -> Grid:
    """The printed rows as numbers (empty → 0); rows not printed at all are left out."""
    return {r: _numbers(table.rows[r]) for r in ROWS if r in table.rows}


def _numbers(cells: dict[str, Cell]) -> list[Number]:
    out: list[Number] = []
    for c in COLUMNS:
        cell = cells.get(c)
        out.append(0 if cell is None or cell.value is None else cell.value)
    return out


def row_failures(grid: Grid) -> dict[str, tuple[Number, Number]]:
    """R2: ``{row: (sum of applicants, total)}`` for each row that does not add up."""
    out = {}
    for r, values in grid.items():
        added = sum(values[:TOTAL])
        if added != values[TOTAL]:
            out[r] = (added, values[TOTAL])
    return out


def balance_failures(grid: Grid) -> dict[str, tuple[Number, Number]]:
    """R1: ``{column: (new + over, total + forward)}``; nothing when a row is missing."""
    if any(r not in grid for r in BALANCE_ROWS):
        return {}
    out = {}
    columns = zip(COLUMNS, *(grid[r] for r in BALANCE_ROWS), strict=True)
    for c, new, over, total, forward in columns:
        if new + over != total + forward:
            out[c] = (new + over, total + forward)
    return out


def outcome_failures(grid: Grid) -> dict[str, tuple[Number, Number]]:
    """R3: ``{column: (sum of outcomes, total)}``; nothing unless the total row and every
    outcome row were printed (a missing row is the parser's finding, not a wrong sum)."""
    if not _outcomes_complete(grid):
        return {}
    sums = map(sum, zip(*(grid[r] for r in OUTCOMES if r in grid), strict=True))
    out: dict[str, tuple[Number, Number]] = {}
    for c, added, total in zip(COLUMNS, sums, grid["total"], strict=True):
        if added != total:
            out[c] = (added, total)
    return out


def _outcomes_complete(grid: Grid) -> bool:
    if "total" not in grid or any(r not in grid for r in COMMON_OUTCOMES):
        return False
    return "other" in grid or all(r in grid for r in OTHER_2021)


Failures = tuple[dict, dict, dict]


def _failures(grid: Grid) -> Failures:
    return row_failures(grid), balance_failures(grid), outcome_failures(grid)


# --------------------------------------------------------------------------- the suggestion


def suggest(
    grid: Grid, table: Table | None = None, failures: Failures | None = None
) -> dict[str, Any] | None:
    """The single cell whose change makes R1–R3 all hold, or None (see the module doc)."""
    rows, balance, outcomes = failures or _failures(grid)
    columns = set(balance) | set(outcomes)
    if len(rows) != 1 or len(columns) != 1:
        return None
    (r,), (c,) = rows, columns
    i = COLUMNS.index(c)
    applicants = sum(grid[r][:TOTAL])
    value = applicants if i == TOTAL else grid[r][TOTAL] - (applicants - grid[r][i])
    if value < 0:
        return None
    trial = dict(grid)
    trial[r] = list(grid[r])
    trial[r][i] = value
    if any(_failures(trial)):
        return None
    return _suggestion(r, c, value, table)


def suggest_pair(grid: Grid, table: Table | None = None) -> dict[str, Any] | None:
    """Two wrong cells, when exactly one pair of values balances R1–R3 (:mod:`.locate`)."""
    outcomes = [r for r in OUTCOMES if r in grid] if _outcomes_complete(grid) else []
    ids = locate.identities(grid, len(COLUMNS), BALANCE_ROWS, outcomes)
    values = locate.pair(grid, ids)
    return None if values is None else locate.pair_suggestion(values, COLUMNS, table)


def _suggestion(row: str, column: str, value: Number, table: Table | None) -> dict[str, Any]:
    cell = table.cell(row, column) if table is not None else None
    printed = cell.raw if cell is not None else None
    return {
        "table": "requests",
        "row": row,
        "column": column,
        "value": value,
        "printed": printed,
        "reason": f"requests/{row}/{column} = {value} (printed {printed!r}) makes every row "
        "and column of table 三 add up (R1–R3)",
        "reason_zh": f"若该格为 {value}（印为“{printed or ''}”），表三各行各列的勾稽关系均成立",
    }


# --------------------------------------------------------------------------- findings


@check("requests-balance", "requests-row-total", "requests-outcome-total")
def check_requests(report: Report, ctx: Context) -> Iterator[Finding]:
    table = report.table("requests")
    if table is None:
        return
    grid = grid_of(table)
    failures = _failures(grid)
    rows, balance, outcomes = failures
    if not (rows or balance or outcomes):
        return
    edition = edition_of(report, table)
    hint = suggest(grid, table, failures) or suggest_pair(grid, table)
    yield from _balance_findings(table, balance, edition, hint)
    yield from _row_findings(table, grid, rows, edition, hint)
    yield from _outcome_findings(table, outcomes, edition, hint)


def _hint_for(hint: dict | None, row: str | None = None, column: str | None = None) -> dict | None:
    """The suggestion, on the findings whose row or column it lies in (a pair: on all)."""
    if hint is not None and "cells" in hint:
        return dict(hint)
    if hint is None or (row is not None and hint["row"] != row):
        return None
    if column is not None and hint["column"] != column:
        return None
    return dict(hint)


def _balance_findings(
    table: Table, failures: dict, edition: str, hint: dict | None
) -> Iterator[Finding]:
    labels = _labels(edition)
    for c, (left, right) in failures.items():
        numbers = {r: number(table, r, c) for r in BALANCE_ROWS}
        yield finding(
            "requests-balance",
            table="requests",
            column=c,
            numbers={**numbers, "left": left, "right": right},
            params={"column": column_name("requests", c, edition), "key": c, **labels},
            suggestion=_hint_for(hint, column=c),
            source=source(table, "carried_forward", c) or source(table, "new_received", c),
        )


def _row_findings(
    table: Table, grid: Grid, failures: dict, edition: str, hint: dict | None
) -> Iterator[Finding]:
    total_label = form.column_label("requests", "total", edition)
    for r, (total, printed) in failures.items():
        numbers: dict[str, Number] = dict(zip(APPLICANTS, grid[r], strict=False))
        yield finding(
            "requests-row-total",
            table="requests",
            row=r,
            numbers={**numbers, "sum": total, "total": printed},
            params={"row": row_name("requests", r, edition), "key": r, "total_label": total_label},
            suggestion=_hint_for(hint, row=r),
            source=source(table, r, "total"),
        )


def _outcome_findings(
    table: Table, failures: dict, edition: str, hint: dict | None
) -> Iterator[Finding]:
    total_label = form.row_label("requests", "total", edition)
    for c, (total, printed) in failures.items():
        yield finding(
            "requests-outcome-total",
            table="requests",
            column=c,
            numbers={"sum": total, "total": printed},
            params={
                "column": column_name("requests", c, edition),
                "key": c,
                "total_label": total_label,
            },
            suggestion=_hint_for(hint, column=c),
            source=source(table, "total", c),
        )


@cache  # the form's labels are fixed; callers only unpack the dict
def _labels(edition: str = "2021") -> dict[str, str]:
    keys = ("new", "over", "total", "forward")
    return {
        f"{k}_label": form.row_label("requests", r, edition)
        for k, r in zip(keys, BALANCE_ROWS, strict=True)
    }


# Example messages for docs/rules.md (scripts/rules-doc), labels taken from the form.
EXAMPLES = {
    "requests-balance": {
        "numbers": {
            "new_received": 15,
            "carried_over": 0,
            "total": 14,
            "carried_forward": 0,
            "left": 15,
            "right": 14,
        },
        "params": {
            "column": column_name("requests", "natural_person", "2021"),
            "key": "natural_person",
            **_labels(),
        },
    },
    "requests-row-total": {
        "numbers": {"sum": 0, "total": 15},
        "params": {
            "row": row_name("requests", "granted", "2019"),
            "key": "granted",
            "total_label": form.column_label("requests", "total"),
        },
    },
    "requests-outcome-total": {
        "numbers": {"sum": 0, "total": 15},
        "params": {
            "column": column_name("requests", "natural_person", "2019"),
            "key": "natural_person",
            "total_label": form.row_label("requests", "total"),
        },
    },
}
