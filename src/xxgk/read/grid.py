"""Grids shared by the table-aware readers (HTML, DOCX, PDF, OCR).

Every reader that knows a table's structure emits one :class:`~xxgk.document.Line`
per printed row, each merged cell **once** (at its first row and column, with
``span``) and empty cells as ``Fragment("")``. This module places spanned cells
on a grid (so each cell knows its grid column) and joins text that a layout
broke inside one cell.

Joining broken text: a label broken by ``<br>``, by a second paragraph in a Word
cell or by a line wrap in a PDF cell (``本年新`` / ``制作数量``; ``三、`` / ``本`` /
``年`` …) is joined with **nothing** when either side of the break is CJK — that is
how it was printed — and with one space otherwise, so ``12`` / ``34`` never become
``1234``.
"""

from __future__ import annotations

from collections.abc import Iterable

from xxgk.document import Fragment, Line
from xxgk.model import Source

MAX_SPAN = 1000  # a colspan/rowspan above this is a broken page, not a report


def is_cjk(ch: str) -> bool:
    """CJK ideographs, CJK punctuation and full-width forms (no space between them)."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def join_broken(parts: Iterable[str]) -> str:
    """Join pieces of one cell's text broken across lines (see module docstring)."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(part[0])):
            out += " "
        out += part
    return out


def row_line(cells: list[Fragment], source: Source) -> Line:
    """A grid row as a Line; ``text`` holds the cells tab-separated for plain-text use."""
    return Line("\t".join(c.text for c in cells), source, cells)


class GridPlacer:
    """Places the cells of successive rows on a grid, honouring rowspan/colspan.

    ``place(rowspan, colspan)`` returns the grid column of the next cell of the
    current row, skipping columns still covered by a rowspan from above.
    """

    def __init__(self, n_rows: int | None = None) -> None:
        self._covered: dict[tuple[int, int], bool] = {}
        self._row = -1
        self._col = 0
        self._n_rows = n_rows

    def next_row(self, skip: int = 0) -> int:
        self._row += 1
        self._col = skip
        return self._row

    def place(self, rowspan: int, colspan: int) -> tuple[int, tuple[int, int]]:
        """``(grid column, clamped span)`` of the next cell in the current row."""
        while self._covered.get((self._row, self._col)):
            self._col += 1
        rowspan = max(1, min(rowspan, MAX_SPAN))
        colspan = max(1, min(colspan, MAX_SPAN))
        if self._n_rows is not None:
            rowspan = min(rowspan, max(1, self._n_rows - self._row))
        col = self._col
        for r in range(self._row + 1, self._row + rowspan):
            for c in range(col, col + colspan):
                self._covered[(r, c)] = True
        self._col += colspan
        return col, (rowspan, colspan)


def parse_span(value: str | None) -> int:
    """An HTML span attribute → a positive int (bad or zero values count as 1)."""
    if not value:
        return 1
    digits = "".join(ch for ch in value.strip() if ch.isdigit())
    try:
        n = int(digits[:6]) if digits else 1
    except ValueError:
        return 1
    return max(1, min(n, MAX_SPAN))
