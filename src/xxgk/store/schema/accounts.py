"""Web accounts: users, roles, sessions, API tokens, the audit log (the web app, part 1)."""

from __future__ import annotations

STEPS: tuple[tuple[str, ...], ...] = ()
