"""The researchers' dataset: a pile of report files → one documented open-data package.

::

    xxgk.dataset.build(["corpus/"], "xxgk-2025/")      # parse, check, de-duplicate, write
    xxgk.dataset.validate("xxgk-2025/").valid          # frictionless + xxgk's invariants
    xxgk.dataset.cells("xxgk-2025/")                   # pandas: one row per printed cell
    xxgk.dataset.wide("xxgk-2025/", table="requests")  # pandas: one row per report
    xxgk.dataset.findings("xxgk-2025/")

The package (see docs/dataset.md): ``datapackage.json`` (Frictionless Data Package, a Table
Schema per resource), each resource as ``csv/<name>.csv`` (UTF-8 with BOM) and
``parquet/<name>.parquet``, ``xxgk.db`` (SQLite) with Datasette's ``metadata.json``.
pandas, pyarrow and frictionless come with the optional extra ``xxgk[data]``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build", "cells", "findings", "read", "reports", "sections", "validate", "wide"]


def __getattr__(name: str) -> Any:
    """Load the parts on first use, so ``import xxgk`` stays light."""
    if name == "build":
        from xxgk.dataset.pipeline import build

        return build
    if name == "validate":
        from xxgk.dataset.checks import validate

        return validate
    if name in ("cells", "findings", "read", "reports", "sections", "wide"):
        from xxgk.dataset import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'xxgk.dataset' has no attribute {name!r}")
