"""Web accounts: users, roles, sessions, API tokens, login throttling, the audit log
(the web app, part 1).

* ``account``: one person; ``role`` is ``admin``, ``officer`` (bound to ``unit_code``) or
  ``supervisor`` (bound to an office's unit and every unit under it). Only an argon2 hash of
  the password is kept.
* ``web_session`` / ``api_token``: only a SHA-256 digest of the secret is kept, so a copy of the
  database does not hand out logins.
* ``login_throttle``: failed logins per key (an account name or a client address).
* ``audit_log``: who did what to which object, and when (every view of personal data too).
"""

from __future__ import annotations

STEPS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE account (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            unit_code TEXT REFERENCES unit(code),
            password_hash TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            password_changed_at TEXT NOT NULL)""",
        """CREATE TABLE web_session (
            digest TEXT PRIMARY KEY,
            account_name TEXT NOT NULL REFERENCES account(name),
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL)""",
        "CREATE INDEX web_session_account ON web_session (account_name)",
        "CREATE INDEX web_session_expiry ON web_session (expires_at)",
        """CREATE TABLE api_token (
            digest TEXT PRIMARY KEY,
            account_name TEXT NOT NULL REFERENCES account(name),
            label TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL)""",
        "CREATE INDEX api_token_account ON api_token (account_name)",
        """CREATE TABLE login_throttle (
            key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            window_start_at TEXT NOT NULL,
            locked_until_at TEXT)""",
        """CREATE TABLE audit_log (
            id {serial},
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '{}')""",
        "CREATE INDEX audit_log_target ON audit_log (target, id)",
    ),
)
