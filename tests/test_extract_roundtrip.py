"""Round trip: a random valid report printed in each layout parses back to the same cells."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk import form
from xxgk.extract import extract
from xxgk.read.text import to_document
from xxgk.synth import make_report
from xxgk.synth.layouts import LAYOUTS, write


def _check_round_trip(seed: int, edition: str, layout: str) -> None:
    report = make_report(random.Random(seed), edition)
    got = extract(to_document(write(report, layout)))
    for name in form.TABLES:
        want, have = report.tables[name], got.tables[name]
        assert have is not None, name
        for row, column, cell in want.cells():
            printed = have.cell(row, column)
            assert printed is not None, (name, row, column)
            assert (printed.raw, printed.value) == (cell.raw, cell.value), (name, row, column)
        assert sum(len(c) for c in have.rows.values()) == sum(len(c) for c in want.rows.values())
    assert got.tables["active"].edition == edition
    assert set(got.tables["active"].blocks.values()) == {edition}
    assert got.tables["requests"].edition == edition
    assert (got.meta.agency, got.meta.year, got.meta.edition) == (
        report.meta.agency,
        report.meta.year,
        edition,
    )
    assert got.findings == []
    assert [s.key for s in got.sections] == list(form.SECTION_KEYS)


@pytest.mark.parametrize("layout", LAYOUTS)
@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), edition=st.sampled_from(form.EDITIONS))
def test_round_trip(layout, seed, edition):
    _check_round_trip(seed, edition, layout)
