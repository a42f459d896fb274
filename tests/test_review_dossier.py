"""The unit page's data on both backends: the report under review and last year's, the cells
that changed, the 内容雷同 pairs with a sibling, the shared passages cut out for highlighting,
and the filing board's combined status."""

from __future__ import annotations

import datetime as dt

from review_support import report_for, store, unit  # noqa: F401  (fixture)
from xxgk.model import SectionText
from xxgk.office import board, dossier
from xxgk.office import submission as sub

COPIED = (
    "本单位今年在政务公开标准目录编制方面试点推行“一单位一清单”制度，逐项梳理公开事项二百一十七项，"
    "并在门户网站开设专栏集中展示，群众反映查找更加方便。"
)


def publish(store, code: str, year: int, overview: str, seed: int) -> None:  # noqa: F811
    report = report_for(unit(code), year, seed=seed)
    report.sections[0] = SectionText("overview", "一、总体情况", overview)
    sub.save_draft(store=store, unit=code, year=year, report=report, by="w")
    for step in (sub.submit, sub.approve, sub.publish):
        step(store=store, unit=code, year=year, by="boss")


def test_changes_against_last_year(store):  # noqa: F811
    publish(store, "320801", 2024, "去年的总体情况。", seed=1)
    publish(store, "320801", 2025, "今年的总体情况。", seed=1)  # same seed: same tables
    found = dossier.dossier(store=store, unit="320801", year=2025)
    assert found["source"] == "submission" and found["previous_source"] == "submission"
    assert found["changes"] == {}  # the same numbers both years
    now = sub.get_version(store=store, unit="320801", year=2025, version=1).report()
    now.tables["requests"].rows["granted"]["total"].value = 999
    before = found["previous"].tables["requests"].value("granted", "total")
    assert dossier.changes(now, found["previous"]) == {("requests", "granted", "total"): before}
    assert [s["same"] for s in found["sections"]][:1] == [False]


def test_similar_sibling_and_segments(store):  # noqa: F811
    publish(store, "320801", 2025, COPIED, seed=2)
    publish(store, "320812", 2025, "开头不同。" + COPIED, seed=3)
    pairs = dossier.similar_pairs(store=store, unit="320801", year=2025)
    assert pairs and {pairs[0]["a"]["unit"], pairs[0]["b"]["unit"]} == {"320801", "320812"}
    shown = dossier.pair_view(store=store, pair=pairs[0])
    for side in ("a", "b"):
        shared = "".join(s["text"] for s in shown[side]["segments"] if s["shared"])
        assert COPIED[:20] in shared
    other = next(s for s in ("a", "b") if shown[s]["unit"] == "320812")
    assert shown[other]["segments"][0] == {"text": "开头不同。", "shared": False}


def test_segments_mark_every_occurrence():
    parts = dossier.segments("甲乙丙丁甲乙", ["甲乙"])
    assert parts == [
        {"text": "甲乙", "shared": True},
        {"text": "丙丁", "shared": False},
        {"text": "甲乙", "shared": True},
    ]
    assert dossier.segments("", ["x"]) == []


def test_board_combines_office_status_and_workflow(store):  # noqa: F811
    publish(store, "320801", 2025, "总体情况。", seed=4)
    sub.save_draft(
        store=store, unit="320812", year=2025, report=report_for(unit("320812"), 2025), by="w"
    )
    sub.submit(store=store, unit="320812", year=2025, by="w")
    sub.save_draft(
        store=store, unit="320812001", year=2025, report=report_for(unit("320812001"), 2025), by="w"
    )
    found = board.board(
        store=store,
        year=2025,
        today=dt.date(2026, 1, 21),
        units=["320800", "320801", "320812", "320812001"],
    )
    states = {r["unit"]: (r["board"], r["submission"]) for r in found["rows"]}
    assert states == {
        "320800": ("missing", None),
        "320801": ("published", "published"),
        "320812": ("submitted", "submitted"),
        "320812001": ("missing", "draft"),  # a draft is not filed yet
    }
    deadlines = {d["date"]: d["days_left"] for d in found["deadlines"]}
    assert deadlines == {"2026-01-31": 10, "2026-03-31": 69}
