"""The desk in a real browser (Debian's chromium through Playwright): an officer registers a
request, records an extension and an answer, sees it leave the due list, downloads the 答复书
and reads it; the annual report's drill-down lists the right request; an officer of another
unit reaches none of it. Screenshots of the main pages go to docs/img/."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document

from web_support import add_account, app_store, browser, browser_login, live_server, page, web_app  # noqa: F401

A, B = "320812001", "320812002"
IMG = Path(__file__).resolve().parents[1] / "docs" / "img"


def shot(tab, name: str, app_store_target: str) -> None:  # noqa: F811
    if "postgres" not in app_store_target:  # one set of screenshots is enough
        tab.screenshot(path=str(IMG / f"ledger-{name}.png"))


def test_officer_desk_in_the_browser(web_app, live_server, page, app_store):  # noqa: F811
    add_account(web_app, "wang", "officer", A)
    add_account(web_app, "li", "officer", B)
    today = dt.date.today()
    browser_login(page, live_server, "wang")
    page.goto(f"{live_server}/ledger/requests/new")
    page.fill("input[name=id]", "2026-001")
    page.fill("input[name=received]", today.isoformat())
    page.select_option("select[name=applicant_type]", "natural_person")
    page.fill("textarea[name=description]", "2025年道路维修合同")
    page.fill("input[name=applicant]", "张三丰")
    page.fill("input[name=phone]", "abc")
    page.click("button[type=submit].primary")
    assert "联系电话只能包含" in page.inner_text("form.register")  # the inline error, in Chinese
    page.fill("input[name=phone]", "13812345678")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/ledger/requests/2026-001")
    assert "张**" in page.inner_text("table.facts") and "13812345678" not in page.content()
    page.goto(f"{live_server}/ledger/due")
    assert "2026-001" in page.inner_text("table.due")
    page.goto(f"{live_server}/ledger/requests/2026-001")
    page.click("details[data-kind=extended] summary")
    page.fill("details[data-kind=extended] input[name=days]", "10")
    page.click("details[data-kind=extended] button[type=submit]")
    page.wait_for_load_state()
    assert "延期答复" in page.inner_text("ol.timeline")
    page.click("details[data-kind=answered] summary")
    page.select_option("details[data-kind=answered] select[name=outcome]", "unavailable.not_held")
    page.click("details[data-kind=answered] button[type=submit]")
    page.wait_for_load_state()
    assert "已办结" in page.inner_text("h1")
    shot(page, "request", app_store)
    page.goto(f"{live_server}/ledger/due")
    assert "2026-001" not in page.inner_text("main")
    with page.expect_download() as info:
        page.goto(f"{live_server}/ledger/requests/2026-001")
        page.click("text=下载答复书（DOCX）")
    letter = Path(info.value.path()).read_bytes()
    text = "\n".join(p.text for p in Document(io.BytesIO(letter)).paragraphs)
    assert (
        "政府信息公开申请答复书" in text and "第三十六条第（四）项" in text and "张三丰：" in text
    )
    from xxgk.ledger.book import Ledger

    book = Ledger(web_app.state.stores.get(), unit=A)
    for n, back in enumerate((45, 30, 26, 10, 3)):
        received = today - dt.timedelta(days=back)
        book.add(
            f"2026-{n + 2:03d}",
            "commercial",
            received,
            applicant="某某科技有限公司",
            description="用地审批文件",
        )
    page.goto(f"{live_server}/ledger/requests")
    assert page.locator("tr.urg-overdue").count() >= 1 and page.locator("tr.urg-later").count() >= 1
    shot(page, "list", app_store)
    page.goto(f"{live_server}/ledger/annual?year={today.year}")
    shot(page, "annual", app_store)
    page.click("a[data-cell='requests.unavailable.not_held.natural_person']")
    page.wait_for_url("**/ledger/annual/cell**")
    assert page.inner_text("ul.drill").split() == ["2026-001"]
    page.goto(f"{live_server}/ledger/calendar?year=2024")
    shot(page, "calendar", app_store)

    other = page.context.browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-CN"
    )
    tab = other.new_page()
    browser_login(tab, live_server, "li")
    for path in (
        "/ledger/requests/2026-001",
        f"/ledger/requests/2026-001?unit={A}",
        f"/ledger/requests?unit={A}",
        f"/ledger/annual/cell?unit={A}&year={today.year}&cell=requests.unavailable.not_held.total",
        f"/ledger/requests/2026-001/contact?unit={A}",
    ):
        response = tab.goto(live_server + path)
        assert response is not None and response.status == 404, path
        assert "2026-001" not in tab.inner_text("main") or path.endswith("2026-001")
    tab.goto(f"{live_server}/ledger/requests")
    assert "2026-001" not in tab.inner_text("table.requests")
    download = tab.request.get(f"{live_server}/ledger/requests/2026-001/notices/answer?unit={A}")
    assert download.status == 404
    other.close()
