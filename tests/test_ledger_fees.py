"""109号 fees: exact amounts worked out by hand from the tiers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xxgk.errors import LedgerError
from xxgk.ledger.fees import fee, per_piece, per_volume


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (0, 0),
        (30, 0),
        (31, 10),  # one page at 10
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 1 × 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
        (250, 4700),  # 70 × 10 + 100 × 20 + 50 × 40
    ],
)
def test_by_volume(pages, amount):
    assert per_volume(pages) == Decimal(amount)


@pytest.mark.parametrize(
    ("nth", "amount"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (35, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (61, 500),
    ],
)
def test_by_piece(nth, amount):
    assert per_piece(nth) == Decimal(amount)


def test_a_months_total_by_piece():
    # 35 requests by one applicant in a month: 10 free + 20 × 100 + 5 × 200 = 3000 元
    assert sum(per_piece(n) for n in range(1, 36)) == Decimal(3000)


def test_bad_fee_input_is_refused():
    with pytest.raises(LedgerError, match="needs pages"):
        fee("volume")
    with pytest.raises(LedgerError, match="piece or volume"):
        fee("weight", pages=3)
    with pytest.raises(LedgerError):
        per_volume(-1)
    with pytest.raises(LedgerError):
        per_piece(0)
