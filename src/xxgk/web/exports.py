"""The check page's downloads: a checked Report as JSON, CSV, XLSX or a clean DOCX in the
form's layout — made from the Report JSON the page carries, so nothing is stored."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from xxgk.errors import ConfigError
from xxgk.model import Report
from xxgk.output import csv as csv_out
from xxgk.output import jsonout

MEDIA = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
LABELS = {
    "json": "JSON",
    "csv": "CSV",
    "xlsx": "Excel (XLSX)",
    "docx": "Word (DOCX，按规定格式重排)",
}


def report_from_json(text: str) -> Report:
    try:
        data = jsonout.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        return Report.from_dict(data)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ConfigError(
            "the report data is damaged", zh="报告数据已损坏，请重新检查后再下载"
        ) from None


def filename(report: Report, fmt: str) -> str:
    meta = report.meta
    stem = f"{meta.agency or '报告'}{meta.year or ''}年报"
    stem = "".join(ch for ch in stem if ch not in '\\/:*?"<>|\r\n\t')[:80] or "report"
    return f"{stem}.{fmt}"


def _xlsx(record: dict[str, Any]) -> bytes:
    from xxgk.output.xlsx import XlsxSink

    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        sink = XlsxSink(path)
        sink.write(record, None, record)
        sink.close()
        with open(path, "rb") as stream:
            return stream.read()
    finally:
        os.unlink(path)


def export(report: Report, fmt: str) -> bytes:
    """``report`` as a file in ``fmt`` (json, csv, xlsx, docx)."""
    record = report.to_dict()
    if fmt == "json":
        return (jsonout.dumps(record, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        text = csv_out.header("parse") + (csv_out.render(record, "parse") or "")
        return ("\ufeff" + text).encode("utf-8")  # the BOM lets a spreadsheet read Chinese
    if fmt == "xlsx":
        return _xlsx(record)
    if fmt == "docx":
        from xxgk.api import render

        return render(report, "docx", allow_errors=True)
    raise ConfigError(f"unknown download format {fmt!r}", zh=f"不支持的下载格式：{fmt}")
