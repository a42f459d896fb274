"""The audit log: who did what to which object, and when.

``record`` is called inside the caller's transaction when there is one, so an action and its
audit entry are written together. ``detail`` is a small JSON-serialisable dict; it never holds
an applicant's personal data (only that it was viewed)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from xxgk.store.db import Store


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "detail": self.detail,
        }


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def record(
    *,
    store: Store,
    actor: str,
    action: str,
    target: str = "",
    detail: dict[str, Any] | None = None,
    at: str | None = None,
) -> None:
    """Append one entry (``actor`` is an account name, or ``-`` for the public)."""
    store.execute(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        (at or now(), actor, action, target, json.dumps(detail or {}, ensure_ascii=False)),
    )


def entries(
    *, store: Store, target: str | None = None, actor: str | None = None, limit: int = 200
) -> list[AuditEntry]:
    """The latest entries (newest first), optionally of one target or one actor."""
    where, params = [], []
    if target is not None:
        where.append("target = ?")
        params.append(target)
    if actor is not None:
        where.append("actor = ?")
        params.append(actor)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = store.all(
        f"SELECT id, at, actor, action, target, detail FROM audit_log{clause}"
        f" ORDER BY id DESC LIMIT {int(limit)}",
        params,
    )
    return [AuditEntry(int(r[0]), r[1], r[2], r[3], r[4], json.loads(r[5] or "{}")) for r in rows]
