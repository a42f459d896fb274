"""A ruled PDF table whose rules miss each other by two points (issue 10, item 3).

``sliver_pdf(report)`` draws the report's title, the heading of section 四 and table 四,
every cell as its own rectangle (as Word and WPS export tables) — except that in the data
row the cell after :data:`SLIVER_AFTER` starts :data:`GAP` points to the right of where its
neighbour ends (every other row's rule is where the neighbour ends). The two rules are then two grid positions a sliver apart, a grid column no
character fits in, and the row seems to print 16 cells for 15.
"""

from __future__ import annotations

from xxgk import form
from xxgk.model import Report
from xxgk.synth.layouts import appeals_rows

CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
GAP = 2.0  # pt between the two rules
SLIVER_AFTER = 4  # the data row's 5th cell ends GAP before the 6th begins
_LEFT, _TOP, _WIDTH, _HEIGHT = 40.0, 120.0, 34.0, 30.0
_FONT_SIZE = 7.0


def _font() -> str:
    from pathlib import Path

    for path in CJK_FONTS:
        if Path(path).is_file():
            return path
    raise FileNotFoundError("no CJK font: apt-get install fonts-wqy-zenhei")


def sliver_pdf(report: Report) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(595.0, 842.0))
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=_font())
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    agency, year = report.meta.agency or "示例机关", report.meta.year or 2021
    pdf.set_xy(_LEFT, 60)
    pdf.cell(500, 16, f"{agency}{year}年度政府信息公开工作年度报告")
    pdf.set_xy(_LEFT, 90)
    pdf.cell(500, 14, form.section("appeals").heading)
    pdf.set_font("cjk", size=_FONT_SIZE)
    for r, (_kind, cells) in enumerate(appeals_rows(report)):
        top = _TOP + r * _HEIGHT
        for c in range(len(form.APPEALS_ROWS) * len(form.APPEALS_COLUMNS)):
            text = cells[c] if c < len(cells) else ""
            x0, x1 = _LEFT + c * _WIDTH, _LEFT + (c + 1) * _WIDTH
            if _kind == "data" and c == SLIVER_AFTER + 1:
                x0 += GAP  # its left rule misses its neighbour's right rule
            _cell(pdf, x0, x1, top, text)
    return bytes(pdf.output())


def _cell(pdf, x0: float, x1: float, top: float, text: str) -> None:
    pdf.rect(x0, top, x1 - x0, _HEIGHT)
    if text:
        pdf.set_xy(x0, top + (_HEIGHT - _FONT_SIZE) / 2)
        pdf.cell(x1 - x0, _FONT_SIZE, text[:6], align="C")
