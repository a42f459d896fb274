"""Which unit's ledger: one store holds the ledgers of many units (a request belongs to a
unit; request ids are unique within it).

A command names its unit (``--unit CODE``); without one, the only unit in the store is meant,
so a single-unit ledger works as in 0.1. A store with several units and no code given is a
clear refusal, never a guess.
"""

from __future__ import annotations

import os

from xxgk.errors import LedgerError
from xxgk.store import Store
from xxgk.store.schema.ledger import DEFAULT_UNIT
from xxgk.store.units import ensure_unit, get_unit, list_units

__all__ = ["DEFAULT_UNIT", "open_store", "unit_for"]

MISSING = "no ledger here (run: xxgk ledger init --db {target})"


def open_store(
    db: str | os.PathLike[str] | Store | None, *, create: bool = False
) -> tuple[Store, bool]:
    """An open store and whether the caller owns it (and so closes it)."""
    if isinstance(db, Store):
        return db, False
    return Store(db, create=create, missing=MISSING), True


def unit_for(
    store: Store, code: str | None, *, create: bool = False, name: str | None = None
) -> str:
    """The code of the unit a ledger command works on.

    ``create`` (``ledger init``): a new code is added to the registry (named ``name`` or by its
    code); with no code and no unit yet, the default unit ``local`` is created."""
    if code is not None:
        code = code.strip()
        if not code:
            raise LedgerError("a unit code is empty", field="unit")
        if get_unit(store=store, code=code) is None:
            if not create:
                raise LedgerError(f"no unit {code} in the store", field="unit")
            with store.transaction():
                ensure_unit(store=store, code=code, name=name)
        return code
    codes = [u.code for u in list_units(store=store)]
    if len(codes) == 1:
        return codes[0]
    if not codes:
        if not create:
            raise LedgerError(
                "no unit in the store yet (run: xxgk ledger init --unit CODE)", field="unit"
            )
        with store.transaction():
            ensure_unit(store=store, code=DEFAULT_UNIT, name=name or "本单位")
        return DEFAULT_UNIT
    shown = ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")
    raise LedgerError(
        f"the store holds {len(codes)} units ({shown}): name one with --unit CODE", field="unit"
    )
