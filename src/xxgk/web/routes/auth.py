"""Log in, log out, change the password; ``/api/me`` says who a token or session is."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk import accounts
from xxgk.errors import ConfigError
from xxgk.web import auth, pages


def _safe_next(target: str) -> str:
    """Only a path on this site (no ``//host`` or scheme): an open redirect is refused."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _login_cookie(value: str, max_age: int, request: Request) -> tuple[str, str]:
    secure = bool(getattr(request.app.state, "secure_cookies", False))
    header = auth.cookie_header(auth.SESSION_COOKIE, value, max_age=max_age, secure=secure)
    return "set-cookie", header.decode("latin-1")


async def login_form(request: Request) -> Response:
    data = {"next": _safe_next(request.query_params.get("next", "/")), "error": None, "name": ""}
    return pages.page(request, "auth/login.html", data)


def login(request: Request) -> Response:
    name = pages.field(request, "name")
    password = pages.field(request, "password", strip=False)
    target = _safe_next(pages.field(request, "next", "/") or "/")
    client = request.client.host if request.client else "-"
    try:
        opened = accounts.login(
            store=pages.store(request), name=name, password=password, client=client
        )
    except accounts.LoginRefused as exc:
        data = {"next": target, "error": exc.message_zh, "name": name}
        headers = {"retry-after": str(exc.retry_after)} if exc.retry_after else None
        return pages.page(
            request,
            "auth/login.html",
            data,
            status=429 if exc.retry_after else 401,
            headers=headers,
        )
    response = pages.redirect(target)
    key, value = _login_cookie(opened.token, accounts.SESSION_HOURS * 3600, request)
    response.headers.append(key, value)
    return response


def logout(request: Request) -> Response:
    caller = auth.caller(request)
    if caller.session_token:
        accounts.logout(store=pages.store(request), token=caller.session_token)
    response = pages.redirect("/login")
    key, value = _login_cookie("", 0, request)
    response.headers.append(key, value)
    return response


def password_form(request: Request) -> Response:
    auth.require_login(request)
    return pages.page(request, "auth/password.html", {"error": None, "done": False})


def password_change(request: Request) -> Response:
    who = auth.require_login(request)
    old = pages.field(request, "old", strip=False)
    new = pages.field(request, "new", strip=False)
    store = pages.store(request)
    error = None
    if not accounts.verify_password(store=store, name=who.name, password=old):
        error = "原密码不正确"
    elif new != pages.field(request, "repeat", strip=False):
        error = "两次输入的新密码不一致"
    else:
        try:
            accounts.set_password(
                store=store,
                name=who.name,
                password=new,
                keep_session=auth.caller(request).session_token,
            )
        except ConfigError as exc:
            error = exc.message_zh
    status = 400 if error else 200
    return pages.page(
        request, "auth/password.html", {"error": error, "done": not error}, status=status
    )


def me(request: Request) -> Response:
    who = auth.require_login(request)
    data: dict[str, Any] = who.to_dict()
    return pages.api(data)


routes = [
    Route("/login", login_form, methods=["GET"], name="login_form"),
    Route("/login", login, methods=["POST"], name="login"),
    Route("/logout", logout, methods=["POST"], name="logout"),
    Route("/account/password", password_form, methods=["GET"], name="password_form"),
    Route("/account/password", password_change, methods=["POST"], name="password"),
    pages.api_route(
        "/api/me",
        me,
        summary="当前账号（令牌或会话对应的用户、角色、单位）",
        name="api.me",
        tags=["账号"],
    ),
]
