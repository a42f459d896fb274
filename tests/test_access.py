"""xxgk.access: who may do what to which unit's objects (roles × scopes × the unit tree)."""

from __future__ import annotations

import pytest

from xxgk import access, accounts
from xxgk.access import Forbidden, LoginRequired, NotFound, User
from xxgk.store import Store
from xxgk.store.units import Unit, put_unit

OFFICER_A = User("a", "officer", "A")
ADMIN = User("root", "admin")


def test_an_officer_reaches_its_own_unit_only():
    assert access.can(OFFICER_A, "ledger.read", "A")
    assert access.can(OFFICER_A, "ledger.write", {"unit": "A", "id": "2025-1"})
    assert not access.can(OFFICER_A, "ledger.read", "B")
    with pytest.raises(NotFound):
        access.require(OFFICER_A, "ledger.read", {"unit": "B"})
    assert access.visible_units(OFFICER_A, "ledger.read") == frozenset({"A"})


def test_an_object_of_no_unit_is_refused_to_a_unit_bound_role():
    with pytest.raises(NotFound):
        access.require(OFFICER_A, "ledger.read", {"id": "no unit"})


def test_a_role_without_the_action_is_forbidden_and_the_public_must_log_in():
    with pytest.raises(Forbidden):
        access.require(OFFICER_A, "users.manage")
    with pytest.raises(Forbidden):
        access.require(User("s", "supervisor", "GOV"), "ledger.write", "GOV")
    with pytest.raises(LoginRequired):
        access.require(None, "ledger.read", "A")
    assert access.visible_units(None, "ledger.read") == frozenset()


def test_admin_reaches_every_unit():
    assert access.visible_units(ADMIN, "ledger.read") is None
    access.require(ADMIN, "ledger.write", "ANY")
    access.require(ADMIN, "users.manage")


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        access.can(ADMIN, "ledger.raed")


def test_a_supervisor_reads_its_office_and_the_units_below(tmp_path):
    store = Store(tmp_path / "x.db", create=True)
    put_unit(store=store, unit=Unit("GOV", "县政府"))
    put_unit(store=store, unit=Unit("EDU", "县教育局", parent_code="GOV"))
    put_unit(store=store, unit=Unit("SCH", "某学校", parent_code="EDU"))
    put_unit(store=store, unit=Unit("OTHER", "邻县政府"))
    accounts.add_user(
        store=store, name="s", role="supervisor", unit="GOV", password="long-enough-1"
    )
    supervisor = accounts.get_user(store=store, name="s")
    assert supervisor is not None
    assert access.visible_units(supervisor, "ledger.read") == {"GOV", "EDU", "SCH"}
    assert access.can(supervisor, "report.read", {"unit": "SCH"})
    with pytest.raises(NotFound):
        access.require(supervisor, "report.read", {"unit": "OTHER"})
    store.close()
