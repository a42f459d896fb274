"""The ``xxgk`` command line: a thin wrapper over the library.

Exit codes: 0 clean, 1 error findings, 2 usage error or unreadable input.
A traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import os
import sys

import click

from xxgk.errors import XxgkError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="xxgk")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """xxgk — 政府信息公开: annual reports in, checked data out; the request ledger; rendering."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    """Feature packages each own their commands and list them in ``commands``."""
    from xxgk.commands import core  # parse, check, schema
    from xxgk.ledger import cli as ledger_cli
    from xxgk.render import cli as render_cli

    for module in (core, render_cli, ledger_cli):
        for command in module.commands:
            cli.add_command(command)


_register()


def _quiet_stdout() -> None:
    """After a broken pipe (``xxgk parse … | head``): send the rest of stdout nowhere, so the
    interpreter's final flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> None:
    """The entry point: run a command and turn what went wrong into one line and an exit code.

    ``XxgkError`` → ``xxgk: error: …`` and its exit code (2); anything unexpected →
    ``xxgk: internal error: …`` and 2. A traceback only with ``--debug``."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="xxgk", standalone_mode=False)
    except XxgkError as exc:
        if debug:
            raise
        click.echo(f"xxgk: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("xxgk: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(0)
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"xxgk: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            err=True,
        )
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
