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
UNIT_STEPS: tuple[tuple[str, ...], ...] = ()
