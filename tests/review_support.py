"""Shared fixtures of the review / publication tests: a fresh store (SQLite and PostgreSQL)
holding two offices' unit trees, and small valid reports.

Office 320800 (示例市) has units 320801 (司法局) and 320812 (示例区, with town 320812001);
office 330100 (另一市) has unit 330101. Reports come from :mod:`xxgk.synth.reports`
(every arithmetic rule holds by construction)."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from ledger_support import BACKENDS, make_target
from xxgk.model import Report
from xxgk.store import Store
from xxgk.store.units import Unit, put_unit
from xxgk.synth.reports import make_report

UNITS = (
    Unit("320800", "示例市人民政府", None, "政府"),
    Unit("320801", "示例市司法局", "320800", "部门"),
    Unit("320812", "示例市示例区人民政府", "320800", "政府"),
    Unit("320812001", "示例区东城街道办事处", "320812", "乡镇街道"),
    Unit("330100", "另一市人民政府", None, "政府"),
    Unit("330101", "另一市交通运输局", "330100", "部门"),
)


def fill_units(store: Store) -> None:
    with store.transaction():
        for unit in UNITS:
            put_unit(store=store, unit=unit)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path) -> Iterator[Store]:
    for target in make_target(request.param, tmp_path):
        opened = Store(target, create=True)
        fill_units(opened)
        yield opened
        opened.close()


def report_for(unit: Unit, year: int, seed: int = 1) -> Report:
    report = make_report(random.Random(seed), edition="2021", year=year, agency=unit.name)
    return report


def unit(code: str) -> Unit:
    return next(u for u in UNITS if u.code == code)
