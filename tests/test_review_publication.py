"""The public side on both backends: only published versions are listed or readable, full-text
search (FTS5 trigram / pg_trgm) by unit, year and text, corrections keep the old version."""

from __future__ import annotations

import pytest

from review_support import report_for, store, unit  # noqa: F401  (fixtures)
from xxgk.model import SectionText
from xxgk.office import publication as pub
from xxgk.office import submission as sub


def publish(store, code: str, year: int, text: str | None = None) -> None:  # noqa: F811
    report = report_for(unit(code), year)
    if text is not None:
        report.sections[0] = SectionText("overview", "一、总体情况", text)
    sub.save_draft(store=store, unit=code, year=year, report=report, by="wang")
    sub.submit(store=store, unit=code, year=year, by="wang")
    sub.approve(store=store, unit=code, year=year, by="li")
    sub.publish(store=store, unit=code, year=year, by="li")


def listed(result) -> list[tuple[str, int]]:
    return [(r["unit"], r["year"]) for r in result["reports"]]


@pytest.fixture
def site(store):  # noqa: F811
    publish(store, "320801", 2024, "本年度深入推进行政复议体制改革，案件办理质量提升。")
    publish(store, "320801", 2025, "本年度持续优化营商环境，推行告知承诺制。")
    publish(store, "320812", 2025, "街道推进基层政务公开标准化规范化建设。Open Data 试点。")
    # not public: a draft, a submitted one, a returned one (with a comment), an approved one
    sub.save_draft(
        store=store, unit="320812001", year=2025, report=report_for(unit("320812001"), 2025), by="x"
    )
    sub.save_draft(
        store=store, unit="330101", year=2025, report=report_for(unit("330101"), 2025), by="x"
    )
    sub.submit(store=store, unit="330101", year=2025, by="x")
    sub.return_with_comments(
        store=store, unit="330101", year=2025, by="li", comments=[{"text": "内部意见：数字存疑"}]
    )
    sub.save_draft(
        store=store, unit="330100", year=2025, report=report_for(unit("330100"), 2025), by="x"
    )
    sub.submit(store=store, unit="330100", year=2025, by="x")
    sub.approve(store=store, unit="330100", year=2025, by="li")
    return store


def test_only_published_listed(site):
    result = pub.search(store=site)
    assert listed(result) == [("320801", 2025), ("320812", 2025), ("320801", 2024)]
    assert result["total"] == 3 and result["years"] == [2025, 2024]
    for code in ("320812001", "330101", "330100"):
        with pytest.raises(pub.NotPublished, match="尚未发布"):
            pub.report(store=site, unit=code, year=2025)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("行政复议体制改革", [("320801", 2024)]),
        ("告知承诺", [("320801", 2025)]),
        ("街道", [("320812", 2025)]),  # two characters: shorter than a trigram
        ("open data", [("320812", 2025)]),  # case-insensitive for Latin letters
        ("示例区", [("320812", 2025)]),  # the unit name is searchable too
        ("数字存疑", []),  # a comment is never public
        ("100%", []),
        ("不存在的词语", []),
    ],
)
def test_full_text_search(site, query, expected):
    assert listed(pub.search(store=site, q=query)) == expected


def test_search_excerpt_shows_the_hit(site):
    (hit,) = pub.search(store=site, q="告知承诺制")["reports"]
    assert "告知承诺制" in hit["excerpt"]


def test_filters_by_unit_year_and_scope(site):
    assert listed(pub.search(store=site, year=2024)) == [("320801", 2024)]
    assert listed(pub.search(store=site, unit="320812")) == [("320812", 2025)]
    assert listed(pub.search(store=site, unit="司法局")) == [("320801", 2025), ("320801", 2024)]
    assert listed(pub.search(store=site, units=["320812", "330101"])) == [("320812", 2025)]
    assert listed(pub.search(store=site, q="本年度", year=2025)) == [("320801", 2025)]


def test_pages(site):
    first = pub.search(store=site, page_size=2)
    second = pub.search(store=site, page_size=2, page=2)
    assert (first["pages"], first["total"]) == (2, 3)
    assert listed(first) + listed(second) == [("320801", 2025), ("320812", 2025), ("320801", 2024)]


def test_public_report_has_no_findings_and_correction_keeps_old(site):
    before = pub.report(store=site, unit="320801", year=2025)
    assert before.to_dict()["report"]["findings"] == []
    fixed = before.version.report()
    fixed.sections[0] = SectionText(
        "overview", "一、总体情况", "更正后的总体情况：推行告知承诺制。"
    )
    sub.correct(
        store=site, unit="320801", year=2025, report=fixed, note="更正总体情况表述", by="li"
    )
    latest = pub.report(store=site, unit="320801", year=2025).to_dict()
    assert (latest["version"], latest["correction_note"]) == (2, "更正总体情况表述")
    assert [(v["version"], v["latest"]) for v in latest["versions"]] == [(1, False), (2, True)]
    old = pub.report(store=site, unit="320801", year=2025, version=1).to_dict()
    assert old["report"]["sections"][0]["text"] == "本年度持续优化营商环境，推行告知承诺制。"
    assert old["latest_version"] == 2
    # the list shows the latest version once; search finds the new text, not the old
    assert listed(pub.search(store=site, q="更正后的总体情况")) == [("320801", 2025)]
    assert listed(pub.search(store=site, q="营商环境")) == []
    with pytest.raises(pub.NotPublished, match="没有已发布的第3版"):
        pub.report(store=site, unit="320801", year=2025, version=3)


def test_published_reports_reach_the_office_collection(site):
    from xxgk.office.status import status

    found = {s.unit: s for s in status(store=site, year=2025, children_of="320800")}
    assert found["320801"].status in ("filed", "late")
    assert found["320801"].published_from == "page"
    assert found["320812"].status in ("filed", "late")
    # a correction is a change after publication in the office's eyes
    fixed = pub.report(store=site, unit="320801", year=2025).version.report()
    fixed.tables["appeals"].rows["review"]["upheld"].raw = "77"
    fixed.tables["appeals"].rows["review"]["upheld"].value = 77
    sub.correct(store=site, unit="320801", year=2025, report=fixed, note="更正复议数", by="li")
    again = {s.unit: s for s in status(store=site, year=2025, children_of="320800")}
    assert again["320801"].status == "changed_after_publication"
