"""Load the Report to render: a fill-in workbook, Report JSON, or a simple YAML/TOML file.

The simple shape (YAML shown; TOML is the same tree)::

    meta:
      agency: 示例市示例区人民政府
      year: 2022
      edition: "2021"          # optional: the edition for the year
    tables:
      active:
        regulations: {issued: 0, repealed: 0, in_force: 3}
      requests:
        new_received: {natural_person: 12, commercial: 1, total: 13}
      appeals:
        review: {upheld: 1, corrected: 0, other: 0, pending: 0, total: 1}
    sections:
      overview: |
        第一段。
        第二段。

Rows and columns use the canonical keys of docs (form.md). A value is a number, or a
string as it should be printed (``"减 6"``, ``"186 万"``); ``null`` prints an empty
cell. The ``total`` column left out of a requests or appeals row is computed (R2, R4–R6),
and an applicant column left out of a requests row that is given counts as 0.
Anything else — a report in any format :func:`xxgk.parse` reads — is parsed.

:func:`data_report` is how ``xxgk parse`` and ``xxgk check`` take the same inputs: it sniffs a
fill-in workbook (a zip holding ``xl/workbook.xml``) and Report JSON from the bytes, YAML and
TOML from the name, and returns ``None`` for everything else (then the input is parsed).
"""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from xxgk import form
from xxgk.errors import ConfigError, UnreadableSource
from xxgk.model import Cell, Meta, Report, SectionText, Table

DATA_SUFFIXES = {".xlsx", ".json", ".yaml", ".yml", ".toml"}


def load(path: str | Path) -> Report:
    """The Report in ``path``, whatever kind of input it is."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableSource("no such file", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from xxgk.render import workbook

        return workbook.read(path)
    if suffix in (".json", ".yaml", ".yml", ".toml"):
        return from_tree(_tree(path), str(path))
    from xxgk.api import parse

    return parse(path, check=False)


def data_report(source: bytes | str | Path, name: str | None = None) -> Report | None:
    """The Report in a data input (workbook, Report JSON, YAML, TOML), else ``None``."""
    where = name or (str(source) if not isinstance(source, bytes) else "<stdin>")
    head = source[:4096] if isinstance(source, bytes) else _head(Path(source))
    if head is None:
        return None
    if head.startswith(b"PK\x03\x04"):
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        return _workbook(data, where)
    suffix = Path(where).suffix.lower()
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") or suffix in _TREE_SUFFIXES:
        text = source if isinstance(source, bytes) else Path(source).read_bytes()
        return _data_tree(text, suffix, where)
    return None


_TREE_SUFFIXES = (".yaml", ".yml", ".toml")


def _head(path: Path) -> bytes | None:
    try:
        with path.open("rb") as fh:
            return fh.read(4096)
    except OSError:
        return None  # the reader says what is wrong with it


def _workbook(data: bytes, where: str) -> Report | None:
    from xxgk.read import ziplimits

    try:
        if "xl/workbook.xml" not in ziplimits.open_archive(data, where, "XLSX").namelist():
            return None
    except UnreadableSource:  # any damage (even a "zip file version 14.8"): the readers say
        return None
    ziplimits.check_archive(data, where, "XLSX")  # bzip2/LZMA parts, sizes: before openpyxl
    from xxgk.render import workbook

    return workbook.read(data, Path(where).name)


def _data_tree(data: bytes, suffix: str, where: str) -> Report | None:
    """Report JSON or the simple shape; JSON that is neither is left to the readers."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    try:
        tree = _loads(text, suffix if suffix in _TREE_SUFFIXES else ".json")
    except UnreadableSource:
        if suffix in _TREE_SUFFIXES:
            raise
        return None  # JSON-looking text that is not JSON: a text report, perhaps
    if not isinstance(tree, dict) or not ({"meta", "tables"} & set(tree)):
        return None
    return from_tree(tree, where)


def _tree(path: Path) -> dict[str, Any]:
    return _loads(path.read_text("utf-8-sig"), path.suffix.lower(), str(path))


def _loads(text: str, suffix: str, where: str | None = None) -> Any:
    """Parse ``text`` as JSON, TOML or YAML (by ``suffix``); a syntax error is UnreadableSource."""
    kind = {".json": "JSON", ".toml": "TOML"}.get(suffix, "YAML")
    try:
        if kind == "JSON":
            return json.loads(text)
        if kind == "TOML":
            return tomllib.loads(text)
        import yaml

        return yaml.safe_load(text)
    except Exception as exc:  # json/toml ValueError, yaml.YAMLError and friends
        raise UnreadableSource(
            f"not valid {kind}: {exc}", zh=f"不是有效的 {kind}：{exc}", path=where
        ) from exc


