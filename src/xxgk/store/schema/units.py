"""The unit registry: the agencies an office oversees, as a tree (政府 → 部门 / 乡镇街道).

``unit.code`` is the key every other table refers to (a request, a user, a report belongs to a
unit). ``unit_alias`` keeps the other names a unit is printed under — aliases, and former names
with the last year they were used, so a unit's history of names stays matched.
"""

from __future__ import annotations

STEPS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE unit (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            parent_code TEXT REFERENCES unit(code),
            kind TEXT NOT NULL DEFAULT '其他',
            report_page TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL)""",
        "CREATE INDEX unit_parent ON unit (parent_code, code)",
        """CREATE TABLE unit_alias (
            unit_code TEXT NOT NULL REFERENCES unit(code),
            alias TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'alias',
            until_year INTEGER,
            PRIMARY KEY (unit_code, alias))""",
        "CREATE INDEX unit_alias_name ON unit_alias (alias)",
    ),
)
