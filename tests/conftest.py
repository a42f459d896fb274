"""Shared pytest options and fixtures (keep small and additive: several areas use it)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
CASES_DIR = Path(__file__).resolve().parent / "cases"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/cases/*/expected.json from the program's output (review the diff!)",
    )


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The real seed reports (../shared/seeds), never copied into the repo."""
    assert SEEDS_DIR.is_dir(), f"seed reports not found at {SEEDS_DIR}"
    return SEEDS_DIR


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
