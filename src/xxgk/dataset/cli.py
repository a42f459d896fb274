"""``xxgk dataset build`` ↔ :func:`xxgk.dataset.build`, ``xxgk dataset validate`` ↔
:func:`xxgk.dataset.validate`.

Exit codes: ``build`` 0 when the package was written (unreadable inputs are listed in its
``sources`` resource and named on stderr as they come), 2 when it could not be; ``validate``
0 valid, 1 invalid, 2 not a package.
"""

from __future__ import annotations

import shlex
import sys

import click

from xxgk.output.jsonout import dumps


@click.group("dataset")
def dataset() -> None:
    """The researchers' dataset: reports → a documented open-data package (CSV, Parquet, SQLite)."""


@dataset.command("build")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR...")
@click.option(
    "-o", "--output", required=True, metavar="DIR", help="The package directory to write."
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores]."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option(
    "--timeout",
    "time_limit",
    type=click.FloatRange(min=0),
    default=120.0,
    show_default=True,
    help="Seconds allowed per file (0: no limit).",
)
def build_cmd(
    inputs: tuple[str, ...], output: str, jobs: int | None, quiet: bool, time_limit: float
) -> int:
    """Parse, check and de-duplicate report files into a data package at DIR.

    DIR gets datapackage.json, csv/, parquet/, xxgk.db and Datasette's metadata.json;
    an earlier package there is replaced only when the new one is complete.
    """
    from xxgk.dataset.pipeline import build

    command = (
        shlex.join(["xxgk", *sys.argv[sys.argv.index("dataset") :]])
        if "dataset" in sys.argv
        else None
    )
    result = build(
        list(inputs), output, jobs=jobs, quiet=quiet, time_limit=time_limit, command_line=command
    )
    if not quiet:
        click.echo(result.format(), err=True)
    return 0


@dataset.command("validate")
@click.argument("package", metavar="DIR")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--no-rows", is_flag=True, help="Skip frictionless's row-by-row pass (faster).")
def validate_cmd(package: str, fmt: str, no_rows: bool) -> int:
    """Check a package against its own schema (frictionless) and xxgk's invariants.

    Exit 0 valid, 1 invalid, 2 not a package.
    """
    from xxgk.dataset.checks import validate

    result = validate(package, rows=not no_rows)
    if fmt == "json":
        data = {
            "path": str(result.path),
            "valid": result.valid,
            "problems": result.problems,
            "rows": result.checked,
        }
        click.echo(dumps(data, indent=2))
    else:
        click.echo(result.format())
    return 0 if result.valid else 1


commands = [dataset]
