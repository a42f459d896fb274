"""Bounds on an HTML page before and while it is read: size (memory) and depth (time).

* Size: reading a page takes about 60 times its size in memory at its peak (the decoded
  text, Lexbor's tree, the lines and cells), so a page above :data:`MAX_HTML_BYTES` is
  refused — a report page is rarely above 1 MB.
* Depth: Lexbor's parse of a very deep tree is quadratic in its depth (200,000 nested
  ``<div>`` s take minutes, stuck in C where no signal handler runs). A page with more
  than :data:`PRESCAN_OPENS` opening tags is scanned before parsing
  (:func:`nesting_depth`); a smaller one parses in milliseconds however it nests, and the
  walker refuses it when the report's part nests deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import re
from itertools import accumulate, chain
from operator import sub

from xxgk.errors import UnreadableSource

MAX_HTML_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 400  # elements nested deeper than this are refused
PRESCAN_OPENS = 4000  # pages with more opening tags are scanned for depth before parsing
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*")
# Elements that never nest: void ones, and those whose end tag the next sibling implies.
_FLAT = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"),
        *("source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead"),
        *("tfoot", "option", "optgroup", "colgroup", "caption", "rt", "rp", "html", "head"),
        "body",
    }
)


class TooDeep(Exception):
    """Raised by a walker past :data:`MAX_DEPTH`; the reader turns it into :func:`too_deep`."""


def too_deep(path: str | None, depth: int | None = None) -> UnreadableSource:
    found = f"{depth} deep" if depth else f"deeper than {MAX_DEPTH}"
    return UnreadableSource(
        f"HTML nests elements {found}; the limit is {MAX_DEPTH} (not a report page)", path=path
    )


def check_limits(data: bytes, text: str, path: str | None) -> None:
    """Refuse a page too large or nested too deep to read in bounded memory and time."""
    if len(data) > MAX_HTML_BYTES:
        raise UnreadableSource(
            f"HTML page is {len(data) // 2**20} MB; the limit is {MAX_HTML_BYTES // 2**20} MB "
            "(reading takes about 60 times a page's size in memory)",
            path=path,
        )
    opens = text.count("<") - text.count("</")
    if opens > PRESCAN_OPENS and (depth := nesting_depth(text)) > MAX_DEPTH:
        raise too_deep(path, depth)


class _Steps(dict):
    """Tag → its step in nesting depth: +1 opening, -1 closing, 0 for elements that never
    nest; filled on first sight of each tag name."""

    def __missing__(self, tag: str) -> int:
        step = 0 if tag.lstrip("</") in _FLAT else (-1 if tag.startswith("</") else 1)
        self[tag] = step
        return step


_STEPS = _Steps()


def nesting_depth(text: str) -> int:
    """How deep the page's elements nest, from its tags (before Lexbor builds a tree: its
    parse of a very deep tree is itself quadratic): the largest excess of opening over
    closing tags in any stretch of the page, computed at C speed."""
    steps = list(map(_STEPS.__getitem__, map(str.lower, _TAG.findall(text))))
    if not steps:
        return 0
    level = list(accumulate(steps))
    lowest = accumulate(chain((0,), level), min)  # the lowest level before each tag
    return max(0, *map(sub, level, lowest))
