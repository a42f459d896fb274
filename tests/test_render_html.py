"""HTML: escaped, self-contained, the form's spans, the provenance in <head>."""

from __future__ import annotations

import lxml.html

import xxgk
from render_support import sample
from xxgk import form
from xxgk.model import SectionText
from xxgk.render import content

HOSTILE = "<script>alert('x')</script> & <b>粗体</b> \"引号\" ]]> &amp;"


def _tree(data: bytes):
    return lxml.html.fromstring(data)


def test_text_from_the_data_is_escaped():
    report = sample("2021")
    report.sections[4] = SectionText("problems", "五、存在的主要问题及改进情况", HOSTILE)
    report.meta.title = "示例局<img src=x onerror=alert(1)>2022年政府信息公开工作年度报告"
    report.table("active").set("licensing", "decisions", xxgk.Cell("<i>12</i>", 12))
    data = xxgk.render(report, "html", allow_errors=True)
    text = data.decode("utf-8")
    assert "<script>" not in text and "<img" not in text and "<i>12" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in text
    tree = _tree(data)
    paragraphs = [p.text_content() for p in tree.iter("p")]
    assert HOSTILE in paragraphs  # the browser shows exactly the data
    assert tree.findtext(".//h1") == report.meta.title
    assert not list(tree.iter("script")) and not list(tree.iter("img"))


def test_head_records_generator_and_checksum():
    report = sample("2019")
    tree = _tree(xxgk.render(report, "html"))
    metas = {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}
    assert metas["generator"] == f"xxgk {xxgk.__version__}"
    assert metas["xxgk-data-sha256"] == content.checksum(report)
    style = tree.findtext(".//style")
    assert "@media print" in style and "size: A4" in style
    assert not [e for e in tree.iter("link", "script")]  # self-contained


def test_tables_use_the_form_spans():
    report = sample("2021")
    tree = _tree(xxgk.render(report, "html"))
    active, requests, appeals = tree.iter("table")
    th = {c.text_content(): c for c in requests.iter("th")}
    corner = th["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    assert (corner.get("rowspan"), corner.get("colspan")) == ("3", "3")
    assert th["申请人情况"].get("colspan") == "7"
    assert th["法人或其他组织"].get("colspan") == "5"
    assert th["三、本年度办理结果"].get("rowspan") == "22"
    assert "vertical" in th["三、本年度办理结果"].get("class")
    assert th["（六）其他处理"].get("rowspan") == "3"
    assert len(requests.find("thead").findall("tr")) == 3
    heads = {c.text_content(): c for c in appeals.iter("th")}
    assert heads["行政复议"].get("colspan") == "5" and heads["行政诉讼"].get("colspan") == "10"
    # every requests value cell, row by row, in the form's order
    body = requests.find("tbody").findall("tr")
    assert len(body) == len(form.rows("requests", "2021"))
    table = report.table("requests")
    for tr, row in zip(body, form.rows("requests", "2021"), strict=True):
        tds = [td.text_content() for td in tr.findall("td")]
        assert tds == [str(table.value(row.key, c.key)) for c in form.REQUESTS_COLUMNS]
    fees = next(tr for tr in active.iter("tr") if tr[0].text_content() == "行政事业性收费")
    assert fees[1].get("colspan") == "3"


def test_headings_and_parsed_raw_text_are_printed():
    report = sample("2019")
    report.table("active").set("licensing", "change", xxgk.Cell("减 6", -6))
    report.table("active").set("procurement", "amount", xxgk.Cell("186 万", None, "万"))
    tree = _tree(xxgk.render(report, "html", allow_errors=True))
    assert [h.text_content() for h in tree.iter("h2")] == [s.heading for s in form.SECTIONS]
    cells = [td.text_content() for td in tree.iter("td")]
    assert "减 6" in cells and "186 万" in cells
