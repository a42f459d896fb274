"""Shared pytest options and fixtures (keep small and additive: several areas use it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SEEDS_DIR = Path(
    os.environ.get("XXGK_SEEDS_DIR")
    or Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
)
SEEDS_MISSING = f"seed reports not found at {SEEDS_DIR} (put ../shared beside the checkout)"
_seeds_missing_told = False
CASES_DIR = Path(__file__).resolve().parent / "cases"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/cases/*/expected.json from the program's output (review the diff!)",
    )


@pytest.fixture
def seeds_dir() -> Path:
    """The real seed reports (../shared/seeds), never copied into the repo. Missing, the first
    test that needs them fails with one clear line and the others are skipped (per process)."""
    global _seeds_missing_told
    if not SEEDS_DIR.is_dir():
        if _seeds_missing_told:
            pytest.skip(SEEDS_MISSING)
        _seeds_missing_told = True
        pytest.fail(SEEDS_MISSING, pytrace=False)
    return SEEDS_DIR


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English (``XXGK_LANG=en``; the default is Chinese), for tests that read them."""
    monkeypatch.setenv("XXGK_LANG", "en")
