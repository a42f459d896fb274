"""The supervisor's review actions on a unit's report — approve, return with comments (per
section or per cell), publish, publish a correction — and marking findings confirmed or
dismissed. Each checks ``office.write`` on the unit and calls :mod:`xxgk.office`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xxgk import access
from xxgk.errors import ConfigError
from xxgk.model import Report
from xxgk.office import dossier, marks
from xxgk.office import submission as sub
from xxgk.web import exports, pages
from xxgk.web.routes.office import require_unit, year_of

TAGS = ["政务公开办"]
ACTIONS = ("approve", "return", "publish", "correct")
COMMENT_SLOTS = 5


def review(
    request: Request, *, unit: str, year: int, action: str, given: Mapping[str, Any]
) -> dict[str, Any]:
    """Do one review action as the logged-in supervisor; the new state."""
    require_unit(request, unit, "office.write")
    who = pages.user(request)
    assert who is not None
    store = pages.store(request)
    if action == "approve":
        done: Any = sub.approve(
            store=store, unit=unit, year=year, by=who.name, note=given.get("note")
        )
    elif action == "return":
        done = sub.return_with_comments(
            store=store,
            unit=unit,
            year=year,
            by=who.name,
            comments=list(given.get("comments") or []),
        )
    elif action == "publish":
        done = sub.publish(store=store, unit=unit, year=year, by=who.name)
    elif action == "correct":
        done = sub.correct(
            store=store,
            unit=unit,
            year=year,
            report=given["report"],
            note=str(given.get("note") or ""),
            by=who.name,
        )
    else:
        raise ConfigError(
            "unknown action", zh=f"未知的审核操作“{action}”（应为 {'、'.join(ACTIONS)}）"
        )
    current = sub.get_current(store=store, unit=unit, year=year)
    return {
        "action": action,
        "result": done.to_dict(report=False) if isinstance(done, sub.Version) else done.to_dict(),
        "submission": current.to_dict() if current else None,
    }


def _target(body: Mapping[str, Any]) -> tuple[str, int]:
    unit = str(body.get("unit") or "").strip()
    try:
        year = int(body.get("year") or 0)
    except (TypeError, ValueError):
        year = 0
    if not unit or not year:
        raise ConfigError("unit and year required", zh="须给出单位代码 unit 和年度 year")
    return unit, year


def reviews_api(request: Request) -> Response:
    body = pages.json_body(request)
    unit, year = _target(body)
    access.require(pages.user(request), "office.write", unit)
    given = dict(body)
    if body.get("action") == "correct":
        if not isinstance(body.get("report"), dict):
            raise ConfigError(
                "report required", zh="发布更正须附更正后的报告 report（Report JSON）"
            )
        given["report"] = exports.report_from_json(_json(body["report"]))
    return pages.api(
        review(request, unit=unit, year=year, action=str(body.get("action") or ""), given=given)
    )


def _json(value: Any) -> str:
    from xxgk.output.jsonout import dumps

    return dumps(value)


def _form_comments(request: Request) -> list[dict[str, Any]]:
    """The comment slots of the review form: each a target (a section key or a cell key
    ``table.row.column``, chosen or typed) and a text."""
    out = []
    for n in range(1, COMMENT_SLOTS + 1):
        text = pages.field(request, f"text_{n}")
        target = pages.field(request, f"key_{n}") or pages.field(request, f"target_{n}")
        if not text:  # an empty slot (its target select always has a value)
            continue
        item: dict[str, Any] = {"text": text}
        parts = target.split(".") if target else []
        if len(parts) >= 3:
            item.update(table=parts[0], row=".".join(parts[1:-1]), column=parts[-1])
        elif target and target != "report":
            item["section"] = target
        out.append(item)
    return out


def _uploaded_report(request: Request) -> Report:
    upload = pages.upload(request, "file")
    if upload is None:
        raise ConfigError("file required", zh="请上传更正后的报告（JSON 或任意可读格式）")
    content = upload.file.read()
    if (upload.filename or "").lower().endswith(".json"):
        return exports.report_from_json(content.decode("utf-8", errors="replace"))
    from xxgk.api import parse

    return parse(content, name=upload.filename, check=False)


def review_form(request: Request) -> Response:
    unit = request.path_params["unit"]
    require_unit(request, unit, "office.write")
    year = year_of(request.path_params["year"])
    action = pages.field(request, "action")
    given: dict[str, Any] = {"note": pages.field(request, "note") or None}
    if action == "return":
        given["comments"] = _form_comments(request)
    if action == "correct":
        require_unit(request, unit, "office.write")
        given["report"] = _uploaded_report(request)
    review(request, unit=unit, year=year, action=action, given=given)
    return pages.redirect(f"/office/{year}/units/{unit}")


# ---------------------------------------------------------------------- finding marks
def mark(request: Request, *, unit: str, year: int, given: Mapping[str, Any]) -> dict[str, Any]:
    require_unit(request, unit, "office.write")
    who = pages.user(request)
    assert who is not None
    store = pages.store(request)
    fingerprint = str(given.get("fingerprint") or "")
    verdict = str(given.get("verdict") or "")
    if verdict == "open":
        marks.unmark(store=store, unit=unit, year=year, fingerprint=fingerprint, by=who.name)
        return {"fingerprint": fingerprint, "mark": None}
    finding = dossier.current_finding(store=store, unit=unit, year=year, fingerprint=fingerprint)
    done = marks.mark(
        store=store,
        unit=unit,
        year=year,
        finding=finding,
        verdict=verdict,
        reason=given.get("reason"),
        by=who.name,
    )
    return done.to_dict()


def findings_api(request: Request) -> Response:
    body = pages.json_body(request)
    unit, year = _target(body)
    access.require(pages.user(request), "office.write", unit)
    return pages.api(mark(request, unit=unit, year=year, given=body))


def findings_form(request: Request) -> Response:
    unit = request.path_params["unit"]
    require_unit(request, unit, "office.write")
    year = year_of(request.path_params["year"])
    given = {k: pages.field(request, k) for k in ("fingerprint", "verdict", "reason")}
    mark(request, unit=unit, year=year, given=given)
    return pages.redirect(f"/office/{year}/units/{unit}#findings")


REVIEW_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["unit", "year", "action"],
                "properties": {
                    "unit": {"type": "string"},
                    "year": {"type": "integer"},
                    "action": {"enum": list(ACTIONS)},
                    "note": {"type": "string", "description": "审核意见；发布更正时为更正说明"},
                    "comments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "text": {"type": "string"},
                                "section": {"type": "string"},
                                "table": {"type": "string"},
                                "row": {"type": "string"},
                                "column": {"type": "string"},
                            },
                        },
                    },
                    "report": {
                        "type": "object",
                        "description": "更正后的 Report JSON（action=correct）",
                    },
                },
            }
        }
    },
}
MARK_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["unit", "year", "fingerprint", "verdict"],
                "properties": {
                    "unit": {"type": "string"},
                    "year": {"type": "integer"},
                    "fingerprint": {"type": "string"},
                    "verdict": {"enum": ["confirmed", "dismissed", "open"]},
                    "reason": {"type": "string", "description": "排除时必填"},
                },
            }
        }
    },
}
routes = [
    pages.api_route(
        "/api/office/reviews",
        reviews_api,
        methods=["POST"],
        body=REVIEW_BODY,
        summary="审核：通过、退回（附意见）、发布、发布更正",
        name="api.office.reviews",
        tags=TAGS,
    ),
    pages.api_route(
        "/api/office/findings",
        findings_api,
        methods=["POST"],
        body=MARK_BODY,
        summary="问题标记：确认或排除（附理由）",
        name="api.office.findings",
        tags=TAGS,
    ),
    Route(
        "/office/{year}/units/{unit}/review", review_form, methods=["POST"], name="office.review"
    ),
    Route(
        "/office/{year}/units/{unit}/findings",
        findings_form,
        methods=["POST"],
        name="office.findings",
    ),
]
