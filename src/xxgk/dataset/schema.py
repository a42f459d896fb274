"""The package's resources as data: every field's name, type and description (zh + en).

One place defines each resource; the CSV header, the Parquet schema, the SQLite table, the
Table Schema in ``datapackage.json`` and Datasette's column labels are all made from it.
Wide resources get one column per cell key of the form (both editions), named
``row.column`` with the form's printed label as the field's title.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache

from xxgk import form
from xxgk.output.columns import wide_keys

TYPES = ("string", "integer", "number", "boolean", "array", "object")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Table Schema type from TYPES; "number" holds exact decimals (money)
    zh: str
    en: str
    title: str | None = None  # the form's official label (wide cells)
    required: bool = False
    enum: tuple[str, ...] | None = None

    def describe(self) -> str:
        return f"{self.zh} / {self.en}"


@dataclass(frozen=True)
class Resource:
    name: str
    zh: str
    en: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    facets: tuple[str, ...] = field(default=())  # Datasette facets

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _f(name: str, type_: str, zh: str, en: str, **kw: object) -> Field:
    return Field(name, type_, zh, en, **kw)  # type: ignore[arg-type]


REPORT_ID = _f(
    "report_id", "string", "报告编号（内容指纹）", "report id (content fingerprint)", required=True
)
_TABLE_KEY = _f("table_key", "string", "表格键", "table key", enum=form.TABLES)
_ROW_KEY = _f("row_key", "string", "行键（规范键）", "row key (canonical)")
_COLUMN_KEY = _f("column_key", "string", "列键（规范键）", "column key (canonical)")
_TO_REPORT = ((("report_id",), "reports", ("report_id",)),)

_SOURCE_FIELDS = (
    _f("src_page", "integer", "所在页（PDF）", "page (PDF)"),
    _f("src_line", "integer", "所在行（文本，从1起）", "line (text, 1-based)"),
    _f("src_column", "integer", "所在列（文本，从1起）", "column (text, 1-based)"),
    _f("src_table", "integer", "第几个表格（HTML/DOCX，从0起）", "grid table (HTML/DOCX, 0-based)"),
    _f("src_row", "integer", "表格行（从0起）", "grid row (0-based)"),
    _f("src_col", "integer", "表格列（从0起）", "grid column (0-based)"),
    _f("src_box", "string", "PDF 中的位置 x0,y0,x1,y1", "box in the PDF page x0,y0,x1,y1"),
)

REPORTS = Resource(
    "reports",
    "报告：每份年度报告一行",
    "reports: one row per annual report",
    (
        REPORT_ID,
        _f("agency", "string", "发布机关", "issuing agency"),
        _f("agency_from", "string", "机关名称取自", "where the agency was found"),
        _f("compiler", "string", "编制机构", "compiling office"),
        _f("year", "integer", "报告年度", "report year"),
        _f("year_from", "string", "年度取自", "where the year was found"),
        _f("edition", "string", "格式版本", "form edition", enum=form.EDITIONS),
        _f("title", "string", "标题", "title"),
        _f("format", "string", "文件格式", "file format"),
        _f("source", "string", "首个来源文件", "first source file", required=True),
        _f("sha256", "string", "首个来源文件的 SHA-256", "SHA-256 of the first source file"),
        _f("sources", "array", "全部来源文件（JSON 数组）", "all source files (JSON array)"),
        _f("source_count", "integer", "来源文件数", "number of source files"),
        _f("valid", "boolean", "无错误级检查结果", "no error finding", required=True),
        _f("errors", "integer", "错误数", "error findings"),
        _f("warnings", "integer", "警告数", "warning findings"),
        _f("infos", "integer", "提示数", "info findings"),
        _f("cells", "integer", "单元格数", "printed cells"),
        _f("versions", "integer", "同机关同年度的版本数", "versions of this agency and year"),
        _f("conflict", "boolean", "同机关同年度存在内容不同的版本", "another version differs"),
    ),
    ("report_id",),
    facets=("agency", "year", "edition", "format", "valid", "conflict"),
)

SOURCES = Resource(
    "sources",
    "来源文件：每个输入文件一行",
    "sources: one row per input file",
    (
        _f("file", "string", "文件路径", "file path", required=True),
        _f("sha256", "string", "文件的 SHA-256", "SHA-256 of the file"),
        _f("bytes", "integer", "文件大小（字节）", "size in bytes"),
        replace(REPORT_ID, required=False),
        _f(
            "status",
            "string",
            "report 新报告；same_bytes 字节相同；same_content 内容相同；unreadable 无法读取",
            "report: a new report; same_bytes / same_content: a duplicate; unreadable",
            required=True,
            enum=("report", "same_bytes", "same_content", "unreadable"),
        ),
        _f("same_as", "string", "与之重复的文件", "the file this one duplicates"),
        _f("error", "string", "无法读取的原因", "why it could not be read"),
    ),
    ("file",),
    _TO_REPORT,
    facets=("status",),
)

CELLS = Resource(
    "cells",
    "单元格：每个印出的单元格一行（长表）",
    "cells: one row per printed cell (long format)",
    (
        REPORT_ID,
        _TABLE_KEY,
        _ROW_KEY,
        _COLUMN_KEY,
        _f("raw", "string", "印出的原文", "printed text"),
        _f("value", "integer", "数值（件数）", "value (counts)"),
        _f("amount", "number", "金额（精确小数）", "amount (money, exact decimal)"),
        _f("unit", "string", "印出的单位", "printed unit"),
        *_SOURCE_FIELDS,
    ),
    ("report_id", "table_key", "row_key", "column_key"),
    (
        *_TO_REPORT,
        (("table_key", "row_key", "column_key"), "labels", ("table_key", "row_key", "column_key")),
    ),
    facets=("table_key", "row_key", "column_key"),
)

FINDINGS = Resource(
    "findings",
    "检查结果：每条一行",
    "findings: one row per finding",
    (
        REPORT_ID,
        _f("seq", "integer", "报告内序号", "number within the report", required=True),
        _f("rule", "string", "规则编号", "rule id", required=True),
        _f("severity", "string", "级别", "severity", enum=("error", "warning", "info")),
        _f("table_key", "string", "表格键", "table key"),
        _f("row_key", "string", "行键", "row key"),
        _f("column_key", "string", "列键", "column key"),
        _f("message", "string", "说明（中文）", "message (Chinese)"),
        _f("message_en", "string", "说明（英文）", "message (English)"),
        _f("numbers", "object", "涉及的数字（JSON）", "the numbers (JSON)"),
        _f("suggestion", "object", "建议的更正（JSON）", "suggested fix (JSON)"),
        _f("src_page", "integer", "所在页", "page"),
        _f("src_line", "integer", "所在行", "line"),
    ),
    ("report_id", "seq"),
    (*_TO_REPORT, (("rule",), "rules", ("rule",))),
    facets=("rule", "severity", "table_key"),
)

SECTIONS = Resource(
    "sections",
    "正文部分：每份报告的六个部分",
    "sections: the printed text of each report's six parts",
    (
        REPORT_ID,
        _f("seq", "integer", "报告内序号", "number within the report", required=True),
        _f("key", "string", "部分键", "section key", enum=form.SECTION_KEYS),
        _f("title", "string", "印出的标题", "printed heading"),
        _f("text", "string", "正文", "text"),
    ),
    ("report_id", "seq"),
    _TO_REPORT,
    facets=("key",),
)

RULES = Resource(
    "rules",
    "检查规则：规则编号及说明",
    "rules: every rule id with its description",
    (
        _f("rule", "string", "规则编号", "rule id", required=True),
        _f("severity", "string", "级别", "severity"),
        _f("phase", "string", "阶段（parse 读取时 / check 检查时）", "phase (parse / check)"),
        _f("ref", "string", "规范中的编号", "the spec's name"),
        _f("title", "string", "说明", "description"),
        _f("zh", "string", "中文消息模板", "Chinese message template"),
        _f("en", "string", "英文消息模板", "English message template"),
    ),
    ("rule",),
)

LABELS = Resource(
    "labels",
    "表格单元格的规范键及官方标签",
    "the canonical key of every cell of the form with its official label",
    (
        _TABLE_KEY,
        _ROW_KEY,
        _COLUMN_KEY,
        _f("label", "string", "官方标签（行 / 列）", "official label (row / column)"),
        _f("editions", "string", "出现在哪些格式版本", "editions printing this cell"),
    ),
    ("table_key", "row_key", "column_key"),
)


def _money(table: str, row: str, column: str) -> bool:
    return not form.is_count(table, row, column)


def _label_edition(table: str, row: str, column: str) -> str:
    return next(ed for ed in reversed(form.EDITIONS) if (row, column) in form.cell_keys(table, ed))


@cache
def wide(table: str) -> Resource:
    """``wide_<table>``: one row per report holding the table, one column per cell key."""
    cells = []
    for row, column in wide_keys(table):
        label = form.cell_label(table, row, column, _label_edition(table, row, column))
        kind = "number" if _money(table, row, column) else "integer"
        en = f"{table}/{row}/{column}" + (" (money)" if kind == "number" else " (count)")
        cells.append(Field(f"{row}.{column}", kind, label, en, title=label))
    head = (
        REPORT_ID,
        _f("agency", "string", "发布机关", "issuing agency"),
        _f("year", "integer", "报告年度", "report year"),
        _f("edition", "string", "本表的格式版本", "edition of this table", enum=form.EDITIONS),
    )
    title = form.table_title(table)
    return Resource(
        f"wide_{table}",
        f"{title}：每份报告一行，每个单元格一列",
        f"{table} table: one row per report, one column per cell",
        (*head, *cells),
        ("report_id",),
        _TO_REPORT,
        facets=("agency", "year", "edition"),
    )


def resources() -> tuple[Resource, ...]:
    """Every resource, in the order the package lists them."""
    return (
        REPORTS,
        SOURCES,
        CELLS,
        FINDINGS,
        SECTIONS,
        *(wide(t) for t in form.TABLES),
        RULES,
        LABELS,
    )


def resource(name: str) -> Resource:
    for r in resources():
        if r.name == name:
            return r
    raise KeyError(name)
