"""In Chromium: the check page with seed 004 shows the （一）予以公开 finding on its cell with
the suggested 15; login works and fails in Chinese. Saves the docs' screenshots (1366×768)."""
# ruff: noqa: F811  (pytest fixtures imported from web_support)

from __future__ import annotations

from pathlib import Path

import pytest

from web_support import (  # noqa: F401  (fixtures)
    add_account,
    browser,
    browser_login,
    live_server,
    page,
    web_app,
)

IMG = Path(__file__).resolve().parents[1] / "docs" / "img"
CELL = "#cell-requests-granted-natural_person"


@pytest.fixture
def app_store(tmp_path):
    return str(tmp_path / "browser.db")


def test_check_page_shows_the_finding_on_its_cell(page, live_server, seeds_dir):
    seed = next(seeds_dir.glob("004_*.txt"))
    page.goto(f"{live_server}/check")
    page.screenshot(path=str(IMG / "check-form.png"))
    page.set_input_files("input[name=file]", str(seed))
    page.click("button.primary")
    page.wait_for_selector(CELL)
    cell = page.locator(CELL)
    assert "flag-error" in (cell.get_attribute("class") or "")
    assert "建议 15" in cell.inner_text()
    assert cell.get_attribute("title").startswith("原文“0”")
    link = page.locator(f'.findings a[href="{CELL}"]', has_text="（一）予以公开")
    assert link.count() == 1
    link.click()
    assert page.url.endswith(CELL)
    assert cell.is_visible()
    page.goto(f"{live_server}/check#table-requests")  # keep the form's state out of the shot
    page.go_back()
    page.wait_for_selector(CELL)
    page.locator("#table-requests").scroll_into_view_if_needed()
    page.screenshot(path=str(IMG / "check-result.png"))


def test_check_page_download_button_gives_a_docx(page, live_server, seeds_dir):
    seed = next(seeds_dir.glob("004_*.txt"))
    page.goto(f"{live_server}/check")
    page.set_input_files("input[name=file]", str(seed))
    page.click("button.primary")
    page.wait_for_selector(CELL)
    with page.expect_download() as info:
        page.click("button[formaction='/check/download/docx']")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    assert Path(download.path()).read_bytes()[:2] == b"PK"


def test_login_in_the_browser(page, live_server, web_app):
    add_account(web_app, "wang", "officer", "320812001")
    page.goto(f"{live_server}/login")
    page.screenshot(path=str(IMG / "login.png"))
    page.fill("input[name=name]", "wang")
    page.fill("input[name=password]", "wrong-password")
    page.click("button.primary")
    assert "用户名或密码不正确" in page.locator(".alert").inner_text()
    browser_login(page, live_server, "wang")
    assert page.locator(".who .name").inner_text() == "wang"
    page.click(".who button.link")
    page.wait_for_url(f"{live_server}/login")
    assert page.locator(".who a", has_text="登录").count() == 1


def test_no_console_errors_from_csp(page, live_server):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    for path in ("/", "/check", "/login"):
        page.goto(f"{live_server}{path}")
    assert problems == []


def test_admin_adds_a_user_in_the_browser(page, live_server, web_app):
    add_account(web_app, "admin", "admin", None)
    add_account(web_app, "wang", "officer", "320812001")
    browser_login(page, live_server, "admin")
    page.goto(f"{live_server}/admin/users")
    page.fill("form.row input[name=name]", "li")
    page.select_option("form.row select[name=role]", "supervisor")
    page.fill("form.row input[name=unit]", "320812")
    page.fill("form.row input[name=password]", "long-enough-1")
    page.click("form.row button.primary")
    page.wait_for_selector("td:text-is('li')")
    row = page.locator("tr", has=page.locator("td:text-is('li')"))
    assert "政务公开办" in row.inner_text() and "320812" in row.inner_text()
    page.screenshot(path=str(IMG / "admin-users.png"))
