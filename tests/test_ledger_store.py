"""The ledger on both backends: writes, refusals that write nothing, audit trail, migrations,
concurrent writers, the calendar extension, appeals, drill-down, fees."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from ledger_support import db_target, ledger  # noqa: F401  (fixtures)
from xxgk.errors import LedgerError, StoreError
from xxgk.ledger.book import Ledger
from xxgk.ledger.store import MIGRATIONS

D = dt.date


def count_events(book: Ledger) -> int:
    return int(book.store.one("SELECT COUNT(*) FROM events")[0])


def test_migrations_recorded_and_idempotent(ledger, db_target):  # noqa: F811
    assert ledger.store.version() == len(MIGRATIONS)
    again = Ledger(db_target)  # re-opening applies nothing twice
    assert again.store.version() == len(MIGRATIONS)
    again.close()


def test_refused_event_writes_nothing(ledger):  # noqa: F811
    ledger.add("R1", "natural_person", "2024-09-25", by="王")
    before = count_events(ledger)
    with pytest.raises(LedgerError) as info:
        ledger.event("R1", "answered", "2024-09-20", {"outcome": "granted"})
    assert (info.value.request, info.value.field) == ("R1", "on")
    with pytest.raises(LedgerError, match="unknown outcome"):
        ledger.event("R1", "answered", "2024-10-08", {"outcome": "granted-ish"})
    assert count_events(ledger) == before
    assert ledger.list()[0]["state"] == "open"


def test_duplicate_and_unknown_ids(ledger):  # noqa: F811
    ledger.add("R1", "natural_person", "2024-09-25")
    with pytest.raises(LedgerError, match="duplicate request id") as info:
        ledger.add("R1", "commercial", "2024-09-26")
    assert info.value.request == "R1"
    with pytest.raises(LedgerError, match="no such request"):
        ledger.event("R9", "withdrawn", "2024-10-01")
    with pytest.raises(LedgerError, match="unknown applicant type"):
        ledger.add("R2", "person", "2024-09-25")
    assert [r["id"] for r in ledger.list()] == ["R1"]


def test_audit_trail_who_and_when(ledger):  # noqa: F811
    ledger.add("R1", "natural_person", "2024-09-25", by="王")
    ledger.event("R1", "answered", "2024-10-08", {"outcome": "granted"}, by="李")
    events = ledger.show("R1").state.events
    assert [(e.kind, e.by) for e in events] == [("received", "王"), ("answered", "李")]
    assert all(e.at and e.id for e in events)


def test_cache_follows_the_events(ledger):  # noqa: F811
    ledger.add("R1", "natural_person", "2024-09-25")
    assert ledger.list()[0]["answer_due"] == "2024-10-28"
    ledger.event("R1", "extended", "2024-10-20", {"days": 20})
    assert ledger.list()[0]["answer_due"] == "2024-11-25"
    ledger.event("R1", "answered", "2024-11-20", {"outcome": "granted"})
    row = ledger.list()[0]
    assert (row["state"], row["outcome"], row["answered_on"], row["answer_due"]) == (
        "closed",
        "granted",
        "2024-11-20",
        None,
    )


def test_void_reopens_and_the_cache_is_rewritten(ledger):  # noqa: F811
    ledger.add("R1", "natural_person", "2024-09-25")
    ledger.event("R1", "answered", "2024-10-08", {"outcome": "granted"})
    answer_id = ledger.show("R1").state.events[-1].id
    ledger.event("R1", "void", "2024-10-09", {"event": answer_id})
    assert ledger.list()[0]["state"] == "open"
    assert len(ledger.show("R1").state.events) == 3  # nothing deleted


def test_due_list_sorted_by_urgency(ledger):  # noqa: F811
    # Received Mon 2024-09-02: 03..06(4) 09..13(9) 09-14 Sat make-up(10) | 15..17 Mid-Autumn |
    # 18..20(13) 23..27(18) 09-29 Sun make-up(19) 09-30(20).
    ledger.add("LATE", "natural_person", "2024-09-02")
    ledger.add("SOON", "commercial", "2024-09-25")  # → 2024-10-28
    ledger.add("DONE", "research", "2024-09-02")
    ledger.event("DONE", "answered", "2024-09-20", {"outcome": "granted"})
    items = ledger.due(D(2024, 10, 25))
    answers = [(i.request_id, i.due, i.left) for i in items if i.kind == "answer"]
    # On Fri 10-25, LATE is 15 working days late: 10-08..11(4) 10-12 Sat(5) 14..18(10) 21..25(15).
    assert answers == [("LATE", D(2024, 9, 30), -15), ("SOON", D(2024, 10, 28), 1)]
    assert [i.request_id for i in ledger.due(D(2024, 10, 25), overdue=True)] == ["LATE"]


def test_calendar_extension_recomputes_open_deadlines(ledger):  # noqa: F811
    ledger.add("R27", "natural_person", "2026-12-21")
    [item] = [i for i in ledger.due(D(2026, 12, 22)) if i.kind == "answer"]
    assert (item.due, item.warnings) == (D(2027, 1, 18), ("calendar unknown for 2027",))
    assert ledger.list()[0]["warnings"] == "calendar unknown for 2027"
    n = ledger.add_calendar_days([(D(2027, 1, 1), False, "元旦")], by="办公室")
    assert n == 1
    [item] = [i for i in ledger.due(D(2026, 12, 22)) if i.kind == "answer"]
    assert (item.due, item.warnings) == (D(2027, 1, 19), ())
    assert ledger.calendar_days() == [("2027-01-01", False, "元旦")]


def test_fee_notice_priced_per_piece_per_applicant_per_month(ledger):  # noqa: F811
    for i in range(1, 36):
        ledger.add(f"Q{i:02d}", "natural_person", f"2024-03-{1 + i // 2:02d}", applicant="赵")
    ledger.add("OTHER", "natural_person", "2024-03-05", applicant="钱")
    ledger.add("APRIL", "natural_person", "2024-04-01", applicant="赵")
    ledger.event("Q35", "fee_notice", "2024-03-20", {"method": "piece"})
    notice = ledger.show("Q35").state.events[-1]
    assert (notice.data["nth"], notice.data["amount"]) == (35, "200")  # the 35th this month: 200 元
    ledger.event("APRIL", "fee_notice", "2024-04-02", {"method": "piece"})
    assert ledger.show("APRIL").state.events[-1].data["amount"] == "0"  # a new month starts at 1
    ledger.event("OTHER", "fee_notice", "2024-03-06", {"method": "volume", "pages": 250})
    assert ledger.show("OTHER").state.events[-1].data["amount"] == "4700"


def test_appeals_table_and_refusals(ledger):  # noqa: F811
    ledger.add("R1", "natural_person", "2024-03-01")
    ledger.event("R1", "answered", "2024-03-20", {"outcome": "denied.third_party"})
    ledger.add_appeal("F1", "R1", "review", "2024-05-01")
    ledger.add_appeal("F2", "R1", "lawsuit_direct", "2024-11-01")
    ledger.decide_appeal("F1", "corrected", "2024-07-01")
    ledger.decide_appeal("F2", "upheld", "2025-02-01")
    with pytest.raises(LedgerError, match="already decided"):
        ledger.decide_appeal("F1", "upheld", "2024-08-01")
    with pytest.raises(LedgerError, match="unknown appeal kind"):
        ledger.add_appeal("F3", "R1", "petition", "2024-05-01")
    with pytest.raises(LedgerError, match="no such request"):
        ledger.add_appeal("F4", "NOPE", "review", "2024-05-01")
    t24 = ledger.report(2024).table("appeals")
    assert (t24.value("review", "corrected"), t24.value("review", "total")) == (1, 1)
    assert (t24.value("lawsuit_direct", "pending"), t24.value("lawsuit_direct", "upheld")) == (1, 0)
    t25 = ledger.report(2025).table("appeals")
    assert (t25.value("lawsuit_direct", "upheld"), t25.value("review", "total")) == (1, 0)
    assert ledger.explain(2024, "appeals.lawsuit_direct.pending") == ["F2"]


def test_explain_lists_the_requests_behind_a_cell(ledger):  # noqa: F811
    ledger.add("A", "natural_person", "2024-03-01")
    ledger.add("B", "natural_person", "2024-03-02")
    ledger.add("C", "commercial", "2024-03-03")
    ledger.event("A", "answered", "2024-03-20", {"outcome": "granted"})
    ledger.event("C", "answered", "2024-03-20", {"outcome": "granted"})
    assert ledger.explain(2024, "requests.granted.natural_person") == ["A"]
    assert ledger.explain(2024, "requests.granted.total") == ["A", "C"]
    assert ledger.explain(2024, "requests.carried_forward.total") == ["B"]
    with pytest.raises(LedgerError, match="no cell"):
        ledger.explain(2024, "requests.other.natural_person")  # 2019-only row in a 2021 year


def test_concurrent_writers_lose_nothing(db_target):  # noqa: F811
    Ledger.init(db_target).close()
    errors: list[Exception] = []

    def officer(name: str) -> None:
        book = Ledger(db_target)
        try:
            for i in range(25):
                rid = f"{name}-{i}"
                book.add(rid, "natural_person", "2024-05-06", by=name)
                book.event(rid, "answered", "2024-05-20", {"outcome": "granted"}, by=name)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            book.close()

    threads = [threading.Thread(target=officer, args=(n,)) for n in ("王", "李")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    book = Ledger(db_target)
    assert int(book.store.one("SELECT COUNT(*) FROM events")[0]) == 100
    assert book.report(2024).table("requests").value("granted", "total") == 50
    book.close()


def test_concurrent_answers_to_one_request_only_one_wins(db_target):  # noqa: F811
    Ledger.init(db_target).add("R1", "natural_person", "2024-05-06")
    results: list[str] = []

    def answer(outcome: str) -> None:
        book = Ledger(db_target)
        try:
            book.event("R1", "answered", "2024-05-20", {"outcome": outcome})
            results.append("ok")
        except LedgerError:
            results.append("refused")
        finally:
            book.close()

    threads = [
        threading.Thread(target=answer, args=(o,))
        for o in ("granted", "denied.third_party", "granted")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused", "refused"]


def test_missing_sqlite_ledger_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no ledger here"):
        Ledger(tmp_path / "nope.db")
