"""``xxgk ledger …``: thin wrappers over :class:`xxgk.ledger.book.Ledger`.

Every command takes ``--db PATH_OR_URL`` (else ``XXGK_DB``, else ``xxgk.db`` here); every
command that depends on the date takes ``--today`` (default: the system date, printed with
the output so a run can be repeated); data commands take ``--format table|json``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from xxgk import form
from xxgk.errors import ConfigError, LedgerError, say
from xxgk.ledger import model as m
from xxgk.ledger.store import DEFAULT_DB, ENV_DB, resolve


def _db(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--db`` and ``--unit`` (kept aside for :func:`_open`) on every command."""

    @functools.wraps(fn)
    def with_unit(*args: Any, unit: str | None = None, **kwargs: Any) -> Any:
        click.get_current_context().meta[_UNIT] = unit
        return fn(*args, **kwargs)

    with_unit = click.option(
        "--unit",
        envvar="XXGK_UNIT",
        default=None,
        help="The unit's code (env XXGK_UNIT; default: the only unit in the store).",
    )(with_unit)
    return click.option(
        "--db",
        envvar=ENV_DB,
        default=None,
        help=f"Ledger database: SQLite path or postgresql:// URL (env {ENV_DB}; default {DEFAULT_DB}).",
    )(with_unit)


_UNIT = "xxgk.ledger.unit"


def _unit() -> str | None:
    return click.get_current_context().meta.get(_UNIT)


def _format(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
        help="Output format.",
    )(fn)


