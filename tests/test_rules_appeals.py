"""R4–R6 ``appeals-total`` on table 四."""

from __future__ import annotations

import pytest

from rules_helpers import appeals_table, findings, report


def _check(values: dict):
    return findings(report(appeals=appeals_table(values)), "appeals-total")


def test_valid_rows_pass():
    values = {
        ("review", "upheld"): 1,
        ("review", "corrected"): 2,
        ("review", "pending"): 1,
        ("review", "total"): 4,
        ("lawsuit_direct", "other"): 3,
        ("lawsuit_direct", "total"): 3,
    }
    assert _check(values) == []


def test_seed_004_lawsuit_direct_upheld_2_total_0():
    out = _check({("lawsuit_direct", "upheld"): 2})
    assert len(out) == 1
    f = out[0]
    assert (f.rule, f.severity, f.table, f.row, f.column) == (
        "appeals-total",
        "error",
        "appeals",
        "lawsuit_direct",
        None,
    )
    assert f.numbers == {
        "upheld": 2,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "sum": 2,
        "total": 0,
    }
    assert (
        f.message
        == "行政诉讼 / 未经复议直接起诉：结果维持、结果纠正、其他结果、尚未审结之和为 2，但“总计”为 0"
    )
    assert (
        f.message_en
        == "appeals/lawsuit_direct: upheld + corrected + other + pending = 2, but total is 0"
    )


@pytest.mark.parametrize("row", ["review", "lawsuit_direct", "lawsuit_after_review"])
def test_each_row_is_checked(row):
    # pending 1 + corrected 2 = 3, printed total 4
    out = _check({(row, "pending"): 1, (row, "corrected"): 2, (row, "total"): 4})
    assert [(f.row, f.numbers["sum"], f.numbers["total"]) for f in out] == [(row, 3, 4)]


def test_empty_cells_count_as_zero_and_missing_rows_are_skipped():
    table = appeals_table({("review", "upheld"): None, ("review", "total"): None})
    del table.rows["lawsuit_after_review"]
    assert findings(report(appeals=table), "appeals-total") == []
    assert findings(report(appeals=None), "appeals-total") == []


def test_review_total_located_when_the_text_quotes_the_sum():
    from rules_helpers import full_sections

    values = {("review", "upheld"): 2, ("review", "corrected"): 1, ("review", "total"): 0}
    text = "本机关被申请行政复议三件，均已审结。"
    rep = report(appeals=appeals_table(values), sections=full_sections(text))
    (f,) = findings(rep, "appeals-total")
    s = f.suggestion
    assert (s["table"], s["row"], s["column"], s["value"], s["printed"]) == (
        "appeals",
        "review",
        "total",
        3,
        "0",
    )
    # the text quotes the printed total: a result cell is wrong, which one is unknown
    rep = report(appeals=appeals_table(values), sections=full_sections("被申请行政复议0件。"))
    assert findings(rep, "appeals-total")[0].suggestion is None
    assert _check(values)[0].suggestion is None  # no text
