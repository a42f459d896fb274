"""The unit registry's queries (tables in :mod:`xxgk.store.schema.units`).

The registry's behaviour — import, validation, matching names — lives in ``xxgk.office``;
these are the reads and writes it and the web app share.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xxgk.store.db import Store

KINDS = ("政府", "部门", "乡镇街道", "其他")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    parent_code: str | None = None
    kind: str = "其他"
    report_page: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "parent": self.parent_code,
            "kind": self.kind,
            "report_page": self.report_page,
        }


_COLUMNS = "code, name, parent_code, kind, report_page"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def get_unit(*, store: Store, code: str) -> Unit | None:
    row = store.one(f"SELECT {_COLUMNS} FROM unit WHERE code = ?", (code,))
    return Unit(*row) if row else None


def list_units(*, store: Store) -> list[Unit]:
    return [Unit(*row) for row in store.all(f"SELECT {_COLUMNS} FROM unit ORDER BY code")]


def put_unit(*, store: Store, unit: Unit) -> None:
    """Insert or update one unit (inside the caller's transaction, or on its own)."""
    stamp = _now()
    if store.one("SELECT 1 FROM unit WHERE code = ?", (unit.code,)):
        store.execute(
            "UPDATE unit SET name = ?, parent_code = ?, kind = ?, report_page = ?, updated_at = ?"
            " WHERE code = ?",
            (unit.name, unit.parent_code, unit.kind, unit.report_page, stamp, unit.code),
        )
        return
    store.execute(
        f"INSERT INTO unit ({_COLUMNS}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (unit.code, unit.name, unit.parent_code, unit.kind, unit.report_page, stamp, stamp),
    )


def ensure_unit(*, store: Store, code: str, name: str | None = None) -> Unit:
    """The unit with this code, created (named by its code unless a name is given) when new."""
    found = get_unit(store=store, code=code)
    if found is not None:
        return found
    unit = Unit(code=code, name=name or code)
    put_unit(store=store, unit=unit)
    return unit


def descendants(*, store: Store, code: str, include_self: bool = True) -> list[str]:
    """The codes of every unit under ``code`` in the tree (and ``code`` itself), sorted."""
    rows = store.all(
        """WITH RECURSIVE below(code) AS (
               SELECT code FROM unit WHERE code = ?
               UNION SELECT u.code FROM unit u JOIN below b ON u.parent_code = b.code)
           SELECT code FROM below ORDER BY code""",
        (code,),
    )
    codes = [r[0] for r in rows]
    return codes if include_self else [c for c in codes if c != code]


def aliases(*, store: Store, code: str) -> list[tuple[str, str, int | None]]:
    """``(alias, kind, until_year)`` of one unit; kind is ``alias`` or ``former_name``."""
    return [
        (r[0], r[1], r[2])
        for r in store.all(
            "SELECT alias, kind, until_year FROM unit_alias WHERE unit_code = ? ORDER BY alias",
            (code,),
        )
    ]


def all_aliases(*, store: Store) -> list[tuple[str, str, str, int | None]]:
    """``(unit_code, alias, kind, until_year)`` of every unit."""
    return [
        (r[0], r[1], r[2], r[3])
        for r in store.all(
            "SELECT unit_code, alias, kind, until_year FROM unit_alias ORDER BY unit_code, alias"
        )
    ]


def set_aliases(*, store: Store, code: str, names: list[str]) -> None:
    """Replace the ``alias`` names of a unit (its former names stay)."""
    store.execute("DELETE FROM unit_alias WHERE unit_code = ? AND kind = 'alias'", (code,))
    for name in dict.fromkeys(names):
        if store.one("SELECT 1 FROM unit_alias WHERE unit_code = ? AND alias = ?", (code, name)):
            continue
        store.execute(
            "INSERT INTO unit_alias (unit_code, alias, kind) VALUES (?, ?, 'alias')", (code, name)
        )


def add_former_name(*, store: Store, code: str, name: str, until_year: int | None) -> None:
    """Keep ``name`` as a former name of the unit, used until ``until_year`` (inclusive)."""
    store.execute("DELETE FROM unit_alias WHERE unit_code = ? AND alias = ?", (code, name))
    store.execute(
        "INSERT INTO unit_alias (unit_code, alias, kind, until_year) VALUES (?, ?, 'former_name', ?)",
        (code, name, until_year),
    )
