"""X1–X3: this year's report against last year's."""

from __future__ import annotations

from rules_helpers import VALID, active_table, findings, report, requests_table

X = ("carry-over", "active-in-force", "active-previous")


def _pair(now: dict, then: dict, edition: str = "2019", years=(2020, 2019)):
    this = report(year=years[0], edition=edition, requests=requests_table(edition, now))
    last = report(year=years[1], edition=edition, requests=requests_table(edition, then))
    return this, last


def test_carry_over_matches_last_years_carried_forward():
    # VALID carries over 2 natural-person requests; last year carried 2 forward.
    this, last = _pair(
        VALID, {("carried_forward", "natural_person"): 2, ("carried_forward", "total"): 2}
    )
    assert findings(this, *X, previous=last) == []


def test_carry_over_differs():
    this, last = _pair(
        VALID, {("carried_forward", "natural_person"): 3, ("carried_forward", "total"): 3}
    )
    out = findings(this, *X, previous=last)
    assert [(f.rule, f.severity, f.row, f.column, f.numbers) for f in out] == [
        (
            "carry-over",
            "warning",
            "carried_over",
            "natural_person",
            {"carried_over": 2, "previous_forward": 3},
        ),
        (
            "carry-over",
            "warning",
            "carried_over",
            "total",
            {"carried_over": 2, "previous_forward": 3},
        ),
    ]
    assert (
        out[0].message
        == "自然人：本年“二、上年结转政府信息公开申请数量”为 2，但上年报告“四、结转下年度继续办理”为 3"
    )


def test_cross_year_rules_need_a_previous_consecutive_report():
    this, last = _pair(VALID, {})
    assert findings(this, *X) == []
    this, last = _pair(VALID, {}, years=(2020, 2018))
    assert findings(this, *X, previous=last) == []


def _active(edition: str, values: dict, year: int):
    return report(year=year, edition=edition, active=active_table(edition, values))


def test_in_force_2021():
    last = _active(
        "2021", {("normative_documents", "in_force"): 40, ("regulations", "in_force"): 3}, 2021
    )
    ok = _active(
        "2021",
        {
            ("normative_documents", "issued"): 5,
            ("normative_documents", "repealed"): 2,
            ("normative_documents", "in_force"): 43,
            ("regulations", "in_force"): 3,
        },
        2022,
    )
    assert findings(ok, *X, previous=last) == []
    bad = _active(
        "2021",
        {
            ("normative_documents", "issued"): 5,
            ("normative_documents", "repealed"): 2,
            ("normative_documents", "in_force"): 45,
            ("regulations", "in_force"): 3,
        },
        2022,
    )
    (f,) = findings(bad, *X, previous=last)
    assert (f.rule, f.row, f.column) == ("active-in-force", "normative_documents", "in_force")
    assert f.numbers == {
        "previous_in_force": 40,
        "issued": 5,
        "repealed": 2,
        "computed": 43,
        "in_force": 45,
    }
    assert (
        f.message
        == "行政规范性文件 / 现行有效件数：上年 40 + 本年制发 5 − 本年废止 2 = 43，但印为 45"
    )


def test_previous_2019():
    last = _active("2019", {("licensing", "previous"): 81, ("licensing", "change"): 56}, 2019)
    ok = _active("2019", {("licensing", "previous"): 137}, 2020)
    assert findings(ok, *X, previous=last) == []
    bad = _active("2019", {("licensing", "previous"): 81}, 2020)
    (f,) = findings(bad, *X, previous=last)
    assert (f.rule, f.row, f.column) == ("active-previous", "licensing", "previous")
    assert f.numbers == {"last_previous": 81, "last_change": 56, "computed": 137, "previous": 81}


def test_editions_without_the_cells_are_skipped():
    last = _active("2019", {("licensing", "previous"): 81, ("licensing", "change"): 56}, 2020)
    this = _active("2021", {("regulations", "in_force"): 9}, 2021)
    assert findings(this, *X, previous=last) == []


def _with_overview(rep, text: str):
    from xxgk.model import SectionText

    rep.sections = [SectionText("overview", "一、总体情况", text)]
    return rep


def test_in_force_located_when_the_text_quotes_the_computed_count():
    last = _active("2021", {("normative_documents", "in_force"): 40}, 2021)
    values = {
        ("normative_documents", "issued"): 5,
        ("normative_documents", "repealed"): 2,
        ("normative_documents", "in_force"): 45,
    }
    quoted = _with_overview(_active("2021", values, 2022), "截至年底，现行有效规范性文件四十三件。")
    (f,) = findings(quoted, *X, previous=last)
    s = f.suggestion
    assert (s["table"], s["row"], s["column"], s["value"], s["printed"]) == (
        "active",
        "normative_documents",
        "in_force",
        43,
        "45",
    )
    # the text agrees with the printed count: issued or repealed is wrong, which is unknown
    agrees = _with_overview(_active("2021", values, 2022), "现行有效规范性文件45件。")
    (f,) = findings(agrees, *X, previous=last)
    assert f.suggestion is None
    (f,) = findings(_active("2021", values, 2022), *X, previous=last)  # no text: no witness
    assert f.suggestion is None
