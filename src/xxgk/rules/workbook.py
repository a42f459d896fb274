"""Rules for the fill-in workbook: a value the officer typed that is not a valid count.

The workbook reader (:mod:`xxgk.render.workbook`) emits these while reading, so they
are ``parse``-phase findings and stop a rendering like any error.
"""

from __future__ import annotations

from xxgk.rules.registry import rule

rule(
    "workbook-cell",
    severity="error",
    zh="{where}: {problem}",
    en="{where}: {problem_en}",
    phase="parse",
    ref="R7",
    title="A cell of the fill-in workbook holds text, a fraction or a negative count where the form needs a number.",
)
