"""R4–R6 ``appeals-total``: in table 四 each row's total = upheld + corrected + other + pending.

One rule id for the three rows (R4 ``review``, R5 ``lawsuit_direct``, R6
``lawsuit_after_review``): the finding's ``row`` says which. Empty cells count as 0; a
row that was not printed at all is left to the parser's findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from xxgk import form
from xxgk.model import Finding, Report
from xxgk.rules import witness
from xxgk.rules.cells import column_name, edition_of, number, row_name, source
from xxgk.rules.registry import Context, check, finding, rule

PARTS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")
ROWS: tuple[str, ...] = tuple(r.key for r in form.APPEALS_ROWS)

rule(
    "appeals-total",
    severity="error",
    ref="R4–R6",
    title="Per row of table 四 (review, lawsuit_direct, lawsuit_after_review): "
    "total = upheld + corrected + other + pending.",
    zh="{row}：{parts}之和为 {sum}，但“{total_label}”为 {total}",
    en="appeals/{key}: upheld + corrected + other + pending = {sum}, but total is {total}",
)


def _params(row: str, edition: str) -> dict[str, str]:
    return {
        "row": row_name("appeals", row, edition),
        "key": row,
        "parts": "、".join(column_name("appeals", c, edition) for c in PARTS),
        "total_label": column_name("appeals", "total", edition),
    }


@check("appeals-total")
def check_appeals(report: Report, ctx: Context) -> Iterator[Finding]:
    table = report.table("appeals")
    if table is None:
        return
    edition = edition_of(report, table)
    for row in ROWS:
        if row not in table.rows:
            continue
        numbers = {c: number(table, row, c) for c in PARTS}
        added, total = sum(numbers.values()), number(table, row, "total")
        if added != total:
            yield finding(
                "appeals-total",
                table="appeals",
                row=row,
                numbers={**numbers, "sum": added, "total": total},
                params=_params(row, edition),
                suggestion=_suggestion(report, row, added, total),
                source=source(table, row, "total"),
            )


def _suggestion(report: Report, row: str, added, total) -> dict | None:
    """The printed total is the wrong cell when the prose quotes the sum (:mod:`.witness`)."""
    if row != "review":  # the prose quotes lawsuits only together (R5 + R6)
        return None
    quote = witness.witnessed(witness.quoted_review(report), added, total)
    if quote is None:
        return None
    cell = report.tables["appeals"].cell(row, "total")  # type: ignore[union-attr]
    return witness.total_suggestion(
        "appeals", row, "total", added, cell.raw if cell else None, quote
    )


EXAMPLES = {
    "appeals-total": {
        "numbers": {"upheld": 2, "corrected": 0, "other": 0, "pending": 0, "sum": 2, "total": 0},
        "params": _params("lawsuit_direct", "2019"),
    },
}
