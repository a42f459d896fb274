"""JSON Lines: one record per input file, one line each, in input order."""

from __future__ import annotations

from typing import Any

from xxgk.output.jsonout import dumps


def render(record: dict[str, Any]) -> str:
    return dumps(record) + "\n"
