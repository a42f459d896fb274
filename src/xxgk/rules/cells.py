"""Reading cells for the rules: numbers for the arithmetic, names for the messages.

The arithmetic rules (R1–R6) treat an empty cell (``value is None``) and a cell
that was not printed at all as 0 — the parser already reports the empty cell,
and a rule must not fail twice for one defect. Labels come from :mod:`xxgk.form`
only; this module merely chooses which of them to join.
"""

from __future__ import annotations

from functools import cache

from xxgk import form
from xxgk.model import Cell, Number, Report, Source, Table


def number(table: Table, row: str, column: str) -> Number:
    """The cell's value for arithmetic: empty or absent counts as 0."""
    cell = table.rows.get(row, {}).get(column)
    if cell is None or cell.value is None:
        return 0
    return cell.value


def source(table: Table, row: str, column: str) -> Source | None:
    cell: Cell | None = table.rows.get(row, {}).get(column)
    return None if cell is None else cell.source


def edition_of(report: Report, table: Table | None = None) -> str:
    """The edition to take labels from: the table's, else the report's, else 2021."""
    for candidate in (table.edition if table else None, report.meta.edition):
        if candidate in form.EDITIONS:
            return candidate
    return "2021"


@cache  # labels are fixed: name each cell once per process
def row_name(table: str, row: str, edition: str) -> str:
    """A row label that is unambiguous on its own: ``（三）不予公开 / 1.属于国家秘密``.

    Numbered sub-rows (``1.`` …) repeat across groups, so their group is prefixed;
    the top-level result rows are named by their own label (``（一）予以公开``)."""
    label = form.row_label(table, row, edition)
    group = next((r.group for r in form.rows(table, edition) if r.key == row), None)
    if group is None:
        group = next(
            (r.group for ed in form.EDITIONS for r in form.rows(table, ed) if r.key == row), None
        )
    if group is None or group == form.RESULTS_GROUP:
        return label
    return f"{group} / {label}"


@cache  # labels are fixed: name each cell once per process
def column_name(table: str, column: str, edition: str, row: str | None = None) -> str:
    """A column label, its group prefixed (``法人或其他组织 / 其他``: ``其他`` alone is ambiguous)."""
    label = form.column_label(table, column, edition, row)
    if table != "requests":
        return label
    group = next((c.group for c in form.REQUESTS_COLUMNS if c.key == column), None)
    return label if group is None else f"{group} / {label}"


@cache  # labels are fixed: name each cell once per process
def cell_name(table: str, row: str, column: str, edition: str) -> str:
    """``（三）不予公开 / 1.属于国家秘密 / 自然人`` — a cell named by its row and column."""
    return f"{row_name(table, row, edition)} / {column_name(table, column, edition, row)}"
