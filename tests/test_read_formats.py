"""One report, four published formats, identical cells and findings (property test)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xxgk
from formatgen import to_docx, to_html, to_pdf, to_text
from xxgk import form
from xxgk.model import Cell, Report
from xxgk.read import read_bytes
from xxgk.synth.reports import make_report

WRITERS = {
    "text": lambda r: to_text(r),
    "html": lambda r: to_html(
        r, blank="&nbsp;", charset="utf-8", encoding="gb18030"
    ),  # GBK page, lying meta
    "docx": to_docx,
    "pdf": to_pdf,
}


def _cells(report: Report) -> dict:
    return {
        (t, row, col): (c.raw, c.value)
        for t, tab in report.tables.items()
        if tab
        for row, col, c in tab.cells()
    }


def _damage(report: Report, rng: random.Random, kind: str) -> None:
    """Make the report wrong the way published reports are: a mistyped or a blank cell."""
    row, column = rng.choice(form.cell_keys("requests", report.table("requests").edition))
    cell = report.table("requests").cell(row, column)
    if kind == "typo":
        report.table("requests").set(row, column, Cell(str(cell.value + 1), cell.value + 1))
    elif kind == "blank":
        report.table("requests").set(row, column, Cell("", None))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    edition=st.sampled_from(form.EDITIONS),
    damage=st.sampled_from(["none", "typo", "blank"]),
)
def test_same_report_in_every_format_parses_to_identical_cells_and_findings(seed, edition, damage):
    rng = random.Random(seed)
    report = make_report(rng, edition)
    _damage(report, rng, damage)
    parsed = {
        name: xxgk.parse(write(report), name=f"report.{name}") for name, write in WRITERS.items()
    }
    expected = _cells(report)
    for name, got in parsed.items():
        assert got.meta.format == ("text" if name == "text" else name)
        assert _cells(got) == expected, name
    rule_ids = {name: sorted(f.rule for f in got.findings) for name, got in parsed.items()}
    assert len({tuple(ids) for ids in rule_ids.values()}) == 1, rule_ids
    if damage == "typo":
        assert any(r.startswith("requests-") for r in rule_ids["text"])


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10**6), edition=st.sampled_from(form.EDITIONS))
def test_html_docx_and_pdf_readers_give_the_same_grid(seed, edition):
    report = make_report(random.Random(seed), edition)

    def grid(data: bytes, name: str):
        doc = read_bytes(data, name)
        return [
            [(c.text, c.span) for c in line.cells] for line in doc.lines if line.cells is not None
        ]

    html = grid(WRITERS["html"](report), "r.html")
    assert html == grid(to_docx(report), "r.docx")
    assert html == grid(to_pdf(report), "r.pdf")
    assert len(html) == sum(len(rows) for kind, _n, rows in _layout(report) if kind == "table")


def _layout(report):
    from formatgen import layout

    return layout(report)


def test_findings_show_where_the_cell_was_printed_in_each_format():
    report = make_report(random.Random(5), "2021")
    cell = report.table("requests").cell("granted", "natural_person")
    report.table("requests").set(
        "granted", "natural_person", Cell(str(cell.value + 7), cell.value + 7)
    )
    where = {}
    for name in ("html", "docx", "pdf", "text"):
        parsed = xxgk.parse(WRITERS[name](report), name=f"report.{name}")
        f = next(f for f in parsed.findings if f.rule == "requests-row-total")
        where[name] = f.source.describe()
    assert where["pdf"] == "第1页"  # table 三 starts on page 1 and is broken before （四）
    assert where["html"] == where["docx"]
    assert where["html"].startswith("表格2第6行")  # header rows 1–3, 一 二, then （一）予以公开
    assert where["text"].startswith("第") and where["text"].endswith("行")
