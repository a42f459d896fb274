"""The public check page: drop a report (any format) or paste its text → the three tables as
the form prints them, every finding on its cell, downloads. Nothing is stored."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk.errors import ConfigError, XxgkError
from xxgk.model import Report
from xxgk.output.jsonout import dumps
from xxgk.web import exports, pages, parsing, report_view

PASTED = "粘贴的文本"
FORMATS = list(exports.MEDIA)


class NoInput(ConfigError):
    status = 400


def _intro(request: Request) -> dict[str, Any]:
    limit = request.app.state.max_upload // (1024 * 1024)
    return {
        "limit_mb": limit,
        "timeout": int(request.app.state.check_timeout),
        "error": None,
        "text": "",
    }


async def check_form(request: Request) -> Response:
    return pages.page(request, "check/form.html", _intro(request))


async def _input(request: Request) -> tuple[bytes, str]:
    upload = pages.upload(request, "file")
    if upload is not None:
        await upload.seek(0)
        data = await upload.read()
        return data, PurePath(upload.filename or "upload").name[:120] or "upload"
    text = pages.field(request, "text")
    if text:
        return text.encode("utf-8"), PASTED
    raise NoInput(
        "give a file (field file) or text (field text)", zh="请选择要检查的文件，或粘贴报告全文"
    )


async def _checked(request: Request) -> Report:
    data, name = await _input(request)
    return await parsing.parse_upload(data, name, limit=request.app.state.check_timeout)


async def check_page(request: Request) -> Response:
    try:
        report = await _checked(request)
    except XxgkError as exc:
        data = {**_intro(request), "error": exc.text("zh"), "text": pages.field(request, "text")}
        return pages.page(request, "check/form.html", data, status=int(getattr(exc, "status", 400)))
    data = {
        **report_view.view(report),
        "report_json": dumps(report.to_dict()),
        "downloads": [{"fmt": f, "label": exports.LABELS[f]} for f in FORMATS],
    }
    return pages.page(request, "check/result.html", data)


async def check_api(request: Request) -> Response:
    report = await _checked(request)
    return pages.api(report.to_dict())


def _download(report: Report, fmt: str) -> Response:
    if fmt not in exports.MEDIA:
        raise ConfigError(f"unknown download format {fmt!r}", zh=f"不支持的下载格式：{fmt}")
    body = exports.export(report, fmt)
    return pages.download(body, exports.filename(report, fmt), exports.MEDIA[fmt])


def download_page(request: Request) -> Response:
    report = exports.report_from_json(pages.field(request, "report"))
    return _download(report, request.path_params["fmt"])


def export_api(request: Request) -> Response:
    report = Report.from_dict(pages.json_body(request))
    return _download(report, request.path_params["fmt"])


UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "报告文件（任意格式：HTML、DOCX、DOC、PDF、文本……按内容识别）",
                    },
                    "text": {"type": "string", "description": "或：粘贴的报告全文"},
                },
            }
        }
    },
}
REPORT_JSON = {
    "description": "Report JSON（xxgk/report/1，见 xxgk schema）",
    "content": {"application/json": {"schema": {"type": "object"}}},
}
FILE_ANSWER = {"description": "文件", "content": {m: {} for m in exports.MEDIA.values()}}

routes = [
    Route("/check", check_form, methods=["GET"], name="check"),
    Route("/check", check_page, methods=["POST"], name="check.result"),
    Route("/check/download/{fmt}", download_page, methods=["POST"], name="check.download"),
    pages.api_route(
        "/api/check",
        check_api,
        methods=["POST"],
        name="api.check",
        public=True,
        summary="检查一份年度报告（不保存）：上传文件或粘贴文字，返回 Report JSON（含全部发现）",
        body=UPLOAD_BODY,
        tags=["年报检查"],
        responses={
            "200": REPORT_JSON,
            "413": {"description": "超过上传大小上限"},
            "415": {"description": "不支持的格式"},
            "422": {"description": "无法读取"},
            "504": {"description": "超过单个文件的处理时限"},
        },
    ),
    pages.api_route(
        "/api/check/export/{fmt}",
        export_api,
        methods=["POST"],
        name="api.check.export",
        public=True,
        tags=["年报检查"],
        summary="把 Report JSON 转为 json / csv / xlsx / docx 文件（不保存）",
        params=[
            {
                "name": "fmt",
                "in": "path",
                "required": True,
                "schema": {"enum": FORMATS},
                "description": "文件格式",
            }
        ],
        body={"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
        responses={"200": FILE_ANSWER},
    ),
]
