"""Compare a published (or hand-filled) report with what the ledger says, cell by cell.

The ledger's tables are computed in the edition the published report printed (a 2021 report
printed in the 2019 edition is compared row for row with the ledger's 2019 layout, where the
three ``other.*`` rows add up to ``other``). An empty or missing published cell counts as 0,
as in the form's arithmetic, and is still listed when the ledger has a number there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xxgk import form
from xxgk.errors import LedgerError
from xxgk.model import Report

TABLES = ("requests", "appeals")


@dataclass(frozen=True)
class Difference:
    """One cell where the published report and the ledger disagree."""

    table: str
    row: str
    column: str
    published: int | None  # None: the cell was empty or not printed
    ledger: int
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "label": self.label,
            "published": self.published,
            "ledger": self.ledger,
        }


def check_year(report: Report, year: int, path: str | None = None) -> None:
    """Refuse to compare a published report of another year than ``--year``."""
    printed = report.meta.year
    if printed is not None and printed != year:
        raise LedgerError(
            f"the published report is for {printed}, not {year} (--year {year}): "
            "compare it with the ledger's tables of its own year",
            zh=f"所给报告是 {printed} 年度的，不是 {year} 年度（--year {year}）：请与同一年度的台账统计比对",
            field="year",
            path=path,
        )


def published_edition(report: Report, year: int) -> str:
    """The edition the published requests table was printed in (else the year's)."""
    table = report.table("requests")
    edition = table.edition if table is not None else None
    return edition if edition in form.EDITIONS else form.edition_for_year(year)


def differences(published: Report, ledger: Report) -> list[Difference]:
    """Every requests/appeals cell where the two reports differ, in printed order."""
    out = []
    for name in TABLES:
        mine, theirs = ledger.table(name), published.table(name)
        if mine is None:
            continue
        edition = mine.edition or "2021"
        for row, column in form.cell_keys(name, edition):
            expected = int(mine.value(row, column) or 0)
            value = theirs.value(row, column) if theirs is not None else None
            if (int(value) if value is not None else 0) != expected or (value is None and expected):
                got = int(value) if value is not None else None
                out.append(
                    Difference(
                        name,
                        row,
                        column,
                        got,
                        expected,
                        form.cell_label(name, row, column, edition),
                    )
                )
    return out


def load_published(path: str | Path) -> Report:
    """A published report: Report JSON (``xxgk parse --format json``) or any file the parser reads."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        import json

        try:
            return Report.from_dict(json.loads(path.read_text("utf-8")))
        except (ValueError, KeyError) as exc:
            raise LedgerError(f"not a report JSON file: {exc}", path=str(path)) from None
    import xxgk

    return xxgk.parse(path, check=False)
