"""The office's pages and the public site over HTTP, on both backends: every route with every
role — a supervisor of office X against office Y's units (404), an officer (403), the public
(401 / login) — the review actions, finding marks, and what the public may never see."""

from __future__ import annotations

import io

import pytest

from review_support import fill_units, report_for, unit
from web_support import app_store, client_for, token_client_for, web_app  # noqa: F401
from xxgk.office import submission as sub

Y = 2025
X_UNIT, Y_UNIT = "320801", "330101"  # under office X (320800) / office Y (330100)


@pytest.fixture
def site(web_app):  # noqa: F811
    """Office X: 320801 submitted (2025) and published (2024), 320812 returned with a comment;
    office Y: 330101 submitted. Nothing of 2025 is published."""
    store = web_app.state.stores.get()
    fill_units(store)
    for code, year in [(X_UNIT, 2024), (X_UNIT, Y), ("320812", Y), (Y_UNIT, Y)]:
        sub.save_draft(
            store=store,
            unit=code,
            year=year,
            report=report_for(unit(code), year, seed=year),
            by="w",
        )
        sub.submit(store=store, unit=code, year=year, by="w")
    sub.approve(store=store, unit=X_UNIT, year=2024, by="boss")
    sub.publish(store=store, unit=X_UNIT, year=2024, by="boss")
    sub.return_with_comments(
        store=store,
        unit="320812",
        year=Y,
        by="boss",
        comments=[{"text": "内部意见：表三数字存疑", "section": "overview"}],
    )
    return store


@pytest.fixture
def x(client_for, site):  # noqa: F811
    return client_for("supervisor", "320800", name="sup-x")


@pytest.fixture
def y(client_for, site):  # noqa: F811
    return client_for("supervisor", "330100", name="sup-y")


OFFICE_PAGES = [
    f"/office/{Y}",
    f"/api/office/{Y}",
    f"/api/office/status?year={Y}",
    f"/office/{Y}/units/{X_UNIT}",
    f"/api/office/{Y}/units/{X_UNIT}",
    f"/office/{Y}/rollup",
    f"/api/office/{Y}/rollup",
    "/office/compare?years=2024-2025",
    "/api/office/compare?years=2024-2025",
    "/office/compare.csv?years=2024-2025",
    f"/office/{Y}/similar",
    f"/api/office/{Y}/similar",
    f"/office/{Y}/export.xlsx",
]


@pytest.mark.parametrize("path", OFFICE_PAGES)
def test_office_routes_by_role(path, x, client_for):  # noqa: F811
    assert x.get(path).status_code == 200
    public = client_for(None).get(path, follow_redirects=False)
    assert public.status_code == (401 if path.startswith("/api/") else 303)
    officer = client_for("officer", X_UNIT, name="wang")
    assert officer.get(path, follow_redirects=False).status_code == 403


def test_board_shows_only_the_office_units(x, y):
    data = x.get(f"/api/office/status?year={Y}").json()
    assert [r["unit"] for r in data["rows"]] == ["320800", "320801", "320812", "320812001"]
    states = {r["unit"]: r["board"] for r in data["rows"]}
    assert states == {
        "320800": "missing",
        "320801": "submitted",
        "320812": "returned",
        "320812001": "missing",
    }
    counts = {c["status"]: c["count"] for c in data["counts"]}
    assert (counts["submitted"], counts["returned"], counts["missing"], data["total"]) == (
        1,
        1,
        2,
        4,
    )
    other = y.get(f"/api/office/status?year={Y}").json()
    assert [r["unit"] for r in other["rows"]] == ["330100", "330101"]
    html = y.get(f"/office/{Y}").text
    assert "示例市司法局" not in html and "另一市交通运输局" in html


def test_board_filter_and_sort(x):
    rows = x.get(f"/api/office/{Y}?status=missing").json()["rows"]
    assert [r["unit"] for r in rows] == ["320800", "320812001"]
    rows = x.get(f"/api/office/{Y}?sort=unit&order=desc").json()["rows"]
    assert [r["unit"] for r in rows] == ["320812001", "320812", "320801", "320800"]
    assert [r["unit"] for r in x.get(f"/api/office/{Y}?q=司法").json()["rows"]] == ["320801"]


