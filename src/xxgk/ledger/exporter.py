"""Export a ledger in the import layout (:mod:`xxgk.ledger.importer`), CSV or XLSX.

Export → import gives the same tables and the same answer deadlines: dated consultations become
``consultation_days``, a consultation still running ``consultation_started`` (and its party),
an extension keeps its date (``extended_on``). Text a spreadsheet would run as a formula is
written as text (:mod:`xxgk.output.cells`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING

from xxgk.errors import cannot_write
from xxgk.ledger import model as m
from xxgk.ledger.calendar import Calendar
from xxgk.ledger.importer import COLUMNS

if TYPE_CHECKING:
    from xxgk.ledger.book import Ledger


def export_row(state: m.RequestState, cal: Calendar) -> dict[str, str]:
    """One request in the import layout. Dated consultations become ``consultation_days``
    (their working days), so export → import gives the same tables and answer deadlines."""

    def iso(d: dt.date | None) -> str:
        return d.isoformat() if d else ""

    kinds = {e.kind: e for e in state.events}
    fee, paid, ext = kinds.get(m.FEE_NOTICE), kinds.get(m.FEE_PAID), kinds.get(m.EXTENDED)
    running = next(
        (p for p in state.pauses if p.reason.startswith("consultation") and p.end is None), None
    )
    consulted = state.paused_days + sum(
        cal.between(p.start, p.end)
        for p in state.pauses
        if p.reason.startswith("consultation") and p.end
    )
    return {
        "request_id": state.id,
        "applicant_type": state.applicant_type,
        "received": iso(state.received),
        "answered": iso(state.closed_on),
        "outcome": state.outcome or "",
        "channel": state.channel or "",
        "correction_requested": iso(state.correction_requested),
        "correction_received": iso(state.correction_received),
        "extended": str(state.extension_days) if state.extension_days else "",
        "consultation_days": str(consulted) if consulted else "",
        "fee_notice": iso(fee.on) if fee else "",
        "fee_paid": iso(paid.on) if paid else "",
        "extended_on": iso(ext.on) if ext and state.extension_days else "",
        "consultation_started": iso(running.start) if running else "",
        "consultation_party": (state.consultation_party or "") if running else "",
    }


def export(ledger: Ledger, path: str | Path | None = None) -> str | None:
    """Write every request in the import layout to ``path`` (.csv or .xlsx); no path → CSV text.
    Text a spreadsheet would run as a formula is kept as text (:mod:`xxgk.output.cells`)."""
    from xxgk.output.cells import csv_value

    cal = ledger.calendar
    rows = [export_row(s, cal) for s in ledger.states()]
    if path is not None and Path(path).suffix.lower() == ".xlsx":
        _write_xlsx(Path(path), rows)
        return None
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_value(v) for k, v in row.items()} for row in rows)
    if path is None:
        return out.getvalue()
    try:
        Path(path).write_text(out.getvalue(), encoding="utf-8")
    except OSError as exc:
        raise cannot_write(path, exc) from None
    return None


def _write_xlsx(path: Path, rows: list[dict[str, str]]) -> None:
    from openpyxl import Workbook

    from xxgk.output.cells import set_text

    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(COLUMNS, start=1):
            set_text(sheet.cell(r, c), row[column])  # text, never a formula
    try:
        book.save(path)
    except OSError as exc:
        raise cannot_write(path, exc) from None
