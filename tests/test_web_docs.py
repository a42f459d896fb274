"""docs/web.md describes web-core's API routes and shows screenshots that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xxgk.web import cli
from xxgk.web.app import _collect
from xxgk.web.pages import ApiRoute

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "web.md").read_text("utf-8")
WEB_CORE = [
    "xxgk.web.routes.home",
    "xxgk.web.routes.auth",
    "xxgk.web.routes.admin",
    "xxgk.web.routes.check",
]


def test_every_web_core_api_route_is_in_the_docs():
    routes, _nav = _collect(WEB_CORE)
    api = [r for r in routes if isinstance(r, ApiRoute)]
    assert len(api) >= 5
    for route in api:
        for method in route.methods - {"HEAD"}:
            assert f"{method} {route.path}" in DOC, f"docs/web.md lacks {method} {route.path}"


def test_the_screenshots_exist_and_are_small():
    images = re.findall(r"\]\((img/[^)]+\.png)\)", DOC)
    assert {"img/check-form.png", "img/check-result.png", "img/login.png"} <= set(images)
    for image in images:
        path = ROOT / "docs" / image
        assert path.is_file(), image
        assert path.stat().st_size < 400_000, f"{image} is too large for the docs"


@pytest.mark.parametrize("command", [cli.serve, *cli.user.commands.values()], ids=lambda c: c.name)
def test_every_cli_option_is_in_the_docs(command):
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in DOC, f"docs/web.md lacks {command.name} {opt}"
