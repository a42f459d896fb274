"""The supervising office's pages: the filing board, a unit's report, the roll-up, the
comparisons (charts), the 内容雷同 pairs and the workbook export. Every view reads the request,
checks access (a supervisor sees only the units under its office) and calls :mod:`xxgk.office`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk import access
from xxgk.errors import ConfigError
from xxgk.office import board, chartdata, dossier, marks
from xxgk.office.compare import DERIVED, compare, parse_years
from xxgk.office.rollup import rollup
from xxgk.office.similar import similar
from xxgk.output.jsonout import dumps
from xxgk.store.units import get_unit
from xxgk.web import pages, review_view

TAGS = ["政务公开办"]
MAX_PAIRS = 30


def year_of(text: str | None) -> int:
    try:
        year = int(text or "")
    except ValueError:
        raise ConfigError("bad year", zh=f"年度“{text}”无效，应为四位数字") from None
    if not 2000 <= year <= 2100:
        raise ConfigError("bad year", zh=f"年度“{year}”超出范围")
    return year


def scope(request: Request, action: str = "office.read") -> list[str] | None:
    """The unit codes the user may see (``None``: every unit — an admin)."""
    who = pages.user(request)
    access.require(who, action)
    units = access.visible_units(who, action)
    return None if units is None else sorted(units)


def require_unit(request: Request, unit: str, action: str = "office.read") -> None:
    access.require(pages.user(request), action, unit)
    if get_unit(store=pages.store(request), code=unit) is None:
        raise access.NotFound()


# ---------------------------------------------------------------------- the board
def _board(request: Request, year: int) -> dict[str, Any]:
    units = scope(request)
    params = request.query_params
    data = board.board(
        store=pages.store(request),
        year=year,
        today=dt.date.today(),
        units=units,
        status=params.get("status") or None,
        q=params.get("q") or None,
        sort=params.get("sort") or "unit",
        descending=params.get("order") == "desc",
    )
    data["sorts"] = [
        {"key": k, "label": label}
        for k, label in zip(
            board.SORTS,
            ("单位代码", "单位名称", "状态", "截止日期", "错误数", "发布日期"),
            strict=True,
        )
    ]
    return data


def board_view(request: Request) -> dict[str, Any]:
    scope(request)
    return _board(request, year_of(request.path_params["year"]))


def status_api(request: Request) -> Response:
    scope(request)
    return pages.api(_board(request, year_of(request.query_params.get("year"))))


def office_home(request: Request) -> Response:
    scope(request)
    return pages.redirect(f"/office/{dt.date.today().year - 1}")


# ---------------------------------------------------------------------- a unit
def unit_view(request: Request) -> dict[str, Any]:
    unit = request.path_params["unit"]
    require_unit(request, unit)
    year = year_of(request.path_params["year"])
    found = dossier.dossier(store=pages.store(request), unit=unit, year=year)
    data = review_view.unit_page(found)
    data["can_review"] = access.can(pages.user(request), "office.write", unit)
    return data


# ---------------------------------------------------------------------- roll-up
def _chosen(request: Request) -> tuple[str | None, list[str] | None]:
    """The office whose units are summed, and the chosen units (default: its children)."""
    who = pages.user(request)
    params = request.query_params
    office = params.get("office") or (who.unit if who else None)
    chosen = [u for u in params.getlist("units") if u] or None
    for code in [*(chosen or []), *([office] if office else [])]:
        require_unit(request, code)
    if chosen is None and office is None:
        raise ConfigError("no office", zh="请选择要汇总的政务公开办单位（参数 office）")
    return office, chosen


def rollup_view(request: Request) -> dict[str, Any]:
    units = scope(request)
    year = year_of(request.path_params["year"])
    office, chosen = _chosen(request)
    store = pages.store(request)
    against, _source = (
        dossier.report_of(store=store, unit=office, year=year) if office else (None, None)
    )
    result = rollup(
        store=store,
        year=year,
        units=chosen,
        children_of=None if chosen else office,
        against=against,
    )
    shown = review_view.report_view.view(result.report)
    diffs = {(d["table"], d["row"], d["column"]): d for d in result.differences or []}
    review_view.annotate(
        shown["tables"],
        result.report,
        notes={
            k: {"published": review_view._text(d["published"]) or "空"} for k, d in diffs.items()
        },
    )
    children = board.board(
        store=store,
        year=year,
        today=dt.date.today(),
        units=[u for u in (units or []) if u != office] or None,
    )["rows"]
    return {
        "year": year,
        "office": office,
        "against": content_title(against),
        "units": result.units,
        "left_out": result.left_out,
        "differences": result.differences,
        "tables": shown["tables"],
        "choices": [
            {"unit": r["unit"], "name": r["name"], "chosen": r["unit"] in result.units}
            for r in children
        ],
        "rollup": result.to_dict(),
    }


def content_title(report: Any) -> str | None:
    from xxgk.render import content

    return content.title(report) if report is not None else None


# ---------------------------------------------------------------------- compare
def _compare(request: Request) -> dict[str, Any]:
    units = scope(request)
    params = request.query_params
    metric = params.get("metric") or "requests.received"
    this_year = dt.date.today().year - 1
    years = parse_years(params.get("years") or f"{this_year - 2}-{this_year}")
    if units == []:
        found = {"metric": metric, "label": metric, "ratio": False, "years": years, "rows": []}
    else:
        found = compare(store=pages.store(request), metric_name=metric, years=years, units=units)
    found["metrics"] = [{"key": k, "label": d.label} for k, d in DERIVED.items()]
    found["charts"] = chartdata.charts(found)
    found["years_text"] = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
    return found


def compare_view(request: Request) -> dict[str, Any]:
    data = _compare(request)
    data["charts_json"] = {name: dumps(spec) for name, spec in data["charts"].items()}
    return data


def compare_csv(request: Request) -> Response:
    data = _compare(request)
    body = chartdata.csv_text(data).encode("utf-8")
    return pages.download(
        body, f"对比-{data['metric']}-{data['years_text']}.csv", "text/csv; charset=utf-8"
    )


# ---------------------------------------------------------------------- similar
def similar_view(request: Request) -> dict[str, Any]:
    units = scope(request)
    year = year_of(request.path_params["year"])
    store = pages.store(request)
    pairs = [] if units == [] else similar(store=store, year=year, units=units)
    return {
        "year": year,
        "total": len(pairs),
        "pairs": [dossier.pair_view(store=store, pair=p) for p in pairs[:MAX_PAIRS]],
    }


# ---------------------------------------------------------------------- export
def export_xlsx(request: Request) -> Response:
    """The office's workbook (:func:`xxgk.office.export.export`) of the units under the
    supervisor's office (an admin: every unit)."""
    import os
    import tempfile

    from xxgk.office import export

    units = scope(request)  # refuses the public and officers before anything is computed
    year = year_of(request.path_params["year"])
    who = pages.user(request)
    office = who.unit if who is not None and who.role == "supervisor" else None
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        store = pages.store(request)
        export.export(store=store, year=year, path=path, children_of=office)
        marks.append_sheets(path=path, store=store, year=year, units=units)
        with open(path, "rb") as stream:
            body = stream.read()
    finally:
        os.unlink(path)
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return pages.download(body, f"{year}年报审查.xlsx", media)


