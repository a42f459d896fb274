"""docs/rules.md documents every registered rule id (regenerate with scripts/rules-doc)."""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.rules import RULES

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def _documented() -> set[str]:
    return set(re.findall(r"^## (\S+)$", DOC.read_text("utf-8"), flags=re.M))


def test_every_registered_rule_is_documented():
    missing = sorted(set(RULES) - _documented())
    assert not missing, f"undocumented rule ids {missing}: run scripts/rules-doc"


def test_no_documented_rule_is_unknown():
    assert not sorted(_documented() - set(RULES))


def test_each_rule_has_severity_and_both_messages():
    text = DOC.read_text("utf-8")
    for rule_id, r in RULES.items():
        parts = text.split(f"\n## {rule_id}\n", 1)
        assert len(parts) == 2, f"{rule_id} has no section: run scripts/rules-doc"
        body = parts[1].split("\n## ", 1)[0]
        assert f"*{r.severity}*" in body
        assert "- zh: " in body and "- en: " in body
