"""Small fixes of issue 10 items 5–7: the publication date as a field of meta, rendering the
single 2019 （六）其他处理 row of a 2021 report, and report-empty only when nothing is printed."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import jsonschema
import pytest

import xxgk
from xxgk.extract import extract
from xxgk.model import Meta, Report
from xxgk.read.text import to_document
from xxgk.render import render
from xxgk.synth import make_report
from xxgk.synth.converted import summed_other, write

CASES = Path(__file__).resolve().parent / "cases"
PAGE = (
    "首页 > 政务公开 > 政府信息公开年报\n"
    "索引号：430211/2020-00031　发布机构：荷塘区桂花街道办事处　发布日期：{date}\n"
    "根据《中华人民共和国政府信息公开条例》规定，"
    "现公布荷塘区桂花街道办事处2019年政府信息公开工作年度报告。\n"
    "一、总体情况\n"
    "2019年，我街道认真贯彻落实条例。\n"
)


def _parse_text(tmp_path, text: str, name: str = "page.txt") -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return xxgk.parse(path)


# --------------------------------------------------------------------------- meta.published


def test_page_block_date_is_meta_published_with_its_origin(tmp_path):
    got = _parse_text(tmp_path, PAGE.format(date="2020年1月20日"))
    assert got.meta.published == dt.date(2020, 1, 20)
    assert got.meta.published_from == "page"
    assert "published" not in got.meta.extra and "published_from" not in got.meta.extra


def test_meta_published_round_trips_through_json_and_the_schema(tmp_path):
    got = _parse_text(tmp_path, PAGE.format(date="2020-01-20"))
    data = json.loads(json.dumps(got.to_dict(), default=str, ensure_ascii=False))
    assert data["meta"]["published"] == "2020-01-20"
    assert data["meta"]["published_from"] == "page"
    jsonschema.Draft202012Validator(xxgk.schema()).validate(data)
    back = Report.from_dict(data)
    assert back.meta.published == dt.date(2020, 1, 20) and back.meta.published_from == "page"


def test_a_date_that_does_not_exist_is_not_read(tmp_path):
    got = _parse_text(tmp_path, PAGE.format(date="2020-02-30"))
    assert got.meta.published is None and got.meta.published_from is None


def test_meta_without_a_date_loads_from_older_json():
    meta = Meta.from_dict({"agency": "某局", "year": 2021})
    assert meta.published is None and meta.to_dict()["published"] is None


def test_a_bad_date_in_report_json_is_a_value_error():
    with pytest.raises(ValueError):
        Meta.from_dict({"published": "2020-13-01"})


def test_office_ingest_takes_the_page_date(tmp_path):
    from xxgk.office.ingest import _values

    got = _parse_text(tmp_path, PAGE.format(date="2020年1月20日"))
    values = _values(got, None, "430211", 2019, "page.txt", "file", "", None)
    assert (values["published_date"], values["published_from"]) == ("2020-01-20", "page")


# --------------------------------------------------------------------------- （六） rendered


@pytest.mark.parametrize("to", ["html", "md", "txt", "docx"])
@pytest.mark.parametrize("seed", [3, 17])
def test_single_2019_other_row_survives_rendering(tmp_path, seed, to):
    report = make_report(random.Random(seed), "2021")
    want = summed_other(report.tables["requests"])
    assert any(want.values())  # the row carries numbers that could be lost
    path = tmp_path / "other.txt"
    path.write_text(write(report, "other_2019"), encoding="utf-8")
    parsed = xxgk.parse(path)
    assert "other" in parsed.tables["requests"].rows  # the input really has the single row
    out = tmp_path / f"back.{to}"
    out.write_bytes(render(parsed, to, allow_errors=True))
    back = xxgk.parse(out)
    requests = back.tables["requests"]
    assert {c: cell.value for c, cell in requests.rows["other"].items()} == want
    assert not any(k.startswith("other.") for k in requests.rows)
    printed = parsed.tables["requests"]
    assert {(r, c): cell.value for r, c, cell in printed.cells()} == {
        (r, c): cell.value for r, c, cell in requests.cells()
    }


# --------------------------------------------------------------------------- report-empty

ACTIVE_HEAD = (
    "二、主动公开政府信息情况\n第二十条第（一）项\n"
    "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
)


def _errors(report: Report) -> list[str]:
    return [f.rule for f in xxgk.check(report) if f.severity == "error"]


def test_numbers_printed_but_not_placed_are_not_an_unfilled_form(tmp_path):
    # every row prints 4 numbers for 3 columns: none is read, but the form is filled in
    text = ACTIVE_HEAD + "规章\t1\t2\t3\t4\n规范性文件\t1\t0\t1\t7\n"
    got = _parse_text(tmp_path, text)
    assert got.tables["active"] is not None and got.tables["active"].rows == {}
    unread = [f for f in got.findings if f.rule == "row-cell-count"]
    assert [f.numbers["unplaced"] for f in unread] == [4, 4]
    assert "report-empty" not in _errors(got)


def test_numbers_beside_an_unknown_label_are_not_an_unfilled_form(tmp_path):
    text = ACTIVE_HEAD + "规章\t\t\t\n地方性法规汇编\t5\t6\t11\n"
    got = _parse_text(tmp_path, text)
    assert all(c.value is None for _, _, c in got.tables["active"].cells())  # 规章 is blank
    assert [f.numbers for f in got.findings if f.rule == "label-unknown"] == [{"printed": 3}]
    assert "report-empty" not in _errors(got)


def test_a_form_printing_only_blank_cells_is_report_empty(tmp_path):
    got = _parse_text(tmp_path, ACTIVE_HEAD + "规章\t\t\t\n规范性文件\t\t\t\n")
    assert "report-empty" in _errors(got)


def test_pdftotext_raw_table_4_not_placed_is_not_empty():
    text = (CASES / "real_pdftotext_raw" / "input.txt").read_text("utf-8")
    broken = text.replace("\n3\n", "\n4\n", 1)  # a total that does not add up: no order read
    got = extract(to_document(broken))
    assert got.tables["appeals"] is not None and got.tables["appeals"].rows == {}
    assert "report-empty" not in _errors(got)


def test_a_blank_form_is_still_report_empty(tmp_path):
    from xxgk.render import workbook

    blank = workbook.read(workbook.template("2021", agency="示例区人民政府", year=2024))
    path = tmp_path / "blank.docx"
    path.write_bytes(render(blank, "docx", allow_errors=True))
    got = xxgk.parse(path)
    assert [f.rule for f in got.findings].count("report-empty") == 1
    assert "row-cell-count" not in {f.rule for f in got.findings}
