"""The DOCX matches the official form's structure, read back from word/document.xml."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

import xxgk
from render_support import docx_tables, find, sample
from xxgk import form
from xxgk.render import content

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@pytest.fixture(scope="module", params=["2019", "2021"])
def rendered(request):
    report = sample(request.param)
    return request.param, report, xxgk.render(report, "docx")


def test_three_tables_with_the_form_grid(rendered):
    edition, _report, data = rendered
    active, requests, appeals = docx_tables(data)
    # 2019: 5 blocks, (2+2+2+1+1) rows + 2 header rows each = 18; 2021: 4 blocks, 6 rows + 8 = 14
    assert max(c.row for c in active) + 1 == (18 if edition == "2019" else 14)
    # requests: 3 header rows + 23 / 25 value rows
    assert max(c.row for c in requests) + 1 == (26 if edition == "2019" else 28)
    assert max(c.row for c in appeals) + 1 == 4


def test_requests_header_merges(rendered):
    edition, _report, data = rendered
    cells = docx_tables(data)[1]
    corner = find(cells, CORNER)
    assert (corner.row, corner.col, corner.rowspan, corner.colspan) == (0, 0, 3, 3)
    applicant = find(cells, "申请人情况")
    assert (applicant.row, applicant.col, applicant.rowspan, applicant.colspan) == (0, 3, 1, 7)
    legal = find(cells, "法人或其他组织")
    assert (legal.row, legal.col, legal.rowspan, legal.colspan) == (1, 4, 1, 5)
    natural = find(cells, "自然人")
    assert (natural.col, natural.rowspan) == (3, 2)
    total = [c for c in cells if c.text == "总计" and c.row == 1]
    assert [(c.col, c.rowspan) for c in total] == [(9, 2)]


def test_results_group_is_vertical_and_spans_the_outcomes(rendered):
    edition, _report, data = rendered
    cells = docx_tables(data)[1]
    results = find(cells, "三、本年度办理结果")
    # 予以公开, 部分公开, 8 不予公开, 3 无法提供, 5 不予处理, （六） 1 or 3 rows, 总计
    assert results.rowspan == (20 if edition == "2019" else 22)
    assert (results.row, results.col, results.colspan) == (5, 0, 1)
    # one character wide (≤ 0.8 cm), so the label stacks vertically in every word processor
    assert _grid_widths(data)[1][0] <= 0.8 * 567
    denied = find(cells, "（三）不予公开")
    assert (denied.col, denied.rowspan) == (1, 8)
    assert find(cells, "（四）无法提供").rowspan == 3
    assert find(cells, "（五）不予处理").rowspan == 5
    other = find(cells, "（六）其他处理")
    if edition == "2019":
        assert (other.rowspan, other.colspan) == (1, 2)
    else:
        assert (other.rowspan, other.colspan) == (3, 1)
    assert find(cells, "一、本年新收政府信息公开申请数量").colspan == 3
    assert find(cells, "四、结转下年度继续办理").colspan == 3


def _grid_widths(data: bytes) -> list[list[int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode()
    tables = xml.split("<w:tblGrid>")[1:]
    return [
        [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', t.split("</w:tblGrid>")[0])]
        for t in tables
    ]


def test_appeals_two_level_header(rendered):
    _edition, report, data = rendered
    cells = docx_tables(data)[2]
    review = find(cells, "行政复议")
    assert (review.row, review.col, review.colspan) == (0, 0, 5)
    lawsuit = find(cells, "行政诉讼")
    assert (lawsuit.row, lawsuit.col, lawsuit.colspan) == (0, 5, 10)
    assert (find(cells, "未经复议直接起诉").col, find(cells, "未经复议直接起诉").colspan) == (5, 5)
    assert (find(cells, "复议后起诉").col, find(cells, "复议后起诉").colspan) == (10, 5)
    upheld = [c for c in cells if c.text == "结果维持"]
    assert [(c.row, c.col, c.rowspan) for c in upheld] == [(1, 0, 2), (2, 5, 1), (2, 10, 1)]
    values = [c.text for c in cells if c.row == 3]
    expected = [
        str(report.table("appeals").value(r.key, c.key))
        for r in form.APPEALS_ROWS
        for c in form.APPEALS_COLUMNS
    ]
    assert values == expected


def test_active_single_value_spans_three_columns_in_2021(rendered):
    edition, report, data = rendered
    cells = docx_tables(data)[0]
    licensing = next(c for c in cells if c.text == "行政许可")
    value = next(c for c in cells if c.row == licensing.row and c.col == 1)
    if edition == "2021":
        assert value.colspan == 3
        assert value.text == str(report.table("active").value("licensing", "decisions"))
    else:
        assert value.colspan == 1
        assert value.text == str(report.table("active").value("licensing", "previous"))
    for block in form.active_blocks(edition):
        title = find(cells, block.label)
        assert title.colspan == 4


def test_page_fonts_footer_and_properties(rendered):
    _edition, report, data = rendered
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    for font in ("仿宋_GB2312", "黑体", "宋体"):
        assert f'w:eastAsia="{font}"' in styles
    assert 'w:name="仿宋_GB2312"' in fonts and 'w:altName w:val="仿宋"' in fonts
    assert "PAGE" in footer
    props = document.core_properties
    assert props.identifier == f"sha256:{content.checksum(report)}"
    assert props.version == f"xxgk {xxgk.__version__}"
    assert props.title == report.meta.title


def test_section_headings_in_order(rendered):
    _edition, report, data = rendered
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == [s.heading for s in form.SECTIONS]
    assert document.paragraphs[0].text == report.meta.title


def test_checksum_changes_with_the_data():
    report = sample("2021")
    before = content.checksum(report)
    report.table("active").set("licensing", "decisions", xxgk.Cell.of(999_999))
    assert content.checksum(report) != before
    assert len(before) == 64
