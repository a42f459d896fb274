"""PDF reader: rows rebuilt from positions, page markers dropped, bad PDFs refused."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from formatgen import CJK_FONT, table_image
from xxgk.errors import UnreadableSource
from xxgk.read import read, read_bytes
from xxgk.read.pdf import MAX_PAGES, _fold_char, is_marker

FIXTURE = Path(__file__).parent / "fixtures" / "formats" / "huaian-2024-requests.pdf"

# Table 三 of the 淮安 fixture exactly as printed (written by hand from the fixture's source
# numbers, formatgen.HUAIAN_REQUESTS; labels from the 2021 form).
HUAIAN_ROWS = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
    ["自然人", "法人或其他组织", "总计"],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ["一、本年新收政府信息公开申请数量", "1439", "44", "2", "1", "14", "8", "1508"],
    ["二、上年结转政府信息公开申请数量", "61", "3", "0", "0", "1", "0", "65"],
    ["三、本年度办理结果", "（一）予以公开", "702", "20", "1", "1", "6", "4", "734"],
    [
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "88",
        "5",
        "0",
        "0",
        "2",
        "1",
        "96",
    ],
    ["（三）不予公开", "1.属于国家秘密", "2", "0", "0", "0", "0", "0", "2"],
    ["2.其他法律行政法规禁止公开", "5", "0", "0", "0", "0", "0", "5"],
    ["3.危及“三安全一稳定”", "1", "0", "0", "0", "0", "0", "1"],
    ["4.保护第三方合法权益", "9", "1", "0", "0", "0", "0", "10"],
    ["5.属于三类内部事务信息", "14", "0", "0", "0", "1", "0", "15"],
    ["6.属于四类过程性信息", "23", "2", "0", "0", "0", "0", "25"],
    ["7.属于行政执法案卷", "6", "0", "0", "0", "0", "0", "6"],
    ["8.属于行政查询事项", "11", "0", "0", "0", "0", "0", "11"],
    # - 5 - (page break)
    ["（四）无法提供", "1.本机关不掌握相关政府信息", "402", "12", "1", "0", "3", "2", "420"],
    ["2.没有现成信息需要另行制作", "37", "1", "0", "0", "0", "0", "38"],
    ["3.补正后申请内容仍不明确", "22", "0", "0", "0", "1", "0", "23"],
    ["（五）不予处理", "1.信访举报投诉类申请", "45", "1", "0", "0", "0", "0", "46"],
    ["2.重复申请", "19", "0", "0", "0", "0", "1", "20"],
    ["3.要求提供公开出版物", "3", "0", "0", "0", "0", "0", "3"],
    ["4.无正当理由大量反复申请", "2", "0", "0", "0", "0", "0", "2"],
    ["5.要求行政机关确认或重新出具已获取信息", "8", "0", "0", "0", "0", "0", "8"],
    [
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "31",
        "2",
        "0",
        "0",
        "1",
        "0",
        "34",
    ],
    [
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
    ],
    ["3.其他", "12", "1", "0", "0", "0", "0", "13"],
    ["（七）总计", "1442", "45", "2", "1", "14", "8", "1512"],
    ["四、结转下年度继续办理", "58", "2", "0", "0", "1", "0", "61"],
]


def _requests_rows(doc):
    lines = doc.lines
    start = next(
        i for i, line in enumerate(lines) if line.text == "三、收到和处理政府信息公开申请情况"
    )
    end = next(
        i for i, line in enumerate(lines) if line.text == "四、政府信息公开行政复议、行政诉讼情况"
    )
    return [line for line in lines[start + 1 : end]]


def test_text_order_is_broken_in_the_fixture():
    """The fixture really has the artefacts: a page marker between rows, a label one char per line."""
    pdf = pdfium.PdfDocument(FIXTURE.read_bytes())
    text = pdf[0].get_textpage().get_text_range()
    assert "- 5 -" in text
    assert "三\r\n、\r\n本\r\n年\r\n度" in text
    assert "\r\n业\r\n科研机\r\n构\r\n" in text  # header cells split over lines


def test_huaian_table_three_rebuilt_exactly_across_the_page_break():
    lines = _requests_rows(read(FIXTURE))
    assert all(
        line.cells is not None for line in lines
    )  # the marker is gone, nothing else in between
    assert [[c.text for c in line.cells] for line in lines] == HUAIAN_ROWS
    assert [line.source.page for line in lines] == [1] * 15 + [2] * 13
    results = lines[5].cells[0]
    assert results.span == (22, 1)  # the merged cell continues on page 2
    assert lines[15].cells[0].source.describe() == "第2页"


def test_cell_boxes_are_inside_their_row():
    lines = _requests_rows(read(FIXTURE))
    for line in lines:
        x0, top, x1, bottom = line.source.box
        for cell in line.cells:
            cx0, ctop, cx1, _cbottom = cell.source.box
            assert x0 - 0.5 <= cx0 < cx1 <= x1 + 0.5
            assert abs(ctop - top) < 0.5


def test_page_markers():
    for marker in ("- 5 -", "—12—", "第 3 页", "第3页 共12页", "3/12", "－ 7 －"):
        assert is_marker(marker), marker
    for text in ("5", "第二十条第（五）项", "-3", "2019"):
        assert not is_marker(text), text


def test_kangxi_radicals_fold_to_ordinary_characters():
    assert "".join(_fold_char(c) for c in "⼀⼆⾏政") == "一二行政"
    assert _fold_char("一") == "一"


def test_encrypted_pdf_is_refused():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    with pytest.raises(UnreadableSource) as err:
        read_bytes(bytes(pdf.output()), "secret.pdf")
    assert str(err.value) == "secret.pdf: PDF is password-protected; save an unprotected copy first"


def test_corrupt_pdf_is_refused():
    data = b"%PDF-1.7\n" + bytes(range(256)) * 40
    with pytest.raises(UnreadableSource) as err:
        read_bytes(data, "broken.pdf")
    assert str(err.value) == "broken.pdf: corrupt or truncated PDF (PDFium cannot open it)"


def test_truncated_pdf_gives_one_clear_error_or_the_pages_it_has():
    data = FIXTURE.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
        try:
            doc = read_bytes(data[:cut], "cut.pdf")
        except UnreadableSource as exc:
            assert str(exc).startswith("cut.pdf: ")
        else:
            assert doc.format == "pdf"


def test_huge_page_count_is_refused_in_bounded_time():
    pdf = pdfium.PdfDocument.new()
    for _ in range(2000):
        pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    started = time.monotonic()
    with pytest.raises(UnreadableSource) as err:
        read_bytes(buf.getvalue(), "big.pdf")
    assert time.monotonic() - started < 2.0
    assert (
        str(err.value)
        == f"big.pdf: PDF has 2000 pages; the limit is {MAX_PAGES} (an annual report has a few dozen)"
    )


def test_scanned_pdf_page_goes_through_ocr():
    from fpdf import FPDF

    png = table_image([["规章", "12", "3"], ["行政许可", "45", "0"]], [200, 120, 120])
    pdf = FPDF(unit="pt", format=(400, 200))
    pdf.add_page()
    pdf.image(io.BytesIO(png), x=10, y=10, w=380)
    doc = read_bytes(bytes(pdf.output()), "scan.pdf")
    assert doc.format == "ocr"
    rows = [[c.text for c in line.cells] for line in doc.lines if line.cells]
    assert rows == [["规章", "12", "3"], ["行政许可", "45", "0"]]
    assert doc.lines[0].source.page == 1
    assert "1 of 1 pages had no text layer" in doc.notes[0]


def test_scanned_pdf_without_the_ocr_extra_says_what_to_install(monkeypatch):
    from fpdf import FPDF

    from xxgk.read import ocr

    def missing():
        from xxgk.errors import missing_extra

        raise missing_extra("ocr", "reading scanned pages and images")

    monkeypatch.setattr(ocr, "engine", missing)
    pdf = FPDF(unit="pt", format=(400, 200))
    pdf.add_page()
    pdf.image(io.BytesIO(table_image([["规章", "12"]], [200, 100])), x=10, y=10, w=300)
    with pytest.raises(Exception) as err:
        read_bytes(bytes(pdf.output()), "scan.pdf")
    assert str(err.value) == (
        "scan.pdf: reading scanned pages and images needs an optional extra: install xxgk[ocr]  (pip install 'xxgk[ocr]')"
    )


def test_cjk_font_is_available():
    assert Path(CJK_FONT).exists()
