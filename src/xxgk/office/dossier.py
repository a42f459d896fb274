"""One unit's report as the supervisor reviews it: the report under review (the unit's
submission, else the report the office collected), last year's beside it with the cells that
changed, the findings split by the supervisor's marks, the workflow's state, history and
comments, and the similar-text pairs the unit is part of.

Also the pieces the 内容雷同 page shows: a pair's two texts cut into shared / own segments.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from xxgk import form
from xxgk.model import Report
from xxgk.office import marks as finding_marks
from xxgk.office import submission as sub
from xxgk.office.status import chosen_reports
from xxgk.output import jsonout
from xxgk.store import office as collected
from xxgk.store.db import Store
from xxgk.store.units import get_unit

Key = tuple[str, str, str]
MAX_PEERS = 60  # a unit page compares with at most this many sibling units


def report_of(*, store: Store, unit: str, year: int) -> tuple[Report | None, str | None]:
    """The report of a unit-year and where it is from: ``submission`` (the working or latest
    version in the workflow), ``collected`` (what the office collected or fetched), or none."""
    current = sub.get_current(store=store, unit=unit, year=year)
    if current is not None:
        version = sub.get_version(store=store, unit=unit, year=year, version=current.version)
        if version is not None:
            return version.report(), "submission"
    _, judged = chosen_reports(store=store, years=[year], units=[unit])
    _state, stored = judged.get((unit, year), (None, None))
    if stored is None or not stored.is_report:
        return None, None
    text = collected.report_json(store=store, report_id=stored.id)
    return (Report.from_dict(jsonout.loads(text)), "collected") if text else (None, None)


def values(report: Report | None) -> dict[Key, int | Decimal | None]:
    out: dict[Key, int | Decimal | None] = {}
    if report is None:
        return out
    for name, table in report.tables.items():
        if table is not None:
            for row, column, cell in table.cells():
                out[(name, row, column)] = cell.value
    return out


def changes(report: Report, previous: Report | None) -> dict[Key, Any]:
    """``{cell: last year's value}`` for every cell whose value differs from last year's."""
    if previous is None:
        return {}
    now, before = values(report), values(previous)
    return {k: before.get(k) for k in sorted(set(now) | set(before)) if now.get(k) != before.get(k)}


def dossier(*, store: Store, unit: str, year: int) -> dict[str, Any]:
    """Everything the unit page shows (``report`` / ``previous`` are Report objects, the rest
    JSON-ready)."""
    from xxgk.api import check

    found = get_unit(store=store, code=unit)
    report, source = report_of(store=store, unit=unit, year=year)
    previous, previous_source = report_of(store=store, unit=unit, year=year - 1)
    current = sub.get_current(store=store, unit=unit, year=year)
    parts: dict[str, list[dict[str, Any]]] = {"open": [], "confirmed": [], "dismissed": []}
    if report is not None:
        report.findings = check(report, previous=previous)
        parts = finding_marks.split(
            report.findings, finding_marks.marks(store=store, unit=unit, year=year)
        )
    return {
        "unit": found.to_dict() if found else {"code": unit, "name": unit},
        "year": year,
        "report": report,
        "source": source,
        "previous": previous,
        "previous_source": previous_source,
        "changes": changes(report, previous) if report is not None else {},
        "findings": parts,
        "submission": current.to_dict() if current else None,
        "history": [s.to_dict() for s in sub.history(store=store, unit=unit, year=year)],
        "comments": [c.to_dict() for c in sub.comments(store=store, unit=unit, year=year)],
        "versions": [
            v.to_dict(report=False) for v in sub.list_versions(store=store, unit=unit, year=year)
        ],
        "sections": _sections(report, previous),
        "similar": similar_pairs(store=store, unit=unit, year=year),
    }


def _sections(report: Report | None, previous: Report | None) -> list[dict[str, Any]]:
    out = []
    for section in form.SECTIONS:
        now = report.section(section.key) if report else None
        before = previous.section(section.key) if previous else None
        text, old = (now.text if now else ""), (before.text if before else "")
        out.append(
            {
                "key": section.key,
                "heading": section.heading,
                "text": text,
                "previous": old,
                "same": bool(text) and text == old,
            }
        )
    return out


def similar_pairs(*, store: Store, unit: str, year: int) -> list[dict[str, Any]]:
    """The 内容雷同 pairs of ``unit`` in ``year``: against its own last year and against the
    other units under the same parent (when they are at most :data:`MAX_PEERS`; beyond that the
    unit page compares the unit with its own last year only, and the office's 内容雷同 page
    has every pair)."""
    from xxgk.office.similar import similar

    found = get_unit(store=store, code=unit)
    if found is None:
        return []
    peers = [unit]
    if found.parent_code:
        from xxgk.store.units import descendants

        siblings = descendants(store=store, code=found.parent_code, include_self=False)
        peers = siblings if len(siblings) <= MAX_PEERS else [unit]
    pairs = similar(store=store, year=year, units=peers)
    return [p for p in pairs if unit in (p["a"]["unit"], p["b"]["unit"])]


def section_text(report: Report | None, section: str) -> str:
    if report is None:
        return ""
    if section in form.SECTION_KEYS:
        found = report.section(section)
        return found.text if found else ""
    return "\n".join(s.text for s in report.sections if s.text)


def segments(text: str, passages: Sequence[str]) -> list[dict[str, Any]]:
    """``text`` cut into ``{"text", "shared"}`` pieces: ``shared`` where one of ``passages``
    occurs (every occurrence). Passages come from :mod:`xxgk.office.similar`, which compares
    texts without punctuation and spaces, so they are looked for the same way and the
    punctuation inside a shared stretch is shared too."""
    from xxgk.office.similar import _STRIP as IGNORED  # what the comparison leaves out

    kept = [i for i, ch in enumerate(text) if not IGNORED.fullmatch(ch)]
    bare = "".join(text[i] for i in kept)
    marked = [False] * len(text)
    for passage in {IGNORED.sub("", p) for p in passages if p}:
        start = bare.find(passage) if passage else -1
        while start >= 0:
            first, last = kept[start], kept[start + len(passage) - 1]
            marked[first : last + 1] = [True] * (last + 1 - first)
            start = bare.find(passage, start + len(passage))
    out: list[dict[str, Any]] = []
    for ch, flag in zip(text, marked, strict=True):
        if out and out[-1]["shared"] == flag:
            out[-1]["text"] += ch
        else:
            out.append({"text": ch, "shared": flag})
    return out


def pair_view(*, store: Store, pair: dict[str, Any]) -> dict[str, Any]:
    """A similar pair with both texts in segments, for side by side display."""
    sides = {}
    for side in ("a", "b"):
        ref = pair[side]
        report, _ = report_of(store=store, unit=ref["unit"], year=int(ref["year"]))
        unit = get_unit(store=store, code=ref["unit"])
        text = section_text(report, ref["section"])
        sides[side] = {
            **ref,
            "name": unit.name if unit else ref["unit"],
            "heading": form.section(ref["section"]).heading
            if ref["section"] in form.SECTION_KEYS
            else form.TABLE_TITLES.get(ref["section"], ref["section"]),
            "segments": segments(text, pair.get("passages") or []),
        }
    return {**pair, **sides}


def current_finding(*, store: Store, unit: str, year: int, fingerprint: str) -> dict[str, Any]:
    """The finding of the unit's current report with this fingerprint (to mark it)."""
    from xxgk.api import check

    report, _ = report_of(store=store, unit=unit, year=year)
    previous, _ = report_of(store=store, unit=unit, year=year - 1)
    for finding in check(report, previous=previous) if report is not None else []:
        if finding_marks.fingerprint(finding) == fingerprint:
            return finding.to_dict()
    raise finding_marks.MarkError(f"单位 {unit} {year}年度报告中没有这个问题（{fingerprint}）")
