"""``xxgk render`` and ``xxgk template``: thin wrappers over xxgk.render.

``xxgk render IN --to docx -o OUT`` ↔ ``xxgk.render(load(IN), "docx")``;
``xxgk template --edition 2021 -o 年报.xlsx`` ↔ ``workbook.template("2021")``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xxgk import form
from xxgk.errors import RenderBlocked, cannot_write, current_language, say
from xxgk.render import FORMATS, SUFFIXES, normalise_format
from xxgk.render import render as render_report


@click.command("render")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--to", "to", required=True, type=click.Choice(sorted(FORMATS)), help="Output format."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file ('-' for stdout).",
)
@click.option(
    "--allow-errors", is_flag=True, help="Render even when the report has error findings."
)
def render_cmd(source: Path, to: str, output: Path | None, allow_errors: bool) -> int:
    """Render SOURCE (.xlsx workbook, Report JSON, YAML, TOML, or any report) in the national form."""
    from xxgk.render.inputs import load

    to = normalise_format(to)
    report = load(source)
    try:
        data = render_report(report, to, allow_errors=allow_errors)
    except RenderBlocked as blocked:
        _print_blocked(source, blocked)
        return 1
    target = output or source.with_suffix(SUFFIXES[to])
    if str(target) == "-":
        sys.stdout.buffer.write(data)
    else:
        write_file(target, data)
        click.echo(
            say(f"已写入 {target}（{len(data):,} 字节）", f"wrote {target} ({len(data):,} bytes)"),
            err=True,
        )
    return 0


def write_file(target: Path, data: bytes) -> None:
    """Write an output file; a missing directory or no permission is ``cannot write …``."""
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise cannot_write(target, exc) from None


def _print_blocked(source: Path, blocked: RenderBlocked) -> None:
    zh = current_language() == "zh"
    for f in blocked.findings:
        where = "/".join(p for p in (f.table, f.row, f.column) if p)
        severity = (
            {"error": "错误", "warning": "警告"}.get(f.severity, f.severity) if zh else f.severity
        )
        message = f.message if zh else (f.message_en or f.message)
        click.echo(f"{source}: {severity} {f.rule} {where}: {message}", err=True)
    n = len(blocked.findings)
    click.echo(
        say(
            f"xxgk: {n} 项错误，未生成（加 --allow-errors 仍可生成）",
            f"xxgk: {n} error finding(s); not rendered (use --allow-errors to render anyway)",
        ),
        err=True,
    )


@click.command("template")
@click.option(
    "--edition",
    type=click.Choice(form.EDITIONS),
    help="Form edition (default: the year's, else 2021).",
)
@click.option("--year", type=int, help="Report year to fill in.")
@click.option("--agency", help="Agency name to fill in.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def template_cmd(edition: str | None, year: int | None, agency: str | None, output: Path) -> int:
    """Write the fill-in workbook (XLSX) for an officer to complete in Excel or WPS."""
    from xxgk.render import workbook

    if edition is None:
        edition = form.edition_for_year(year) if year else form.EDITIONS[-1]
    write_file(output, workbook.template(edition, agency=agency, year=year))
    click.echo(
        say(
            f"已写入 {output}（{edition} 版格式）；填写后运行：xxgk render {output} --to docx",
            f"wrote {output} (edition {edition}); fill it in, then: xxgk render {output} --to docx",
        ),
        err=True,
    )
    return 0


commands = [render_cmd, template_cmd]
