"""``xxgk serve`` and ``xxgk user …``: the web app and its accounts from the command line.

Thin wrappers over :func:`xxgk.web.app.create_app` and :mod:`xxgk.accounts`. The web
libraries are imported only when a command runs (``xxgk parse`` never pays for them)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from xxgk.errors import ConfigError, missing_extra
from xxgk.store.db import DEFAULT_DB, ENV_DB, Store, resolve


def _db(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        envvar=ENV_DB,
        default=None,
        help=f"Database: SQLite path or postgresql:// URL (env {ENV_DB}; default {DEFAULT_DB}).",
    )(fn)


def _store(db: str | None) -> Store:
    return Store(db, create=True)


def _read_password(from_stdin: bool, prompt: str = "Password") -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
    else:
        password = click.prompt(prompt, hide_input=True, confirmation_prompt=True)
    if not password:
        raise ConfigError(
            "no password given (on standard input: one line)", zh="没有给出密码（标准输入的一行）"
        )
    return password


@click.command("serve")
@_db
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes."
)
@click.option(
    "--secure-cookies",
    is_flag=True,
    help="Mark cookies Secure (when users reach the app over HTTPS via a proxy).",
)
@click.option(
    "--upload-limit",
    default=20.0,
    show_default=True,
    type=click.FloatRange(0.1, 1024),
    help="Largest upload, in MB.",
)
@click.option(
    "--check-timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(1, 3600),
    help="Time limit for reading one uploaded report, in seconds.",
)
def serve(
    db: str | None,
    host: str,
    port: int,
    workers: int,
    secure_cookies: bool,
    upload_limit: float,
    check_timeout: float,
) -> None:
    """Run the web app (http://HOST:PORT; the database is created when missing)."""
    try:
        import uvicorn
    except ImportError:
        raise missing_extra("web", "xxgk serve") from None
    target = resolve(db)
    _store(target).close()  # create and migrate once, before the workers start
    os.environ[ENV_DB] = target
    os.environ["XXGK_WEB_SECURE_COOKIES"] = "1" if secure_cookies else "0"
    os.environ["XXGK_WEB_UPLOAD_MB"] = str(upload_limit)
    os.environ["XXGK_WEB_CHECK_TIMEOUT"] = str(check_timeout)
    click.echo(f"xxgk serve: http://{host}:{port}  (database {target})", err=True)
    uvicorn.run(
        "xxgk.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=False,
    )


@click.group("user")
def user() -> None:
    """Web accounts: add, list, API tokens, passwords."""


@user.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["officer", "supervisor", "admin"]))
@click.option("--unit", default=None, help="Unit code (an officer's unit, a supervisor's office).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@_db
def user_add(name: str, role: str, unit: str | None, password_stdin: bool, db: str | None) -> None:
    """Create an account (a unit code new to the store is created)."""
    from xxgk import accounts

    password = _read_password(password_stdin)
    store = _store(db)
    try:
        row = accounts.add_user(
            store=store, name=name, role=role, unit=unit, password=password, actor="cli"
        )
    finally:
        store.close()
    click.echo(
        f"user {row.name} added ({row.role}{', unit ' + row.unit_code if row.unit_code else ''})"
    )


@user.command("token")
@click.argument("name")
@click.option("--label", default="", help="What the token is for (shown in the user list).")
@_db
def user_token(name: str, label: str, db: str | None) -> None:
    """Issue an API token (printed once; use it as Authorization: Bearer TOKEN)."""
    from xxgk import accounts

    store = _store(db)
    try:
        click.echo(accounts.issue_token(store=store, name=name, label=label))
    finally:
        store.close()


@user.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@_db
def user_list(fmt: str, db: str | None) -> None:
    """List the accounts."""
    from xxgk.store import accounts as rows

    store = _store(db)
    try:
        found = [a.to_dict() for a in rows.list_accounts(store=store)]
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for a in found:
        state = "" if a["active"] else "  (disabled)"
        click.echo(
            f"{a['name']:<20} {a['role']:<11} {a['unit'] or '-':<14} {a['created_at']}{state}"
        )


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the new password from standard input.")
@_db
def user_password(name: str, password_stdin: bool, db: str | None) -> None:
    """Set a new password (every session of the account ends)."""
    from xxgk import accounts

    password = _read_password(password_stdin, "New password")
    store = _store(db)
    try:
        accounts.set_password(store=store, name=name, password=password)
    finally:
        store.close()
    click.echo(f"password of {name} changed")


commands = [serve, user]
