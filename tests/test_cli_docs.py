"""docs/cli.md documents every option of parse, check and schema, and every output format."""

from __future__ import annotations

from pathlib import Path

import pytest

from xxgk.commands.core import check_cmd, parse_cmd, schema_cmd
from xxgk.output import FORMATS

DOC = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text("utf-8")


@pytest.mark.parametrize("command", [parse_cmd, check_cmd, schema_cmd], ids=lambda c: c.name)
def test_every_option_is_documented(command) -> None:
    assert f"## `xxgk {command.name}" in DOC
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("-"):
                assert f"`{opt}" in DOC or f"{opt}`" in DOC, opt


def test_every_format_and_exit_code_is_documented() -> None:
    for fmt in FORMATS:
        assert f"| `{fmt}` |" in DOC
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in DOC
