"""Cells a spreadsheet must not run: text stays text in XLSX and CSV (formula injection).

* **XLSX**: openpyxl writes any string starting with ``=`` as a live formula; :func:`xlsx_value`
  (write-only sheets) and :func:`set_text` (ordinary sheets) store it as a string cell instead.
  Only the totals xxgk itself writes (:mod:`xxgk.render.workbook`) are formulas.
* **CSV** has no types: a spreadsheet reads a cell starting with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return as a formula. :func:`csv_value` puts a ``'`` in front of such text (the
  OWASP rule), except a plain number — ``-6`` and ``+3`` are numbers, not formulas — and a lone
  ``-`` (the dash real reports print for nothing).
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?%?")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet read ``text`` as a formula?"""
    if not text.startswith(FORMULA_START) or text in ("-", "+"):
        return False
    return not _NUMBER.fullmatch(text)


def csv_value(value: Any) -> Any:
    """A CSV cell that a spreadsheet reads as the text it is; numbers unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def csv_row(values: Any) -> list[Any]:
    return [csv_value(v) for v in values]


def xlsx_value(sheet: Any, value: Any) -> Any:
    """For a write-only sheet's ``append``: a string starting with ``=`` as a string cell."""
    if isinstance(value, str) and value.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def xlsx_row(sheet: Any, values: Any) -> list[Any]:
    return [xlsx_value(sheet, v) for v in values]


def set_text(cell: Any, value: Any) -> Any:
    """Assign ``value`` to an ordinary sheet's cell; text stays text (never a formula)."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell
