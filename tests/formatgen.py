"""Test tooling: write one Report the way agencies *publish* it — as text, HTML, DOCX, PDF.

These writers are deliberately shaped like published files (the official form's
rowspans/colspans, Word tables with merged cells, a PDF table drawn with rules and
broken over a page with a ``- 5 -`` marker), not like xxgk's own renderer.

The shared shape is :func:`layout`: each of the three tables as the official form
prints it, a list of rows of :class:`Spec` cells.
"""

from __future__ import annotations

import html as htmlmod
import io
from dataclasses import dataclass

from xxgk import form
from xxgk.model import Report

CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


@dataclass(frozen=True)
class Spec:
    text: str
    rowspan: int = 1
    colspan: int = 1


# --------------------------------------------------------------------------- layout


def _raw(report: Report, table: str, row: str, column: str) -> str:
    t = report.table(table)
    cell = t.cell(row, column) if t else None
    return cell.raw if cell else ""


def active_rows(report: Report) -> list[list[Spec]]:
    edition = report.table("active").edition
    out: list[list[Spec]] = []
    for block in form.active_blocks(edition):
        out.append([Spec(block.label, colspan=4)])
        cols = block.columns
        if len(cols) == 1:
            out.append([Spec(block.header), Spec(cols[0].label, colspan=3)])
        else:
            out.append(
                [Spec(block.header)] + [Spec(c.label) for c in cols] + [Spec("")] * (3 - len(cols))
            )
        for row in block.rows:
            values = [_raw(report, "active", row.key, c.key) for c in cols]
            if len(cols) == 1:
                out.append([Spec(row.label), Spec(values[0], colspan=3)])
            else:
                out.append(
                    [Spec(row.label)] + [Spec(v) for v in values] + [Spec("")] * (3 - len(cols))
                )
    return out


def requests_rows(report: Report) -> list[list[Spec]]:
    edition = report.table("requests").edition
    rows = form.rows("requests", edition)
    head = [
        [Spec(form.REQUESTS_CORNER, 3, 3), Spec(form.APPLICANT_GROUP, colspan=7)],
        [
            Spec(form.REQUESTS_COLUMNS[0].label, rowspan=2),
            Spec(form.LEGAL_PERSON_GROUP, colspan=5),
            Spec(form.REQUESTS_COLUMNS[-1].label, rowspan=2),
        ],
        [Spec(c.label) for c in form.REQUESTS_COLUMNS[1:-1]],
    ]
    results = [r for r in rows if r.group is not None]
    out = head
    seen_groups: set[str] = set()
    for row in rows:
        values = [Spec(_raw(report, "requests", row.key, c.key)) for c in form.REQUESTS_COLUMNS]
        label: list[Spec] = []
        if row.group is None:
            label = [Spec(row.label, colspan=3)]
        else:
            if form.RESULTS_GROUP not in seen_groups:
                seen_groups.add(form.RESULTS_GROUP)
                label.append(Spec(form.RESULTS_GROUP, rowspan=len(results)))
            if row.group == form.RESULTS_GROUP:
                label.append(Spec(row.label, colspan=2))
            else:
                if row.group not in seen_groups:
                    seen_groups.add(row.group)
                    label.append(
                        Spec(row.group, rowspan=sum(1 for r in rows if r.group == row.group))
                    )
                label.append(Spec(row.label))
        out.append(label + values)
    return out


def appeals_rows(report: Report) -> list[list[Spec]]:
    cols = [c.label for c in form.APPEALS_COLUMNS]
    direct, after = (r.label for r in form.APPEALS_ROWS[1:])
    values = [
        Spec(_raw(report, "appeals", r.key, c.key))
        for r in form.APPEALS_ROWS
        for c in form.APPEALS_COLUMNS
    ]
    return [
        [Spec(form.REVIEW, colspan=5), Spec(form.LAWSUIT, colspan=10)],
        [Spec(c, rowspan=2) for c in cols] + [Spec(direct, colspan=5), Spec(after, colspan=5)],
        [Spec(c) for c in cols * 2],
        values,
    ]


def layout(report: Report) -> list[tuple[str, str, object]]:
    """The report as blocks in printed order: ``("title"|"heading"|"para", text, None)``
    and ``("table", name, rows)``."""
    builders = {"active": active_rows, "requests": requests_rows, "appeals": appeals_rows}
    out: list[tuple[str, str, object]] = [("title", report.meta.title or "", None)]
    for sec in report.sections:
        out.append(("heading", sec.title, None))
        if sec.text:
            out.append(("para", sec.text, None))
        table = form.section(sec.key).table
        if table and report.table(table) is not None:
            out.append(("table", table, builders[table](report)))
    return out


