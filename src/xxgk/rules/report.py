"""F1–F2: the report as a whole — the edition of the form, and the sections and their order.

* F1 ``report-edition`` — the edition used is not the one for the report year (a 2021+ report
  printed in the 2019 edition is the classic "未使用新格式"); ``report-edition-mixed`` — the
  blocks of table 二 and table 三 were printed in different editions. Table 四 is identical in
  both editions, so it cannot take part in a mix.
* ``report-empty`` (error) — an unfilled form: tables printed, not one number in them. It is
  the one finding for such a report (the per-cell ``empty-cell`` warnings are dropped, see
  :func:`xxgk.rules.parse_findings`). ``report-agency-missing`` / ``report-year-missing`` are
  raised only by rendering (:func:`xxgk.render.render`): a report in the official layout needs both.
* F2 ``report-section-missing`` / ``report-section-order`` (warnings) — the six sections; a
  table section whose *table* is missing is left to the parser's ``table-missing`` (one defect,
  one finding). ``report-table-order`` (error) — the three tables printed out of order, judged
  from where their cells were found.

F3 (figures quoted in the prose) lives in :mod:`xxgk.rules.prose`.
"""

from __future__ import annotations

from collections.abc import Iterator

from xxgk import form
from xxgk.model import Finding, Report, Source, Table
from xxgk.rules import prose  # noqa: F401  (registers F3 next to F1–F2)
from xxgk.rules.registry import Context, check, finding, rule

rule(
    "report-edition",
    severity="error",
    ref="F1",
    title="The report uses the edition of the form for its year (2019–2020: 2019; 2021 on: 2021).",
    zh="{year}年度报告应使用{expected}版格式（{document}），但使用了{edition}版格式",
    en="a report on {year} must use the {expected} edition of the form, but uses the {edition} edition",
)
rule(
    "report-edition-mixed",
    severity="error",
    ref="F1",
    title="All blocks of tables 二 and 三 are printed in the same edition. Not raised when the "
    "only deviation is a single 2019 （六）其他处理 row in a 2021 table 三: that is the warning "
    "requests-other-single (the numbers are all printed and add up).",
    zh="报告混用了两版格式：{detail}",
    en="the report mixes editions of the form: {detail_en}",
)
rule(
    "report-empty",
    severity="error",
    ref="F2",
    title="An unfilled form: the tables are there but no number is filled in (one finding, "
    "instead of an empty-cell warning per cell); rendering refuses it. Not raised when numbers "
    "are printed but could not be placed (row-cell-count, label-unknown say so).",
    zh="报告中没有填写任何数字",
    en="no number is filled in",
)
rule(
    "report-agency-missing",
    severity="error",
    phase="render",
    ref="F2",
    title="Rendering: the report names no agency (机关名称); the official layout needs it.",
    zh="报告没有填写机关名称，不能生成正式文本",
    en="the report has no agency, so it cannot be rendered as a finished report",
)
rule(
    "report-year-missing",
    severity="error",
    phase="render",
    ref="F2",
    title="Rendering: the report names no year (报告年度); the official layout needs it.",
    zh="报告没有填写报告年度，不能生成正式文本",
    en="the report has no year, so it cannot be rendered as a finished report",
)
rule(
    "report-section-missing",
    severity="warning",
    ref="F2",
    title="Each of the six sections is present (a missing table is reported by table-missing).",
    zh="缺少“{heading}”部分",
    en="section {key} ({number}) is missing",
)
rule(
    "report-section-order",
    severity="warning",
    ref="F2",
    title="The six sections appear in the form's order.",
    zh="“{heading}”出现在“{after}”之后，顺序与格式不符",
    en="section {key} appears after section {after_key}, out of the form's order",
)
rule(
    "report-table-order",
    severity="error",
    ref="F2",
    title="The three tables appear in the form's order (二 active, 三 requests, 四 appeals).",
    zh="表格“{title}”出现在“{after}”之前，顺序与格式不符",
    en="table {key} is printed before table {after_key}, out of the form's order",
)


# --------------------------------------------------------------------------- F1 edition


def report_edition(report: Report) -> str | None:
    """The edition the report is printed in: its meta, else table 二's, else table 三's."""
    if report.meta.edition:
        return report.meta.edition
    for name in ("active", "requests"):
        table = report.table(name)
        if table is not None and table.edition:
            return table.edition
    return None


@check("report-edition")
def check_edition(report: Report, ctx: Context) -> Iterator[Finding]:
    year, edition = report.meta.year, report_edition(report)
    if year is None or edition is None:
        return
    expected = form.edition_for_year(year)
    if edition != expected:
        yield finding(
            "report-edition",
            numbers={"year": year, "edition": edition, "expected": expected},
            params={"document": form.EDITION_DOCUMENTS[expected]},
        )


def printed_editions(report: Report) -> dict[str, str]:
    """``{"active/art20_1": "2021", …, "requests": "2019"}``: the edition of each block."""
    out: dict[str, str] = {}
    active = report.table("active")
    if active is not None:
        if active.blocks:
            out.update({f"active/{k}": ed for k, ed in active.blocks.items() if ed})
        elif active.edition:
            out["active"] = active.edition
    requests = report.table("requests")
    if requests is not None and requests.edition:
        out["requests"] = requests.edition
    return out


def _place_label(place: str, edition: str) -> str:
    table, _, block = place.partition("/")
    if not block:
        return form.table_title(table)
    for ed in (edition, *form.EDITIONS):
        if any(b.key == block for b in form.active_blocks(ed)):
            return form.block(ed, block).label
    return place


