"""The three record shapes an input file can become (all in ``report.schema.json``).

* a report — ``Report.to_dict()`` (``"schema": "xxgk/report/1"``);
* a check result — only what ``xxgk check`` prints (``"xxgk/check/1"``);
* an error — the file could not be read as a report (``"xxgk/error/1"``).
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = "xxgk/error/1"
CHECK_SCHEMA = "xxgk/check/1"


def error_record(file: str, error: str, type_: str, error_zh: str | None = None) -> dict[str, Any]:
    """One bad input: ``error`` is the message in English (without the file name), ``error_zh``
    the same in Chinese when known, ``type`` the error class."""
    record = {"schema": ERROR_SCHEMA, "file": file, "error": error, "type": type_}
    if error_zh and error_zh != error:
        record["error_zh"] = error_zh
    return record


def error_line(record: dict[str, Any], lang: str = "zh") -> str:
    """The one stderr line for an error record: ``xxgk: 错误：FILE：message`` (en: ``xxgk: error:``)."""
    from xxgk.errors import printable, sep
    from xxgk.messages import translate

    english = record["error"]
    message = (record.get("error_zh") or translate(english) or english) if lang == "zh" else english
    prefix = "xxgk: 错误：" if lang == "zh" else "xxgk: error: "
    return printable(f"{prefix}{record['file']}{sep(lang)}{message}")


def is_error(record: dict[str, Any]) -> bool:
    return record.get("schema") == ERROR_SCHEMA


def check_record(report: dict[str, Any]) -> dict[str, Any]:
    """A report record cut down to its identity and findings (``xxgk check``)."""
    meta = report.get("meta") or {}
    return {
        "schema": CHECK_SCHEMA,
        "file": meta.get("file"),
        "agency": meta.get("agency"),
        "year": meta.get("year"),
        "edition": meta.get("edition"),
        "valid": report.get("valid", True),
        "findings": report.get("findings", []),
    }


def record_file(record: dict[str, Any]) -> str | None:
    """The input file a record came from, whatever its shape."""
    if "file" in record:
        return record["file"]
    return (record.get("meta") or {}).get("file")


def has_errors(record: dict[str, Any]) -> bool:
    """Whether a report/check record has an error finding (exit code 1)."""
    return any(f.get("severity") == "error" for f in record.get("findings") or ())
