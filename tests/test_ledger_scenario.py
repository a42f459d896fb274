"""A hand-checked ledger across the 2024/2025 year end.

Calendar facts used below (State Council notices; ledger.md): 2025-01-01 holiday;
Spring Festival 2025-01-28..02-04 holiday with make-up workdays Sun 01-26 and Sat 02-08;
2024 Mid-Autumn/National Day not involved. "wd" = working day; the day of receipt (or of any
starting event) is not counted.

    S1  natural_person  rec 2024-12-02 → due 12-30 (03..06=4, 09..13=9, 16..20=14, 23..27=19, 30=20);
                        answered 2024-12-20 granted
    S2  commercial      rec 2024-12-16; correction notice due 12-25 (17 18 19 20 23 24 25);
                        correction requested 12-18, corrected request received 2025-01-06 →
                        due 2025-02-08, a make-up Saturday (07..10=4, 13..17=9, 20..24=14, 26=15,
                        27=16, 02-05=17, 06=18, 07=19, 08=20); answered 2025-02-07 partially_granted
    S3  natural_person  rec 2024-12-23 → due 2025-01-21 (24..27=4, 30 31=6, 01-02 03=8, 06..10=13,
                        13..17=18, 20=19, 21=20); extended by 20 on 2025-01-15 across the Spring
                        Festival → 2025-02-24 (22..24=3, 26=4, 27=5, 02-05..07=8, 08=9, 10..14=14,
                        17..21=19, 24=20); answered 2025-02-20 denied.process_info
    S4  research        rec 2024-12-10; third party consulted 12-17 .. 2025-01-08; reply due
                        2025-01-08 (18..20=3, 23..27=8, 30 31=10, 01-02 03=12, 06..08=15).
                        Unpaused due 2025-01-08; the pause (12-17, 01-08] holds 15 wd → 2025-02-05
                        (09 10=2, 13..17=7, 20..24=12, 26=13, 27=14, 02-05=15);
                        answered 2025-01-20 denied.third_party
    S5  natural_person  rec 2024-12-20; fee notice 12-23 for 250 pages = 4700 元; never paid;
                        answered 2025-01-24 other.unpaid_fee (suspended at year end: still carried)
    S6  legal_service   rec 2024-12-26; withdrawn 2025-01-10 → other.other
    S7  natural_person  rec 2024-11-15; withdrawn 2024-11-20 → other.other
    S8  other_org       rec 2025-01-27 → correction notice due 02-12 (02-05..07=3, 08=4, 10..12=7);
                        answer due 2025-03-03 (05..07=3, 08=4, 10..14=9, 17..21=14, 24..28=19,
                        03-03=20); still open
    S9  natural_person  rec 2023-12-28; answered 2024-01-10 granted (carried over into 2024)
    S10 natural_person  rec 2024-12-30; correction requested 2025-01-03, never corrected;
                        answered 2025-02-14 other.no_correction
    S11 natural_person  rec 2024-11-01 → due 2024-11-29 (04..08=5, 11..15=10, 18..22=15,
                        25..29=20); never answered

Tables (2021 edition), per column; R1 checked by hand for each:
    2024 new_received np 6 (S1 S3 S5 S7 S10 S11), commercial 1, research 1, legal 1 → 9
         carried_over np 1 (S9); granted np 2 (S1 S9); other.other np 1 (S7); total np 3
         carried_forward np 4 (S3 S5 S10 S11), commercial 1, research 1, legal 1 → 7
         np: 6 + 1 = 3 + 4; total: 9 + 1 = 3 + 7
    2025 new_received other_org 1 (S8); carried_over np 4, commercial 1, research 1, legal 1 → 7
         partially_granted commercial 1; denied.process_info np 1; denied.third_party research 1;
         other.unpaid_fee np 1; other.no_correction np 1; other.other legal 1; total 6
         carried_forward np 1 (S11), other_org 1 (S8) → 2;  total: 1 + 7 = 6 + 2
"""

from __future__ import annotations

import datetime as dt

from ledger_support import db_target, ledger  # noqa: F401  (fixtures)
from xxgk.ledger import tables
from xxgk.ledger.book import Ledger

D = dt.date


