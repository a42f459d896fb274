"""Synthetic reports for tests, benchmarks and examples (never real data)."""

from xxgk.synth.reports import make_report

__all__ = ["make_report"]
