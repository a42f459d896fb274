"""The desk's pages and API: registration, events, due list, letters, approval, personal data,
and every unit boundary (an officer of unit A gets 404 for unit B's request everywhere)."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from web_support import app_store, client_for, token_client_for, web_app  # noqa: F401,F811
from xxgk.store import audit

A, B = "320812001", "320812002"
HOSTILE = "<script>alert(1)</script>\"'&"


def register(client, rid="R1", unit=None, **extra):
    body = {"id": rid, "applicant_type": "natural_person", "received": "2024-09-25", **extra}
    url = "/api/ledger/requests" + (f"?unit={unit}" if unit else "")
    return (
        client.post_json(url, body) if hasattr(client, "post_json") else client.post(url, json=body)
    )


def test_register_events_due_and_answer_letter(client_for):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    made = register(wang, applicant="张三丰", phone="13812345678", description="道路维修合同")
    assert made.status_code == 201, made.text
    listed = wang.get("/api/ledger/requests?today=2024-10-01").json()
    assert [r["id"] for r in listed["requests"]] == ["R1"]
    row = listed["requests"][0]
    assert row["applicant"] == "张**" and "张三丰" not in json.dumps(listed, ensure_ascii=False)
    assert row["due"] == "2024-10-28" and row["urgency"] == "later"
    near = wang.get("/api/ledger/requests?today=2024-10-24").json()["requests"][0]
    assert (near["working_days_left"], near["urgency"]) == (2, "soon")
    late = wang.get("/api/ledger/requests?today=2024-10-29").json()["requests"][0]
    assert late["urgency"] == "overdue"
    due = wang.get("/api/ledger/due?today=2024-10-01").json()
    assert "R1" in {i["request_id"] for i in due["items"]}
    ext = wang.post_json(
        "/api/ledger/requests/R1/events", {"kind": "extended", "on": "2024-10-20", "days": 10}
    )
    assert ext.status_code == 201, ext.text
    shown = wang.get("/api/ledger/requests/R1?today=2024-10-21").json()
    assert shown["deadlines"]["answer"]["due"] == "2024-11-11"  # 10 more working days after 10-28
    assert shown["explained"]["counted"] == 30
    ans = wang.post_json(
        "/api/ledger/requests/R1/events",
        {"kind": "answered", "on": "2024-10-30", "outcome": "unavailable.not_held"},
    )
    assert ans.status_code == 201 and ans.json()["state"] == "closed"
    due = wang.get("/api/ledger/due?today=2024-10-31").json()
    assert "R1" not in {i["request_id"] for i in due["items"]}
    letter = wang.get("/ledger/requests/R1/notices/answer")
    assert letter.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(letter.content)).paragraphs)
    assert "第三十六条第（四）项" in text and "张三丰：" in text
    report = wang.get("/api/ledger/report?year=2024").json()
    assert report["tables"]["requests"]


def test_form_registration_shows_chinese_errors_inline(client_for):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    bad = wang.form(
        "/ledger/requests",
        {
            "id": "",
            "applicant_type": "",
            "received": "2024-13-01",
            "phone": "abc",
            "id_number": "123",
        },
    )
    assert bad.status_code == 400
    for message in (
        "请填写申请编号",
        "请选择申请人类型",
        "不是有效日期",
        "联系电话只能包含",
        "身份证件号码应为18位",
    ):
        assert message in bad.text
    ok = wang.form(
        "/ledger/requests",
        {
            "id": "R9",
            "applicant_type": "commercial",
            "received": "2024-09-25",
            "description": HOSTILE,
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/ledger/requests/R9"
    page = wang.get("/ledger/requests/R9")
    assert page.status_code == 200 and "<script>alert(1)" not in page.text
    assert "&lt;script&gt;" in page.text
    again = wang.form(
        "/ledger/requests", {"id": "R9", "applicant_type": "commercial", "received": "2024-09-25"}
    )
    assert again.status_code == 400 and "该申请编号已存在" in again.text


def test_hostile_text_is_escaped_everywhere(client_for):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    register(wang, "R1", description=HOSTILE)
    for url in ("/ledger/requests", "/ledger/requests/R1", "/ledger/requests?q=%3Cscript"):
        page = wang.get(url)
        assert page.status_code == 200
        assert "<script>alert(1)</script>" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_unit_boundary_is_a_404_everywhere(client_for, token_client_for):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    li = client_for("officer", B, name="li")
    assert register(wang, "RA").status_code == 201
    wang.post_json(
        "/api/ledger/requests/RA/events",
        {"kind": "answered", "on": "2024-10-08", "outcome": "granted"},
    )
    for url in (
        "/ledger/requests/RA",
        "/api/ledger/requests/RA",
        "/ledger/requests/RA/notices/answer",
        "/api/ledger/requests/RA/notices/answer",
        "/ledger/requests/RA/contact",
        f"/ledger/requests?unit={A}",
        f"/api/ledger/requests?unit={A}",
        f"/api/ledger/due?unit={A}",
        f"/api/ledger/report?unit={A}&year=2024",
    ):
        assert li.get(url).status_code == 404, url
    assert (
        li.post_json(
            "/api/ledger/requests/RA/events", {"kind": "withdrawn", "on": "2024-10-09"}
        ).status_code
        == 404
    )
    assert li.form("/ledger/requests/RA/casefile", {}).status_code == 404
    assert li.get("/api/ledger/requests").json()["requests"] == []  # B's own list is empty
    assert wang.get("/api/ledger/requests/RA").status_code == 200
    bot = token_client_for("officer", B, name="li")
    assert bot.get("/api/ledger/requests/RA").status_code == 404
    mine = token_client_for("officer", A, name="wang")
    assert mine.get("/api/ledger/requests/RA").status_code == 200
    assert (
        mine.post(
            "/api/ledger/requests",
            json={"id": "RB", "applicant_type": "commercial", "received": "2024-09-26"},
        ).status_code
        == 201
    )


def test_unauthenticated_api_401_and_pages_redirect(client_for):  # noqa: F811
    public = client_for(None)
    for url in (
        "/api/ledger/requests",
        "/api/ledger/requests/R1",
        "/api/ledger/due",
        "/api/ledger/report?year=2024",
    ):
        assert public.get(url).status_code == 401, url
    assert public.post("/api/ledger/requests", json={}).status_code in (401, 403)
    page = public.get("/ledger/requests", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_roles_supervisor_reads_admin_picks_unit(client_for, web_app):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    register(wang, "R1")
    admin = client_for("admin")
    assert admin.get(f"/api/ledger/requests?unit={A}").json()["total"] == 1
    assert admin.get("/api/ledger/requests").status_code == 400  # which unit?
    sup = client_for("supervisor", A, name="sup")
    assert sup.get(f"/api/ledger/requests/R1?unit={A}").status_code == 200
    refused = sup.post_json(f"/api/ledger/requests?unit={A}", {"id": "R2"})
    assert refused.status_code == 403
    assert sup.get(f"/ledger/requests/R1/contact?unit={A}").status_code == 403


def test_personal_data_view_is_audited(client_for, web_app):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    register(wang, "R1", applicant="张三丰", id_number="32081219900101123X", phone="13812345678")
    page = wang.get("/ledger/requests/R1")
    assert "32081219900101123X" not in page.text and "138****5678" in page.text
    store = web_app.state.stores.get()
    assert audit.entries(store=store, target=f"request:{A}/R1") == []
    full = wang.get("/api/ledger/requests/R1/contact").json()
    assert full["contact"]["id_number"] == "32081219900101123X"
    logged = audit.entries(store=store, target=f"request:{A}/R1")
    assert [(e.actor, e.action) for e in logged] == [("wang", "request.view_personal")]
    assert "1990" not in json.dumps([e.to_dict() for e in logged])


def test_approval_through_the_api(client_for, web_app):  # noqa: F811
    from xxgk.ledger.book import Ledger

    wang = client_for("officer", A, name="wang")
    register(wang, "R1")
    Ledger(web_app.state.stores.get(), unit=A).set_setting("approval", "required")
    direct = wang.post_json(
        "/api/ledger/requests/R1/events",
        {"kind": "answered", "on": "2024-10-08", "outcome": "granted"},
    )
    assert direct.status_code == 400 and "approval" in direct.text or "审批" in direct.text
    drafted = wang.post_json(
        "/api/ledger/requests/R1/events",
        {"kind": "answer_drafted", "on": "2024-10-08", "outcome": "granted"},
    )
    assert drafted.status_code == 201
    due = wang.get("/api/ledger/due?today=2024-10-09").json()
    assert due["awaiting_approval"] == [{"request_id": "R1", "step": "审核"}]
    boss = client_for("officer", A, name="zhao")
    for step in ("review", "secrecy", "sign"):
        done = boss.post_json("/api/ledger/requests/R1/events", {"kind": step, "on": "2024-10-10"})
        assert done.status_code == 201, done.text
    assert wang.get("/api/ledger/requests/R1").json()["registration"]["outcome"] == "granted"


@pytest.mark.parametrize(
    "kind", ["correction_requested", "consultation_started", "fee_notice", "withdrawn"]
)
def test_event_forms_for_every_kind(client_for, kind):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    register(wang, "R1", applicant="张三")
    data = {
        "kind": kind,
        "on": "2024-09-27",
        "method": "volume",
        "pages": "40",
        "party": "third_party",
    }
    sent = wang.form("/ledger/requests/R1/events", data, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    state = wang.get("/api/ledger/requests/R1").json()["registration"]["state"]
    assert (
        state
        == {
            "correction_requested": "awaiting_correction",
            "consultation_started": "consulting",
            "fee_notice": "fee_pending",
            "withdrawn": "closed",
        }[kind]
    )
    bad = wang.form("/ledger/requests/R1/events", {"kind": "extended", "on": "2024-09-20"})
    assert bad.status_code == 400 and "alert" in bad.text


def test_annual_report_page_drill_down_and_submit(client_for):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    for rid, kind in (("R1", "natural_person"), ("R2", "commercial"), ("R3", "natural_person")):
        register(wang, rid, applicant_type=kind)
    for rid in ("R1", "R3"):
        wang.post_json(
            f"/api/ledger/requests/{rid}/events",
            {"kind": "answered", "on": "2024-10-08", "outcome": "granted"},
        )
    page = wang.get("/api/ledger/annual?year=2024").json()
    grid = {r["key"]: r["cells"] for r in page["tables"]["requests"]["rows"]}
    granted = {c["column"]: c["value"] for c in grid["granted"]}
    assert granted["natural_person"] == 2 and granted["commercial"] == 0 and granted["total"] == 2
    third = next(s for s in page["sections"] if s["key"] == "requests")
    assert (
        third["generated"]
        == "本年度新收政府信息公开申请3件，上年结转政府信息公开申请0件，办结2件，结转下年度继续办理1件。"
    )
    assert not [f for f in page["findings"] if f["rule"] == "prose-figures"]
    drill = wang.get(
        "/api/ledger/annual/cell?year=2024&cell=requests.granted.natural_person"
    ).json()
    assert drill["ids"] == ["R1", "R3"]
    html = wang.get("/ledger/annual/cell?year=2024&cell=requests.carried_forward.total")
    assert 'href="/ledger/requests/R2?unit=320812001"' in html.text
    li = client_for("officer", B, name="li")
    assert (
        li.get(
            f"/api/ledger/annual/cell?unit={A}&year=2024&cell=requests.granted.total"
        ).status_code
        == 404
    )
    assert li.get(f"/ledger/annual?unit={A}&year=2024").status_code == 404
    assert (
        li.get("/api/ledger/annual/cell?year=2024&cell=requests.granted.total").json()["ids"] == []
    )
    saved = wang.form(
        "/ledger/annual?year=2024",
        {
            "active.regulations.issued": "3",
            "section.overview": "本单位认真落实《条例》。",
            "action": "submit",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    again = wang.get("/api/ledger/annual?year=2024").json()
    assert again["submission"]["state"] == "submitted"
    assert again["sections"][0]["own"] == "本单位认真落实《条例》。"
    assert again["active"][0]["rows"][0]["values"]["issued"] == "3"
    bad = wang.form(
        "/ledger/annual?year=2024", {"active.regulations.issued": "三", "action": "save"}
    )
    assert bad.status_code == 400 and "应为数字" in bad.text
    docx = wang.get("/ledger/annual/download?year=2024&format=docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "本年度新收政府信息公开申请3件" in text


def test_calendar_page_and_notice_entry(client_for):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    register(wang, "R1", received="2026-12-20")
    before = wang.get("/api/ledger/requests/R1").json()["deadlines"]["answer"]
    assert before["warnings"] == ["calendar unknown for 2027"]
    page = wang.get("/api/ledger/calendar?year=2024").json()
    october = page["months"][9]["weeks"]
    kinds = {c["date"]: c["kind"] for w in october for c in w if c}
    assert (
        kinds["2024-10-01"] == "off"
        and kinds["2024-10-12"] == "makeup"
        and kinds["2024-10-08"] == "work"
    )
    assert page["can_write"] is False
    refused = wang.form("/ledger/calendar", {"notice": "2027-01-01 休 元旦"})
    assert refused.status_code == 403
    admin = client_for("admin")
    bad = admin.form("/ledger/calendar", {"notice": "2027-01-01 睡 元旦\nxyz"})
    assert bad.status_code == 400 and "第1行" in bad.text and "第2行" in bad.text
    ok = admin.post_json(
        "/api/ledger/calendar/notice",
        {"notice": "2027-01-01 休 元旦\n2027-01-02..2027-01-03 休 元旦"},
    )
    assert ok.status_code == 201 and ok.json()["recomputed"] == 1
    after = wang.get("/api/ledger/requests/R1").json()["deadlines"]["answer"]
    assert after["warnings"] == []
    assert after["due"] > before["due"]  # 2027-01-01 (a Friday) is no longer a working day


def test_amend_and_void_forms(client_for):  # noqa: F811
    wang = client_for("officer", A, name="wang")
    register(wang, "R1")
    fixed = wang.form(
        "/ledger/requests/R1/events",
        {"kind": "amended", "on": "2024-09-26", "field": "applicant_type", "value": "research"},
        follow_redirects=False,
    )
    assert fixed.status_code == 303
    assert (
        wang.get("/api/ledger/requests/R1").json()["registration"]["applicant_type"] == "research"
    )
    wang.post_json(
        "/api/ledger/requests/R1/events", {"kind": "extended", "on": "2024-10-08", "days": 5}
    )
    extended = [
        e for e in wang.get("/api/ledger/requests/R1").json()["timeline"] if e["kind"] == "extended"
    ]
    undo = wang.form(
        "/ledger/requests/R1/events",
        {"kind": "void", "on": "2024-10-09", "event": str(extended[0]["id"])},
        follow_redirects=False,
    )
    assert undo.status_code == 303
    assert wang.get("/api/ledger/requests/R1").json()["registration"]["extension_days"] == 0
