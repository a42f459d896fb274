"""Rows of one resource → its CSV file, its Parquet file and its SQLite table, streamed.

Rows are buffered up to a batch of a few MiB (:func:`batch_rows`: 50,000 rows of ``cells``,
2,000 of a wide table) and then written to all three, so memory does not depend on
the size of the package. Nothing variable goes into the files: the CSV is plain text (UTF-8
with a BOM, so Excel opens it, ``\\r\\n`` line ends as RFC 4180 has them); the Parquet file has
fixed writer settings and one row group per batch, so the same rows give the same bytes.
"""

from __future__ import annotations

import csv
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

from xxgk.dataset.schema import Field, Resource
from xxgk.output.jsonout import dumps

BATCH_ROWS = {"cells": 50_000, "findings": 20_000, "sections": 6_000}  # else BATCH_ROWS_OTHER
BATCH_ROWS_OTHER = 2_000  # one row per report or file, up to 220 fields


def batch_rows(res: Resource) -> int:
    """Rows per batch (and per Parquet row group) of ``res``: a few MiB whatever the resource."""
    return BATCH_ROWS.get(res.name, BATCH_ROWS_OTHER)


SCALE = 6  # decimal places Parquet keeps for money; the printed text stays in ``raw``
_QUANTUM = Decimal(1).scaleb(-SCALE)
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "version": "2.6",
    "use_dictionary": True,
    "write_statistics": True,
}
DEFERRED_KEYS = frozenset({"cells"})
SQL_TYPES = {
    "string": "TEXT",
    "integer": "INTEGER",
    "number": "TEXT",  # exact decimal text; CAST(amount AS REAL) for arithmetic
    "boolean": "INTEGER",
    "array": "TEXT",
    "object": "TEXT",
}


def arrow_type(f: Field) -> Any:
    import pyarrow as pa

    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.decimal128(28, SCALE),
        "boolean": pa.bool_(),
        "array": pa.list_(pa.string()),
        "object": pa.string(),
    }[f.type]


def arrow_schema(res: Resource) -> Any:
    import pyarrow as pa

    return pa.schema([pa.field(f.name, arrow_type(f), nullable=not f.required) for f in res.fields])


def _decimals(values: Any, type_: Any) -> Any:
    """Exact decimal text → a Parquet decimal column (rounded to :data:`SCALE` places only
    where a value has more)."""
    import pyarrow as pa

    text = pa.array(values, type=pa.string())
    try:
        return text.cast(type_)
    except pa.ArrowInvalid:
        rounded = [None if v is None else Decimal(v).quantize(_QUANTUM) for v in values]
        return pa.array(rounded, type=type_)


def _csv_value(kind: str, value: Any) -> Any:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "array":
        return dumps(list(value))
    return value


def _sql_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "array":
        return dumps(list(value))
    if kind == "boolean":
        return int(bool(value))
    return value


def create_sql(res: Resource) -> str:
    """The table for ``res``. A big table (``cells``) gets no primary key while it is loaded:
    keeping that index up to date would cost more than all the other work on a row;
    :func:`index_sql` indexes it afterwards."""
    cols = [
        f'"{f.name}" {SQL_TYPES[f.type]}' + (" NOT NULL" if f.required else "") for f in res.fields
    ]
    if res.name not in DEFERRED_KEYS:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in res.primary_key) + ")")
    for local, other, keys in res.foreign_keys:
        cols.append(f"FOREIGN KEY ({', '.join(local)}) REFERENCES {other} ({', '.join(keys)})")
    return f'CREATE TABLE "{res.name}" (\n    ' + ",\n    ".join(cols) + "\n)"


def index_sql(res: Resource) -> str:
    """After loading: the index that stands in for a deferred primary key."""
    if res.name not in DEFERRED_KEYS:
        return ""
    keys = ", ".join(f'"{k}"' for k in res.primary_key)
    return f'CREATE INDEX "{res.name}_key" ON "{res.name}" ({keys});'


class ResourceWriter:
    """Writes one resource to ``csv/<name>.csv``, ``parquet/<name>.parquet`` and ``db``."""

    def __init__(self, res: Resource, root: Path, db: sqlite3.Connection) -> None:
        import pyarrow.parquet as pq

        self.res, self.db, self.rows = res, db, 0
        self.batch = batch_rows(res)
        self.kinds = [f.type for f in res.fields]
        self.plain = all(k in ("string", "integer", "number") for k in self.kinds)
        self.schema = arrow_schema(res)
        (root / "csv").mkdir(exist_ok=True)
        (root / "parquet").mkdir(exist_ok=True)
        path = root / "csv" / f"{res.name}.csv"
        self.csv_file = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self.csv = csv.writer(self.csv_file, lineterminator="\r\n")
        self.csv.writerow(res.names)
        self.parquet = pq.ParquetWriter(
            root / "parquet" / f"{res.name}.parquet", self.schema, **PARQUET_OPTIONS
        )
        db.execute(create_sql(res))
        marks = ", ".join("?" for _ in res.fields)
        self.insert = f'INSERT INTO "{res.name}" VALUES ({marks})'
        self.buffer: list[tuple[Any, ...]] = []

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        self.buffer.extend(rows)
        if len(self.buffer) >= self.batch:
            self._flush(self.buffer[: self.batch])
            self.buffer = self.buffer[self.batch :]

    def _flush(self, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        self.rows += len(rows)
        if self.plain:
            self.csv.writerows(rows)
        else:
            self.csv.writerows([tuple(map(_csv_value, self.kinds, r)) for r in rows])
        self.db.executemany(self.insert, self._sql_rows(rows))
        self._parquet(rows)

    def _sql_rows(self, rows: list[tuple[Any, ...]]) -> Any:
        if self.plain:
            return rows
        return (tuple(map(_sql_value, self.kinds, r)) for r in rows)

    def _parquet(self, rows: list[tuple[Any, ...]]) -> None:
        import pyarrow as pa

        columns = list(zip(*rows, strict=True))
        arrays = []
        for f, kind, values in zip(self.schema, self.kinds, columns, strict=True):
            if kind == "number":
                arrays.append(_decimals(values, f.type))
            else:
                arrays.append(pa.array(values, type=f.type))
        self.parquet.write_table(pa.Table.from_arrays(arrays, schema=self.schema))

    def close(self) -> int:
        """Write what is buffered and close the files → the number of rows written."""
        while self.buffer:
            self._flush(self.buffer[: self.batch])
            self.buffer = self.buffer[self.batch :]
        self.csv_file.close()
        self.parquet.close()
        return self.rows