def from_tree(tree: Any, where: str = "<data>") -> Report:
    """A Report from a parsed JSON/YAML/TOML tree: Report JSON or the simple shape."""
    if not isinstance(tree, dict):
        raise ConfigError("expected a mapping with meta, tables, sections", path=where)
    if str(tree.get("schema", "")).startswith("xxgk/report/"):
        return Report.from_dict(tree)
    meta = _meta(tree.get("meta") or {}, where)
    report = Report(meta)
    for name, rows in (tree.get("tables") or {}).items():
        if name not in form.TABLES:
            raise ConfigError(
                f"unknown table {name!r} (expected {', '.join(form.TABLES)})", path=where
            )
        report.tables[name] = _table(name, meta.edition or "2021", rows or {}, where)
    report.sections = _sections(tree.get("sections") or {}, where)
    return report


def _meta(data: dict[str, Any], where: str) -> Meta:
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise ConfigError(f"meta.year must be a whole number, not {year!r}", path=where)
    edition = str(data["edition"]) if data.get("edition") is not None else None
    if edition is None and year is not None:
        edition = form.edition_for_year(year)
    if edition is not None and edition not in form.EDITIONS:
        raise ConfigError(f"meta.edition must be one of {', '.join(form.EDITIONS)}", path=where)
    return Meta(
        agency=data.get("agency"),
        agency_from="data",
        compiler=data.get("compiler"),
        year=year,
        year_from="data",
        edition=edition,
        title=data.get("title"),
        file=Path(where).name,
        format="data",
    )


def _table(name: str, edition: str, rows: dict[str, Any], where: str) -> Table:
    table = Table(name, edition)
    known = {r.key for r in form.rows(name, edition)}
    for row, columns in rows.items():
        if row not in known:
            raise ConfigError(
                f"tables.{name}: unknown row {row!r} for the {edition} edition", path=where
            )
        allowed = {c.key for c in form.columns(name, edition, row)}
        table.rows.setdefault(row, {})
        for column, value in (columns or {}).items():
            if column not in allowed:
                raise ConfigError(f"tables.{name}.{row}: unknown column {column!r}", path=where)
            cell = _cell(value, f"tables.{name}.{row}.{column}", where)
            if (row, column) in form.MONEY_COLUMNS and isinstance(cell.value, int):
                cell.value = Decimal(cell.value)
            table.set(row, column, cell)
    if name == "active":
        table.blocks = {b.key: edition for b in form.active_blocks(edition)}
    _complete(table, edition)
    table.rows = {r.key: table.rows[r.key] for r in form.rows(name, edition) if r.key in table.rows}
    return table


_PRINTED = re.compile(r"^\s*(减|增|-|\+)?\s*(\d+(?:\.\d+)?)\s*(万元|万|元)?\s*$")


def _cell(value: Any, at: str, where: str) -> Cell:
    """A value as given: numbers exactly, strings as printed (``减 6`` → -6)."""
    if value is None:
        return Cell("", None)
    if isinstance(value, bool):
        raise ConfigError(f"{at}: {value!r} is not a number", path=where)
    if isinstance(value, int):
        return Cell.of(value)
    if isinstance(value, float):
        return Cell.of(_exact(Decimal(repr(value))))
    match = _PRINTED.match(str(value))
    if not match:
        raise ConfigError(f"{at}: {value!r} is not a number", path=where)
    sign, digits, unit = match.groups()
    number = _exact(Decimal(digits))
    if sign in ("减", "-"):
        number = -number
    return Cell(str(value).strip(), number, unit)


def _exact(number: Decimal) -> int | Decimal:
    try:
        return (
            int(number)
            if number == number.to_integral_value() and "." not in str(number)
            else number
        )
    except InvalidOperation:
        return number


def _complete(table: Table, edition: str) -> None:
    """Fill the totals the data leaves out (requests R2, appeals R4–R6)."""
    if table.name == "requests":
        for row, cols in table.rows.items():
            for col in form.APPLICANT_TYPES:
                cols.setdefault(col, Cell.of(0))
            if "total" not in cols:
                table.set(row, "total", Cell.of(sum(_v(cols[c]) for c in form.APPLICANT_TYPES)))
    if table.name == "appeals":
        for cols in table.rows.values():
            if "total" not in cols:
                cols["total"] = Cell.of(sum(_v(c) for k, c in cols.items() if k != "total"))


def _v(cell: Cell) -> int:
    return int(cell.value or 0)


def _sections(data: Any, where: str) -> list[SectionText]:
    if not isinstance(data, dict):
        raise ConfigError("sections must map a section key to its text", path=where)
    out = []
    for sec in form.SECTIONS:
        text = data.get(sec.key)
        if text is not None and not isinstance(text, str):
            raise ConfigError(f"sections.{sec.key} must be text", path=where)
        out.append(SectionText(sec.key, sec.heading, (text or "").strip()))
    unknown = set(data) - set(form.SECTION_KEYS)
    if unknown:
        raise ConfigError(f"unknown section(s) {', '.join(sorted(unknown))}", path=where)
    return out
