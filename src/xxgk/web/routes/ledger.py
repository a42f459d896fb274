"""The officer's desk: the request list, registration, the request page with its event forms,
letters, approval and case file, the due list — each page with its JSON twin under ``/api``.

Every route checks access first (:mod:`xxgk.access`: an officer sees its own unit only; another
unit's request is a 404 by id, list, drill-down and download) and then calls one function of
:mod:`xxgk.ledger.desk` (or the notice / case-file / personal-data library).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk import access
from xxgk.errors import ConfigError, XxgkError
from xxgk.ledger import desk, personal
from xxgk.ledger.book import Ledger
from xxgk.ledger.labels import APPLICANT_TYPE_LABELS
from xxgk.web import pages

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TAGS = ["台账"]


def _user(request: Request) -> access.User:
    who = pages.user(request)
    if who is None:
        raise access.LoginRequired()
    return who


def open_ledger(request: Request, action: str = "ledger.read") -> tuple[Ledger, access.User]:
    """The ledger of the unit asked for (``?unit=``, default the user's own), access checked."""
    who = _user(request)
    unit = request.query_params.get("unit") or who.unit
    access.require(who, action, unit or "")
    if not unit:
        raise ConfigError("no unit given", zh="请指定单位（?unit=单位代码）")
    return Ledger(pages.store(request), unit=unit), who


def today(request: Request) -> dt.date:
    text = request.query_params.get("today")
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"not a date: {text}", zh=f"today 不是有效日期：{text}") from None


def _page_number(request: Request) -> int:
    try:
        return max(1, int(request.query_params.get("page") or 1))
    except ValueError:
        return 1


# ---------------------------------------------------------------- pages and twins


def list_view(request: Request) -> dict[str, Any]:
    book, _ = open_ledger(request)
    q = request.query_params
    year = q.get("year")
    return desk.request_list(
        book,
        today=today(request),
        state=q.get("state") or None,
        q=(q.get("q") or "").strip() or None,
        urgency_filter=q.get("urgency") or None,
        year=int(year) if year and year.isdigit() else None,
        page=_page_number(request),
    )


def detail_view(request: Request) -> dict[str, Any]:
    book, who = open_ledger(request)
    data = desk.request_detail(book, request.path_params["id"], today=today(request))
    data["can_write"] = access.can(who, "ledger.write", book.unit)
    data["can_personal"] = access.can(who, "ledger.personal", book.unit)
    return data


def due_view(request: Request) -> dict[str, Any]:
    book, _ = open_ledger(request)
    limit = request.query_params.get("limit") or ""
    shown = int(limit) if limit.isdigit() else desk.DUE_SHOWN
    return desk.due_list(book, today=today(request), limit=shown)


def contact_view(request: Request) -> dict[str, Any]:
    book, who = open_ledger(request, "ledger.personal")
    rid = request.path_params["id"]
    desk.exists(book, rid)
    contact = personal.view_contact(book, rid, viewer=who.name)
    return {"unit": book.unit, "id": rid, "contact": contact.to_dict(), "labels": personal.LABELS}


def _register_data(
    given: dict[str, Any] | None = None, errors: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        "given": given or {},
        "errors": errors or {},
        "types": [{"key": k, "label": v} for k, v in APPLICANT_TYPE_LABELS.items()],
        "channels": CHANNELS,
    }


CHANNELS = [
    ("in_person", "当面提交"),
    ("post", "邮寄（挂号信）"),
    ("letter", "平信"),
    ("internet", "网络平台"),
    ("email", "电子邮件"),
    ("fax", "传真"),
]


def new_form(request: Request) -> Response:
    book, _ = open_ledger(request, "ledger.write")
    data = _register_data({"received": today(request).isoformat()}) | {"unit": book.unit}
    return pages.page(request, "ledger/new.html", data)


def _fields(request: Request, names: list[str]) -> dict[str, str]:
    return {k: pages.field(request, k) for k in names}


