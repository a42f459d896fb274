"""Approval of an answer: 拟办 → 审核 → 保密审查 → 签发 in the event log; the clock runs on;
the due list knows the drafts waiting; direct answers refused where approval is required."""

from __future__ import annotations

import pytest

from ledger_support import db_target  # noqa: F401  (fixture)
from xxgk.errors import LedgerError
from xxgk.ledger import approval as ap
from xxgk.ledger.book import Ledger


@pytest.fixture
def book(db_target):  # noqa: F811
    b = Ledger.init(db_target, "甲局", unit="A1")
    b.set_setting("approval", "required")
    b.add("R1", "natural_person", "2024-09-25", applicant="张三")
    yield b
    b.close()


def test_answer_released_only_after_signing(book):
    with pytest.raises(LedgerError, match="requires approval"):
        book.event("R1", "answered", "2024-10-08", {"outcome": "granted"})
    due_before = book.show("R1").deadlines.answer.day
    ap.draft(book, "R1", "granted", "2024-10-08", by="王")
    assert ap.waiting(book) == {"R1": "审核"}
    assert book.list()[0]["state"] == "open"
    assert book.show("R1").deadlines.answer.day == due_before  # the clock counts on
    with pytest.raises(LedgerError, match="签发 before 审核"):
        ap.sign(book, "R1", "2024-10-09", by="赵")
    with pytest.raises(LedgerError, match="by the drafter"):
        ap.review(book, "R1", "2024-10-09", by="王")
    ap.review(book, "R1", "2024-10-09", by="李")
    assert ap.waiting(book) == {"R1": "保密审查"}
    with pytest.raises(LedgerError, match="保密审查"):
        ap.sign(book, "R1", "2024-10-10", by="赵")
    ap.secrecy_review(book, "R1", "2024-10-10", by="李")
    assert ap.waiting(book) == {"R1": "签发"}
    done = ap.sign(book, "R1", "2024-10-11", by="赵")
    assert not done.pending
    state = book.show("R1").state
    assert (state.state, state.outcome, str(state.closed_on)) == ("closed", "granted", "2024-10-11")
    kinds = [(e.kind, e.by) for e in state.events]
    assert kinds == [
        ("received", book.show("R1").state.events[0].by),
        ("answer_drafted", "王"),
        ("answer_reviewed", "李"),
        ("secrecy_reviewed", "李"),
        ("answer_signed", "赵"),
        ("answered", "赵"),
    ]
    assert ap.waiting(book) == {}
    assert [t["step"] for t in done.to_dict()["trail"]] == ["拟办", "审核", "保密审查", "签发"]
    with pytest.raises(LedgerError, match="already closed"):
        ap.draft(book, "R1", "granted", "2024-10-12", by="王")


def test_returned_draft_and_a_second_one(book):
    ap.draft(book, "R1", "denied.third_party", "2024-10-08", by="王")
    with pytest.raises(LedgerError, match="already awaiting"):
        ap.draft(book, "R1", "granted", "2024-10-08", by="王")
    with pytest.raises(LedgerError, match="needs a reason"):
        ap.return_draft(book, "R1", "2024-10-09", " ", by="李")
    ap.return_draft(book, "R1", "2024-10-09", "理由不充分", by="李")
    assert ap.waiting(book) == {}
    with pytest.raises(LedgerError, match="拟办 first"):
        ap.review(book, "R1", "2024-10-09", by="李")
    ap.draft(book, "R1", "partially_granted", "2024-10-10", by="王")
    ap.review(book, "R1", "2024-10-10", by="李")
    ap.secrecy_review(book, "R1", "2024-10-10", by="李")
    ap.sign(book, "R1", "2024-10-11", by="赵")
    assert book.show("R1").state.outcome == "partially_granted"
    assert book.report(2024).table("requests").value("partially_granted", "natural_person") == 1


def test_approval_steps_cannot_be_voided(book):
    ap.draft(book, "R1", "granted", "2024-10-08", by="王")
    drafted = book.show("R1").state.events[-1].id
    with pytest.raises(LedgerError, match="cannot be voided"):
        book.event("R1", "void", "2024-10-09", {"event": drafted})


def test_without_the_setting_answers_go_straight(tmp_path):
    b = Ledger.init(tmp_path / "x.db", unit="B2")
    b.add("R1", "natural_person", "2024-09-25")
    assert b.event("R1", "answered", "2024-10-08", {"outcome": "granted"}).state == "closed"
    b.close()
