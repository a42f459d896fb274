"""Two wrong cells of table 三 located by the redundancy of R1–R3 (the pair suggestion).

When no *single* cell explains the failing checks (:func:`xxgk.rules.requests.suggest`),
two may. Every identity is a sum with coefficients ±1 (R2 per row, R1 and R3 per column).
A pair of cells (A, B) is a candidate when every failing identity contains A or B; A's
value is the one that makes an identity holding A but not B hold (likewise B), and the pair
is kept only when, with both replaced, every identity of the table holds and both values are
whole numbers ≥ 0 that differ from the printed ones. The pair is suggested only when
**exactly one** pair passes — two compensating errors in one row (``+1`` here, ``−1``
there) fit many pairs and get no suggestion. The parsed values are never changed.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from xxgk.model import Number, Table

Cell = tuple[str, int]  # (row, column index)
Identity = list[tuple[Cell, int]]  # Σ coefficient × value = 0
MAX_CANDIDATES = 80  # cells in failing identities; more means many errors, not two


def identities(grid: dict[str, list[Number]], columns: int, balance, outcomes) -> list[Identity]:
    """R2 for each row, R1 and R3 for each column (those whose rows are printed)."""
    total = columns - 1
    out: list[Identity] = []
    for r in grid:
        out.append([*(((r, c), 1) for c in range(total)), ((r, total), -1)])
    new, over, tot, forward = balance
    if all(r in grid for r in balance):
        for c in range(columns):
            out.append([((new, c), 1), ((over, c), 1), ((tot, c), -1), ((forward, c), -1)])
    if outcomes and tot in grid:
        for c in range(columns):
            out.append([*(((r, c), 1) for r in outcomes), ((tot, c), -1)])
    return out


def _value(grid, cell: Cell, replaced: dict[Cell, Number]) -> Number:
    return replaced[cell] if cell in replaced else grid[cell[0]][cell[1]]


def _holds(grid, identity: Identity, replaced: dict[Cell, Number]) -> bool:
    return sum(k * _value(grid, cell, replaced) for cell, k in identity) == 0


def _solve(grid, identity: Identity, cell: Cell, replaced: dict[Cell, Number]) -> Number:
    """The value of ``cell`` that makes ``identity`` hold."""
    coefficient = next(k for c, k in identity if c == cell)
    rest = sum(k * _value(grid, c, replaced) for c, k in identity if c != cell)
    return -rest * coefficient  # coefficients are ±1


def pair(grid: dict[str, list[Number]], ids: list[Identity]) -> dict[Cell, Number] | None:
    """The one pair of cells whose replacement makes every identity hold, or None."""
    failing = [i for i in ids if not _holds(grid, i, {})]
    if not failing:
        return None
    cells = list(dict.fromkeys(cell for i in failing for cell, _ in i))
    if len(cells) > MAX_CANDIDATES:
        return None
    members = [{cell for cell, _ in i} for i in failing]
    found: list[dict[Cell, Number]] = []
    for a, b in combinations(cells, 2):
        if not all(a in m or b in m for m in members):
            continue
        values = _pair_values(grid, ids, a, b)
        if values is not None:
            found.append(values)
            if len(found) > 1:
                return None
    return found[0] if found else None


def _pair_values(grid, ids: list[Identity], a: Cell, b: Cell) -> dict[Cell, Number] | None:
    only_a = next((i for i in ids if any(c == a for c, _ in i) and all(c != b for c, _ in i)), None)
    only_b = next((i for i in ids if any(c == b for c, _ in i) and all(c != a for c, _ in i)), None)
    if only_a is None or only_b is None:
        return None
    values = {a: _solve(grid, only_a, a, {}), b: _solve(grid, only_b, b, {})}
    for cell, v in values.items():
        if v < 0 or v != int(v) or v == grid[cell[0]][cell[1]]:
            return None
    if not all(_holds(grid, i, values) for i in ids):
        return None
    return values


def pair_suggestion(values: dict[Cell, Number], columns, table: Table | None) -> dict[str, Any]:
    """The suggestion dict for a located pair (attached to every R1–R3 finding)."""
    cells = []
    for (row, c), value in values.items():
        printed = table.cell(row, columns[c]) if table is not None else None
        cells.append(
            {
                "row": row,
                "column": columns[c],
                "value": value,
                "printed": printed.raw if printed is not None else None,
            }
        )
    named = " and ".join(f"requests/{x['row']}/{x['column']} = {x['value']}" for x in cells)
    named_zh = "、".join(f"{x['row']}/{x['column']} 为 {x['value']}" for x in cells)
    return {
        "table": "requests",
        "cells": cells,
        "reason": f"{named} (two cells) make every row and column of table 三 add up "
        "(R1–R3); no other pair does",
        "reason_zh": f"若 {named_zh}（两个单元格），表三各行各列的勾稽关系均成立，且仅此一组",
    }
