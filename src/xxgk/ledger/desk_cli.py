"""``xxgk ledger notice`` and ``xxgk ledger archive``: the desk's letters and case files from
the command line (the same library calls as the web pages)."""

from __future__ import annotations

from pathlib import Path

import click

from xxgk.ledger.cli import _by, _db, _open, ledger


@ledger.command("notice")
@_db
@click.argument("request_id")
@click.argument("kind")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False))
@click.option("--templates", type=click.Path(file_okay=False), help="Your own template directory.")
def notice_cmd(
    db: str | None, request_id: str, kind: str, output: str, templates: str | None
) -> int:
    """A request's letter as DOCX: correction (补正告知书), extension (延期答复告知书),
    consultation (征求第三方意见书) or answer (答复书)."""
    from xxgk.ledger.notices import render

    notice = render(_open(db), request_id, kind, templates=templates)
    Path(output).write_bytes(notice.content)
    click.echo(f"{request_id}: {notice.filename} → {output}", err=True)
    return 0


@ledger.command("archive")
@_db
@_by
@click.argument("request_id")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False))
def archive_cmd(db: str | None, by: str | None, request_id: str, output: str) -> int:
    """A closed request's case file (归档) as one ZIP with a PDF index."""
    from xxgk.ledger.casefile import build

    name, content = build(_open(db), request_id, by=by)
    Path(output).write_bytes(content)
    click.echo(f"{request_id}: {name} → {output}", err=True)
    return 0
