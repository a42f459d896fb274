"""JSON text with money kept exact: a ``Decimal`` is written as a JSON number, digit for digit.

The standard encoder would turn a Decimal into a float (``8827.8344`` may come back as
``8827.834399999999``) or refuse it. ``default`` is only consulted for objects json cannot
write, so the common path (ints, strings) stays in the C encoder; each Decimal becomes a
marked string that is unquoted afterwards.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

_MARK = "\ue000"  # a private-use character: never in report text we keep
_MARKED = re.compile(f'"{_MARK}([^"{_MARK}]*){_MARK}"')


def _default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return f"{_MARK}{obj}{_MARK}" if obj.is_finite() else None
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """``obj`` as JSON (UTF-8 text, not ASCII-escaped); Decimals as exact numbers."""
    text = json.dumps(obj, ensure_ascii=False, default=_default, indent=indent)
    return _MARKED.sub(r"\1", text) if _MARK in text else text


def loads(text: str) -> Any:
    """The inverse of :func:`dumps`: non-integer numbers come back as ``Decimal``."""
    return json.loads(text, parse_float=Decimal)


def render(record: dict[str, Any]) -> str:
    """One record as an indented JSON object (``--format json``)."""
    return dumps(record, indent=2)
