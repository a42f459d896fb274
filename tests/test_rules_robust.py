"""No rule raises on mutated reports: every check finishes without an internal-error."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk import form
from xxgk.model import Cell
from xxgk.rules import run
from xxgk.synth.reports import make_report

VALUES = st.one_of(
    st.none(),
    st.integers(-1000, 10**9),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**6), max_value=10**6
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    edits=st.lists(
        st.tuples(st.sampled_from(form.TABLES), st.integers(0, 500), VALUES), max_size=8
    ),
    drop_rows=st.lists(st.tuples(st.sampled_from(form.TABLES), st.integers(0, 30)), max_size=3),
    drop_tables=st.sets(st.sampled_from(form.TABLES), max_size=2),
    year=st.one_of(st.none(), st.integers(2015, 2030)),
    with_previous=st.booleans(),
)
def test_rules_never_raise(seed, edits, drop_rows, drop_tables, year, with_previous):
    rep = make_report(random.Random(seed))
    for name, index, value in edits:
        table = rep.table(name)
        row, column = list(table.cells())[index % sum(1 for _ in table.cells())][:2]
        table.set(row, column, Cell("x" if value is None else str(value), value))
    for name, index in drop_rows:
        rows = list(rep.table(name).rows)
        if rows:
            del rep.table(name).rows[rows[index % len(rows)]]
    for name in drop_tables:
        rep.tables[name] = None
    rep.meta.year = year
    previous = make_report(random.Random(seed + 1)) if with_previous else None
    out = run(rep, previous=previous)
    assert [f for f in out if f.rule == "internal-error"] == []
    # every template field was filled ("?" marks a field the rule forgot to pass)
    assert all(f.message and "?" not in f.message and "?" not in f.message_en for f in out)
    assert not any(isinstance(v, float) for f in out for v in f.numbers.values())
