"""The multi-unit ledger: ids unique per unit, nothing of one unit visible from another, the
0.1 ledger (migration steps 1–2) moved over without loss, ``--unit`` on the CLI."""

from __future__ import annotations

import json

import pytest

from ledger_support import db_target  # noqa: F401  (fixture)
from xxgk.cli import main
from xxgk.errors import LedgerError
from xxgk.ledger.book import Ledger
from xxgk.store import Store
from xxgk.store.migrations import MIGRATIONS, dialect


def test_ids_are_unique_per_unit_and_units_do_not_see_each_other(db_target):  # noqa: F811
    a = Ledger.init(db_target, "甲局", unit="320812001")
    b = Ledger.init(a.store, "乙局", unit="320812002")
    a.add("R1", "natural_person", "2024-09-25")
    b.add("R1", "commercial", "2024-09-26")  # the same id in another unit is another request
    b.add("R2", "natural_person", "2024-09-26")
    b.event("R1", "answered", "2024-10-08", {"outcome": "granted"})
    assert [r["id"] for r in a.list()] == ["R1"]
    assert a.list()[0]["state"] == "open"
    assert a.show("R1").state.applicant_type == "natural_person"
    assert {i.request_id for i in a.due("2024-10-01")} == {"R1"}
    assert {i.request_id for i in b.due("2024-10-01")} == {"R2"}
    with pytest.raises(LedgerError, match="no such request"):
        a.show("R2")
    with pytest.raises(LedgerError, match="no such request"):
        a.event("R2", "withdrawn", "2024-10-01")
    ra, rb = a.report(2024), b.report(2024)
    assert ra.table("requests").value("new_received", "total") == 1
    assert rb.table("requests").value("new_received", "total") == 2
    assert rb.table("requests").value("granted", "commercial") == 1
    assert ra.table("requests").value("granted", "total") == 0
    assert a.explain(2024, "requests.new_received.total") == ["R1"]
    assert b.explain(2024, "requests.new_received.total") == ["R1", "R2"]
    assert (ra.meta.agency, rb.meta.agency) == ("甲局", "乙局")
    with pytest.raises(LedgerError, match="2 units"):
        Ledger(a.store)
    with pytest.raises(LedgerError, match="no unit 999"):
        Ledger(a.store, unit="999")
    a.close()


def _old_ledger(target: str) -> Store:
    """A database as 0.1.0 left it: migration steps 1–2 only, with a ledger in it."""
    store = Store.__new__(Store)
    store.target, store.postgres = target, target.startswith("postgresql")
    store._missing = ""
    store.conn = store._connect_pg() if store.postgres else store._connect_sqlite(True)
    words = dialect(postgres=store.postgres)
    with store.transaction():
        store.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for number, step in enumerate(MIGRATIONS[:2], start=1):
            for statement in step:
                for word, value in words.items():
                    statement = statement.replace(word, value)
                store.execute(statement)
            store.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    return store


def _fill_0_1(store: Store) -> None:
    rows = [
        ("R1", "natural_person", "张三", "2024-09-25", "closed", "granted", "2024-10-08"),
        ("R2", "commercial", None, "2024-12-20", "open", None, None),
    ]
    for rid, kind, who, received, state, outcome, answered in rows:
        store.execute(
            "INSERT INTO requests (id, applicant_type, applicant, received_on, state, outcome,"
            " answered_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (rid, kind, who, received, state, outcome, answered),
        )
    events = [
        (
            1,
            "R1",
            "received",
            "2024-09-25",
            {"applicant_type": "natural_person", "applicant": "张三"},
        ),
        (2, "R2", "received", "2024-12-20", {"applicant_type": "commercial"}),
        (3, "R2", "extended", "2024-12-23", {"days": 20}),
        (4, "R2", "void", "2024-12-24", {"event": 3}),
        (5, "R1", "answered", "2024-10-08", {"outcome": "granted"}),
    ]
    for eid, rid, kind, on, data in events:
        store.execute(
            "INSERT INTO events (id, request_id, kind, on_date, data, recorded_by, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, '王', '2024-12-24T00:00:00+00:00')",
            (eid, rid, kind, on, json.dumps(data, ensure_ascii=False)),
        )
    store.execute(
        "INSERT INTO appeals (id, request_id, kind, filed_on, recorded_by, recorded_at)"
        " VALUES ('F1', 'R1', 'review', '2024-11-01', '王', 't')"
    )
    store.execute("INSERT INTO settings (key, value) VALUES ('agency', '示例市司法局')")
    store.execute(
        "INSERT INTO calendar_days (day, workday, note, recorded_by, recorded_at)"
        " VALUES ('2027-01-01', 0, '元旦', '王', 't')"
    )


def test_a_0_1_ledger_moves_over_without_loss(db_target):  # noqa: F811
    old = _old_ledger(db_target)
    _fill_0_1(old)
    old.close()
    book = Ledger(db_target)  # the new code migrates it and finds its one unit
    assert book.store.version() == len(MIGRATIONS)
    assert book.unit == "local"
    assert book.store.one("SELECT name FROM unit WHERE code = 'local'") == ("示例市司法局",)
    assert book.setting("agency") == "示例市司法局"
    assert [(r["id"], r["state"]) for r in book.list()] == [("R1", "closed"), ("R2", "open")]
    shown = book.show("R2").state
    assert [(e.id, e.kind) for e in shown.events] == [(2, "received"), (3, "extended"), (4, "void")]
    assert shown.extension_days == 0  # the void still cancels event 3
    assert book.show("R1").state.applicant == "张三"
    assert [c.id for c in book.appeals("R1")] == ["F1"]
    assert book.calendar_days() == [("2027-01-01", False, "元旦")]
    assert book.report(2024).table("requests").value("granted", "natural_person") == 1
    book.event("R2", "extended", "2024-12-27", {"days": 10})  # new ids follow the old ones
    assert [e.id for e in book.show("R2").state.events] == [2, 3, 4, 6]
    book.close()


def test_a_fresh_store_makes_no_unit_until_a_ledger_is_made(tmp_path):
    store = Store(tmp_path / "x.db", create=True)
    assert store.all("SELECT code FROM unit") == []
    with pytest.raises(LedgerError, match="no unit in the store"):
        Ledger(store)
    assert Ledger.init(store).unit == "local"
    store.close()


def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    return info.value.code, out.out + out.err


def test_cli_unit_option(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "x.db")
    assert run(capsys, "ledger", "init", "--db", db, "--unit", "A1", "--agency", "甲")[0] == 0
    args = ["--db", db, "--type", "natural_person", "--received", "2024-09-25"]
    assert run(capsys, "ledger", "add", "R1", *args)[0] == 0  # the only unit
    assert run(capsys, "ledger", "init", "--db", db, "--unit", "B2")[0] == 0
    code, text = run(capsys, "ledger", "list", "--db", db)
    assert code == 2 and "2 units (A1, B2): name one with --unit CODE" in text
    assert "Traceback" not in text
    code, text = run(capsys, "ledger", "list", "--db", db, "--unit", "A1", "--format", "json")
    assert [r["id"] for r in json.loads(text)] == ["R1"]
    monkeypatch.setenv("XXGK_UNIT", "B2")
    assert json.loads(run(capsys, "ledger", "list", "--db", db, "--format", "json")[1]) == []
    code, text = run(capsys, "ledger", "show", "R1", "--db", db, "--unit", "C3")
    assert code == 2 and "no unit C3" in text
