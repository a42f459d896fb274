"""Accounts on the web: login, throttling, logout, password change, sessions vs tokens, CSRF,
the admin's user list, security headers, error pages — on SQLite and PostgreSQL."""
# ruff: noqa: F811  (pytest fixtures imported from web_support)

from __future__ import annotations

import pytest

from web_support import (  # noqa: F401  (fixtures)
    PASSWORD,
    WebClient,
    add_account,
    app_store,
    client_for,
    login,
    token_client_for,
    web_app,
)
from xxgk import accounts
from xxgk.store import accounts as account_rows
from xxgk.store import audit

HOSTILE = '<script>alert("x")</script>\''


def test_login_opens_a_session_and_the_page_names_the_user(client_for):
    client = client_for("officer", "320812001", name="wang")
    home = client.get("/")
    assert home.status_code == 200
    assert "wang" in home.text and "退出" in home.text
    assert client.get("/api/me").json() == {"name": "wang", "role": "officer", "unit": "320812001"}


def test_session_cookie_is_httponly_and_only_a_digest_is_stored(web_app, client_for):
    add_account(web_app, "li", "officer", "1")
    public = client_for(None)
    response = login(public, "li")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    token = public.cookies.get("xxgk_session")
    store = web_app.state.stores.get()
    stored = [r[0] for r in store.all("SELECT digest FROM web_session")]
    assert token not in stored and accounts.digest(token) in stored
    hashes = store.all("SELECT password_hash FROM account WHERE name = 'li'")
    assert hashes[0][0].startswith("$argon2") and PASSWORD not in hashes[0][0]


def test_wrong_password_is_refused_in_chinese_and_audited(web_app, client_for):
    add_account(web_app, "li", "officer", "1")
    public = client_for(None)
    response = login(public, "li", "wrong-password")
    assert response.status_code == 401
    assert "用户名或密码不正确" in response.text
    assert public.get("/api/me").status_code == 401
    actions = [e.action for e in audit.entries(store=web_app.state.stores.get())]
    assert "login.failed" in actions


def test_five_failures_lock_the_account_even_for_the_right_password(web_app, client_for):
    add_account(web_app, "li", "officer", "1")
    public = client_for(None)
    for _ in range(accounts.MAX_FAILURES):
        assert login(public, "li", "nope-nope").status_code == 401
    locked = login(public, "li")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.text and int(locked.headers["retry-after"]) > 0
    assert public.get("/api/me").status_code == 401


def test_many_names_failing_from_one_address_lock_the_address(web_app, client_for):
    add_account(web_app, "li", "officer", "1")
    public = client_for(None)
    for n in range(accounts.MAX_CLIENT_FAILURES):
        assert login(public, f"guess{n}", "nope-nope").status_code == 401
    locked = login(public, "li")  # a name never tried, but from the same address
    assert locked.status_code == 429 and "登录失败次数过多" in locked.text


def test_four_failures_then_success_clears_the_count(web_app, client_for):
    add_account(web_app, "li", "officer", "1")
    public = client_for(None)
    for _ in range(accounts.MAX_FAILURES - 1):
        login(public, "li", "nope-nope")
    assert login(public, "li").status_code == 303
    state = account_rows.throttle_state(store=web_app.state.stores.get(), key="name:li")
    assert state is None


def test_logout_ends_the_session_on_the_server(client_for):
    client = client_for("officer", "1")
    stolen = client.cookies.get("xxgk_session")
    assert client.form("/logout", follow_redirects=False).status_code == 303
    replay = WebClient(client.app, cookies={"xxgk_session": stolen})
    assert replay.get("/api/me").status_code == 401


