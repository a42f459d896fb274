"""One self-contained HTML page in the form's layout, for a government website.

Semantic tables with ``rowspan``/``colspan`` from :mod:`xxgk.render.layout`, inline CSS
with a print stylesheet (A4), and every text from the data escaped. The ``<head>``
records the generator and the data checksum in ``<meta>`` tags (nothing visible, so the
page reads back exactly as the data).
"""

from __future__ import annotations

from html import escape

from xxgk.model import Report
from xxgk.render import content, layout

CSS = """
body { font-family: "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC",
       "Source Han Serif SC", serif; font-size: 16pt; line-height: 1.8; max-width: 60em;
       margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-family: "方正小标宋简体", "小标宋", "宋体", "SimSun", "Noto Serif CJK SC", serif;
     font-size: 22pt; text-align: center; font-weight: normal; line-height: 1.5; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
     font-size: 16pt; font-weight: normal; margin: 1.2em 0 0.4em; }
p { text-indent: 2em; margin: 0 0 0.2em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em;
        font-family: "宋体", "SimSun", "Noto Serif CJK SC", serif; font-size: 10.5pt; line-height: 1.4; }
th, td { border: 1px solid #000; padding: 0.25em 0.4em; }
th { font-weight: normal; text-align: center; }
th.label { text-align: left; }
td { text-align: center; min-width: 2.5em; }
th.vertical { writing-mode: vertical-rl; text-orientation: upright; letter-spacing: 0.2em; }
@media print {
  @page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
  body { max-width: none; margin: 0; padding: 0; }
  table { page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def render(report: Report, **_options) -> bytes:
    """The whole page as UTF-8 bytes."""
    return page(report).encode("utf-8")


def page(report: Report) -> str:
    title = escape(content.title(report))
    body = [f"<h1>{title}</h1>"]
    for part in content.parts(report):
        body.append(f"<h2>{escape(part.heading)}</h2>")
        body.extend(f"<p>{escape(p)}</p>" for p in part.paragraphs)
        if part.table is not None:
            body.append(table_html(report, part.table))
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="{content.GENERATOR} {escape(content.version())}">',
            f'<meta name="xxgk-data-sha256" content="{content.checksum(report)}">',
            f"<title>{title}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def table_html(report: Report, name: str) -> str:
    """One of the three tables; header rows in ``<thead>``, merged cells as spans."""
    data = report.table(name)
    grid = content.table_grid(report, name)
    rows = [_row_html(report, data, grid.row_cells(r)) for r in range(grid.n_rows)]
    head = "\n".join(rows[: grid.header_rows])
    body = "\n".join(rows[grid.header_rows :])
    thead = f"<thead>\n{head}\n</thead>\n" if head else ""
    return f'<table class="form-{name}">\n{thead}<tbody>\n{body}\n</tbody>\n</table>'


def _row_html(report: Report, data, cells) -> str:
    return "<tr>" + "".join(_cell_html(report, data, c) for c in cells) + "</tr>"


def _cell_html(report: Report, data, cell: layout.GridCell) -> str:
    spans = ""
    if cell.rowspan > 1:
        spans += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        spans += f' colspan="{cell.colspan}"'
    if cell.kind == layout.VALUE:
        assert cell.key is not None
        return f"<td{spans}>{escape(content.cell_text(report, data, cell.key))}</td>"
    if cell.kind == layout.BLANK:
        return f"<td{spans}></td>"
    css = "vertical" if cell.vertical else ("label" if cell.kind == layout.LABEL else "")
    attrs = f' class="{css}"' if css else ""
    scope = ' scope="row"' if cell.kind == layout.LABEL else ""
    return f"<th{spans}{attrs}{scope}>{escape(cell.text)}</th>"
