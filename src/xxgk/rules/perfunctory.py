"""Perfunctory content (敷衍塞责), as reviewers of the annual reports check it.

Only sections that are printed are judged (a missing one is ``report-section-missing``).
Lengths count Chinese characters only (punctuation, digits and spaces do not fill a report):

* ``problems-perfunctory`` — section 五 (problems and improvements) is empty, says only
  ``无`` (``无。``, ``暂无``, ``无其他``…), or has fewer than :data:`MIN_PROBLEMS` characters:
  too short to name a problem *and* what is done about it;
* ``overview-thin`` — section 一 (overview) has fewer than :data:`MIN_OVERVIEW` characters:
  too thin to describe the year's work (a heading and one sentence);
* ``other-fees-unreported`` — section 六 says only ``无`` while table 二 (2021 edition)
  reports fees collected (本年收费金额 > 0).

The thresholds were checked on the four seeds and the examples: none of them trips
(their shortest sections: 五 28 characters, 一 58).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from xxgk import form
from xxgk.model import Finding, Report, SectionText
from xxgk.rules.registry import Context, check, finding, rule

MIN_PROBLEMS = 15
MIN_OVERVIEW = 30
_HAN = re.compile(r"[\u3400-\u9fff]")
_NOTHING = re.compile(
    r"(?:本(?:机关|单位|年度?))?(?:暂)?无(?:其他)?(?:需要?报告的?事项|说明事项|问题)?"
)

rule(
    "problems-perfunctory",
    severity="warning",
    title="Section 五 names the problems and what is done about them: it is not empty, not only "
    f"“无”, and has at least {MIN_PROBLEMS} Chinese characters.",
    zh="“{heading}”{how}，未说明存在的问题及改进措施",
    en="section 五 ({heading}) {how_en}: it does not report a problem and its fix",
)
rule(
    "overview-thin",
    severity="warning",
    title=f"Section 一 describes the year's work in at least {MIN_OVERVIEW} Chinese characters.",
    zh="“{heading}”仅 {length} 字，不足以说明本年度政府信息公开工作总体情况",
    en="section 一 ({heading}) has only {length} Chinese characters: too thin to describe the year",
)
rule(
    "other-fees-unreported",
    severity="warning",
    title="Section 六 does not say only “无” when table 二 reports fees collected (2021: "
    "本年收费金额 > 0).",
    zh="“{heading}”称“无”，但表二“行政事业性收费”本年收费金额为 {amount} 万元",
    en="section 六 says “无”, but table 二 reports fees of {amount} (10k yuan) collected",
)


def han_length(text: str) -> int:
    return len(_HAN.findall(text))


def says_nothing(text: str) -> bool:
    """Empty, or only ``无`` in one of its usual spellings."""
    body = re.sub(r"[\s。.，,！!、：:;；]", "", text)
    return not body or _NOTHING.fullmatch(body) is not None


def _section(report: Report, key: str) -> SectionText | None:
    return next((s for s in report.sections if s.key == key), None)


@check("problems-perfunctory")
def check_problems(report: Report, ctx: Context) -> Iterator[Finding]:
    sec = _section(report, "problems")
    if sec is None:
        return
    length = han_length(sec.text)
    if not sec.text.strip():
        how, how_en = "为空", "is empty"
    elif says_nothing(sec.text):
        how, how_en = f"仅写“{sec.text.strip()}”", f"says only {sec.text.strip()!r}"
    elif length < MIN_PROBLEMS:
        how, how_en = f"仅 {length} 字", f"has only {length} Chinese characters"
    else:
        return
    yield finding(
        "problems-perfunctory",
        numbers={"length": length, "minimum": MIN_PROBLEMS},
        params={"heading": sec.title, "how": how, "how_en": how_en},
        source=sec.source,
    )


@check("overview-thin")
def check_overview(report: Report, ctx: Context) -> Iterator[Finding]:
    sec = _section(report, "overview")
    if sec is None:
        return
    length = han_length(sec.text)
    if length < MIN_OVERVIEW:
        yield finding(
            "overview-thin",
            numbers={"length": length, "minimum": MIN_OVERVIEW},
            params={"heading": sec.title},
            source=sec.source,
        )


@check("other-fees-unreported")
def check_other(report: Report, ctx: Context) -> Iterator[Finding]:
    sec = _section(report, "other")
    active = report.table("active")
    if sec is None or active is None or not says_nothing(sec.text):
        return
    if active.blocks.get("art20_8", active.edition) != "2021":
        return
    amount = active.value("fees", "amount")
    if amount is not None and amount > 0:
        yield finding(
            "other-fees-unreported",
            table="active",
            row="fees",
            column="amount",
            numbers={"amount": amount},
            params={"heading": sec.title},
            source=sec.source,
        )


EXAMPLES = {
    "problems-perfunctory": {
        "numbers": {"length": 1, "minimum": MIN_PROBLEMS},
        "params": {
            "heading": form.section("problems").heading,
            "how": "仅写“无。”",
            "how_en": "says only '无。'",
        },
    },
    "overview-thin": {
        "numbers": {"length": 12, "minimum": MIN_OVERVIEW},
        "params": {"heading": form.section("overview").heading},
    },
    "other-fees-unreported": {
        "numbers": {"amount": Decimal("3.5")},
        "params": {"heading": form.section("other").heading},
    },
}
