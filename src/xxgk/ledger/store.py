"""The ledger's view of the one store (:mod:`xxgk.store`): its column lists.

**Events are the source of truth.** The ``requests`` row carries a *cache* of what the events
fold to (``received_on``, ``applicant_type``, ``state``, ``outcome``, ``answered_on`` and the
running deadlines), rewritten in the same transaction as every event append, so the year's
tables are one ``GROUP BY`` and the due list one indexed scan. The cached deadlines are
recomputed for every open request whenever the local calendar table changes.
"""

from __future__ import annotations

from xxgk.store import DEFAULT_DB, ENV_DB, DuplicateKey, Store, resolve
from xxgk.store.migrations import MIGRATIONS

__all__ = [
    "DEFAULT_DB",
    "ENV_DB",
    "EVENT_COLUMNS",
    "MIGRATIONS",
    "REQUEST_COLUMNS",
    "DuplicateKey",
    "Store",
    "resolve",
]

REQUEST_COLUMNS: tuple[str, ...] = (
    "id",
    "applicant_type",
    "applicant",
    "channel",
    "description",
    "received_on",
    "state",
    "outcome",
    "answered_on",
    "answer_due",
    "correction_due",
    "reply_due",
    "warnings",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "request_id",
    "kind",
    "on_date",
    "data",
    "recorded_by",
    "recorded_at",
)
