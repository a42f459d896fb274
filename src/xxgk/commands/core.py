"""``xxgk parse``, ``xxgk check``, ``xxgk schema`` — thin wrappers over the library.

``xxgk parse`` ↔ :func:`xxgk.parse`, ``xxgk check`` ↔ :func:`xxgk.check` (through
:func:`xxgk.batch.run`, which handles one file, many files and directories alike), ``xxgk
schema`` ↔ :func:`xxgk.schema`. Options map to keyword arguments of :class:`~xxgk.batch.Options`
and :func:`~xxgk.batch.run`. Exit codes: 0 clean, 1 error findings, 2 unreadable input or usage.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from xxgk.batch import Options, run
from xxgk.batch.discover import STDIN
from xxgk.errors import cannot_write, language
from xxgk.output import FORMATS, TEXT_FORMATS


def _debug(ctx: click.Context) -> bool:
    obj = ctx.find_root().obj or {}
    return bool(obj.get("debug"))


def _lang(ctx: click.Context, given: str | None) -> str:
    """The command's ``--lang``, else the global one, else ``$XXGK_LANG``, else zh."""
    obj = ctx.find_root().obj or {}
    return language(given or obj.get("lang"))


def _stdin(inputs: tuple[str, ...]) -> bytes | None:
    return sys.stdin.buffer.read() if STDIN in inputs else None


def _common(formats: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options ``parse`` and ``check`` share."""
    options = [
        click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR|-..."),
        click.option(
            "-f",
            "--format",
            "fmt",
            type=click.Choice(formats),
            default="table",
            show_default=True,
            help="Output format.",
        ),
        click.option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write to FILE instead of stdout (required for xlsx, sqlite).",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=1),
            help="Worker processes for a batch [default: all cores].",
        ),
        click.option(
            "--lang",
            type=click.Choice(["zh", "en"]),
            help="Language of messages [default: $XXGK_LANG, else zh].",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary."),
        click.option(
            "--timeout",
            "time_limit",
            type=click.FloatRange(min=0),
            default=120.0,
            show_default=True,
            help="Seconds allowed per file (0: no limit).",
        ),
        click.option(
            "--summary-json", metavar="FILE", help="Also write the batch summary as JSON to FILE."
        ),
        click.option(
            "--previous",
            metavar="FILE",
            type=click.Path(exists=True, dir_okay=False),
            help="Last year's report of the same agency: also run the cross-year rules X1–X3.",
        ),
    ]

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            fn = option(fn)
        return fn

    return wrap


def _run(ctx: click.Context, command: str, inputs: tuple[str, ...], fmt: str, **kw: Any) -> int:
    opts = Options(
        fmt=fmt,
        command=command,
        lang=_lang(ctx, kw.pop("lang")),
        time_limit=kw.pop("time_limit"),
        debug=_debug(ctx),
        previous=kw.pop("previous"),
    )
    return run(list(inputs), opts, stdin=_stdin(inputs), **kw)


@click.command("parse")
@_common(FORMATS)
@click.pass_context
def parse_cmd(ctx: click.Context, inputs: tuple[str, ...], fmt: str, **kw: Any) -> int:
    """Read reports: every printed cell, agency, year, edition, sections and findings.

    FILE may be any supported format; a DIR is read recursively; - reads stdin.
    Exit 0 clean, 1 if a report has an error finding, 2 if an input is unreadable.
    """
    return _run(ctx, "parse", inputs, fmt, **kw)


@click.command("check")
@_common(TEXT_FORMATS)
@click.pass_context
def check_cmd(ctx: click.Context, inputs: tuple[str, ...], fmt: str, **kw: Any) -> int:
    """Check reports against the form's rules: print only the findings.

    Exit 0 clean, 1 if a report has an error finding, 2 if an input is unreadable.
    """
    return _run(ctx, "check", inputs, fmt, **kw)


@click.command("schema")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
def schema_cmd(output: str | None) -> int:
    """Print the JSON Schema that `xxgk parse --format json` output follows."""
    from xxgk.api import schema
    from xxgk.output.jsonout import dumps

    text = dumps(schema(), indent=2) + "\n"
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise cannot_write(output, exc) from None
    else:
        click.echo(text, nl=False)
    return 0


commands = [parse_cmd, check_cmd, schema_cmd]
