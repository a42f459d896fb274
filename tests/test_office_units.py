"""Units (import, list, edit, names history) and collect (matching files to units)."""

from __future__ import annotations

import random

import pytest

from ledger_support import BACKENDS, make_target
from xxgk.api import render
from xxgk.office import collect, status, units
from xxgk.office.errors import OfficeError
from xxgk.store import Store
from xxgk.synth import make_report

CSV = """code,name,parent,kind,aliases,report_page
100,示例市人民政府,,政府,,
101,示例市交通运输局,100,部门,市交通局;示例交通,
102,示例市司法局,100,部门,,
103,示例市行政审批局,100,部门,,
111,青石镇人民政府,100,乡镇街道,青石镇,
"""


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    targets = make_target(request.param, tmp_path)
    s = Store(next(targets), create=True)
    path = tmp_path / "units.csv"
    path.write_text(CSV, "utf-8")
    assert units.import_units(store=s, path=path).problems == []
    yield s
    s.close()
    for _ in targets:
        pass


def test_bad_rows_are_named_and_the_rest_imported(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "code,name,parent,kind\n200,甲局,100,部门\n200,乙局,100,部门\n201,丙局,202,部门\n"
        "202,丁局,201,部门\n203,戊局,999,部门\n204,己局,100,机关\n205,庚局,203,部门\n",
        "utf-8",
    )
    result = units.import_units(store=store, path=path)
    assert result.added == ["200"]
    assert result.problems == [
        f"{path} 第3行 单位 200：单位代码重复（第2行已有）",
        f"{path} 第7行 单位 204：单位类型“机关”无效（应为 政府/部门/乡镇街道/其他）",
        f"{path} 第4行 单位 201：上级关系成环（201 → 202 → 201）",
        f"{path} 第5行 单位 202：上级关系成环（202 → 201 → 202）",
        f"{path} 第6行 单位 203：上级单位 999 不存在",
        f"{path} 第8行 单位 205：上级单位 203 未导入（上级链中的 999 不存在）",
    ]
    again = units.import_units(store=store, path=path)
    assert again.added == [] and again.updated == []  # idempotent


def test_xlsx_import_and_list(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["code", "name", "parent", "kind", "aliases", "report_page"])
    book.active.append(["300", "示例市统计局", "100", "部门", "统计局", "http://127.0.0.1/x/"])
    book.save(tmp_path / "u.xlsx")
    assert units.import_units(store=store, path=tmp_path / "u.xlsx").added == ["300"]
    listed = {u["code"]: u for u in units.list_units(store=store)}
    assert listed["300"]["report_page"] == "http://127.0.0.1/x/"
    assert listed["300"]["aliases"] == [{"name": "统计局", "kind": "alias", "until_year": None}]


def test_edit_refuses_cycles_and_keeps_former_names(store):
    with pytest.raises(OfficeError, match="成环"):
        units.edit_unit(store=store, code="100", parent="101")
    with pytest.raises(OfficeError, match="单位 999 不存在"):
        units.edit_unit(store=store, code="999", name="x")
    units.edit_unit(store=store, code="103", name="示例市政务服务管理局", until_year=2023)
    listed = {u["code"]: u for u in units.list_units(store=store)}
    assert listed["103"]["name"] == "示例市政务服务管理局"
    assert {"name": "示例市行政审批局", "kind": "former_name", "until_year": 2023} in listed["103"][
        "aliases"
    ]


def write(path, agency, year, fmt="html", seed=1, signed=None):
    r = make_report(random.Random(seed), edition="2021", year=year, agency=agency)
    if signed:
        r.sections[-1].text += f"\n{agency}\n{signed}"
    path.write_bytes(render(r, fmt))
    return r


