"""The one migration sequence of the xxgk database.

Each step is a tuple of SQL statements applied in one transaction; ``schema_version`` records
the last step applied, and opening a store applies the missing ones. Steps are grouped by
concept in :mod:`xxgk.store.schema`, and the groups stand here in the order they are applied.

**Once released, a step is never edited or moved**: a change is a new step appended at the
end. (Steps 1–2, the ledger of 0.1.0, are released.)

Dialect words in statements are replaced per backend (:func:`dialect`).
"""

from __future__ import annotations

from xxgk.store.schema import accounts, ledger, office, review, units

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    *ledger.STEPS,
    *units.STEPS,
    *ledger.UNIT_STEPS,
    *accounts.STEPS,
    *office.STEPS,
    *review.STEPS,
)


def dialect(*, postgres: bool) -> dict[str, str]:
    """The words a statement may use for what SQLite and PostgreSQL spell differently.

    A one-line statement starting ``{postgres_only}`` / ``{sqlite_only}`` runs on that backend
    alone (on the other it becomes ``SELECT 1 -- …``): full-text search differs (FTS5 vs pg_trgm)."""
    skip = "SELECT 1 -- "
    if postgres:
        return {
            "{serial}": "BIGSERIAL PRIMARY KEY",
            "{blob}": "BYTEA",
            "{bigint}": "BIGINT",
            "{postgres_only}": "",
            "{sqlite_only}": skip,
        }
    return {
        "{serial}": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "{blob}": "BLOB",
        "{bigint}": "INTEGER",
        "{postgres_only}": skip,
        "{sqlite_only}": "",
    }
