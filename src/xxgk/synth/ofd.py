"""A Report as a minimal valid OFD (GB/T 33190): A4 pages, text and ruled tables.

For tests of the OFD reader: ``write(report)`` → the bytes of an ``.ofd`` file holding
``OFD.xml``, ``Doc_0/Document.xml``, ``Doc_0/PublicRes.xml`` and one
``Doc_0/Pages/Page_N/Content.xml`` per page. The tables are the official layout
(:mod:`xxgk.render.layout`): every cell's border drawn as a closed ``PathObject``, every
line of text a ``TextObject`` with one ``TextCode`` and its ``DeltaX`` advances, long labels
wrapped inside their cells, a table that does not fit continued on the next page (a block of
rows under a merged cell is kept together). Units are millimetres, top-down, as in OFD.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from xxgk.model import Report
from xxgk.render import content, layout

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, WIDTH, BOTTOM = 20.0, 20.0, 170.0, 277.0
BODY, TITLE, CELL = 4.0, 5.5, 3.0  # font sizes (mm)
PAD = 0.8  # cell padding (mm)
_COLUMNS = {  # relative column widths of each table
    "active": (5, 2, 2, 2),
    "requests": (1.2, 1.6, 4.2) + (1.5,) * 7,
    "appeals": (1,) * 15,
}


def _width(ch: str, size: float) -> float:
    return size * (0.5 if ch.isascii() else 1.0)


def wrap(text: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (CJK breaks anywhere)."""
    lines, line, used = [], "", 0.0
    for ch in text:
        w = _width(ch, size)
        if line and used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    return [*lines, line] if line else lines


@dataclass
class _Page:
    objects: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self) -> None:
        self.pages: list[_Page] = [_Page()]
        self.y = TOP
        self.next_id = 1

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = TOP

    def text(self, x: float, top: float, line: str, size: float) -> None:
        advances = [_width(ch, size) for ch in line]
        width = sum(advances)
        delta = " ".join(f"{a:g}" for a in advances[:-1])
        self.pages[-1].objects.append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x:.3f} {top:.3f} {width:.3f} '
            f'{size * 1.2:.3f}" Font="2" Size="{size:g}">'
            f'<ofd:TextCode X="0" Y="{size:.3f}" DeltaX="{delta}">{escape(line)}</ofd:TextCode>'
            "</ofd:TextObject>"
        )

    def box(self, x: float, y: float, w: float, h: float) -> None:
        self.pages[-1].objects.append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{x:.3f} {y:.3f} {w:.3f} {h:.3f}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {w:.3f} 0 L {w:.3f} {h:.3f} '
            f"L 0 {h:.3f} C</ofd:AbbreviatedData></ofd:PathObject>"
        )

    def paragraph(self, text: str, size: float, centre: bool = False, indent: float = 0) -> None:
        lines = wrap(text, size, WIDTH - indent)
        for i, line in enumerate(lines):
            if self.y + size * 1.5 > BOTTOM:
                self.new_page()
            width = sum(_width(ch, size) for ch in line)
            x = LEFT + (WIDTH - width) / 2 if centre else LEFT + (indent if i == 0 else 0)
            self.text(x, self.y, line, size)
            self.y += size * 1.5
        self.y += size * 0.3

    def table(self, report: Report, name: str) -> None:
        data = report.table(name)
        grid = layout.grid(name, content.edition(report, data))
        weights = _COLUMNS[name]
        xs = [LEFT]
        for w in weights:
            xs.append(xs[-1] + WIDTH * w / sum(weights))
        texts = {(c.row, c.col): _cell_text(report, data, c) for c in grid.cells}
        heights = _row_heights(grid, xs, texts)
        r = 0
        while r < grid.n_rows:
            block = _block_end(grid, r)
            needed = sum(heights[r:block])
            if self.y + needed > BOTTOM and needed <= BOTTOM - TOP:
                self.new_page()
            self._rows(grid, xs, texts, heights, r, block)
            r = block
        self.y += BODY

    def _rows(self, grid, xs, texts, heights, first: int, end: int) -> None:  # noqa: ANN001
        """Rows ``first`` … ``end - 1``: every anchor cell's border and wrapped text."""
        tops = [self.y]
        for h in heights[first:end]:
            tops.append(tops[-1] + h)
        for cell in grid.cells:
            if not first <= cell.row < end:
                continue
            last = min(cell.row + cell.rowspan, end)
            x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
            y0, y1 = tops[cell.row - first], tops[last - first]
            self.box(x0, y0, x1 - x0, y1 - y0)
            for i, line in enumerate(wrap(texts[(cell.row, cell.col)], CELL, x1 - x0 - 2 * PAD)):
                self.text(x0 + PAD, y0 + PAD + i * CELL * 1.25, line, CELL)
        self.y = tops[-1]