def _by(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--by", help="Who records this (default: XXGK_USER or the login name).")(fn)


def _today(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--today", help="The date to compute against, YYYY-MM-DD (default: the system date)."
    )(fn)


def _date(value: str | None, name: str) -> dt.date:
    if value is None:
        return dt.date.today()
    from xxgk.ledger.inputs import date_problem, to_date

    day = to_date(value)
    if day is None:
        en, zh = date_problem(value)
        raise ConfigError(f"--{name}: {en}", zh=f"--{name}：{zh}")
    return day


def _open(db: str | None):
    from xxgk.ledger.book import Ledger

    return Ledger(db, unit=_unit())


def _json(data: Any) -> None:
    """JSON as every xxgk command writes it (exact decimals, Chinese unescaped)."""
    from xxgk.output.jsonout import dumps

    click.echo(dumps(data, indent=2))


def _emit(fmt: str, data: Callable[[], Any], as_text: Callable[[Any], str], value: Any) -> int:
    """Print ``value`` as JSON (``data()``) or as text (``as_text(value)``, from ledger.text)."""
    if fmt == "json":
        _json(data())
    else:
        click.echo(as_text(value))
    return 0


@click.group("ledger")
def ledger() -> None:
    """依申请公开台账: the request ledger — deadlines, due lists, the annual tables."""


@ledger.command("init")
@_db
@click.option("--agency", help="The agency's name (printed in the report).")
def init_cmd(db: str | None, agency: str | None) -> int:
    """Create (or migrate) a ledger database."""
    from xxgk.ledger.book import Ledger

    Ledger.init(db, agency, unit=_unit()).close()
    click.echo(say(f"台账已就绪：{resolve(db)}", f"ledger ready: {resolve(db)}"), err=True)
    return 0


@ledger.command("add")
@_db
@_by
@click.argument("request_id")
@click.option(
    "--type",
    "applicant_type",
    required=True,
    help="Applicant type: the form's label (自然人, 商业企业, …) or its key ("
    + ", ".join(form.APPLICANT_TYPES)
    + ").",
)
@click.option("--received", required=True, help="Receipt date YYYY-MM-DD (art. 31).")
@click.option("--applicant", help="Applicant's name (needed for per-request fees).")
@click.option("--channel", help="in_person | post | letter | internet | fax | email …")
@click.option("--description", help="What is asked for.")
def add_cmd(
    db: str | None,
    by: str | None,
    request_id: str,
    applicant_type: str,
    received: str,
    **fields: str | None,
) -> int:
    """Register a request."""
    state = _open(db).add(request_id, applicant_type, received, by=by, **fields)
    click.echo(
        say(
            f"{state.id}：已登记，收到日期 {state.received}",
            f"{state.id}: registered, received {state.received}",
        )
    )
    return 0


@ledger.command("event")
@_db
@_by
@click.argument("request_id")
@click.argument("kind", type=click.Choice([k for k in m.KINDS if k != m.RECEIVED]))
@click.option("--on", "on", required=True, help="When it happened, YYYY-MM-DD.")
@click.option("--outcome", help="answered: a requests row key (granted, denied.third_party, …).")
@click.option("--days", type=int, help="extended: working days (≤ 20); paused: working days.")
@click.option(
    "--party", type=click.Choice(m.PARTIES), help="consultation_started: who is consulted."
)
@click.option(
    "--method", type=click.Choice(m.FEE_METHODS), help="fee_notice: piece (按件) or volume (按量)."
)
@click.option("--pages", type=int, help="fee_notice by volume: pages.")
@click.option("--amount", help="fee_notice: amount in 元 (default: computed by 109号).")
@click.option(
    "--field", "field_", type=click.Choice(m.AMENDABLE), help="amended: which registration field."
)
@click.option("--value", help="amended: its corrected value.")
@click.option("--event-id", type=int, help="void: the id of the event to cancel.")
def event_cmd(
    db: str | None, by: str | None, request_id: str, kind: str, on: str, **options: Any
) -> int:
    """Record what happened to a request (append-only)."""
    data = _event_data(kind, options)
    state = _open(db).event(request_id, kind, on, data, by=by)
    outcome = f" ({state.outcome})" if state.outcome else ""
    click.echo(
        say(
            f"{state.id}：已记录 {kind}；当前状态 {state.state}{outcome}",
            f"{state.id}: {kind} recorded; now {state.state}{outcome}",
        )
    )
    return 0


def _event_data(kind: str, o: dict[str, Any]) -> dict[str, Any]:
    pick = {
        m.ANSWERED: {"outcome": o["outcome"]},
        m.EXTENDED: {"days": o["days"]},
        m.PAUSED: {"working_days": o["days"], "reason": "consultation"},
        m.CONSULTATION_STARTED: {"party": o["party"] or "third_party"},
        m.FEE_NOTICE: {"method": o["method"], "pages": o["pages"], "amount": o["amount"]},
        m.AMENDED: {"field": o["field_"], "value": o["value"]},
        m.VOID: {"event": o["event_id"]},
    }.get(kind, {})
    return {k: v for k, v in pick.items() if v is not None}


@ledger.command("show")
@_db
@_format
@click.argument("request_id")
def show_cmd(db: str | None, fmt: str, request_id: str) -> int:
    """A request: registration, state, deadlines, every event (who, when)."""
    from xxgk.ledger import text

    shown = _open(db).show(request_id)
    return _emit(fmt, shown.to_dict, text.show, shown)


@ledger.command("list")
@_db
@_format
@click.option("--state", help="open (= not closed) or one of " + ", ".join(m.STATES))
@click.option("--year", type=int, help="Received in this year.")
def list_cmd(db: str | None, fmt: str, state: str | None, year: int | None) -> int:
    """Requests with their derived state and running answer deadline."""
    from xxgk.ledger import text

    rows = _open(db).list(state=state, year=year)
    return _emit(fmt, lambda: rows, text.listing, rows)


@ledger.command("due")
@_db
@_format
@_today
@click.option("--overdue", is_flag=True, help="Only deadlines already missed.")
@click.option("--within", type=int, help="Only deadlines at most this many working days ahead.")
@click.option(
    "--received", help="A hypothetical request received on this date: print its answer deadline."
)
@click.option("--corrected", help="…whose corrected request arrived on this date.")
@click.option(
    "--extended",
    is_flag=False,
    flag_value=m.EXTENSION_MAX,
    type=int,
    default=0,
    help="…with an extension (default 20 working days).",
)
def due_cmd(
    db: str | None,
    fmt: str,
    today: str | None,
    overdue: bool,
    within: int | None,
    received: str | None,
    corrected: str | None,
    extended: int,
) -> int:
    """What is due and what is overdue, most urgent first."""
    if received is not None:
        return _hypothetical(db, fmt, received, corrected, extended)
    day = _date(today, "today")
    from xxgk.ledger import text

    lines = _open(db).due(day, overdue=overdue, within=within)
    return _emit(
        fmt,
        lambda: {"today": day.isoformat(), "items": [i.to_dict() for i in lines]},
        lambda items: text.due(items, day),
        lines,
    )


def _hypothetical(
    db: str | None, fmt: str, received: str, corrected: str | None, extended: int
) -> int:
    from xxgk.ledger.calendar import Calendar
    from xxgk.ledger.deadlines import answer_due_for

    if not 0 <= extended <= m.EXTENSION_MAX:
        raise LedgerError(
            f"an extension is at most {m.EXTENSION_MAX} working days, not {extended}",
            field="extended",
        )
    has_db = db is not None or Path(resolve(None)).exists()
    cal = _open(db).calendar if has_db else Calendar()
    got = answer_due_for(
        cal,
        _date(received, "received"),
        _date(corrected, "corrected") if corrected else None,
        extended,
    )
    if fmt == "json":
        _json(
            {
                "received": received,
                "corrected": corrected,
                "extended": extended,
                "answer_due": got.day.isoformat(),
                "warnings": list(got.warnings),
            }
        )
    else:
        click.echo(got.day.isoformat() + "".join(f"  ⚠ {w}" for w in got.warnings))
    return 0


@ledger.command("report")
@_db
@_format
@click.option("--year", type=int, required=True, help="Report year.")
@click.option(
    "--edition", type=click.Choice(form.EDITIONS), help="Form edition (default: the year's)."
)
@click.option(
    "--explain",
    "cell",
    help="List the requests behind one cell, e.g. requests.granted.natural_person.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the tables (table or JSON) to FILE instead of stdout; render it with xxgk render.",
)
def report_cmd(
    db: str | None,
    fmt: str,
    year: int,
    edition: str | None,
    cell: str | None,
    output: Path | None = None,
) -> int:
    """The year's requests and appeals tables, from the ledger."""
    book = _open(db)
    if cell:
        ids = book.explain(year, cell)
        if fmt == "json":
            _json({"year": year, "cell": cell, "count": len(ids), "ids": ids})
        else:
            click.echo("\n".join(ids))
        return 0
    from xxgk.ledger import text

    report = book.report(year, edition=edition)
    if output is None:
        return _emit(fmt, report.to_dict, text.report, report)
    from xxgk.errors import cannot_write, say
    from xxgk.output.jsonout import dumps

    body = dumps(report.to_dict(), indent=2) + "\n" if fmt == "json" else text.report(report) + "\n"
    try:
        output.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise cannot_write(output, exc) from None
    click.echo(say(f"已写入 {output}", f"wrote {output}"), err=True)
    return 0


@ledger.command("reconcile")
@_db
@_format
@click.option("--year", type=int, required=True)
@click.argument("published", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def reconcile_cmd(db: str | None, fmt: str, year: int, published: Path) -> int:
    """Every cell where a published or hand-filled report differs from the ledger (exit 1 if any)."""
    from xxgk.ledger import reconcile

    report = reconcile.load_published(published)
    reconcile.check_year(report, year, str(published))
    mine = _open(db).report(year, edition=reconcile.published_edition(report, year))
    found = reconcile.differences(report, mine)
    if fmt == "json":
        _json({"year": year, "file": str(published), "differences": [d.to_dict() for d in found]})
    else:
        for d in found:
            shown = "空" if d.published is None else d.published
            key = f"{d.table}.{d.row}.{d.column}  {d.label}"
            click.echo(
                say(
                    f"{key}：报告为 {shown}，台账为 {d.ledger}",
                    f"{key}: published {shown}, ledger {d.ledger}",
                )
            )
        summary = (
            say(f"{len(found)} 个单元格不一致", f"{len(found)} cell(s) differ")
            if found
            else say("报告与台账一致", "published report matches the ledger")
        )
        click.echo(summary, err=True)
    return 1 if found else 0


@ledger.command("import")
@_db
@_by
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "mapping",
    multiple=True,
    help="Rename a header: 'THEIRS=ours' (repeatable), e.g. --map 收到日期=received.",
)
def import_cmd(db: str | None, by: str | None, path: Path, mapping: tuple[str, ...]) -> int:
    """Import requests from CSV or XLSX (all or nothing; row-level errors)."""
    from xxgk.ledger.importer import import_file

    pairs = {}
    for item in mapping:
        theirs, sep, ours = item.partition("=")
        if not sep:
            raise ConfigError(f"--map wants THEIRS=ours, not {item!r}")
        pairs[theirs.strip()] = ours.strip()
    count = import_file(_open(db), path, pairs, by)
    click.echo(
        say(f"已从 {path} 导入 {count} 件申请", f"imported {count} request(s) from {path}"),
        err=True,
    )
    return 0


@ledger.command("export")
@_db
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=".csv or .xlsx (default: CSV on stdout).",
)
def export_cmd(db: str | None, output: Path | None) -> int:
    """Export every request in the import layout."""
    from xxgk.ledger.exporter import export

    text = export(_open(db), output)
    if text is not None:
        click.echo(text, nl=False)
    return 0


