"""The request ledger's tables (steps 1–2 shipped in 0.1.0: never edit them, append)."""

from __future__ import annotations

STEPS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE requests (
            id TEXT PRIMARY KEY,
            applicant_type TEXT NOT NULL,
            applicant TEXT, channel TEXT, description TEXT,
            received_on TEXT NOT NULL,
            state TEXT NOT NULL,
            outcome TEXT, answered_on TEXT,
            answer_due TEXT, correction_due TEXT, reply_due TEXT, warnings TEXT)""",
        """CREATE TABLE events (
            id {serial},
            request_id TEXT NOT NULL REFERENCES requests(id),
            kind TEXT NOT NULL, on_date TEXT NOT NULL, data TEXT NOT NULL,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL)""",
        "CREATE INDEX events_request ON events (request_id, id)",
        "CREATE INDEX requests_year ON requests (received_on, answered_on, applicant_type, outcome)",
        "CREATE INDEX requests_open ON requests (answer_due) WHERE state <> 'closed'",
        """CREATE TABLE calendar_days (
            day TEXT PRIMARY KEY, workday INTEGER NOT NULL, note TEXT,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL)""",
        """CREATE TABLE appeals (
            id TEXT PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests(id),
            kind TEXT NOT NULL, filed_on TEXT NOT NULL,
            result TEXT, decided_on TEXT,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            decided_by TEXT, decided_at TEXT)""",
        "CREATE INDEX appeals_year ON appeals (filed_on, decided_on)",
    ),
    (  # 2: the due list reads open requests from the index alone (no table look-ups), and
        # the year's GROUP BY applicant_type, outcome streams in index order (no sort)
        "CREATE INDEX requests_group ON requests (applicant_type, outcome, received_on, answered_on)",
        "DROP INDEX requests_open",
        """CREATE INDEX requests_open ON requests (answer_due, id, reply_due, correction_due, warnings, state)
            WHERE state <> 'closed'""",
    ),
)

# The multi-unit ledger (a request belongs to a unit; ids unique per unit), approvals,
# archived case files: the steps that come after the unit registry.
#
# Step 3 moves a 0.1 ledger over: its requests, events and appeals go to one unit, code
# ``local`` (named by the ``agency`` setting, else 本单位), created only when the database
# holds a ledger already; its settings are copied to that unit. Event ids are kept (``void``
# events name them). The tables are rebuilt with (unit_code, id) keys and renamed back.
DEFAULT_UNIT = "local"

_MOVE_REQUESTS = f"""INSERT INTO requests_v3 SELECT '{DEFAULT_UNIT}', id, applicant_type, applicant,
    channel, description, received_on, state, outcome, answered_on, answer_due, correction_due,
    reply_due, warnings FROM requests"""

UNIT_STEPS: tuple[tuple[str, ...], ...] = (
    (
        f"""INSERT INTO unit (code, name, kind, created_at, updated_at)
            SELECT '{DEFAULT_UNIT}', COALESCE((SELECT value FROM settings WHERE key = 'agency'), '本单位'),
                   '其他', CAST(CURRENT_TIMESTAMP AS TEXT), CAST(CURRENT_TIMESTAMP AS TEXT)
            WHERE EXISTS (SELECT 1 FROM requests) OR EXISTS (SELECT 1 FROM settings)""",
        """CREATE TABLE unit_setting (
            unit_code TEXT NOT NULL REFERENCES unit(code),
            key TEXT NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (unit_code, key))""",
        f"INSERT INTO unit_setting SELECT '{DEFAULT_UNIT}', key, value FROM settings",
        """CREATE TABLE requests_v3 (
            unit_code TEXT NOT NULL REFERENCES unit(code),
            id TEXT NOT NULL,
            applicant_type TEXT NOT NULL,
            applicant TEXT, channel TEXT, description TEXT,
            received_on TEXT NOT NULL,
            state TEXT NOT NULL,
            outcome TEXT, answered_on TEXT,
            answer_due TEXT, correction_due TEXT, reply_due TEXT, warnings TEXT,
            PRIMARY KEY (unit_code, id))""",
        _MOVE_REQUESTS,
        """CREATE TABLE events_v3 (
            id {serial},
            unit_code TEXT NOT NULL,
            request_id TEXT NOT NULL,
            kind TEXT NOT NULL, on_date TEXT NOT NULL, data TEXT NOT NULL,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            FOREIGN KEY (unit_code, request_id) REFERENCES requests_v3 (unit_code, id))""",
        f"""INSERT INTO events_v3 (id, unit_code, request_id, kind, on_date, data, recorded_by,
            recorded_at) SELECT id, '{DEFAULT_UNIT}', request_id, kind, on_date, data,
            recorded_by, recorded_at FROM events""",
        "{postgres_only} SELECT setval(pg_get_serial_sequence('events_v3', 'id'),"
        " COALESCE((SELECT max(id) FROM events_v3), 0) + 1, false)",
        """CREATE TABLE appeals_v3 (
            unit_code TEXT NOT NULL,
            id TEXT NOT NULL,
            request_id TEXT NOT NULL,
            kind TEXT NOT NULL, filed_on TEXT NOT NULL,
            result TEXT, decided_on TEXT,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            decided_by TEXT, decided_at TEXT,
            PRIMARY KEY (unit_code, id),
            FOREIGN KEY (unit_code, request_id) REFERENCES requests_v3 (unit_code, id))""",
        f"""INSERT INTO appeals_v3 SELECT '{DEFAULT_UNIT}', id, request_id, kind, filed_on, result,
            decided_on, recorded_by, recorded_at, decided_by, decided_at FROM appeals""",
        "DROP TABLE appeals",
        "DROP TABLE events",
        "DROP TABLE requests",
        "ALTER TABLE requests_v3 RENAME TO requests",
        "ALTER TABLE events_v3 RENAME TO events",
        "ALTER TABLE appeals_v3 RENAME TO appeals",
        "CREATE INDEX events_request ON events (unit_code, request_id, id)",
        "CREATE INDEX events_kind ON events (unit_code, kind, request_id)",
        """CREATE INDEX requests_group ON requests
            (unit_code, applicant_type, outcome, received_on, answered_on)""",
        """CREATE INDEX requests_open ON requests
            (unit_code, answer_due, id, reply_due, correction_due, warnings, state)
            WHERE state <> 'closed'""",
        "CREATE INDEX requests_received ON requests (unit_code, received_on, id)",
        """CREATE INDEX requests_open_received ON requests (unit_code, received_on, id)
            WHERE state <> 'closed'""",
        "CREATE INDEX requests_applicant ON requests (unit_code, applicant, received_on)",
        "CREATE INDEX appeals_year ON appeals (unit_code, filed_on, decided_on)",
        """CREATE TABLE request_contact (
            unit_code TEXT NOT NULL,
            request_id TEXT NOT NULL,
            id_number TEXT, phone TEXT, address TEXT, email TEXT,
            updated_by TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (unit_code, request_id),
            FOREIGN KEY (unit_code, request_id) REFERENCES requests (unit_code, id))""",
    ),
)
