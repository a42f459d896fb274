"""Shared fixtures of the web tests (import what a test module uses)::

    from web_support import app_store, web_app, client_for, live_server, browser, page  # noqa: F401

* ``app_store`` — a fresh store target: SQLite file and PostgreSQL schema (params, like
  ``ledger_support.db_target``); ``web_app`` — ``create_app(app_store)``.
* ``client_for(role, unit=None, name=None)`` — a logged-in :class:`WebClient` (the account is
  created on first use, password :data:`PASSWORD`); ``client_for(None)`` is the public.
  ``client.form(url, data, files=None)`` posts a form with the CSRF token;
  ``client.post_json(url, obj)`` posts JSON with the ``X-CSRF-Token`` header.
* ``token_client_for(role, unit=None, name=None)`` — a client with ``Authorization: Bearer``.
* ``live_server`` — uvicorn serving ``web_app`` on 127.0.0.1 (random port) in a thread; its
  value is the base URL. ``browser`` / ``page`` — Playwright driving /usr/bin/chromium
  (1366×768, zh-CN).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from ledger_support import BACKENDS, make_target

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)
warnings.filterwarnings("ignore", message="Using `httpx`")

from starlette.testclient import TestClient  # noqa: E402

from xxgk import accounts  # noqa: E402
from xxgk.store import accounts as account_rows  # noqa: E402
from xxgk.web.app import create_app  # noqa: E402

PASSWORD = "correct-horse-9"
accounts.HASH_PARAMS = {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}  # fast tests
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


class WebClient(TestClient):
    """A TestClient that knows its CSRF token (read from a page's ``<meta name=csrf-token>``)."""

    csrf = ""

    def refresh_csrf(self, path: str = "/") -> str:
        found = _CSRF.search(self.get(path).text)
        assert found, "no csrf-token meta on the page"
        self.csrf = found.group(1)
        return self.csrf

    def form(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        return self.post(url, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)

    def post_json(self, url: str, obj: Any, **kwargs: Any) -> Any:
        headers = {"X-CSRF-Token": self.csrf, **kwargs.pop("headers", {})}
        return self.post(url, json=obj, headers=headers, **kwargs)


def add_account(app: Any, name: str, role: str, unit: str | None) -> None:
    store = app.state.stores.get()
    if account_rows.get_account(store=store, name=name) is None:
        accounts.add_user(store=store, name=name, role=role, unit=unit, password=PASSWORD)


def login(client: WebClient, name: str, password: str = PASSWORD) -> Any:
    client.refresh_csrf("/login")
    response = client.form("/login", {"name": name, "password": password}, follow_redirects=False)
    client.refresh_csrf("/")
    return response


@pytest.fixture(params=BACKENDS)
def app_store(request, tmp_path) -> Iterator[str]:
    yield from make_target(request.param, tmp_path)


@pytest.fixture
def web_app(app_store):
    app = create_app(app_store)
    yield app
    app.state.stores.close()


def _default_name(role: str | None, unit: str | None) -> str:
    return f"{role}-{unit or 'all'}"


@pytest.fixture
def client_for(web_app) -> Iterator[Callable[..., WebClient]]:
    made: list[WebClient] = []

    def make(role: str | None, unit: str | None = None, name: str | None = None) -> WebClient:
        client = WebClient(web_app, raise_server_exceptions=False)
        made.append(client)
        if role is None:
            client.refresh_csrf("/")
            return client
        name = name or _default_name(role, unit)
        add_account(web_app, name, role, unit)
        response = login(client, name)
        assert response.status_code == 303, response.text
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def token_client_for(web_app) -> Iterator[Callable[..., TestClient]]:
    made: list[TestClient] = []

    def make(role: str, unit: str | None = None, name: str | None = None) -> TestClient:
        name = name or _default_name(role, unit)
        add_account(web_app, name, role, unit)
        token = accounts.issue_token(store=web_app.state.stores.get(), name=name)
        client = TestClient(
            web_app, raise_server_exceptions=False, headers={"Authorization": f"Bearer {token}"}
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_server(web_app) -> Iterator[str]:
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        web_app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _chromium_missing() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} not found (scripts/setup installs Debian's chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium per test module. Not per session: Playwright's sync API keeps its event
    loop running in the main thread while it is open, which would break every later test that
    calls ``asyncio.run`` (the office fetcher) and a second module's Playwright."""
    missing = _chromium_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


def browser_login(tab: Any, base: str, name: str, password: str = PASSWORD) -> None:
    tab.goto(f"{base}/login")
    tab.fill("input[name=name]", name)
    tab.fill("input[name=password]", password)
    tab.click("button[type=submit].primary")
    tab.wait_for_load_state()


__all__ = ["CHROMIUM", "PASSWORD", "WebClient", "add_account", "browser_login", "login"]
