"""The wide layout of a table: every cell key either edition can print, in the form's order.

XLSX puts one report per row, so a sheet needs a fixed set of columns before the first row;
this is the union of both editions (a report leaves the other edition's columns empty).
"""

from __future__ import annotations

from functools import cache

from xxgk import form


@cache
def wide_keys(table: str) -> tuple[tuple[str, str], ...]:
    """``(row, column)`` pairs of ``table`` over both editions, in printed order."""
    if table == "requests":
        return tuple((r.key, c.key) for r in form.REQUESTS_ROWS for c in form.REQUESTS_COLUMNS)
    return tuple(dict.fromkeys(k for ed in form.EDITIONS for k in form.cell_keys(table, ed)))


def labels(table: str) -> list[tuple[str, str, str, str]]:
    """``(table, row, column, label)`` for every wide key: the printed label of each column."""
    out = []
    for row, column in wide_keys(table):
        edition = next(
            ed for ed in reversed(form.EDITIONS) if (row, column) in form.cell_keys(table, ed)
        )
        out.append((table, row, column, form.cell_label(table, row, column, edition)))
    return out
