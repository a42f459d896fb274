"""Review and publication: submissions, reviews and comments, finding marks, published
versions and the public full-text index (the web app, part 2)."""

from __future__ import annotations

STEPS: tuple[tuple[str, ...], ...] = ()
