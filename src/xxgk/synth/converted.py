"""Layouts seen in real published reports that the seeds do not show (issue 10).

``write(report, layout)`` prints ``report`` as text the way a converter or a real
template left it; the extractor must read every cell back (tests/test_real_layouts.py):

* ``pipe_lines``  — a web-page-to-text converter: each cell on its own line, a line
  holding only ``|`` between every two cells (rows too), long header cells broken over
  two lines inside the cell (``商业`` / ``企业``), an empty cell as nothing between two
  separators, the table's last cell closed by one;
* ``interleaved`` — PDF text whose vertical group cells (``三、本年度办理结果``,
  ``（三）不予公开`` …, printed one character per line) land inside the row labels
  beside them: ``三（一）予以公开``, ``办理1.属于国家秘密``; a label wrapped in its cell
  gets a group character mixed into its second line (``形，不年计其他情形）``);
* ``typos``       — labels with one character dropped or doubled
  (``2.其他法律行政止公开``), numbered as the form numbers them;
* ``no_title``    — no title: the agency and year only in the opening sentence, in the
  phrasings of :data:`OPENINGS` (``seed`` picks one; some name the agency only as 我局),
  and for odd seeds a page's ``索引号 / 发布机构 / 发布日期`` block above it;
* ``pdftotext_layout`` — ``pdftotext -layout``: table 三's cells centred in fixed columns
  after labels of varying width, an empty cell only a wider gap, long labels wrapped in
  their cell with the numbers beside the second of three lines;
* ``other_2019``  — a 2021-edition report whose table 三 prints the 2019 single
  ``（六）其他处理`` row (the sum of the three 2021 sub-rows) instead of the sub-rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from xxgk import form
from xxgk.model import Cell, Report, Table
from xxgk.synth import layouts
from xxgk.synth.layouts import Row

LAYOUTS: tuple[str, ...] = (
    "pipe_lines",
    "interleaved",
    "typos",
    "other_2019",
    "no_title",
    "pdftotext_layout",
)
# How reports without a title present themselves: (sentence, whether it names the agency).
OPENINGS: tuple[tuple[str, bool], ...] = (
    (
        "根据《中华人民共和国政府信息公开条例》规定，现公布{agency}{year}年政府信息公开工作年度报告。",
        True,
    ),
    ("现将{agency}{year}年度政府信息公开工作报告如下：", True),
    ("{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。", True),
    (
        "根据《中华人民共和国政府信息公开条例》要求，现公布我局{year}年政府信息公开工作年度报告。",
        False,
    ),
    ("特向社会公布{year}年度本机关政府信息公开工作年度报告。", False),
)
_BREAK_AT = 4  # header cells this long are printed over two lines


def write(report: Report, layout: str, seed: int = 0) -> str:
    """``report`` printed in one of :data:`LAYOUTS` (``seed`` picks the typos)."""
    if layout == "pipe_lines":
        return _write_pipe_lines(report)
    if layout == "interleaved":
        return _write_pdf(report, _interleave)
    if layout == "typos":
        rng = random.Random(seed)
        return _write_pdf(report, lambda rows: _misspell(rows, rng))
    if layout == "other_2019":
        return _write_pdf(report, _single_other)
    if layout == "no_title":
        return _write_no_title(report, seed)
    if layout == "pdftotext_layout":
        return _write_pdf(report, lambda rows: rows, _aligned)
    raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")


def with_empty_cells(report: Report, rng: random.Random, count: int = 4) -> dict:
    """Blank ``count`` zero-valued requests cells of ``report`` (printed as nothing);
    returns ``{(table, row, column)}`` of the blanked cells."""
    table = report.tables["requests"]
    assert table is not None
    zeros = [(r, c) for r, c, cell in table.cells() if cell.value == 0]
    picked = rng.sample(zeros, min(count, len(zeros)))
    for row, column in picked:
        table.set(row, column, Cell("", None))
    return {("requests", r, c): True for r, c in picked}


# --------------------------------------------------------------------------- pipe lines


def _broken(cell: str) -> list[str]:
    if len(cell) < _BREAK_AT or cell[0] in "0123456789-":
        return [cell]
    half = (len(cell) + 1) // 2
    return [cell[:half], cell[half:]]


def _pipe_lines_table(rows: list[tuple[str, Row]]) -> list[str]:
    out: list[str] = []
    for kind, cells in rows:
        for cell in cells:
            if out:
                out.append("|")
            out += _broken(cell) if kind in ("header", "block") else [cell] if cell else []
    return [*out, "|"]  # the last cell closed too (else an empty last cell is not printed)


def _write_pipe_lines(report: Report) -> str:
    lines = [*layouts._front(report, True), *layouts._body(report, _pipe_lines_table)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- PDF-like text


def _spaced(rows: list[tuple[str, Row]]) -> list[str]:
    return [" ".join(c for c in cells if c) for _, cells in rows]


def _write_pdf(
    report: Report,
    rewrite: Callable[[list[tuple[str, Row]]], list[tuple[str, Row]]],
    requests_lines: Callable[[list[tuple[str, Row]]], list[str]] = _spaced,
):
    def table_lines(rows: list[tuple[str, Row]]) -> list[str]:
        if rows and rows[0][1] and rows[0][1][0] == form.REQUESTS_CORNER:
            return requests_lines(rewrite(rows))
        return _spaced(rows)

    lines = [*layouts._front(report, True), *layouts._body(report, table_lines)]
    return "\n".join(lines) + "\n"


def _group_of(cells: Row) -> tuple[str | None, Row]:
    """``(group label, cells without it)`` of a printed table 三 row."""
    if len(cells) > 8:
        return cells[0], cells[1:]
    return None, cells


def _interleave(rows: list[tuple[str, Row]]) -> list[tuple[str, Row]]:
    """Each vertical group label's characters, one per row, stuck before the row labels
    beside it; 三、本年度办理结果 goes down the first column, a sub-group label beside it."""
    outer = list(form.REQUESTS_GROUPS[0].replace("、", "、"))  # 三、本年度办理结果
    out: list[tuple[str, Row]] = []
    inner: list[str] = []
    started = False
    for kind, cells in rows:
        group, rest = _group_of(cells)
        label = rest[0] if kind == "row" else ""
        if group == form.REQUESTS_GROUPS[0]:
            started = True
        elif group:
            inner = list(group)
        if kind != "row" or not started or label.startswith(("（七）", "四、")):
            out.append((kind, [group, *rest] if group and not started else rest))
            continue
        prefix = (outer.pop(0) if outer else "") + (inner.pop(0) if inner else "")
        if label.startswith("（二）"):
            head, tail = label[:19], label[19:]
            out.append((kind, [prefix + head, *rest[1:]]))
            out.append(("wrap", [tail[:3] + (outer.pop(0) if outer else "") + tail[3:]]))
            continue
        out.append((kind, [prefix + label, *rest[1:]]))
    return out


# --------------------------------------------------------------------------- pdftotext -layout

_LABEL_WIDTH, _CELL_WIDTH, _WRAP = 22, 6, 14


def _aligned(rows: list[tuple[str, Row]]) -> list[str]:
    out: list[str] = []
    for kind, cells in rows:
        if kind != "row":
            out.append(" ".join(c for c in cells if c))
            continue
        group, rest = _group_of(cells)
        label = (group + " " if group else "") + rest[0]
        values = "".join(v.center(_CELL_WIDTH) for v in rest[1:])
        if len(label) > _LABEL_WIDTH:  # wrapped in its cell: the numbers beside the middle line
            head, middle, tail = label[:_WRAP], label[_WRAP : 2 * _WRAP], label[2 * _WRAP :]
            out += ["  " + head, "  " + middle.ljust(_LABEL_WIDTH) + values]
            out += ["  " + tail] if tail else []
        else:
            out.append("  " + label.ljust(_LABEL_WIDTH) + values)
    return out


# --------------------------------------------------------------------------- typos


def _misspell(rows: list[tuple[str, Row]], rng: random.Random) -> list[tuple[str, Row]]:
    """One character dropped or doubled inside each numbered sub-row label (never one of its
    last two characters — that is a label cut short — and never doubling a character of a
    group label, which reads as an interleaved group label)."""
    group_chars = set("".join(form.REQUESTS_GROUPS))
    out: list[tuple[str, Row]] = []
    for kind, cells in rows:
        group, rest = _group_of(cells)
        label = rest[0] if kind == "row" else ""
        if kind == "row" and label[:1].isdigit() and label[1:2] == "." and len(label) > 6:
            inside = [i for i in range(3, len(label) - 2) if "\u4e00" <= label[i] <= "\u9fff"]
            at = rng.choice(inside)  # a character, not punctuation (quotes are not matched)
            if rng.random() < 0.5 or label[at] in group_chars:
                label = label[:at] + label[at + 1 :]
            else:
                label = label[:at] + label[at] + label[at:]
            rest = [label, *rest[1:]]
        out.append((kind, [group, *rest] if group else rest))
    return out


# --------------------------------------------------------------------------- one 2019 （六）


def _single_other(rows: list[tuple[str, Row]]) -> list[tuple[str, Row]]:
    """The three 2021 （六） sub-rows replaced by the 2019 row holding their sums."""
    sub = [form.row_label("requests", k) for k in ("other.no_correction", "other.unpaid_fee")]
    sub.append(form.row_label("requests", "other.other"))
    out: list[tuple[str, Row]] = []
    summed: list[int] | None = None
    for kind, cells in rows:
        group, rest = _group_of(cells)
        if kind == "row" and rest[0] in sub:
            values = [int(v) for v in rest[1:]]
            summed = (
                values if summed is None else [a + b for a, b in zip(summed, values, strict=True)]
            )
            if rest[0] == sub[-1]:
                out.append(("row", [form.OTHER_GROUP, *(str(v) for v in summed)]))
            continue
        out.append((kind, [group, *rest] if group else rest))
    return out


def summed_other(table: Table) -> dict[str, int]:
    """The 2019 ``other`` row a 2021 table 三 prints in :func:`_single_other`."""
    return {
        c.key: sum(int(table.value(k, c.key) or 0) for k in _OTHER_KEYS)
        for c in form.REQUESTS_COLUMNS
    }


_OTHER_KEYS = ("other.no_correction", "other.unpaid_fee", "other.other")


# --------------------------------------------------------------------------- no title


def page_block(report: Report) -> str:
    """The 索引号 block a government web page prints above an article."""
    year = (report.meta.year or 2019) + 1
    return (
        f"索引号：000000000/{year}-00012　发布机构：{report.meta.agency}　"
        f"发布日期：{year}-01-2{year % 10}"
    )


def _write_no_title(report: Report, seed: int) -> str:
    opening, _named = OPENINGS[seed % len(OPENINGS)]
    front = [opening.format(agency=report.meta.agency, year=report.meta.year)]
    if seed % 2:
        front = ["首页 > 政务公开 > 年度报告", page_block(report), "", *front]
    body = layouts._body(
        report, lambda rows: [" ".join(c for c in cells if c) for _, cells in rows]
    )
    return "\n".join([*front, *body]) + "\n"
