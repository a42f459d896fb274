"""The annual-report page: tables 三 and 四 from the ledger (each cell drills down to its
requests), table 二 and the six sections edited on the page, the findings live, downloads,
and "submit" through the submission workflow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk import form
from xxgk.errors import ConfigError, XxgkError
from xxgk.ledger import annual
from xxgk.web import pages
from xxgk.web.routes.ledger import open_ledger

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
TAGS = ["年度报告"]


def _year(request: Request) -> int:
    text = request.query_params.get("year") or ""
    if not text:
        return dt.date.today().year - 1
    if not text.isdigit():
        raise ConfigError(f"not a year: {text}", zh=f"年度应为四位数字：{text}")
    return int(text)


def report_view(request: Request) -> dict[str, Any]:
    book, _ = open_ledger(request, "report.read")
    return annual.page(book, _year(request))


def cell_view(request: Request) -> dict[str, Any]:
    book, _ = open_ledger(request, "report.read")
    return annual.drill(book, _year(request), request.query_params.get("cell") or "")


def _edits(request: Request, edition: str) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    active: dict[str, dict[str, str]] = {}
    for block in form.ACTIVE_BLOCKS[edition]:
        for row in block.rows:
            for column in block.columns:
                value = pages.field(request, f"active.{row.key}.{column.key}")
                if value:
                    active.setdefault(row.key, {})[column.key] = value
    texts = {s.key: pages.field(request, f"section.{s.key}") for s in form.SECTIONS}
    return active, texts


def save_form(request: Request) -> Response:
    book, who = open_ledger(request, "report.write")
    year = _year(request)
    edits = _edits(request, form.edition_for_year(year))
    submit = pages.field(request, "action") == "submit"
    try:
        annual.save(book, year, *edits, by=who.name, submit=submit)
    except XxgkError as exc:
        data = annual.page(book, year, edits) | {"error": exc.text("zh")}
        return pages.page(request, "annual/report.html", data, status=400)
    return pages.redirect(f"/ledger/annual?unit={book.unit}&year={year}")


def download(request: Request) -> Response:
    book, _ = open_ledger(request, "report.read")
    to = request.query_params.get("format") or "docx"
    name, content = annual.download(book, _year(request), to)
    return pages.download(content, name, MEDIA[to])


UNIT = pages.query_param("unit", "单位代码（默认：本人所在单位）")
YEAR = pages.query_param("year", "年度（默认：上一年）")

routes = [
    *pages.twin(
        "/ledger/annual",
        "annual/report.html",
        report_view,
        summary="年度报告：第三、四部分由台账生成（可下钻），第二部分与正文在页面编辑，检查结果",
        name="annual.report",
        params=[UNIT, YEAR],
        tags=TAGS,
    ),
    Route("/ledger/annual", save_form, methods=["POST"], name="annual.save"),
    *pages.twin(
        "/ledger/annual/cell",
        "annual/cell.html",
        cell_view,
        summary="下钻：某一单元格背后的申请（或复议诉讼案件）",
        name="annual.cell",
        params=[
            UNIT,
            YEAR,
            pages.query_param("cell", "如 requests.granted.natural_person", required=True),
        ],
        tags=TAGS,
    ),
    Route("/ledger/annual/download", download, methods=["GET"], name="annual.download"),
]
nav = [("/ledger/annual", "年度报告", "report.read")]