def test_collect_matches_by_agency_alias_former_name_and_file_name(store, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write(d / "a.html", "示例市交通运输局", 2025, signed="2026年1月20日")
    write(d / "b.docx", "市交通局", 2024, "docx", seed=2)  # an alias
    write(d / "c.md", "示例市行政审批局", 2023, "md", seed=3)  # former name, used until 2023
    units.edit_unit(store=store, code="103", name="示例市政务服务管理局", until_year=2023)
    (d / "青石镇2025年报.txt").write_text("这不是年报，只是一段说明。", "utf-8")
    items = {i.source.rsplit("/", 1)[-1]: i for i in collect.collect(store=store, paths=[d])}
    assert (items["a.html"].unit, items["a.html"].year, items["a.html"].outcome) == (
        "101",
        2025,
        "added",
    )
    assert (items["b.docx"].unit, items["b.docx"].year) == ("101", 2024)
    assert (items["c.md"].unit, items["c.md"].year) == ("103", 2023)
    txt = items["青石镇2025年报.txt"]
    assert txt.unit == "111" and txt.outcome == "added"  # matched by its file name
    got = {s.unit: s for s in status.status(store=store, year=2025)}
    assert got["101"].published == "2026-01-20" and got["101"].published_from == "signature"
    assert got["111"].status == "not_a_report"
    again = collect.collect(store=store, paths=[d])
    assert {i.outcome for i in again} == {"same"}  # a re-run changes nothing


def test_unmatched_and_ambiguous_are_listed_not_guessed(store, tmp_path):
    from xxgk.store import office as q

    d = tmp_path / "in"
    d.mkdir()
    write(d / "x.html", "另一个县财政局", 2025)
    units.edit_unit(store=store, code="102", aliases=["交通局"])
    units.edit_unit(store=store, code="101", aliases=["交通局"])
    write(d / "y.html", "交通局", 2025, seed=5)
    items = {
        i.source.rsplit("/", 1)[-1]: i for i in collect.collect(store=store, paths=[d], year=2025)
    }
    assert items["x.html"].outcome == "unmatched" and "另一个县财政局" in items["x.html"].message
    assert items["y.html"].outcome == "ambiguous" and "101、102" in items["y.html"].message
    assert store.one("SELECT count(*) FROM office_report")[0] == 0
    assert [
        (src.rsplit("/", 1)[-1], cands) for src, _, cands in q.unmatched(store=store, year=2025)
    ] == [("x.html", ""), ("y.html", "101;102")]


def test_two_different_reports_are_a_conflict_and_both_kept(store, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write(d / "one.html", "示例市司法局", 2025, seed=1)
    write(d / "two.docx", "示例市司法局", 2025, "docx", seed=2)
    outcomes = sorted(i.outcome for i in collect.collect(store=store, paths=[d], year=2025))
    assert outcomes == ["added", "conflict"]
    got = {s.unit: s for s in status.status(store=store, year=2025)}
    assert got["102"].status == "conflict"
    assert store.one("SELECT count(*) FROM office_report WHERE unit_code = '102'")[0] == 2


def test_a_changed_file_is_a_new_version(store, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write(d / "r.html", "示例市司法局", 2025, seed=1)
    assert collect.collect(store=store, paths=[d], year=2025)[0].outcome == "added"
    write(d / "r.html", "示例市司法局", 2025, seed=9)
    item = collect.collect(store=store, paths=[d], year=2025)[0]
    assert item.outcome == "version" and "表格数字不同" in item.message
    got = {s.unit: s for s in status.status(store=store, year=2025)}
    assert got["102"].status == "changed_after_publication"
    assert store.one("SELECT count(*) FROM office_report WHERE unit_code = '102'")[0] == 2


def test_wrong_year_and_deadlines(store, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    write(d / "r.html", "示例市司法局", 2024, signed="2025年1月10日")
    write(d / "t.html", "青石镇人民政府", 2025, seed=4, signed="2026年2月10日")
    write(d / "g.html", "示例市人民政府", 2025, seed=5, signed="2026年3月31日")
    collect.collect(store=store, paths=[d], year=2025)
    got = {s.unit: s for s in status.status(store=store, year=2025)}
    assert (got["102"].status, got["102"].report_year) == ("wrong_year", 2024)
    assert got["111"].status == "late" and got["100"].status == "filed"
    status.set_deadline(store=store, kind="乡镇街道", month_day="02-15")
    assert {s.unit: s.status for s in status.status(store=store, year=2025)}["111"] == "filed"
    with pytest.raises(OfficeError, match="截止日期"):
        status.set_deadline(store=store, kind="部门", month_day="02-30")
