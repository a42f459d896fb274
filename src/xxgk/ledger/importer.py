"""Import and export ledgers as CSV or XLSX — the way agencies keep them in Excel.

The column layout (header row required, any column order, names case-insensitive)::

    request_id,applicant_type,received,answered,outcome            (minimum, exactly this)
    channel,correction_requested,correction_received,extended,
    consultation_days,fee_notice,fee_paid                            (optional)

``applicant_type`` is a requests column key (``natural_person``, ``commercial``, …; the form's
Chinese column label is accepted too), dates are ``YYYY-MM-DD``, ``answered`` and ``outcome``
are empty for an open request, ``outcome`` is a requests row key (``granted``,
``denied.third_party``, ``other.no_correction``, …; ``other`` means ``other.other``).
``extended`` is empty/``0``/``no`` or ``yes``/``1``/``true``/``是`` (20 working days) or a number of
working days ``2``–``20``, ``extended_on`` the day it was decided (default: the clock start);
``consultation_days`` is a number of working days not counted (ended consultations);
``consultation_started`` the day a consultation still running began (``consultation_party``:
``third_party`` or ``agency``, default third_party).

A file is imported all or nothing: every row is checked first and every bad row is
reported as ``row 7, field received: …`` (the header is row 1); nothing is written unless
all rows are good. A field longer than :data:`MAX_FIELD` characters, or holding a control
character (a NUL byte …), is a bad row; so are digits that are not ASCII (``²``), a day that
does not exist, and more than :data:`MAX_CONSULTATION_DAYS` consultation days. An empty file,
or a header with no row under it, is refused. ``mapping`` renames the agency's own headers to ours
(``{"编号": "request_id", "收到日期": "received"}``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xxgk import form
from xxgk.errors import LedgerError
from xxgk.ledger import model as m
from xxgk.ledger.inputs import date_problem, outcome_key, to_date
from xxgk.ledger.state import fold

if TYPE_CHECKING:
    from xxgk.ledger.book import Ledger

MINIMUM = ("request_id", "applicant_type", "received", "answered", "outcome")
OPTIONAL = (
    "channel",
    "correction_requested",
    "correction_received",
    "extended",
    "consultation_days",
    "fee_notice",
    "fee_paid",
    "extended_on",
    "consultation_started",
    "consultation_party",
)
COLUMNS = MINIMUM + OPTIONAL
MAX_ERRORS = 50
MAX_FIELD = 2000  # characters in one field (a description, a channel…)
MAX_CONSULTATION_DAYS = 250  # working days not counted: about a year
_READ_LIMIT = 64 * 1024 * 1024  # the csv module's own field limit while reading (then MAX_FIELD)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_DIGITS = re.compile(r"[0-9]+")
_YES = {"yes", "y", "true", "是", "x", "✓"}
_NO = {"", "0", "no", "n", "false", "否"}


class ImportFailed(LedgerError):
    """A file with bad rows: ``errors`` lists every row-level message (``errors_zh`` the same
    in Chinese); nothing was written."""

    def __init__(self, path: str, errors: list[str], errors_zh: list[str] | None = None) -> None:
        self.errors = errors
        self.errors_zh = errors_zh or errors
        more = len(errors) - 5
        shown = "; ".join(errors[:5]) + (f"; … {more} more" if more > 0 else "")
        shown_zh = "；".join(self.errors_zh[:5]) + (f"；另有 {more} 行" if more > 0 else "")
        super().__init__(
            f"{len(errors)} bad row(s), nothing imported: {shown}",
            zh=f"{len(errors)} 行有误，未导入任何申请：{shown_zh}",
            path=path,
        )


# ---------------------------------------------------------------- reading


def read_rows(
    path: str | Path, mapping: Mapping[str, str] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """``(row number, {our column: text})`` for each data row of a CSV or XLSX file."""
    path = Path(path)
    raw = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    header: list[str] | None = None
    for number, values in enumerate(raw, start=1):
        if header is None:
            header = _header(values, mapping or {}, str(path))
            continue
        if not any(str(v).strip() for v in values if v is not None):
            continue
        yield number, {h: _text(v) for h, v in zip(header, values, strict=False) if h}
    if header is None:
        raise LedgerError(
            "the file is empty: no header row", zh="文件为空：没有表头行", path=str(path)
        )


def _csv_rows(path: Path) -> Iterator[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise LedgerError("not a CSV file in UTF-8 or GB18030", path=str(path))
    previous = csv.field_size_limit(_READ_LIMIT)  # a long field is a row-level error, below
    try:
        yield from csv.reader(io.StringIO(text))
    except csv.Error as exc:
        raise LedgerError(f"not a readable CSV file: {exc}", path=str(path)) from None
    finally:
        csv.field_size_limit(previous)


def _xlsx_rows(path: Path) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise LedgerError(f"cannot read the workbook: {exc}", path=str(path)) from None
    for row in book.worksheets[0].iter_rows(values_only=True):
        yield list(row)


def _header(values: list[Any], mapping: Mapping[str, str], path: str) -> list[str]:
    renamed = {k.strip().lower(): v for k, v in mapping.items()}
    header = []
    for v in values:
        name = _text(v).lower()
        name = renamed.get(name, name)
        header.append(name if name in COLUMNS else "")
    missing = [c for c in MINIMUM if c not in header]
    if missing:
        raise LedgerError(
            f"row 1: missing column(s) {', '.join(missing)} (need {','.join(MINIMUM)})", path=path
        )
    return header


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---------------------------------------------------------------- rows → events

_LABELS = {c.label: c.key for c in form.REQUESTS_COLUMNS[:-1]}


def check_fields(row: dict[str, str]) -> None:
    """Refuse a field too long to be a ledger entry or holding a control character."""
    for name, value in row.items():
        if len(value) > MAX_FIELD:
            raise LedgerError(
                f"{len(value):,} characters, at most {MAX_FIELD:,}",
                zh=f"{len(value):,} 个字符，最多 {MAX_FIELD:,} 个",
                field=name,
            )
        bad = _CONTROL.search(value)
        if bad:
            raise LedgerError(
                f"contains a control character ({ord(bad.group()):#04x})",
                zh=f"含有控制字符（{ord(bad.group()):#04x}）",
                field=name,
            )


def row_events(row: dict[str, str], by: str, at: str) -> list[m.Event]:
    """The events one import row stands for (checked by :func:`fold`)."""
    check_fields(row)
    rid = row.get("request_id", "")
    if not rid:
        raise LedgerError("empty", field="request_id")
    kind = row.get("applicant_type", "")
    data = {"applicant_type": _LABELS.get(kind, kind)}
    if row.get("outcome"):
        row = {**row, "outcome": outcome_key(row["outcome"])}
    if row.get("channel"):
        data["channel"] = row["channel"]
    events = [m.Event(rid, m.RECEIVED, _date(row, "received", required=True), data, by, at)]  # type: ignore[arg-type]

    def add(kind: str, field: str, extra: dict[str, Any] | None = None) -> None:
        day = _date(row, field)
        if day is not None:
            events.append(m.Event(rid, kind, day, extra or {}, by, at))

    add(m.CORRECTION_REQUESTED, "correction_requested")
    add(m.CORRECTION_RECEIVED, "correction_received")
    events += _extension(row, rid, events[-1].on, by, at)
    events += _consultation(row, rid, events[0].on, by, at)
    party = row.get("consultation_party") or "third_party"
    add(m.CONSULTATION_STARTED, "consultation_started", {"party": party})
    add(m.FEE_NOTICE, "fee_notice", {"method": "piece", "amount": "0", "imported": True})
    add(m.FEE_PAID, "fee_paid")
    events += _answer(row, rid, by, at)
    return events


def _date(row: dict[str, str], field: str, required: bool = False) -> dt.date | None:
    text = row.get(field, "")
    if not text:
        if required:
            raise LedgerError("empty (need YYYY-MM-DD)", field=field)
        return None
    text = text[:10] if len(text) >= 10 and text[10:11] in (" ", "T") else text
    day = to_date(text)
    if day is None:
        en, zh = date_problem(text)
        raise LedgerError(en, zh=zh, field=field)
    return day


def _extension(row: dict[str, str], rid: str, after: dt.date, by: str, at: str) -> list[m.Event]:
    """An imported extension is dated ``extended_on``, else at the clock start."""
    text = row.get("extended", "").strip().lower()
    if text in _NO:
        return []
    if text in _YES or text == "1":
        days = m.EXTENSION_MAX
    elif _ASCII_DIGITS.fullmatch(text):
        days = int(text)
    else:
        raise LedgerError(f"not yes/no or a number of working days: {text!r}", field="extended")
    on = _date(row, "extended_on") or after
    return [m.Event(rid, m.EXTENDED, on, {"days": days}, by, at)]


def _consultation(row: dict[str, str], rid: str, on: dt.date, by: str, at: str) -> list[m.Event]:
    text = row.get("consultation_days", "").strip()
    if not text or text == "0":
        return []
    if not _ASCII_DIGITS.fullmatch(text):
        raise LedgerError(
            f"not a whole number of working days: {text!r}",
            zh=f"不是整数个工作日：{text!r}",
            field="consultation_days",
        )
    if int(text) > MAX_CONSULTATION_DAYS:
        raise LedgerError(
            f"{text} working days: at most {MAX_CONSULTATION_DAYS}",
            zh=f"{text} 个工作日：最多 {MAX_CONSULTATION_DAYS} 个",
            field="consultation_days",
        )
    return [
        m.Event(rid, m.PAUSED, on, {"working_days": int(text), "reason": "consultation"}, by, at)
    ]


def _answer(row: dict[str, str], rid: str, by: str, at: str) -> list[m.Event]:
    answered, outcome = _date(row, "answered"), row.get("outcome", "")
    if answered is None and not outcome:
        return []
    if answered is None:
        raise LedgerError("an outcome needs the date it was answered", field="answered")
    if not outcome:
        raise LedgerError("an answered request needs an outcome", field="outcome")
    return [m.Event(rid, m.ANSWERED, answered, {"outcome": outcome}, by, at)]


def load(
    path: str | Path, mapping: Mapping[str, str] | None, by: str, at: str
) -> list[m.RequestState]:
    """Every row of ``path`` folded, or :class:`ImportFailed` with every row's problem."""
    states: list[m.RequestState] = []
    errors: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for number, row in read_rows(path, mapping):
        try:
            state = fold(row_events(row, by, at))
        except LedgerError as exc:
            field = _column(exc)
            errors.append(
                (
                    f"row {number}, field {field}: {_bare(exc)}",
                    f"第 {number} 行，字段 {field}：{exc.detail_zh}",
                )
            )
            continue
        if state.id in seen:
            first = seen[state.id]
            errors.append(
                (
                    f"row {number}, field request_id: duplicate id {state.id} (also row {first})",
                    f"第 {number} 行，字段 request_id：编号 {state.id} 重复（第 {first} 行也是）",
                )
            )
            continue
        seen[state.id] = number
        states.append(state)
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise ImportFailed(str(path), [e for e, _ in errors], [z for _, z in errors])
    if not states:
        raise LedgerError(
            "no request rows under the header: nothing to import",
            zh="表头下没有任何申请行，没有可导入的内容",
            path=str(path),
        )
    return states


