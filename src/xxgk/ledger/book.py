"""The ledger as a library: :class:`Ledger` is what every ``xxgk ledger`` command wraps.

Each write folds the request's events *plus the new one* (:func:`xxgk.ledger.state.fold`),
computes its deadlines, and then — in one transaction — appends the event and rewrites the
request's cached row. A refused event writes nothing.
"""

from __future__ import annotations

import builtins
import datetime as dt
import getpass
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from xxgk import form
from xxgk.errors import LedgerError
from xxgk.ledger import deadlines as dl
from xxgk.ledger import fees, tables
from xxgk.ledger import model as m
from xxgk.ledger.calendar import Calendar, check_date, parse_local_rows
from xxgk.ledger.state import check_kind, fold, parse_date
from xxgk.ledger.store import EVENT_COLUMNS, REQUEST_COLUMNS, DuplicateKey, Store
from xxgk.model import Report


def who(by: str | None) -> str:
    """Who records an event: ``--by``, else ``XXGK_USER``, else the login name."""
    if by:
        return by
    try:
        return os.environ.get("XXGK_USER") or getpass.getuser()
    except Exception:  # no login name (containers)
        return "unknown"


def now() -> str:
    """When an event is recorded (audit trail only; no deadline depends on it)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def cache_row(state: m.RequestState, cal: Calendar) -> tuple[Any, ...]:
    """The ``requests`` row cached from a folded state (column order of REQUEST_COLUMNS)."""
    d = dl.deadlines(state, cal)
    warnings = sorted(
        {w for due in (d.answer, d.reply, d.correction_notice) if due for w in due.warnings}
    )

    def iso(x: Any) -> str | None:
        return x.day.isoformat() if isinstance(x, dl.Due) else x.isoformat() if x else None

    return (
        state.id,
        state.applicant_type,
        state.applicant,
        state.channel,
        state.description,
        state.received.isoformat(),
        state.state,
        state.outcome,
        iso(state.closed_on),
        iso(d.answer),
        iso(d.correction_notice),
        iso(d.reply),
        "; ".join(warnings) or None,
    )


def event_row(e: m.Event) -> tuple[Any, ...]:
    return (
        e.request_id,
        e.kind,
        e.on.isoformat(),
        json.dumps(e.data, ensure_ascii=False, default=str),
        e.by,
        e.at,
    )


@dataclass(frozen=True)
class Shown:
    """``ledger show``: the folded state and its running deadlines."""

    state: m.RequestState
    deadlines: dl.Deadlines
    appeals: list[m.AppealCase]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.state.to_dict(),
            "deadlines": self.deadlines.to_dict(),
            "appeals": [a.to_dict() for a in self.appeals],
        }


class Ledger:
    """One agency's request ledger in one database (SQLite path or PostgreSQL URL)."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, create: bool = False) -> None:
        self.store = Store(
            db, create=create, missing="no ledger here (run: xxgk ledger init --db {target})"
        )
        self._calendar: Calendar | None = None

    @classmethod
    def init(cls, db: str | os.PathLike[str] | None = None, agency: str | None = None) -> Ledger:
        ledger = cls(db, create=True)
        if agency:
            ledger.set_setting("agency", agency)
        return ledger

    def close(self) -> None:
        self.store.close()

    # ------------------------------------------------------------------ settings
    def set_setting(self, key: str, value: str) -> None:
        with self.store.transaction() as s:
            s.execute("DELETE FROM settings WHERE key = ?", (key,))
            s.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))

    def setting(self, key: str) -> str | None:
        row = self.store.one("SELECT value FROM settings WHERE key = ?", (key,))
        return row[0] if row else None

    # ------------------------------------------------------------------ calendar
    @property
    def calendar(self) -> Calendar:
        if self._calendar is None:
            rows = self.store.all("SELECT day, workday FROM calendar_days")
            self._calendar = Calendar(parse_local_rows(rows))
        return self._calendar

    def add_calendar_days(
        self, days: Iterable[tuple[dt.date, bool, str | None]], by: str | None = None
    ) -> int:
        """Extend the local calendar table (a State Council notice), then recompute every open
        request's cached deadlines in the same transaction. Returns how many were recomputed."""
        rows = [
            (check_date(d, field="day").isoformat(), int(w), note, who(by), now())
            for d, w, note in days
        ]
        with self.store.transaction() as s:
            for row in rows:
                s.execute("DELETE FROM calendar_days WHERE day = ?", (row[0],))
                s.execute(
                    "INSERT INTO calendar_days (day, workday, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
                    row,
                )
            self._calendar = None
            return self._recompute_open()

    def calendar_days(self) -> list[tuple[str, bool, str | None]]:
        rows = self.store.all("SELECT day, workday, note FROM calendar_days ORDER BY day")
        return [(d, bool(w), n) for d, w, n in rows]

    def _recompute_open(self) -> int:
        ids = [r[0] for r in self.store.all("SELECT id FROM requests WHERE state <> 'closed'")]
        for rid in ids:
            self._write_cache(fold(self._events(rid)))
        return len(ids)

    # ------------------------------------------------------------------ writing
    def add(
        self,
        request_id: str,
        applicant_type: str,
        received: dt.date | str,
        *,
        applicant: str | None = None,
        channel: str | None = None,
        description: str | None = None,
        by: str | None = None,
    ) -> m.RequestState:
        """Register a request (its ``received`` event)."""
        request_id = _check_id(request_id)
        data = {
            "applicant_type": applicant_type,
            "applicant": applicant,
            "channel": channel,
            "description": description,
        }
        event = m.Event(
            request_id,
            m.RECEIVED,
            parse_date(received, request_id, "received"),
            {k: v for k, v in data.items() if v is not None},
            who(by),
            now(),
        )
        state = fold([event])
        with self.store.transaction() as s:
            if s.lock_request(request_id) is not None:
                raise LedgerError(
                    "duplicate request id: it is already in the ledger",
                    request=request_id,
                    field="request_id",
                )
            self._insert(state, [event])
        return state

    def event(
        self,
        request_id: str,
        kind: str,
        on: dt.date | str,
        data: dict[str, Any] | None = None,
        *,
        by: str | None = None,
    ) -> m.RequestState:
        """Append one event; refused (nothing written) if the history would be impossible."""
        check_kind(kind, request_id)
        if kind == m.RECEIVED:
            raise LedgerError("use add to register a request", request=request_id, field="kind")
        event = m.Event(
            request_id, kind, parse_date(on, request_id, "on"), dict(data or {}), who(by), now()
        )
        with self.store.transaction() as s:
            if s.lock_request(request_id) is None:
                raise LedgerError(
                    "no such request in the ledger", request=request_id, field="request_id"
                )
            if kind == m.FEE_NOTICE:
                event.data = self._priced(request_id, event.data)
            state = fold([*self._events(request_id), event])
            s.execute(_insert_sql("events", EVENT_COLUMNS), event_row(event))
            self._write_cache(state)
        return state

    def _insert(self, state: m.RequestState, events: Sequence[m.Event]) -> None:
        try:
            self.store.execute(
                _insert_sql("requests", REQUEST_COLUMNS), cache_row(state, self.calendar)
            )
        except DuplicateKey:
            raise LedgerError(
                "duplicate request id: it is already in the ledger",
                request=state.id,
                field="request_id",
            ) from None
        for e in events:
            self.store.execute(_insert_sql("events", EVENT_COLUMNS), event_row(e))

    def insert_many(self, states: Sequence[m.RequestState]) -> None:
        """Bulk-insert folded requests with their events in one transaction (imports)."""
        cal = self.calendar
        with self.store.transaction() as s:
            try:
                s.bulk_insert("requests", REQUEST_COLUMNS, [cache_row(st, cal) for st in states])
            except DuplicateKey:
                raise LedgerError(
                    "duplicate request id: already in the ledger (nothing imported)",
                    field="request_id",
                ) from None
            s.bulk_insert(
                "events", EVENT_COLUMNS, [event_row(e) for st in states for e in st.events]
            )

    def _write_cache(self, state: m.RequestState) -> None:
        row = cache_row(state, self.calendar)
        sets = ", ".join(f"{c} = ?" for c in REQUEST_COLUMNS[1:])
        self.store.execute(f"UPDATE requests SET {sets} WHERE id = ?", (*row[1:], row[0]))

    def _priced(self, request_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """Fill in a fee notice's amount from 109号 when the officer did not give one."""
        if data.get("amount") not in (None, ""):
            return data
        method = data.get("method")
        if method == "volume":
            pages = data.get("pages")
            if pages in (None, ""):
                raise LedgerError("a volume fee needs pages", request=request_id, field="pages")
            return {**data, "amount": str(fees.per_volume(int(pages)))}
        if method == "piece":
            nth = self.month_number(request_id)
            return {**data, "nth": nth, "amount": str(fees.per_piece(nth))}
        raise LedgerError(
            f"fee method is piece or volume, not {method!r}", request=request_id, field="method"
        )

    def month_number(self, request_id: str) -> int:
        """The request's number among its applicant's requests received that calendar month."""
        row = self.store.one(
            "SELECT applicant, received_on FROM requests WHERE id = ?", (request_id,)
        )
        if row is None or not row[0]:
            raise LedgerError(
                "a per-request fee needs the applicant's name (amend field applicant)",
                request=request_id,
                field="applicant",
            )
        applicant, received = row
        month = received[:7]
        earlier = self.store.one(
            "SELECT COUNT(*) FROM requests WHERE applicant = ? AND received_on BETWEEN ? AND ? "
            "AND (received_on < ? OR (received_on = ? AND id <= ?))",
            (applicant, month + "-01", month + "-31", received, received, request_id),
        )
        return int(earlier[0]) if earlier else 1

    # ------------------------------------------------------------------ appeals
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
            if s.lock_request(request_id) is None:
                raise LedgerError(
                    "no such request in the ledger", request=request_id, field="request_id"
                )
            try:
                s.execute(
                    "INSERT INTO appeals (id, request_id, kind, filed_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (case.id, request_id, kind, case.filed.isoformat(), case.by, case.at),
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
                "UPDATE appeals SET result = ?, decided_on = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                (result, day.isoformat(), who(by), now(), case_id),
            )
        return self.appeal(case_id)

    def appeal(self, case_id: str) -> m.AppealCase:
        row = self.store.one(f"SELECT {_APPEAL_COLS} FROM appeals WHERE id = ?", (case_id,))
        if row is None:
            raise LedgerError(f"no appeal {case_id} in the ledger", field="appeal")
        return _appeal(row)

    def appeals(self, request_id: str | None = None) -> list[m.AppealCase]:
        where, params = ("WHERE request_id = ?", (request_id,)) if request_id else ("", ())
        return [
            _appeal(r)
            for r in self.store.all(
                f"SELECT {_APPEAL_COLS} FROM appeals {where} ORDER BY filed_on, id", params
            )
        ]

    # ------------------------------------------------------------------ reading
    def _events(self, request_id: str) -> list[m.Event]:
        rows = self.store.all(
            "SELECT id, request_id, kind, on_date, data, recorded_by, recorded_at FROM events WHERE request_id = ? ORDER BY id",
            (request_id,),
        )
        return [
            m.Event(
                r[1], r[2], dt.date.fromisoformat(r[3]), json.loads(r[4]), r[5], r[6], int(r[0])
            )
            for r in rows
        ]

    def state(self, request_id: str) -> m.RequestState:
        events = self._events(request_id)
        if not events:
            raise LedgerError(
                "no such request in the ledger", request=request_id, field="request_id"
            )
        return fold(events)

    def show(self, request_id: str) -> Shown:
        state = self.state(request_id)
        return Shown(state, dl.deadlines(state, self.calendar), self.appeals(request_id))

    def states(self) -> list[m.RequestState]:
        """Every request folded from its events (slow path: tests and exports)."""
        by_request: dict[str, list[m.Event]] = {}
        rows = self.store.all(
            "SELECT id, request_id, kind, on_date, data, recorded_by, recorded_at FROM events ORDER BY id"
        )
        for r in rows:
            by_request.setdefault(r[1], []).append(
                m.Event(
                    r[1], r[2], dt.date.fromisoformat(r[3]), json.loads(r[4]), r[5], r[6], int(r[0])
                )
            )
        return [fold(events) for _, events in sorted(by_request.items())]

    def list(self, *, state: str | None = None, year: int | None = None) -> list[dict[str, Any]]:
        """Requests (cached rows), optionally by state (``open`` = not closed) and receipt year."""
        where, params = [], []
        if state == "open":
            where.append("state <> 'closed'")
        elif state:
            if state not in m.STATES:
                raise LedgerError(
                    f"unknown state {state!r} (one of open, {', '.join(m.STATES)})", field="state"
                )
            where.append("state = ?")
            params.append(state)
        if year:
            where += ["received_on BETWEEN ? AND ?"]
            params += list(tables.bounds(year))
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        rows = self.store.all(
            f"SELECT {', '.join(REQUEST_COLUMNS)} FROM requests {clause} ORDER BY received_on, id",
            params,
        )
        return [dict(zip(REQUEST_COLUMNS, r, strict=True)) for r in rows]

    def due(
        self, today: dt.date | str, *, overdue: bool = False, within: int | None = None
    ) -> builtins.list[dl.Item]:
        """The running deadlines of open requests as of ``today``, most urgent first."""
        today = check_date(parse_date(today, None, "today"), field="today")
        rows = self.store.all(
            "SELECT id, answer_due, reply_due, correction_due, warnings FROM requests WHERE state <> 'closed' ORDER BY answer_due, id"
        )
        lines = dl.due_items(rows, self.calendar, today)
        if overdue:
            lines = [i for i in lines if i.overdue]
        if within is not None:
            lines = [i for i in lines if i.left <= within]
        return lines

    # ------------------------------------------------------------------ the annual tables
    def report(self, year: int, *, edition: str | None = None) -> Report:
        """The year's ``requests`` and ``appeals`` tables as a Report (SQL aggregation)."""
        _check_year(year)
        edition = edition or form.edition_for_year(year)
        return tables.build_report(
            self._counts(year, edition), year, self.setting("agency"), edition
        )

    def _counts(self, year: int, edition: str) -> tables.Counts:
        counted = tables.sql_counts(self.store, year)
        if edition == "2019" and form.edition_for_year(year) == "2021":
            for key in [k for k in counted if k[0] == "requests" and k[1].startswith("other.")]:
                counted["requests", "other", key[2]] += counted.pop(key)
        return counted

    def explain(self, year: int, cell: str) -> builtins.list[str]:
        """The request ids (or appeal ids) behind one cell, e.g. ``requests.granted.natural_person``."""
        _check_year(year)
        table, row, column = _split_cell(cell)
        try:
            if table == "requests":
                where, params = tables.cell_filter(year, row, column)
                return [
                    r[0]
                    for r in self.store.all(
                        f"SELECT id FROM requests WHERE {where} ORDER BY id", params
                    )
                ]
            return [c.id for c in self.appeals() if _appeal_in_cell(c, year, row, column)]
        except KeyError:
            raise LedgerError(f"no cell {cell} in the {year} tables", field="explain") from None


_APPEAL_COLS = "id, request_id, kind, filed_on, result, decided_on, recorded_by, recorded_at"


def _appeal(r: tuple[Any, ...]) -> m.AppealCase:
    decided = dt.date.fromisoformat(r[5]) if r[5] else None
    return m.AppealCase(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), r[4], decided, r[6], r[7])


def _appeal_in_cell(case: m.AppealCase, year: int, row: str, column: str) -> bool:
    if row not in m.APPEAL_KINDS or column not in (*m.APPEAL_RESULTS, "pending", "total"):
        raise KeyError(row)
    got = tables.appeal_column(case, year)
    return case.kind == row and got is not None and column in (got, "total")


def _split_cell(cell: str) -> tuple[str, str, str]:
    table, _, rest = cell.partition(".")
    row, _, column = rest.rpartition(".")
    if table not in ("requests", "appeals") or not row or not column:
        raise LedgerError(
            f"a cell is table.row.column, e.g. requests.granted.natural_person, not {cell!r}",
            field="explain",
        )
    return table, row, column


def _check_id(value: str, what: str = "request") -> str:
    value = (value or "").strip()
    if not value:
        raise LedgerError(f"a {what} needs an id", field=f"{what}_id")
    return value


def _check_year(year: int) -> None:
    if not 2008 <= year <= 2099:
        raise LedgerError(f"no report year {year}", field="year")


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
