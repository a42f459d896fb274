"""Row labels printed damaged, matched to the one form row they can be — or to none.

Tried only when a printed label matches no label of the form (:mod:`xxgk.extract.labels`):

* **interleaved** — a narrow group cell printed vertically (``三、本年度办理结果``,
  ``（三）不予公开`` one character per line) puts its characters inside the row labels
  beside it in the PDF text layer: ``三（一）予以公开``, ``理结2.其他法律行政法规禁止公开``.
  The label fits when the form's label is printed in order with only characters of the
  table's group labels added;
* **wrapped** — a label wrapped inside its cell whose second line's characters are mixed
  into the first: the printed text is the form's label split in two and shuffled
  together, every character once;
* **typo** — ``2.其他法律行政止公开`` for ``2.其他法律行政法规禁止公开``: the printed number is
  the row's and the rest of the label is within :data:`TYPO_SHARE` edits of it.

A damaged label is read as a row only when exactly one row of the form fits (for a typo:
one row with the printed number); when two could, it stays unknown. A typo is a
defect of the report, and the extractor says so (``label-repaired``); the other two are
artefacts of the text layer and are read silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from xxgk.chinese import fold, numbering, squeeze, strip_numbering

INTERLEAVED, WRAPPED, TYPO = "interleaved", "wrapped", "typo"
TYPO_SHARE = 4  # a typo: at most one edit per this many characters of the label's text
_MIN_LENGTH = 4  # shorter labels (``3.其他``) fit too much to be repaired
_MIN_CUT = 8  # a label cut short by a wrap must keep this many characters to be read
_DROP = str.maketrans("", "", "“”\"'‘’「」 \t")


def normal(text: str) -> str:
    """Folded, squeezed, quotes dropped — numbering and brackets kept."""
    return squeeze(fold(text)).translate(_DROP)


class Repairer:
    """The rows of one table and its group labels' characters."""

    def __init__(self, rows: Iterable[tuple[str, str]], groups: Iterable[str]) -> None:
        self.rows = [(key, normal(label)) for key, label in rows]
        self.rows = [(k, n) for k, n in self.rows if len(n) >= _MIN_LENGTH]
        self.group_chars = frozenset("".join(normal(g) for g in groups))

    @lru_cache(maxsize=4096)  # noqa: B019 - one Repairer per table, built once
    def repair(self, text: str) -> tuple[str, str] | None:
        """``(row key, how)`` for a damaged label, or ``None``."""
        printed = normal(text)
        if len(printed) < _MIN_LENGTH:
            return None
        return self._layered(printed) or self._typo_after_groups(printed)

    def _typo_after_groups(self, printed: str) -> tuple[str, str] | None:
        """:meth:`_typo`, also with up to three group-label characters before the number
        (``理结2.其他法律行政止公开``)."""
        for k in range(4):
            if k and printed[k - 1] not in self.group_chars:
                return None
            found = self._typo(printed[k:])
            if found is not None:
                return found
        return None

    def _layered(self, printed: str) -> tuple[str, str] | None:
        """Ranked: the whole label inside ``printed`` before a label cut short by a wrap
        (at least :data:`_MIN_CUT` characters), longer before shorter; a tie is no fit."""
        fits: list[tuple[bool, int, str, str]] = []
        for key, label in self.rows:
            used = _within(label, printed, self.group_chars)
            cut = used >= _MIN_CUT and printed[-1] == label[used - 1]  # ends where it was cut
            if used == len(label) or cut:
                fits.append((used == len(label), used, key, INTERLEAVED))
            elif _is_shuffle(label, printed):
                fits.append((True, len(label), key, WRAPPED))
        if not fits:
            return None
        fits.sort(reverse=True)
        if len(fits) > 1 and fits[1][:2] == fits[0][:2] and fits[1][2] != fits[0][2]:
            return None  # two rows fit equally well
        return fits[0][2], fits[0][3]

    def _typo(self, printed: str) -> tuple[str, str] | None:
        number = numbering(printed)
        if not number:
            return None
        rest = strip_numbering(printed)
        fits = [
            key
            for key, label in self.rows
            if numbering(label) == number
            and _distance(strip_numbering(label), rest) <= len(strip_numbering(label)) // TYPO_SHARE
        ]
        if len(fits) != 1:
            return None  # no row, or two rows could fit: never a guess
        return fits[0], TYPO


def _within(label: str, printed: str, extra: frozenset[str]) -> int:
    """How many leading characters of ``label`` are printed in order inside ``printed``
    when every other character of ``printed`` is in ``extra`` (at least one is); -1
    when some other character is not.

    Greedy matching is exact here: skipping a character equal to the next one of the
    label is allowed only when it is in ``extra``, and then so is the later copy."""
    i = added = 0
    for ch in printed:
        if i < len(label) and ch == label[i]:
            i += 1
        elif ch in extra:
            added += 1
        else:
            return -1
    return i if added else -1


def _is_shuffle(label: str, printed: str) -> bool:
    """``printed`` is ``label[:k]`` and ``label[k:]`` interleaved, for some ``k``."""
    if len(printed) != len(label) or printed == label or Counter(printed) != Counter(label):
        return False
    return any(_interleaves(label[:k], label[k:], printed) for k in range(1, len(label)))


def _interleaves(a: str, b: str, text: str) -> bool:
    reachable = {0}  # how many characters of ``a`` are used after each prefix of ``text``
    for n, ch in enumerate(text, 1):
        reachable = {i + 1 for i in reachable if i < len(a) and a[i] == ch} | {
            i for i in reachable if 0 <= n - 1 - i < len(b) and b[n - 1 - i] == ch
        }
        if not reachable:
            return False
    return len(a) in reachable


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if abs(len(a) - len(b)) > max(len(a), len(b)) // 2:
        return max(len(a), len(b))
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
