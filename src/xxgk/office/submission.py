"""A unit's annual report on its way to the public: the submission workflow.

::

    draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
      ▲                   │                                          │
      └──(save)── returned ◀─return_with_comments                    └─correct─▶ corrected ─┐
                                                                                   ▲        │
                                                                                   └────────┘

Every step is one transaction: the state changes, a row of the history is written (who, when,
from which state), and the audit log gets the step. A refused step raises
:class:`SubmissionError` with a Chinese message and writes nothing.

Versions: the working version is overwritten by each save until it is published; a published
version is never written again. A correction publishes a *new* version carrying its 更正说明,
and the old one stays readable (:func:`get_version`, :func:`list_versions`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from xxgk.model import Report
from xxgk.office import comments as comment_rules
from xxgk.office.comments import Comment, CommentError
from xxgk.office.workflow import (
    ACTION_LABELS,
    PUBLISHED_STATES,
    STATE_LABELS,
    STATES,
    TRANSITIONS,
    Step,
    Submission,
    SubmissionError,
    Version,
    comment_of,
    edition_of,
    refusal,
    submission_of,
    version_of,
)
from xxgk.output import jsonout
from xxgk.store import audit
from xxgk.store import review as rows
from xxgk.store.db import Store
from xxgk.store.units import get_unit

__all__ = [
    "ACTION_LABELS",
    "PUBLISHED_STATES",
    "STATES",
    "STATE_LABELS",
    "TRANSITIONS",
    "Comment",
    "Step",
    "Submission",
    "SubmissionError",
    "Version",
    "approve",
    "comments",
    "correct",
    "get_current",
    "get_version",
    "history",
    "list_submissions",
    "list_versions",
    "publish",
    "return_with_comments",
    "save_draft",
    "submit",
]


# ---------------------------------------------------------------------- reads
def get_current(*, store: Store, unit: str, year: int) -> Submission | None:
    row = rows.get_submission(store=store, unit=unit, year=year)
    return submission_of(row) if row else None


def list_submissions(
    *, store: Store, year: int, units: Sequence[str] | None = None
) -> dict[str, Submission]:
    wanted = set(units) if units is not None else None
    found = (submission_of(r) for r in rows.year_submissions(store=store, year=year))
    return {s.unit: s for s in found if wanted is None or s.unit in wanted}


def get_version(*, store: Store, unit: str, year: int, version: int) -> Version | None:
    row = rows.get_version(store=store, unit=unit, year=year, version=version)
    return version_of(row) if row else None


def list_versions(*, store: Store, unit: str, year: int) -> list[Version]:
    return [version_of(r) for r in rows.list_versions(store=store, unit=unit, year=year)]


def history(*, store: Store, unit: str, year: int) -> list[Step]:
    return [
        Step(r[4], r[5], r[6], int(r[3]), r[8], r[9], r[7])
        for r in rows.list_steps(store=store, unit=unit, year=year)
    ]


def comments(*, store: Store, unit: str, year: int, latest: bool = True) -> list[Comment]:
    """The reviewer's comments: those of the latest return (or every one, ``latest=False``)."""
    found = [comment_of(r) for r in rows.list_comments(store=store, unit=unit, year=year)]
    if latest and found:
        last = max(c.step or 0 for c in found)
        found = [c for c in found if c.step == last]
    return found


# ---------------------------------------------------------------------- steps
def save_draft(
    *, store: Store, unit: str, year: int, report: Report | Mapping[str, Any], by: str
) -> Version:
    """Save the officer's report (a new submission, or the draft / returned one)."""
    text = _report_text(report, unit=unit, year=year)
    with store.transaction():
        current = _locked(store, unit, year, "save", must_exist=False)
        state = None if current is None else current.state
        at = rows.now()
        if current is None:
            _require_unit(store, unit, year)
            rows.put_submission(
                store=store,
                unit=unit,
                year=year,
                state="draft",
                version=1,
                published_version=None,
                by=by,
                at=at,
                new=True,
            )
            rows.insert_version(
                store=store, unit=unit, year=year, version=1, report=text, by=by, at=at
            )
            number = 1
        else:
            number = current.version
            rows.update_draft(
                store=store, unit=unit, year=year, version=number, report=text, by=by, at=at
            )
            # a returned report stays returned (its comments in view) until resubmitted
            rows.put_submission(
                store=store,
                unit=unit,
                year=year,
                state=current.state,
                version=number,
                published_version=current.published_version,
                by=by,
                at=at,
                new=False,
            )
        _step(store, unit, year, number, "save", state, state or "draft", None, by, at)
    found = get_version(store=store, unit=unit, year=year, version=number)
    assert found is not None
    return found


def submit(*, store: Store, unit: str, year: int, by: str) -> Submission:
    return _move(store, unit, year, "submit", by)


def approve(*, store: Store, unit: str, year: int, by: str, note: str | None = None) -> Submission:
    return _move(store, unit, year, "approve", by, note=note)


def return_with_comments(
    *,
    store: Store,
    unit: str,
    year: int,
    by: str,
    comments: Sequence[Comment | Mapping[str, Any]],
) -> Submission:
    """Send the report back to the officer with comments on sections or cells (at least one)."""
    if not comments:
        raise SubmissionError("退回时须至少写一条意见", unit=unit, year=year)
    with store.transaction():
        current = _locked(store, unit, year, "return")
        version = get_version(store=store, unit=unit, year=year, version=current.version)
        edition = edition_of(version)
        try:
            checked = comment_rules.checked(comments, edition)
        except CommentError as exc:
            raise SubmissionError(exc.message, unit=unit, year=year, state=current.state) from None
        at = rows.now()
        step = _apply(store, current, "return", by, at, note=f"{len(checked)}条意见")
        rows.add_comments(
            store=store,
            rows=[
                (
                    unit,
                    year,
                    current.version,
                    step,
                    c.section,
                    c.table,
                    c.row,
                    c.column,
                    c.text.strip(),
                    by,
                    at,
                )
                for c in checked
            ],
        )
    return _after(store, unit, year)


