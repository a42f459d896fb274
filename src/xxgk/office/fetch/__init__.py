"""``xxgk office fetch``: each unit's report from its 年报 column on the web.

For every unit with a ``report_page``: find the year's link on the column (following list
pages), open the detail page, take its publication date, parse the page body when it holds the
tables, else the attachments (PDF, DOCX, DOC, OFD …; one xxgk cannot read is named), and record the
best candidate with :func:`xxgk.office.ingest.ingest`. Every fetched byte stays in the archive.
Re-fetching finds a report changed after publication and keeps both versions.
"""

from __future__ import annotations

from xxgk.errors import missing_extra

try:
    import httpx  # noqa: F401
except ImportError:  # pragma: no cover - the extra is installed in tests
    raise missing_extra("office", "下载年报") from None

from xxgk.office.fetch.client import USER_AGENT, Settings  # noqa: E402
from xxgk.office.fetch.run import fetch  # noqa: E402

__all__ = ["USER_AGENT", "Settings", "fetch"]