REGISTER_FIELDS = [
    "id",
    "applicant_type",
    "received",
    "applicant",
    "channel",
    "description",
    *personal.FIELDS,
]


def register_form(request: Request) -> Response:
    book, who = open_ledger(request, "ledger.write")
    given = _fields(request, REGISTER_FIELDS)
    try:
        made = desk.register(book, given, by=who.name)
    except desk.FormInvalid as exc:
        data = _register_data(given, exc.errors) | {"unit": book.unit}
        return pages.page(request, "ledger/new.html", data, status=400)
    return pages.redirect(_url(book, who, f"/ledger/requests/{made['id']}"))


def register_api(request: Request) -> Response:
    book, who = open_ledger(request, "ledger.write")
    try:
        made = desk.register(book, pages.json_body(request), by=who.name)
    except desk.FormInvalid as exc:
        return _invalid(exc)
    return pages.api(made, status=201)


def _invalid(exc: desk.FormInvalid) -> Response:
    body = {
        "error": {"status": 400, "type": "invalid", "message": exc.message_zh},
        "fields": exc.errors,
    }
    return pages.api(body, status=400)


EVENT_FIELDS = [
    "kind",
    "on",
    "outcome",
    "days",
    "reason",
    "party",
    "name",
    "method",
    "pages",
    "amount",
    "field",
    "value",
    "event",
    "items",
    "period",
    "responsible",
    "note",
]


def event_form(request: Request) -> Response:
    book, who = open_ledger(request, "ledger.write")
    rid = request.path_params["id"]
    given = {k: v for k, v in _fields(request, EVENT_FIELDS).items() if v}
    try:
        desk.record_event(book, rid, given, by=who.name)
    except desk.NoSuchRequest:
        raise
    except XxgkError as exc:
        data = desk.request_detail(book, rid, today=today(request))
        data |= {
            "error": exc.text("zh"),
            "can_write": True,
            "can_personal": access.can(who, "ledger.personal", book.unit),
        }
        return pages.page(request, "ledger/request.html", data, status=400)
    return pages.redirect(_url(book, who, f"/ledger/requests/{rid}"))


def event_api(request: Request) -> Response:
    book, who = open_ledger(request, "ledger.write")
    try:
        done = desk.record_event(
            book, request.path_params["id"], pages.json_body(request), by=who.name
        )
    except desk.FormInvalid as exc:
        return _invalid(exc)
    return pages.api(done, status=201)


def notice_download(request: Request) -> Response:
    from xxgk.ledger.notices import render

    book, _ = open_ledger(request)
    rid = request.path_params["id"]
    desk.exists(book, rid)
    notice = render(book, rid, request.path_params["kind"])
    return pages.download(notice.content, notice.filename, DOCX)


def casefile_download(request: Request) -> Response:
    from xxgk.ledger.casefile import build

    book, who = open_ledger(request, "ledger.write")
    rid = request.path_params["id"]
    desk.exists(book, rid)
    name, content = build(book, rid, by=who.name)
    return pages.download(content, name, "application/zip")


def report_api(request: Request) -> Response:
    book, _ = open_ledger(request, "report.read")
    year = request.query_params.get("year") or ""
    if not year.isdigit():
        raise ConfigError("year=YYYY is required", zh="请给出年度：year=YYYY")
    return pages.api(book.report(int(year)).to_dict())


def _url(book: Ledger, who: access.User, path: str) -> str:
    return path if book.unit == who.unit else f"{path}?unit={book.unit}"


def home(request: Request) -> Response:
    return pages.redirect(
        "/ledger/requests" + (f"?{request.url.query}" if request.url.query else "")
    )


UNIT = pages.query_param("unit", "单位代码（默认：本人所在单位）")
TODAY = pages.query_param("today", "按此日期计算（YYYY-MM-DD，默认今天）")
ID = pages.path_param("id", "申请编号")
JSON_BODY = {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}

