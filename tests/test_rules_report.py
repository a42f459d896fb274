"""F1 (edition) and F2 (sections, table order) on hand-built reports."""

from __future__ import annotations

import pytest

from rules_helpers import (
    active_table,
    appeals_table,
    findings,
    full_sections,
    report,
    requests_table,
)
from xxgk.model import Source, Table


@pytest.mark.parametrize(
    ("year", "edition"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2024, "2021")]
)
def test_right_edition_for_the_year(year, edition):
    assert findings(report(year=year, edition=edition), "report-edition") == []


def test_2022_report_in_the_2019_edition():
    (f,) = findings(report(year=2022, edition="2019"), "report-edition")
    assert (f.severity, f.numbers) == (
        "error",
        {"year": 2022, "edition": "2019", "expected": "2021"},
    )
    assert f.message == (
        "2022年度报告应使用2021版格式（国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》），"
        "但使用了2019版格式"
    )
    assert (
        f.message_en
        == "a report on 2022 must use the 2021 edition of the form, but uses the 2019 edition"
    )


def test_2020_report_in_the_2021_edition_and_edition_from_the_tables():
    (f,) = findings(report(year=2020, edition="2021"), "report-edition")
    assert f.numbers["expected"] == "2019"
    rep = report(year=2023, edition="2019", active=active_table("2019"))
    rep.meta.edition = None  # the edition then comes from table 二
    assert [f.numbers["edition"] for f in findings(rep, "report-edition")] == ["2019"]
    rep.meta.year = None
    assert findings(rep, "report-edition") == []


def test_mixed_blocks_in_table_two():
    active = active_table("2021")
    active.blocks["art20_5"] = "2019"
    (f,) = findings(report(year=2021, edition="2021", active=active), "report-edition-mixed")
    assert f.severity == "error"
    assert f.numbers["editions"] == {
        "active/art20_1": "2021",
        "active/art20_5": "2019",
        "active/art20_6": "2021",
        "active/art20_8": "2021",
    }
    assert f.message.startswith(
        "报告混用了两版格式：第二十条第（一）项：2021版；第二十条第（五）项：2019版；"
    )


def test_table_three_in_the_other_edition_is_a_mix_but_table_four_is_not():
    rep = report(
        year=2021, edition="2021", active=active_table("2021"), requests=requests_table("2019")
    )
    (f,) = findings(rep, "report-edition-mixed")
    assert f.message.endswith("收到和处理政府信息公开申请情况：2019版")
    assert f.message_en.endswith("requests: 2019")
    rep = report(
        year=2021,
        edition="2021",
        active=active_table("2021"),
        appeals=appeals_table(edition="2019"),
    )
    assert findings(rep, "report-edition-mixed") == []


def _tables():
    return {
        "active": active_table("2019"),
        "requests": requests_table("2019"),
        "appeals": appeals_table(),
    }


def test_all_sections_present_in_order():
    assert findings(report(**_tables()), "report-section-missing", "report-section-order") == []


def test_missing_prose_section_and_table_section():
    sections = [s for s in full_sections() if s.key not in ("other", "requests")]
    (f1, f2) = findings(report(sections=sections, **_tables()), "report-section-missing")
    assert (f1.severity, f1.message, f1.message_en) == (
        "warning",
        "缺少“三、收到和处理政府信息公开申请情况”部分",
        "section requests (三) is missing",
    )
    assert f2.message == "缺少“六、其他需要报告的事项”部分"


def test_missing_table_section_without_its_table_is_left_to_the_parser():
    sections = [s for s in full_sections() if s.key != "requests"]
    assert findings(report(sections=sections), "report-section-missing") == []


def test_section_out_of_order():
    order = ["overview", "requests", "active", "appeals", "problems", "other"]
    by_key = {s.key: s for s in full_sections()}
    (f,) = findings(report(sections=[by_key[k] for k in order]), "report-section-order")
    assert (
        f.message
        == "“二、主动公开政府信息情况”出现在“三、收到和处理政府信息公开申请情况”之后，顺序与格式不符"
    )
    assert f.message_en == "section active appears after section requests, out of the form's order"


def _at_line(table: Table, line: int) -> Table:
    for i, (_, _, cell) in enumerate(table.cells()):
        cell.source = Source(line=line + i)
    return table


def test_tables_out_of_order_by_source_lines():
    t = _tables()
    rep = report(
        active=_at_line(t["active"], 50),
        requests=_at_line(t["requests"], 10),
        appeals=_at_line(t["appeals"], 300),
    )
    (f,) = findings(rep, "report-table-order")
    assert (f.severity, f.table) == ("error", "requests")
    assert (
        f.message
        == "表格“收到和处理政府信息公开申请情况”出现在“主动公开政府信息情况”之前，顺序与格式不符"
    )


def test_tables_in_order_or_without_comparable_sources():
    t = _tables()
    rep = report(
        active=_at_line(t["active"], 10),
        requests=_at_line(t["requests"], 50),
        appeals=_at_line(t["appeals"], 300),
    )
    assert findings(rep, "report-table-order") == []
    for _, _, cell in rep.table("requests").cells():
        cell.source = Source(page=1, box=(0, 5, 1, 6))
    assert findings(rep, "report-table-order") == []  # lines vs a page: not comparable
    assert findings(report(**_tables()), "report-table-order") == []
