"""``xxgk office …``: the supervising office's commands, each a thin wrapper over one
:mod:`xxgk.office` call. Every command takes ``--db PATH_OR_URL`` (else ``XXGK_DB``, else
``xxgk.db`` here); data commands take ``--format table|json|csv``."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from xxgk.store import DEFAULT_DB, ENV_DB, Store

Rows = list[dict[str, Any]]


def _db(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        envvar=ENV_DB,
        default=None,
        help=f"数据库：SQLite 路径或 postgresql:// 网址（环境变量 {ENV_DB}；默认 {DEFAULT_DB}）。",
    )(fn)


def _format(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="输出格式。",
    )(fn)


def _year(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--year", type=int, required=True, help="报告年度，如 2025。")(fn)


def _scope(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--unit", "units", multiple=True, help="只看这些单位（代码，可重复）。")(fn)
    return click.option("--children-of", help="只看这个单位的直属下级单位。")(fn)


def store_for(db: str | None) -> Store:
    return Store(db, create=True)


def emit(fmt: str, data: Any, rows: Rows, columns: list[str]) -> None:
    """``data`` as JSON, or ``rows`` (only ``columns``) as an aligned table or CSV."""
    if fmt == "json":
        from xxgk.output.jsonout import dumps

        click.echo(dumps(data, indent=2))
        return
    cells = [["" if r.get(c) is None else str(r.get(c)) for c in columns] for r in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
        click.echo(out.getvalue(), nl=False)
        return
    from xxgk.errors import printable
    from xxgk.output.table import grid

    click.echo("\n".join(grid(columns, [[printable(c) for c in row] for row in cells], indent="")))


@click.group("office")
def office() -> None:
    """政务公开办：单位、收集/下载年报、报送情况、汇总、对比、雷同检查、导出。"""


# ---------------------------------------------------------------- units
@office.group("units")
def units_group() -> None:
    """单位名录：导入、列出、修改。"""


@units_group.command("import")
@_db
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--until-year", type=int, help="改名的单位：旧名称使用到哪一年。")
def units_import(db: str | None, path: Path, until_year: int | None) -> int:
    """导入 CSV/XLSX：code,name,parent,kind,aliases,report_page。"""
    from xxgk.office.units import import_units

    result = import_units(store=store_for(db), path=path, until_year=until_year)
    for problem in result.problems:
        click.echo(f"xxgk: {problem}", err=True)
    click.echo(
        f"新增 {len(result.added)} 个，更新 {len(result.updated)} 个，问题 {len(result.problems)} 条",
        err=True,
    )
    return 2 if result.problems else 0


@units_group.command("list")
@_db
@_format
def units_list(db: str | None, fmt: str) -> int:
    """列出单位。"""
    from xxgk.office.units import list_units

    data = list_units(store=store_for(db))
    rows = [{**u, "aliases": ";".join(a["name"] for a in u["aliases"])} for u in data]
    emit(fmt, data, rows, ["code", "name", "parent", "kind", "aliases", "report_page"])
    return 0


@units_group.command("edit")
@_db
@click.argument("code")
@click.option("--name")
@click.option("--parent")
@click.option("--kind")
@click.option("--report-page")
@click.option("--aliases", help="别名，用 ; 分隔（替换原有别名）。")
@click.option("--until-year", type=int, help="改名时：旧名称使用到哪一年。")
def units_edit(db: str | None, code: str, aliases: str | None, **changes: Any) -> int:
    """修改一个单位（改名时保留旧名称，便于匹配历年报告）。"""
    from xxgk.office.units import edit_unit

    names = None if aliases is None else [a.strip() for a in aliases.split(";") if a.strip()]
    unit = edit_unit(store=store_for(db), code=code, aliases=names, **changes)
    click.echo(f"已修改：{unit.code} {unit.name}", err=True)
    return 0


# ---------------------------------------------------------------- collect, fetch
@contextmanager
def _progress(label: str) -> Iterator[Callable[[Any], None]]:
    """A progress bar on a terminal (stderr), nothing otherwise."""
    import sys

    from tqdm import tqdm

    bar = tqdm(desc=label, unit="份", file=sys.stderr, disable=not sys.stderr.isatty())
    try:
        yield lambda item: bar.update(1)
    finally:
        bar.close()


def _outcomes(fmt: str, items: list[Any]) -> int:
    data = [i.to_dict() for i in items]
    emit(fmt, data, data, ["outcome", "unit", "year", "source", "message"])
    counts: dict[str, int] = {}
    for i in items:
        counts[i.outcome] = counts.get(i.outcome, 0) + 1
    click.echo("；".join(f"{k} {v}" for k, v in sorted(counts.items())), err=True)
    return 0


@office.command("collect")
@_db
@_format
@click.option("--year", type=int, help="这些文件是哪一年的报告（默认：报告自己印的年份）。")
@click.argument("paths", nargs=-1, required=True)
def collect_cmd(db: str | None, fmt: str, year: int | None, paths: tuple[str, ...]) -> int:
    """收集本地文件（任何 xxgk 能读的格式），按发布机构、别名和文件名匹配单位。"""
    from xxgk.office.collect import collect

    with _progress("收集") as tick:
        items = collect(store=store_for(db), paths=list(paths), year=year, progress=tick)
    return _outcomes(fmt, items)


@office.command("fetch")
@_db
@_format
@_year
@click.option("--unit", "units", multiple=True, help="只下载这些单位。")
@click.option(
    "--delay", type=float, default=1.0, show_default=True, help="同一网站两次请求的间隔（秒）。"
)
@click.option("--per-host", type=int, default=2, show_default=True, help="同一网站同时请求数。")
def fetch_cmd(
    db: str | None, fmt: str, year: int, units: tuple[str, ...], delay: float, per_host: int
) -> int:
    """从各单位的年报栏目下载该年度的报告（全部字节存档）。"""
    from xxgk.office.fetch import Settings, fetch

    settings = Settings(delay=delay, per_host=per_host)
    with _progress("下载") as tick:
        items = fetch(
            store=store_for(db), year=year, units=list(units), settings=settings, progress=tick
        )
    return _outcomes(fmt, items)


# ---------------------------------------------------------------- status
@office.command("status")
@_db
@_format
@_year
@_scope
def status_cmd(
    db: str | None, fmt: str, year: int, units: tuple[str, ...], children_of: str | None
) -> int:
    """各单位报送情况：按时、逾期、未发布、年份不符、不是年报、冲突、发布后修改。"""
    from xxgk.office.status import status

    items = [
        s.to_dict()
        for s in status(store=store_for(db), year=year, units=list(units), children_of=children_of)
    ]
    emit(
        fmt,
        items,
        items,
        [
            "unit",
            "name",
            "status_zh",
            "published",
            "published_from",
            "deadline",
            "errors",
            "warnings",
            "file",
        ],
    )
    return 0


@office.command("exempt")
@_db
@_year
@click.argument("unit")
@click.option("--note", help="免报原因（必填）。")
@click.option("--remove", is_flag=True, help="取消免报。")
def exempt_cmd(db: str | None, year: int, unit: str, note: str | None, remove: bool) -> int:
    """标记某单位某年度免报（须写明原因）。"""
    from xxgk.office.errors import OfficeError
    from xxgk.office.status import exempt

    if not remove and not note:
        raise OfficeError("请用 --note 写明免报原因")
    exempt(store=store_for(db), unit=unit, year=year, note=None if remove else note)
    return 0


@office.command("deadline")
@_db
@click.argument("kind")
@click.argument("month_day")
@click.option("--office", help="只适用于这个单位的下级单位。")
def deadline_cmd(db: str | None, kind: str, month_day: str, office: str | None) -> int:
    """设置某类单位的截止日期（次年 MM-DD），如：deadline 乡镇街道 02-15。"""
    from xxgk.office.status import set_deadline

    set_deadline(store=store_for(db), kind=kind, month_day=month_day, office=office)
    return 0


# ---------------------------------------------------------------- rollup, compare, similar
@office.command("rollup")
@_db
@_format
@_year
@_scope
@click.option("--against", type=click.Path(path_type=Path), help="政府公布的年报，与汇总逐格比对。")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="把汇总报告写成 Report JSON 文件。"
)
def rollup_cmd(
    db: str | None,
    fmt: str,
    year: int,
    units: tuple[str, ...],
    children_of: str | None,
    against: Path | None,
    output: Path | None,
) -> int:
    """汇总所选单位的表格（Report JSON，可用 xxgk render 生成文件）。"""
    from xxgk.office.rollup import rollup
    from xxgk.output.jsonout import dumps

    result = rollup(
        store=store_for(db), year=year, units=list(units), children_of=children_of, against=against
    )
    data = result.to_dict()
    if output:
        output.write_text(dumps(data, indent=2), "utf-8")
    rows = result.differences if result.differences is not None else _sums(result.report)
    emit(
        fmt,
        data,
        rows,
        [
            "table",
            "row",
            "column",
            "sum",
            *(["published"] if result.differences is not None else []),
        ],
    )
    for item in result.left_out:
        click.echo(f"未计入：{item['unit']} {item['name']}（{item['reason']}）", err=True)
    return 1 if result.differences else 0


def _sums(report: Any) -> Rows:
    return [
        {"table": name, "row": r, "column": c, "sum": cell.value}
        for name, table in report.tables.items()
        if table is not None
        for r, c, cell in table.cells()
    ]


@office.command("compare")
@_db
@_format
@_scope
@click.option("--years", required=True, help="年份范围，如 2023-2025。")
@click.option("--metric", required=True, help="单元格键 table.row.column 或派生指标。")
def compare_cmd(
    db: str | None,
    fmt: str,
    units: tuple[str, ...],
    children_of: str | None,
    years: str,
    metric: str,
) -> int:
    """单位 × 年度对比：数值、同比变化、排名。"""
    from xxgk.office.compare import compare, parse_years

    span = parse_years(years)
    data = compare(
        store=store_for(db),
        metric_name=metric,
        years=span,
        units=list(units),
        children_of=children_of,
    )
    rows = [
        {"unit": r["unit"], "name": r["name"], **{str(y): _mark(r, y) for y in span}}
        for r in data["rows"]
    ]
    emit(fmt, data, rows, ["unit", "name", *map(str, span)])
    return 0


def _mark(row: dict[str, Any], year: int) -> str:
    value = row["values"][year]
    if value is None:
        return ""
    return f"{value}（样本<5）" if year in row["not_meaningful"] else str(value)


@office.command("similar")
@_db
@_format
@_year
@_scope
@click.option("--threshold", type=float, default=0.5, show_default=True, help="相似度阈值（0–1）。")
def similar_cmd(
    db: str | None,
    fmt: str,
    year: int,
    units: tuple[str, ...],
    children_of: str | None,
    threshold: float,
) -> int:
    """内容雷同：与本单位上一年、与同年其他单位比较。"""
    from xxgk.office.similar import similar

    pairs = similar(
        store=store_for(db),
        year=year,
        threshold=threshold,
        units=list(units),
        children_of=children_of,
    )
    rows = [
        {
            "a": f"{p['a']['unit']}/{p['a']['year']}/{p['a']['section']}",
            "b": f"{p['b']['unit']}/{p['b']['year']}/{p['b']['section']}",
            "score": p["score"],
            "kind": p["kind"],
            "passage": (p["passages"] or [""])[0][:40],
        }
        for p in pairs
    ]
    emit(fmt, pairs, rows, ["a", "b", "score", "kind", "passage"])
    return 0


@office.command("export")
@_db
@_year
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="输出 .xlsx 工作簿。"
)
@click.option("--children-of", help="汇总哪个单位的下级单位。")
@click.option("--metric", default="requests.received", show_default=True, help="对比指标。")
@click.option(
    "--csv-dir", type=click.Path(path_type=Path), help="另把每张表写成 CSV、图表写成 PNG/SVG。"
)
def export_cmd(
    db: str | None,
    year: int,
    output: Path,
    children_of: str | None,
    metric: str,
    csv_dir: Path | None,
) -> int:
    """导出给领导的审查工作簿（报送情况、问题、汇总、对比和图表、雷同）。"""
    from xxgk.office.export import export

    export(
        store=store_for(db),
        year=year,
        path=output,
        children_of=children_of,
        metric=metric,
        csv_dir=csv_dir,
    )
    click.echo(f"已写出：{output}", err=True)
    return 0


commands = [office]
