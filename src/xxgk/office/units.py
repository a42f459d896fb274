"""The unit registry an office oversees: import from CSV/XLSX, list, edit.

A unit file has the columns ``code,name,parent,kind,aliases,report_page`` (aliases separated
by ``;``). A bad row (duplicate code, unknown kind, unknown parent, a parent cycle) is one
problem line naming the unit; the other rows are imported. Renaming a unit keeps the old name
as a former name, so reports printed under it still match.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xxgk.office.errors import OfficeError
from xxgk.store import Store
from xxgk.store import units as q
from xxgk.store.units import KINDS, Unit

COLUMNS = ("code", "name", "parent", "kind", "aliases", "report_page")


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "updated": self.updated, "problems": self.problems}


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """The rows of a unit file (CSV in UTF-8/GBK, or XLSX), keys from its header."""
    path = Path(path)
    if not path.is_file():
        raise OfficeError("单位文件不存在", path=str(path))
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise OfficeError("单位文件既不是 UTF-8 也不是 GBK 编码", path=str(path))
    reader = csv.DictReader(io.StringIO(text))
    _check_header(reader.fieldnames, path)
    return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]


def _xlsx_rows(path: Path) -> list[dict[str, str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise OfficeError(f"无法读取 XLSX：{exc}", path=str(path)) from None
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    if not rows:
        raise OfficeError("单位文件是空的", path=str(path))
    header = [str(h or "").strip() for h in rows[0]]
    _check_header(header, path)
    return [
        {h: ("" if v is None else str(v).strip()) for h, v in zip(header, row, strict=False) if h}
        for row in rows[1:]
        if any(v is not None for v in row)
    ]


def _check_header(header: Any, path: Path) -> None:
    missing = [c for c in ("code", "name") if c not in (header or [])]
    if missing:
        raise OfficeError(
            f"单位文件缺少列：{', '.join(missing)}（需要 {','.join(COLUMNS)}）", path=str(path)
        )


def import_units(*, store: Store, path: str | Path, until_year: int | None = None) -> ImportResult:
    """Import (add or update) the units of a CSV/XLSX file; bad rows are listed, not imported."""
    rows = read_rows(path)
    result = ImportResult()
    known = {u.code: u for u in q.list_units(store=store)}
    good = _valid_rows(rows, known, result, str(path))
    with store.transaction():
        for row in _parents_first(good):
            _put(store, row, known.get(row["code"]), until_year, result)
    return result


def _valid_rows(
    rows: list[dict[str, str]], known: dict[str, Unit], result: ImportResult, where: str
) -> list[dict[str, str]]:
    seen: dict[str, int] = {}
    good: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows, start=2):
        code, name, kind = row.get("code", ""), row.get("name", ""), row.get("kind") or "其他"
        problem = None
        if not code or not name:
            problem = "缺少 code 或 name"
        elif code in seen:
            problem = f"单位代码重复（第{seen[code]}行已有）"
        elif kind not in KINDS:
            problem = f"单位类型“{kind}”无效（应为 {'/'.join(KINDS)}）"
        if problem:
            result.problems.append(f"{where} 第{line}行 单位 {code or '?'}：{problem}")
            continue
        seen[code] = line
        good[code] = {**row, "kind": kind, "line": str(line)}
    _drop_bad_parents(good, known, result, where)
    return list(good.values())


def _drop_bad_parents(
    good: dict[str, dict[str, str]], known: dict[str, Unit], result: ImportResult, where: str
) -> None:
    """Drop rows whose parent is unknown or whose parent chain loops (repeated until stable:
    a unit under a dropped unit is dropped too)."""
    while True:
        bad = {code: p for code in good if (p := _parent_problem(code, good, known))}
        if not bad:
            return
        for code, problem in bad.items():
            result.problems.append(f"{where} 第{good[code]['line']}行 单位 {code}：{problem}")
            del good[code]


def _parent_problem(
    code: str, good: dict[str, dict[str, str]], known: dict[str, Unit]
) -> str | None:
    def parent_of(c: str) -> str | None:
        if c in good:
            return good[c].get("parent") or None
        return known[c].parent_code if c in known else None

    chain, current = [code], parent_of(code)
    while current is not None:
        if current in chain:
            return f"上级关系成环（{' → '.join([*chain[chain.index(current) :], current])}）"
        if current not in good and current not in known:
            if len(chain) == 1:
                return f"上级单位 {current} 不存在"
            return f"上级单位 {chain[1]} 未导入（上级链中的 {current} 不存在）"
        chain.append(current)
        current = parent_of(current)
    return None


def _parents_first(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    codes = {r["code"] for r in rows}
    done: set[str] = set()
    out: list[dict[str, str]] = []
    pending = list(rows)
    while pending:
        rest = []
        for row in pending:
            parent = row.get("parent") or None
            if parent is None or parent not in codes or parent in done:
                out.append(row)
                done.add(row["code"])
            else:
                rest.append(row)
        if len(rest) == len(pending):  # cannot happen after the cycle check
            out.extend(rest)
            break
        pending = rest
    return out


def _put(
    store: Store,
    row: dict[str, str],
    old: Unit | None,
    until_year: int | None,
    result: ImportResult,
) -> None:
    unit = Unit(
        code=row["code"],
        name=row["name"],
        parent_code=row.get("parent") or None,
        kind=row["kind"],
        report_page=row.get("report_page") or None,
    )
    if old is not None and old.name != unit.name:
        q.add_former_name(store=store, code=unit.code, name=old.name, until_year=until_year)
    q.put_unit(store=store, unit=unit)
    names = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
    q.set_aliases(store=store, code=unit.code, names=names)
    if old is None:
        result.added.append(unit.code)
    elif old != unit:
        result.updated.append(unit.code)


def list_units(*, store: Store) -> list[dict[str, Any]]:
    """Every unit with its aliases and former names, sorted by code."""
    names: dict[str, list[dict[str, Any]]] = {}
    for code, alias, kind, until in q.all_aliases(store=store):
        names.setdefault(code, []).append({"name": alias, "kind": kind, "until_year": until})
    return [{**u.to_dict(), "aliases": names.get(u.code, [])} for u in q.list_units(store=store)]


def edit_unit(
    *,
    store: Store,
    code: str,
    name: str | None = None,
    parent: str | None = None,
    kind: str | None = None,
    report_page: str | None = None,
    aliases: list[str] | None = None,
    until_year: int | None = None,
) -> Unit:
    """Change one unit; a new name keeps the old one as a former name (used until ``until_year``)."""
    with store.transaction():
        old = q.get_unit(store=store, code=code)
        if old is None:
            raise OfficeError(f"单位 {code} 不存在")
        if kind is not None and kind not in KINDS:
            raise OfficeError(f"单位 {code}：单位类型“{kind}”无效（应为 {'/'.join(KINDS)}）")
        if parent is not None:
            _check_parent(store, code, parent)
        new = Unit(
            code,
            name or old.name,
            (parent or None) if parent is not None else old.parent_code,
            kind or old.kind,
            report_page if report_page is not None else old.report_page,
        )
        if new.name != old.name:
            q.add_former_name(store=store, code=code, name=old.name, until_year=until_year)
        q.put_unit(store=store, unit=new)
        if aliases is not None:
            q.set_aliases(store=store, code=code, names=aliases)
    return new


def _check_parent(store: Store, code: str, parent: str) -> None:
    if not parent:
        return
    if q.get_unit(store=store, code=parent) is None:
        raise OfficeError(f"单位 {code}：上级单位 {parent} 不存在")
    if parent in q.descendants(store=store, code=code):
        raise OfficeError(f"单位 {code}：上级单位 {parent} 是它的下级，上级关系会成环")
