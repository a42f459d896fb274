"""The form's labels as lookup tables, built once from :mod:`xxgk.form`.

A printed token is matched by its :func:`xxgk.chinese.label_key` (folded, traditional →
simplified, glosses, spaces, numbering and punctuation removed):

1. exactly;
2. with parenthesised explanations removed (``本年增/減(指2020年增加或減少的事項數…)``,
   ``现行有效件数(历史累计)``, ``本年收费金额（单位：万元）``);
3. as a truncated label (``本年新`` for 本年新制作数量, ``危及三安全一稳`` when ``定”``
   wrapped to the next line): the printed key is a prefix of exactly one label
   (labels of the same kind and edition count as one).

Labels that are also column headers (``其他``, ``总计``) name a row only when printed
with their number (``3.其他``, ``（七）总计``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from xxgk import form
from xxgk.chinese import label_key, numbering, to_simplified
from xxgk.extract.repair import Repairer

ROW, GROUP, BLOCK, HEADER, COLUMN, FOREIGN = "row", "group", "block", "header", "column", "foreign"
_MIN_PREFIX = 3
_PARENS = re.compile(r"\([^()]*\)")
_ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]")


@dataclass(frozen=True, slots=True)
class Match:
    kind: str
    key: str = ""  # row, block or column key
    editions: frozenset[str] = frozenset(form.EDITIONS)
    block: str | None = None  # active table: the block a column belongs to
    repaired: str | None = None  # how a damaged row label was read (:mod:`.repair`)


def matching_key(text: str) -> str:
    """The key a printed label is matched by (artefacts such as ``[bookmark: …]`` and
    Markdown heading marks ``## `` dropped)."""
    if "[" in text:
        text = _ARTEFACT.sub("", text)
    if text.startswith("#"):
        text = text.lstrip("#")
    return label_key(text)


def _unparenthesised_key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    if "(" not in folded:
        return ""
    return label_key(_PARENS.sub("", folded))


class Lexicon:
    """The labels of one table (and, as ``foreign``, those of the other two)."""

    def __init__(
        self,
        table: str,
        entries: list[tuple[str, Match]],
        numbered: set[str],
        repairer: Repairer | None = None,
    ) -> None:
        self.table = table
        self.repairer = repairer
        self.exact: dict[str, list[Match]] = {}
        for key, match in entries:
            if key and match not in self.exact.setdefault(key, []):
                self.exact[key].append(match)
        self.numbered = numbered  # row keys that need their printed number
        self._cache: dict[str, Match | None] = {}

    def match(self, text: str) -> Match | None:
        """The label ``text`` is, or ``None`` for a cell or unknown text."""
        hit = self._cache.get(text)
        if hit is None and text not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            hit = self._cache[text] = self._lookup(text)
        return hit

    def _lookup(self, text: str) -> Match | None:
        key = matching_key(text)
        if not key:
            return None
        hits = self._hits(key, text)
        if not hits and not text.isascii():
            # a character the cheap traditional test does not know (``強``, ``穩``)
            simplified = to_simplified(text)
            if simplified != text:
                key = matching_key(simplified)
                hits = self._hits(key, simplified)
        if not hits:
            return self._repaired(text)
        if key in self.numbered:  # ``总计``: a header; ``（七）总计``: the row
            as_row = bool(numbering(text))
            hits = [h for h in hits if (h.kind == ROW) == as_row]
        return _one(hits)

    def _repaired(self, text: str) -> Match | None:
        """A damaged row label (:mod:`xxgk.extract.repair`) read as the one row it fits."""
        fixed = self.repairer.repair(text) if self.repairer is not None else None
        if fixed is None:
            return None
        return Match(ROW, fixed[0], repaired=fixed[1])

    def _hits(self, key: str, text: str) -> list[Match]:
        return (
            self.exact.get(key) or self.exact.get(_unparenthesised_key(text)) or self._prefix(key)
        )

    def _prefix(self, key: str) -> list[Match]:
        if len(key) < _MIN_PREFIX:
            return []
        return [m for k, ms in self.exact.items() if k.startswith(key) for m in ms]


def _one(hits: list[Match]) -> Match | None:
    """One match, or a merged header match, or ``None`` when ambiguous.

    The table's own labels win over another table's (``本年新`` is a truncated header
    of table 二 here, not table 三's ``本年新收…``)."""
    hits = [h for h in hits if h.kind != FOREIGN] or hits[:1]
    if not hits:
        return None
    if len(hits) == 1:
        return hits[0]
    if len({(h.kind, h.key) for h in hits}) == 1 and hits[0].kind in (ROW, BLOCK, GROUP):
        return hits[0]
    if all(h.kind in (HEADER, COLUMN) for h in hits):
        editions = frozenset.intersection(*(h.editions for h in hits))
        blocks = {h.block for h in hits}
        return Match(
            COLUMN,
            "",
            editions or frozenset(form.EDITIONS),
            blocks.pop() if len(blocks) == 1 else None,
        )
    return None


# --------------------------------------------------------------------------- the three tables


def _keys(item: form.Row | form.Column | form.Block) -> tuple[str, ...]:
    """The label keys of a form item (its own ``keys()``, not a dict's)."""
    return item.keys()


def _rows(rows: tuple[form.Row, ...]) -> list[tuple[str, Match]]:
    out = []
    for r in rows:
        for k in _keys(r):
            out.append((k, Match(ROW, r.key, frozenset(r.editions))))
    return out


def _active_entries() -> list[tuple[str, Match]]:
    out: list[tuple[str, Match]] = []
    for edition in form.EDITIONS:
        for b in form.active_blocks(edition):
            out += [(k, Match(BLOCK, b.key)) for k in _keys(b)]
            out.append((label_key(b.header), Match(HEADER)))
            for r in b.rows:
                out += [(k, Match(ROW, r.key)) for k in _keys(r)]
            for c in b.columns:
                out += [(k, Match(COLUMN, c.key, frozenset({edition}), b.key)) for k in _keys(c)]
    return out


def _requests_entries() -> list[tuple[str, Match]]:
    out = _rows(form.REQUESTS_ROWS)
    for g in form.REQUESTS_GROUPS:
        if label_key(g) != label_key(form.OTHER_GROUP):  # （六）其他处理 is the 2019 row
            out.append((label_key(g), Match(GROUP)))
    for h in (form.LEGAL_PERSON_GROUP, form.APPLICANT_GROUP, form.REQUESTS_CORNER):
        out.append((label_key(h), Match(HEADER)))
    out += [(k, Match(HEADER, c.key)) for c in form.REQUESTS_COLUMNS for k in _keys(c)]
    return out


def _appeals_entries() -> list[tuple[str, Match]]:
    out = [(label_key(form.LAWSUIT), Match(HEADER))]
    out += [(k, Match(HEADER, r.key)) for r in form.APPEALS_ROWS for k in _keys(r)]
    out += [(k, Match(HEADER, c.key)) for c in form.APPEALS_COLUMNS for k in _keys(c)]
    return out


_ENTRIES = {"active": _active_entries, "requests": _requests_entries, "appeals": _appeals_entries}


@cache
def lexicon(table: str) -> Lexicon:
    """The lexicon of ``table``; labels only another table prints are ``foreign``."""
    own = _ENTRIES[table]()
    own_keys = {k for k, _ in own}
    foreign = [
        (k, Match(FOREIGN))
        for other, make in _ENTRIES.items()
        if other != table
        for k, m in make()
        if k not in own_keys
    ]
    headers = {k for k, m in own if m.kind in (HEADER, COLUMN)}
    numbered = {k for k, m in own if m.kind == ROW and k in headers}
    return Lexicon(table, own + foreign, numbered, _REPAIRERS.get(table, lambda: None)())


_REPAIRERS = {
    "requests": lambda: Repairer(
        ((r.key, r.label) for r in form.REQUESTS_ROWS), form.REQUESTS_GROUPS
    ),
}