def test_password_change(web_app, client_for):
    client = client_for("officer", "1", name="zhao")
    other = WebClient(web_app)
    login(other, "zhao")
    wrong = client.form(
        "/account/password", {"old": "bad", "new": "n3w-pass-word", "repeat": "n3w-pass-word"}
    )
    assert wrong.status_code == 400 and "原密码不正确" in wrong.text
    mismatch = client.form(
        "/account/password", {"old": PASSWORD, "new": "n3w-pass-word", "repeat": "other-pass"}
    )
    assert mismatch.status_code == 400 and "不一致" in mismatch.text
    short = client.form("/account/password", {"old": PASSWORD, "new": "short", "repeat": "short"})
    assert short.status_code == 400 and "至少需要 8 个字符" in short.text
    done = client.form(
        "/account/password", {"old": PASSWORD, "new": "n3w-pass-word", "repeat": "n3w-pass-word"}
    )
    assert done.status_code == 200 and "密码已修改" in done.text
    assert client.get("/api/me").status_code == 200  # this session stays
    assert other.get("/api/me").status_code == 401  # the other one ended
    fresh = WebClient(web_app)
    assert login(fresh, "zhao", PASSWORD).status_code == 401
    assert login(fresh, "zhao", "n3w-pass-word").status_code == 303


# ---------------------------------------------------------------------- CSRF
def test_page_post_without_or_with_a_wrong_csrf_token_is_refused(client_for):
    client = client_for("officer", "1")
    for data in ({}, {"csrf_token": "forged-token-value-000000"}):
        response = client.post("/logout", data=data, follow_redirects=False)
        assert response.status_code == 403
        assert "CSRF" in response.text and "刷新页面" in response.text
    assert client.get("/api/me").status_code == 200  # still logged in