def record(book: Ledger) -> None:
    add, ev = book.add, book.event
    add("S9", "natural_person", "2023-12-28")
    ev("S9", "answered", "2024-01-10", {"outcome": "granted"})
    add("S11", "natural_person", "2024-11-01")
    add("S7", "natural_person", "2024-11-15")
    ev("S7", "withdrawn", "2024-11-20")
    add("S1", "natural_person", "2024-12-02")
    add("S4", "research", "2024-12-10")
    add("S2", "commercial", "2024-12-16")
    ev("S4", "consultation_started", "2024-12-17", {"party": "third_party"})
    ev("S2", "correction_requested", "2024-12-18")
    ev("S1", "answered", "2024-12-20", {"outcome": "granted"})
    add("S5", "natural_person", "2024-12-20", applicant="孙")
    add("S3", "natural_person", "2024-12-23")
    ev("S5", "fee_notice", "2024-12-23", {"method": "volume", "pages": 250})
    add("S6", "legal_service", "2024-12-26")
    add("S10", "natural_person", "2024-12-30")
    ev("S10", "correction_requested", "2025-01-03")
    ev("S2", "correction_received", "2025-01-06")


def finish(book: Ledger) -> None:
    ev = book.event
    ev("S4", "consultation_ended", "2025-01-08")
    ev("S6", "withdrawn", "2025-01-10")
    ev("S3", "extended", "2025-01-15", {"days": 20})
    ev("S4", "answered", "2025-01-20", {"outcome": "denied.third_party"})


def finish_february(book: Ledger) -> None:
    ev = book.event
    ev("S5", "answered", "2025-01-24", {"outcome": "other.unpaid_fee"})
    book.add("S8", "other_org", "2025-01-27")
    ev("S2", "answered", "2025-02-07", {"outcome": "partially_granted"})
    ev("S10", "answered", "2025-02-14", {"outcome": "other.no_correction"})
    ev("S3", "answered", "2025-02-20", {"outcome": "denied.process_info"})


def answer_day(book: Ledger, rid: str):
    due = book.show(rid).deadlines.answer
    return None if due is None else due.day


def test_deadlines_through_the_year_end(ledger):  # noqa: F811
    record(ledger)
    assert answer_day(ledger, "S2") == D(2025, 2, 8)
    assert answer_day(ledger, "S3") == D(2025, 1, 21)
    assert answer_day(ledger, "S4") is None  # consultation running
    assert ledger.show("S4").deadlines.reply.day == D(2025, 1, 8)
    assert answer_day(ledger, "S5") is None  # fee notice outstanding
    assert ledger.show("S5").state.fee_amount == "4700"
    assert answer_day(ledger, "S10") is None  # awaiting correction
    finish(ledger)
    assert answer_day(ledger, "S3") == D(2025, 2, 24)
    ledger.event("S4", "void", "2025-01-20", {"event": ledger.show("S4").state.events[-1].id})
    assert answer_day(ledger, "S4") == D(2025, 2, 5)  # the pause is not counted
    ledger.event("S4", "answered", "2025-01-20", {"outcome": "denied.third_party"})


def test_due_lists(ledger):  # noqa: F811
    record(ledger)
    finish(ledger)
    got = [(i.request_id, i.kind, i.due, i.left) for i in ledger.due(D(2025, 1, 20))]
    # S11 due 2024-11-29: (11-29, 01-20] = 12-02..06 (5) 09..13 (10) 16..20 (15) 23..27 (20)
    # 30 31 (22) 01-02 03 (24) 06..10 (29) 13..17 (34) 20 (35) → 35 working days late.
    # S2 (01-20, 02-08]: 21..24 (4) 26 (5) 27 (6) 02-05..07 (9) 08 (10).  S3: 10 + 10..14 + 17..21 + 24 = 21.
    assert got == [
        ("S11", "answer", D(2024, 11, 29), -35),
        ("S2", "answer", D(2025, 2, 8), 10),
        ("S3", "answer", D(2025, 2, 24), 21),
    ]
    assert [i.request_id for i in ledger.due(D(2025, 1, 20), overdue=True)] == ["S11"]
    finish_february(ledger)
    got = [
        (i.request_id, i.kind, i.due, i.left)
        for i in ledger.due(D(2025, 2, 10))
        if i.request_id != "S11"
    ]
    # From Mon 02-10: S8's notice 02-12 → 2 wd; its answer 03-03 → 11..14 (4) 17..21 (9) 24..28 (14) 03-03 (15).
    assert got == [
        ("S8", "correction_notice", D(2025, 2, 12), 2),
        ("S8", "answer", D(2025, 3, 3), 15),
    ]


