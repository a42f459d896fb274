"""Names as printed → a comparable key, and a unit's names for a year (aliases, former
names) — what collect and fetch match an agency or a file name against."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

_NOISE = re.compile(
    r"[\s\u3000·・.,，。、:：;；\-—_()（）【】\[\]〔〕《》<>“”\"'‘’]"
    r"|(?:19|20)\d{2}(?:年度|年)?|政府信息公开工作年度报告|政府信息公开年度报告|"
    r"信息公开工作年度报告|信息公开年报|年度报告|工作报告|年报"
)


def name_key(text: str) -> str:
    """``江川市 交通运输局（2025年度）`` → ``江川市交通运输局``."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class NameIndex:
    """Every unit's names as keys: ``{key: {unit codes}}``."""

    keys: dict[str, frozenset[str]]

    def exact(self, text: str) -> set[str]:
        return set(self.keys.get(name_key(text), ()))

    def contained(self, text: str) -> set[str]:
        """Units whose whole name appears in ``text`` (the longest such names only)."""
        key = name_key(text)
        hits = [k for k in self.keys if len(k) >= 3 and k in key]
        if not hits:
            return set()
        longest = max(len(k) for k in hits)
        out: set[str] = set()
        for k in hits:
            if len(k) == longest:
                out |= self.keys[k]
        return out

    def fuzzy(self, text: str, cutoff: float = 0.85) -> set[str]:
        key = name_key(text)
        near = difflib.get_close_matches(key, list(self.keys), n=3, cutoff=cutoff)
        if not near:
            return set()
        best = difflib.SequenceMatcher(None, key, near[0]).ratio()
        out: set[str] = set()
        for k in near:
            if difflib.SequenceMatcher(None, key, k).ratio() >= best - 0.02:
                out |= self.keys[k]
        return out


def build_index(
    names: list[tuple[str, str]], aliases: list[tuple[str, str, str, int | None]], year: int | None
) -> NameIndex:
    """``names``: ``(code, name)``; ``aliases``: ``(code, alias, kind, until_year)``; a former
    name counts for years up to its ``until_year``."""
    keys: dict[str, set[str]] = {}
    for code, name in names:
        keys.setdefault(name_key(name), set()).add(code)
    for code, alias, kind, until in aliases:
        if kind == "former_name" and until is not None and year is not None and year > until:
            continue
        keys.setdefault(name_key(alias), set()).add(code)
    return NameIndex({k: frozenset(v) for k, v in keys.items() if k})
