"""One printed cell → its value and unit. ``raw`` is never changed here.

A cell is one of four kinds:

* ``empty``  — nothing printed (``""``);
* ``null``   — a printed "nothing" mark: ``-``, ``—``, ``/``, ``无``, ``&nbsp;``;
* ``number`` — a number, maybe signed in words (``减 6`` → -6, ``增 3`` → 3) and maybe
  with a unit printed in the cell (``186 万`` → 186 + ``万``, ``251000元``);
* ``text``   — anything else: the value is unknown and stays ``None``.

Counts are ``int``; a printed decimal point makes a ``Decimal``. Units are kept
apart and never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from xxgk.chinese import numbering, squeeze
from xxgk.model import Number

EMPTY, NULL, NUMBER, TEXT = "empty", "null", "number", "text"

_NULL_MARKS = frozenset(
    {"-", "--", "—", "——", "–", "/", "\\", "无", "暂无", "&nbsp;", "nbsp", "×", "…"}
)
_NEGATIVE = frozenset({"-", "−", "减", "減", "负", "負"})
_NUMBER = re.compile(
    r"(?P<sign>[-+−]|减少?|減少?|增加?|负|負)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>万元|亿元|元|万|件|条|條|个|個|项|項|人次|次|人|份)?"
)
# A word that may continue a number split by a space in PDF text: ``减 6``, ``186 万``.
SIGN_WORDS = frozenset({"减", "減", "增", "减少", "增加", "減少"})
UNIT_WORDS = frozenset(
    {"万元", "亿元", "元", "万", "件", "条", "條", "个", "個", "项", "項", "次", "人次"}
)


class Parsed(NamedTuple):
    kind: str
    value: Number | None
    unit: str | None


_EMPTY = Parsed(EMPTY, None, None)


@lru_cache(maxsize=8192)
def parse_cell(raw: str) -> Parsed:
    """The meaning of one printed cell (``raw`` already stripped)."""
    if not raw:
        return _EMPTY
    if raw.isascii() and raw.isdigit():
        return Parsed(NUMBER, int(raw), None)
    text = unicodedata.normalize("NFKC", raw).strip()
    if text in _NULL_MARKS or not text:
        return Parsed(NULL if text else EMPTY, None, None)
    m = _NUMBER.fullmatch(text)
    if m is None:
        return Parsed(TEXT, None, None)
    return Parsed(NUMBER, _number(m["num"], m["sign"]), m["unit"])


def _number(digits: str, sign: str | None) -> Number | None:
    digits = digits.replace(",", "")
    try:
        value: Number = Decimal(digits) if "." in digits else int(digits)
    except (InvalidOperation, ValueError):  # pragma: no cover - the pattern forbids it
        return None
    if sign and sign[0] in _NEGATIVE:
        value = -value
    return value


@lru_cache(maxsize=8192)
def is_cell_like(raw: str) -> bool:
    """Whether a token reads as a cell rather than a label: a number, a null mark,
    nothing, or a short text holding a digit and at most one Chinese character (a
    garbled number such as ``1O`` or ``12件件``; not a numbered label such as ``1.``)."""
    kind = parse_cell(raw).kind
    if kind != TEXT:
        return True
    if len(raw) > 10 or not any(ch.isdigit() for ch in raw):
        return False
    if sum(1 for ch in raw if "\u3400" <= ch <= "\u9fff") > 1:
        return False
    return len(numbering(raw)) < len(squeeze(unicodedata.normalize("NFKC", raw)))


def as_money(value: Number | None) -> Number | None:
    """Money is ``Decimal`` even when printed without a decimal point."""
    if isinstance(value, int):
        return Decimal(value)
    return value
