"""Numbers as the prose writes them: ``24``, ``两``, ``十二``, ``一百零三``, ``1.2万``.

:data:`NUMBER` is the pattern a figure's number matches (one capture group); :func:`value`
reads it. A value that is not a whole number (``1.25件``) is ``None``: not a count.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_DIGITS = "零〇一二两三四五六七八九十百千"
NUMBER = rf"(\d+(?:\.\d+)?\s*万?|[{CHINESE_DIGITS}]{{1,12}}万?)"


def value(text: str) -> int | None:
    """The whole number ``text`` writes, or ``None``."""
    text = "".join(text.split())
    scale = 1
    if text.endswith("万"):
        text, scale = text[:-1], 10_000
    if not text:
        return None
    if text[0].isdigit():
        try:
            number = Decimal(text) * scale
        except InvalidOperation:
            return None
        return int(number) if number == number.to_integral_value() else None
    small = _chinese(text)
    return None if small is None else small * scale


def _chinese(text: str) -> int | None:
    """``十二`` → 12, ``一百零三`` → 103, ``两千`` → 2000; digit strings ``一二`` → None."""
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:  # two digits in a row (``一二``) is not how counts are written
                return None
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
        if ch in "零〇":
            digit = None
    return total + (digit or 0)
