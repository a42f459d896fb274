"""Printed rows → :class:`Table` s: editions, cells placed in columns, parse findings.

Editions are read block by block from the headers a table prints (``本年新制作数量`` →
2019, ``本年制发件数`` → 2021; truncated headers match by prefix). A block without
readable headers takes the edition whose column count matches its printed cells,
else the table's. Table 三's edition is the one its （六） rows follow: one row with
values → ``other`` (2019); three sub-rows → ``other.*`` (2021).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Protocol

from xxgk import form
from xxgk.document import Line
from xxgk.extract import findings as F
from xxgk.extract.align import FIT, Fitted, fit
from xxgk.extract.blanks import blank_cells, one_per_line, trailing_blanks
from xxgk.extract.cells import EMPTY, NULL, NUMBER, as_money, is_cell_like, parse_cell
from xxgk.extract.position import Layout, on_one_text_line
from xxgk.extract.repair import TYPO
from xxgk.extract.tables import Collected, PrintedRow
from xxgk.extract.tokens import Token
from xxgk.model import Cell, Finding, Source, Table


class Locator(Protocol):
    """Where tokens were printed: :meth:`where`, or from ``lines`` (what it does, inlined)."""

    lines: list[Line]

    def where(self, tok: Token) -> Source: ...


_BLOCK_OF_ROW = {
    r.key: b.key for ed in form.EDITIONS for b in form.active_blocks(ed) for r in b.rows
}
_ROW_EDITIONS = {
    r.key: frozenset(
        ed for ed in form.EDITIONS if any(x.key == r.key for x in form.rows("active", ed))
    )
    for ed in form.EDITIONS
    for r in form.rows("active", ed)
}
_MONEY_ROWS = frozenset(r for r, _ in form.MONEY_COLUMNS)
# The form's row orders and column keys, looked up once instead of once per row and report.
_ACTIVE_ORDER = [r.key for ed in form.EDITIONS for r in form.rows("active", ed)]
_ACTIVE_COLUMNS = {
    (ed, r.key): tuple(c.key for c in form.columns("active", ed, r.key))
    for ed in form.EDITIONS
    for r in form.rows("active", ed)
}
_REQUESTS_ORDER = [r.key for r in form.REQUESTS_ROWS]
_REQUESTS_COLUMNS = tuple(c.key for c in form.REQUESTS_COLUMNS)
_APPEALS_KEYS = [(r.key, c.key) for r in form.APPEALS_ROWS for c in form.APPEALS_COLUMNS]
_GROUP_OF = {r.key: r.group for r in form.REQUESTS_ROWS}
_OTHER_SUBROWS = tuple(r.key for r in form.REQUESTS_ROWS if r.key.startswith("other."))


class Builder:
    """Places cells into one table and collects the parse findings on the way."""

    def __init__(self, name: str, edition: str | None, locator: Locator) -> None:
        self.table = Table(name, edition)
        self.where = locator.where
        self.lines = locator.lines
        self.findings: list[Finding] = []
        # printed width → empties before the values, learned from rows placed unambiguously
        self.leads: dict[int, Counter[int]] = {}
        self.layout = Layout()  # column positions of rows printed on one spaced line
        self.complete: dict[str, tuple[list[Token], Token]] = {}  # group → its last full row

    def fit(self, tokens: list[Token], columns: int) -> Fitted:
        """:func:`fit`, preferring the placement this table's other rows of the same width used."""
        seen = self.leads.get(len(tokens))
        fitted = fit(tokens, columns, seen.most_common(1)[0][0] if seen else None)
        if fitted.how == FIT and not fitted.ambiguous and len(tokens) > columns:
            self.leads.setdefault(len(tokens), Counter())[fitted.lead] += 1
        return fitted

    def place(
        self,
        row: str,
        columns: tuple[str, ...],
        tokens: list[Token],
        edition: str,
        label: Token,
        group: str | None = None,
    ) -> None:
        """Fit ``tokens`` to ``columns`` and store the cells (or report why not)."""
        if len(tokens) < len(columns):
            reference = self._trailing(group)
            tokens = blank_cells(self.lines, tokens, len(columns), label, reference)
        elif group is not None:
            self.complete[group] = (tokens, label)  # its trailing blanks counted if needed
        if len(tokens) < len(columns) and on_one_text_line(tokens, self.lines):
            tokens = self.layout.place(tokens, len(columns)) or tokens
        if len(tokens) != len(columns):  # exactly as many cells as columns: nothing to fit
            fitted = self.fit(tokens, len(columns))
            if fitted.how != FIT:
                self.findings.append(
                    F.row_cell_count(
                        self.table.name,
                        row,
                        edition,
                        len(columns),
                        fitted,
                        self.where(label),
                        self.where,
                    )
                )
            if fitted.tokens is None:
                return
            tokens = fitted.tokens
        self._store(row, columns, tokens, edition)

    def cells_count(self, rows: set[str]) -> int:
        return sum(len(self.table.rows.get(r, {})) for r in rows)

    def _trailing(self, group: str | None) -> int | None:
        """Blank lines after the last complete row of ``group`` printed one cell per line."""
        tokens, label = self.complete.get(group, (None, None)) if group else (None, None)
        if tokens is None or label is None or not one_per_line(self.lines, tokens, label):
            return None
        return trailing_blanks(self.lines, tokens[-1].line)

    def _store(self, row: str, columns: tuple[str, ...], tokens: list[Token], edition: str) -> None:
        """One cell per column; :meth:`Locator.where` and :meth:`_cell` inlined for the
        common case (a number in a text line): this runs once per cell."""
        money = row in _MONEY_ROWS
        cells = self.table.rows.setdefault(row, {})
        lines = self.lines
        for column, tok in zip(columns, tokens, strict=True):
            source = tok.fragment_source
            if source is None:
                source = lines[tok.line].at(tok.column)
            kind, value, unit = parse_cell(tok.text)
            if kind is NUMBER and not money:
                cells[column] = Cell(tok.text, value, unit, source)
            else:
                cells[column] = self._cell(row, column, tok, edition, money, source)

    def _cell(
        self,
        row: str,
        column: str,
        tok: Token,
        edition: str,
        money: bool = False,
        source: Source | None = None,
    ) -> Cell:
        kind, value, unit = parse_cell(tok.text)
        if source is None:
            source = self.where(tok)
        if kind is not NUMBER:
            rule_id = "empty-cell" if kind is EMPTY or kind is NULL else "cell-unparsed"
            self.findings.append(
                F.cell_problem(rule_id, self.table.name, row, column, edition, tok.text, source)
            )
        elif money and (row, column) in form.MONEY_COLUMNS:
            value = as_money(value)
        return Cell(tok.text, value, unit, source)

    def repaired(self, row: PrintedRow, edition: str) -> None:
        """A misprinted label read as a row says so (the report's defect, not the layout's)."""
        if row.repaired == TYPO and row.key is not None:
            self.findings.append(
                F.label_repaired(
                    self.table.name, row.key, edition, row.label.text, self.where(row.label)
                )
            )

    def unknown(self, row: PrintedRow) -> None:
        """Numbers under a label the form does not have (text beside it is not a value)."""
        values = [t for t in row.tokens if t.text and is_cell_like(t.text)]
        if values:
            self.findings.append(
                F.label_unknown(self.table.name, row.label.text, len(values), self.where(row.label))
            )


