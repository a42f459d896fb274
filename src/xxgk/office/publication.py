"""The public side of the workflow: published reports only, never a draft, a comment or a
finding mark.

:func:`index` is called by :mod:`xxgk.office.submission` when a version is published;
:func:`search` lists the latest published version of each unit-year (by unit, year, full text);
:func:`report` is one unit-year's published version (the latest, or one named) with its
version history, so a correction's old version stays reachable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xxgk.errors import XxgkError
from xxgk.render import content
from xxgk.store import publish as rows
from xxgk.store.db import Store
from xxgk.store.units import get_unit

PAGE_SIZE = 50
MAX_TERM = 100


class NotPublished(XxgkError):
    """No published version of that unit-year (or of that version number)."""

    status = 404


@dataclass(frozen=True)
class PublicReport:
    unit: str
    unit_name: str
    year: int
    version: Any  # xxgk.office.submission.Version
    versions: list[rows.Published]

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "unit_name": self.unit_name,
            "year": self.year,
            "version": self.version.version,
            "latest_version": self.versions[-1].version,
            "published_at": self.version.published_at,
            "correction_note": self.version.correction_note,
            "versions": [v.to_dict() for v in self.versions],
            "report": _public_json(self.version.report_json),
        }


def index(*, store: Store, version: Any) -> None:
    """Add a newly published version to the public list and search index."""
    report = version.report()
    unit = get_unit(store=store, code=version.unit)
    name = unit.name if unit else version.unit
    title = content.title(report)
    body = "\n".join([name, title, *(s.text for s in report.sections if s.text)])
    rows.add_published(
        store=store,
        unit=version.unit,
        year=version.year,
        version=version.version,
        unit_name=name,
        title=title,
        body=body,
        published_at=version.published_at or "",
        correction_note=version.correction_note,
    )


def file_with_office(*, store: Store, version: Any) -> None:
    """Put a newly published version among the office's collected reports, so status, roll-up,
    compare and similar see it (a correction is recorded there as a change after publication).
    Runs after the publication's transaction (the office's ingest opens its own)."""
    import datetime as dt

    from xxgk.api import check
    from xxgk.office.ingest import Parsed, ingest
    from xxgk.output import jsonout

    report = version.report()
    report.findings = check(report)
    day = dt.date.fromisoformat((version.published_at or "")[:10])
    ingest(
        store=store,
        content=jsonout.dumps(version.report_json).encode("utf-8"),
        name=f"{version.unit}-{version.year}-v{version.version}.json",
        source=f"xxgk:submission/{version.unit}/{version.year}",
        source_kind="submission",
        year=version.year,
        unit=version.unit,
        published=(day, "page"),
        parsed=Parsed(report, None),
    )


def search(
    *,
    store: Store,
    q: str | None = None,
    year: int | None = None,
    unit: str | None = None,
    units: Sequence[str] | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """One page of published reports matching unit (code or part of the name), year and
    full text ``q``; ``units`` limits the list to those units (an office's)."""
    page = max(1, page)
    term = (q or "").strip()[:MAX_TERM]
    found, total = rows.search(
        store=store,
        q=term,
        year=year,
        unit=(unit or "").strip()[:MAX_TERM] or None,
        units=units,
        limit=page_size,
        offset=(page - 1) * page_size,
    )
    return {
        "q": term,
        "year": year,
        "unit": unit,
        "page": page,
        "pages": max(1, -(-total // page_size)),
        "total": total,
        "years": rows.years(store=store),
        "reports": [p.to_dict() for p in found],
    }


def report(*, store: Store, unit: str, year: int, version: int | None = None) -> PublicReport:
    """A published report: the latest version, or the one asked for (an older one too)."""
    from xxgk.office import submission

    versions = rows.versions(store=store, unit=unit, year=year)
    if not versions:
        raise NotPublished(f"单位 {unit} {year}年度报告尚未发布")
    number = versions[-1].version if version is None else version
    if number not in {v.version for v in versions}:
        raise NotPublished(f"单位 {unit} {year}年度报告没有已发布的第{number}版")
    found = submission.get_version(store=store, unit=unit, year=year, version=number)
    assert found is not None and found.published
    return PublicReport(unit, versions[-1].unit_name, year, found, versions)


def _public_json(report_json: dict[str, Any]) -> dict[str, Any]:
    """The report as published: the printed content, without the checker's findings (the
    office's internal review is not published)."""
    public = dict(report_json)
    public["findings"] = []
    public.pop("valid", None)
    return public
