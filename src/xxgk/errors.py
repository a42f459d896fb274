"""Exceptions mean "cannot continue". Problems in a report are findings, not exceptions.

::

    XxgkError
    ├── UnreadableSource      the input cannot be read (missing, empty, binary garbage, corrupt, encrypted)
    │   └── NotAReport        readable, but holds no annual report
    ├── UnsupportedFormat     a format xxgk does not read, or an optional extra is missing
    ├── StoreError            a database cannot be opened, migrated or written
    │   └── LedgerError       a ledger operation was refused (bad event order, unknown key, …)
    ├── ConfigError           bad options or configuration
    └── RenderBlocked         a report with error findings was not rendered (exit code 1)

The CLI prints ``str(error)`` as one line and exits with code 2.
"""

from __future__ import annotations


class XxgkError(Exception):
    """Base of every error xxgk raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class UnreadableSource(XxgkError):
    """The input cannot be read at all."""


class NotAReport(UnreadableSource):
    """The input is readable but is not an annual report (e.g. a 年报解读 page)."""


class UnsupportedFormat(XxgkError):
    """The format is not supported, or needs an optional extra / system tool."""


class StoreError(XxgkError):
    """A database could not be opened, migrated or written."""


class LedgerError(StoreError):
    """A ledger operation was refused; nothing was written."""

    def __init__(
        self,
        message: str,
        *,
        request: str | None = None,
        field: str | None = None,
        path: str | None = None,
    ) -> None:
        self.request = request
        self.field = field
        where = " ".join(
            p
            for p in (f"request {request}" if request else "", f"field {field}" if field else "")
            if p
        )
        super().__init__(f"{where}: {message}" if where else message, path=path)


class ConfigError(XxgkError):
    """Bad options or configuration."""


class RenderBlocked(XxgkError):
    """Rendering refused: the report has error findings (``allow_errors`` overrides)."""

    exit_code = 1

    def __init__(self, findings: list, *, path: str | None = None) -> None:
        self.findings = list(findings)
        first = self.findings[0].message if self.findings else ""
        super().__init__(
            f"{len(self.findings)} error finding(s), not rendered (use --allow-errors): {first}",
            path=path,
        )


def missing_extra(extra: str, what: str) -> UnsupportedFormat:
    """The exact message for a feature behind an optional extra."""
    return UnsupportedFormat(
        f"{what} needs an optional extra: install xxgk[{extra}]  (pip install 'xxgk[{extra}]')"
    )
