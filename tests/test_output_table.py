"""The readable table output: official labels, CJK-aligned columns, findings under the tables."""

from __future__ import annotations

import random

from test_cli_fakes import ERROR_FINDING
from xxgk import form
from xxgk.model import Cell, Meta, Report, Table
from xxgk.output.table import format_report, width
from xxgk.synth import make_report


def test_width_counts_cjk_as_two() -> None:
    assert width("abc") == 3
    assert width("自然人") == 6
    assert width("（一）") == 6  # full-width brackets
    assert width("1.属于") == 6


def _report() -> Report:
    report = make_report(random.Random(11), "2019")
    report.meta = Meta(
        agency="城固县人民政府",
        agency_from="first_paragraph",
        year=2020,
        year_from="period",
        edition="2019",
    )
    report.tables["appeals"] = None
    report.tables["requests"].set("granted", "total", Cell("15", 15))
    report.findings.append(ERROR_FINDING)
    return report


def _value_end_columns(line: str) -> list[int]:
    """Display columns where each number in ``line`` ends."""
    ends, col, in_num = [], 0, False
    for ch in line + " ":
        is_num = ch.isdigit() or ch in "-*"
        if in_num and not is_num:
            ends.append(col)
        in_num = is_num
        col += width(ch)
    return ends


def test_meta_header_says_where_values_came_from() -> None:
    text = format_report(_report())
    assert "城固县人民政府（来源：首段）" in text
    assert "2020（来源：统计期限）" in text
    assert form.EDITION_DOCUMENTS["2019"] in text


def test_official_labels_and_absent_table() -> None:
    text = format_report(_report())
    for label in (
        "（一）予以公开",
        "3.危及“三安全一稳定”",
        "第二十条第（九）项",
        "采购总金额",
        "（七）总计",
    ):
        assert label in text
    heading = next(s for s in form.SECTIONS if s.key == "appeals").heading
    assert f"{heading}\n  （报告中没有此表）" in text


def test_requests_numbers_align_by_display_width() -> None:
    lines = format_report(_report()).splitlines()
    start = lines.index(next(s for s in form.SECTIONS if s.key == "requests").heading)
    rows = [ln for ln in lines[start + 2 : start + 30] if ln.strip() and ln.rstrip()[-1].isdigit()]
    assert len(rows) >= 20
    ends = {tuple(_value_end_columns(ln)[-7:]) for ln in rows}
    assert len(ends) == 1, ends  # all seven columns end at the same display column on every row


def test_finding_is_listed_and_its_cell_marked() -> None:
    text = format_report(_report())
    assert "检查结果: 1 错误" in text
    assert (
        "[错误]  requests-row-total  收到和处理政府信息公开申请情况 / （一）予以公开 / 总计" in text
    )
    assert "（一）予以公开：各列之和为 0，但“总计”为 15" in text
    granted = next(ln for ln in text.splitlines() if ln.strip().startswith("（一）予以公开"))
    assert granted.rstrip().endswith("*15")


def test_english_messages() -> None:
    text = format_report(_report(), lang="en")
    assert "Findings: 1 error" in text
    assert "the applicant columns add up to 0, but total is 15" in text
    assert "（一）予以公开" in text  # labels stay the official Chinese


def test_clean_report_and_2021_rows() -> None:
    report = make_report(random.Random(3), "2021")
    text = format_report(report)
    assert "检查结果: 未发现问题" in text
    assert "3.其他" in text and "本年收费金额（单位：万元）" in text
    assert "第二十条第（九）项" not in text


def test_cells_outside_the_form_are_shown_not_dropped() -> None:
    report = Report(meta=Meta(edition="2021"))
    table = Table("active", "2021")
    table.set("other_documents", "issued", Cell("7", 7))
    report.tables["active"] = table
    assert "other_documents / issued: 7" in format_report(report)
