"""Document → Report: every printed cell with its place, the sections, the metadata.

The pipeline::

    sections.find_headings   the six sections, by heading text
    meta.read_meta           agency, year, compiler, title
    tokens.pieces            each table line → pieces (tab / pipe / space / grid layouts)
    tables.collect           tokens → printed rows, anchored on the form's labels
    assemble.build_*         rows → Tables: editions, cells fitted to columns, findings

It never invents a number: a cell that cannot be placed with certainty is not read
and a parse finding (:mod:`xxgk.rules.parse`) says what was printed and what was done.
Only :class:`~xxgk.errors.XxgkError` leaves :func:`extract`.
"""

from __future__ import annotations

import gc
from itertools import compress

from xxgk import form
from xxgk.chinese import fold, looks_traditional
from xxgk.document import Document
from xxgk.errors import NotAReport, UnreadableSource, XxgkError
from xxgk.extract import assemble, layout
from xxgk.extract import findings as F
from xxgk.extract.labels import lexicon
from xxgk.extract.meta import read_meta
from xxgk.extract.sections import TABLE_OF_SECTION, find_headings, regions, section_texts
from xxgk.extract.tables import (
    Lines,
    appeals_data,
    appeals_in_reading_order,
    collect,
    count_labels,
)
from xxgk.extract.tokens import Piece, Token, pieces, text_pieces
from xxgk.model import Finding, Report, Source, Table

__all__ = ["extract"]

# How much of the opening is searched for the place an agency name is relative to.
_META_LINES, _META_CHARS = 60, 6000
# Fewest labels that make a table when it is searched for without its heading.
_FALLBACK_EVIDENCE = {"active": 2, "requests": 3, "appeals": 3}


def extract(doc: Document) -> Report:
    """Read every printed cell, section and the metadata of ``doc``."""
    # The extractor makes thousands of small objects that all live until the Report is
    # returned: cyclic GC passes over them would find nothing to free.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Extraction(layout.undo(doc)).run()
    except XxgkError:
        raise
    except Exception as exc:  # a bug must not escape as a traceback in a batch
        raise UnreadableSource(
            f"internal error while extracting: {type(exc).__name__}: {exc}", path=doc.path
        ) from exc
    finally:
        if gc_was_enabled:
            gc.enable()


