"""The form's three tables as grids of cells with row/column spans.

The official form merges header cells (the 3×3 corner of table 三, 申请人情况 over seven
columns, the vertical 三、本年度办理结果, table 四's two-level header …). This module
defines that structure once, from :mod:`xxgk.form`, so the DOCX, HTML, XLSX and
Markdown writers all print the same form. A :class:`Grid` lists each *anchor* cell
with its spans; positions a span covers hold no cell of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from xxgk import form

HEADER = "header"  # a printed column header or group header
LABEL = "label"  # a row label (or row-group label)
VALUE = "value"  # a value cell: ``key`` = (row, column)
BLANK = "blank"  # a cell the form leaves empty


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    kind: str
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    key: tuple[str, str] | None = None
    vertical: bool = False  # printed top-to-bottom (三、本年度办理结果)


@dataclass(frozen=True)
class Grid:
    table: str
    edition: str
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]
    header_rows: int = 0  # leading rows that repeat on each page

    def row_cells(self, row: int) -> tuple[GridCell, ...]:
        """The anchor cells that start on ``row``, left to right."""
        return tuple(c for c in self.cells if c.row == row)

    def values(self) -> tuple[GridCell, ...]:
        return tuple(c for c in self.cells if c.kind == VALUE)

    def covering(self) -> dict[tuple[int, int], GridCell]:
        """Map every grid position to the anchor cell that covers it."""
        out: dict[tuple[int, int], GridCell] = {}
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    out[(r, k)] = c
        return out


class _Builder:
    """Collects cells row by row; keeps the code below close to the form's drawing."""

    def __init__(self) -> None:
        self.cells: list[GridCell] = []
        self.row = 0

    def add(self, col: int, kind: str, text: str = "", **spans) -> None:
        self.cells.append(GridCell(self.row, col, kind, text, **spans))

    def value(self, col: int, row_key: str, col_key: str, colspan: int = 1) -> None:
        self.cells.append(GridCell(self.row, col, VALUE, key=(row_key, col_key), colspan=colspan))

    def next(self) -> None:
        self.row += 1

    def grid(self, table: str, edition: str, n_cols: int, header_rows: int = 0) -> Grid:
        return Grid(table, edition, self.row, n_cols, tuple(self.cells), header_rows)


# --------------------------------------------------------------------------- 二 active

ACTIVE_COLS = 4  # 信息内容 + at most three value columns


def _active_block(b: _Builder, block: form.Block) -> None:
    """One 第二十条 block: its title row, its header row, its value rows."""
    b.add(0, HEADER, block.label, colspan=ACTIVE_COLS)
    b.next()
    spans = _active_spans(block)
    b.add(0, HEADER, block.header)
    col = 1
    for column, span in zip(block.columns, spans, strict=True):
        b.add(col, HEADER, column.label, colspan=span)
        col += span
    _active_blank(b, col)
    b.next()
    for row in block.rows:
        b.add(0, LABEL, row.label)
        col = 1
        for column, span in zip(block.columns, spans, strict=True):
            b.value(col, row.key, column.key, colspan=span)
            col += span
        _active_blank(b, col)
        b.next()


def _active_spans(block: form.Block) -> tuple[int, ...]:
    """A single value column spans the three (2021 （五）（六）（八））; two columns leave the
    fourth cell empty, as the 2019 form prints （八） and （九）."""
    if len(block.columns) == 1:
        return (ACTIVE_COLS - 1,)
    return (1,) * len(block.columns)


def _active_blank(b: _Builder, col: int) -> None:
    if col < ACTIVE_COLS:
        b.add(col, BLANK, colspan=ACTIVE_COLS - col)


def _active_grid(edition: str) -> Grid:
    b = _Builder()
    for block in form.active_blocks(edition):
        _active_block(b, block)
    return b.grid("active", edition, ACTIVE_COLS)


# --------------------------------------------------------------------------- 三 requests

REQUESTS_LABEL_COLS = 3
REQUESTS_COLS = REQUESTS_LABEL_COLS + len(form.REQUESTS_COLUMNS)


