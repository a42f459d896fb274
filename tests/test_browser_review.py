"""A full February in a real browser (Debian's chromium through Playwright): an officer submits,
the supervisor returns it with a comment on a cell, the officer fixes and resubmits, the
supervisor approves and publishes, it appears on /reports, the public downloads it; a correction
shows both versions; the comparison page draws its charts and prints their table.

The officer's steps go through the library (:mod:`xxgk.office.submission`), the calls the desk's
annual-report page makes, because that page is another area's. Screenshots go to docs/img/."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from review_support import fill_units, report_for, unit
from web_support import add_account, app_store, browser, browser_login, live_server, page, web_app  # noqa: F401
from xxgk.office import submission as sub
from xxgk.office.compare import compare
from xxgk.output.jsonout import dumps

U, Y = "320801", 2025
IMG = Path(__file__).resolve().parents[1] / "docs" / "img"


def shot(tab, name: str, target: str, **kwargs) -> bytes:
    data = tab.screenshot(**kwargs)
    if "postgres" not in target:  # one set of screenshots is enough
        (IMG / f"{name}.png").write_bytes(data)
    return data


def prepare(store) -> None:
    """Units of two offices; last year's report published; this year's submitted by the officer."""
    fill_units(store)
    for code in (U, "320812"):
        sub.save_draft(
            store=store,
            unit=code,
            year=Y - 1,
            report=report_for(unit(code), Y - 1, seed=3),
            by="wang",
        )
        for step in (sub.submit, sub.approve, sub.publish):
            step(store=store, unit=code, year=Y - 1, by="boss")
    sub.save_draft(store=store, unit=U, year=Y, report=report_for(unit(U), Y, seed=4), by="wang")
    sub.submit(store=store, unit=U, year=Y, by="wang")


def test_a_full_february(web_app, live_server, page, browser, app_store):  # noqa: F811
    store = web_app.state.stores.get()
    prepare(store)
    add_account(web_app, "sup", "supervisor", "320800")
    browser_login(page, live_server, "sup")
    page.on("dialog", lambda dialog: dialog.accept())

    # the board: the unit waits for review
    page.goto(f"{live_server}/office/{Y}")
    row = page.locator("table.board tr", has_text="示例市司法局")
    assert "待审核" in row.inner_text()
    shot(page, "office-board", app_store, full_page=False)

    # the unit page: return with a comment on a cell
    row.locator("a").first.click()
    page.wait_for_load_state()
    assert page.inner_text("#state") == "已报送"
    shot(page, "office-unit", app_store, full_page=False)
    page.fill("input[name=key_1]", "requests.granted.total")
    page.fill("textarea[name=text_1]", "予以公开总数与正文不一致，请核对")
    page.click("#return")
    page.wait_for_load_state()
    assert page.inner_text("#state") == "已退回"
    assert "予以公开总数与正文不一致" in page.inner_text("#comments")
    assert "予以公开总数与正文不一致" in page.inner_text("td.note-comments")

    # the officer sees the comment on the cell, fixes, resubmits (the desk's calls)
    (comment,) = sub.comments(store=store, unit=U, year=Y)
    assert comment.cell() == ("requests", "granted", "total")
    fixed = sub.get_version(store=store, unit=U, year=Y, version=1).report()
    fixed.sections[0].text += "本年度予以公开申请已逐件核对。"
    sub.save_draft(store=store, unit=U, year=Y, report=fixed, by="wang")
    sub.submit(store=store, unit=U, year=Y, by="wang")

    # the supervisor approves and publishes
    page.reload()
    page.click("#approve")
    page.wait_for_load_state()
    assert page.inner_text("#state") == "已审核通过"
    page.click("#publish")
    page.wait_for_load_state()
    assert page.inner_text("#state") == "已发布"

    # the public finds it and downloads it
    public = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True
    )
    tab = public.new_page()
    tab.goto(f"{live_server}/reports?q=逐件核对")
    assert "共 1 份报告" in tab.inner_text("#total")
    tab.click(f"a[href='/reports/{U}/{Y}']")
    tab.wait_for_load_state()
    assert "示例市司法局" in tab.inner_text("h1")
    assert tab.locator("table.form-requests").count() == 1
    with tab.expect_download() as info:
        tab.click("a[href*='/download/json']")
    downloaded = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert downloaded["meta"]["year"] == Y and downloaded["findings"] == []
    assert "逐件核对" in downloaded["sections"][0]["text"]

    # a correction: both versions reachable, the 更正说明 shown
    corrected = sub.get_version(store=store, unit=U, year=Y, version=1).report()
    corrected.sections[0].text = "更正：本年度共办理依申请公开事项。"
    body = dumps(corrected.to_dict())
    page.set_input_files(
        "input[name=file]",
        files=[
            {"name": "fixed.json", "mimeType": "application/json", "buffer": body.encode("utf-8")}
        ],
    )
    page.fill("textarea[name=note]", "更正总体情况的表述")
    page.click("#correct")
    page.wait_for_load_state()
    assert page.inner_text("#state") == "已更正"
    tab.goto(f"{live_server}/reports/{U}/{Y}")
    assert "更正总体情况的表述" in tab.inner_text("#correction")
    assert tab.locator("#versions tbody tr").count() == 2
    shot(tab, "public-report", app_store, full_page=False)
    tab.click("#versions a:has-text('第1版')")
    tab.wait_for_load_state()
    assert "这是旧版本" in tab.inner_text(".public-head")
    assert "逐件核对" in tab.inner_text("article")
    public.close()


def test_chart_page_draws_and_prints_its_table(web_app, live_server, page, app_store):  # noqa: F811
    store = web_app.state.stores.get()
    prepare(store)
    add_account(web_app, "sup", "supervisor", "320800")
    browser_login(page, live_server, "sup")
    page.goto(f"{live_server}/office/compare?years={Y - 1}-{Y}&metric=requests.received")
    page.wait_for_selector("#chart-bar[data-drawn='1']")
    page.wait_for_selector("#chart-heatmap[data-drawn='1']")
    page.wait_for_timeout(600)  # ECharts animates the first draw
    image = Image.open(io.BytesIO(page.locator("#chart-bar").screenshot()))
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 20, "the chart is drawn, not a blank box"
    assert page.locator("#chart-bar canvas").count() == 1
    expected = compare(store=store, metric_name="requests.received", years=[Y - 1, Y], units=None)
    rows = {r["unit"]: r for r in expected["rows"]}
    table = page.locator("#table-bar tbody tr")
    texts = [table.nth(i).inner_text().split("\t") for i in range(table.count())]
    printed = {t[0]: t[2:] for t in texts}
    assert printed[U] == [str(rows[U]["values"][Y - 1]), "—"]  # 2025 not yet filed
    assert set(printed) == {"320800", "320801", "320812", "320812001"}
    shot(page, "office-compare", app_store, full_page=False)
