"""The one store of xxgk: everything persisted (ledger, units, fetched archive, reviews,
users, sessions, published versions) in one database — a SQLite file by default
(``xxgk.db``, or ``XXGK_DB``), PostgreSQL by URL — with one migration sequence.

Only this package talks to the database. Its functions take the store as a keyword
(``get_unit(store=…, code=…)``).
"""

from __future__ import annotations

from xxgk.store.db import (
    DEFAULT_DB,
    ENV_DB,
    DuplicateKey,
    Store,
    is_postgres,
    is_unique_violation,
    resolve,
)

__all__ = [
    "DEFAULT_DB",
    "ENV_DB",
    "DuplicateKey",
    "Store",
    "is_postgres",
    "is_unique_violation",
    "resolve",
]
