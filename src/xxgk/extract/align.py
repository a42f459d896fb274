"""Fitting a row's printed cells to the form's columns — without inventing a number.

The rule, in order:

1. exactly as many cells as columns → take them in order;
2. too many → empty cells at the edges are span fillers (a trailing tab or pipe, the
   empty cell under a merged label): drop empty cells from the end, then from the
   start, until the count fits;
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
    ignored: list[Token]  # cells printed but not used (case 3)


def fit(tokens: list[Token], columns: int) -> Fitted:
    """Place ``tokens`` in ``columns`` columns by the rule above."""
    toks = list(tokens)
    while len(toks) > columns and toks[-1].text == "":
        toks.pop()
    start = 0
    while len(toks) - start > columns and toks[start].text == "":
        start += 1
    toks = toks[start:]
    if len(toks) == columns:
        return Fitted(toks, FIT, len(toks), [])
    if len(toks) > columns and columns > 0 and len({t.text for t in toks}) == 1:
        return Fitted(toks[:columns], SAME, len(toks), toks[columns:])
    return Fitted(None, UNPLACED, len(toks), [])
