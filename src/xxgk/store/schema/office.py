"""The supervising office: fetched archive, collected reports, status overrides (exempt)."""

from __future__ import annotations

STEPS: tuple[tuple[str, ...], ...] = ()
