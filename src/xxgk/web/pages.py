"""What every route uses: render a page, answer JSON, read a form, declare a route with its
API description.

Convention: the page at ``/x/y`` has a JSON twin at ``/api/x/y`` with the same ``data``.
:func:`twin` builds both from one view function ``view(request) -> dict``; :func:`api_route`
declares an API-only route. Both record the OpenAPI description (:mod:`xxgk.web.openapi`).
Routes are plain ``def`` functions: Starlette runs them in its thread pool, so they may call
the (blocking) store directly through :func:`store`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from xxgk import access
from xxgk.errors import ConfigError
from xxgk.output.jsonout import dumps, loads
from xxgk.store.db import Store
from xxgk.web import auth

TEMPLATES = Path(__file__).resolve().parent / "templates"
View = Callable[[Request], dict[str, Any]]

ENV = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def when(value: str | None) -> str:
    """An ISO timestamp as Beijing time for display: ``2026-12-02 10:04`` (``|when`` filter)."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(BEIJING)
    return moment.strftime("%Y-%m-%d %H:%M")


BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")
ENV.filters["when"] = when
NAV: list[tuple[str, str, str | None]] = []
"""``(path, label, action)`` of the menu; an entry shows when ``access.can(user, action)``
(``None``: everyone). Filled by :func:`xxgk.web.app.create_app` from each route module's
``nav`` list."""


class ApiRoute(Route):
    """A route with its OpenAPI operation (``doc``: summary, parameters, requestBody, …)."""

    def __init__(
        self,
        path: str,
        endpoint: Callable[..., Any],
        *,
        doc: dict[str, Any],
        methods: Sequence[str] = ("GET",),
        name: str | None = None,
    ) -> None:
        super().__init__(path, endpoint, methods=list(methods), name=name)
        self.doc = doc


# ---------------------------------------------------------------------- requests
def store(request: Request) -> Store:
    """The store of this worker thread."""
    return request.app.state.stores.get()


def user(request: Request) -> access.User | None:
    return auth.current_user(request)


def form(request: Request) -> FormData:
    """The POSTed form (parsed once by the guard middleware, CSRF already checked)."""
    found = request.scope.get("state", {}).get("form")
    return found if isinstance(found, FormData) else FormData()


def field(request: Request, name: str, default: str = "", *, strip: bool = True) -> str:
    """A text field of the POSTed form (stripped, unless ``strip=False`` — passwords)."""
    value = form(request).get(name)
    if not isinstance(value, str):
        return default
    return value.strip() if strip else value


def upload(request: Request, name: str = "file") -> UploadFile | None:
    value = form(request).get(name)
    return value if isinstance(value, UploadFile) and value.filename else None


def json_body(request: Request) -> dict[str, Any]:
    """The POSTed JSON object (``ConfigError`` — a 400 — when it is not one)."""
    raw = request.scope.get("state", {}).get("body", b"")
    try:
        data = loads(raw.decode("utf-8")) if raw else {}
    except (UnicodeDecodeError, ValueError):
        raise ConfigError(
            "the request body is not valid JSON", zh="请求体不是有效的 JSON"
        ) from None
    if not isinstance(data, dict):
        raise ConfigError("the request body must be a JSON object", zh="请求体应为 JSON 对象")
    return data


# ---------------------------------------------------------------------- answers
def jsonable(value: Any) -> Any:
    """Plain JSON data from what views return (dataclasses, ``to_dict``, dates, sets)."""
    if value is None or isinstance(value, (str, int, float, bool, Decimal)):
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return jsonable(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    return str(value)


def api(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON answer (Decimals exact, Chinese unescaped)."""
    body = dumps(jsonable(data)).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def context(request: Request, data: dict[str, Any]) -> dict[str, Any]:
    """What every template sees besides its ``data``."""
    who = user(request)
    return {
        **data,
        "data": data,
        "request": request,
        "user": who,
        "role_label": access.ROLE_LABELS.get(who.role, "") if who else "",
        "nav": [(p, label) for p, label, act in NAV if act is None or access.can(who, act)],
        "csrf_token": auth.csrf_token(request),
        "csrf_input": lambda: auth.csrf_input(request),
    }


def page(
    request: Request,
    template: str,
    data: dict[str, Any],
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render ``templates/<template>`` with ``data`` (autoescaped)."""
    html = ENV.get_template(template).render(context(request, data))
    return HTMLResponse(html, status_code=status, headers=headers)


def redirect(url: str) -> RedirectResponse:
    """After a successful POST: see the result page (303)."""
    return RedirectResponse(url, status_code=303)


def download(content: bytes, filename: str, media_type: str) -> Response:
    from urllib.parse import quote

    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type, headers={"content-disposition": disposition})


# ---------------------------------------------------------------------- routes
def twin(
    path: str,
    template: str,
    view: View,
    *,
    summary: str,
    name: str,
    params: Sequence[dict[str, Any]] = (),
    tags: Sequence[str] = (),
) -> list[Route]:
    """A GET page at ``path`` and its JSON twin at ``/api`` + ``path`` from one view."""

    def html(request: Request) -> Response:
        return page(request, template, view(request))

    def json(request: Request) -> Response:
        return api(view(request))

    doc = {"summary": summary, "parameters": list(params), "tags": list(tags), "x-page": path}
    return [
        Route(path, html, methods=["GET"], name=name),
        ApiRoute(
            "/api" + path if path != "/" else "/api",
            json,
            doc=doc,
            methods=["GET"],
            name=f"api.{name}",
        ),
    ]


def api_route(
    path: str,
    endpoint: Callable[[Request], Response | Awaitable[Response]],
    *,
    summary: str,
    methods: Sequence[str] = ("GET",),
    name: str | None = None,
    params: Sequence[dict[str, Any]] = (),
    body: dict[str, Any] | None = None,
    responses: dict[str, Any] | None = None,
    tags: Sequence[str] = (),
    public: bool = False,
) -> ApiRoute:
    """An ``/api/…`` route with its OpenAPI description; ``body`` is the requestBody object,
    ``public`` marks an operation that needs no login."""
    doc: dict[str, Any] = {"summary": summary, "parameters": list(params), "tags": list(tags)}
    if body is not None:
        doc["requestBody"] = body
    if responses is not None:
        doc["responses"] = responses
    if public:
        doc["security"] = []
    return ApiRoute(path, endpoint, doc=doc, methods=methods, name=name)


def query_param(
    name: str, description: str, *, required: bool = False, schema: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def path_param(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


__all__ = [
    "ApiRoute",
    "api",
    "api_route",
    "download",
    "field",
    "form",
    "json_body",
    "jsonable",
    "page",
    "path_param",
    "query_param",
    "redirect",
    "store",
    "twin",
    "upload",
    "user",
]
