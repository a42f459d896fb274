"""The ``xxgk`` command line: a thin wrapper over the library.

Exit codes: 0 clean, 1 error findings, 2 usage error or unreadable input.
A traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import os
import sys

import click

from xxgk.errors import ENV_LANG, XxgkError, language, printable


class _LazyGroup(click.Group):
    """Command modules load on first use (start-up time): ``parse``, ``check`` and ``schema``
    from :mod:`xxgk.commands.core` alone; any other name, or the list for ``--help``, loads
    every module :func:`_register` names."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        _register_core()
        command = super().get_command(ctx, cmd_name)
        if command is None:
            _register_all()
            command = super().get_command(ctx, cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        _register_all()
        return super().list_commands(ctx)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    help=f"Language of messages and error lines (default: ${ENV_LANG}, else zh).",
)
@click.version_option(package_name="xxgk")
@click.pass_context
def cli(ctx: click.Context, debug: bool, lang: str | None) -> None:
    """xxgk — 政府信息公开: annual reports in, checked data out; the request ledger; rendering."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["lang"] = language(lang)


def _register() -> None:
    """Feature packages each own their commands and list them in ``commands``."""
    from xxgk.commands import core  # parse, check, schema
    from xxgk.dataset import cli as dataset_cli
    from xxgk.ledger import cli as ledger_cli
    from xxgk.office import cli as office_cli
    from xxgk.render import cli as render_cli
    from xxgk.web import cli as web_cli

    for module in (core, render_cli, ledger_cli, dataset_cli, web_cli, office_cli):
        for command in module.commands:
            cli.add_command(command)


_LOADED: set[str] = set()


def _register_core() -> None:
    if "core" not in _LOADED:
        _LOADED.add("core")
        from xxgk.commands import core

        for command in core.commands:
            cli.add_command(command)


def _register_all() -> None:
    if "all" not in _LOADED:
        _LOADED.add("all")
        _register()


def _quiet_stdout() -> None:
    """After a broken pipe (``xxgk parse … | head``): send the rest of stdout nowhere, so the
    interpreter's final flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def argv_language(args: list[str]) -> str:
    """The ``--lang`` given anywhere on the command line (global or a command's), else
    ``$XXGK_LANG``, else zh: error lines follow it even when parsing the options failed."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return language(args[i + 1])
        if arg.startswith("--lang="):
            return language(arg.partition("=")[2])
    return language()


ERROR_PREFIX = {"zh": "xxgk: 错误：", "en": "xxgk: error: "}
_USAGE = {"zh": "xxgk: 用法错误：", "en": "xxgk: usage error: "}
_INTERNAL = {
    "zh": "xxgk: 内部错误：{kind}: {exc}（加 --debug 查看调用栈）",
    "en": "xxgk: internal error: {kind}: {exc} (run with --debug for the traceback)",
}


def _usage(exc: click.ClickException, lang: str) -> None:
    if lang == "en" or not isinstance(exc, click.UsageError):
        exc.show()
        return
    ctx = exc.ctx
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
    click.echo(f"{_USAGE[lang]}{exc.format_message()}（加 -h 查看帮助）", err=True)


def main(argv: list[str] | None = None) -> None:
    """The entry point: run a command and turn what went wrong into one line and an exit code.

    ``XxgkError`` → ``xxgk: 错误：…`` (``--lang en``: ``xxgk: error: …``) and its exit code (2);
    anything unexpected → ``xxgk: 内部错误：…`` and 2. A traceback only with ``--debug``."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    lang = argv_language(args)
    try:
        code = cli.main(args=args, prog_name="xxgk", standalone_mode=False)
    except XxgkError as exc:
        if debug:
            raise
        click.echo(printable(ERROR_PREFIX[lang] + exc.text(lang)), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("xxgk: 已中止" if lang == "zh" else "xxgk: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        _usage(exc, lang)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(0)
    except Exception as exc:
        if debug:
            raise
        line = _INTERNAL[lang].format(kind=type(exc).__name__, exc=exc)
        click.echo(printable(line), err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