def _first_rows(rows: list[PrintedRow]) -> dict[str, PrintedRow]:
    """Each form row once: the first printing that has a cell, else the first."""
    out: dict[str, PrintedRow] = {}
    for r in rows:
        if r.key is None:
            continue
        if r.key not in out or (
            not any(t.text for t in out[r.key].tokens) and any(t.text for t in r.tokens)
        ):
            out[r.key] = r
    return out


# --------------------------------------------------------------------------- table 二


def _vote(counter: Counter | None) -> str | None:
    if not counter:
        return None
    (best, n), *rest = counter.most_common()
    return None if rest and rest[0][1] == n else best


def _count_edition(row: PrintedRow) -> str | None:
    """The edition whose column count the printed cells fit exactly, if only one does."""
    fits = [
        ed
        for ed in _ROW_EDITIONS[row.key]  # type: ignore[index]
        if fit(row.tokens, len(_ACTIVE_COLUMNS[ed, row.key])).how == FIT  # type: ignore[index]
    ]
    return fits[0] if len(fits) == 1 else None


def active_editions(
    col: Collected, printed: dict[str, PrintedRow], fallback: str | None
) -> dict[str, str]:
    """The edition of each printed block of table 二."""
    blocks: dict[str, str | None] = {}
    votes = {b: _vote(counter) for b, counter in col.votes.items()}  # once per block, not row
    for key, row in printed.items():
        block = _BLOCK_OF_ROW[key]
        ed = votes.get(row.block) if row.block in (block, None) else None
        if ed is not None and ed not in _ROW_EDITIONS[key]:
            ed = next(iter(_ROW_EDITIONS[key]))
        if blocks.get(block) is None:
            blocks[block] = ed or _count_edition(row)
    known = Counter(ed for ed in blocks.values() if ed)
    default = _vote(known) or (known.most_common(1)[0][0] if known else None) or fallback or "2019"
    return {b: ed or default for b, ed in blocks.items()}


