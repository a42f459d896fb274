"""OCR confidence: cells read from a scan that the OCR engine was unsure of.

The OCR reader records each low-confidence piece in ``Document.low_confidence``;
the extractor copies the list into ``report.meta.extra["low_confidence"]`` (each
entry ``{"source": {...}, "raw": "0", "score": 0.5}`` or a ``(Source, raw, score)``
tuple). This check turns each entry into a finding, naming the table cell when the
entry's position is where a cell of the report was read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from xxgk.model import Finding, Report, Source
from xxgk.rules.registry import Context, check, finding, rule

rule(
    "ocr-low-confidence",
    severity="warning",
    phase="parse",
    title="A cell read by OCR from a scan has low recognition confidence: check it against the original.",
    zh="{where}“{raw}”为扫描件识别结果，置信度仅 {score}，请与原件核对",
    en="{where_en}: {raw!r} was read by OCR with confidence {score}; check it against the original",
)


def _entry(item: Any) -> tuple[Source | None, str, float]:
    if isinstance(item, dict):
        return (
            Source.from_dict(item.get("source")),
            str(item.get("raw", "")),
            float(item.get("score", 0.0)),
        )
    source, raw, score = item
    return (
        (source if isinstance(source, Source) else Source.from_dict(source)),
        str(raw),
        float(score),
    )


def _cell_at(report: Report, source: Source | None) -> tuple[str | None, str | None, str | None]:
    """The (table, row, column) of the cell read at ``source``, if any."""
    if source is None:
        return None, None, None
    for name, table in report.tables.items():
        for row, column, cell in table.cells() if table else ():
            s = cell.source
            if (
                s is not None
                and s.page == source.page
                and s.box is not None
                and s.box == source.box
            ):
                return name, row, column
    return None, None, None


@check("ocr-low-confidence")
def low_confidence(report: Report, ctx: Context) -> Iterable[Finding]:
    for item in report.meta.extra.get("low_confidence") or ():
        source, raw, score = _entry(item)
        table, row, column = _cell_at(report, source)
        where = source.describe() if source else ""
        yield finding(
            "ocr-low-confidence",
            table=table,
            row=row,
            column=column,
            numbers={"score": round(score, 3)},
            params={
                "raw": raw,
                "where": where,
                "where_en": source.describe("en") if source else "",
                "score": f"{score:.2f}",
            },
            source=source,
        )


EXAMPLES = {
    "ocr-low-confidence": {
        "numbers": {"score": 0.5},
        "params": {"raw": "0", "where": "第3页", "where_en": "page 3", "score": "0.50"},
    },
}
