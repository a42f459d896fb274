"""Chinese text normalisation, used only to *match* labels — never to change ``raw``.

* NFKC folds full-width forms (``（一）`` → ``(一)``, ``：`` → ``:``);
* pinyin glosses left by mirror sites are removed (``根據(jù)`` → ``根據``);
* traditional characters are converted to simplified with OpenCC, only when the
  text looks traditional (a cheap test first: OpenCC is not free);
* whitespace, quotes and list punctuation are dropped, and leading numbering
  (``一、``, ``（一）``, ``1.``, ``1、``, ``(1)``) is removed by :func:`label_key`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import islice

# A gloss is a parenthesised pinyin syllable right after a CJK character. The pattern
# starts with the literal ``(`` (the CJK test is a lookbehind after it) so the engine
# jumps from one ``(`` to the next: ~20x faster on long text than testing every position.
_GLOSS = re.compile(r"\((?<=[\u3400-\u9fff]\()([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǘǚǜńňǹḿ]{1,7})\)")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.,]|\([一二三四五六七八九十]{1,3}\)[、.]?|"
    r"\d{1,2}[.、,)]|\(\d{1,2}\)[、.]?)"
)
_PUNCT_CHARS = "“”\"'‘’「」『』、,.;:!?·()[]【】<>《》"
# Deleting a character class with the regex engine: str.translate with a table is a
# Python-level lookup per character (~2 µs on a table row; this runs on each new line).
_PUNCT = re.compile("[" + re.escape(_PUNCT_CHARS) + "]")

# Characters that exist only in traditional script and are frequent in reports.
_TRADITIONAL_MARKERS = frozenset(
    "據數開辦區處門於這與為會對報關條務時國義說體們個來過還應際員實議軟網衛請況結轉繼續審訴訟複覆"
    "經濟號傳產總計導規範檔類屬無絡職責權問題並電聯單縣級銷費項減決齊發現學東車書樂"
)


@lru_cache(maxsize=1)
def _converter():  # pragma: no cover - trivial
    import opencc

    return opencc.OpenCC("t2s")


# The same set as a character class: the regex engine scans in C (a Python loop over
# each character cost ~0.1 ms per report on the opening text alone).
_TRADITIONAL_CHAR = re.compile("[" + re.escape("".join(sorted(_TRADITIONAL_MARKERS))) + "]")


def looks_traditional(text: str, threshold: int = 3) -> bool:
    """True when ``text`` holds at least ``threshold`` traditional-only characters."""
    nth = islice(_TRADITIONAL_CHAR.finditer(text), max(threshold - 1, 0), None)
    return next(nth, None) is not None


def to_simplified(text: str) -> str:
    """Traditional → simplified (OpenCC ``t2s``); callers decide when to call it."""
    return _converter().convert(text)


def remove_glosses(text: str) -> str:
    """``根據(jù)`` → ``根據``: drop pinyin glosses after CJK characters."""
    if "(" not in text:
        return text
    return _GLOSS.sub("", text)


# The compatibility characters frequent in reports, with their NFKC forms. Chinese text
# nearly always holds a full-width comma, and then unicodedata normalizes every
# character (~0.1 µs each); replacing these first usually leaves nothing to normalize.
_FREQUENT_COMPAT = tuple(
    (ch, unicodedata.normalize("NFKC", ch)) for ch in "，（）：；！？\u3000\xa0"
)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese prose."""
    for wide, narrow in _FREQUENT_COMPAT:
        if wide in text:
            text = text.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def fold(text: str) -> str:
    """NFKC, glosses removed, traditional → simplified when needed."""
    text = remove_glosses(nfkc(text))
    if _TRADITIONAL_CHAR.search(text) is not None:  # looks_traditional(threshold=1), inlined
        text = to_simplified(text)
    return text


def squeeze(text: str) -> str:
    """Remove all whitespace."""
    # str.split() splits on exactly the characters \s matches (both ask Py_UNICODE_ISSPACE),
    # and is several times faster than a regex substitution.
    return "".join(text.split())


def strip_numbering(text: str) -> str:
    """Remove one leading list number (``一、`` ``(一)`` ``1.`` ``1、`` ``(1)``)."""
    return _NUMBERING.sub("", text, count=1)


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """The key a label is matched by: folded, squeezed, unnumbered, unpunctuated."""
    text = squeeze(fold(text))
    text = strip_numbering(text)
    return _PUNCT.sub("", text)


@lru_cache(maxsize=65536)
def numbering(text: str) -> str:
    """The leading list number of a label, folded (``（六）其他处理`` → ``(六)``), or ``""``."""
    m = _NUMBERING.match(squeeze(unicodedata.normalize("NFKC", text)))
    return m.group(0) if m else ""