# The import column an event comes from, to name it in row-level errors.
_KIND_COLUMNS = {
    m.CORRECTION_REQUESTED: "correction_requested",
    m.CORRECTION_RECEIVED: "correction_received",
    m.EXTENDED: "extended",
    m.PAUSED: "consultation_days",
    m.CONSULTATION_STARTED: "consultation_started",
    m.FEE_NOTICE: "fee_notice",
    m.FEE_PAID: "fee_paid",
    m.ANSWERED: "answered",
}


def _column(exc: LedgerError) -> str:
    kind = getattr(exc, "kind", None)
    if kind in _KIND_COLUMNS and exc.field in ("on", "kind", None):
        return _KIND_COLUMNS[kind]
    return exc.field or "?"


def _bare(exc: LedgerError) -> str:
    """The message without the ``request X field Y:`` prefix (the row says it)."""
    text = exc.message
    prefix = " ".join(
        p
        for p in (
            f"request {exc.request}" if exc.request else "",
            f"field {exc.field}" if exc.field else "",
        )
        if p
    )
    return text[len(prefix) + 2 :] if prefix and text.startswith(prefix) else text


def import_file(
    ledger: Ledger,
    path: str | Path,
    mapping: Mapping[str, str] | None = None,
    by: str | None = None,
) -> int:
    """Import a CSV/XLSX file into ``ledger``, all or nothing; returns the number of requests."""
    from xxgk.ledger.book import now, who

    states = load(path, mapping, who(by), now())
    try:
        ledger.insert_many(states)
    except LedgerError as exc:
        raise LedgerError(_duplicates(ledger, states) or exc.message, path=str(path)) from None
    return len(states)


def _duplicates(ledger: Ledger, states: list[m.RequestState]) -> str:
    known = {r["id"] for r in ledger.list()}
    clash = [s.id for s in states if s.id in known]
    return (
        f"request id(s) already in the ledger, nothing imported: {', '.join(clash[:10])}"
        if clash
        else ""
    )


def __getattr__(name: str) -> Any:
    """``export`` and ``export_row`` live in :mod:`xxgk.ledger.exporter`; still importable here."""
    if name in ("export", "export_row"):
        from xxgk.ledger import exporter

        return getattr(exporter, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
