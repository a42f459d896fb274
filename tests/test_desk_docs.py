"""docs/web.md lists every API route of the desk (ledger, calendar, annual report) and shows
its screenshots."""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.web.app import _collect
from xxgk.web.pages import ApiRoute

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "web.md").read_text("utf-8")
DESK = ["xxgk.web.routes.ledger", "xxgk.web.routes.calendar", "xxgk.web.routes.annual"]


def test_every_desk_route_is_in_the_docs():
    routes, _nav = _collect(DESK)
    assert len([r for r in routes if isinstance(r, ApiRoute)]) >= 12
    for route in routes:
        for method in (route.methods or set()) - {"HEAD"}:
            assert f"{method} {route.path}" in DOC, f"docs/web.md lacks {method} {route.path}"


def test_desk_screenshots_exist():
    images = set(re.findall(r"\]\((img/ledger-[^)]+\.png)\)", DOC))
    assert len(images) == 4
    for image in images:
        assert (ROOT / "docs" / image).stat().st_size < 400_000
