"""Every route of the app, with every role (STYLE 14): nothing answers 500, an API call
without a login is 401 unless the operation is public, and every /api route is described."""

from __future__ import annotations

# ruff: noqa: F811  (pytest fixtures imported from web_support)
import re

import pytest

from web_support import client_for, token_client_for, web_app  # noqa: F401
from xxgk.web.pages import ApiRoute

ROLES = [None, ("officer", "A"), ("supervisor", "A"), ("admin", None)]
ALLOWED = {200, 303, 400, 401, 403, 404, 422}


@pytest.fixture
def app_store(tmp_path):
    return str(tmp_path / "routes.db")


def _get_paths(app) -> list[tuple[str, bool]]:
    """(path with its parameters filled, public?) of every GET route."""
    out = []
    for route in app.routes:
        methods = getattr(route, "methods", None) or set()
        if "GET" not in methods:
            continue
        path = re.sub(r"{year[^}]*}", "2025", route.path)
        path = re.sub(r"{[^}]+}", "x", path)
        public = isinstance(route, ApiRoute) and route.doc.get("security") == []
        out.append((path, public))
    return out


@pytest.mark.parametrize("who", ROLES, ids=lambda w: w[0] if w else "public")
def test_no_get_route_answers_500(web_app, client_for, who):
    client = client_for(*who) if who else client_for(None)
    for path, _public in _get_paths(web_app):
        status = client.get(path, follow_redirects=False).status_code
        assert status in ALLOWED, f"GET {path} as {who}: {status}"


def test_unauthenticated_api_calls_are_401(web_app, client_for):
    public = client_for(None)
    for path, is_public in _get_paths(web_app):
        if not path.startswith("/api/") or is_public or path == "/api/openapi.json":
            continue
        status = public.get(path).status_code
        assert status == 401, f"GET {path} without login: {status}"


def test_every_api_route_is_described(web_app):
    for route in web_app.routes:
        path = getattr(route, "path", "")
        if path.startswith("/api") and path != "/api/openapi.json":
            assert isinstance(route, ApiRoute), f"{path} has no OpenAPI description"
