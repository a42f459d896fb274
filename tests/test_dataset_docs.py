"""docs/dataset.md documents every resource and every field the package has (schema.py)."""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.dataset.schema import resources

DOC = Path(__file__).resolve().parents[1] / "docs" / "dataset.md"


def _sections() -> dict[str, str]:
    text = DOC.read_text("utf-8")
    parts = re.split(r"^### ", text, flags=re.M)[1:]
    return {re.match(r"`([a-z_]+)`", p).group(1): p for p in parts}  # type: ignore[union-attr]


def test_every_resource_and_field_is_documented() -> None:
    sections = _sections()
    for res in resources():
        if res.name.startswith("wide_"):
            assert f"`{res.name}`" in sections["wide_active"].split("\n")[0]
            continue
        assert res.name in sections, f"docs/dataset.md has no section for {res.name}"
        documented = re.findall(r"^\| `([a-z_0-9]+)` \|", sections[res.name], flags=re.M)
        assert documented == list(res.names), res.name


def test_no_documented_resource_is_unknown() -> None:
    names = {r.name for r in resources()}
    assert set(_sections()) - {"wide_active"} <= names