def expected_2024() -> dict[tuple[str, str], int]:
    return {
        ("new_received", "natural_person"): 6,
        ("new_received", "commercial"): 1,
        ("new_received", "research"): 1,
        ("new_received", "legal_service"): 1,
        ("new_received", "total"): 9,
        ("carried_over", "natural_person"): 1,
        ("carried_over", "total"): 1,
        ("granted", "natural_person"): 2,
        ("granted", "total"): 2,
        ("other.other", "natural_person"): 1,
        ("other.other", "total"): 1,
        ("total", "natural_person"): 3,
        ("total", "total"): 3,
        ("carried_forward", "natural_person"): 4,
        ("carried_forward", "commercial"): 1,
        ("carried_forward", "research"): 1,
        ("carried_forward", "legal_service"): 1,
        ("carried_forward", "total"): 7,
    }


def expected_2025() -> dict[tuple[str, str], int]:
    return {
        ("new_received", "other_org"): 1,
        ("new_received", "total"): 1,
        ("carried_over", "natural_person"): 4,
        ("carried_over", "commercial"): 1,
        ("carried_over", "research"): 1,
        ("carried_over", "legal_service"): 1,
        ("carried_over", "total"): 7,
        ("partially_granted", "commercial"): 1,
        ("partially_granted", "total"): 1,
        ("denied.process_info", "natural_person"): 1,
        ("denied.process_info", "total"): 1,
        ("denied.third_party", "research"): 1,
        ("denied.third_party", "total"): 1,
        ("other.unpaid_fee", "natural_person"): 1,
        ("other.unpaid_fee", "total"): 1,
        ("other.no_correction", "natural_person"): 1,
        ("other.no_correction", "total"): 1,
        ("other.other", "legal_service"): 1,
        ("other.other", "total"): 1,
        ("total", "natural_person"): 3,
        ("total", "commercial"): 1,
        ("total", "research"): 1,
        ("total", "legal_service"): 1,
        ("total", "total"): 6,
        ("carried_forward", "natural_person"): 1,
        ("carried_forward", "other_org"): 1,
        ("carried_forward", "total"): 2,
    }


def nonzero(report) -> dict[tuple[str, str], int]:
    table = report.table("requests")
    return {(r, c): cell.value for r, c, cell in table.cells() if cell.value}


def test_annual_tables_and_carry_over(ledger):  # noqa: F811
    record(ledger)
    finish(ledger)
    finish_february(ledger)
    r24, r25 = ledger.report(2024), ledger.report(2025)
    assert (r24.meta.edition, r24.meta.year, r24.meta.agency) == ("2021", 2024, "示例市司法局")
    assert nonzero(r24) == expected_2024()
    assert nonzero(r25) == expected_2025()
    for col in (
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
        "total",
    ):
        assert r24.table("requests").value("carried_forward", col) == r25.table("requests").value(
            "carried_over", col
        )
    assert len(r24.table("requests").rows) == 25 and len(r25.table("appeals").rows) == 3
    # the SQL aggregation and the Python fold agree on every cell
    for year in (2023, 2024, 2025):
        py = tables.build_report(
            tables.counts(ledger.states(), ledger.appeals(), year), year, "示例市司法局"
        )
        assert py.to_dict() == ledger.report(year).to_dict()


def test_2019_edition_view_folds_other_rows(ledger):  # noqa: F811
    record(ledger)
    finish(ledger)
    finish_february(ledger)
    r = ledger.report(2025, edition="2019")
    t = r.table("requests")
    assert "other.other" not in t.rows and len(t.rows) == 23
    assert (
        t.value("other", "natural_person"),
        t.value("other", "legal_service"),
        t.value("other", "total"),
    ) == (2, 1, 3)
    assert ledger.explain(2025, "requests.other.no_correction.natural_person") == ["S10"]
    assert ledger.explain(2024, "requests.carried_forward.natural_person") == [
        "S10",
        "S11",
        "S3",
        "S5",
    ]
