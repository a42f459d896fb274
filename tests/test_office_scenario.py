"""The office scenario (tests/office_scenario.py): 30 units of 江川市 over 2023–2025, fetched
from three loopback CMS sites, then status, roll-up against the government's report, compare
and similar — each answer derived from the scenario's construction, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

import office_scenario as sc
import office_world
from ledger_support import BACKENDS, make_target
from xxgk.office import compare, rollup, similar, status, units
from xxgk.office.fetch import Settings, fetch
from xxgk.store import Store


@pytest.fixture(scope="module")
def world():
    w = office_world.build()
    yield w
    w.close()


@pytest.fixture(scope="module", params=BACKENDS)
def office(request, world, tmp_path_factory):
    """A store with the scenario fetched: every year once, then 2025 again after 990115's
    attachment was replaced."""
    tmp = tmp_path_factory.mktemp("office")
    targets = make_target(request.param, tmp)
    store = Store(next(targets), create=True)
    csv_path = tmp / "units.csv"
    csv_path.write_text(world.csv(), "utf-8")
    assert units.import_units(store=store, path=csv_path).problems == []
    status.set_deadline(store=store, kind="乡镇街道", month_day="02-15", office=sc.CITY)
    world.apply_swap(later=False)
    first = {y: fetch(store=store, year=y, settings=Settings.impolite()) for y in sc.YEARS}
    world.apply_swap()
    again = fetch(store=store, year=2025, settings=Settings.impolite())
    yield store, first, again
    store.close()
    for _ in targets:
        pass


def test_first_fetch_finds_every_published_report(office):
    _, first, _ = office
    for year, items in first.items():
        failed = {i.unit for i in items if i.outcome == "failed"}
        assert failed == ({sc.MISSING} if year == 2025 else set()), [i.to_dict() for i in items]
        assert all(i.outcome in ("added", "failed") for i in items)


def test_refetch_records_only_the_changed_report(office):
    _, _, again = office
    outcomes = {i.unit: i.outcome for i in again}
    assert outcomes.pop(sc.CHANGED) == "version"
    assert outcomes.pop(sc.MISSING) == "failed"
    assert set(outcomes.values()) == {"same"}


def expected_status() -> dict[str, str]:
    out = {u.code: "filed" for u in sc.units()}
    out.update(dict.fromkeys(sc.LATE, "late"))
    out[sc.MISSING] = "missing"
    out[sc.CHANGED] = "changed_after_publication"
    out[sc.WRONG_YEAR] = "wrong_year"
    out[sc.NOT_REPORT] = "not_a_report"
    return out


def test_status_2025(office):
    store, _, _ = office
    got = {s.unit: s for s in status.status(store=store, year=2025)}
    assert {c: s.status for c, s in got.items()} == expected_status()
    assert got[sc.CITY].deadline == "2026-03-31" and got[sc.CITY].published == "2026-03-20"
    assert got["990203"].deadline == "2026-02-15"  # the office's own town deadline
    assert got["990110"].published == "2026-01-31" and got["990110"].status == "filed"
    for code, s in got.items():
        if s.status != "missing":
            assert s.published == sc.published(code, 2025).isoformat(), code
            assert s.published_from == "page"
    assert got[sc.WRONG_YEAR].report_year == 2024
    assert got[sc.CITY].errors > 0  # the government's altered cells break its own totals


def test_status_earlier_years_all_filed(office):
    store, _, _ = office
    for year in (2023, 2024):
        assert {s.status for s in status.status(store=store, year=year)} == {"filed"}


def test_exempt_unit(office):
    store, _, _ = office
    status.exempt(store=store, unit=sc.MISSING, year=2025, note="机构改革，职能已划转")
    try:
        got = {s.unit: s for s in status.status(store=store, year=2025)}
        assert got[sc.MISSING].status == "exempt"
        assert got[sc.MISSING].note == "机构改革，职能已划转"
    finally:
        status.exempt(store=store, unit=sc.MISSING, year=2025, note=None)


def test_rollup_against_the_government_report(office, world, tmp_path):
    store, _, _ = office
    path = tmp_path / "市政府年报.json"
    path.write_text(
        json.dumps(world.government.to_dict(), default=str, ensure_ascii=False), "utf-8"
    )
    result = rollup.rollup(store=store, year=2025, children_of=sc.CITY, against=path)
    total = sc.summed(sc.usable_children_2025(world.reports, world.changed))
    assert {
        (d["table"], d["row"], d["column"]): (d["sum"], d["published"]) for d in result.differences
    } == {(t, r, c): (total[(t, r, c)], total[(t, r, c)] + delta) for t, r, c, delta in sc.ALTERED}
    assert {x["unit"]: x["reason"] for x in result.left_out} == {
        sc.MISSING: "未发布",
        sc.WRONG_YEAR: "年份不符",
        sc.NOT_REPORT: "不是年报",
    }
    assert len(result.units) == 26
    for key, value in total.items():
        table = result.report.tables[key[0]]
        assert table is not None and table.value(key[1], key[2]) == value, key
    assert len(result.contributors[("requests", "new_received", "total")]) == 26
    assert not result.report.errors  # a sum of valid reports is valid


def test_compare_requests_received(office, world):
    store, _, _ = office
    data = compare.compare(
        store=store, metric_name="requests.new_received.total", years=[2023, 2024, 2025]
    )
    rows = {r["unit"]: r for r in data["rows"]}
    assert len(rows) == 30
    for u in sc.units():
        for year in sc.YEARS:
            gone = year == 2025 and u.code in (sc.MISSING, sc.WRONG_YEAR, sc.NOT_REPORT)
            report = (
                world.changed
                if (u.code, year) == (sc.CHANGED, 2025)
                else world.reports[(u.code, year)]
            )
            want = None if gone else report.tables["requests"].value("new_received", "total")
            assert rows[u.code]["values"][year] == want, (u.code, year)
    v = rows["990101"]["values"]
    assert rows["990101"]["change"][2025] == v[2025] - v[2024]
    best = max(
        (r for r in data["rows"] if r["values"][2024] is not None), key=lambda r: r["values"][2024]
    )
    assert best["rank"][2024] == 1


def test_compare_ratio_marks_small_samples(office, world):
    store, _, _ = office
    data = compare.compare(store=store, metric_name="review.correction_rate", years=[2024])
    for row in data["rows"]:
        review = world.reports[(row["unit"], 2024)].tables["appeals"]
        done = sum(review.value("review", c) for c in ("upheld", "corrected", "other"))
        if done == 0:
            assert row["values"][2024] is None
        else:
            assert row["values"][2024] == round(review.value("review", "corrected") / done, 4)
            assert (2024 in row["not_meaningful"]) == (done < 5), row


def test_similar_2025(office):
    store, _, _ = office
    pairs = similar.similar(store=store, year=2025)
    got = {
        (
            p["kind"],
            p["a"]["unit"],
            p["a"]["year"],
            p["b"]["unit"],
            p["b"]["year"],
            p["a"]["section"],
        )
        for p in pairs
    }
    texts = ("overview", "problems", "other")
    want = {("text", sc.COPIED_YEAR, 2025, sc.COPIED_YEAR, 2024, s) for s in texts}
    want |= {("text", sc.SIBLING_FROM, 2025, sc.SIBLING_TO, 2025, s) for s in texts}
    want |= {
        ("tables", sc.COPIED_YEAR, 2025, sc.COPIED_YEAR, 2024, t)
        for t in ("active", "requests", "appeals")
    }
    assert got == want
    for p in pairs:
        if p["kind"] == "text":
            assert p["score"] >= 0.5 and p["passages"] and len(p["passages"][0]) >= 12
            assert not any(b[:10] in "".join(p["passages"]) for b in sc.BOILERPLATE)
