"""``xxgk render`` and ``xxgk template``: thin wrappers over xxgk.render.

``xxgk render IN --to docx -o OUT`` ↔ ``xxgk.render(load(IN), "docx")``;
``xxgk template --edition 2021 -o 年报.xlsx`` ↔ ``workbook.template("2021")``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from xxgk import form
from xxgk.errors import RenderBlocked
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
        target.write_bytes(data)
        click.echo(f"wrote {target} ({len(data):,} bytes)", err=True)
    return 0


def _print_blocked(source: Path, blocked: RenderBlocked) -> None:
    for f in blocked.findings:
        where = "/".join(p for p in (f.table, f.row, f.column) if p)
        click.echo(f"{source}: {f.severity} {f.rule} {where}: {f.message}", err=True)
    click.echo(
        f"xxgk: {len(blocked.findings)} error finding(s); not rendered (use --allow-errors to render anyway)",
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
    output.write_bytes(workbook.template(edition, agency=agency, year=year))
    click.echo(
        f"wrote {output} (edition {edition}); fill it in, then: xxgk render {output} --to docx",
        err=True,
    )
    return 0


commands = [render_cmd, template_cmd]
