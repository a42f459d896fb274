"""Error answers in Chinese, never a stack trace: JSON under ``/api/``, an HTML page elsewhere."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import escape

TITLES = {
    400: "请求有误",
    401: "需要登录",
    403: "无权访问",
    404: "页面不存在",
    405: "请求方法不被允许",
    413: "上传的内容过大",
    415: "无法识别的文件格式",
    422: "无法读取",
    429: "请求过于频繁",
    500: "服务器内部错误",
    504: "处理超时",
}
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported",
    422: "unreadable",
    429: "too_many",
    500: "internal",
    504: "timeout",
}


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def title(status: int) -> str:
    return TITLES.get(status, "出错了")


def json_body(status: int, message: str) -> bytes:
    payload = {"error": {"status": status, "type": CODES.get(status, "error"), "message": message}}
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def plain_page(status: int, message: str) -> bytes:
    """A self-contained error page for answers given before the templates are reached."""
    head = escape(title(status))
    body = escape(message)
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<title>{head}</title><link rel="stylesheet" href="/static/app.css"></head>'
        f'<body><main class="error"><h1>{status} {head}</h1><p>{body}</p>'
        '<p><a href="/">返回首页</a></p></main></body></html>'
    ).encode()


async def send_error(send: Any, path: str, status: int, message: str) -> None:
    """Answer a raw ASGI request with an error (used by middleware)."""
    api = is_api(path)
    body = json_body(status, message) if api else plain_page(status, message)
    kind = b"application/json" if api else b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