def test_login_form_needs_the_csrf_cookie_token(web_app, client_for):
    add_account(web_app, "li", "officer", "1")
    public = client_for(None)
    response = public.post(
        "/login", data={"name": "li", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403
    assert public.get("/api/me").status_code == 401


def test_cookie_api_post_needs_the_header_token_a_bearer_call_does_not(
    client_for, token_client_for
):
    admin = client_for("admin")
    body = {"name": "new1", "role": "officer", "unit": "2", "password": "long-enough-1"}
    refused = admin.post("/api/admin/users", json=body)
    assert refused.status_code == 403 and refused.json()["error"]["status"] == 403
    assert admin.post_json("/api/admin/users", body).status_code == 201
    scripted = token_client_for("admin", name="admin-script")
    created = scripted.post("/api/admin/users", json={**body, "name": "new2"})
    assert created.status_code == 201 and created.json()["unit"] == "2"


# ---------------------------------------------------------------------- 401 / roles
@pytest.mark.parametrize("path", ["/api/me", "/api/admin/users"])
def test_unauthenticated_api_gets_401_json(client_for, path):
    response = client_for(None).get(path)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "请先登录"


def test_a_bad_bearer_token_gets_401_even_with_a_session(client_for):
    client = client_for("admin")
    response = client.get("/api/me", headers={"Authorization": "Bearer xxgk_not-a-token"})
    assert response.status_code == 401 and "令牌无效" in response.json()["error"]["message"]


def test_a_page_needing_login_sends_the_public_to_the_login_form(client_for):
    response = client_for(None).get("/admin/users?x=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/admin/users%3Fx%3D1"


def test_login_redirect_refuses_other_sites(web_app, client_for):
    add_account(web_app, "li", "officer", "1")
    public = client_for(None)
    public.refresh_csrf("/login")
    for target in ("//evil.example/x", "https://evil.example/", "javascript:alert(1)"):
        response = public.form(
            "/login", {"name": "li", "password": PASSWORD, "next": target}, follow_redirects=False
        )
        assert response.headers["location"] == "/"
        public.refresh_csrf("/")


@pytest.mark.parametrize("role", ["officer", "supervisor"])
def test_only_the_admin_sees_the_user_list(client_for, token_client_for, role):
    assert client_for(role, "1").get("/admin/users").status_code == 403
    assert token_client_for(role, "1").get("/api/admin/users").status_code == 403
    body = {"name": "x1", "role": "admin", "password": "long-enough-1"}
    assert token_client_for(role, "1").post("/api/admin/users", json=body).status_code == 403
    admin = token_client_for("admin")
    names = [u["name"] for u in admin.get("/api/admin/users").json()["users"]]
    assert f"{role}-1" in names and "x1" not in names


def test_admin_adds_a_user_from_the_page_and_a_new_unit_is_created(web_app, client_for):
    admin = client_for("admin")
    response = admin.form(
        "/admin/users",
        {"name": "sun", "role": "officer", "unit": "999001", "password": "long-enough-1"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    store = web_app.state.stores.get()
    assert store.one("SELECT name FROM unit WHERE code = '999001'") == ("999001",)
    bad = admin.form(
        "/admin/users", {"name": "sun", "role": "officer", "unit": "1", "password": "long-enough-1"}
    )
    assert bad.status_code == 400 and "已存在" in bad.text


def test_hostile_text_is_escaped_in_every_displayed_field(web_app, client_for):
    admin = client_for("admin")
    admin.form(
        "/admin/users",
        {"name": HOSTILE, "role": "officer", "unit": HOSTILE, "password": "long-enough-1"},
    )
    page = admin.get("/admin/users").text
    assert HOSTILE not in page and "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39;" in page
    public = client_for(None)
    public.refresh_csrf("/login")
    failed = public.form("/login", {"name": '"><script>alert(1)</script>', "password": "x"})
    assert "<script>alert(1)" not in failed.text and "&#34;&gt;&lt;script&gt;" in failed.text
    logged = WebClient(web_app)
    assert login(logged, HOSTILE, "long-enough-1").status_code == 303
    home = logged.get("/").text
    assert "<script>alert" not in home and "&lt;script&gt;" in home


# ---------------------------------------------------------------------- headers / errors
def test_security_headers_on_pages_api_and_errors(client_for):
    public = client_for(None)
    for path in ("/", "/login", "/api/me", "/no-such-page", "/static/app.css"):
        headers = public.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_no_inline_script_in_pages(client_for):
    admin = client_for("admin")
    for path in ("/", "/login", "/admin/users", "/account/password", "/check"):
        text = admin.get(path).text
        assert "<script>" not in text and " onclick=" not in text and ' style="' not in text


def test_error_pages_are_chinese_without_traces(web_app, client_for, monkeypatch):
    admin = client_for("admin")
    missing = admin.get("/no-such-page")
    assert missing.status_code == 404 and "页面不存在" in missing.text
    assert admin.get("/api/no-such").json()["error"]["status"] == 404
    assert admin.put("/login", headers={"X-CSRF-Token": admin.csrf}).status_code == 405

    def boom(**_kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(account_rows, "list_accounts", boom)
    for path in ("/admin/users", "/api/admin/users"):
        broken = admin.get(path)
        assert broken.status_code == 500
        assert "服务器内部错误" in broken.text
        assert "secret internal detail" not in broken.text and "Traceback" not in broken.text


def test_upload_over_the_limit_is_refused_before_reading(client_for, web_app):
    public = client_for(None)
    limit = web_app.state.max_upload
    response = public.post("/api/check", files={"file": ("big.txt", b"x" * (limit + 10))})
    assert response.status_code == 413
    assert "MB 的上限" in response.json()["error"]["message"]


def test_an_expired_session_is_no_login_and_is_cleaned_up(web_app, client_for):
    client = client_for("officer", "1", name="old")
    store = web_app.state.stores.get()
    store.execute("UPDATE web_session SET expires_at = '2000-01-01T00:00:00+00:00'")
    assert client.get("/api/me").status_code == 401
    login(WebClient(web_app), "old")  # a new login removes the expired session rows
    expired = store.one("SELECT COUNT(*) FROM web_session WHERE expires_at < '2001'")
    assert expired == (0,)


def test_home_twin_lists_what_the_role_may_open(client_for, token_client_for):
    admin = token_client_for("admin").get("/api").json()
    assert admin["user"]["role"] == "admin"
    assert {"path": "/admin/users", "label": "账号管理"} in admin["links"]
    public = client_for(None).get("/api").json()
    assert public["user"] is None
    assert all(link["path"] != "/admin/users" for link in public["links"])


def test_a_password_is_taken_as_typed_spaces_included(web_app, client_for):
    store = web_app.state.stores.get()
    accounts.add_user(store=store, name="sp", role="officer", unit="1", password=" spaced pass ")
    public = client_for(None)
    assert login(public, "sp", "spaced pass").status_code == 401
    assert login(public, "sp", " spaced pass ").status_code == 303
