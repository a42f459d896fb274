"""Information-processing fees (《政府信息公开信息处理费管理办法》 国办函〔2020〕109号).

One method per request, never both; both are progressive on the excess:

* **按件计收** (``piece``): counted per applicant per calendar month, cumulatively — the
  1st–10th request of the month is free, the 11th–30th cost 100 元 each, and from the 31st
  each further band of 10 raises the rate by 100 元 (31–40: 200, 41–50: 300, …). The
  ledger counts a request in the month it was **received**, ordered by receipt date, then id.
* **按量计收** (``volume``, per request): up to 30 pages free; pages 31–100 at 10 元/page,
  101–200 at 20 元/page, from 201 at 40 元/page.
"""

from __future__ import annotations

from decimal import Decimal

from xxgk.errors import LedgerError

FREE_REQUESTS = 10
FIRST_BAND_END = 30  # the 11th–30th request of the month
FIRST_BAND_RATE = 100
BAND = 10  # from the 31st, every further 10 requests add 100 元 to the rate

# (first page of the band, rate per page in 元), ascending; pages before the first are free.
PAGE_BANDS: tuple[tuple[int, int], ...] = ((31, 10), (101, 20), (201, 40))


def per_piece(nth: int) -> Decimal:
    """The fee for an applicant's ``nth`` request (1-based) in one calendar month."""
    if nth < 1:
        raise LedgerError(f"the request's number in the month must be ≥ 1, not {nth}", field="nth")
    if nth <= FREE_REQUESTS:
        return Decimal(0)
    if nth <= FIRST_BAND_END:
        return Decimal(FIRST_BAND_RATE)
    band = (nth - FIRST_BAND_END - 1) // BAND + 1  # 31–40 → 1, 41–50 → 2, …
    return Decimal(FIRST_BAND_RATE * (band + 1))


def per_volume(pages: int) -> Decimal:
    """The fee for one request of ``pages`` pages (or equivalent units)."""
    if pages < 0:
        raise LedgerError(f"pages cannot be negative: {pages}", field="pages")
    total = 0
    bounds = [b for b, _ in PAGE_BANDS[1:]] + [pages + 1]
    for (first, rate), after in zip(PAGE_BANDS, bounds, strict=True):
        if pages >= first:
            total += (min(pages + 1, after) - first) * rate
    return Decimal(total)


def fee(method: str, *, nth: int | None = None, pages: int | None = None) -> Decimal:
    """The fee by ``method`` (``piece`` needs ``nth``, ``volume`` needs ``pages``)."""
    if method == "piece" and nth is not None:
        return per_piece(nth)
    if method == "volume" and pages is not None:
        return per_volume(pages)
    need = "nth" if method == "piece" else "pages"
    if method not in ("piece", "volume"):
        raise LedgerError(f"fee method is piece or volume, not {method!r}", field="method")
    raise LedgerError(f"a {method} fee needs {need}", field=need)
