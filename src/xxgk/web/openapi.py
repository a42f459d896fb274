"""The OpenAPI description at ``/api/openapi.json``, built from the routes themselves: every
:class:`~xxgk.web.pages.ApiRoute` contributes its operation, so a new route is described by
declaring it (nothing to keep in step by hand)."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from xxgk.web.pages import ApiRoute

ERROR = {"$ref": "#/components/schemas/Error"}
COMMON_RESPONSES = {
    "400": {"description": "请求有误", "content": {"application/json": {"schema": ERROR}}},
    "401": {"description": "未登录或令牌无效", "content": {"application/json": {"schema": ERROR}}},
    "404": {
        "description": "不存在，或不在本账号的权限范围内",
        "content": {"application/json": {"schema": ERROR}},
    },
}


def _version() -> str:
    try:
        return version("xxgk")
    except PackageNotFoundError:
        return "0"


def _path_params(path: str) -> list[dict[str, Any]]:
    return [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{([^}:]+)(?::[^}]*)?}", path)
    ]


def _operation(route: ApiRoute, method: str) -> dict[str, Any]:
    doc = dict(route.doc)
    declared = list(doc.get("parameters", []))
    named = {p["name"] for p in declared}
    doc["parameters"] = declared + [p for p in _path_params(route.path) if p["name"] not in named]
    doc.setdefault("responses", {"200": {"description": "成功"}})
    doc["responses"] = {**COMMON_RESPONSES, **doc["responses"]}
    doc["operationId"] = f"{method.lower()}_{route.name}".replace(".", "_")
    if not doc.get("tags"):
        doc.pop("tags", None)
    return doc


def build(routes: list[Any]) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for route in routes:
        if not isinstance(route, ApiRoute):
            continue
        path = re.sub(r"{([^}:]+):[^}]*}", r"{\1}", route.path)
        for method in sorted(route.methods or ()):
            if method == "HEAD":
                continue
            paths.setdefault(path, {})[method.lower()] = _operation(route, method)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "xxgk 政府信息公开 API",
            "version": _version(),
            "description": "每个页面都有同数据的 JSON 版本（/x/y ↔ /api/x/y）。"
            "脚本以 Authorization: Bearer TOKEN 认证（xxgk user token NAME）。",
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "xxgk_session"},
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {
                            "type": "object",
                            "properties": {
                                "status": {"type": "integer"},
                                "type": {"type": "string"},
                                "message": {"type": "string"},
                            },
                        }
                    },
                }
            },
        },
        "security": [{"bearer": []}, {"session": []}],
    }
