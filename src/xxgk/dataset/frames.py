"""pandas DataFrames from a built package (read from its Parquet files).

Counts come back as nullable integers (``Int64``), money as exact ``Decimal`` objects, text as
strings — never floats. ``cells()`` adds each cell's report (agency, year, edition) and the
form's official label, so a pivot needs no joins::

    df = xxgk.dataset.cells("xxgk-2025/")
    df[df.row_key == "new_received"].pivot_table(index="year", columns="column_key", values="value", aggfunc="sum")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xxgk import form
from xxgk.dataset.checks import load_descriptor
from xxgk.errors import ConfigError, missing_extra


def pandas() -> Any:
    try:
        import pandas as pd
        import pyarrow  # noqa: F401
    except ImportError:
        raise missing_extra("data", "xxgk.dataset DataFrames") from None
    return pd


def read(path: str | Path, name: str, columns: list[str] | None = None) -> Any:
    """Resource ``name`` of the package at ``path`` as a DataFrame."""
    pd = pandas()
    root, data = load_descriptor(path)
    entry = next((e for e in data["resources"] if e["name"] == name), None)
    if entry is None:
        raise ConfigError(f"{path}: the package has no resource {name!r}")
    target = root / entry["xxgk:parquet"]["path"]
    return pd.read_parquet(target, columns=columns, dtype_backend="numpy_nullable")


def reports(path: str | Path) -> Any:
    return read(path, "reports")


def cells(path: str | Path, *, labels: bool = True) -> Any:
    """One row per printed cell; with ``labels``, the report's agency/year/edition and the
    form's label of the cell too."""
    df = read(path, "cells")
    if not labels:
        return df
    meta = read(path, "reports", ["report_id", "agency", "year", "edition"])
    names = read(path, "labels", ["table_key", "row_key", "column_key", "label"])
    df = df.merge(meta, on="report_id", how="left", validate="many_to_one")
    return df.merge(names, on=["table_key", "row_key", "column_key"], how="left")


def wide(path: str | Path, table: str = "requests") -> Any:
    """One row per report holding ``table``, one column per cell key (``row.column``)."""
    if table not in form.TABLES:
        raise ConfigError(f"unknown table {table!r}; choose one of {', '.join(form.TABLES)}")
    return read(path, f"wide_{table}")


def findings(path: str | Path) -> Any:
    """One row per finding, with the report's agency and year."""
    df = read(path, "findings")
    meta = read(path, "reports", ["report_id", "agency", "year"])
    return df.merge(meta, on="report_id", how="left", validate="many_to_one")


def sections(path: str | Path) -> Any:
    return read(path, "sections")
