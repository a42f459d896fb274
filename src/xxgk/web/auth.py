"""Who is asking, for every request: the session cookie or an ``Authorization: Bearer`` token
→ ``request.state.user`` (an :class:`xxgk.access.User`, ``None`` for the public), and the
CSRF token forms must carry.

CSRF: a logged-in browser's forms carry its session's token (synchronizer token); the public's
forms (the login form, the check page) carry the value of the ``xxgk_csrf`` cookie
(double-submit). Every POST to a page, and every POST to ``/api/`` that comes with a session
cookie, must send the token as the form field ``csrf_token`` or the header ``X-CSRF-Token``.
Calls with a Bearer token are exempt (no cookie is involved)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

from markupsafe import Markup, escape

from xxgk import accounts
from xxgk.access import LoginRequired, User
from xxgk.store.db import Store

SESSION_COOKIE = "xxgk_session"
CSRF_COOKIE = "xxgk_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass
class Caller:
    """What the auth middleware found out about one request (``scope["state"]``)."""

    user: User | None = None
    via: str = "public"  # public | session | token
    session_token: str | None = None
    csrf_token: str = ""
    new_csrf_cookie: bool = False


def cookies(scope: dict[str, Any]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for key, value in scope.get("headers", ()):
        if key == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is ignored, not an error
                continue
    return {k: m.value for k, m in jar.items()}


def header(scope: dict[str, Any], name: str) -> str | None:
    wanted = name.lower().encode("latin-1")
    for key, value in scope.get("headers", ()):
        if key == wanted:
            return str(value.decode("latin-1"))
    return None


def bearer(scope: dict[str, Any]) -> str | None:
    value = header(scope, "authorization")
    if value and value[:7].lower() == "bearer ":
        return value[7:].strip()
    return None


def needs_store(scope: dict[str, Any]) -> bool:
    """Whether the request carries a token or a session cookie to look up."""
    return bearer(scope) is not None or SESSION_COOKIE in cookies(scope)


def resolve(*, store: Store | None, scope: dict[str, Any]) -> Caller:
    """The caller of one request (run in a worker thread when it reads the store; ``store``
    may be ``None`` only when :func:`needs_store` says no)."""
    jar = cookies(scope)
    token = bearer(scope)
    if token is not None and store is not None:
        return Caller(user=accounts.token_user(store=store, token=token), via="token")
    session_token = jar.get(SESSION_COOKIE)
    if session_token and store is not None:
        found = accounts.session(store=store, token=session_token)
        if found is not None:
            return Caller(found.user, "session", session_token, found.csrf_token)
    anonymous = jar.get(CSRF_COOKIE)
    if anonymous and 20 <= len(anonymous) <= 100:
        return Caller(csrf_token=anonymous)
    return Caller(csrf_token=secrets.token_urlsafe(32), new_csrf_cookie=True)


def caller(request: Any) -> Caller:
    found = request.scope.get("state", {}).get("caller")
    return found if isinstance(found, Caller) else Caller()


def current_user(request: Any) -> User | None:
    return caller(request).user


def require_login(request: Any) -> User:
    """The logged-in user, or :class:`~xxgk.access.LoginRequired` (401 / to the login page)."""
    user = current_user(request)
    if user is None:
        raise LoginRequired()
    return user


def csrf_token(request: Any) -> str:
    return caller(request).csrf_token


def csrf_input(request: Any) -> Markup:
    """The hidden form field every ``<form method="post">`` carries (``{{ csrf_input() }}``)."""
    value = escape(csrf_token(request))
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{value}">')


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(expected) and given is not None and secrets.compare_digest(expected, given)


def cookie_header(name: str, value: str, *, max_age: int | None, secure: bool) -> bytes:
    parts = [f"{name}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts).encode("latin-1")
