"""Bounded, seeded fuzzing of every input format (issue 12 item 6): a mutated file ends as a
report or as a clear error record — never an internal error. The long run (≥ 100,000
inputs) is ``benchmarks/fuzz.py``; ``XXGK_FUZZ_SCALE=10`` runs ten times these counts here.
"""

from __future__ import annotations

import os
import random
import warnings
from collections import Counter
from pathlib import Path

import pytest

from xxgk.synth import fuzz
from xxgk.synth.reports import make_report

PDF = Path(__file__).parent / "fixtures" / "formats" / "huaian-2024-requests.pdf"
SCALE = float(os.environ.get("XXGK_FUZZ_SCALE", "1"))
# Inputs per format per run: sized so the file runs in under a minute on 2 idle cores.
COUNTS = {"text": 300, "html": 150, "docx": 100, "ofd": 100, "pdf": 40, "xlsx": 30}


@pytest.fixture(scope="module")
def bases() -> dict[str, tuple[str, bytes]]:
    return fuzz.bases(make_report(random.Random(2024), "2021"), PDF.read_bytes())


@pytest.mark.parametrize("fmt", fuzz.FORMATS)
def test_mutated_inputs_never_crash(bases, fmt):
    name, base = bases[fmt]
    assert fuzz.outcome(name, base) == "report"  # the unmutated file is a report
    kinds: Counter[str] = Counter()
    crashes = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about damaged workbooks
        for i in range(int(COUNTS[fmt] * SCALE)):
            data = fuzz.mutate(base, random.Random(f"{fmt}-{i}"), fmt)
            kind = fuzz.outcome(name, data)
            kinds[kind] += 1
            if kind == "InternalError":
                crashes.append((i, fuzz.crash_detail(name, data)))
    assert crashes == []
    # the mutations reach both ends: some files still read, some are refused
    assert kinds["report"] > 0 and sum(kinds.values()) - kinds["report"] > 0


def test_mutations_are_seeded(bases):
    name, base = bases["docx"]
    one = [fuzz.mutate(base, random.Random(f"docx-{i}"), "docx") for i in range(5)]
    two = [fuzz.mutate(base, random.Random(f"docx-{i}"), "docx") for i in range(5)]
    assert one == two and len(set(one)) == 5
