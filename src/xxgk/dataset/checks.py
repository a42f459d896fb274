"""``validate(path)``: a package against its own schema and xxgk's invariants.

Checks yield problems, each one line naming the file, the row and the field; the package is
valid when there is none (frictionless-style). Two kinds:

* ``frictionless`` — every CSV resource against its Table Schema: types, required fields,
  enums, primary keys, foreign keys, byte counts and SHA-256 hashes;
* our own invariants — every cell, finding, section and wide row belongs to a report that
  exists; every rule id is one xxgk documents (``xxgk.rules`` registry, docs/rules.md); each
  Parquet file has the schema's columns and types, the recorded hash and the CSV's row count;
  each SQLite table has the same rows.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xxgk.dataset.package import FORMAT
from xxgk.dataset.schema import resource, resources
from xxgk.errors import ConfigError, missing_extra

LIMIT = 50  # problems reported per check
OWNED = ("cells", "findings", "sections", "sources", "wide_active", "wide_requests", "wide_appeals")


@dataclass
class Validation:
    path: Path
    problems: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # resource → rows read

    @property
    def valid(self) -> bool:
        return not self.problems

    def format(self) -> str:
        if self.valid:
            rows = sum(self.checked.values())
            return f"数据包有效：{self.path}（{len(self.checked)} 个资源，{rows} 行）"
        return "\n".join(
            [f"数据包无效：{self.path}（{len(self.problems)} 个问题）", *self.problems]
        )


def load_descriptor(path: str | Path) -> tuple[Path, dict[str, Any]]:
    root = Path(path)
    descriptor = root / "datapackage.json" if root.is_dir() else root
    if not descriptor.is_file():
        raise ConfigError(f"{path}: no datapackage.json here (build one with xxgk dataset build)")
    try:
        data = json.loads(descriptor.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{descriptor}: not a readable datapackage.json ({exc})") from None
    if (data.get("xxgk") or {}).get("format") != FORMAT:
        raise ConfigError(f"{descriptor}: not an xxgk dataset ({FORMAT})")
    return descriptor.parent, data


def _frictionless(descriptor: Path) -> Iterator[str]:
    try:
        import frictionless
    except ImportError:
        raise missing_extra("data", "xxgk dataset validate") from None
    report = frictionless.validate(str(descriptor))
    for error in report.errors:
        yield f"datapackage.json: {error.type}: {error.note}"
    for task in report.tasks:
        for error in task.errors[:LIMIT]:
            where = f"row {error.row_number}" if getattr(error, "row_number", None) else ""
            yield f"{task.name}.csv {where}: {error.type}: {error.note}".replace(" :", ":")


def read_csv(root: Path, name: str) -> Iterator[dict[str, str]]:
    with open(root / "csv" / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _owners(root: Path, v: Validation) -> Iterator[str]:
    """Every row that names a report names one that exists."""
    reports = {row["report_id"] for row in read_csv(root, "reports")}
    v.checked["reports"] = len(reports)
    for name in OWNED:
        bad = n = 0
        for n, row in enumerate(read_csv(root, name), start=2):  # line 1 is the header
            rid = row["report_id"]
            if (rid or name != "sources") and rid not in reports:
                bad += 1
                if bad <= LIMIT:
                    yield f"{name}.csv row {n}: report_id {rid!r} is not in reports"
        v.checked[name] = max(0, n - 1)


def _rules(root: Path) -> Iterator[str]:
    """Every rule a finding names is in the package's rules and in xxgk's rule registry."""
    from xxgk.rules import RULES

    listed = {row["rule"] for row in read_csv(root, "rules")}
    for n, row in enumerate(read_csv(root, "findings"), start=2):
        rule = row["rule"]
        if rule not in listed:
            yield f"findings.csv row {n}: rule {rule!r} is not in rules"
        elif rule not in RULES or not RULES[rule].title:
            yield f"findings.csv row {n}: rule {rule!r} is not documented by xxgk (docs/rules.md)"


def _hash(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def _parquet(root: Path, data: dict[str, Any]) -> Iterator[str]:
    """Each Parquet file: the schema's columns and types, its hash, the recorded row count."""
    import pyarrow.parquet as pq

    from xxgk.dataset.writers import arrow_schema

    for entry in data.get("resources") or ():
        meta, rows = entry.get("xxgk:parquet") or {}, entry.get("xxgk:rows")
        path = root / meta.get("path", f"parquet/{entry['name']}.parquet")
        if not path.is_file():
            yield f"{path.name}: missing"
            continue
        if meta.get("hash") and _hash(path) != meta["hash"]:
            yield f"{path.name}: SHA-256 differs from datapackage.json"
        f = pq.ParquetFile(path)
        expected = arrow_schema(resource(entry["name"]))
        if not f.schema_arrow.remove_metadata().equals(expected, check_metadata=False):
            yield f"{path.name}: columns or types differ from the Table Schema"
        if f.metadata.num_rows != rows:
            yield f"{path.name}: {f.metadata.num_rows} rows, datapackage.json says {rows}"


def _sqlite(root: Path, data: dict[str, Any]) -> Iterator[str]:
    path = root / "xxgk.db"
    if not path.is_file():
        yield "xxgk.db: missing"
        return
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for entry in data.get("resources") or ():
            try:
                n = db.execute(f'SELECT count(*) FROM "{entry["name"]}"').fetchone()[0]
            except sqlite3.Error as exc:
                yield f"xxgk.db: table {entry['name']}: {exc}"
                continue
            if n != entry.get("xxgk:rows"):
                yield f"xxgk.db: table {entry['name']} has {n} rows, datapackage.json says {entry.get('xxgk:rows')}"
    finally:
        db.close()


def _resources_listed(data: dict[str, Any]) -> Iterator[str]:
    names = [e.get("name") for e in data.get("resources") or ()]
    for res in resources():
        if res.name not in names:
            yield f"datapackage.json: resource {res.name} is missing"


def validate(path: str | Path, *, rows: bool = True) -> Validation:
    """Check the package at ``path`` (a directory or its datapackage.json). ``rows=False``
    skips the frictionless row-by-row pass (the invariants still read every row)."""
    root, data = load_descriptor(path)
    v = Validation(root)
    checks = [_resources_listed(data), _parquet(root, data), _sqlite(root, data)]
    if rows:
        checks.insert(0, _frictionless(root / "datapackage.json"))
    if not v.problems and not list(_resources_listed(data)):
        checks += [_owners(root, v), _rules(root)]
    for check in checks:
        v.problems.extend(_take(check))
    return v


def _take(problems: Iterator[str]) -> list[str]:
    out: list[str] = []
    try:
        for problem in problems:
            out.append(problem)
            if len(out) >= LIMIT:
                out.append("… (more problems of this kind not shown)")
                break
    except (OSError, KeyError, ValueError) as exc:  # a missing or mangled file
        out.append(f"cannot read the package: {type(exc).__name__}: {exc}")
    return out