class _Extraction:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines = doc.lines
        self._pieces: list[tuple[Piece, ...] | None] = [None] * len(doc.lines)
        self._folded: str | None = None
        self.findings: list[Finding] = []
        self._ends: dict[str, int] = {}  # table → index of its last printed line

    # -- helpers

    def where(self, tok: Token) -> Source:
        """:meth:`Token.source`, inlined: it runs once per cell."""
        if tok.fragment_source is not None:
            return tok.fragment_source
        return self.lines[tok.line].at(tok.column)

    def folded_text(self) -> str:
        """The opening of the document, folded (to complete relative agency names)."""
        if self._folded is None:
            self._folded = fold(
                "\n".join(line.text for line in self.lines[:_META_LINES])[:_META_CHARS]
            )
        return self._folded

    # -- the pipeline

    def run(self) -> Report:
        headings = find_headings(self.doc)
        spans = regions(headings, len(self.lines))
        front_end = headings[0].index if headings else len(self.lines)
        meta = read_meta(
            [line.text for line in self.lines[:front_end]], front_end, self.folded_text
        )
        meta.file, meta.format = self.doc.path, self.doc.format
        if looks_traditional("".join(line.text for line in self.lines[:10])[:2000]):
            meta.extra["traditional"] = True
        if self.doc.low_confidence:  # OCR pieces the engine was unsure of (rule ocr-low-confidence)
            meta.extra["low_confidence"] = [
                {"source": source.to_dict(), "raw": raw, "score": score}
                for source, raw, score in self.doc.low_confidence
            ]
        if self.doc.notes:
            meta.extra["reader_notes"] = list(self.doc.notes)
        year_edition = form.edition_for_year(meta.year) if meta.year else None
        tables = self._tables(spans, year_edition)
        active, requests = tables["active"], tables["requests"]
        self.findings += assemble.single_other(active, requests)
        meta.edition = (active.edition if active else None) or (
            requests.blocks.get("other") if requests else None
        )
        for t in tables.values():
            if t is not None and t.edition is None:
                t.edition = meta.edition or year_edition
        sections = section_texts(self.doc, spans)
        if not sections and all(t is None for t in tables.values()):
            raise NotAReport(
                "no table and no section of an annual report was found", path=self.doc.path
            )
        self._missing(tables)
        if meta.agency is None and "agency_unnamed" in meta.extra:
            self.findings.append(F.agency_unnamed(meta.extra["agency_unnamed"]))
        self._interpretation(tables)
        return Report(meta, tables, sections, self.findings)

    def _tables(self, spans, year_edition: str | None) -> dict[str, Table | None]:
        out: dict[str, Table | None] = {}
        fallback = year_edition
        for name in form.TABLES:
            table, found, end = self._best(name, spans, fallback)
            out[name] = table
            self.findings += found
            if table is not None:
                self._ends[name] = end
            if name == "active" and table is not None:
                fallback = table.edition or fallback
        return out

    def _best(self, name: str, spans, fallback: str | None):
        """The table ``name`` from its section(s); without a heading, from the non-prose lines."""
        own = [(start, end) for h, start, end in spans if TABLE_OF_SECTION.get(h.key) == name]
        candidates = [(list(range(s, e)), 0) for s, e in own]
        if not candidates:
            candidates = [(self._outside_prose(spans), _FALLBACK_EVIDENCE[name])]
        best: tuple[Table | None, list[Finding], int] = (None, [], 0)
        for indices, evidence in candidates:
            table, found, end, labels = self._build(name, indices, fallback)
            if table is None or labels < evidence:
                continue
            if best[0] is None or _size(table) > _size(best[0]):
                best = (table, found, end)
        return best

    def _outside_prose(self, spans) -> list[int]:
        """The indices of the lines outside the prose sections (their headings included)."""
        keep = [True] * len(self.lines)
        for h, start, end in spans:
            if h.key not in TABLE_OF_SECTION:
                keep[start:end] = [False] * (end - start)  # slices and compress() run in C
        return list(compress(range(len(keep)), keep))

    def _region(self, indices: list[int]) -> Lines:
        """``(index, pieces)`` of the lines among ``indices`` that print something; each
        line is split once, however many tables search it."""
        cache, lines, out = self._pieces, self.lines, []
        for i in indices:
            found = cache[i]
            if found is None:
                line = lines[i]
                # pieces(), inlined for text lines: the cached split is all it does for them
                found = cache[i] = text_pieces(line.text) if line.cells is None else pieces(line)
            if found:
                out.append((i, found))
        return out

    def _build(self, name: str, indices: list[int], fallback: str | None):
        lex = lexicon(name)
        lines = self._region(indices)
        if name == "appeals":
            col = count_labels(lex, lines)
            data = appeals_data(lex, lines, col.header_lines)
            table, found = assemble.build_appeals(data, col.labels, self, fallback)
            if table is not None and not table.rows:
                ordered = appeals_in_reading_order(lex, lines, col.header_lines)
                table, found = assemble.appeals_by_order(ordered, table, found, self)
            last = max((t.line for t in data), default=-1)
        else:
            col = collect(lex, lines)
            build = assemble.build_active if name == "active" else assemble.build_requests
            table, found = build(col, self, fallback)
            # a row's tokens follow its label in line order: its last token is its last line
            last = max(((r.tokens[-1] if r.tokens else r.label).line for r in col.rows), default=-1)
        return table, found, last, col.labels

    # -- findings about the whole report

    def _at_end(self, last: int) -> bool:
        return all(not self.lines[i].text.strip() for i in range(last + 1, len(self.lines)))

    def _missing(self, tables: dict[str, Table | None]) -> None:
        for name, table in tables.items():
            if table is None:
                self.findings.append(F.table_missing(name))
                continue
            at_end = self._at_end(self._ends.get(name, len(self.lines)))
            if name == "active":
                expected = assemble.expected_active_rows(table)
            elif name == "requests":
                expected = assemble.expected_requests_rows(table)
            else:
                continue
            self.findings += assemble.missing_rows(table, expected, at_end)

    def _interpretation(self, tables: dict[str, Table | None]) -> None:
        """A 年报解读 page: reported when it is not a whole report."""
        head = "".join(line.text for line in self.lines[:5])
        if ("解读" in head or "图解" in head) and any(t is None for t in tables.values()):
            found = [n for n, t in tables.items() if t is not None]
            self.findings.append(
                F.finding(
                    "not-a-report",
                    params={
                        "what": "年报解读",
                        "what_en": "report interpretation page (年报解读)",
                        "found": "、".join(form.table_title(n) for n in found) or "部分章节",
                        "found_en": ", ".join(found) or "some sections",
                    },
                )
            )


def _size(table: Table) -> int:
    return sum(len(cols) for cols in table.rows.values())
