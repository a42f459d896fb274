"""``xxgk office export``: one XLSX workbook an office hands to its leadership — 报送情况
(status, with a chart), 问题 (findings), 汇总 (the roll-up), 对比 (a metric by unit and year,
with a chart), 雷同 (similar pairs) — and the same sheets as CSV text for scripts."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

from xxgk import form
from xxgk.office.charts import compare_chart, status_chart
from xxgk.office.compare import compare
from xxgk.office.rollup import rollup
from xxgk.office.similar import similar
from xxgk.office.status import STATUS_ZH, status, summary
from xxgk.store import Store

Sheet = tuple[str, list[str], list[list[Any]]]


def sheets(
    *, store: Store, year: int, children_of: str | None = None, metric: str = "requests.received"
) -> tuple[list[Sheet], dict[str, Any]]:
    """The workbook's sheets as ``(title, header, rows)``, and the data the charts are drawn from."""
    items = status(store=store, year=year, children_of=children_of)
    rows = [
        [
            s.unit,
            s.name,
            s.kind,
            STATUS_ZH[s.status],
            s.published,
            s.published_from,
            s.deadline,
            s.errors,
            s.warnings,
            s.note or "",
            s.file or "",
        ]
        for s in items
    ]
    found = [
        [s.unit, s.name, f["rule"], f["severity"], f.get("message") or ""]
        for s in items
        for f in s.findings
    ]
    summed = rollup(store=store, year=year, children_of=children_of)
    sums = [
        [name, form.row_label(name, r) if name != "active" else r, c, cell.value]
        for name, t in summed.report.tables.items()
        if t is not None
        for r, c, cell in t.cells()
    ]
    left = [[x["unit"], x["name"], x["reason"]] for x in summed.left_out]
    compared = compare(
        store=store, metric_name=metric, years=[year - 2, year - 1, year], children_of=children_of
    )
    comp = [
        [r["unit"], r["name"], *(r["values"][y] for y in compared["years"])]
        for r in compared["rows"]
    ]
    pairs = similar(store=store, year=year, children_of=children_of)
    sim = [
        [
            p["a"]["unit"],
            p["a"]["year"],
            p["a"]["section"],
            p["b"]["unit"],
            p["b"]["year"],
            p["b"]["section"],
            p["score"],
            p["kind"],
            " … ".join(p["passages"]),
        ]
        for p in pairs
    ]
    out: list[Sheet] = [
        (
            "报送情况",
            [
                "单位代码",
                "单位",
                "类型",
                "状态",
                "发布日期",
                "日期来源",
                "截止日期",
                "错误",
                "警告",
                "说明",
                "来源",
            ],
            rows,
        ),
        ("问题", ["单位代码", "单位", "规则", "级别", "说明"], found),
        ("汇总", ["表", "行", "列", "合计"], sums),
        ("未计入汇总", ["单位代码", "单位", "原因"], left),
        ("对比", ["单位代码", "单位", *(f"{y}年" for y in compared["years"])], comp),
        (
            "雷同",
            ["单位A", "年度A", "部分A", "单位B", "年度B", "部分B", "相似度", "类型", "相同段落"],
            sim,
        ),
    ]
    return out, {"status": summary(items), "compare": compared}


def export(
    *,
    store: Store,
    year: int,
    path: str | os.PathLike[str],
    children_of: str | None = None,
    metric: str = "requests.received",
    csv_dir: str | os.PathLike[str] | None = None,
) -> None:
    """Write the workbook to ``path``; with ``csv_dir`` also every sheet as CSV (UTF-8 with
    BOM, for spreadsheet programs) and the charts as PNG and SVG there."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image

    tables, charts = sheets(store=store, year=year, children_of=children_of, metric=metric)
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in tables:
        ws = book.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append([_cell(v) for v in row])
        ws.freeze_panes = "A2"
    pictures = {
        "报送情况": status_chart(charts["status"], STATUS_ZH),
        "对比": compare_chart(charts["compare"]),
    }
    for title, png in pictures.items():
        ws = book[title]
        ws.add_image(Image(io.BytesIO(png)), f"{chr(ord('A') + len(ws[1]) + 1)}2")
    book.save(os.fspath(path))
    if csv_dir is not None:
        _write_dir(Path(csv_dir), tables, charts)


def _write_dir(folder: Path, tables: list[Sheet], charts: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in tables:
        (folder / f"{sheet[0]}.csv").write_text(to_csv(sheet), "utf-8-sig")
    for fmt in ("png", "svg"):
        (folder / f"报送情况.{fmt}").write_bytes(status_chart(charts["status"], STATUS_ZH, fmt=fmt))
        (folder / f"对比.{fmt}").write_bytes(compare_chart(charts["compare"], fmt=fmt))


def _cell(value: Any) -> Any:
    return value if value is None or isinstance(value, (int, float, str)) else str(value)


def to_csv(sheet: Sheet) -> str:
    """One sheet as CSV text."""
    _, header, rows = sheet
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()
