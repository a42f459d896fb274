"""R1–R3 on table 三 and the suggestion that locates a single wrong cell."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from rules_helpers import SEED_004, VALID, findings, report, requests_table
from xxgk import form
from xxgk.model import Cell
from xxgk.synth.reports import make_report

R123 = ("requests-balance", "requests-row-total", "requests-outcome-total")


def _check(values: dict, edition: str = "2019"):
    return findings(report(edition=edition, requests=requests_table(edition, values)), *R123)


def _broken(**changes: int) -> dict:
    """VALID with cells changed; keys are ``row__column``."""
    values = dict(VALID)
    for key, value in changes.items():
        row, column = key.split("__")
        values[(row.replace("_DOT_", "."), column)] = value
    return values


def test_valid_table_passes_in_both_editions():
    assert _check(VALID, "2019") == []
    assert _check(VALID, "2021") == []


def test_r1_fails_on_carried_forward_with_exact_numbers():
    # forward row 3 = 3 + 0 keeps R2; R1: np 10+2=12 vs 10+3=13, total 11+2=13 vs 11+3=14.
    out = _check(_broken(carried_forward__natural_person=3, carried_forward__total=3))
    assert [(f.rule, f.column, f.numbers["left"], f.numbers["right"]) for f in out] == [
        ("requests-balance", "natural_person", 12, 13),
        ("requests-balance", "total", 13, 14),
    ]
    assert all(
        f.severity == "error" and f.table == "requests" and f.suggestion is None for f in out
    )
    assert out[0].numbers["carried_forward"] == 3
    assert (
        out[1].message_en
        == "requests/total: new_received + carried_over = 13, but total + carried_forward = 14"
    )
    assert out[0].message.startswith(
        "自然人：“一、本年新收政府信息公开申请数量”加“二、上年结转政府信息公开申请数量”为 12"
    )


def test_seed_004_r2_and_r3_with_suggestion():
    out = _check(SEED_004)
    assert [(f.rule, f.row, f.column) for f in out] == [
        ("requests-row-total", "granted", None),
        ("requests-outcome-total", None, "natural_person"),
    ]
    r2, r3 = out
    assert r2.message == "（一）予以公开：各列之和为 0，但“总计”为 15"
    assert r2.message_en == "requests/granted: the applicant columns add up to 0, but total is 15"
    assert r2.numbers["sum"] == 0 and r2.numbers["total"] == 15 and r2.numbers["other_org"] == 0
    assert r3.message == "自然人：各办理结果之和为 0，但“（七）总计”为 15"
    assert (r3.numbers["sum"], r3.numbers["total"]) == (0, 15)
    for f in out:
        s = f.suggestion
        assert (s["table"], s["row"], s["column"], s["value"], s["printed"]) == (
            "requests",
            "granted",
            "natural_person",
            15,
            "0",
        )


def test_only_the_total_cell_wrong_is_located():
    # granted/total printed 9: R2 granted 7+1=8 vs 9; R3 total column 9+3=12 vs 11.
    out = _check(_broken(granted__total=9))
    assert [(f.rule, f.row, f.column) for f in out] == [
        ("requests-row-total", "granted", None),
        ("requests-outcome-total", None, "total"),
    ]
    assert out[1].numbers == {"sum": 12, "total": 11}
    assert {(f.suggestion["row"], f.suggestion["column"], f.suggestion["value"]) for f in out} == {
        ("granted", "total", 8)
    }


def test_total_row_cell_breaks_all_three_and_is_located():
    # total/natural_person 11: R1 np 12 vs 13, R2 total row 12 vs 11, R3 np 10 vs 11.
    out = _check(_broken(total__natural_person=11))
    got = {(f.rule, f.row, f.column): f.numbers for f in out}
    assert got[("requests-balance", None, "natural_person")]["left"] == 12
    assert got[("requests-balance", None, "natural_person")]["right"] == 13
    assert got[("requests-row-total", "total", None)]["sum"] == 12
    assert got[("requests-outcome-total", None, "natural_person")] == {"sum": 10, "total": 11}
    assert all(f.suggestion["value"] == 10 and f.suggestion["row"] == "total" for f in out)


def test_carried_over_cell_is_located_by_r1_and_r2():
    out = _check(_broken(carried_over__natural_person=5))
    assert {f.rule for f in out} == {"requests-balance", "requests-row-total"}
    assert all(f.suggestion["row"] == "carried_over" and f.suggestion["value"] == 2 for f in out)


def test_two_wrong_cells_get_no_suggestion():
    # granted np 8, commercial 0: the row still adds to 8, columns np and commercial fail.
    out = _check(_broken(granted__natural_person=8, granted__commercial=0))
    assert [(f.rule, f.column) for f in out] == [
        ("requests-outcome-total", "natural_person"),
        ("requests-outcome-total", "commercial"),
    ]
    assert all(f.suggestion is None for f in out)


def test_empty_cells_count_as_zero():
    values = dict(VALID)
    values[("granted", "research")] = None
    values[("other", "total")] = None
    assert _check(values) == []


def test_mixed_edition_other_row_is_summed():
    table = requests_table("2021", VALID)
    for key in ("other.no_correction", "other.unpaid_fee", "other.other"):
        del table.rows[key]
    for row, column, value in (
        ("other", "natural_person", 1),
        ("other", "total", 1),
        ("total", "natural_person", 11),
        ("total", "total", 12),
        ("new_received", "natural_person", 11),
        ("new_received", "total", 12),
    ):
        table.set(row, column, Cell.of(value))
    assert findings(report(edition="2021", year=2021, requests=table), *R123) == []


def test_2021_other_rows_are_outcomes():
    out = _check(
        {**VALID, ("other.other", "natural_person"): 1, ("other.other", "total"): 1}, "2021"
    )
    assert [
        (f.rule, f.column, f.numbers["sum"]) for f in out if f.rule == "requests-outcome-total"
    ] == [
        ("requests-outcome-total", "natural_person", 11),
        ("requests-outcome-total", "total", 12),
    ]


def test_missing_rows_and_table_do_not_crash():
    table = requests_table("2019", VALID)
    del table.rows["carried_forward"]
    del table.rows["total"]
    out = findings(report(requests=table), *R123)
    assert out == []  # R1 and R3 need the missing rows; R2 holds for the rows printed
    assert findings(report(requests=None), *R123) == []


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32), edition=st.sampled_from(form.EDITIONS))
def test_made_reports_have_no_errors(seed, edition):
    rep = make_report(random.Random(seed), edition)
    assert [f for f in findings(rep) if f.severity == "error"] == []


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    edition=st.sampled_from(form.EDITIONS),
    index=st.integers(0, 10_000),
    delta=st.integers(1, 30).flatmap(lambda k: st.sampled_from((k, -k))),
)
def test_one_changed_cell_is_located_with_its_original_value(seed, edition, index, delta):
    rep = make_report(random.Random(seed), edition)
    table = rep.table("requests")
    keys = form.cell_keys("requests", edition)
    row, column = keys[index % len(keys)]
    original = table.value(row, column)
    table.set(row, column, Cell.of(original + delta))
    out = findings(rep, *R123)
    assert out, "a changed cell must break R2 and R1 or R3"
    for f in out:
        assert f.suggestion is not None
        assert (f.suggestion["row"], f.suggestion["column"], f.suggestion["value"]) == (
            row,
            column,
            original,
        )


def test_missing_outcome_row_skips_r3_but_not_r1():
    # Without the state_secret row (3 np) R3 would claim 7 + 0 ≠ 10; the parser reports the row.
    table = requests_table("2019", VALID)
    del table.rows["denied.state_secret"]
    table.set(
        "carried_forward", "commercial", Cell.of(1)
    )  # R1 commercial: 1 vs 1 + 1; R2 fwd: 3 ≠ 2
    out = findings(report(requests=table), *R123)
    assert [(f.rule, f.row, f.column) for f in out] == [
        ("requests-balance", None, "commercial"),
        ("requests-row-total", "carried_forward", None),
    ]
    assert out[0].suggestion["row"] == "carried_forward" and out[0].suggestion["value"] == 0


def test_two_wrong_cells_in_different_rows_and_columns_get_the_pair():
    # VALID has granted np 7 and denied.state_secret total 3: print 9 and 5 instead.
    out = _check(_broken(granted__natural_person=9, **{"denied.state_secret__total": 5}))
    assert {f.rule for f in out} == {"requests-row-total", "requests-outcome-total"}
    for f in out:
        cells = {(c["row"], c["column"], c["value"], c["printed"]) for c in f.suggestion["cells"]}
        assert cells == {
            ("granted", "natural_person", 7, "9"),
            ("denied.state_secret", "total", 3, "5"),
        }


def test_pair_suggestion_never_moves_the_error():
    from xxgk.rules import locate
    from xxgk.rules.requests import BALANCE_ROWS, COLUMNS, OUTCOMES, grid_of

    values = _broken(granted__natural_person=9, **{"denied.state_secret__total": 5})
    grid = grid_of(requests_table("2019", values))
    outcomes = [r for r in OUTCOMES if r in grid]
    ids = locate.identities(grid, len(COLUMNS), BALANCE_ROWS, outcomes)
    values = locate.pair(grid, ids)
    assert values == {("granted", 0): 7, ("denied.state_secret", 6): 3}
    fixed = {r: list(v) for r, v in grid.items()}
    for (row, c), value in values.items():
        fixed[row][c] = value
    assert all(locate._holds(fixed, i, {}) for i in ids)
