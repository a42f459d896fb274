"""Exceptions mean "cannot continue". Problems in a report are findings, not exceptions.

::

    XxgkError
    ├── UnreadableSource      the input cannot be read (missing, empty, binary garbage, corrupt, encrypted)
    │   └── NotAReport        readable, but holds no annual report
    ├── UnsupportedFormat     a format xxgk does not read, or an optional extra is missing
    ├── StoreError            a database cannot be opened, migrated or written
    │   └── LedgerError       a ledger operation was refused (bad event order, unknown key, …)
    ├── ConfigError           bad options or configuration
    └── RenderBlocked         a report with error findings was not rendered (exit code 1)

Every error carries its message in English (``message``, ``str(error)``, the JSON ``error``
field) and in Chinese (``message_zh``); ``error.text(lang)`` is the line a user reads. Raise with
both: ``UnreadableSource("file is empty", zh="文件为空", path=p)``. The CLI prints
``error.text(language())`` as one line — Chinese unless ``--lang en`` or ``XXGK_LANG=en`` — and
exits with code 2.
"""

from __future__ import annotations

import os
import re

LANGS = ("zh", "en")
ENV_LANG = "XXGK_LANG"


def language(explicit: str | None = None) -> str:
    """The language of messages: ``explicit``, else ``$XXGK_LANG``, else Chinese."""
    for lang in (explicit, os.environ.get(ENV_LANG, "").strip().lower()):
        if lang in LANGS:
            return lang
    return "zh"


# C0 and C1 controls but newline and tab, DEL, and the bidi embeddings/overrides/isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters as visible escapes."""
    return _CONTROLS.sub(_escape, text)


def _translated(message: str) -> str:
    """The catalogue's Chinese for an English-only message (:mod:`xxgk.messages`), else it."""
    from xxgk.messages import translate

    return translate(message) or message


def current_language() -> str:
    """Inside a CLI command: the global ``--lang`` (else ``$XXGK_LANG``, else zh)."""
    import click

    ctx = click.get_current_context(silent=True)
    obj = (ctx.find_root().obj if ctx is not None else None) or {}
    return language(obj.get("lang") if isinstance(obj, dict) else None)


def say(zh: str, en: str) -> str:
    """The message for the current language: ``say("已写入 …", "wrote …")``."""
    return zh if current_language() == "zh" else en


def sep(lang: str) -> str:
    """The separator between a place (file, row, field) and what is wrong there."""
    return "：" if lang == "zh" else ": "


class XxgkError(Exception):
    """Base of every error xxgk raises on purpose: English ``message``, Chinese ``message_zh``
    (the English when no Chinese was given), and the ``path`` it is about."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, zh: str | None = None) -> None:
        self.message = message
        self.message_zh = zh or _translated(message)
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)

    def text(self, lang: str = "zh") -> str:
        """The one line a user reads, in ``lang`` (zh | en), the path in front."""
        message = self.message_zh if lang == "zh" else self.message
        return f"{self.path}{sep(lang)}{message}" if self.path else message


class UnreadableSource(XxgkError):
    """The input cannot be read at all."""


class NotAReport(UnreadableSource):
    """The input is readable but is not an annual report (e.g. a 年报解读 page)."""


class UnsupportedFormat(XxgkError):
    """The format is not supported, or needs an optional extra / system tool."""


class StoreError(XxgkError):
    """A database could not be opened, migrated or written."""


class LedgerError(StoreError):
    """A ledger operation was refused; nothing was written."""

    def __init__(
        self,
        message: str,
        *,
        request: str | None = None,
        field: str | None = None,
        path: str | None = None,
        zh: str | None = None,
    ) -> None:
        self.request = request
        self.field = field
        self.detail, self.detail_zh = message, zh or _translated(message)  # no request/field
        where = " ".join(
            p
            for p in (f"request {request}" if request else "", f"field {field}" if field else "")
            if p
        )
        where_zh = "，".join(
            p for p in (f"申请 {request}" if request else "", f"字段 {field}" if field else "") if p
        )
        zh = self.detail_zh
        super().__init__(
            f"{where}: {message}" if where else message,
            path=path,
            zh=f"{where_zh}：{zh}" if where_zh else zh,
        )


class ConfigError(XxgkError):
    """Bad options or configuration."""


class RenderBlocked(XxgkError):
    """Rendering refused: the report has error findings (``allow_errors`` overrides)."""

    exit_code = 1

    def __init__(self, findings: list, *, path: str | None = None) -> None:
        self.findings = list(findings)
        first = self.findings[0] if self.findings else None
        n = len(self.findings)
        super().__init__(
            f"{n} error finding(s), not rendered (use --allow-errors): "
            + (first.message_en or first.message if first else ""),
            path=path,
            zh=f"{n} 项错误，未生成（加 --allow-errors 仍可生成）："
            + (first.message if first else ""),
        )


def missing_extra(extra: str, what: str, what_zh: str | None = None) -> UnsupportedFormat:
    """The exact message for a feature behind an optional extra."""
    return UnsupportedFormat(
        f"{what} needs an optional extra: install xxgk[{extra}]  (pip install 'xxgk[{extra}]')",
        zh=f"{what_zh or what}需要可选组件：请安装 xxgk[{extra}]（pip install 'xxgk[{extra}]'）",
    )


def cannot_write(path: object, exc: BaseException | str) -> ConfigError:
    """``cannot write PATH: reason`` for an output file or directory that cannot be written."""
    reason = exc if isinstance(exc, str) else (getattr(exc, "strerror", None) or str(exc))
    reason_zh = _OS_REASONS_ZH.get(getattr(exc, "errno", None) or -1, reason)
    return ConfigError(f"cannot write {path}: {reason}", zh=f"无法写入 {path}：{reason_zh}")


_OS_REASONS_ZH = {
    2: "目录不存在",
    13: "没有写入权限",
    20: "路径中有一段不是目录",
    21: "这是一个目录",
    28: "磁盘已满",
    30: "只读文件系统",
}
