"""Random *valid* reports: every arithmetic rule (R1–R7) holds by construction.

``make_report(random.Random(seed), edition="2021")`` is deterministic for a seed, so a
hypothesis test can draw the seed and a benchmark can make 10,000 reports.
"""

from __future__ import annotations

import random
from decimal import Decimal

from xxgk import form
from xxgk.model import Cell, Meta, Report, SectionText, Table

AGENCIES = (
    "示例市示例区人民政府",
    "示例市司法局",
    "示例县交通运输局",
    "示例省自然资源厅",
    "示例市生态环境局",
    "示例县人民政府办公室",
)

_PROSE = (
    "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，加强组织领导，完善工作机制。",
    "依托政府门户网站、政务新媒体等平台，及时准确发布政府信息。",
    "严格执行保密审查制度，做到先审查、后公开，一事一审、全面审查。",
    "加强政策解读，回应社会关切，提升政务公开质量。",
    "健全依申请公开受理、审查、答复、归档流程，确保依法按时答复。",
)


def _small(rng: random.Random, busy: float = 0.3, high: int = 40) -> int:
    return rng.randint(1, high) if rng.random() < busy else 0


def _requests(rng: random.Random, edition: str) -> Table:
    table = Table("requests", edition)
    outcomes = form.outcome_rows(edition)
    totals = {r.key: 0 for r in form.rows("requests", edition)}
    for col in form.APPLICANT_TYPES:
        busy = 0.6 if col == "natural_person" else 0.15
        counts = {r: _small(rng, busy) for r in outcomes}
        answered = sum(counts.values())
        forward = _small(rng, busy, 10)
        over = rng.randint(0, answered + forward) if rng.random() < 0.4 else 0
        counts.update(
            total=answered,
            carried_forward=forward,
            carried_over=over,
            new_received=answered + forward - over,
        )
        for row, value in counts.items():
            table.set(row, col, Cell.of(value))
            totals[row] += value
    for row, value in totals.items():
        table.set(row, "total", Cell.of(value))
    table.rows = {r.key: table.rows[r.key] for r in form.rows("requests", edition)}
    return table


def _appeals(rng: random.Random, edition: str) -> Table:
    table = Table("appeals", edition)
    for row in form.APPEALS_ROWS:
        parts = [_small(rng, 0.3, 6) for _ in range(4)]
        for col, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            table.set(row.key, col, Cell.of(value))
        table.set(row.key, "total", Cell.of(sum(parts)))
    return table


def _active_value(rng: random.Random, edition: str, row: str, column: str) -> Cell:
    if (row, column) in form.MONEY_COLUMNS:
        amount = Decimal(rng.randint(0, 99_999_999)).scaleb(-rng.choice((0, 2, 4)))
        return Cell.of(amount, form.FORM_UNITS.get((edition, row, column)))
    if column == "change":
        return Cell.of(rng.randint(-20, 30))
    if column == "previous":
        return Cell.of(rng.randint(20, 400))
    return Cell.of(rng.randint(0, 5000) if column == "decisions" else rng.randint(0, 60))


def _active(rng: random.Random, edition: str) -> Table:
    table = Table("active", edition)
    for block in form.active_blocks(edition):
        table.blocks[block.key] = edition
        for row in block.rows:
            for col in block.columns:
                table.set(row.key, col.key, _active_value(rng, edition, row.key, col.key))
    return table


def _sections(rng: random.Random, requests: Table) -> list[SectionText]:
    new = requests.value("new_received", "total")
    out = []
    for sec in form.SECTIONS:
        if sec.table is not None:
            text = ""
        else:
            text = "".join(rng.sample(_PROSE, k=rng.randint(1, 3)))
            if sec.key == "overview":
                text += f"全年共收到政府信息公开申请{new}件。"
        out.append(SectionText(sec.key, sec.heading, text))
    return out


def make_report(
    rng: random.Random,
    edition: str | None = None,
    year: int | None = None,
    agency: str | None = None,
) -> Report:
    """A random report that satisfies every arithmetic rule and uses the right edition."""
    edition = edition or rng.choice(form.EDITIONS)
    if year is None:
        year = rng.choice((2019, 2020)) if edition == "2019" else rng.randint(2021, 2025)
    agency = agency or rng.choice(AGENCIES)
    requests = _requests(rng, edition)
    meta = Meta(
        agency=agency,
        agency_from="data",
        year=year,
        year_from="data",
        edition=edition,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        format="data",
    )
    tables: dict[str, Table | None] = {
        "active": _active(rng, edition),
        "requests": requests,
        "appeals": _appeals(rng, edition),
    }
    return Report(meta, tables, _sections(rng, requests), [])
