"""Print a Report as text in the layouts real reports reach us in (the four seeds + PDF text).

Used by the extractor's round-trip property tests and by the parse benchmark:
``write(report, layout)`` → text that :func:`xxgk.parse` must read back to the same
cells. Layouts (see ../shared/spec/layouts.md):

* ``tab``       — tab-separated rows, group labels sharing the first sub-row's line, a
  label wrapped onto the next line (``3.危及“三安全一稳”`` … ``定”``), a title line (seed 000);
* ``pipe_traditional`` — one cell per line ending ``` |```, spans as ``| ||||``, traditional
  characters with pinyin glosses, no title (seed 002);
* ``word``      — a tab before every cell, one cell per line, a blank line between rows,
  header cells broken over two lines, the title over two lines (seed 003);
* ``pipe``      — one cell per line, half-width punctuation, ``|||`` fillers, no title:
  agency and year in the first paragraph (seed 004);
* ``pdf``       — PDF text: cells of a row separated by spaces, page markers ``- 5 -``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

from xxgk import form
from xxgk.model import Report, Table

LAYOUTS: tuple[str, ...] = ("tab", "pipe_traditional", "word", "pipe", "pdf")

Row = list[str]  # printed cells of one table row (labels included)

_GLOSSES = {
    "據": "jù",
    "數": "shù",
    "規": "guī",
    "發": "fā",
    "現": "xiàn",
    "網": "wǎng",
    "統": "tǒng",
    "內": "nèi",
}


# --------------------------------------------------------------------------- tables as rows


def _values(table: Table | None, row: str, columns) -> list[str]:
    if table is None:
        return ["" for _ in columns]
    return [(c.raw if (c := table.cell(row, col.key)) is not None else "") for col in columns]


def active_rows(report: Report) -> list[tuple[str, Row]]:
    """``(kind, cells)`` rows of table 二: kind is ``block``, ``header`` or ``row``."""
    table = report.table("active")
    edition = (table.edition if table else None) or report.meta.edition or "2019"
    out: list[tuple[str, Row]] = []
    for block in form.active_blocks(edition):
        out.append(("block", [block.label]))
        out.append(("header", [block.header, *(c.label for c in block.columns)]))
        for r in block.rows:
            out.append(("row", [r.label, *_values(table, r.key, block.columns)]))
    return out


def requests_rows(report: Report) -> list[tuple[str, Row]]:
    """Rows of table 三: headers, then each row with the group label it opens."""
    table = report.table("requests")
    edition = (table.edition if table else None) or report.meta.edition or "2019"
    cols = form.REQUESTS_COLUMNS
    out: list[tuple[str, Row]] = [
        ("header", [form.REQUESTS_CORNER, form.APPLICANT_GROUP]),
        ("header", [cols[0].label, form.LEGAL_PERSON_GROUP, cols[-1].label]),
        ("header", [c.label for c in cols[1:-1]]),
    ]
    seen: set[str | None] = set()
    for r in form.rows("requests", edition):
        group = r.group if r.group not in seen and r.key != "other" else None
        seen.add(r.group)
        cells = [r.label, *_values(table, r.key, cols)]
        out.append(("row", [group, *cells] if group else cells))
    return out


def appeals_rows(report: Report) -> list[tuple[str, Row]]:
    table = report.table("appeals")
    cols = [c.label for c in form.APPEALS_COLUMNS]
    data = [v for r in form.APPEALS_ROWS for v in _values(table, r.key, form.APPEALS_COLUMNS)]
    return [
        ("header", [form.REVIEW, form.LAWSUIT]),
        ("header", [*cols, form.APPEALS_ROWS[1].label, form.APPEALS_ROWS[2].label]),
        ("header", cols * 2),
        ("data", data),
    ]


_TABLE_ROWS: dict[str, Callable[[Report], list[tuple[str, Row]]]] = {
    "active": active_rows,
    "requests": requests_rows,
    "appeals": appeals_rows,
}


# --------------------------------------------------------------------------- the report


def _front(report: Report, titled: bool, two_line_title: bool = False) -> list[str]:
    agency, year = report.meta.agency or "示例机关", report.meta.year or 2019
    if titled:
        title = f"{year}年度政府信息公开工作年度报告"
        return [agency, title, ""] if two_line_title else [f"{agency}{title}", ""]
    return [
        f"根据《中华人民共和国政府信息公开条例》要求，{agency}高度重视，安排专人编制本报告。"
        f"本报告中所列数据的统计时限为{year}年1月1日至{year}年12月31日。"
    ]


def _body(report: Report, table_lines: Callable[[list[tuple[str, Row]]], list[str]]) -> list[str]:
    lines: list[str] = []
    for sec in form.SECTIONS:
        printed = report.section(sec.key)
        lines.append(printed.title if printed else sec.heading)
        if sec.table:
            lines += table_lines(_TABLE_ROWS[sec.table](report))
        elif printed and printed.text:
            lines += printed.text.split("\n")
    return lines


def write(report: Report, layout: str) -> str:
    """``report`` printed as text in ``layout`` (one of :data:`LAYOUTS`)."""
    try:
        writer = _WRITERS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}") from None
    return writer(report)


# --------------------------------------------------------------------------- tab (seed 000)


def _tab_table(rows: list[tuple[str, Row]]) -> list[str]:
    out = []
    for kind, cells in rows:
        if kind == "block":
            out.append(cells[0] + "\t\t\t")
        elif kind == "row" and cells[0] == form.row_label("requests", "denied.security_stability"):
            out += [cells[0][:-2] + "”\t\t" + "\t".join(cells[1:]) + "\t", "", "\t定”" + "\t" * 7]
        elif kind == "row" and cells[0] == form.row_label("requests", "total"):
            out.append(
                cells[0] + "\t\t" + "\t".join(cells[1:])
            )  # an empty span cell after the label
        else:
            out.append("\t".join(cells) + ("\t" if kind == "row" and len(cells) % 2 else ""))
    return out


def _write_tab(report: Report) -> str:
    return "\n".join(["", *_front(report, True), *_body(report, _tab_table)]) + "\n"


# --------------------------------------------------------------------------- pipes (seeds 002, 004)


def _pipe_table(rows: list[tuple[str, Row]], fillers: bool) -> list[str]:
    out = []
    for kind, cells in rows:
        if kind == "block":
            out += [cells[0] + " |", "|||"] if fillers else [cells[0] + " | ||||"]
            continue
        lines = [(c + " |") if c else "|" for c in cells]
        if fillers:
            lines.append("||" if kind == "row" else "|||||")
        else:
            lines[-1] = lines[-1] + " ||"
        out += lines
    return out


def _half_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("“", '"').replace("”", '"') if text else text


def _write_pipe(report: Report) -> str:
    lines = [*_front(report, False), *_body(report, lambda rows: _pipe_table(rows, True))]
    return "\n".join(_half_width(line) for line in lines) + "\n"


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _gloss(text: str) -> str:
    return "".join(f"{ch}({_GLOSSES[ch]})" if ch in _GLOSSES else ch for ch in text)


def _write_pipe_traditional(report: Report) -> str:
    lines = [*_front(report, False), *_body(report, lambda rows: _pipe_table(rows, False))]
    text = _s2t().convert("\n".join(lines))
    return "\n".join(_gloss(line) for line in text.split("\n")) + "\n"


# --------------------------------------------------------------------------- Word text (seed 003)


def _word_table(rows: list[tuple[str, Row]]) -> list[str]:
    out = []
    for kind, cells in rows:
        for c in cells:
            if kind == "header" and c.startswith("本年新") and len(c) > 3:
                out += ["\t" + c[:3], c[3:]]  # a header cell broken over two lines
            else:
                out.append("\t" + c)
        out += ["", "\t"] if kind == "row" else [""]
    return out


def _write_word(report: Report) -> str:
    body = _body(report, _word_table)
    if len(body) > 1:
        body[1] = "[bookmark: _GoBack]" + body[1]
    return "\n".join([*_front(report, True, two_line_title=True), *body]) + "\n"


# --------------------------------------------------------------------------- PDF text


def _pdf_table(rows: list[tuple[str, Row]]) -> list[str]:
    return [" ".join(c for c in cells if c) for _, cells in rows]


def _write_pdf(report: Report) -> str:
    lines = [*_front(report, True), *_body(report, _pdf_table)]
    out = []
    for i, line in enumerate(lines, 1):
        out.append(line)
        if i % 25 == 0:
            out.append(f"- {i // 25} -")
    return "\n".join(out) + "\n"


_WRITERS: dict[str, Callable[[Report], str]] = {
    "tab": _write_tab,
    "pipe_traditional": _write_pipe_traditional,
    "word": _write_word,
    "pipe": _write_pipe,
    "pdf": _write_pdf,
}
