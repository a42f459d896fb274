"""R7: what a single cell may hold — counts are whole numbers ≥ 0, ``本年增/减`` may be negative.

R7 covers all three tables, but the active table (section 二) is where it has most to do:
it is the only table with signed cells (``change``) and money (``procurement/amount``,
``fees/amount``, which may be decimal). Two ids, because the fixes differ:

* ``cell-whole-number`` — a count printed with a fraction (``12.5`` in a requests cell);
* ``cell-negative`` — a negative number where only ≥ 0 makes sense (money included).

Empty cells are skipped here: the parser reports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from xxgk import form
from xxgk.model import Cell, Finding, Number, Report
from xxgk.rules.cells import cell_name, edition_of
from xxgk.rules.registry import Context, check, finding, rule

rule(
    "cell-whole-number",
    severity="error",
    ref="R7",
    title="A count (every requests/appeals cell, every active cell but money) is a whole number.",
    zh="{cell}：“{raw}”不是整数，此处应为件数",
    en="{table}/{row}/{column}: {raw!r} is not a whole number; a count is expected",
)
rule(
    "cell-negative",
    severity="error",
    ref="R7",
    title="A cell is ≥ 0, except the net change 本年增/减 (active/change).",
    zh="{cell}：{value} 为负数，此处不能为负",
    en="{table}/{row}/{column}: {value} is negative; only active/*/change may be",
)


def is_whole(value: Number) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite() and value == value.to_integral_value()
    return isinstance(value, int) or float(value).is_integer()


def _problems(table: str, row: str, column: str, value: Number) -> Iterator[str]:
    if isinstance(value, Decimal) and not value.is_finite():  # NaN cannot be compared
        yield "cell-whole-number"
        return
    if form.is_count(table, row, column) and not is_whole(value):
        yield "cell-whole-number"
    if value < 0 and not form.may_be_negative(table, column):
        yield "cell-negative"


def _finding(
    rule_id: str, report: Report, table: str, row: str, column: str, cell: Cell
) -> Finding:
    t = report.table(table)
    edition = edition_of(report, t)
    try:
        label = cell_name(table, row, column, edition)
    except (KeyError, StopIteration):  # a key the form does not know: name it by its keys
        label = f"{table}/{row}/{column}"
    return finding(
        rule_id,
        table=table,
        row=row,
        column=column,
        numbers={"value": cell.value},
        params={"cell": label, "raw": cell.raw, "table": table, "row": row, "column": column},
        source=cell.source,
    )


@check("cell-whole-number", "cell-negative")
def check_cells(report: Report, ctx: Context) -> Iterator[Finding]:
    for name in form.TABLES:
        table = report.table(name)
        if table is None:
            continue
        for row, cells in table.rows.items():  # not table.cells(): no generator per cell
            for column, cell in cells.items():
                value = cell.value
                if value is None or (type(value) is int and value >= 0):
                    continue  # the common case, kept cheap: rules run at ≥1,000 reports/s
                for rule_id in _problems(name, row, column, value):
                    yield _finding(rule_id, report, name, row, column, cell)


EXAMPLES = {
    "cell-whole-number": {
        "numbers": {"value": Decimal("12.5")},
        "params": {
            "cell": cell_name("requests", "granted", "natural_person", "2021"),
            "raw": "12.5",
            "table": "requests",
            "row": "granted",
            "column": "natural_person",
        },
    },
    "cell-negative": {
        "numbers": {"value": -3},
        "params": {
            "cell": cell_name("active", "punishment", "decisions", "2021"),
            "raw": "-3",
            "table": "active",
            "row": "punishment",
            "column": "decisions",
        },
    },
}
