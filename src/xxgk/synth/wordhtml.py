"""A Report as Word's "save as web page" prints it, inside a government site's page template.

What makes these pages heavy (100–350 KB for one report) is reproduced, not the report:

* every paragraph a ``<p class=MsoNormal>`` with a long inline ``style``; text in
  ``<span>`` s per character run (Word starts a run at every change of script, font or
  revision: CJK, digits and punctuation in runs of a few characters, ``lang=EN-US`` on
  Latin/digit runs), ``<o:p></o:p>`` at paragraph ends;
* tables ``class=MsoNormalTable`` with ``mso-`` border styles on every ``<td>``, widths in
  ``width=`` and ``style``, merged cells as ``rowspan``/``colspan`` (the official layout of
  :mod:`xxgk.render.layout`), each cell's text in a paragraph of its own;
* the page: a navigation menu and footer of links around the article, the article inside a
  layout table (a table holding the report's tables: nested tables).

``page(report, rng, target_kb=200)`` → HTML text; ``target_kb`` pads the prose runs (more
revisions per run) to reach roughly that size. Deterministic for a seeded ``rng``.
"""

from __future__ import annotations

import random
from html import escape

from xxgk.model import Report
from xxgk.render import content, layout

_P_STYLE = (
    "margin-top:0cm;margin-right:0cm;margin-bottom:0cm;margin-left:0cm;"
    "text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly;"
    "mso-pagination:widow-orphan"
)
_TD_STYLE = (
    "border:solid windowtext 1.0pt;border-top:none;mso-border-top-alt:solid windowtext .5pt;"
    "mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"
)
_FONTS = ("仿宋_GB2312", "宋体", "黑体", "Times New Roman")
_MENU = ("首页", "机构概况", "政务公开", "政务服务", "互动交流", "专题专栏", "政府信息公开指南")


def _script(ch: str) -> str:
    if ch.isascii():
        return "latin"
    return "cjk"


def _runs(text: str, rng: random.Random, revisions: int) -> list[str]:
    """Text split where Word would start a new run: script changes, and random revisions."""
    runs: list[str] = []
    for ch in text:
        if runs and _script(runs[-1][-1]) == _script(ch) and rng.randrange(revisions + 1) == 0:
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs


_EXTRA = (
    "mso-ascii-font-family:&quot;Times New Roman&quot;",
    "mso-hansi-font-family:&quot;Times New Roman&quot;",
    "color:black",
    "mso-font-kerning:0pt",
    "mso-bidi-font-family:宋体",
    "mso-fareast-language:ZH-CN",
    "background:white",
    "mso-shading:white",
)


def _span(run: str, size: str, rng: random.Random, revisions: int = 0) -> str:
    font = rng.choice(_FONTS)
    lang = " lang=EN-US" if run.isascii() else ""
    extra = "".join(";" + p for p in _EXTRA[: min(len(_EXTRA), revisions)])
    return f"<span{lang} style='font-size:{size};font-family:{font}{extra}'>{escape(run)}</span>"


def _paragraph(text: str, rng: random.Random, revisions: int, size: str = "16.0pt") -> str:
    spans = "".join(_span(run, size, rng, revisions) for run in _runs(text, rng, revisions))
    return f"<p class=MsoNormal style='{_P_STYLE}'>{spans}<span lang=EN-US><o:p></o:p></span></p>"


def _cell(text: str, cell: layout.GridCell, rng: random.Random, revisions: int) -> str:
    width = 40 * cell.colspan
    spans = ""
    if cell.rowspan > 1:
        spans += f" rowspan={cell.rowspan}"
    if cell.colspan > 1:
        spans += f" colspan={cell.colspan}"
    runs = _runs(text, rng, revisions)
    inner = "".join(_span(run, "10.5pt", rng, revisions) for run in runs) if text else ""
    return (
        f"<td width={width}{spans} valign=center style='width:{width * 0.75:.1f}pt;{_TD_STYLE}'>"
        f"<p class=MsoNormal align=center style='text-align:center;line-height:15.0pt'>"
        f"{inner or '&nbsp;'}<span lang=EN-US><o:p></o:p></span></p></td>"
    )


def table_html(report: Report, name: str, rng: random.Random, revisions: int = 0) -> str:
    data = report.table(name)
    grid = layout.grid(name, content.edition(report, data))
    rows = []
    for r in range(grid.n_rows):
        cells = []
        for c in grid.row_cells(r):
            text = c.text
            if c.kind == layout.VALUE and c.key is not None:
                text = content.cell_text(report, data, c.key)
            cells.append(_cell(text, c, rng, revisions))
        rows.append(f"<tr style='mso-yfti-irow:{r};height:20.0pt'>{''.join(cells)}</tr>")
    return (
        "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=600 "
        "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
        "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _article(report: Report, rng: random.Random, revisions: int) -> str:
    out = [
        "<p class=MsoNormal align=center style='text-align:center'>"
        f"{_span(content.title(report), '22.0pt', rng)}</p>"
    ]
    for part in content.parts(report):
        out.append(_paragraph(part.heading, rng, revisions))
        out.extend(_paragraph(p, rng, revisions) for p in part.paragraphs)
        if part.table is not None:
            out.append(table_html(report, part.table, rng, revisions))
    return "\n".join(out)


def _chrome(links: tuple[str, ...]) -> str:
    items = "".join(f"<li><a href='/{i}.html'>{escape(t)}</a></li>" for i, t in enumerate(links))
    return f"<ul class=nav>{items}</ul>"


def page(report: Report, rng: random.Random, target_kb: int = 200) -> str:
    """The whole page; revisions per run are raised until the page reaches ``target_kb``."""
    revisions = 0
    while True:
        article = _article(report, random.Random(rng.random()), revisions)
        if len(article.encode("utf-8")) >= target_kb * 1024 * 0.9 or revisions > 40:
            break
        revisions += 1
    title = escape(content.title(report))
    return (
        "<html xmlns:v='urn:schemas-microsoft-com:vml' xmlns:o='urn:schemas-microsoft-com:office:office'>"
        f"<head><meta charset=utf-8><title>{title}</title>"
        "<style>p.MsoNormal{margin:0cm;text-align:justify;font-size:10.5pt;}</style></head>"
        "<body lang=ZH-CN style='tab-interval:21.0pt'>"
        f"<div class=header>{_chrome(_MENU)}</div>"
        "<table class=layout width=1000><tr><td class=side>"
        f"{_chrome(_MENU[::-1])}</td><td class=main>"
        f"<div class=WordSection1 style='layout-grid:15.6pt'>{article}</div>"
        "</td></tr></table>"
        f"<div class=footer>{_chrome(('网站地图', '联系我们', '版权声明'))}</div>"
        "</body></html>"
    )
