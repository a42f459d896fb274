"""``xxgk office compare``: a unit × year matrix of one cell or derived metric, with the
year-over-year change and the rank in each year. A ratio over fewer than
:data:`MIN_CASES` cases is shown but marked as not meaningful.

A metric is a cell key ``table.row.column`` (``requests.new_received.total``) or one of
:data:`DERIVED`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from xxgk import form
from xxgk.office.errors import OfficeError
from xxgk.office.status import USABLE, chosen_reports
from xxgk.store import Store
from xxgk.store import office as q

Key = tuple[str, str, str]
MIN_CASES = 5

_DENIED = tuple(r.key for r in form.REQUESTS_ROWS if r.key.startswith("denied."))
_CONCLUDED = ("upheld", "corrected", "other")
_LAWSUITS = ("lawsuit_direct", "lawsuit_after_review")


@dataclass(frozen=True)
class Derived:
    label: str
    numerator: tuple[Key, ...]
    denominator: tuple[Key, ...] = ()  # empty: a count, not a ratio


DERIVED: dict[str, Derived] = {
    "requests.received": Derived("本年新收申请数", (("requests", "new_received", "total"),)),
    "requests.not_disclosed_share": Derived(
        "不予公开占比",
        tuple(("requests", r, "total") for r in _DENIED),
        (("requests", "total", "total"),),
    ),
    "review.correction_rate": Derived(
        "行政复议纠错率",
        (("appeals", "review", "corrected"),),
        tuple(("appeals", "review", c) for c in _CONCLUDED),
    ),
    "lawsuit.loss_rate": Derived(
        "行政诉讼败诉率",
        tuple(("appeals", r, "corrected") for r in _LAWSUITS),
        tuple(("appeals", r, c) for r in _LAWSUITS for c in _CONCLUDED),
    ),
}


def metric(name: str) -> Derived:
    """A derived metric by name, or a cell key ``table.row.column`` as a metric."""
    if name in DERIVED:
        return DERIVED[name]
    parts = name.split(".")
    if len(parts) >= 3 and parts[0] in ("active", "requests", "appeals"):
        table, row, column = parts[0], ".".join(parts[1:-1]), parts[-1]
        if any(r.key == row for r in form.rows(table, "2021") + form.rows(table, "2019")):
            return Derived(
                form.cell_label(table, row, column) if table != "active" else name,
                ((table, row, column),),
            )
    raise OfficeError(
        f"指标“{name}”无效：应为单元格键 table.row.column（如 requests.new_received.total）"
        f"或 {'、'.join(DERIVED)}"
    )


def compare(
    *,
    store: Store,
    metric_name: str,
    years: Sequence[int],
    units: Sequence[str] | None = None,
    children_of: str | None = None,
) -> dict[str, Any]:
    """``{"metric","label","ratio","years","rows":[{"unit","name","values","change","rank",
    "not_meaningful"}]}``; a value is ``null`` where the unit has no usable report."""
    m = metric(metric_name)
    chosen, judged = chosen_reports(store=store, years=years, units=units, children_of=children_of)
    ids = {k: r.id for k, (state, r) in judged.items() if state in USABLE and r is not None}
    cells = q.cell_values(
        store=store, report_ids=list(ids.values()), keys=[*m.numerator, *m.denominator]
    )
    rows = []
    for u in chosen:
        values: dict[int, Any] = {}
        weak: list[int] = []
        for y in years:
            rid = ids.get((u.code, y))
            values[y], small = (None, False) if rid is None else _value(m, cells[rid])
            if small:
                weak.append(y)
        rows.append({"unit": u.code, "name": u.name, "values": values, "not_meaningful": weak})
    _changes_and_ranks(rows, list(years), bool(m.denominator))
    return {
        "metric": metric_name,
        "label": m.label,
        "ratio": bool(m.denominator),
        "years": list(years),
        "rows": rows,
    }


def _value(m: Derived, cells: dict[Key, int | Decimal]) -> tuple[Any, bool]:
    if not any(k in cells for k in m.numerator):
        return None, False
    top = sum((cells.get(k, 0) for k in m.numerator), start=0)
    if not m.denominator:
        return top, False
    bottom = sum((cells.get(k, 0) for k in m.denominator), start=0)
    if bottom == 0:
        return None, True
    return round(float(top) / float(bottom), 4), bottom < MIN_CASES


def _changes_and_ranks(rows: list[dict[str, Any]], years: list[int], ratio: bool) -> None:
    for row in rows:
        v = row["values"]
        row["change"] = {
            y: (None if v[y] is None or v[p] is None else _minus(v[y], v[p], ratio))
            for p, y in zip(years, years[1:], strict=False)
        }
    for y in years:
        ranked = sorted(
            (r for r in rows if r["values"][y] is not None and y not in r["not_meaningful"]),
            key=lambda r: -r["values"][y],
        )
        for r in rows:
            r.setdefault("rank", {})[y] = None
        previous, place = None, 0
        for i, r in enumerate(ranked, start=1):
            if r["values"][y] != previous:
                place, previous = i, r["values"][y]
            r["rank"][y] = place


def _minus(a: Any, b: Any, ratio: bool) -> Any:
    return round(a - b, 4) if ratio else a - b


def parse_years(text: str) -> list[int]:
    """``2023-2025`` or ``2023,2025`` → years."""
    try:
        if "-" in text:
            lo, hi = (int(p) for p in text.split("-", 1))
            if hi < lo or hi - lo > 50:
                raise ValueError
            return list(range(lo, hi + 1))
        return [int(p) for p in text.split(",") if p.strip()]
    except ValueError:
        raise OfficeError(f"年份“{text}”无效（如 2023-2025 或 2023,2025）") from None
