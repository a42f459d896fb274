"""The ledger as a library: :class:`Ledger` is what every ``xxgk ledger`` command wraps.

Each write folds the request's events *plus the new one* (:func:`xxgk.ledger.state.fold`),
computes its deadlines, and then — in one transaction — appends the event and rewrites the
request's cached row. A refused event writes nothing.
"""

from __future__ import annotations

import builtins
import datetime as dt
import functools
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
from xxgk.ledger.appeals import AppealBook, appeal_in_cell
from xxgk.ledger.calendar import Calendar, check_date, parse_local_rows
from xxgk.ledger.state import check_kind, fold, parse_date
from xxgk.ledger.store import EVENT_COLUMNS, REQUEST_COLUMNS, DuplicateKey, Store
from xxgk.ledger.units import open_store, unit_for
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
        | set(d.late)
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


class Ledger(AppealBook):
    """One unit's request ledger in the store (a SQLite path, a PostgreSQL URL or an open
    :class:`~xxgk.store.Store`). ``unit`` is the unit's code; None means the only unit in the
    store (:func:`xxgk.ledger.units.unit_for`). Every read and write is of that unit alone."""

    def __init__(
        self,
        db: str | os.PathLike[str] | Store | None = None,
        *,
        unit: str | None = None,
        create: bool = False,
        agency: str | None = None,
    ) -> None:
        self.store, self._owned = open_store(db, create=create)
        self.unit = unit_for(self.store, unit, create=create, name=agency)
        self._calendar: Calendar | None = None

    @classmethod
    def init(
        cls,
        db: str | os.PathLike[str] | Store | None = None,
        agency: str | None = None,
        *,
        unit: str | None = None,
    ) -> Ledger:
        ledger = cls(db, unit=unit, create=True, agency=agency)
        if agency:
            ledger.set_setting("agency", agency)
        return ledger

    def close(self) -> None:
        if self._owned:
            self.store.close()

    # ------------------------------------------------------------------ settings
    def set_setting(self, key: str, value: str) -> None:
        """A setting of this unit (``agency``: the name printed in its report)."""
        with self.store.transaction() as s:
            s.execute("DELETE FROM unit_setting WHERE unit_code = ? AND key = ?", (self.unit, key))
            s.execute(
                "INSERT INTO unit_setting (unit_code, key, value) VALUES (?, ?, ?)",
                (self.unit, key, value),
            )

    def setting(self, key: str) -> str | None:
        row = self.store.one(
            "SELECT value FROM unit_setting WHERE unit_code = ? AND key = ?", (self.unit, key)
        )
        return row[0] if row else None

    # ------------------------------------------------------------------ calendar
    @property
    def calendar(self) -> Calendar:
        if self._calendar is None:
            rows = self.store.all("SELECT day, workday FROM calendar_days ORDER BY day")
            self._calendar = _calendar(tuple((str(d), int(w)) for d, w in rows))
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
        """The calendar is the country's: every unit's open requests are recomputed, their
        events read in one query (not one per request)."""
        rows = self.store.all(
            "SELECT e.id, e.request_id, e.kind, e.on_date, e.data, e.recorded_by, e.recorded_at,"
            " e.unit_code FROM events e JOIN requests r"
            " ON r.unit_code = e.unit_code AND r.id = e.request_id"
            " WHERE r.state <> 'closed' ORDER BY e.id"
        )
        by_request: dict[tuple[str, str], list[m.Event]] = {}
        for r in rows:
            event = m.Event(
                r[1], r[2], dt.date.fromisoformat(r[3]), json.loads(r[4]), r[5], r[6], int(r[0])
            )
            by_request.setdefault((r[7], r[1]), []).append(event)
        for (unit, _rid), events in by_request.items():
            self._write_cache(fold(events), unit)
        return len(by_request)

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
        with self.store.transaction():
            if self._lock(request_id) is not None:
                raise LedgerError(
                    "duplicate request id: it is already in the ledger",
                    zh="申请编号重复：台账中已有这件申请",
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
        if kind == m.ANSWERED and self.setting("approval") == "required":
            raise LedgerError(
                "this unit requires approval: draft the answer (拟办), then 审核, 保密审查, 签发",
                request=request_id,
                field="kind",
                zh="本单位的答复须经审批：请先拟办答复草稿，再经审核、保密审查、签发",
            )
        event = m.Event(
            request_id, kind, parse_date(on, request_id, "on"), dict(data or {}), who(by), now()
        )
        with self.store.transaction():
            if self._lock(request_id) is None:
                raise LedgerError(
                    "no such request in the ledger",
                    zh="台账中没有这件申请",
                    request=request_id,
                    field="request_id",
                )
            if kind == m.FEE_NOTICE:
                event.data = self._priced(request_id, event.data)
            state = fold([*self._events(request_id), event])
            self._append(event)
            self._write_cache(state)
        return state

    def _lock(self, request_id: str) -> tuple[Any, ...] | None:
        """This unit's request row, locked for the transaction (None if there is none)."""
        return self.store.one(
            "SELECT id FROM requests WHERE unit_code = ? AND id = ?" + self.store.for_update(),
            (self.unit, request_id),
        )

    def _append(self, event: m.Event) -> None:
        self.store.execute(
            _insert_sql("events", ("unit_code", *EVENT_COLUMNS)), (self.unit, *event_row(event))
        )

    def _insert(self, state: m.RequestState, events: Sequence[m.Event]) -> None:
        try:
            self.store.execute(
                _insert_sql("requests", ("unit_code", *REQUEST_COLUMNS)),
                (self.unit, *cache_row(state, self.calendar)),
            )
        except DuplicateKey:
            raise LedgerError(
                "duplicate request id: it is already in the ledger",
                zh="申请编号重复：台账中已有这件申请",
                request=state.id,
                field="request_id",
            ) from None
        for e in events:
            self._append(e)

    def insert_many(self, states: Sequence[m.RequestState]) -> None:
        """Bulk-insert folded requests with their events in one transaction (imports)."""
        cal = self.calendar
        with self.store.transaction() as s:
            try:
                s.bulk_insert(
                    "requests",
                    ("unit_code", *REQUEST_COLUMNS),
                    [(self.unit, *cache_row(st, cal)) for st in states],
                )
            except DuplicateKey:
                raise LedgerError(
                    "duplicate request id: already in the ledger (nothing imported)",
                    field="request_id",
                ) from None
            s.bulk_insert(
                "events",
                ("unit_code", *EVENT_COLUMNS),
                [(self.unit, *event_row(e)) for st in states for e in st.events],
            )

    def _write_cache(self, state: m.RequestState, unit: str | None = None) -> None:
        row = cache_row(state, self.calendar)
        sets = ", ".join(f"{c} = ?" for c in REQUEST_COLUMNS[1:])
        self.store.execute(
            f"UPDATE requests SET {sets} WHERE unit_code = ? AND id = ?",
            (*row[1:], unit or self.unit, row[0]),
        )

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
            "SELECT applicant, received_on FROM requests WHERE unit_code = ? AND id = ?",
            (self.unit, request_id),
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
            "SELECT COUNT(*) FROM requests WHERE unit_code = ? AND applicant = ?"
            " AND received_on BETWEEN ? AND ?"
            " AND (received_on < ? OR (received_on = ? AND id <= ?))",
            (self.unit, applicant, month + "-01", month + "-31", received, received, request_id),
        )
        return int(earlier[0]) if earlier else 1

    # ------------------------------------------------------------------ reading
    def _events(self, request_id: str, unit: str | None = None) -> list[m.Event]:
        rows = self.store.all(
            "SELECT id, request_id, kind, on_date, data, recorded_by, recorded_at FROM events"
            " WHERE unit_code = ? AND request_id = ? ORDER BY id",
            (unit or self.unit, request_id),
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
                "no such request in the ledger",
                zh="台账中没有这件申请",
                request=request_id,
                field="request_id",
            )
        return fold(events)

    def show(self, request_id: str) -> Shown:
        state = self.state(request_id)
        return Shown(state, dl.deadlines(state, self.calendar), self.appeals(request_id))

    def states(self) -> list[m.RequestState]:
        """Every request folded from its events (slow path: tests and exports)."""
        by_request: dict[str, list[m.Event]] = {}
        rows = self.store.all(
            "SELECT id, request_id, kind, on_date, data, recorded_by, recorded_at FROM events"
            " WHERE unit_code = ? ORDER BY id",
            (self.unit,),
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
        where, params = ["unit_code = ?"], [self.unit]
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
        clause = "WHERE " + " AND ".join(where)
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
            "SELECT id, answer_due, reply_due, correction_due, warnings FROM requests"
            " WHERE unit_code = ? AND state <> 'closed' ORDER BY answer_due, id",
            (self.unit,),
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
        counted = tables.sql_counts(self.store, year, self.unit)
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
                        f"SELECT id FROM requests WHERE unit_code = ? AND {where} ORDER BY id",
                        [self.unit, *params],
                    )
                ]
            return [c.id for c in self.appeals() if appeal_in_cell(c, year, row, column)]
        except KeyError:
            raise LedgerError(f"no cell {cell} in the {year} tables", field="explain") from None


@functools.lru_cache(maxsize=8)
def _calendar(rows: tuple[tuple[str, int], ...]) -> Calendar:
    """Calendars are immutable and costly to build (~70 ms): one per distinct local table."""
    return Calendar(parse_local_rows(rows))


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
        raise LedgerError(f"a {what} needs an id", zh="缺少编号", field=f"{what}_id")
    from xxgk.ledger.importer import check_fields

    check_fields({f"{what}_id": value})  # no NUL or other control character, not too long
    return value


def _check_year(year: int) -> None:
    if not 2008 <= year <= 2099:
        raise LedgerError(f"no report year {year}", field="year")


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
