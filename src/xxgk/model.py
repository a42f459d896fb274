"""The data model: Report → tables → cells, each cell knowing where it came from.

JSON shape (versioned by :data:`SCHEMA_VERSION`, schema in ``report.schema.json``)::

    {"schema": "xxgk/report/1",
     "meta": {...},
     "tables": {"active": {...} | null, "requests": {...} | null, "appeals": {...} | null},
     "sections": [{"key", "title", "text", "source"}],
     "findings": [{"rule", "severity", "table", "row", "column", "numbers", "message", ...}]}

A table is ``{"edition": "2019", "blocks": {...}, "rows": {row: {column: cell}}}``; a cell is
``{"raw": "减 6", "value": -6, "unit": null, "source": {"line": 12, "column": 5}}``.
Counts are ``int``; money is ``Decimal`` (never ``float``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

SCHEMA_VERSION = "xxgk/report/1"

Number = int | Decimal
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(slots=True)
class Source:
    """Where a value was found. Text: line/column (1-based). PDF: page and box.
    HTML/DOCX: table/row/col index (0-based) of the grid. ``file`` names the input."""

    line: int | None = None
    column: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__slots__:  # type: ignore[attr-defined]
            value = getattr(self, name)
            if value is not None:
                out[name] = list(value) if name == "box" else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Source | None:
        if not data:
            return None
        data = dict(data)
        if data.get("box") is not None:
            data["box"] = tuple(data["box"])
        return cls(**{k: v for k, v in data.items() if k in cls.__slots__})  # type: ignore[attr-defined]

    def describe(self, lang: str = "zh") -> str:
        """``第3页`` / ``第12行`` / ``表格2第5行第3列`` — for messages."""
        zh = lang == "zh"
        if self.page is not None:
            return f"第{self.page}页" if zh else f"page {self.page}"
        if self.table is not None and self.row is not None:
            if zh:
                return f"表格{self.table + 1}第{self.row + 1}行第{(self.col or 0) + 1}列"
            return f"table {self.table + 1}, row {self.row + 1}, column {(self.col or 0) + 1}"
        if self.line is not None:
            return f"第{self.line}行" if zh else f"line {self.line}"
        return ""


@dataclass(slots=True)
class Cell:
    """One printed value cell: ``raw`` text, parsed ``value``, printed ``unit``, ``source``."""

    raw: str
    value: Number | None
    unit: str | None = None
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "value": self.value,
            "unit": self.unit,
            "source": self.source.to_dict() if self.source else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cell:
        value = data.get("value")
        if isinstance(value, float):
            value = Decimal(str(value))
        elif isinstance(value, str):
            value = Decimal(value) if "." in value else int(value)
        return cls(
            data.get("raw", ""), value, data.get("unit"), Source.from_dict(data.get("source"))
        )

    @classmethod
    def of(cls, value: Number | None, unit: str | None = None) -> Cell:
        """A cell made from data (not parsed): ``raw`` is the canonical spelling."""
        return cls("" if value is None else str(value), value, unit)


@dataclass(slots=True)
class Table:
    """One of the three tables. ``rows[row][column]`` holds the printed cells; a cell that
    was not printed is absent. ``blocks`` records the edition each block was printed in."""

    name: str
    edition: str | None
    rows: dict[str, dict[str, Cell]] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)

    def cell(self, row: str, column: str) -> Cell | None:
        return self.rows.get(row, {}).get(column)

    def value(self, row: str, column: str) -> Number | None:
        c = self.cell(row, column)
        return None if c is None else c.value

    def set(self, row: str, column: str, cell: Cell) -> None:
        self.rows.setdefault(row, {})[column] = cell

    def cells(self):
        """Yield ``(row, column, cell)`` in stored order."""
        for r, cols in self.rows.items():
            for c, cell in cols.items():
                yield r, c, cell

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "blocks": dict(self.blocks),
            "rows": {
                r: {c: cell.to_dict() for c, cell in cols.items()} for r, cols in self.rows.items()
            },
        }

    @classmethod
    def from_dict(cls, name: str, data: dict[str, Any]) -> Table:
        rows = {
            r: {c: Cell.from_dict(cell) for c, cell in cols.items()}
            for r, cols in (data.get("rows") or {}).items()
        }
        return cls(name, data.get("edition"), rows, dict(data.get("blocks") or {}))


@dataclass(slots=True)
class SectionText:
    """One of the six report sections as printed: ``key`` from form.SECTIONS."""

    key: str
    title: str
    text: str
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "text": self.text,
            "source": self.source.to_dict() if self.source else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SectionText:
        return cls(
            data["key"],
            data.get("title", ""),
            data.get("text", ""),
            Source.from_dict(data.get("source")),
        )


@dataclass(slots=True)
class Meta:
    """What the report is: who issued it, which year it reports on, in which edition.

    ``agency_from`` says where the agency name was found: ``title``,
    ``first_paragraph`` (the issuing agency named in the opening sentence) or
    ``compiler`` (the office named as having compiled the report), or ``data`` when the
    report was made from data. ``year_from``: ``title``, ``period`` (the 统计期限 sentence),
    ``text`` or ``data``. ``published``: the date the report was published, with
    ``published_from`` saying where it was read (``page``: the 索引号/发布日期 block of the page)."""

    agency: str | None = None
    agency_from: str | None = None
    compiler: str | None = None
    year: int | None = None
    year_from: str | None = None
    edition: str | None = None
    title: str | None = None
    file: str | None = None
    format: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "agency_from": self.agency_from,
            "compiler": self.compiler,
            "year": self.year,
            "year_from": self.year_from,
            "edition": self.edition,
            "title": self.title,
            "file": self.file,
            "format": self.format,
            "published": self.published.isoformat() if self.published else None,
            "published_from": self.published_from,
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meta:
        known = {k: data.get(k) for k in cls.__slots__ if k != "extra"}  # type: ignore[attr-defined]
        if isinstance(known["published"], str):
            known["published"] = dt.date.fromisoformat(known["published"])
        return cls(**known, extra=dict(data.get("extra") or {}))


@dataclass(slots=True)
class Finding:
    """Something wrong with a report. Findings are data; rules never raise."""

    rule: str
    severity: Severity
    message: str  # Chinese
    message_en: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    numbers: dict[str, Any] = field(default_factory=dict)
    suggestion: dict[str, Any] | None = None  # e.g. {"table","row","column","value"}
    source: Source | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "numbers": dict(self.numbers),
            "message": self.message,
            "message_en": self.message_en,
            "suggestion": self.suggestion,
            "source": self.source.to_dict() if self.source else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            rule=data["rule"],
            severity=data["severity"],
            message=data.get("message", ""),
            message_en=data.get("message_en", ""),
            table=data.get("table"),
            row=data.get("row"),
            column=data.get("column"),
            numbers=dict(data.get("numbers") or {}),
            suggestion=data.get("suggestion"),
            source=Source.from_dict(data.get("source")),
        )


@dataclass(slots=True)
class Report:
    """A whole annual report: metadata, the three tables (``None`` when absent),
    the sections, and the findings."""

    meta: Meta = field(default_factory=Meta)
    tables: dict[str, Table | None] = field(
        default_factory=lambda: {"active": None, "requests": None, "appeals": None}
    )
    sections: list[SectionText] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)

    def section(self, key: str) -> SectionText | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def valid(self) -> bool:
        """True when no finding is an error (frictionless-style)."""
        return not self.errors

    def _repr_html_(self) -> str:
        """Jupyter: the three tables as HTML, cells with findings marked."""
        from xxgk.dataset.notebook import report_html

        return report_html(self)

    def to_frame(self) -> Any:
        """One row per printed cell as a pandas DataFrame (needs ``xxgk[data]``)."""
        from xxgk.dataset.notebook import report_frame

        return report_frame(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "meta": self.meta.to_dict(),
            "tables": {k: (t.to_dict() if t else None) for k, t in self.tables.items()},
            "sections": [s.to_dict() for s in self.sections],
            "findings": [f.to_dict() for f in self.findings],
            "valid": self.valid,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        tables: dict[str, Table | None] = {"active": None, "requests": None, "appeals": None}
        for name, t in (data.get("tables") or {}).items():
            tables[name] = Table.from_dict(name, t) if t else None
        return cls(
            Meta.from_dict(data.get("meta") or {}),
            tables,
            [SectionText.from_dict(s) for s in data.get("sections") or []],
            [Finding.from_dict(f) for f in data.get("findings") or []],
        )
