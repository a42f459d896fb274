"""Perfunctory content (敷衍塞责): sections 五, 一, 六 judged as reviewers do."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rules_helpers import active_table, findings, report
from xxgk import form
from xxgk.model import SectionText
from xxgk.rules.perfunctory import MIN_OVERVIEW, MIN_PROBLEMS, han_length, says_nothing

OVERVIEW = "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，加强组织领导，完善工作机制，及时准确发布政府信息。"
PROBLEMS = "存在的问题是政策解读形式单一。下一步将丰富解读形式，加强图解和视频解读。"


def _report(overview=OVERVIEW, problems=PROBLEMS, other="无。", fees=None, edition="2021"):
    texts = {"overview": overview, "problems": problems, "other": other}
    sections = [SectionText(s.key, s.heading, texts.get(s.key, "")) for s in form.SECTIONS]
    values = {("fees", "amount"): fees} if fees is not None else {}
    active = active_table(edition, values)
    return report(year=2022, edition=edition, active=active, sections=sections)


def _rules(rep):
    ids = ("problems-perfunctory", "overview-thin", "other-fees-unreported")
    return [(f.rule, f.numbers) for f in findings(rep, *ids)]


def test_a_full_report_passes():
    assert han_length(OVERVIEW) >= MIN_OVERVIEW and han_length(PROBLEMS) >= MIN_PROBLEMS
    assert _rules(_report()) == []


@pytest.mark.parametrize("text", ["", "无", "无。", "暂无。", "本年度无。"])
def test_problems_empty_or_nothing(text):
    assert _rules(_report(problems=text)) == [
        ("problems-perfunctory", {"length": han_length(text), "minimum": MIN_PROBLEMS})
    ]


def test_problems_one_short_sentence():
    text = "工作还需加强。"  # 6 characters: no problem named, no fix
    assert _rules(_report(problems=text)) == [
        ("problems-perfunctory", {"length": 6, "minimum": MIN_PROBLEMS})
    ]


def test_problems_at_the_threshold_pass():
    text = "解读形式单一，下一步丰富解读形式。"  # exactly 15 Chinese characters
    assert han_length(text) == MIN_PROBLEMS == 15
    assert _rules(_report(problems=text)) == []


def test_overview_thin():
    text = "本年度依法做好政府信息公开工作。"  # 15 characters
    assert _rules(_report(overview=text)) == [("overview-thin", {"length": 15, "minimum": 30})]


def test_other_says_nothing_while_fees_were_collected():
    (f,) = [x for x in findings(_report(fees=Decimal("3.5")), "other-fees-unreported")]
    assert (f.table, f.row, f.column, f.numbers) == (
        "active",
        "fees",
        "amount",
        {"amount": Decimal("3.5")},
    )
    assert _rules(_report(fees=Decimal("0"))) == []
    assert _rules(_report(fees=Decimal("3.5"), other="本年度收取信息处理费3.5万元。")) == []
    assert _rules(_report(fees=None, edition="2019")) == []  # the 2019 row counts fee items


def test_says_nothing():
    assert says_nothing("无其他需要报告的事项。") and says_nothing("暂无")
    assert not says_nothing("本机关2022年度未收取信息处理费。")


def test_seeds_and_examples_do_not_trip(seeds_dir):
    import glob
    from pathlib import Path

    import xxgk

    root = Path(__file__).resolve().parents[1]
    paths = sorted(seeds_dir.glob("*.txt")) + [
        Path(p) for p in glob.glob(str(root / "examples/reports/*"))
    ]
    assert len(paths) >= 4
    for path in paths:
        assert _rules(xxgk.parse(path)) == [], path.name
