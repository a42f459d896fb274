"""F3 ``prose-figures``: figures quoted in the prose against the tables."""

from __future__ import annotations

from rules_helpers import (
    SEED_004,
    VALID,
    appeals_table,
    findings,
    full_sections,
    report,
    requests_table,
)
from xxgk.model import SectionText


def _check(text: str, requests=VALID, appeals=None):
    rep = report(
        requests=requests_table("2019", requests),
        appeals=appeals_table(appeals),
        sections=full_sections(text),
    )
    return findings(rep, "prose-figures")


SEED_004_TEXT = (
    "(三)依申请公开办理情况。全面落实新修订的《信息公开条例》,通过区政府网站和信函受理依申请公开申请15件,"
    "按期办结15件。申请人就回复内容提出行政诉讼2件,判决均维持原回复意见。"
)


def test_seed_004_prose_matches_requests_but_not_the_lawsuits():
    (f,) = _check(SEED_004_TEXT, SEED_004, {("lawsuit_direct", "upheld"): 2})
    assert (f.rule, f.severity, f.table, f.row, f.column) == (
        "prose-figures",
        "warning",
        "appeals",
        None,
        "total",
    )
    assert f.numbers == {"quoted": 2, "expected": 0}
    assert f.message == "正文“行政诉讼2件”与表格不符：“行政诉讼 / 总计”为 0"
    assert (
        f.message_en
        == "the text quotes 2 lawsuits, but appeals/lawsuit_direct+lawsuit_after_review/total is 0"
    )


def test_matching_figures_pass():
    # VALID: new 11 (+2 carried over = 13), answered 11, forward 2; review total 1; lawsuits 1 + 2.
    text = (
        "全年共收到政府信息公开申请11件，办结11件，结转下年度继续办理2件。"
        "上年结转后共受理申请13件。因政府信息公开被申请行政复议1件，被提起行政诉讼3件。"
        "均在15个工作日内答复，答复率100%。本局作为复议机关办理行政复议案件35件。"
    )
    appeals = {
        ("review", "upheld"): 1,
        ("review", "total"): 1,
        ("lawsuit_direct", "pending"): 1,
        ("lawsuit_direct", "total"): 1,
        ("lawsuit_after_review", "other"): 2,
        ("lawsuit_after_review", "total"): 2,
    }
    assert _check(text, VALID, appeals) == []


def test_each_wrong_figure_once():
    text = (
        "全年共收到政府信息公开申请12件，按时办结10件，结转下年度3件。"
        "被申请行政复议1件。又收到申请12件。"
    )
    out = _check(text)
    assert [(f.row, f.numbers["quoted"], f.numbers["expected"]) for f in out] == [
        ("new_received", 12, 11),
        ("total", 10, 11),
        ("carried_forward", 3, 2),
        ("review", 1, 0),
    ]
    assert (
        out[0].message
        == "正文“收到政府信息公开申请12件”与表格不符：“一、本年新收政府信息公开申请数量 / 总计”为 11"
    )


def test_traditional_text_is_folded():
    (f,) = _check("全年共收到政府信息公開申請12件。")
    assert f.numbers == {"quoted": 12, "expected": 11}


def test_only_prose_sections_are_read_and_missing_tables_skip():
    sections = full_sections()
    sections[2] = SectionText("requests", "三、收到和处理政府信息公开申请情况", "收到申请99件")
    rep = report(requests=requests_table("2019", VALID), sections=sections)
    assert findings(rep, "prose-figures") == []
    rep = report(sections=full_sections("收到申请99件，行政复议9件"))
    assert findings(rep, "prose-figures") == []


def test_full_width_digits_are_read():
    (f,) = _check("全年共收到政府信息公开申请１２件。")
    assert f.numbers == {"quoted": 12, "expected": 11}


# --------------------------------------------------------------------------- Chinese numerals


def test_chinese_numerals_are_read_and_compared():
    assert _check("全年共收到政府信息公开申请十一件，办结十一件。") == []  # VALID: 11 and 11
    (f,) = _check("全年共收到政府信息公开申请十二件。")
    assert (f.row, f.numbers) == ("new_received", {"quoted": 12, "expected": 11})


def test_hundreds_and_liang():
    (f,) = _check("本年度共办结申请一百零三件。")
    assert (f.row, f.numbers["quoted"]) == ("total", 103)
    (f,) = _check("本机关被申请行政复议两件。")
    assert (f.table, f.row, f.numbers) == ("appeals", "review", {"quoted": 2, "expected": 0})


def test_number_before_the_verb():
    assert _check("本年共有申请11件，已全部办结。") == []
    (f,) = _check("本年共有申请9件，已全部办结。")
    assert (f.row, f.numbers) == ("total", {"quoted": 9, "expected": 11})


def test_not_counts_are_not_figures():
    assert _check("收到申请一二件。办结1.5件。") == []  # a digit string, a fraction: no count


def test_ten_thousands():
    from xxgk.rules.numerals import value

    assert (value("1.2万"), value("两千"), value("十二"), value("一百零三")) == (
        12000,
        2000,
        12,
        103,
    )
    assert value("一二") is None and value("1.25") is None
