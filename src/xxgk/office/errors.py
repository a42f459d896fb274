"""The office's refusals: subclasses of :class:`xxgk.errors.XxgkError` (CLI exit 2)."""

from __future__ import annotations

from xxgk.errors import ConfigError, UnreadableSource


class OfficeError(ConfigError):
    """An office operation was refused (unknown unit, bad unit file, bad option)."""


class FetchError(UnreadableSource):
    """A page or file could not be fetched (dead host, too many redirects, too large, too slow)."""
