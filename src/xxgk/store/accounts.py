"""Queries of the accounts tables (:mod:`xxgk.store.schema.accounts`): accounts, sessions,
API tokens and login throttling. The behaviour (hashing, throttling policy, who may log in)
lives in :mod:`xxgk.accounts`; this module only reads and writes rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from xxgk.store.db import Store

_ACCOUNT = "name, role, unit_code, active, created_at, password_changed_at"


@dataclass(frozen=True)
class AccountRow:
    name: str
    role: str
    unit_code: str | None
    active: bool
    created_at: str
    password_changed_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "unit": self.unit_code,
            "active": self.active,
            "created_at": self.created_at,
            "password_changed_at": self.password_changed_at,
        }


def _account(row: tuple[Any, ...] | None) -> AccountRow | None:
    if row is None:
        return None
    name, role, unit, active, created, changed = row
    return AccountRow(name, role, unit, bool(active), created, changed)


def get_account(*, store: Store, name: str) -> AccountRow | None:
    return _account(store.one(f"SELECT {_ACCOUNT} FROM account WHERE name = ?", (name,)))


def list_accounts(*, store: Store) -> list[AccountRow]:
    rows = store.all(f"SELECT {_ACCOUNT} FROM account ORDER BY name")
    return [a for a in map(_account, rows) if a is not None]


def password_hash(*, store: Store, name: str) -> str | None:
    row = store.one("SELECT password_hash FROM account WHERE name = ? AND active = 1", (name,))
    return str(row[0]) if row else None


def insert_account(
    *, store: Store, name: str, role: str, unit_code: str | None, hashed: str, at: str
) -> None:
    store.execute(
        "INSERT INTO account (name, role, unit_code, password_hash, active, created_at,"
        " password_changed_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
        (name, role, unit_code, hashed, at, at),
    )


def update_password(*, store: Store, name: str, hashed: str, at: str) -> None:
    store.execute(
        "UPDATE account SET password_hash = ?, password_changed_at = ? WHERE name = ?",
        (hashed, at, name),
    )


# ---------------------------------------------------------------------- sessions
def insert_session(
    *, store: Store, digest: str, name: str, csrf_token: str, at: str, expires_at: str
) -> None:
    store.execute(
        "INSERT INTO web_session (digest, account_name, csrf_token, created_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (digest, name, csrf_token, at, expires_at),
    )


def session_account(*, store: Store, digest: str, now: str) -> tuple[AccountRow, str] | None:
    """The live session's account and its CSRF token (``None``: unknown, expired, disabled)."""
    row = store.one(
        f"SELECT s.csrf_token, {', '.join('a.' + c.strip() for c in _ACCOUNT.split(','))}"
        " FROM web_session s JOIN account a ON a.name = s.account_name"
        " WHERE s.digest = ? AND s.expires_at > ? AND a.active = 1",
        (digest, now),
    )
    if row is None:
        return None
    account = _account(row[1:])
    assert account is not None
    return account, str(row[0])


def delete_session(*, store: Store, digest: str) -> None:
    store.execute("DELETE FROM web_session WHERE digest = ?", (digest,))


def delete_expired_sessions(*, store: Store, now: str) -> None:
    store.execute("DELETE FROM web_session WHERE expires_at <= ?", (now,))


def delete_sessions_of(*, store: Store, name: str, keep: str | None = None) -> None:
    store.execute(
        "DELETE FROM web_session WHERE account_name = ? AND digest <> ?", (name, keep or "")
    )


# ---------------------------------------------------------------------- API tokens
def insert_token(*, store: Store, digest: str, name: str, label: str, at: str) -> None:
    store.execute(
        "INSERT INTO api_token (digest, account_name, label, created_at) VALUES (?, ?, ?, ?)",
        (digest, name, label, at),
    )


def token_account(*, store: Store, digest: str) -> AccountRow | None:
    cols = ", ".join("a." + c.strip() for c in _ACCOUNT.split(","))
    return _account(
        store.one(
            f"SELECT {cols} FROM api_token t JOIN account a ON a.name = t.account_name"
            " WHERE t.digest = ? AND a.active = 1",
            (digest,),
        )
    )


def count_tokens(*, store: Store, name: str) -> int:
    row = store.one("SELECT COUNT(*) FROM api_token WHERE account_name = ?", (name,))
    return int(row[0]) if row else 0


# ---------------------------------------------------------------------- throttling
def throttle_state(*, store: Store, key: str) -> tuple[int, str, str | None] | None:
    """``(failures, window_start_at, locked_until_at)`` for one key."""
    row = store.one(
        "SELECT failures, window_start_at, locked_until_at FROM login_throttle WHERE key = ?",
        (key,),
    )
    return (int(row[0]), str(row[1]), row[2]) if row else None


def put_throttle(
    *, store: Store, key: str, failures: int, window_start_at: str, locked_until_at: str | None
) -> None:
    store.execute("DELETE FROM login_throttle WHERE key = ?", (key,))
    store.execute(
        "INSERT INTO login_throttle (key, failures, window_start_at, locked_until_at)"
        " VALUES (?, ?, ?, ?)",
        (key, failures, window_start_at, locked_until_at),
    )


def clear_throttle(*, store: Store, key: str) -> None:
    store.execute("DELETE FROM login_throttle WHERE key = ?", (key,))
