"""docs/office.md documents every ``xxgk office`` command and every one of its options."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from xxgk.office.cli import office

DOC = (Path(__file__).resolve().parents[1] / "docs" / "office.md").read_text("utf-8")


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    out = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out += _commands(command, f"{prefix} {name}")
        else:
            out.append((f"{prefix} {name}", command))
    return out


COMMANDS = _commands(office, "xxgk office")


@pytest.mark.parametrize("name,command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_and_option_is_documented(name, command) -> None:
    row = next((line for line in DOC.splitlines() if line.startswith(f"| `{name}")), None)
    assert row is not None, name
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert f"`{opt}`" in row, (name, opt)


def test_every_status_is_documented() -> None:
    from xxgk.office.status import STATUSES

    for status in STATUSES:
        assert f"| `{status}` |" in DOC