def full_grid(rows: list[list[Spec]]) -> list[list[str]]:
    """The grid with covered positions as ``""`` (how Word's text export prints it)."""
    covered: dict[tuple[int, int], bool] = {}
    grid: list[list[str]] = []
    for r, row in enumerate(rows):
        line: list[str] = []
        c = 0
        for spec in row:
            while covered.get((r, c)):
                line.append("")
                c += 1
            line.append(spec.text)
            line.extend([""] * (spec.colspan - 1))
            for rr in range(r + 1, r + spec.rowspan):
                for cc in range(c, c + spec.colspan):
                    covered[(rr, cc)] = True
            c += spec.colspan
        while covered.get((r, c)):
            line.append("")
            c += 1
        grid.append(line)
    return grid


# --------------------------------------------------------------------------- writers


def to_text(report: Report) -> bytes:
    """Tab-separated rows, as a Word → text export prints them."""
    lines: list[str] = []
    for kind, text, rows in layout(report):
        if kind == "table":
            lines.extend("\t".join(cells) for cells in full_grid(rows))  # type: ignore[arg-type]
        else:
            lines.append(text)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _html_table(rows: list[list[Spec]], blank: str = "") -> str:
    out = ['<table border="1" cellspacing="0" style="border-collapse:collapse">']
    for row in rows:
        cells = []
        for s in row:
            attrs = (f' rowspan="{s.rowspan}"' if s.rowspan > 1 else "") + (
                f' colspan="{s.colspan}"' if s.colspan > 1 else ""
            )
            text = htmlmod.escape(s.text) if s.text else blank
            cells.append(f'<td{attrs}><p style="text-align:center"><span>{text}</span></p></td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


NAV = """<div class="header"><div class="logo"><a href="/">示例市人民政府门户网站</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/xxgk">政府信息公开</a></li>
<li><a href="/zwgk">政务公开</a></li><li><a href="/hd">政民互动</a></li><li><a href="/fw">办事服务</a></li>
<li><a href="/nb">政府信息公开年报</a></li><li><a href="/zn">政府信息公开指南</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk">政府信息公开</a> &gt; <a href="/nb">年报</a></div>"""
FOOTER = """<div class="footer"><p>主办单位：示例市人民政府办公厅　地址：示例市示例路1号　网站标识码：1234567890</p>
<p><a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p></div>"""


def to_html(
    report: Report, *, blank: str = "", charset: str = "utf-8", encoding: str = "utf-8"
) -> bytes:
    """A government page: navigation, the article (headings, paragraphs, tables), a footer."""
    body = []
    for kind, text, rows in layout(report):
        if kind == "title":
            body.append(f'<div class="title"><h1>{htmlmod.escape(text)}</h1></div>')
        elif kind == "table":
            body.append(_html_table(rows, blank))  # type: ignore[arg-type]
        else:
            body.append(f'<p style="text-indent:2em">{htmlmod.escape(text)}</p>')
    page = (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{htmlmod.escape(report.meta.title or '')}_示例市人民政府</title>"
        f"<script>var x = '<table>';</script></head><body>{NAV}"
        f'<div class="main"><div class="article">{"".join(body)}</div></div>{FOOTER}</body></html>'
    )
    return page.encode(encoding)


def to_docx(report: Report) -> bytes:
    """A Word document: paragraphs, and each table with merged cells (gridSpan / vMerge)."""
    import docx

    document = docx.Document()
    for kind, text, rows in layout(report):
        if kind == "table":
            _docx_table(document, rows)  # type: ignore[arg-type]
        else:
            document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _docx_table(document, rows: list[list[Spec]]) -> None:
    width = len(full_grid(rows)[0])
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    covered: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(rows):
        c = 0
        for spec in row:
            while covered.get((r, c)):
                c += 1
            cell = table.cell(r, c)
            if spec.rowspan > 1 or spec.colspan > 1:
                cell = cell.merge(table.cell(r + spec.rowspan - 1, c + spec.colspan - 1))
            cell.text = spec.text
            for rr in range(r, r + spec.rowspan):
                for cc in range(c, c + spec.colspan):
                    covered[(rr, cc)] = True
            c += spec.colspan


# --------------------------------------------------------------------------- PDF

# Column widths (mm) as Word lays the official form out on A4 with 20 mm margins.
_WIDTHS = {
    "active": [50, 40, 40, 40],
    "requests": [8, 16, 44, 14.5, 14.5, 14.5, 14.5, 14.5, 14.5, 14.5],
    "appeals": [11.33] * 15,
}
_PAGE_W, _PAGE_H, _MARGIN, _BOTTOM = 210, 297, 20, 272
_LINE_H = 4.2  # mm per line at 9 pt
_PAD = 1.2


class _PdfWriter:
    """Lays a report out on A4 pages: wrapped paragraphs, ruled tables, page markers."""

    def __init__(self, break_before: str | None, first_page: int = 1) -> None:
        import logging

        from fpdf import FPDF

        logging.getLogger("fontTools").setLevel(logging.ERROR)  # "BDF NOT subset" noise
        self.pdf = FPDF(unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_font("cjk", fname=CJK_FONT)
        self.break_before = break_before  # a requests row label: force a page break before it
        self.page_no = 0
        self.first_page = first_page
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        if self.page_no:
            self.footer()
        self.pdf.add_page()
        self.page_no += 1
        self.y = _MARGIN

    def footer(self) -> None:
        self.pdf.set_font("cjk", size=9)
        self.pdf.set_xy(0, 282)
        self.pdf.cell(_PAGE_W, 5, f"- {self.page_no + self.first_page - 1} -", align="C")

    def wrap(self, text: str, width: float) -> list[str]:
        lines, current = [], ""
        for ch in text:
            if current and self.pdf.get_string_width(current + ch) > width:
                lines.append(current)
                current = ""
            current += ch
        return [*lines, current] if current else lines or [""]

    def paragraph(self, text: str, size: float = 10.5, align: str = "L") -> None:
        self.pdf.set_font("cjk", size=size)
        height = size * 0.5
        for line in self.wrap(text, _PAGE_W - 2 * _MARGIN):
            if self.y + height > _BOTTOM:
                self.new_page()
            self.pdf.set_xy(_MARGIN, self.y)
            self.pdf.cell(_PAGE_W - 2 * _MARGIN, height, line, align=align)
            self.y += height
        self.y += 1.5

    def table(self, name: str, rows: list[list[Spec]]) -> None:
        self.pdf.set_font("cjk", size=9)
        widths = _WIDTHS[name]
        xs = [_MARGIN + sum(widths[:i]) for i in range(len(widths) + 1)]
        placed = _place(rows)  # (row, col, spec)
        heights = self.row_heights(placed, widths, len(rows))
        tops: list[tuple[int, float]] = []  # (page, y) per row, laid out before drawing
        page, y = self.page_no, self.y
        for r in range(len(rows)):
            forced = self.break_before is not None and any(
                s.text == self.break_before for rr, _c, s in placed if rr == r
            )
            if forced or y + heights[r] > _BOTTOM:
                page, y = page + 1, _MARGIN
            tops.append((page, y))
            y += heights[r]
        parts = [
            part
            for r, c, spec in placed
            for part in self.parts(
                spec,
                xs[c],
                xs[c + spec.colspan],
                [(tops[i], heights[i]) for i in range(r, r + spec.rowspan)],
            )
        ]
        for p in sorted({part[0] for part in parts}):
            while self.page_no < p:
                self.new_page()
                self.pdf.set_font("cjk", size=9)
            for _p, draw in (part for part in parts if part[0] == p):
                draw()
        self.y = y + 3

    def parts(self, spec: Spec, x0: float, x1: float, rows) -> list:
        """Drawing steps ``(page, fn)`` of a (possibly page-split) cell; text in its first part."""
        spans: dict[int, list[float]] = {}
        for (page, top), height in rows:
            span = spans.setdefault(page, [top, top])
            span[1] = top + height
        lines = self.wrap(spec.text, x1 - x0 - 2 * _PAD) if spec.text else []
        out = []
        for i, (page, (top, bottom)) in enumerate(spans.items()):
            out.append(
                (
                    page,
                    lambda top=top, bottom=bottom, first=(i == 0): self.draw(
                        x0, x1, top, bottom, lines if first else []
                    ),
                )
            )
        return out

    def draw(self, x0: float, x1: float, top: float, bottom: float, lines: list[str]) -> None:
        self.pdf.rect(x0, top, x1 - x0, bottom - top)
        y = top + (bottom - top - len(lines) * _LINE_H) / 2
        for line in lines:
            self.pdf.set_xy(x0, y)
            self.pdf.cell(x1 - x0, _LINE_H, line, align="C")
            y += _LINE_H

    def row_heights(self, placed, widths, n_rows) -> list[float]:
        heights = [_LINE_H + 2 * _PAD] * n_rows
        for r, c, spec in placed:
            if spec.rowspan == 1:
                lines = len(self.wrap(spec.text, sum(widths[c : c + spec.colspan]) - 2 * _PAD))
                heights[r] = max(heights[r], lines * _LINE_H + 2 * _PAD)
        return heights

    def output(self) -> bytes:
        self.footer()
        return bytes(self.pdf.output())


def _place(rows: list[list[Spec]]) -> list[tuple[int, int, Spec]]:
    covered: dict[tuple[int, int], bool] = {}
    out = []
    for r, row in enumerate(rows):
        c = 0
        for spec in row:
            while covered.get((r, c)):
                c += 1
            out.append((r, c, spec))
            for rr in range(r, r + spec.rowspan):
                for cc in range(c, c + spec.colspan):
                    covered[(rr, cc)] = True
            c += spec.colspan
    return out


def to_pdf(
    report: Report, *, break_before: str | None = "1.本机关不掌握相关政府信息", first_page: int = 1
) -> bytes:
    """A PDF with a text layer, tables drawn with rules, and a page break inside table 三
    before ``break_before`` (with the ``- N -`` page marker between the two parts)."""
    writer = _PdfWriter(break_before, first_page)
    for kind, text, rows in layout(report):
        if kind == "table":
            writer.table(text, rows)  # type: ignore[arg-type]
        elif kind == "title":
            writer.paragraph(text, size=16, align="C")
        else:
            writer.paragraph(text)
    return writer.output()


# --------------------------------------------------------------------------- images


def table_image(
    rows: list[list[str]], widths: list[int], *, title: str = "", font_size: int = 28
) -> bytes:
    """A PNG of a ruled table (a 'scan'), one cell per entry, black on white."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(CJK_FONT, font_size)
    row_h = font_size * 2
    top = row_h if title else 20
    image = Image.new("L", (sum(widths) + 40, top + row_h * len(rows) + 20), 255)
    draw = ImageDraw.Draw(image)
    if title:
        draw.text((20, 10), title, font=font, fill=0)
    for r, row in enumerate(rows):
        x = 20
        for w, text in zip(widths, row, strict=True):
            y = top + r * row_h
            draw.rectangle((x, y, x + w, y + row_h), outline=0, width=2)
            tw = draw.textlength(text, font=font)
            draw.text((x + (w - tw) / 2, y + (row_h - font_size) / 2 - 2), text, font=font, fill=0)
            x += w
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


# --------------------------------------------------------------------------- fixtures

# 淮安市人民政府 2024 (2021 edition), table 三 as printed — written by hand; every row sums.
HUAIAN_REQUESTS = {
    "new_received": "1439 44 2 1 14 8 1508",
    "carried_over": "61 3 0 0 1 0 65",
    "granted": "702 20 1 1 6 4 734",
    "partially_granted": "88 5 0 0 2 1 96",
    "denied.state_secret": "2 0 0 0 0 0 2",
    "denied.prohibited_by_law": "5 0 0 0 0 0 5",
    "denied.security_stability": "1 0 0 0 0 0 1",
    "denied.third_party": "9 1 0 0 0 0 10",
    "denied.internal_affairs": "14 0 0 0 1 0 15",
    "denied.process_info": "23 2 0 0 0 0 25",
    "denied.enforcement_file": "6 0 0 0 0 0 6",
    "denied.administrative_query": "11 0 0 0 0 0 11",
    "unavailable.not_held": "402 12 1 0 3 2 420",
    "unavailable.needs_creation": "37 1 0 0 0 0 38",
    "unavailable.still_unclear": "22 0 0 0 1 0 23",
    "not_processed.petition": "45 1 0 0 0 0 46",
    "not_processed.repeated": "19 0 0 0 0 1 20",
    "not_processed.publication": "3 0 0 0 0 0 3",
    "not_processed.excessive": "2 0 0 0 0 0 2",
    "not_processed.confirmation": "8 0 0 0 0 0 8",
    "other.no_correction": "31 2 0 0 1 0 34",
    "other.unpaid_fee": "0 0 0 0 0 0 0",
    "other.other": "12 1 0 0 0 0 13",
    "total": "1442 45 2 1 14 8 1512",
    "carried_forward": "58 2 0 0 1 0 61",
}


def huaian_report() -> Report:
    """The 淮安 2024 fixture's report: a generated report with the hand-written table 三."""
    import random

    from xxgk.model import Cell
    from xxgk.synth.reports import make_report

    report = make_report(random.Random(2024), "2021", 2024, "淮安市人民政府")
    table = report.table("requests")
    for row, printed in HUAIAN_REQUESTS.items():
        for column, raw in zip(
            (c.key for c in form.REQUESTS_COLUMNS), printed.split(), strict=True
        ):
            table.set(row, column, Cell(raw, int(raw)))
    report.sections[
        0
    ].text = "2024年，淮安市人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请1508件。"
    return report


def write_fixtures(folder: str) -> None:
    """Regenerate the generated fixtures: ``python tests/formatgen.py tests/fixtures/formats``."""
    from pathlib import Path

    out = Path(folder)
    (out / "huaian-2024-requests.pdf").write_bytes(to_pdf(huaian_report(), first_page=5))


if __name__ == "__main__":
    import sys

    write_fixtures(sys.argv[1])
