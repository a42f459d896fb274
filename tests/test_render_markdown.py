"""Markdown: pipe tables in the form's grid, headings, the stamp; spans leave cells empty."""

from __future__ import annotations

import xxgk
from render_support import sample
from xxgk import form
from xxgk.render import content


def test_markdown_tables_follow_the_grid():
    report = sample("2019")
    text = xxgk.render(report, "md").decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == f"<!-- xxgk {xxgk.__version__}; data sha256:{content.checksum(report)} -->"
    assert f"# {report.meta.title}" in lines
    assert [line[3:] for line in lines if line.startswith("## ")] == [
        s.heading for s in form.SECTIONS
    ]
    tables = [line for line in lines if line.startswith("|")]
    # 2019: active 18 rows, requests 26, appeals 4 — each plus one |---| separator
    assert len(tables) == 18 + 26 + 4 + 3
    requests = [line for line in tables if line.count("|") == 11]  # 10 columns
    assert len(requests) == 26 + 1
    # the vertical group label prints once, in the first outcome row; the rows below leave it empty
    granted = next(line for line in requests if "（一）予以公开" in line)
    assert granted.startswith("| 三、本年度办理结果 | （一）予以公开 |  | ")
    partial = next(line for line in requests if "（二）部分公开" in line)
    assert partial.startswith("|  | （二）部分公开")
    values = granted.split("|")[4:11]
    table = report.table("requests")
    assert [v.strip() for v in values] == [
        str(table.value("granted", c.key)) for c in form.REQUESTS_COLUMNS
    ]


def test_pipes_in_data_are_escaped():
    report = sample("2021")
    report.table("active").set("licensing", "decisions", xxgk.Cell("1|2", None))
    text = xxgk.render(report, "md", allow_errors=True).decode("utf-8")
    assert "| 行政许可 | 1\\|2 |  |  |" in text
