"""X1–X3: this year's report against last year's (only when ``ctx.previous`` is given).

* X1 ``carry-over`` — this year's ``carried_over`` = last year's ``carried_forward``, per column;
* X2 ``active-in-force`` — 2021 edition: ``in_force(N) = in_force(N−1) + issued(N) − repealed(N)``
  for 规章 and 行政规范性文件;
* X3 ``active-previous`` — 2019 edition: ``previous(N) = previous(N−1) + change(N−1)`` for the
  rows that print 上一年项目数量.

Warnings, not errors: agencies restate counts, and last year's report may itself be wrong.
A check runs only where both years printed the cells it needs (a 2019-edition report has no
``in_force``), and not at all when both years are known and are not consecutive.
"""

from __future__ import annotations

from collections.abc import Iterator

from xxgk import form
from xxgk.model import Finding, Report, Table
from xxgk.rules import witness
from xxgk.rules.cells import cell_name, column_name, edition_of, number, source
from xxgk.rules.registry import Context, check, finding, rule

rule(
    "carry-over",
    severity="warning",
    ref="X1",
    title="This year's carried_over = last year's carried_forward, per column of table 三.",
    zh="{column}：本年“{over_label}”为 {carried_over}，但上年报告“{forward_label}”为 {previous_forward}",
    en="requests/carried_over/{key} is {carried_over}, but last year's carried_forward was {previous_forward}",
)
rule(
    "active-in-force",
    severity="warning",
    ref="X2",
    title="2021 edition: in_force = last year's in_force + issued − repealed.",
    zh="{cell}：上年 {previous_in_force} + 本年制发 {issued} − 本年废止 {repealed} = {computed}，但印为 {in_force}",
    en="active/{key}/in_force is {in_force}, but last year's {previous_in_force} + issued {issued} "
    "− repealed {repealed} = {computed}",
)
rule(
    "active-previous",
    severity="warning",
    ref="X3",
    title="2019 edition: previous = last year's previous + last year's change.",
    zh="{cell}：上年报告 {last_previous} + {last_change} = {computed}，但印为 {previous}",
    en="active/{key}/previous is {previous}, but last year's previous {last_previous} "
    "+ change {last_change} = {computed}",
)


def _consecutive(report: Report, previous: Report) -> bool:
    year, last = report.meta.year, previous.meta.year
    return year is None or last is None or last == year - 1


def _pair(report: Report, ctx: Context, name: str) -> tuple[Table, Table] | None:
    if ctx.previous is None or not _consecutive(report, ctx.previous):
        return None
    now, then = report.table(name), ctx.previous.table(name)
    return None if now is None or then is None else (now, then)


@check("carry-over")
def check_carry_over(report: Report, ctx: Context) -> Iterator[Finding]:
    pair = _pair(report, ctx, "requests")
    if pair is None or "carried_over" not in pair[0].rows or "carried_forward" not in pair[1].rows:
        return
    now, then = pair
    edition = edition_of(report, now)
    labels = {
        "over_label": form.row_label("requests", "carried_over", edition),
        "forward_label": form.row_label("requests", "carried_forward", edition),
    }
    for col in (c.key for c in form.REQUESTS_COLUMNS):
        over, forward = number(now, "carried_over", col), number(then, "carried_forward", col)
        if over != forward:
            yield finding(
                "carry-over",
                table="requests",
                row="carried_over",
                column=col,
                numbers={"carried_over": over, "previous_forward": forward},
                params={"column": column_name("requests", col, edition), "key": col, **labels},
                source=source(now, "carried_over", col),
            )


def _has(table: Table, row: str, *columns: str) -> bool:
    cells = table.rows.get(row, {})
    return all(c in cells for c in columns)


@check("active-in-force")
def check_in_force(report: Report, ctx: Context) -> Iterator[Finding]:
    pair = _pair(report, ctx, "active")
    if pair is None:
        return
    now, then = pair
    for row in ("regulations", "normative_documents"):
        if not (_has(now, row, "issued", "repealed", "in_force") and _has(then, row, "in_force")):
            continue
        issued, repealed = number(now, row, "issued"), number(now, row, "repealed")
        last, printed = number(then, row, "in_force"), number(now, row, "in_force")
        computed = last + issued - repealed
        if computed != printed:
            yield finding(
                "active-in-force",
                table="active",
                row=row,
                column="in_force",
                numbers={
                    "previous_in_force": last,
                    "issued": issued,
                    "repealed": repealed,
                    "computed": computed,
                    "in_force": printed,
                },
                params={"cell": cell_name("active", row, "in_force", "2021"), "key": row},
                suggestion=_in_force_suggestion(report, now, row, computed, printed),
                source=source(now, row, "in_force"),
            )


def _in_force_suggestion(report: Report, now: Table, row: str, computed, printed) -> dict | None:
    """in_force is the wrong cell when the prose quotes the computed count (:mod:`.witness`)."""
    quote = witness.witnessed(witness.quoted_in_force(report, row), computed, printed)
    if quote is None:
        return None
    cell = now.cell(row, "in_force")
    return witness.total_suggestion(
        "active", row, "in_force", computed, cell.raw if cell else None, quote
    )


@check("active-previous")
def check_previous(report: Report, ctx: Context) -> Iterator[Finding]:
    pair = _pair(report, ctx, "active")
    if pair is None:
        return
    now, then = pair
    rows = [
        r.key
        for b in form.active_blocks("2019")
        for r in b.rows
        if any(c.key == "previous" for c in b.columns)
    ]
    for row in rows:
        if not (_has(now, row, "previous") and _has(then, row, "previous", "change")):
            continue
        last, change = number(then, row, "previous"), number(then, row, "change")
        printed, computed = number(now, row, "previous"), last + change
        if computed != printed:
            yield finding(
                "active-previous",
                table="active",
                row=row,
                column="previous",
                numbers={
                    "last_previous": last,
                    "last_change": change,
                    "computed": computed,
                    "previous": printed,
                },
                params={"cell": cell_name("active", row, "previous", "2019"), "key": row},
                source=source(now, row, "previous"),
            )


EXAMPLES = {
    "carry-over": {
        "numbers": {"carried_over": 0, "previous_forward": 2},
        "params": {
            "column": column_name("requests", "natural_person", "2021"),
            "key": "natural_person",
            "over_label": form.row_label("requests", "carried_over"),
            "forward_label": form.row_label("requests", "carried_forward"),
        },
    },
    "active-in-force": {
        "numbers": {
            "previous_in_force": 40,
            "issued": 5,
            "repealed": 2,
            "computed": 43,
            "in_force": 45,
        },
        "params": {
            "cell": cell_name("active", "normative_documents", "in_force", "2021"),
            "key": "normative_documents",
        },
    },
    "active-previous": {
        "numbers": {"last_previous": 81, "last_change": 56, "computed": 137, "previous": 81},
        "params": {
            "cell": cell_name("active", "licensing", "previous", "2019"),
            "key": "licensing",
        },
    },
}