@pytest.mark.parametrize(
    "path",
    [
        f"/office/{Y}/units/{X_UNIT}",
        f"/api/office/{Y}/units/{X_UNIT}",
        f"/api/office/{Y}/rollup?office=320800",
        f"/api/office/{Y}/rollup?units={X_UNIT}",
        f"/office/{Y}/units/999999",
    ],
)
def test_other_office_gets_404(y, path):
    assert y.get(path).status_code == 404


def test_other_office_data_never_listed(y):
    assert "320801" not in y.get("/api/office/compare?years=2024-2025").text
    assert "320801" not in y.get(f"/api/office/{Y}/similar").text


def test_unit_page_shows_report_changes_and_comments(x):
    data = x.get(f"/api/office/{Y}/units/{X_UNIT}").json()
    assert data["submission"]["state"] == "submitted" and data["source"] == "submission"
    assert data["previous_title"] and data["changes"], "last year's report is compared"
    assert data["can_review"] is True
    returned = x.get(f"/api/office/{Y}/units/320812").json()
    assert [c["text"] for c in returned["comments"]] == ["内部意见：表三数字存疑"]


def test_unit_without_a_report(x):
    page = x.get(f"/office/{Y}/units/320812001")
    assert page.status_code == 200 and "该单位本年度尚无报告" in page.text
    data = x.get(f"/api/office/{Y}/units/320812001").json()
    assert (data["report"], data["submission"], data["tables"]) == (None, None, [])


def test_review_actions_through_the_api(x, y, site, token_client_for):  # noqa: F811
    body = {
        "unit": X_UNIT,
        "year": Y,
        "action": "return",
        "comments": [
            {"text": "请核对予以公开总数", "table": "requests", "row": "granted", "column": "total"}
        ],
    }
    assert y.post_json("/api/office/reviews", body).status_code == 404  # office Y: not its unit
    assert sub.get_current(store=site, unit=X_UNIT, year=Y).state == "submitted"
    officer = token_client_for("officer", X_UNIT, name="wang2")
    assert officer.post("/api/office/reviews", json=body).status_code == 403
    done = x.post_json("/api/office/reviews", body)
    assert done.status_code == 200 and done.json()["submission"]["state"] == "returned"
    page = x.get(f"/office/{Y}/units/{X_UNIT}").text
    assert (
        "请核对予以公开总数" in page
        and 'class="num note-previous note-comments' in page
        or "note-comments" in page
    )
    again = x.post_json("/api/office/reviews", {**body, "action": "approve"})
    assert again.status_code == 409 and "不能审核通过" in again.json()["error"]["message"]
    bad = x.post_json("/api/office/reviews", {**body, "action": "shred"})
    assert bad.status_code == 400 and "未知的审核操作" in bad.json()["error"]["message"]


def test_review_forms_and_publication(x, site):
    x.refresh_csrf(f"/office/{Y}/units/{X_UNIT}")
    r = x.form(f"/office/{Y}/units/{X_UNIT}/review", {"action": "approve"}, follow_redirects=False)
    assert r.status_code == 303
    r = x.form(f"/office/{Y}/units/{X_UNIT}/review", {"action": "publish"}, follow_redirects=False)
    assert r.status_code == 303
    assert sub.get_current(store=site, unit=X_UNIT, year=Y).state == "published"
    fixed = sub.get_version(store=site, unit=X_UNIT, year=Y, version=1).report()
    fixed.sections[0].text = "更正后的总体情况。"
    from xxgk.output.jsonout import dumps

    upload = {
        "file": ("fixed.json", io.BytesIO(dumps(fixed.to_dict()).encode()), "application/json")
    }
    r = x.form(
        f"/office/{Y}/units/{X_UNIT}/review",
        {"action": "correct", "note": "更正总体情况"},
        files=upload,
        follow_redirects=False,
    )
    assert r.status_code == 303
    public = x.get(f"/api/reports/{X_UNIT}/{Y}").json()
    assert (public["version"], public["correction_note"]) == (2, "更正总体情况")


