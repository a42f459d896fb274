"""HTML reader: decoding, finding the report among navigation, grids with spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.errors import NotAReport
from xxgk.read import read, read_bytes
from xxgk.read.html import decode

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
SHANGHAI = FIXTURES / "shanghai-2019-requests.htm"


def rows(doc):
    return [[c.text for c in line.cells] for line in doc.lines if line.cells is not None]


def _page(body: str, charset: str = "utf-8") -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>t</title></head><body>{body}</body></html>'
    )


REPORT_TABLE = "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>一、本年新收政府信息公开申请数量</td><td>5</td></tr></table>"


def test_gbk_page_declaring_utf8_is_read_as_gbk():
    data = _page(REPORT_TABLE, "utf-8").encode("gbk")
    text, encoding = decode(data)
    assert encoding == "gb18030"
    assert "本年新收政府信息公开申请数量" in text


def test_utf8_page_declaring_gb2312_is_read_as_utf8():
    data = _page(REPORT_TABLE, "gb2312").encode("utf-8")
    assert decode(data)[1] == "utf-8"


def test_gb2312_declaration_reads_gb18030_only_characters():
    # 镕 is in GBK/GB18030 but not in GB2312: a strict gb2312 decoder would fail.
    data = _page("<p>朱镕基</p>" + REPORT_TABLE, "gb2312").encode("gb18030")
    assert "朱镕基" in decode(data)[0]


def test_shanghai_2019_requests_table_reads_exactly():
    doc = read(SHANGHAI)
    got = rows(doc)
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert got[0] == [corner, "申请人情况"]
    assert got[1] == ["自然人", "法人或其他组织", "总计"]
    assert got[2] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]  # <br> inside labels
    assert got[3] == ["一、本年新收政府信息公开申请数量", "1002", "31", "2", "", "12", "6", "1053"]
    assert got[4] == ["二、上年结转政府信息公开申请数量", "45", "2", "", "", "1", "", "48"]
    assert got[5] == ["三、本年度办理结果", "（一）予以公开", "410", "12", "1", "", "4", "2", ""]
    assert got[7] == ["（三）不予公开", "1.属于国家秘密", "1", "", "", "", "", "", ""]
    assert got[8] == ["2.其他法律行政法规禁止公开", "3", "", "", "", "", "", ""]
    assert got[9] == ["3.危及“三安全一稳定”"] + [""] * 7
    assert got[15] == [
        "（四）无法提供",
        "1.本机关不掌握相关政府信息",
        "301",
        "8",
        "",
        "",
        "5",
        "3",
        "",
    ]
    assert got[23] == ["（六）其他处理", "66", "4", "", "", "1", "", ""]
    assert got[24] == ["（七）总计", "988", "31", "1", "", "11", "5", "1036"]
    assert got[25] == ["四、结转下年度继续办理", "59", "2", "1", "", "2", "1", "65"]
    assert len(got) == 26


def test_shanghai_spans_and_grid_positions():
    doc = read(SHANGHAI)
    lines = [line for line in doc.lines if line.cells]
    results = lines[5].cells[0]
    assert (results.text, results.span) == ("三、本年度办理结果", (20, 1))
    assert lines[7].cells[0].span == (8, 1)  # （三）不予公开
    # rows under a rowspan start further right on the grid: the label of 2.其他法律… is column 2
    assert [c.source.col for c in lines[8].cells] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert lines[8].cells[0].source.table == 0 and lines[8].cells[0].source.row == 8
    assert lines[8].cells[0].source.describe() == "表格1第9行第3列"
    assert lines[8].cells[0].source.file == str(SHANGHAI)


def test_navigation_and_footer_are_left_out_but_title_and_prose_kept():
    text = read(SHANGHAI).text
    for chrome in (
        "政务服务",
        "互动交流",
        "您当前的位置",
        "网站地图",
        "主办：",
        "政府信息公开指南",
        "var nav",
    ):
        assert chrome not in text
    plain = [line.text for line in read(SHANGHAI).lines if line.cells is None]
    assert plain[0] == "上海市人民政府办公厅2019年政府信息公开工作年度报告"
    assert "一、总体情况" in plain and "五、存在的主要问题及改进情况" in plain
    # <br> between sentences in prose gives two lines
    assert plain[-2:] == ["依申请公开答复的规范化水平仍需提高。", "下一步将加强业务培训。"]


def test_br_joins_cjk_without_space_and_numbers_with_space():
    html = _page(
        "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>本年新<br>制作数量</td><td>12<br/>34</td>"
        "<td>&nbsp;</td><td><p>上一年</p><p>项目数量</p></td></tr></table>"
    )
    assert rows(read_bytes(html.encode()))[0] == ["本年新制作数量", "12 34", "", "上一年项目数量"]


def test_layout_table_around_the_report_is_not_a_grid():
    prose = "本机关认真贯彻落实条例，" * 60
    html = _page(
        f"<table><tr><td><a href='/'>首页</a></td></tr><tr><td><p>{prose}</p>{REPORT_TABLE}</td></tr></table>"
    )
    doc = read_bytes(html.encode())
    assert rows(doc) == [["一、本年新收政府信息公开申请数量", "5"]]
    assert doc.lines[0].text.startswith("本机关认真贯彻落实条例")


def test_page_without_a_report_is_not_a_report():
    html = _page("<h1>2019年政府信息公开工作年度报告解读</h1><p>一图读懂年度报告。</p>")
    with pytest.raises(NotAReport) as err:
        read_bytes(html.encode(), "jiedu.html")
    assert str(err.value).startswith("jiedu.html: no annual report")


def test_lying_extension_is_sniffed(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_bytes(SHANGHAI.read_bytes())
    doc = read(fake)
    assert doc.format == "html"
    assert rows(doc)[3][1] == "1002"


def test_huge_spans_are_clamped():
    html = _page(
        "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td rowspan='99999999' colspan='5000'>x</td><td>1</td></tr></table>"
    )
    cells = [line.cells for line in read_bytes(html.encode()).lines if line.cells][0]
    assert cells[0].span == (1, 1000)
    assert cells[1].source.col == 1000