@ledger.group("calendar")
def calendar_group() -> None:
    """The local working-day table (holidays / make-up workdays of the State Council notice)."""


@calendar_group.command("add")
@_db
@_by
@click.argument("days", nargs=-1, required=True)
@click.option(
    "--holiday/--workday",
    "holiday",
    required=True,
    help="The days are holidays, or make-up workdays (调休补班).",
)
@click.option("--note", help="e.g. 国办发明电〔2026〕…号")
def calendar_add(
    db: str | None, by: str | None, days: tuple[str, ...], holiday: bool, note: str | None
) -> int:
    """Add days (YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD); open deadlines are recomputed."""
    rows = [(d, not holiday, note) for d in _expand(days)]
    n = _open(db).add_calendar_days(rows, by=by)
    click.echo(
        say(
            f"已记录 {len(rows)} 天；重新计算了 {n} 件未办结申请的期限",
            f"{len(rows)} day(s) recorded; {n} open request(s) recomputed",
        ),
        err=True,
    )
    return 0


def _expand(days: tuple[str, ...]) -> list[dt.date]:
    out = []
    for item in days:
        first, _, last = item.partition("..")
        start, end = _date(first, "day"), _date(last or first, "day")
        out += [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return out


@calendar_group.command("list")
@_db
@_format
def calendar_list(db: str | None, fmt: str) -> int:
    """The local table."""
    days = _open(db).calendar_days()
    if fmt == "json":
        _json([{"day": str(d), "workday": bool(w), "note": n} for d, w, n in days])
        return 0
    for day, workday, note in days:
        kind = say("工作日", "workday") if workday else say("休息日", "holiday")
        click.echo(f"{day}  {kind}  {note or ''}".rstrip())
    return 0


@ledger.group("appeal")
def appeal_group() -> None:
    """Reconsideration and litigation cases against disclosure decisions."""


@appeal_group.command("add")
@_db
@_by
@click.argument("case_id")
@click.option(
    "--request", "request_id", required=True, help="The request whose decision is challenged."
)
@click.option("--kind", required=True, type=click.Choice(m.APPEAL_KINDS))
@click.option("--filed", required=True, help="YYYY-MM-DD")
def appeal_add(
    db: str | None, by: str | None, case_id: str, request_id: str, kind: str, filed: str
) -> int:
    """Record a case."""
    _open(db).add_appeal(case_id, request_id, kind, filed, by=by)
    click.echo(
        say(
            f"{case_id}：已记录针对 {request_id} 的 {kind}",
            f"{case_id}: {kind} against {request_id} recorded",
        ),
        err=True,
    )
    return 0


@appeal_group.command("decide")
@_db
@_by
@click.argument("case_id")
@click.option("--result", required=True, type=click.Choice(m.APPEAL_RESULTS))
@click.option("--on", "on", required=True, help="YYYY-MM-DD")
def appeal_decide(db: str | None, by: str | None, case_id: str, result: str, on: str) -> int:
    """Record a case's result."""
    _open(db).decide_appeal(case_id, result, on, by=by)
    click.echo(say(f"{case_id}：{on} {result}", f"{case_id}: {result} on {on}"), err=True)
    return 0


@ledger.command("fee")
@click.option("--method", required=True, type=click.Choice(m.FEE_METHODS))
@click.option("--nth", type=int, help="piece: the request's number for this applicant this month.")
@click.option("--pages", type=int, help="volume: pages.")
@_format
def fee_cmd(method: str, nth: int | None, pages: int | None, fmt: str) -> int:
    """The 109号 fee for one request."""
    from xxgk.ledger.fees import fee

    amount = fee(method, nth=nth, pages=pages)
    if fmt == "json":
        _json({"method": method, "nth": nth, "pages": pages, "fee_yuan": amount})
    else:
        click.echo(f"{amount} 元")
    return 0


from xxgk.ledger import desk_cli  # noqa: E402,F401  (adds notice and archive to the group)

commands = [ledger]
