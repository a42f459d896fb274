"""The middleware every request passes: security headers, then the guard (who is asking, the
upload size limit, CSRF), in that order. Both are plain ASGI so nothing is buffered twice."""

from __future__ import annotations

import logging
from typing import Any

import anyio
from starlette.requests import Request

from xxgk.web import auth
from xxgk.web.errors import is_api, send_error
from xxgk.web.stores import Stores

log = logging.getLogger("xxgk.web")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class SecurityHeaders:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if not static and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class Guard:
    """Resolves the caller, enforces the body size limit and CSRF, and keeps the parsed form
    (``scope["state"]["form"]``) and raw body (``["body"]``) for the sync routes."""

    def __init__(self, app: Any, *, stores: Stores, max_body: int, secure_cookies: bool) -> None:
        self.app = app
        self.stores = stores
        self.max_body = max_body
        self.secure = secure_cookies

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if auth.needs_store(scope):
            caller = await anyio.to_thread.run_sync(self._resolve, scope)
        else:  # the public: nothing to look up, no thread hop
            caller = auth.resolve(store=None, scope=scope)
        state = scope.setdefault("state", {})
        state["caller"] = caller
        if caller.via == "token" and caller.user is None:
            await send_error(send, path, 401, "API 令牌无效或已停用")
            return
        send = self._cookie_sender(send, caller)
        if scope["method"] not in UNSAFE:
            await self.app(scope, receive, send)
            return
        body = await self._read_body(scope, receive)
        if body is None:
            limit = self.max_body // (1024 * 1024)
            await send_error(send, path, 413, f"上传的内容超过 {limit} MB 的上限")
            return
        await self._guarded(scope, body, caller, send, receive)

    def _resolve(self, scope: dict[str, Any]) -> auth.Caller:
        return auth.resolve(store=self.stores.get(), scope=scope)

    async def _guarded(
        self, scope: dict[str, Any], body: bytes, caller: auth.Caller, send: Any, receive: Any
    ) -> None:
        state, path = scope["state"], scope["path"]
        state["body"] = body
        form = None
        content_type = (auth.header(scope, "content-type") or "").lower()
        if content_type.startswith(FORM_TYPES):
            try:
                form = await Request(scope, _replay(body)).form(max_part_size=self.max_body)
            except Exception:  # a malformed form body is the caller's error
                await send_error(send, path, 400, "表单内容无法解析")
                return
        state["form"] = form
        try:
            if self._csrf_needed(path, caller):
                given = auth.header(scope, auth.CSRF_HEADER)
                if given is None and form is not None:
                    value = form.get(auth.CSRF_FIELD)
                    given = value if isinstance(value, str) else None
                if not auth.csrf_ok(caller.csrf_token, given):
                    message = "表单已过期或来源无法确认（CSRF 校验失败），请刷新页面后重试"
                    await send_error(send, path, 403, message)
                    return
            await self.app(scope, _replay(body, then=receive), send)
        finally:
            if form is not None:
                await form.close()

    @staticmethod
    def _csrf_needed(path: str, caller: auth.Caller) -> bool:
        if caller.via == "token":
            return False
        return not is_api(path) or caller.via == "session"

    async def _read_body(self, scope: dict[str, Any], receive: Any) -> bytes | None:
        declared = auth.header(scope, "content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body:
            return None
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _cookie_sender(self, send: Any, caller: auth.Caller) -> Any:
        if not caller.new_csrf_cookie:
            return send
        cookie = auth.cookie_header(
            auth.CSRF_COOKIE, caller.csrf_token, max_age=None, secure=self.secure
        )

        async def sender(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), (b"set-cookie", cookie)]
                message = {**message, "headers": headers}
            await send(message)

        return sender


def _replay(body: bytes, then: Any = None) -> Any:
    """A ``receive`` that hands over the buffered body once, then waits on ``then`` (the
    connection's own receive, which reports the client's disconnect)."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            if then is None:
                return {"type": "http.disconnect"}
            return dict(await then())
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
