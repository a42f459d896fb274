"""``datapackage.json`` (Frictionless Data Package, a Table Schema per resource) and
``metadata.json`` (Datasette: titles, descriptions, column labels, facets), from the schema.

Neither holds a timestamp: the package records the xxgk version, the command line, the row
count, size and SHA-256 of every file, and per source file its SHA-256 (the ``sources``
resource), so two builds from the same input can be compared byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from xxgk import form
from xxgk.dataset.consume import Input
from xxgk.dataset.schema import Field, Resource, resources

PROFILE = "tabular-data-package"
FORMAT = "xxgk/dataset/1"
TITLE = "政府信息公开工作年度报告数据集"
TITLE_EN = "Government information disclosure annual reports (政府信息公开工作年度报告)"
DESCRIPTION = (
    "由 xxgk 从年度报告文件解析、检查并去重得到：每份报告的三张表格的每个单元格、正文、检查结果。"
    " / Parsed, checked and de-duplicated by xxgk from annual report files: every printed cell"
    " of the three tables, the text, and the findings."
)
DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}


def file_facts(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"bytes": path.stat().st_size, "hash": f"sha256:{digest}"}


def _field(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.type}
    if f.title:
        out["title"] = f.title
    out["description"] = f.describe()
    if f.type == "number":
        out["bareNumber"] = True
    constraints: dict[str, Any] = {}
    if f.required:
        constraints["required"] = True
    if f.enum:
        constraints["enum"] = list(f.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def table_schema(res: Resource) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(f) for f in res.fields],
        "missingValues": [""],
        "primaryKey": list(res.primary_key),
    }
    if res.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(local), "reference": {"resource": other, "fields": list(keys)}}
            for local, other, keys in res.foreign_keys
        ]
    return schema


def _resource(root: Path, res: Resource, rows: int) -> dict[str, Any]:
    csv_path = f"csv/{res.name}.csv"
    parquet = f"parquet/{res.name}.parquet"
    return {
        "name": res.name,
        "path": csv_path,
        "profile": "tabular-data-resource",
        "title": res.zh,
        "description": f"{res.zh} / {res.en}",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        **file_facts(root / csv_path),
        "dialect": DIALECT,
        "schema": table_schema(res),
        "xxgk:rows": rows,
        "xxgk:parquet": {"path": parquet, **file_facts(root / parquet)},
    }


def datapackage(
    root: Path, counts: dict[str, int], *, command_line: str | None, sources: int
) -> dict[str, Any]:
    from xxgk import __version__

    return {
        "profile": PROFILE,
        "name": "xxgk-annual-reports",
        "title": TITLE,
        "description": DESCRIPTION,
        "xxgk": {
            "format": FORMAT,
            "version": __version__,
            "command": command_line,
            "source_files": sources,
            "editions": dict(form.EDITION_DOCUMENTS),
            "sqlite": {"path": "xxgk.db", "datasette_metadata": "metadata.json"},
        },
        "resources": [_resource(root, res, counts.get(res.name, 0)) for res in resources()],
    }


def datasette_metadata() -> dict[str, Any]:
    """Datasette's ``metadata.json`` for ``xxgk.db``: titles, descriptions, labels, facets."""
    tables: dict[str, Any] = {}
    for res in resources():
        table: dict[str, Any] = {
            "title": res.zh,
            "description": res.en,
            "columns": {f.name: (f.title or f.zh) + f" / {f.en}" for f in res.fields},
        }
        if res.facets:
            table["facets"] = list(res.facets)
        if res.name == "reports":
            table["label_column"] = "title"
        tables[res.name] = table
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "source": "xxgk",
        "databases": {"xxgk": {"title": TITLE, "tables": tables}},
    }


def _summary(root: Path) -> dict[str, Any]:
    db = sqlite3.connect(root / "xxgk.db")
    try:
        status = dict(db.execute("SELECT status, count(*) FROM sources GROUP BY status").fetchall())
        conflicts = db.execute("SELECT count(*) FROM reports WHERE conflict").fetchone()[0]
    finally:
        db.close()
    return {"sources": status, "conflicts": conflicts}


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_metadata(
    root: Path, counts: dict[str, int], inputs: list[Input], *, command_line: str | None
) -> dict[str, Any]:
    """Write ``datapackage.json`` and ``metadata.json`` into ``root`` → sources by status."""
    _dump(
        root / "datapackage.json",
        datapackage(root, counts, command_line=command_line, sources=len(inputs)),
    )
    _dump(root / "metadata.json", datasette_metadata())
    return _summary(root)
