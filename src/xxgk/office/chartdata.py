"""Charts are data first (STYLE 17): from a comparison (:func:`xxgk.office.compare.compare`)
the series of a bar chart (the latest year, unit by unit), a line chart (the units with the
highest latest values, year by year) and a unit × year heat map — each with the table printed
under it — and the same numbers as CSV. The web page draws them with the vendored ECharts."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

BAR_UNITS = 40
LINE_UNITS = 8


def _number(value: Any) -> float | None:
    """A chart coordinate (display only: the table and CSV keep the exact value)."""
    if value is None:
        return None
    return float(value) if isinstance(value, (int, Decimal, float)) else None


def shown(value: Any, ratio: bool) -> str:
    """A value as the tables print it: ratios as percentages, counts as they are."""
    if value is None:
        return "—"
    if ratio:
        return f"{Decimal(str(value)) * 100:.1f}%"
    return str(value)


def _latest(row: dict[str, Any], years: list[int]) -> Any:
    return row["values"].get(years[-1]) if years else None


def _ranked(rows: list[dict[str, Any]], years: list[int]) -> list[dict[str, Any]]:
    def key(row: dict[str, Any]) -> tuple[bool, float, str]:
        value = _number(_latest(row, years))
        return (value is None, -(value or 0.0), row["unit"])

    return sorted(rows, key=key)


def charts(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"bar", "line", "heatmap"}``: each ``{"kind","title","label","ratio", …series…}``."""
    years = [int(y) for y in found["years"]]
    rows = found["rows"]
    label, ratio = found["label"], bool(found.get("ratio"))
    filled = [y for y in years if any(r["values"].get(y) is not None for r in rows)]
    latest = filled[-1] if filled else (years[-1] if years else None)
    ranked = _ranked(rows, [latest] if latest is not None else [])
    bar_rows = [r for r in ranked if r["values"].get(latest) is not None][:BAR_UNITS]
    line_rows = bar_rows[:LINE_UNITS]
    base = {"label": label, "ratio": ratio, "years": years}
    return {
        "bar": {
            **base,
            "kind": "bar",
            "title": f"{latest or ''}年{label}（按单位）",
            "categories": [r["name"] for r in bar_rows],
            "values": [_number(r["values"].get(latest)) for r in bar_rows],
        },
        "line": {
            **base,
            "kind": "line",
            "title": f"{label}逐年变化（最新一年最高的{len(line_rows)}个单位）",
            "categories": [str(y) for y in years],
            "series": [
                {"name": r["name"], "values": [_number(r["values"].get(y)) for y in years]}
                for r in line_rows
            ],
        },
        "heatmap": {
            **base,
            "kind": "heatmap",
            "title": f"{label}：单位 × 年度",
            "units": [r["name"] for r in ranked],
            "categories": [str(y) for y in years],
            "cells": [
                [j, i, _number(r["values"].get(y))]
                for i, r in enumerate(ranked)
                for j, y in enumerate(years)
                if r["values"].get(y) is not None
            ],
        },
    }


def table_rows(found: dict[str, Any]) -> list[dict[str, Any]]:
    """The table under the charts: one row per unit, the printed values per year."""
    years = [int(y) for y in found["years"]]
    ratio = bool(found.get("ratio"))
    return [
        {
            "unit": r["unit"],
            "name": r["name"],
            "cells": [
                {
                    "year": y,
                    "text": shown(r["values"].get(y), ratio),
                    "weak": y in (r.get("not_meaningful") or []),
                }
                for y in years
            ],
        }
        for r in _ranked(found["rows"], years)
    ]


def csv_text(found: dict[str, Any]) -> str:
    """The comparison as CSV (UTF-8 with BOM so a spreadsheet reads the Chinese)."""
    years = [int(y) for y in found["years"]]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["unit", "name", *years, "not_meaningful"])
    for r in found["rows"]:
        values = ["" if r["values"].get(y) is None else str(r["values"][y]) for y in years]
        weak = ";".join(str(y) for y in r.get("not_meaningful") or [])
        writer.writerow([r["unit"], r["name"], *values, weak])
    return "\ufeff" + out.getvalue()