def publish(*, store: Store, unit: str, year: int, by: str) -> Version:
    """Publish the approved version: from now on it is immutable and public."""
    with store.transaction():
        current = _locked(store, unit, year, "publish")
        at = rows.now()
        rows.mark_published(
            store=store, unit=unit, year=year, version=current.version, by=by, at=at
        )
        _apply(store, current, "publish", by, at, published=current.version)
        _index(store, unit, year, current.version)
    return _filed(store, _published_version(store, unit, year))


def correct(
    *, store: Store, unit: str, year: int, report: Report | Mapping[str, Any], note: str, by: str
) -> Version:
    """Publish a correction: a new version with its 更正说明; the old one stays readable."""
    text = _report_text(report, unit=unit, year=year)
    if not (note or "").strip():
        raise SubmissionError("发布更正须写明更正说明", unit=unit, year=year)
    with store.transaction():
        current = _locked(store, unit, year, "correct")
        at = rows.now()
        number = current.version + 1
        rows.insert_version(
            store=store,
            unit=unit,
            year=year,
            version=number,
            report=text,
            by=by,
            at=at,
            correction_note=note.strip(),
        )
        rows.mark_published(store=store, unit=unit, year=year, version=number, by=by, at=at)
        moved = Submission(unit, year, current.state, number, current.published_version, by, at)
        _apply(store, moved, "correct", by, at, note=note.strip(), published=number)
        _index(store, unit, year, number)
    return _filed(store, _published_version(store, unit, year))


# ---------------------------------------------------------------------- internals
def _move(
    store: Store, unit: str, year: int, action: str, by: str, note: str | None = None
) -> Submission:
    with store.transaction():
        current = _locked(store, unit, year, action)
        _apply(store, current, action, by, rows.now(), note=note)
    return _after(store, unit, year)


def _locked(store: Store, unit: str, year: int, action: str, *, must_exist: bool = True) -> Any:
    """The submission, locked for this transaction, after checking ``action`` may start now."""
    row = rows.get_submission(store=store, unit=unit, year=year, lock=True)
    current = submission_of(row) if row else None
    allowed, _target = TRANSITIONS[action]
    state = current.state if current else None
    if state not in allowed:
        raise SubmissionError(refusal(action, state), unit=unit, year=year, state=state)
    if current is None and must_exist:
        raise SubmissionError("还没有报送记录", unit=unit, year=year)
    return current


def _apply(
    store: Store,
    current: Submission,
    action: str,
    by: str,
    at: str,
    *,
    note: str | None = None,
    published: int | None = None,
) -> int:
    target = TRANSITIONS[action][1]
    rows.put_submission(
        store=store,
        unit=current.unit,
        year=current.year,
        state=target,
        version=current.version,
        published_version=published if published is not None else current.published_version,
        by=by,
        at=at,
        new=False,
    )
    return _step(
        store,
        current.unit,
        current.year,
        current.version,
        action,
        current.state,
        target,
        note,
        by,
        at,
    )


def _step(
    store: Store,
    unit: str,
    year: int,
    version: int,
    action: str,
    from_state: str | None,
    to_state: str,
    note: str | None,
    by: str,
    at: str,
) -> int:
    step = rows.add_step(
        store=store,
        unit=unit,
        year=year,
        version=version,
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
        by=by,
        at=at,
    )
    audit.record(
        store=store,
        actor=by,
        action=f"submission.{action}",
        target=f"report:{unit}/{year}",
        detail={"version": version, "from": from_state, "to": to_state, "note": note},
    )
    return step


def _index(store: Store, unit: str, year: int, version: int) -> None:
    from xxgk.office import publication

    found = get_version(store=store, unit=unit, year=year, version=version)
    assert found is not None
    publication.index(store=store, version=found)


def _filed(store: Store, version: Version) -> Version:
    from xxgk.office import publication

    publication.file_with_office(store=store, version=version)
    return version


def _after(store: Store, unit: str, year: int) -> Submission:
    found = get_current(store=store, unit=unit, year=year)
    assert found is not None
    return found


def _published_version(store: Store, unit: str, year: int) -> Version:
    current = _after(store, unit, year)
    assert current.published_version is not None
    found = get_version(store=store, unit=unit, year=year, version=current.published_version)
    assert found is not None
    return found


def _require_unit(store: Store, unit: str, year: int) -> None:
    if get_unit(store=store, code=unit) is None:
        raise SubmissionError("单位登记中没有这个单位代码", unit=unit, year=year)


def _report_text(report: Report | Mapping[str, Any], *, unit: str, year: int) -> str:
    """The report as stored JSON, after checking it is a report of this year."""
    try:
        parsed = report if isinstance(report, Report) else Report.from_dict(dict(report))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SubmissionError(f"报告数据无法读取（{exc}）", unit=unit, year=year) from None
    if parsed.meta.year is not None and parsed.meta.year != year:
        raise SubmissionError(
            f"报告年度（{parsed.meta.year}年）与报送年度（{year}年）不一致", unit=unit, year=year
        )
    if parsed.meta.year is None:
        parsed.meta.year = year
    return jsonout.dumps(parsed.to_dict())