def _requests_header(b: _Builder) -> None:
    """The three header rows: corner 3×3, 申请人情况, 自然人 / 法人或其他组织 / 总计."""
    n_values = len(form.REQUESTS_COLUMNS)
    b.add(0, HEADER, form.REQUESTS_CORNER, rowspan=3, colspan=REQUESTS_LABEL_COLS)
    b.add(3, HEADER, form.APPLICANT_GROUP, colspan=n_values)
    b.next()
    grouped = [c for c in form.REQUESTS_COLUMNS if c.group]
    col = REQUESTS_LABEL_COLS
    for column in form.REQUESTS_COLUMNS:
        if column.group is None:
            b.add(col, HEADER, column.label, rowspan=2)
        elif column is grouped[0]:
            b.add(col, HEADER, column.group, colspan=len(grouped))
        col += 1
    b.next()
    for column in grouped:
        b.add(REQUESTS_LABEL_COLS + form.REQUESTS_COLUMNS.index(column), HEADER, column.label)
    b.next()


def _requests_values(b: _Builder, row_key: str) -> None:
    for i, column in enumerate(form.REQUESTS_COLUMNS):
        b.value(REQUESTS_LABEL_COLS + i, row_key, column.key)


def _requests_results(b: _Builder, rows: list[form.Row]) -> None:
    """三、本年度办理结果: a vertical label over every outcome row, then each row's labels."""
    b.add(0, LABEL, form.RESULTS_GROUP, rowspan=len(rows), vertical=True)
    seen: set[str] = set()
    for row in rows:
        if row.group in (None, form.RESULTS_GROUP):
            b.add(1, LABEL, row.label, colspan=2)
        else:
            if row.group not in seen:
                span = sum(1 for r in rows if r.group == row.group)
                b.add(1, LABEL, row.group, rowspan=span)
                seen.add(row.group)
            b.add(2, LABEL, row.label)
        _requests_values(b, row.key)
        b.next()


def _requests_grid(edition: str, single_other: bool = False) -> Grid:
    b = _Builder()
    _requests_header(b)
    rows = list(form.rows("requests", edition))
    if single_other and edition == "2021":  # the 2019 （六）其他处理 row in place of its sub-rows
        at = next(i for i, r in enumerate(rows) if r.group == form.OTHER_GROUP)
        rows = [r for r in rows if r.group != form.OTHER_GROUP]
        rows.insert(at, next(r for r in form.REQUESTS_ROWS if r.key == "other"))
    results = [r for r in rows if r.group is not None]
    for row in rows:
        if row.group is None:
            b.add(0, LABEL, row.label, colspan=REQUESTS_LABEL_COLS)
            _requests_values(b, row.key)
            b.next()
        elif row is results[0]:
            _requests_results(b, results)
    return b.grid("requests", edition, REQUESTS_COLS, header_rows=3)


# --------------------------------------------------------------------------- 四 appeals


def _appeals_grid(edition: str) -> Grid:
    """行政复议 over five columns; 行政诉讼 over ten, split into 未经复议直接起诉 / 复议后起诉."""
    b = _Builder()
    n = len(form.APPEALS_COLUMNS)
    review, *lawsuits = form.APPEALS_ROWS
    b.add(0, HEADER, review.label, colspan=n)
    b.add(n, HEADER, form.LAWSUIT, colspan=n * len(lawsuits))
    b.next()
    for i, column in enumerate(form.APPEALS_COLUMNS):
        b.add(i, HEADER, column.label, rowspan=2)
    for j, row in enumerate(lawsuits):
        b.add(n * (j + 1), HEADER, row.label, colspan=n)
    b.next()
    for j in range(len(lawsuits)):
        for i, column in enumerate(form.APPEALS_COLUMNS):
            b.add(n * (j + 1) + i, HEADER, column.label)
    b.next()
    for j, row in enumerate(form.APPEALS_ROWS):
        for i, column in enumerate(form.APPEALS_COLUMNS):
            b.value(n * j + i, row.key, column.key)
    b.next()
    return b.grid("appeals", edition, n * len(form.APPEALS_ROWS), header_rows=3)


@cache
def grid(table: str, edition: str, single_other: bool = False) -> Grid:
    """The printed layout of ``table`` in ``edition``; ``single_other``: a 2021 table 三
    printing the 2019 edition's single （六）其他处理 row (``other``) for its three sub-rows."""
    if edition not in form.EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")
    if table == "requests":
        return _requests_grid(edition, single_other)
    build = {"active": _active_grid, "appeals": _appeals_grid}[table]
    return build(edition)