routes = [
    Route("/ledger", home, methods=["GET"], name="ledger.home"),
    Route("/ledger/requests/new", new_form, methods=["GET"], name="ledger.new"),
    *pages.twin(
        "/ledger/requests",
        "ledger/list.html",
        list_view,
        summary="依申请公开台账：申请列表（状态、期限、紧急程度；筛选、搜索）",
        name="ledger.list",
        params=[
            UNIT,
            TODAY,
            pages.query_param("state", "状态：open | " + " | ".join(desk.m.STATES)),
            pages.query_param("q", "搜索：编号、内容、申请人"),
            pages.query_param("urgency", "overdue | soon | later"),
            pages.query_param("year", "收到年度"),
            pages.query_param("page", "页码"),
        ],
        tags=TAGS,
    ),
    Route("/ledger/requests", register_form, methods=["POST"], name="ledger.register"),
    pages.api_route(
        "/api/ledger/requests",
        register_api,
        methods=["POST"],
        summary="登记一件申请（id, applicant_type, received, applicant, channel, description, id_number, phone, address, email）",
        name="api.ledger.register",
        params=[UNIT],
        body=JSON_BODY,
        responses={"201": {"description": "已登记"}, "400": {"description": "字段有误（fields）"}},
        tags=TAGS,
    ),
    *pages.twin(
        "/ledger/due",
        "ledger/due.html",
        due_view,
        summary="到期提醒：所有进行中的期限，最紧急的在前；待审批的答复",
        name="ledger.due",
        params=[UNIT, TODAY, pages.query_param("limit", "最多列出几项（默认100）")],
        tags=TAGS,
    ),
    *pages.twin(
        "/ledger/requests/{id}",
        "ledger/request.html",
        detail_view,
        summary="一件申请：登记信息、办理过程、期限计算说明、文书、审批",
        name="ledger.request",
        params=[UNIT, TODAY],
        tags=TAGS,
    ),
    *pages.twin(
        "/ledger/requests/{id}/contact",
        "ledger/contact.html",
        contact_view,
        summary="申请人完整联系信息（每次查看记入审计日志）",
        name="ledger.contact",
        params=[UNIT],
        tags=TAGS,
    ),
    Route("/ledger/requests/{id}/events", event_form, methods=["POST"], name="ledger.event"),
    pages.api_route(
        "/api/ledger/requests/{id}/events",
        event_api,
        methods=["POST"],
        summary='记录一个办理事项，如 {"kind": "answered", "on": "2025-03-18", "outcome": "granted"}；'
        "审批：answer_drafted / review / secrecy / sign / return",
        name="api.ledger.event",
        params=[UNIT],
        body=JSON_BODY,
        responses={"201": {"description": "已记录"}},
        tags=TAGS,
    ),
    Route(
        "/ledger/requests/{id}/notices/{kind}",
        notice_download,
        methods=["GET"],
        name="ledger.notice",
    ),
    pages.api_route(
        "/api/ledger/requests/{id}/notices/{kind}",
        notice_download,
        summary="下载文书 DOCX：correction | extension | consultation | answer",
        name="api.ledger.notice",
        params=[UNIT],
        tags=TAGS,
    ),
    Route(
        "/ledger/requests/{id}/casefile",
        casefile_download,
        methods=["POST"],
        name="ledger.casefile",
    ),
    pages.api_route(
        "/api/ledger/requests/{id}/casefile",
        casefile_download,
        methods=["POST"],
        summary="归档：已办结申请的案卷 ZIP（文书、办理过程、审批记录、PDF 目录）",
        name="api.ledger.casefile",
        params=[UNIT],
        tags=TAGS,
    ),
    pages.api_route(
        "/api/ledger/report",
        report_api,
        summary="由台账生成年度报告的第三、四部分表格（Report JSON）",
        name="api.ledger.report",
        params=[UNIT, pages.query_param("year", "年度", required=True)],
        tags=TAGS,
    ),
]
nav = [("/ledger/requests", "台账", "ledger.read"), ("/ledger/due", "到期提醒", "ledger.read")]