def table_edition(blocks: dict[str, str]) -> str | None:
    """Table 二's edition: the one most of its blocks print (ties: block （一）'s)."""
    votes = Counter(blocks.values())
    return _vote(votes) or blocks.get("art20_1") or next(iter(blocks.values()), None)


def build_active(
    col: Collected, locator: Locator, fallback: str | None
) -> tuple[Table | None, list[Finding]]:
    printed = _first_rows(col.rows)
    if not printed:
        return None, []
    blocks = active_editions(col, printed, fallback)
    b = Builder("active", table_edition(blocks), locator)
    b.table.blocks = dict(sorted(blocks.items()))
    ordered = _active_by_order(col, printed, blocks, b)
    for key in _ordered(printed, _ACTIVE_ORDER):
        if key in ordered:
            continue
        row = printed[key]
        ed = blocks[_BLOCK_OF_ROW[key]]
        if ed not in _ROW_EDITIONS[key]:
            ed = next(iter(_ROW_EDITIONS[key]))
        b.place(key, _ACTIVE_COLUMNS[ed, key], row.tokens, ed, row.label)
    for row in col.rows:
        if row.key is None:
            b.unknown(row)
    return b.table, b.findings


def _active_by_order(
    col: Collected, printed: dict[str, PrintedRow], blocks: dict[str, str], b: Builder
) -> set[str]:
    """Table 二's blocks whose row labels were printed apart from their cells (pdftotext
    without ``-layout`` prints the label column first, then each block's cells): a block's
    cells are read in the form's order only when all its rows' labels were printed, in the
    form's order, with no cell, exactly as many numbers follow its block label as its rows
    have columns, and the order cannot be read two ways (one row, or one column per row:
    table 二 has no sums that would tell row-by-row from column-by-column). Returns the rows
    read so."""
    done: set[str] = set()
    order = [r.key for r in col.rows if r.key is not None]
    for block, edition in blocks.items():
        rows = [r.key for r in form.block(edition, block).rows]
        cells = col.orphans.get(block, [])
        columns = [_ACTIVE_COLUMNS[edition, r] for r in rows]
        if not cells or len(cells) != sum(len(c) for c in columns):
            continue
        if len(rows) > 1 and any(len(c) > 1 for c in columns):
            continue  # row by row or column by column? nothing checks it: not read
        if any(r not in printed or any(t.text for t in printed[r].tokens) for r in rows):
            continue
        if [k for k in order if k in rows] != rows:  # labels not in the form's order
            continue
        if not all(parse_cell(t.text).kind is NUMBER for t in cells):
            continue
        at = 0
        for key, cols in zip(rows, columns, strict=True):
            b.place(key, cols, cells[at : at + len(cols)], edition, printed[key].label)
            at += len(cols)
        done.update(rows)
    if done:
        first = min((printed[k].label for k in done), key=lambda t: t.line)
        b.findings.append(
            F.cells_by_order(
                "active", b.cells_count(done), b.where(first), "各行标签按格式顺序印出"
            )
        )
    return done


def _ordered(printed: dict[str, PrintedRow], order: list[str]) -> list[str]:
    seen = dict.fromkeys(k for k in order if k in printed)
    return list(seen) + [k for k in printed if k not in seen]


def expected_active_rows(table: Table) -> list[str]:
    """The rows table 二 should print: each block's rows in the block's edition."""
    edition = table.edition or "2019"
    out = []
    for block in form.active_blocks(edition):
        ed = table.blocks.get(block.key, edition)
        out += [r.key for r in form.block(ed, block.key).rows] if _has_block(ed, block.key) else []
    return out


def _has_block(edition: str, key: str) -> bool:
    return any(b.key == key for b in form.active_blocks(edition))


# --------------------------------------------------------------------------- table 三


def requests_edition(printed: dict[str, PrintedRow]) -> str | None:
    """The edition table 三's （六） rows follow, if they are printed."""
    if any(k in printed for k in _OTHER_SUBROWS):
        return "2021"
    if "other" in printed:
        return "2019"
    return None