def _cell_text(report: Report, data, cell: layout.GridCell) -> str:  # noqa: ANN001
    if cell.kind == layout.VALUE and cell.key is not None:
        return content.cell_text(report, data, cell.key)
    return cell.text


def _row_heights(grid: layout.Grid, xs: list[float], texts: dict) -> list[float]:
    """Each row tall enough for its cells' wrapped text; a merged cell's extra height goes
    to its last row."""
    heights = [CELL * 1.25 + 2 * PAD] * grid.n_rows
    for cell in sorted(grid.cells, key=lambda c: c.rowspan):
        width = xs[cell.col + cell.colspan] - xs[cell.col] - 2 * PAD
        lines = max(1, len(wrap(texts[(cell.row, cell.col)], CELL, width)))
        need = lines * CELL * 1.25 + 2 * PAD
        have = sum(heights[cell.row : cell.row + cell.rowspan])
        if need > have:
            heights[cell.row + cell.rowspan - 1] += need - have
    return heights


def _block_end(grid: layout.Grid, row: int) -> int:
    """The first row after the block starting at ``row``: rows under a merged cell that
    starts there stay together on one page."""
    end = row + 1
    changed = True
    while changed:
        changed = False
        for cell in grid.cells:
            if row <= cell.row < end and cell.row + cell.rowspan > end:
                end, changed = cell.row + cell.rowspan, True
    return end


def _content_xml(page: _Page) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="1">{"".join(page.objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def _document_xml(n_pages: int, max_id: int) -> str:
    pages = "".join(
        f'<ofd:Page ID="{max_id + i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
        for i in range(n_pages)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
        f"<ofd:CommonData><ofd:MaxUnitID>{max_id + n_pages}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}</ofd:PhysicalBox>"
        "</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
    )


def _ofd_xml(title: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
        'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID>'
        f"<ofd:Title>{escape(title)}</ofd:Title><ofd:Creator>{escape(content.GENERATOR)}"
        "</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
        "</ofd:DocBody></ofd:OFD>"
    )


_PUBLIC_RES = (
    f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
    '<ofd:Fonts><ofd:Font ID="2" FontName={0} FamilyName={0}/></ofd:Fonts></ofd:Res>'
).format(quoteattr("宋体"))


def write(report: Report) -> bytes:
    """The report as OFD bytes."""
    w = _Writer()
    w.paragraph(content.title(report), TITLE, centre=True)
    for part in content.parts(report):
        w.paragraph(part.heading, BODY)
        for text in part.paragraphs:
            w.paragraph(text, BODY, indent=2 * BODY)
        if part.table is not None:
            w.table(report, part.table)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", _ofd_xml(content.title(report)))
        z.writestr("Doc_0/Document.xml", _document_xml(len(w.pages), w.next_id))
        z.writestr("Doc_0/PublicRes.xml", _PUBLIC_RES)
        for i, page in enumerate(w.pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", _content_xml(page))
    return buf.getvalue()
