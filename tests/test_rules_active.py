"""R7 ``cell-whole-number`` / ``cell-negative``: what a single cell may hold, in all tables."""

from __future__ import annotations

from decimal import Decimal

from rules_helpers import active_table, appeals_table, findings, report, requests_table
from xxgk.model import Cell

R7 = ("cell-whole-number", "cell-negative")


def test_signed_change_and_decimal_money_pass():
    active = active_table(
        "2019",
        {
            ("licensing", "change"): -6,
            ("procurement", "amount"): Decimal("8827.8344"),
            ("procurement", "projects"): 121,
        },
    )
    fees = active_table("2021", {("fees", "amount"): Decimal("12.5")})
    assert (
        findings(report(active=active, requests=requests_table(), appeals=appeals_table()), *R7)
        == []
    )
    assert findings(report(year=2021, edition="2021", active=fees), *R7) == []


def test_fraction_in_a_requests_count():
    out = findings(
        report(requests=requests_table("2019", {("granted", "natural_person"): Decimal("1.5")})),
        *R7,
    )
    assert [(f.rule, f.table, f.row, f.column, f.numbers["value"]) for f in out] == [
        ("cell-whole-number", "requests", "granted", "natural_person", Decimal("1.5"))
    ]
    assert out[0].message == "（一）予以公开 / 自然人：“1.5”不是整数，此处应为件数"
    assert out[0].severity == "error"


def test_whole_decimal_is_a_whole_number():
    rep = report(requests=requests_table("2019", {("granted", "natural_person"): Decimal("3")}))
    assert findings(rep, "cell-whole-number") == []


def test_fraction_in_an_active_count():
    out = findings(
        report(active=active_table("2019", {("procurement", "projects"): Decimal("2.5")})), *R7
    )
    assert [(f.rule, f.row, f.column) for f in out] == [
        ("cell-whole-number", "procurement", "projects")
    ]


def test_negative_counts_in_each_table():
    rep = report(
        active=active_table(
            "2019", {("punishment", "decisions"): -2, ("punishment", "change"): -71}
        ),
        appeals=appeals_table({("review", "upheld"): -1}),
        requests=requests_table("2019", {("carried_over", "research"): -4}),
    )
    out = findings(rep, *R7)
    assert [(f.rule, f.table, f.row, f.column, f.numbers["value"]) for f in out] == [
        ("cell-negative", "active", "punishment", "decisions", -2),
        ("cell-negative", "requests", "carried_over", "research", -4),
        ("cell-negative", "appeals", "review", "upheld", -1),
    ]
    assert out[0].message == "行政处罚 / 处理决定数量：-2 为负数，此处不能为负"
    assert out[2].message_en == "appeals/review/upheld: -1 is negative; only active/*/change may be"


def test_negative_money_and_unknown_keys_do_not_crash():
    active = active_table("2019", {("procurement", "amount"): Decimal("-5.5")})
    active.set("mystery", "made", Cell.of(-1))
    out = findings(report(active=active), *R7)
    assert [(f.row, f.column) for f in out] == [("procurement", "amount"), ("mystery", "made")]
    assert out[1].message.startswith("active/mystery/made：-1")


def test_empty_cells_are_not_r7_findings():
    rep = report(requests=requests_table("2019", {("granted", "natural_person"): None}))
    assert findings(rep, *R7) == []