@check("report-edition-mixed")
def check_mixed(report: Report, ctx: Context) -> Iterator[Finding]:
    editions = printed_editions(report)
    if len(set(editions.values())) < 2:
        return
    detail = "；".join(f"{_place_label(p, ed)}：{ed}版" for p, ed in editions.items())
    detail_en = "; ".join(f"{p}: {ed}" for p, ed in editions.items())
    yield finding(
        "report-edition-mixed",
        numbers={"editions": editions},
        params={"detail": detail, "detail_en": detail_en},
    )


# --------------------------------------------------------------------------- an unfilled form


def is_empty(report: Report) -> bool:
    """Tables are printed (or were read from a form) but no cell one fills in holds a number.
    The totals do not count: a blank template's live sums, rendered, print ``0``. Numbers
    printed but not placed (:func:`_printed_unread`) are not an unfilled form."""
    tables = [t for t in report.tables.values() if t is not None]
    if not tables:
        return False  # no table at all is table-missing's finding
    if any(_printed_unread(f) for f in report.findings):
        return False
    return all(
        cell.value is None
        for t in tables
        for row, column, cell in t.cells()
        if "total" not in (row, column)
    )


def _printed_unread(f: Finding) -> bool:
    """A parse finding of numbers printed but not read: a row printing the wrong number of
    cells (``row-cell-count``), or numbers beside a label the form lacks (``label-unknown``)."""
    if f.rule == "row-cell-count":
        return bool(f.numbers.get("unplaced"))
    return f.rule == "label-unknown" and bool(f.numbers.get("printed"))


@check("report-empty")
def check_empty(report: Report, ctx: Context) -> Iterator[Finding]:
    if is_empty(report):
        yield finding("report-empty")


def render_blockers(report: Report) -> list[Finding]:
    """What a rendering needs besides clean arithmetic: an agency and a year."""
    out = []
    if not (report.meta.agency or "").strip():
        out.append(finding("report-agency-missing"))
    if report.meta.year is None:
        out.append(finding("report-year-missing"))
    return out


# --------------------------------------------------------------------------- F2 structure


def _section_params(key: str) -> dict[str, str]:
    sec = form.section(key)
    return {"heading": sec.heading, "key": key, "number": sec.number}


@check("report-section-missing")
def check_sections(report: Report, ctx: Context) -> Iterator[Finding]:
    present = {s.key for s in report.sections}
    for sec in form.SECTIONS:
        if sec.key in present:
            continue
        if sec.table is not None and report.table(sec.table) is None:
            continue  # the parser's table-missing says it
        yield finding("report-section-missing", params=_section_params(sec.key))


@check("report-section-order")
def check_section_order(report: Report, ctx: Context) -> Iterator[Finding]:
    index = {key: i for i, key in enumerate(form.SECTION_KEYS)}
    latest: str | None = None
    for s in report.sections:
        if s.key not in index:
            continue
        if latest is not None and index[s.key] < index[latest]:
            params = {
                **_section_params(s.key),
                "after": form.section(latest).heading,
                "after_key": latest,
            }
            yield finding("report-section-order", params=params, source=s.source)
        elif latest is None or index[s.key] > index[latest]:
            latest = s.key


def position(table: Table) -> tuple[str, tuple] | None:
    """Where a table starts, as a comparable ``(kind, key)`` from its cells' sources."""
    keys = []
    for cells in table.rows.values():  # a row's first printed cell is where the row starts
        cell = next(iter(cells.values()), None)
        if cell is not None and cell.source is not None and (key := _source_key(cell.source)):
            keys.append(key)
    return min(keys) if keys else None


def _source_key(src: Source) -> tuple[str, tuple] | None:
    if src.page is not None:
        return ("page", (src.page, src.box[1] if src.box else 0.0))
    if src.table is not None:
        return ("grid", (src.table, src.row or 0))
    if src.line is not None:
        return ("line", (src.line,))
    return None


@check("report-table-order")
def check_table_order(report: Report, ctx: Context) -> Iterator[Finding]:
    placed = []
    for name in form.TABLES:
        table = report.table(name)
        pos = position(table) if table is not None else None
        if pos is not None:
            placed.append((name, pos))
    if len({pos[0] for _, pos in placed}) != 1:
        return  # no positions, or positions of different kinds: not comparable
    for (first, p1), (second, p2) in zip(placed, placed[1:], strict=False):
        if p2 < p1:
            yield finding(
                "report-table-order",
                table=second,
                params={
                    "title": form.table_title(second),
                    "key": second,
                    "after": form.table_title(first),
                    "after_key": first,
                },
            )


EXAMPLES = {
    "report-edition": {
        "numbers": {"year": 2022, "edition": "2019", "expected": "2021"},
        "params": {"document": form.EDITION_DOCUMENTS["2021"]},
    },
    "report-edition-mixed": {
        "numbers": {"editions": {"active/art20_1": "2021", "requests": "2019"}},
        "params": {
            "detail": f"{form.block('2021', 'art20_1').label}：2021版；{form.table_title('requests')}：2019版",
            "detail_en": "active/art20_1: 2021; requests: 2019",
        },
    },
    "report-section-missing": {"params": _section_params("other")},
    "report-section-order": {
        "params": {
            **_section_params("overview"),
            "after": form.section("problems").heading,
            "after_key": "problems",
        },
    },
    "report-table-order": {
        "params": {
            "title": form.table_title("requests"),
            "key": "requests",
            "after": form.table_title("appeals"),
            "after_key": "appeals",
        },
    },
}