def build_requests(
    col: Collected, locator: Locator, fallback: str | None
) -> tuple[Table | None, list[Finding]]:
    printed = _first_rows(col.rows)
    if any(k in printed for k in _OTHER_SUBROWS):
        printed.pop("other", None)  # （六）其他处理 heads the three 2021 sub-rows: a group label
    if not printed:
        return None, []
    edition = requests_edition(printed)
    b = Builder("requests", edition or fallback, locator)
    if edition:
        b.table.blocks = {"other": edition}
    for row in printed.values():
        if len(row.tokens) == len(_REQUESTS_COLUMNS) and on_one_text_line(row.tokens, b.lines):
            b.layout.learn(row.tokens)
    for key in _ordered(printed, _REQUESTS_ORDER):
        row = printed[key]
        b.repaired(row, edition or fallback or "2019")
        ed = edition or fallback or "2019"
        b.place(key, _REQUESTS_COLUMNS, row.tokens, ed, row.label, _GROUP_OF.get(key) or key)
    for row in col.rows:
        if row.key is None:
            b.unknown(row)
    return b.table, b.findings


def single_other(active: Table | None, requests: Table | None) -> list[Finding]:
    """A 2021-edition report whose table 三 prints the 2019 single ``（六）其他处理`` row
    (seen in real 2023 and 2024 reports): the table is the 2021 edition with that one row
    (key ``other``, the sum of the three sub-rows, which R3 then uses), and one finding
    says the form's three sub-rows were not printed — not a mix of editions."""
    if active is None or requests is None or active.edition != "2021":
        return []
    if requests.blocks.get("other") != "2019" or "other" not in requests.rows:
        return []
    requests.edition = "2021"
    label = requests.rows["other"]
    source = next(iter(label.values())).source if label else None
    return [F.other_single(source)]


def expected_requests_rows(table: Table) -> list[str]:
    """The rows table 三 should print: its edition's, with a printed 2019 ``other`` row
    standing for the three 2021 sub-rows."""
    rows = _requests_rows(table.edition or "2019")
    if "other" in table.rows and table.edition == "2021":
        first = rows.index(_OTHER_SUBROWS[0])
        rows = [*rows[:first], "other", *(r for r in rows[first:] if r not in _OTHER_SUBROWS)]
    return rows


@cache
def _requests_rows(edition: str) -> list[str]:
    return [r.key for r in form.rows("requests", edition)]


# --------------------------------------------------------------------------- table 四


def build_appeals(
    data: list[Token], labels: int, locator: Locator, edition: str | None
) -> tuple[Table | None, list[Finding]]:
    if not data and not labels:
        return None, []
    if not any(t.text for t in data) and labels < 3:
        return None, []
    b = Builder("appeals", edition, locator)
    keys = _APPEALS_KEYS
    fitted = fit(data, len(keys))
    label = data[0] if data else None
    if fitted.how != FIT:
        b.findings.append(
            F.row_cell_count(
                "appeals",
                None,
                edition or "2019",
                len(keys),
                fitted,
                b.where(label) if label else None,
                b.where,
            )
        )
    if fitted.tokens is not None:
        for (row, column), tok in zip(keys, fitted.tokens, strict=True):
            b.table.set(row, column, b._cell(row, column, tok, edition or "2019"))
    return b.table, b.findings


# --------------------------------------------------------------------------- missing rows


def missing_rows(table: Table, expected: list[str], at_end: bool) -> list[Finding]:
    """``row-missing`` for gaps; one ``table-truncated`` / ``report-truncated`` for a missing tail."""
    missing = [k for k in expected if k not in table.rows]
    if not missing:
        return []
    printed_idx = [i for i, k in enumerate(expected) if k in table.rows]
    last = max(printed_idx, default=-1)
    tail = [k for k in expected[last + 1 :]]
    edition = table.edition or "2019"
    out = [F.row_missing(table.name, k, edition) for k in missing if k not in tail]
    if tail:
        rule_id = "report-truncated" if at_end else "table-truncated"
        out.append(F.rows_missing(table.name, rule_id, tail, edition))
    return out


def appeals_by_order(
    data: list[Token], table: Table, found: list[Finding], locator: Locator
) -> tuple[Table, list[Finding]]:
    """Table 四's cells read in reading order when the header labels were printed among
    them (pdftotext without ``-layout``) — only when exactly 15 cells were printed, none
    empty, and every row then adds up (R4–R6); else the table as it was, with its finding."""
    if len(data) != len(_APPEALS_KEYS) or not all(parse_cell(t.text).kind is NUMBER for t in data):
        return table, found
    values = [parse_cell(t.text).value for t in data]
    width = len(form.APPEALS_COLUMNS)
    for start in range(0, len(values), width):
        *parts, total = values[start : start + width]
        if sum(v or 0 for v in parts) != total:
            return table, found
    b = Builder("appeals", table.edition, locator)
    for (row, column), tok in zip(_APPEALS_KEYS, data, strict=True):
        b.table.set(row, column, b._cell(row, column, tok, table.edition or "2019"))
    b.findings.append(F.cells_by_order("appeals", len(data), b.where(data[0]), "R4–R6"))
    return b.table, b.findings
