"""Outputs: one module per format, all fed the same records.

A *record* is what one input file becomes: a report (``Report.to_dict()``, schema
``xxgk/report/1``), a check result (``xxgk/check/1``) or an error (``xxgk/error/1``).
Text formats (table, json, jsonl, csv) turn a record into text with a pure function, so a
batch renders in its worker processes and the parent only writes strings. File formats
(xlsx, sqlite) are sinks that take records one at a time and never hold a batch in memory.
"""

from __future__ import annotations

from xxgk.output.records import ERROR_SCHEMA, check_record, error_record, is_error
from xxgk.output.sink import FILE_FORMATS, FORMATS, TEXT_FORMATS, Sink, open_sink, prepare, render

__all__ = [
    "ERROR_SCHEMA",
    "FILE_FORMATS",
    "FORMATS",
    "TEXT_FORMATS",
    "Sink",
    "check_record",
    "error_record",
    "is_error",
    "open_sink",
    "prepare",
    "render",
]
