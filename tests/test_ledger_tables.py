"""Property tests: every table made from any random ledger satisfies R1–R7, and the SQL
aggregation agrees with the Python fold."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xxgk
from xxgk import form
from xxgk.ledger import model as m
from xxgk.ledger import tables
from xxgk.ledger.book import Ledger
from xxgk.ledger.state import fold

D = dt.date
YEARS = (2019, 2020, 2021, 2024, 2025)


def random_request(rng: random.Random, i: int) -> list[m.Event]:
    """A valid random history: receipt, maybe correction, extension, pause, then an ending."""
    rid = f"R{i:04d}"
    day = D(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 7 * 365))

    def later(at_most: int = 40) -> dt.date:
        nonlocal day
        day += dt.timedelta(days=rng.randrange(0, at_most))
        return day

    events = [m.Event(rid, m.RECEIVED, day, {"applicant_type": rng.choice(form.APPLICANT_TYPES)})]
    if rng.random() < 0.2:
        events.append(m.Event(rid, m.CORRECTION_REQUESTED, later(8)))
        if rng.random() < 0.7:
            events.append(m.Event(rid, m.CORRECTION_RECEIVED, later()))
        else:
            if rng.random() < 0.7:
                events.append(
                    m.Event(rid, m.ANSWERED, later(), {"outcome": m.NO_CORRECTION_OUTCOME})
                )
            return events
    if rng.random() < 0.2:
        events.append(m.Event(rid, m.EXTENDED, later(20), {"days": rng.randint(1, 20)}))
    if rng.random() < 0.15:
        events.append(
            m.Event(rid, m.CONSULTATION_STARTED, later(10), {"party": rng.choice(m.PARTIES)})
        )
        events.append(m.Event(rid, m.CONSULTATION_ENDED, later(30)))
    ending = rng.random()
    if ending < 0.75:
        events.append(m.Event(rid, m.ANSWERED, later(), {"outcome": rng.choice(m.OUTCOMES)}))
    elif ending < 0.85:
        events.append(m.Event(rid, m.WITHDRAWN, later()))
    return events


def random_appeal(rng: random.Random, i: int, request: m.RequestState) -> m.AppealCase:
    filed = request.received + dt.timedelta(days=rng.randrange(20, 400))
    case = m.AppealCase(f"F{i}", request.id, rng.choice(m.APPEAL_KINDS), filed)
    if rng.random() < 0.7:
        case.result = rng.choice(m.APPEAL_RESULTS)
        case.decided = filed + dt.timedelta(days=rng.randrange(0, 400))
    return case


def random_ledger(
    seed: int, size: int
) -> tuple[list[list[m.Event]], list[m.RequestState], list[m.AppealCase]]:
    rng = random.Random(seed)
    histories = [random_request(rng, i) for i in range(size)]
    states = [fold(h) for h in histories]
    cases = (
        [random_appeal(rng, i, rng.choice(states)) for i in range(rng.randrange(0, 8))]
        if states
        else []
    )
    return histories, states, cases


def assert_arithmetic(report: xxgk.Report) -> None:
    """R1–R7 directly, independent of the rules package."""
    req, app = report.table("requests"), report.table("appeals")
    edition = req.edition
    for _r, _c, cell in [*req.cells(), *app.cells()]:
        assert isinstance(cell.value, int) and cell.value >= 0  # R7
    for c in (*form.APPLICANT_TYPES, "total"):
        v = lambda row, c=c: req.value(row, c)  # noqa: E731
        assert v("new_received") + v("carried_over") == v("total") + v("carried_forward")  # R1
        assert v("total") == sum(v(r) for r in form.outcome_rows(edition))  # R3
    for row, _ in form.cell_keys("requests", edition):
        assert req.value(row, "total") == sum(req.value(row, c) for c in form.APPLICANT_TYPES)  # R2
    for row in form.APPEALS_ROWS:
        assert app.value(row.key, "total") == sum(
            app.value(row.key, c) for c in ("upheld", "corrected", "other", "pending")
        )


def assert_rules_clean(report: xxgk.Report) -> None:
    """The project's own rules find no error in the requests/appeals tables."""
    errors = [
        f
        for f in xxgk.check(report)
        if f.severity == "error" and f.table in ("requests", "appeals")
    ]
    assert errors == []


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=60))
def test_every_table_from_a_random_ledger_satisfies_r1_to_r7(seed, size):
    _, states, cases = random_ledger(seed, size)
    previous = None
    for year in YEARS:
        report = tables.build_report(tables.counts(states, cases, year), year, "示例")
        assert report.meta.edition == form.edition_for_year(year)
        assert_arithmetic(report)
        assert_rules_clean(report)
        if previous is not None and previous.meta.year == year - 1:  # X1: carry-over chains
            for c in (*form.APPLICANT_TYPES, "total"):
                assert previous.table("requests").value("carried_forward", c) == report.table(
                    "requests"
                ).value("carried_over", c)
        previous = report


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(min_value=0, max_value=10**9))
def test_sql_aggregation_agrees_with_the_fold(tmp_path, seed):
    histories, states, cases = random_ledger(seed, 40)
    path = tmp_path / f"l{seed}.db"
    book = Ledger.init(path)
    try:
        for s in states:
            for e in s.events:
                e.by, e.at = "test", "t"
        book.insert_many(states)
        for case in cases:
            book.add_appeal(case.id, case.request_id, case.kind, case.filed)
            if case.result:
                book.decide_appeal(case.id, case.result, case.decided)
        for year in YEARS:
            expected = tables.build_report(tables.counts(states, cases, year), year)
            assert book.report(year).to_dict() == expected.to_dict()
        # drill-down: the ids behind each total-column cell add up to the cell
        for row in ("new_received", "carried_over", "total", "carried_forward", "granted"):
            assert len(book.explain(2024, f"requests.{row}.total")) == book.report(2024).table(
                "requests"
            ).value(row, "total")
    finally:
        book.close()
        path.unlink()
