"""Accounts: create users, check passwords (argon2), log in with throttling, sessions and API
tokens. The rows live in :mod:`xxgk.store.accounts`; who may do what is :mod:`xxgk.access`.

Secrets (session cookies, API tokens) are random and only their SHA-256 digest is stored.
Needs the ``web`` extra (argon2-cffi)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from xxgk.access import ROLES, User
from xxgk.errors import ConfigError, XxgkError, missing_extra
from xxgk.store import accounts as rows
from xxgk.store import audit, units
from xxgk.store.db import DuplicateKey, Store

SESSION_HOURS = 12
MAX_FAILURES = 5  # per account name
MAX_CLIENT_FAILURES = 20  # per client address (offices share one behind a proxy)
WINDOW = dt.timedelta(minutes=15)
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD = 8
TOKEN_PREFIX = "xxgk_"


class LoginRefused(XxgkError):
    """Wrong name or password, or too many failures (``retry_after`` seconds)."""

    def __init__(self, message: str, *, zh: str, retry_after: int = 0) -> None:
        self.retry_after = retry_after
        super().__init__(message, zh=zh)


@dataclass(frozen=True)
class Session:
    token: str
    csrf_token: str
    user: User


HASH_PARAMS: dict[str, int] = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}
"""argon2id cost (19 MiB, 2 passes: OWASP's minimum); a stored hash records its own cost, so
raising it later keeps old passwords working."""


def _hasher() -> Any:
    try:
        from argon2 import PasswordHasher
    except ImportError:
        raise missing_extra("web", "accounts") from None
    cost = HASH_PARAMS
    return PasswordHasher(
        time_cost=cost["time_cost"],
        memory_cost=cost["memory_cost"],
        parallelism=cost["parallelism"],
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_password_rule(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ConfigError(
            f"a password has at least {MIN_PASSWORD} characters",
            zh=f"密码至少需要 {MIN_PASSWORD} 个字符",
        )


# ---------------------------------------------------------------------- users
def add_user(
    *, store: Store, name: str, role: str, unit: str | None, password: str, actor: str = "-"
) -> rows.AccountRow:
    """Create an account; a unit code new to the store is created (named by its code)."""
    if role not in ROLES:
        raise ConfigError(
            f"unknown role {role!r} (one of: {', '.join(ROLES)})",
            zh=f"未知角色 {role!r}（可选：{', '.join(ROLES)}）",
        )
    if role in ("officer", "supervisor") and not unit:
        raise ConfigError(
            f"a {role} is bound to a unit: give --unit CODE", zh="该角色须绑定单位：请给出单位代码"
        )
    if not name.strip() or len(name) > 64:
        raise ConfigError("a user name is 1–64 characters", zh="用户名须为 1–64 个字符")
    check_password_rule(password)
    hashed = _hasher().hash(password)
    with store.transaction():
        if unit:
            units.ensure_unit(store=store, code=unit)
        try:
            rows.insert_account(
                store=store, name=name, role=role, unit_code=unit, hashed=hashed, at=_stamp(_now())
            )
        except DuplicateKey:
            raise ConfigError(f"user {name!r} already exists", zh=f"用户 {name!r} 已存在") from None
        audit.record(
            store=store,
            actor=actor,
            action="user.add",
            target=f"user:{name}",
            detail={"role": role, "unit": unit},
        )
    found = rows.get_account(store=store, name=name)
    assert found is not None
    return found


def user_of(*, store: Store, account: rows.AccountRow) -> User:
    """The :class:`xxgk.access.User` of an account (a supervisor's unit tree resolved)."""
    tree: frozenset[str] = frozenset()
    if account.role == "supervisor" and account.unit_code:
        tree = frozenset(units.descendants(store=store, code=account.unit_code))
    return User(name=account.name, role=account.role, unit=account.unit_code, tree=tree)


def get_user(*, store: Store, name: str) -> User | None:
    account = rows.get_account(store=store, name=name)
    return None if account is None else user_of(store=store, account=account)


def set_password(
    *, store: Store, name: str, password: str, keep_session: str | None = None
) -> None:
    """Replace a password; every other session of the account ends."""
    check_password_rule(password)
    if rows.get_account(store=store, name=name) is None:
        raise ConfigError(f"no user {name!r}", zh=f"没有用户 {name!r}")
    hashed = _hasher().hash(password)
    with store.transaction():
        rows.update_password(store=store, name=name, hashed=hashed, at=_stamp(_now()))
        rows.delete_sessions_of(store=store, name=name, keep=digest(keep_session or ""))
        audit.record(store=store, actor=name, action="user.password", target=f"user:{name}")


def verify_password(*, store: Store, name: str, password: str) -> bool:
    """Whether ``password`` is the account's (the hash is computed for unknown names too, so
    the answer takes as long either way)."""
    hasher = _hasher()
    stored = rows.password_hash(store=store, name=name)
    try:
        matched = bool(hasher.verify(stored or _DUMMY.get(hasher), password))
    except Exception:  # argon2's VerifyMismatchError / InvalidHashError
        return False
    return matched and stored is not None


class _Dummy:
    value: str | None = None

    def get(self, hasher: Any) -> str:
        if self.value is None:
            self.value = hasher.hash(secrets.token_hex(8))
        return self.value


_DUMMY = _Dummy()


# ---------------------------------------------------------------------- login
def _locked_for(*, store: Store, key: str, now: dt.datetime) -> int:
    state = rows.throttle_state(store=store, key=key)
    if state is None or state[2] is None:
        return 0
    until = dt.datetime.fromisoformat(state[2])
    return max(0, int((until - now).total_seconds()))


def _fail(*, store: Store, key: str, now: dt.datetime) -> None:
    state = rows.throttle_state(store=store, key=key)
    failures, start = 1, now
    if state is not None and dt.datetime.fromisoformat(state[1]) + WINDOW > now:
        failures, start = state[0] + 1, dt.datetime.fromisoformat(state[1])
    limit = MAX_CLIENT_FAILURES if key.startswith("client:") else MAX_FAILURES
    locked = _stamp(now + LOCKOUT) if failures >= limit else None
    rows.put_throttle(
        store=store,
        key=key,
        failures=failures,
        window_start_at=_stamp(start),
        locked_until_at=locked,
    )


def login(*, store: Store, name: str, password: str, client: str = "-") -> Session:
    """Check the password and open a session. After :data:`MAX_FAILURES` failures within
    :data:`WINDOW` for the name, or :data:`MAX_CLIENT_FAILURES` from the client address,
    logins are refused for :data:`LOCKOUT` (even with the right password)."""
    now = _now()
    keys = (f"name:{name}", f"client:{client}")
    wait = max(_locked_for(store=store, key=k, now=now) for k in keys)
    if wait:
        minutes = wait // 60 + 1
        raise LoginRefused(
            f"too many failed logins: try again in {minutes} minutes",
            zh=f"登录失败次数过多，请 {minutes} 分钟后再试",
            retry_after=wait,
        )
    if not verify_password(store=store, name=name, password=password):
        with store.transaction():
            for key in keys:
                _fail(store=store, key=key, now=now)
            audit.record(store=store, actor="-", action="login.failed", target=f"user:{name}")
        raise LoginRefused("wrong user name or password", zh="用户名或密码不正确")
    account = rows.get_account(store=store, name=name)
    assert account is not None
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with store.transaction():
        for key in keys:
            rows.clear_throttle(store=store, key=key)
        rows.delete_expired_sessions(store=store, now=_stamp(now))
        rows.insert_session(
            store=store,
            digest=digest(token),
            name=name,
            csrf_token=csrf,
            at=_stamp(now),
            expires_at=_stamp(now + dt.timedelta(hours=SESSION_HOURS)),
        )
        audit.record(store=store, actor=name, action="login", target=f"user:{name}")
    return Session(token=token, csrf_token=csrf, user=user_of(store=store, account=account))


def session(*, store: Store, token: str) -> Session | None:
    """The live session of a cookie value (``None``: unknown or expired)."""
    found = rows.session_account(store=store, digest=digest(token), now=_stamp(_now()))
    if found is None:
        return None
    account, csrf = found
    return Session(token=token, csrf_token=csrf, user=user_of(store=store, account=account))


def logout(*, store: Store, token: str) -> None:
    found = session(store=store, token=token)
    with store.transaction():
        rows.delete_session(store=store, digest=digest(token))
        if found is not None:
            audit.record(
                store=store,
                actor=found.user.name,
                action="logout",
                target=f"user:{found.user.name}",
            )


# ---------------------------------------------------------------------- API tokens
def issue_token(*, store: Store, name: str, label: str = "") -> str:
    """A new API token for the account (shown once; only its digest is kept)."""
    if rows.get_account(store=store, name=name) is None:
        raise ConfigError(f"no user {name!r}", zh=f"没有用户 {name!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.transaction():
        rows.insert_token(
            store=store, digest=digest(token), name=name, label=label, at=_stamp(_now())
        )
        audit.record(store=store, actor=name, action="token.issue", target=f"user:{name}")
    return token


def token_user(*, store: Store, token: str) -> User | None:
    account = rows.token_account(store=store, digest=digest(token))
    return None if account is None else user_of(store=store, account=account)
