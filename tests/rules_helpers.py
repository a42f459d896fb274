"""Hand-built reports for the rule tests (tests/test_rules_*.py)."""

from __future__ import annotations

from xxgk import form
from xxgk.model import Cell, Meta, Report, SectionText, Table
from xxgk.rules import run


def requests_table(edition: str = "2019", values: dict | None = None) -> Table:
    """Every requests cell printed as 0, then ``values[(row, column)]`` set on top."""
    table = Table("requests", edition)
    for row, column in form.cell_keys("requests", edition):
        table.set(row, column, Cell.of(0))
    for (row, column), value in (values or {}).items():
        table.set(row, column, Cell.of(value))
    return table


# A small valid table 三 worked out by hand:
#   natural_person: new 10 + over 2 = 12 = granted 7 + state_secret 3 (total 10) + forward 2
#   commercial:     new 1           = 1  = granted 1 (total 1)
#   total column = the row sums.
VALID = {
    ("new_received", "natural_person"): 10,
    ("carried_over", "natural_person"): 2,
    ("granted", "natural_person"): 7,
    ("denied.state_secret", "natural_person"): 3,
    ("total", "natural_person"): 10,
    ("carried_forward", "natural_person"): 2,
    ("new_received", "commercial"): 1,
    ("granted", "commercial"): 1,
    ("total", "commercial"): 1,
    ("new_received", "total"): 11,
    ("carried_over", "total"): 2,
    ("granted", "total"): 8,
    ("denied.state_secret", "total"): 3,
    ("total", "total"): 11,
    ("carried_forward", "total"): 2,
}

# Seed 004 (城固县, 2020, 2019 edition) as printed: 15 requests from natural persons, all
# granted — but the granted row prints 0 under 自然人, an empty 其他, and 15 under 总计;
# the （六）其他处理 row prints an empty first cell.
SEED_004 = {
    ("new_received", "natural_person"): 15,
    ("new_received", "total"): 15,
    ("granted", "other_org"): None,
    ("granted", "total"): 15,
    ("other", "natural_person"): None,
    ("total", "natural_person"): 15,
    ("total", "total"): 15,
}


def appeals_table(values: dict | None = None, edition: str = "2019") -> Table:
    table = Table("appeals", edition)
    for row, column in form.cell_keys("appeals", edition):
        table.set(row, column, Cell.of(0))
    for (row, column), value in (values or {}).items():
        table.set(row, column, Cell.of(value))
    return table


def active_table(edition: str = "2019", values: dict | None = None) -> Table:
    table = Table("active", edition)
    for block in form.active_blocks(edition):
        table.blocks[block.key] = edition
    for row, column in form.cell_keys("active", edition):
        table.set(row, column, Cell.of(0))
    for (row, column), value in (values or {}).items():
        table.set(row, column, Cell.of(value))
    return table


def report(
    *,
    year: int = 2020,
    edition: str = "2019",
    requests: Table | None = None,
    appeals: Table | None = None,
    active: Table | None = None,
    sections: list[SectionText] | None = None,
) -> Report:
    meta = Meta(agency="示例县司法局", year=year, edition=edition)
    tables = {"active": active, "requests": requests, "appeals": appeals}
    return Report(meta, tables, sections if sections is not None else full_sections(), [])


def full_sections(overview: str = "") -> list[SectionText]:
    return [
        SectionText(s.key, s.heading, overview if s.key == "overview" else "")
        for s in form.SECTIONS
    ]


def findings(rep: Report, *rule_ids: str, previous: Report | None = None):
    """The findings of ``rule_ids`` (all when none given) — never an internal error."""
    out = run(rep, previous=previous)
    assert not [f for f in out if f.rule == "internal-error"], out
    return [f for f in out if not rule_ids or f.rule in rule_ids]
