"""Reconsideration and litigation cases (the ``appeals`` table of the annual report): each
case is recorded against the request whose decision it challenges, and later its result.

A mixin of :class:`xxgk.ledger.book.Ledger` (it uses the ledger's store, unit and locks).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xxgk.errors import LedgerError
from xxgk.ledger import model as m
from xxgk.ledger import tables
from xxgk.ledger.calendar import check_date
from xxgk.ledger.state import parse_date
from xxgk.store import DuplicateKey

if TYPE_CHECKING:
    from xxgk.store import Store


class AppealBook:
    """The appeal cases of one unit's ledger."""

    store: Store
    unit: str

    def _lock(self, request_id: str) -> tuple[Any, ...] | None:  # pragma: no cover - Ledger's
        raise NotImplementedError

    def add_appeal(
        self,
        case_id: str,
        request_id: str,
        kind: str,
        filed: dt.date | str,
        *,
        by: str | None = None,
    ) -> m.AppealCase:
        """Record a reconsideration or lawsuit against the decision on ``request_id``."""
        from xxgk.ledger.book import _check_id, now, who

        case_id = _check_id(case_id, "appeal")
        if kind not in m.APPEAL_KINDS:
            raise LedgerError(
                f"unknown appeal kind {kind!r} (one of {', '.join(m.APPEAL_KINDS)})",
                request=request_id,
                field="kind",
            )
        case = m.AppealCase(
            case_id, request_id, kind, parse_date(filed, request_id, "filed"), by=who(by), at=now()
        )
        check_date(case.filed, request=request_id, field="filed")
        with self.store.transaction() as s:
            if self._lock(request_id) is None:
                raise LedgerError(
                    "no such request in the ledger",
                    zh="台账中没有这件申请",
                    request=request_id,
                    field="request_id",
                )
            try:
                s.execute(
                    "INSERT INTO appeals (unit_code, id, request_id, kind, filed_on, recorded_by,"
                    " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        self.unit,
                        case.id,
                        request_id,
                        kind,
                        case.filed.isoformat(),
                        case.by,
                        case.at,
                    ),
                )
            except DuplicateKey:
                raise LedgerError(
                    f"duplicate appeal id {case_id}", request=request_id, field="appeal"
                ) from None
        return case

    def decide_appeal(
        self, case_id: str, result: str, decided: dt.date | str, *, by: str | None = None
    ) -> m.AppealCase:
        """Record an appeal's result (once)."""
        from xxgk.ledger.book import now, who

        if result not in m.APPEAL_RESULTS:
            raise LedgerError(
                f"unknown appeal result {result!r} (one of {', '.join(m.APPEAL_RESULTS)})",
                field="result",
            )
        day = check_date(parse_date(decided, None, "decided"), field="decided")
        with self.store.transaction() as s:
            case = self.appeal(case_id)
            if case.result is not None:
                raise LedgerError(
                    f"appeal {case_id} was already decided ({case.result} on {case.decided})",
                    request=case.request_id,
                    field="result",
                )
            if day < case.filed:
                raise LedgerError(
                    f"appeal {case_id} decided {day} before it was filed {case.filed}",
                    request=case.request_id,
                    field="decided",
                )
            s.execute(
                "UPDATE appeals SET result = ?, decided_on = ?, decided_by = ?, decided_at = ?"
                " WHERE unit_code = ? AND id = ?",
                (result, day.isoformat(), who(by), now(), self.unit, case_id),
            )
        return self.appeal(case_id)

    def appeal(self, case_id: str) -> m.AppealCase:
        row = self.store.one(
            f"SELECT {_APPEAL_COLS} FROM appeals WHERE unit_code = ? AND id = ?",
            (self.unit, case_id),
        )
        if row is None:
            raise LedgerError(f"no appeal {case_id} in the ledger", field="appeal")
        return _appeal(row)

    def appeals(self, request_id: str | None = None) -> list[m.AppealCase]:
        where, params = ("AND request_id = ?", (request_id,)) if request_id else ("", ())
        return [
            _appeal(r)
            for r in self.store.all(
                f"SELECT {_APPEAL_COLS} FROM appeals WHERE unit_code = ? {where}"
                " ORDER BY filed_on, id",
                (self.unit, *params),
            )
        ]


_APPEAL_COLS = "id, request_id, kind, filed_on, result, decided_on, recorded_by, recorded_at"


def _appeal(r: tuple[Any, ...]) -> m.AppealCase:
    decided = dt.date.fromisoformat(r[5]) if r[5] else None
    return m.AppealCase(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), r[4], decided, r[6], r[7])


def appeal_in_cell(case: m.AppealCase, year: int, row: str, column: str) -> bool:
    if row not in m.APPEAL_KINDS or column not in (*m.APPEAL_RESULTS, "pending", "total"):
        raise KeyError(row)
    got = tables.appeal_column(case, year)
    return case.kind == row and got is not None and column in (got, "total")
