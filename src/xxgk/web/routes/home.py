"""The home page: what this account can open."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from xxgk.web import pages


def home(request: Request) -> dict[str, Any]:
    who = pages.user(request)
    return {
        "user": who.to_dict() if who else None,
        "links": [
            {"path": path, "label": label} for path, label in pages.context(request, {})["nav"]
        ],
    }


routes = [*pages.twin("/", "home.html", home, summary="首页：当前账号可用的功能", name="home")]
