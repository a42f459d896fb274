"""Markdown (pipe tables) and plain text (tab-separated rows) for quick review.

Neither format can merge cells: a merged cell prints its text in its first position
and leaves the positions it covers empty — the ``| ||`` shape real exports have.
The provenance stamp (xxgk version, data checksum) is the first line, before the title,
so it never runs into the last section's text. Every text taken from the report is HTML-escaped
in Markdown (``<script>`` prints as text, never as markup a viewer would run).
"""

from __future__ import annotations

import html

from xxgk.model import Report
from xxgk.render import content, layout


def render(report: Report, *, flavour: str = "md", **_options) -> bytes:
    text = markdown(report) if flavour == "md" else plain_text(report)
    return text.encode("utf-8")


def grid_rows(report: Report, name: str) -> list[list[str]]:
    """The table as rows of texts, one per grid position."""
    data = report.table(name)
    grid = content.table_grid(report, name)
    rows = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    for cell in grid.cells:
        if cell.kind == layout.VALUE:
            assert cell.key is not None
            rows[cell.row][cell.col] = content.cell_text(report, data, cell.key)
        else:
            rows[cell.row][cell.col] = cell.text
    return rows


def escape(text: str) -> str:
    """Report text as Markdown text: no raw HTML (``<``, ``>``, ``&`` as entities)."""
    return html.escape(text, quote=False)


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(escape(c).replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def markdown_table(report: Report, name: str) -> list[str]:
    rows = grid_rows(report, name)
    separator = "|" + "|".join("---" for _ in rows[0]) + "|"
    return [_pipe(rows[0]), separator, *(_pipe(r) for r in rows[1:])]


def markdown(report: Report) -> str:
    lines = [f"<!-- {content.stamp(report)} -->", "", f"# {escape(content.title(report))}", ""]
    for part in content.parts(report):
        lines += [f"## {escape(part.heading)}", ""]
        for p in part.paragraphs:
            lines += [escape(p), ""]
        if part.table is not None:
            lines += [*markdown_table(report, part.table), ""]
    return "\n".join(lines) + "\n"


def plain_text(report: Report) -> str:
    lines = [f"（{content.stamp(report)}）", "", content.title(report), ""]
    for part in content.parts(report):
        lines += [part.heading, ""]
        for p in part.paragraphs:
            lines += [p, ""]
        if part.table is not None:
            lines += ["\t".join(r) for r in grid_rows(report, part.table)]
            lines.append("")
    return "\n".join(lines) + "\n"