routes = [
    Route("/office", office_home, methods=["GET"], name="office.home"),
    pages.api_route(
        "/api/office/status",
        status_api,
        summary="报送情况（按年度）",
        tags=TAGS,
        name="api.office.status",
        params=[pages.query_param("year", "年度", required=True)],
    ),
    *pages.twin(
        "/office/compare",
        "office/compare.html",
        compare_view,
        summary="单位×年度对比",
        name="office.compare",
        tags=TAGS,
        params=[
            pages.query_param("metric", "指标"),
            pages.query_param("years", "年度范围，如 2023-2025"),
        ],
    ),
    Route("/office/compare.csv", compare_csv, methods=["GET"], name="office.compare_csv"),
    *pages.twin(
        "/office/{year}",
        "office/board.html",
        board_view,
        summary="报送看板",
        name="office.board",
        tags=TAGS,
        params=[
            pages.query_param("status", "按状态筛选"),
            pages.query_param("q", "单位代码或名称"),
            pages.query_param("sort", "排序"),
            pages.query_param("order", "asc 或 desc"),
        ],
    ),
    *pages.twin(
        "/office/{year}/units/{unit}",
        "office/unit.html",
        unit_view,
        summary="单位年报审查",
        name="office.unit",
        tags=TAGS,
    ),
    *pages.twin(
        "/office/{year}/rollup",
        "office/rollup.html",
        rollup_view,
        summary="汇总与政府年报对照",
        name="office.rollup",
        tags=TAGS,
        params=[
            pages.query_param("office", "政务公开办单位代码"),
            pages.query_param("units", "参与汇总的单位（可多个）"),
        ],
    ),
    *pages.twin(
        "/office/{year}/similar",
        "office/similar.html",
        similar_view,
        summary="内容雷同",
        name="office.similar",
        tags=TAGS,
    ),
    Route("/office/{year}/export.xlsx", export_xlsx, methods=["GET"], name="office.export"),
]
nav = [("/office", "政务公开办", "office.read")]
