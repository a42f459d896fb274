"""The working-day calendar page: the year's holidays and 调休 days, a warning when next year
is not known yet, and (admins) the entry of next year's State Council holiday notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk import access
from xxgk.errors import XxgkError
from xxgk.ledger import holidays
from xxgk.web import pages


def _year(request: Request) -> int:
    text = request.query_params.get("year") or ""
    return int(text) if text.isdigit() else dt.date.today().year


def calendar_view(request: Request) -> dict[str, Any]:
    who = pages.user(request)
    access.require(who, "calendar.read")
    data = holidays.year_view(pages.store(request), _year(request), today=dt.date.today())
    data["can_write"] = access.can(who, "calendar.write")
    return data


def add_form(request: Request) -> Response:
    who = pages.user(request)
    access.require(who, "calendar.write")
    assert who is not None
    text = pages.field(request, "notice")
    try:
        holidays.add_notice(pages.store(request), text, by=who.name)
    except XxgkError as exc:
        data = calendar_view(request) | {"error": exc.text("zh"), "given": text}
        return pages.page(request, "calendar/year.html", data, status=400)
    return pages.redirect("/ledger/calendar")


def add_api(request: Request) -> Response:
    who = pages.user(request)
    access.require(who, "calendar.write")
    assert who is not None
    body = pages.json_body(request)
    done = holidays.add_notice(pages.store(request), str(body.get("notice", "")), by=who.name)
    return pages.api(done, status=201)


routes = [
    *pages.twin(
        "/ledger/calendar",
        "calendar/year.html",
        calendar_view,
        summary="工作日历：节假日与调休上班日；下一年尚未录入时提示",
        name="calendar.year",
        params=[pages.query_param("year", "年份")],
        tags=["工作日历"],
    ),
    Route("/ledger/calendar", add_form, methods=["POST"], name="calendar.add"),
    pages.api_route(
        "/api/ledger/calendar/notice",
        add_api,
        methods=["POST"],
        summary='录入国务院办公厅节假日安排通知（管理员）：{"notice": "2027-01-01 休 元旦\\n…"}',
        name="api.calendar.add",
        body={"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
        responses={"201": {"description": "已录入并重算进行中的期限"}},
        tags=["工作日历"],
    ),
]
nav = [("/ledger/calendar", "工作日历", "calendar.read")]
