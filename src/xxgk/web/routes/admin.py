"""The admin's pages: the list of accounts, and adding one."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk import access, accounts
from xxgk.errors import ConfigError
from xxgk.store import accounts as account_rows
from xxgk.web import pages

FORM_ROLES = ("officer", "supervisor", "admin")  # the form offers the most common first


def users(request: Request) -> dict[str, Any]:
    access.require(pages.user(request), "users.manage")
    store = pages.store(request)
    rows = account_rows.list_accounts(store=store)
    return {
        "users": [
            {
                **row.to_dict(),
                "role_label": access.ROLE_LABELS.get(row.role, row.role),
                "tokens": account_rows.count_tokens(store=store, name=row.name),
            }
            for row in rows
        ],
        "roles": [{"role": r, "label": access.ROLE_LABELS[r]} for r in FORM_ROLES],
    }


def _add(request: Request, given: dict[str, Any]) -> dict[str, Any]:
    who = pages.user(request)
    access.require(who, "users.manage")
    assert who is not None
    row = accounts.add_user(
        store=pages.store(request),
        name=str(given.get("name", "")).strip(),
        role=str(given.get("role", "")),
        unit=str(given.get("unit") or "").strip() or None,
        password=str(given.get("password", "")),
        actor=who.name,
    )
    return row.to_dict()


def add_user_form(request: Request) -> Response:
    given = {k: pages.field(request, k) for k in ("name", "role", "unit")}
    given["password"] = pages.field(request, "password", strip=False)
    try:
        _add(request, given)
    except ConfigError as exc:
        data = {**users(request), "error": exc.message_zh, "given": {**given, "password": ""}}
        return pages.page(request, "admin/users.html", data, status=400)
    return pages.redirect("/admin/users")


def add_user_api(request: Request) -> Response:
    return pages.api(_add(request, pages.json_body(request)), status=201)


USER_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["name", "role", "password"],
                "properties": {
                    "name": {"type": "string"},
                    "role": {"enum": list(access.ROLES)},
                    "unit": {"type": "string"},
                    "password": {"type": "string", "minLength": 8},
                },
            }
        }
    },
}

routes = [
    *pages.twin(
        "/admin/users",
        "admin/users.html",
        users,
        summary="账号列表（仅管理员）",
        name="admin.users",
        tags=["账号"],
    ),
    Route("/admin/users", add_user_form, methods=["POST"], name="admin.add_user"),
    pages.api_route(
        "/api/admin/users",
        add_user_api,
        methods=["POST"],
        body=USER_BODY,
        summary="新增账号（仅管理员）",
        name="api.admin.add_user",
        tags=["账号"],
        responses={"201": {"description": "已创建"}},
    ),
]
nav = [("/admin/users", "账号管理", "users.manage")]
