"""``xxgk user …`` and ``xxgk serve`` through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx
import pytest

from web_support import free_port


def xxgk(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_user_add_list_token_password(tmp_path):
    db = str(tmp_path / "x.db")
    added = xxgk(
        "user",
        "add",
        "wang",
        "--role",
        "officer",
        "--unit",
        "320812001",
        "--password-stdin",
        "--db",
        db,
        stdin="a-long-password\n",
    )
    assert added.returncode == 0, added.stderr
    assert "wang" in added.stdout
    listed = json.loads(xxgk("user", "list", "--format", "json", "--db", db).stdout)
    assert [(u["name"], u["role"], u["unit"]) for u in listed] == [("wang", "officer", "320812001")]
    token = xxgk("user", "token", "wang", "--db", db).stdout.strip()
    assert token.startswith("xxgk_") and len(token) > 30
    changed = xxgk(
        "user", "password", "wang", "--password-stdin", "--db", db, stdin="another-password\n"
    )
    assert changed.returncode == 0, changed.stderr

    from xxgk import accounts
    from xxgk.store import Store

    store = Store(db)
    assert accounts.token_user(store=store, token=token).unit == "320812001"
    assert accounts.verify_password(store=store, name="wang", password="another-password")
    assert store.one("SELECT name FROM unit WHERE code = '320812001'") == ("320812001",)
    store.close()


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (
            ["user", "add", "li", "--role", "officer", "--unit", "1", "--password-stdin"],
            "short\n",
            "至少需要 8 个字符",
        ),
        (
            ["user", "add", "li", "--role", "officer", "--password-stdin"],
            "long-enough-1\n",
            "绑定单位",
        ),
        (["user", "token", "nobody"], None, "没有用户"),
    ],
)
def test_user_errors_are_one_line_exit_2(tmp_path, args, stdin, words):
    done = xxgk(*args, "--db", str(tmp_path / "x.db"), stdin=stdin)
    assert done.returncode == 2
    assert words in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_duplicate_user_is_refused(tmp_path):
    db = str(tmp_path / "x.db")
    args = ["user", "add", "li", "--role", "admin", "--password-stdin", "--db", db]
    assert xxgk(*args, stdin="long-enough-1\n").returncode == 0
    again = xxgk(*args, stdin="long-enough-1\n")
    assert again.returncode == 2 and "已存在" in again.stderr


def test_serve_answers_on_loopback(tmp_path):
    port = free_port()
    db = str(tmp_path / "serve.db")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "xxgk",
            "serve",
            "--port",
            str(port),
            "--db",
            db,
            "--upload-limit",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/check", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("xxgk serve did not start")
                time.sleep(0.2)
        assert response.status_code == 200 and "年度报告检查" in response.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/me").status_code == 401
        big = httpx.post(
            f"http://127.0.0.1:{port}/api/check", files={"file": ("a.txt", b"x" * 1_100_000)}
        )
        assert big.status_code == 413 and "1 MB" in big.json()["error"]["message"]
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert (tmp_path / "serve.db").exists()
