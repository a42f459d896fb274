"""Fitting a row's printed cells to the form's columns — without inventing a number.

The rule, in order:

1. exactly as many cells as columns → take them in order;
2. too many → empty cells at the edges are span fillers (a trailing tab or pipe, the
   empty cell under a merged label): drop empty edge cells until the count fits. When
   more than one placement is possible (empties at both ends and an empty value cell,
   e.g. a blank 总计), take the one the table's unambiguous rows of the same printed
   width used (``prefer``); with no such row, drop from the end first;
3. still too many, and every printed cell reads the same (``0`` sixteen times for
   fifteen columns) → which one is extra changes no value: keep the first ones and
   say so (warning);
4. otherwise (too many that differ, or too few) → the cells cannot be placed with
   certainty: none is read, and the finding says so (error).
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.extract.tokens import Token

FIT, SAME, UNPLACED = "fit", "same", "unplaced"


@dataclass(slots=True)
class Fitted:
    tokens: list[Token] | None  # one per column, or None when nothing could be placed
    how: str  # fit | same | unplaced
    printed: int  # cells printed once edge fillers were dropped
    ignored: list[Token]  # cells printed but not used (case 3; unplaced: those with text)
    lead: int = 0  # empty cells dropped before the first placed one
    ambiguous: bool = False  # more than one placement dropped only empty cells


def _placements(tokens: list[Token], columns: int) -> range:
    """Starts ``s`` such that dropping ``tokens[:s]`` and ``tokens[s + columns:]`` drops only empties."""
    n = len(tokens)
    lead = 0
    while lead < n and tokens[lead].text == "":
        lead += 1
    trail = 0
    while trail < n and tokens[n - 1 - trail].text == "":
        trail += 1
    return range(max(0, n - columns - trail), min(lead, n - columns) + 1)


def fit(tokens: list[Token], columns: int, prefer: int | None = None) -> Fitted:
    """Place ``tokens`` in ``columns`` columns by the rule above."""
    n = len(tokens)
    if n == columns:
        return Fitted(list(tokens), FIT, n, [])
    if n > columns:
        starts = _placements(tokens, columns)
        if starts:
            start = prefer if prefer is not None and prefer in starts else starts[0]
            return Fitted(tokens[start : start + columns], FIT, columns, [], start, len(starts) > 1)
    toks = _without_edge_empties(tokens, columns)
    if len(toks) > columns and columns > 0 and len({t.text for t in toks}) == 1:
        return Fitted(toks[:columns], SAME, len(toks), toks[columns:])
    return Fitted(None, UNPLACED, len(toks), [t for t in toks if t.text])


def _without_edge_empties(tokens: list[Token], columns: int) -> list[Token]:
    toks = list(tokens)
    while len(toks) > columns and toks[-1].text == "":
        toks.pop()
    start = 0
    while len(toks) - start > columns and toks[start].text == "":
        start += 1
    return toks[start:]