@pytest.mark.parametrize("form", ["review", "findings"])
def test_page_forms_refused_outside_the_scope(y, client_for, site, form):  # noqa: F811
    data = {"action": "approve", "fingerprint": "x", "verdict": "confirmed"}
    assert y.form(f"/office/{Y}/units/{X_UNIT}/{form}", data).status_code == 404
    officer = client_for("officer", X_UNIT, name="wang3")
    assert officer.form(f"/office/{Y}/units/{X_UNIT}/{form}", data).status_code == 403
    assert y.form(f"/office/nineteen/units/{Y_UNIT}/{form}", data).status_code == 400
    assert sub.get_current(store=site, unit=X_UNIT, year=Y).state == "submitted"


def test_finding_marks(x, y, site):
    data = x.get(f"/api/office/{Y}/units/{X_UNIT}").json()
    findings = data["findings"]["open"]
    assert findings, "the cross-year rules find something between two random years"
    fingerprint = findings[0]["fingerprint"]
    body = {"unit": X_UNIT, "year": Y, "fingerprint": fingerprint, "verdict": "dismissed"}
    assert x.post_json("/api/office/findings", body).status_code == 400  # no reason
    assert y.post_json("/api/office/findings", {**body, "reason": "误报"}).status_code == 404
    done = x.post_json("/api/office/findings", {**body, "reason": "误报"})
    assert done.status_code == 200 and done.json()["mark"] == "dismissed"
    after = x.get(f"/api/office/{Y}/units/{X_UNIT}").json()["findings"]
    assert [f["fingerprint"] for f in after["dismissed"]] == [fingerprint]
    assert fingerprint not in [f["fingerprint"] for f in after["open"]]
    unknown = x.post_json(
        "/api/office/findings", {**body, "fingerprint": "nope", "verdict": "confirmed"}
    )
    assert unknown.status_code == 400 and "没有这个问题" in unknown.text
    # the export shows the dismissed finding and counts it
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(x.get(f"/office/{Y}/export.xlsx").content))
    marked = list(book["问题标记"].iter_rows(values_only=True))
    assert marked[1][0] == X_UNIT and marked[1][5] == "已排除" and marked[1][6] == "误报"
    assert list(book["标记统计"].iter_rows(values_only=True))[1:] == [(X_UNIT, 0, 1)]
    assert "报送情况" in book.sheetnames  # the office's own sheets are there


# ---------------------------------------------------------------------- the public
def test_public_sees_only_published(client_for, site):  # noqa: F811
    public = client_for(None)
    listing = public.get("/api/reports").json()
    assert [(r["unit"], r["year"]) for r in listing["reports"]] == [(X_UNIT, 2024)]
    for code in (X_UNIT, "320812", Y_UNIT):  # submitted, returned (with a comment), submitted
        assert public.get(f"/api/reports/{code}/{Y}").status_code == 404
        assert public.get(f"/reports/{code}/{Y}").status_code == 404
        assert public.get(f"/reports/{code}/{Y}/download/json").status_code == 404
    assert "没有找到符合条件的报告" in public.get("/reports?q=数字存疑").text
    assert public.get("/api/reports?q=数字存疑").json()["total"] == 0
    report = public.get(f"/api/reports/{X_UNIT}/2024").json()
    assert report["report"]["findings"] == [] and "comments" not in report
    assert public.get(f"/api/reports/{X_UNIT}/2024?version=9").status_code == 404


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [("json", b"{"), ("csv", b"\xef\xbb\xbf"), ("xlsx", b"PK"), ("docx", b"PK"), ("pdf", b"%PDF")],
)
def test_public_downloads(client_for, site, fmt, magic):  # noqa: F811
    r = client_for(None).get(f"/reports/{X_UNIT}/2024/download/{fmt}")
    assert r.status_code == 200 and r.content.startswith(magic)
    assert "attachment" in r.headers["content-disposition"]


def test_public_page_escapes_and_prints_the_form(client_for, site):  # noqa: F811
    store = site
    hostile = report_for(unit("320812001"), Y)
    hostile.sections[0].text = '<script>alert("x")</script> 引号"\'测试'
    sub.save_draft(store=store, unit="320812001", year=Y, report=hostile, by="w")
    for step in (sub.submit, sub.approve, sub.publish):
        step(store=store, unit="320812001", year=Y, by="w")
    page = client_for(None).get(f"/reports/320812001/{Y}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "收到和处理政府信息公开申请情况" in page and 'class="form-requests"' in page
