"""The public open-data site: every published report (searchable by unit, year and full text),
each as a clean page in the form's layout with downloads and its version history, and the
open-data API. No login; only published versions; never a finding, a comment or ledger data."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk.errors import ConfigError
from xxgk.model import Report
from xxgk.office import publication
from xxgk.render import content
from xxgk.render.html import table_html
from xxgk.web import exports, pages

TAGS = ["公开年报"]
FORMATS = {**exports.MEDIA, "pdf": "application/pdf"}
LABELS = {**exports.LABELS, "pdf": "PDF"}


def _int(text: str | None, what: str) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ConfigError(f"bad {what}", zh=f"参数 {what}“{text}”应为整数") from None


def reports_view(request: Request) -> dict[str, Any]:
    params = request.query_params
    found = publication.search(
        store=pages.store(request),
        q=params.get("q"),
        year=_int(params.get("year"), "year"),
        unit=params.get("unit"),
        page=_int(params.get("page"), "page") or 1,
    )
    return found


def reports_page(request: Request) -> Response:
    return pages.page(request, "public/reports.html", reports_view(request))


def reports_api(request: Request) -> Response:
    return pages.api(reports_view(request))


def _public(request: Request) -> publication.PublicReport:
    unit = request.path_params["unit"]
    year = _int(request.path_params["year"], "year")
    assert year is not None
    version = _int(request.query_params.get("version"), "version")
    return publication.report(store=pages.store(request), unit=unit, year=year, version=version)


def report_view(request: Request) -> dict[str, Any]:
    found = _public(request)
    data = found.to_dict()
    data["title"] = content.title(found.version.report())
    data["downloads"] = [{"fmt": f, "label": LABELS[f]} for f in FORMATS]
    return data


def report_page(request: Request) -> Response:
    data = report_view(request)
    report = Report.from_dict(data["report"])
    data["parts"] = [
        {
            "heading": part.heading,
            "paragraphs": part.paragraphs,
            # the library's table: every text escaped there (xxgk.render.html)
            "table": Markup(table_html(report, part.table)) if part.table else None,
        }
        for part in content.parts(report)
    ]
    return pages.page(request, "public/report.html", data)


def report_api(request: Request) -> Response:
    return pages.api(report_view(request))


def download(request: Request) -> Response:
    found = _public(request)
    fmt = request.path_params["fmt"]
    if fmt not in FORMATS:
        raise ConfigError("unknown format", zh=f"不支持的下载格式：{fmt}")
    report = Report.from_dict(found.to_dict()["report"])
    if fmt == "pdf":
        from xxgk.api import render

        body = render(report, "pdf", allow_errors=True)
    else:
        body = exports.export(report, fmt)
    name = f"{found.unit_name}{found.year}年报-第{found.version.version}版.{fmt}"
    return pages.download(body, name, FORMATS[fmt])


routes = [
    Route("/reports", reports_page, methods=["GET"], name="public.reports"),
    pages.api_route(
        "/api/reports",
        reports_api,
        summary="已公开的年度报告（可检索）",
        name="api.public.reports",
        tags=TAGS,
        public=True,
        params=[
            pages.query_param("q", "全文检索"),
            pages.query_param("unit", "单位代码或名称"),
            pages.query_param("year", "年度"),
            pages.query_param("page", "页码"),
        ],
    ),
    Route("/reports/{unit}/{year}", report_page, methods=["GET"], name="public.report"),
    pages.api_route(
        "/api/reports/{unit}/{year}",
        report_api,
        summary="一份已公开的年度报告（含版本历史）",
        name="api.public.report",
        tags=TAGS,
        public=True,
        params=[pages.query_param("version", "版本号（默认最新）")],
    ),
    Route(
        "/reports/{unit}/{year}/download/{fmt}", download, methods=["GET"], name="public.download"
    ),
]
nav = [("/reports", "公开年报", None)]
