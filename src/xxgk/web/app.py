"""The ASGI app: ``create_app(db)`` → Starlette, with every route module of
:data:`ROUTE_MODULES`, the middleware (security headers, who is asking, CSRF, upload limit) and
error pages in Chinese (no stack trace ever reaches the browser)."""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from xxgk.access import LoginRequired, Refused
from xxgk.errors import XxgkError
from xxgk.store.db import resolve
from xxgk.web import errors, openapi, pages
from xxgk.web.middleware import Guard, SecurityHeaders
from xxgk.web.stores import Stores

log = logging.getLogger("xxgk.web")
STATIC = Path(__file__).resolve().parent / "static"
MAX_UPLOAD = 20 * 1024 * 1024

ROUTE_MODULES: list[str] = [
    "xxgk.web.routes.home",
    "xxgk.web.routes.auth",
    "xxgk.web.routes.admin",
    "xxgk.web.routes.check",
    "xxgk.web.routes.ledger",
    "xxgk.web.routes.calendar",
    "xxgk.web.routes.annual",
    "xxgk.web.routes.office",
    "xxgk.web.routes.review",
    "xxgk.web.routes.public",
]
"""Each module exposes ``routes`` (a list of Starlette routes) and may expose ``nav``
(``[(path, label, action)]``). Other areas add their module here (one line each)."""


def _collect(modules: list[str]) -> tuple[list[Any], list[tuple[str, str, str | None]]]:
    routes: list[Any] = []
    nav: list[tuple[str, str, str | None]] = []
    for name in modules:
        module = importlib.import_module(name)
        routes.extend(module.routes)
        nav.extend(getattr(module, "nav", []))
    return routes, nav


def create_app(
    db: str | None = None,
    *,
    max_upload: int = MAX_UPLOAD,
    secure_cookies: bool = False,
    check_timeout: float = 60.0,
    modules: list[str] | None = None,
) -> Starlette:
    """The web app on the store ``db`` (SQLite path or PostgreSQL URL; default ``XXGK_DB`` or
    ``xxgk.db``, created when missing)."""
    stores = Stores(resolve(db))
    routes, nav = _collect(modules or ROUTE_MODULES)
    pages.NAV[:] = nav
    spec_holder: dict[str, Any] = {}

    def openapi_json(request: Request) -> Response:
        if "spec" not in spec_holder:
            spec_holder["spec"] = openapi.build(list(request.app.routes))
        return pages.api(spec_holder["spec"])

    routes = [
        *routes,
        Route("/api/openapi.json", openapi_json, methods=["GET"], name="openapi"),
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        stores.close()

    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(Guard, stores=stores, max_body=max_upload, secure_cookies=secure_cookies),
        ],
        exception_handlers={
            Refused: _refused,
            XxgkError: _xxgk_error,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
        lifespan=lifespan,
    )
    app.state.stores = stores
    app.state.check_timeout = check_timeout
    app.state.max_upload = max_upload
    app.state.secure_cookies = secure_cookies
    return app


def app_from_env() -> Starlette:
    """The factory ``xxgk serve`` hands to uvicorn: the store from ``XXGK_DB``, the settings
    from ``XXGK_WEB_SECURE_COOKIES`` (1/0), ``XXGK_WEB_UPLOAD_MB``, ``XXGK_WEB_CHECK_TIMEOUT``."""
    env = os.environ
    return create_app(
        secure_cookies=env.get("XXGK_WEB_SECURE_COOKIES") == "1",
        max_upload=int(float(env.get("XXGK_WEB_UPLOAD_MB") or MAX_UPLOAD / 2**20) * 2**20),
        check_timeout=float(env.get("XXGK_WEB_CHECK_TIMEOUT") or 60.0),
    )


# ---------------------------------------------------------------------- error answers
def error(request: Request, status: int, message: str) -> Response:
    if errors.is_api(request.url.path):
        return Response(
            errors.json_body(status, message), status_code=status, media_type="application/json"
        )
    data = {"status": status, "title": errors.title(status), "message": message}
    try:
        return pages.page(request, "error.html", data, status=status)
    except Exception:  # the error page itself must never fail
        return Response(
            errors.plain_page(status, message), status_code=status, media_type="text/html"
        )


def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    if isinstance(exc, LoginRequired) and not errors.is_api(request.url.path):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    return error(request, exc.status, exc.message_zh)


def _xxgk_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, XxgkError)
    status = int(getattr(exc, "status", 400))
    return error(request, status, exc.text("zh"))


HTTP_MESSAGES = {404: "您访问的页面不存在", 405: "此地址不接受该请求方法"}


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = HTTP_MESSAGES.get(exc.status_code, errors.title(exc.status_code))
    return error(request, exc.status_code, message)


def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error(request, 500, "服务器内部错误，请稍后再试；问题已记录在服务器日志中")
