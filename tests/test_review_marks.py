"""Finding fingerprints and marks on both backends: stable across a re-parse, new when the
numbers change, dismissed findings kept apart and counted."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from review_support import store  # noqa: F401  (fixture)
from xxgk.api import check, parse
from xxgk.model import Finding
from xxgk.office import marks

TEXT_BROKEN = """示例市司法局2025年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
"""


def finding(**changes: Any) -> Finding:
    base: dict[str, Any] = dict(
        rule="requests-row-total",
        severity="error",
        message="总计不等于各列之和",
        message_en="total is not the sum",
        table="requests",
        row="granted",
        column="total",
        numbers={"total": 9, "sum": 10},
    )
    base.update(changes)
    return Finding(**base)


def test_fingerprint_ignores_wording_and_source_not_numbers():
    a = finding()
    assert marks.fingerprint(a) == marks.fingerprint(
        finding(message="另一种说法", message_en="other")
    )
    assert marks.fingerprint(a) == marks.fingerprint(a.to_dict())
    assert marks.fingerprint(a) == marks.fingerprint(finding(numbers={"sum": 10, "total": 9}))
    assert marks.fingerprint(a) != marks.fingerprint(finding(numbers={"total": 9, "sum": 11}))
    assert marks.fingerprint(a) != marks.fingerprint(finding(column="natural_person"))
    assert marks.fingerprint(a) != marks.fingerprint(finding(rule="requests-balance"))
    # a Decimal and its float/JSON spelling are the same number
    money = finding(numbers={"amount": Decimal("186.50")})
    assert marks.fingerprint(money) == marks.fingerprint(finding(numbers={"amount": 186.5}))


def test_mark_persists_across_a_reparse(store, seeds_dir):  # noqa: F811
    seed = sorted(seeds_dir.glob("004*"))[0]
    first = parse(seed)
    assert first.findings, "seed 004 has findings (the （一）予以公开 row)"
    target = first.findings[0]
    marks.mark(
        store=store,
        unit="320801",
        year=2025,
        finding=target,
        verdict="dismissed",
        reason="地方模板多出的行",
        by="li",
    )
    again = parse(seed)  # a re-parse builds new Finding objects (and re-runs the rules)
    parts = marks.split(again.findings, marks.marks(store=store, unit="320801", year=2025))
    assert [f["rule"] for f in parts["dismissed"]] == [target.rule]
    assert parts["dismissed"][0]["mark"]["reason"] == "地方模板多出的行"
    assert len(parts["open"]) == len(again.findings) - 1
    assert parts["confirmed"] == []
    # another unit or another year does not inherit the mark
    assert marks.marks(store=store, unit="320812", year=2025) == {}
    assert marks.marks(store=store, unit="320801", year=2024) == {}
    assert check(again)  # the report itself still reports its findings


def test_changed_numbers_are_a_new_finding(store):  # noqa: F811
    marks.mark(
        store=store,
        unit="320801",
        year=2025,
        finding=finding(),
        verdict="confirmed",
        reason=None,
        by="li",
    )
    changed = finding(numbers={"total": 9, "sum": 12})
    parts = marks.split([changed, finding()], marks.marks(store=store, unit="320801", year=2025))
    assert [f["numbers"] for f in parts["open"]] == [{"total": 9, "sum": 12}]
    assert [f["numbers"] for f in parts["confirmed"]] == [{"total": 9, "sum": 10}]


def test_remark_replaces_and_unmark_reopens(store):  # noqa: F811
    kwargs = dict(store=store, unit="320801", year=2025, finding=finding(), by="li")
    marks.mark(verdict="confirmed", reason=None, **kwargs)
    marks.mark(verdict="dismissed", reason="误报", **kwargs)
    (only,) = marks.marks(store=store, unit="320801", year=2025).values()
    assert (only.mark, only.reason) == ("dismissed", "误报")
    assert marks.counts(store=store, year=2025) == {"320801": {"confirmed": 0, "dismissed": 1}}
    marks.unmark(store=store, unit="320801", year=2025, fingerprint=only.fingerprint, by="li")
    assert marks.marks(store=store, unit="320801", year=2025) == {}
    from xxgk.store.audit import entries

    logged = [e.action for e in reversed(entries(store=store, target="report:320801/2025"))]
    assert logged == ["finding.confirmed", "finding.dismissed", "finding.unmark"]


def test_counts_per_unit(store):  # noqa: F811
    for unit, number, verdict in [
        ("320801", 1, "dismissed"),
        ("320801", 2, "confirmed"),
        ("320812", 3, "dismissed"),
        ("320812", 4, "dismissed"),
    ]:
        marks.mark(
            store=store,
            unit=unit,
            year=2025,
            finding=finding(numbers={"n": number}),
            verdict=verdict,
            reason="理由",
            by="li",
        )
    assert marks.counts(store=store, year=2025) == {
        "320801": {"confirmed": 1, "dismissed": 1},
        "320812": {"confirmed": 0, "dismissed": 2},
    }
    assert marks.counts(store=store, year=2024) == {}


@pytest.mark.parametrize(
    ("verdict", "reason", "message"),
    [
        ("dismissed", "", "排除问题须写明理由"),
        ("dismissed", "  ", "排除问题须写明理由"),
        ("ignored", "x", "未知的标记 'ignored'"),
        ("dismissed", "长" * 501, "理由过长"),
    ],
)
def test_bad_mark_refused(store, verdict, reason, message):  # noqa: F811
    with pytest.raises(marks.MarkError, match=message):
        marks.mark(
            store=store,
            unit="320801",
            year=2025,
            finding=finding(),
            verdict=verdict,
            reason=reason,
            by="li",
        )
    assert marks.marks(store=store, unit="320801", year=2025) == {}
