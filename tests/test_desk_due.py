"""The desk's due list (read from the index, first N) is the library's due list (Ledger.due)."""

from __future__ import annotations

import datetime as dt
import random

from ledger_support import db_target, ledger  # noqa: F401  (fixtures)
from xxgk.ledger import desk


def test_desk_due_list_equals_ledger_due(ledger):  # noqa: F811
    rng = random.Random(5)
    start = dt.date(2024, 8, 1)
    for i in range(60):
        rid = f"R{i:02d}"
        received = start + dt.timedelta(days=rng.randrange(120))
        ledger.add(rid, "natural_person", received)
        roll = rng.random()
        if roll < 0.2:
            ledger.event(rid, "answered", received + dt.timedelta(days=3), {"outcome": "granted"})
        elif roll < 0.35:
            ledger.event(
                rid, "consultation_started", received + dt.timedelta(days=1), {"party": "agency"}
            )
        elif roll < 0.45:
            ledger.event(rid, "correction_requested", received + dt.timedelta(days=1))
    today = dt.date(2024, 11, 20)
    expected = [i.to_dict() for i in ledger.due(today)]
    got = desk.due_list(ledger, today=today, limit=1000)
    strip = ("kind_label", "urgency", "urgency_label", "awaiting_approval")
    assert [{k: v for k, v in i.items() if k not in strip} for i in got["items"]] == expected
    assert got["total"] == len(expected)
    assert got["overdue"] == sum(1 for i in expected if i["overdue"])
    assert got["soon"] == sum(1 for i in expected if 0 <= i["working_days_left"] <= desk.SOON)
    first = desk.due_list(ledger, today=today, limit=7)
    assert [i["request_id"] for i in first["items"]] == [i["request_id"] for i in expected[:7]]
    assert first["total"] == len(expected)
