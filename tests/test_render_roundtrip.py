"""Render → xxgk.parse → the same report: every cell (value and raw), meta, section text.

Random valid reports of both editions (hypothesis) for DOCX, HTML, text and Markdown;
PDF (LibreOffice, ~2 s each) for a few fixed seeds; and the four real seed reports.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xxgk
from xxgk import form
from xxgk.synth.reports import make_report

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def cell_differences(original, back) -> list:
    out = []
    for name in form.TABLES:
        want, got = original.table(name), back.table(name)
        if want is None:
            if got is not None:
                out.append((name, "printed although the report has no such table"))
            continue
        if got is None:
            out.append((name, "missing"))
            continue
        for row, column, cell in want.cells():
            printed = got.cell(row, column)
            if printed is None or (printed.raw, printed.value) != (cell.raw, cell.value):
                out.append((name, row, column, cell.raw, printed and printed.raw))
    return out


def meta_of(report) -> tuple:
    return (report.meta.agency, report.meta.year, report.meta.edition)


def texts(report, squeeze: bool = False) -> dict[str, str]:
    out = {s.key: s.text for s in report.sections}
    return {k: re.sub(r"\s+", "", v) for k, v in out.items()} if squeeze else out


def assert_same(original, back, squeeze: bool = False) -> None:
    assert cell_differences(original, back) == []
    assert meta_of(back) == meta_of(original)
    want, got = texts(original, squeeze), texts(back, squeeze)
    assert {k: got.get(k, "") for k in want} == want


def round_trip(report, fmt: str):
    data = xxgk.render(report, fmt, allow_errors=True)
    return xxgk.parse(data, name=f"report.{fmt}")


@pytest.mark.parametrize("fmt", ["docx", "html", "txt", "md"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), edition=st.sampled_from(form.EDITIONS))
def test_random_reports_round_trip(fmt, seed, edition):
    report = make_report(random.Random(seed), edition)
    back = round_trip(report, fmt)
    assert_same(report, back)
    assert [f for f in back.findings if f.severity == "error"] == []


def _seed_cases():
    for path in SEED_FILES:
        for fmt in ("docx", "html", "txt", "md"):
            yield pytest.param(path, fmt, id=f"{path.name[:3]}-{fmt}")


@pytest.mark.parametrize(("path", "fmt"), list(_seed_cases()))
def test_seed_reports_round_trip(path, fmt):
    assert len(SEED_FILES) == 4
    report = xxgk.parse(path)
    assert_same(report, round_trip(report, fmt))


PDF_CASES = [("2019", 1), ("2019", 2), ("2021", 1), ("2021", 2)]


def pdf_round_trips():
    """Fixed seeds of both editions and the four seed reports, each converted once."""
    for edition, seed in PDF_CASES:
        report = make_report(random.Random(seed), edition)
        yield f"{edition}-{seed}", report, round_trip(report, "pdf")
    for path in SEED_FILES:
        report = xxgk.parse(path)
        yield path.name[:3], report, round_trip(report, "pdf")


def test_pdf_round_trip():
    """Every cell of every table comes back from the LibreOffice PDF, and the text is all
    there: a PDF has lines, not paragraphs, so text is compared without whitespace."""
    done = 0
    for name, report, back in pdf_round_trips():
        assert cell_differences(report, back) == [], name
        assert back.meta.edition == report.meta.edition, name
        want, got = texts(report, squeeze=True), texts(back, squeeze=True)
        assert {k: got.get(k, "") for k in want} == want, name
        done += 1
    assert done == 8


def test_pdf_round_trip_meta_and_exact_text():
    report = make_report(random.Random(1), "2021")
    assert_same(report, round_trip(report, "pdf"))
