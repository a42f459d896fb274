"""Locating a wrong cell where a table has one identity per row: the prose as a witness.

Table 四 has one identity per row (R4–R6: total = the four results) and table 二's 2021
in-force count one across years (X2): a broken identity alone cannot say *which* of its
cells is wrong. A second, independent statement can — the figure the report quotes in its
prose sections (``被申请行政复议3件``, ``现行有效规范性文件41件``):

* the quoted figure equals what the identity computes (the sum of the results; last year's
  in-force count + issued − repealed) and differs from the printed total → the printed
  total is the wrong cell, and its likely value is proposed;
* the quote agrees with the printed total, or there is no quote → one of the other cells
  is wrong, which one cannot be known: no suggestion.

The suggestion has the shape of table 三's (``table, row, column, value, printed, reason,
reason_zh``) and says what witnessed it. The parsed value is never changed.
"""

from __future__ import annotations

import re
from typing import Any

from xxgk.model import Number, Report
from xxgk.rules.numerals import NUMBER, value

IN_FORCE = {
    "regulations": re.compile(rf"现行有效(?:的)?规章(?:共|为|有)?{NUMBER}\s*件"),
    "normative_documents": re.compile(
        rf"现行有效(?:的)?(?:行政)?规范性文件(?:共|为|有)?{NUMBER}\s*件"
    ),
}


def _texts(report: Report) -> list[str]:
    # imported here: importing prose at module level would register F3's check before
    # the table checks that import this module, changing the order findings come in
    from xxgk.rules.prose import PROSE_SECTIONS, _figure_text

    return [
        t
        for s in report.sections
        if s.key in PROSE_SECTIONS and s.text
        if (t := _figure_text(s.text))
    ]


def quoted_review(report: Report) -> dict[int, str]:
    """``{number: quote}`` of the administrative reviews the prose quotes (F3's pattern)."""
    from xxgk.rules.prose import FIGURES, REVIEW, quotes

    review = next(f for f in FIGURES if f.pattern is REVIEW)
    return {n: quote for text in _texts(report) for quote, n in quotes(text, review)}


def quoted_in_force(report: Report, row: str) -> dict[int, str]:
    """``{number: quote}`` of the in-force counts of ``row`` the prose quotes."""
    out = {}
    for text in _texts(report):
        for m in IN_FORCE[row].finditer(text):
            n = value(m.group(1))
            if n is not None:
                out[n] = m.group(0)
    return out


def total_suggestion(
    table: str, row: str, column: str, computed: Number, printed: str | None, witness: str
) -> dict[str, Any]:
    return {
        "table": table,
        "row": row,
        "column": column,
        "value": computed,
        "printed": printed,
        "reason": f"{table}/{row}/{column} = {computed} (printed {printed!r}): the identity "
        f"and the text ({witness}) agree on it",
        "reason_zh": f"若该格为 {computed}（印为“{printed or ''}”），勾稽关系成立，且与正文“{witness}”一致",
    }


def witnessed(quoted: dict[int, str], computed: Number, printed: Number) -> str | None:
    """The quote, when the prose quotes only the computed value and it is not the printed one."""
    if computed != printed and set(quoted) == {computed}:
        return quoted[int(computed)]
    return None
