"""The submission workflow on both backends: every legal step, every illegal one refused with
a Chinese message and nothing written, comments on sections and cells, versions, corrections,
the history and the audit log."""

from __future__ import annotations

import pytest

from review_support import report_for, store, unit  # noqa: F401  (fixtures)
from xxgk.office import submission as sub
from xxgk.store.audit import entries

U, Y = "320801", 2025


def count(store, table: str) -> int:  # noqa: F811
    return int(store.one(f"SELECT count(*) FROM {table}")[0])


def walk(store, *, until: str) -> None:  # noqa: F811
    """Take the report of U/Y through the workflow up to state ``until``."""
    sub.save_draft(store=store, unit=U, year=Y, report=report_for(unit(U), Y), by="wang")
    if until == "draft":
        return
    sub.submit(store=store, unit=U, year=Y, by="wang")
    if until == "submitted":
        return
    if until == "returned":
        sub.return_with_comments(store=store, unit=U, year=Y, by="li", comments=[{"text": "x"}])
        return
    sub.approve(store=store, unit=U, year=Y, by="li")
    if until == "approved":
        return
    sub.publish(store=store, unit=U, year=Y, by="li")


def test_full_cycle_states_and_history(store):  # noqa: F811
    report = report_for(unit(U), Y)
    version = sub.save_draft(store=store, unit=U, year=Y, report=report, by="wang")
    assert (version.version, version.published) == (1, False)
    assert sub.get_current(store=store, unit=U, year=Y).state == "draft"
    assert sub.submit(store=store, unit=U, year=Y, by="wang").state == "submitted"
    returned = sub.return_with_comments(
        store=store,
        unit=U,
        year=Y,
        by="li",
        comments=[
            {
                "text": "予以公开总数与正文不符",
                "table": "requests",
                "row": "granted",
                "column": "total",
            },
            {"text": "总体情况过于简单", "section": "overview"},
        ],
    )
    assert (returned.state, returned.label) == ("returned", "已退回")
    # the officer fixes: the returned report stays returned (comments in view) until resubmitted
    report.tables["requests"].rows["granted"]["total"].raw = "9"
    sub.save_draft(store=store, unit=U, year=Y, report=report, by="wang")
    assert sub.get_current(store=store, unit=U, year=Y).state == "returned"
    assert len(sub.comments(store=store, unit=U, year=Y)) == 2
    sub.submit(store=store, unit=U, year=Y, by="wang")
    sub.approve(store=store, unit=U, year=Y, by="li", note="同意")
    published = sub.publish(store=store, unit=U, year=Y, by="li")
    assert published.published and published.published_by == "li"
    assert published.report_json["tables"]["requests"]["rows"]["granted"]["total"]["raw"] == "9"
    current = sub.get_current(store=store, unit=U, year=Y)
    assert (current.state, current.version, current.published_version) == ("published", 1, 1)
    actions = [
        (s.action, s.from_state, s.to_state, s.by) for s in sub.history(store=store, unit=U, year=Y)
    ]
    assert actions == [
        ("save", None, "draft", "wang"),
        ("submit", "draft", "submitted", "wang"),
        ("return", "submitted", "returned", "li"),
        ("save", "returned", "returned", "wang"),
        ("submit", "returned", "submitted", "wang"),
        ("approve", "submitted", "approved", "li"),
        ("publish", "approved", "published", "li"),
    ]
    audit = [e.action for e in reversed(entries(store=store, target=f"report:{U}/{Y}"))]
    assert audit == [f"submission.{a[0]}" for a in actions]


def test_comments_name_their_cells_and_sections(store):  # noqa: F811
    walk(store, until="submitted")
    sub.return_with_comments(
        store=store,
        unit=U,
        year=Y,
        by="li",
        comments=[{"text": " 请核对 ", "table": "appeals", "row": "review", "column": "corrected"}],
    )
    (comment,) = sub.comments(store=store, unit=U, year=Y)
    assert comment.cell() == ("appeals", "review", "corrected")
    assert comment.text == "请核对"
    assert comment.target() == "政府信息公开行政复议、行政诉讼情况：行政复议 / 结果纠正"
    assert (comment.by, comment.version) == ("li", 1)
    # a second round: only the latest return's comments are "current"; all are kept
    sub.submit(store=store, unit=U, year=Y, by="wang")
    sub.return_with_comments(
        store=store, unit=U, year=Y, by="li", comments=[{"text": "再改", "section": "problems"}]
    )
    assert [c.text for c in sub.comments(store=store, unit=U, year=Y)] == ["再改"]
    assert [c.text for c in sub.comments(store=store, unit=U, year=Y, latest=False)] == [
        "请核对",
        "再改",
    ]


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ({"text": ""}, "意见内容不能为空"),
        ({"text": "x", "section": "summary"}, "没有这个部分"),
        ({"text": "x", "table": "requests", "row": "granted"}, "须同时给出表格、行和列"),
        (
            {"text": "x", "table": "requests", "row": "nope", "column": "total"},
            "中没有单元格 nope / total",
        ),
        ({"text": "x", "row": "granted", "column": "total"}, "须同时给出表格、行和列"),
        ({"text": "x", "table": "budget", "row": "a", "column": "b"}, "没有这个表格"),
    ],
)
def test_bad_comment_refused_nothing_written(store, comment, message):  # noqa: F811
    walk(store, until="submitted")
    before = (count(store, "submission_step"), count(store, "review_comment"))
    with pytest.raises(sub.SubmissionError, match=message):
        sub.return_with_comments(
            store=store, unit=U, year=Y, by="li", comments=[{"text": "好"}, comment]
        )
    assert (count(store, "submission_step"), count(store, "review_comment")) == before
    assert sub.get_current(store=store, unit=U, year=Y).state == "submitted"


def test_return_needs_a_comment(store):  # noqa: F811
    walk(store, until="submitted")
    with pytest.raises(sub.SubmissionError, match="退回时须至少写一条意见"):
        sub.return_with_comments(store=store, unit=U, year=Y, by="li", comments=[])


ILLEGAL = [
    ("draft", "approve", "当前状态为“草稿”，不能审核通过（只有已报送的报告可以）"),
    ("draft", "publish", "当前状态为“草稿”，不能发布（只有已审核通过的报告可以）"),
    ("draft", "return", "当前状态为“草稿”，不能退回修改"),
    ("submitted", "submit", "当前状态为“已报送”，不能报送审核（只有草稿、已退回的报告可以）"),
    ("submitted", "save", "已报送审核，审核期间不能修改"),
    ("submitted", "publish", "不能发布"),
    ("returned", "approve", "当前状态为“已退回”，不能审核通过"),
    ("approved", "save", "已审核通过，不能再修改"),
    ("approved", "return", "当前状态为“已审核通过”，不能退回修改"),
    ("published", "save", "已发布的报告不能修改；如有错误请发布更正"),
    ("published", "submit", "当前状态为“已发布”，不能报送审核"),
    ("published", "publish", "当前状态为“已发布”，不能发布"),
    ("approved", "correct", "当前状态为“已审核通过”，不能发布更正（只有已发布、已更正的报告可以）"),
]


def act(store, action: str) -> None:  # noqa: F811
    report = report_for(unit(U), Y, seed=7)
    calls = {
        "save": lambda: sub.save_draft(store=store, unit=U, year=Y, report=report, by="wang"),
        "submit": lambda: sub.submit(store=store, unit=U, year=Y, by="wang"),
        "approve": lambda: sub.approve(store=store, unit=U, year=Y, by="li"),
        "publish": lambda: sub.publish(store=store, unit=U, year=Y, by="li"),
        "return": lambda: sub.return_with_comments(
            store=store, unit=U, year=Y, by="li", comments=[{"text": "改"}]
        ),
        "correct": lambda: sub.correct(
            store=store, unit=U, year=Y, report=report, note="更正", by="li"
        ),
    }
    calls[action]()


@pytest.mark.parametrize(("state", "action", "message"), ILLEGAL)
def test_illegal_transition_refused_nothing_written(store, state, action, message):  # noqa: F811
    walk(store, until=state)
    before = [
        count(store, t)
        for t in ("submission_step", "submission_version", "report_text", "audit_log")
    ]
    saved = sub.get_version(store=store, unit=U, year=Y, version=1).report_json
    with pytest.raises(sub.SubmissionError, match=message) as info:
        act(store, action)
    assert info.value.state == state and str(info.value).startswith("单位 320801 2025年度报告：")
    after = [
        count(store, t)
        for t in ("submission_step", "submission_version", "report_text", "audit_log")
    ]
    assert after == before
    assert sub.get_current(store=store, unit=U, year=Y).state == state
    assert sub.get_version(store=store, unit=U, year=Y, version=1).report_json == saved


def test_nothing_to_act_on(store):  # noqa: F811
    with pytest.raises(sub.SubmissionError, match="还没有报送记录，不能报送审核"):
        sub.submit(store=store, unit=U, year=Y, by="wang")
    with pytest.raises(sub.SubmissionError, match="单位登记中没有这个单位代码"):
        sub.save_draft(store=store, unit="999999", year=Y, report=report_for(unit(U), Y), by="x")
    with pytest.raises(sub.SubmissionError, match="报告年度（2024年）与报送年度（2025年）不一致"):
        sub.save_draft(store=store, unit=U, year=Y, report=report_for(unit(U), 2024), by="x")
    with pytest.raises(sub.SubmissionError, match="报告数据无法读取"):
        sub.save_draft(
            store=store, unit=U, year=Y, report={"sections": [{"title": "no key"}]}, by="x"
        )
    assert count(store, "submission") == 0


def test_correction_is_a_new_version_old_one_kept(store):  # noqa: F811
    walk(store, until="published")
    first = sub.get_version(store=store, unit=U, year=Y, version=1)
    fixed = first.report()
    fixed.tables["appeals"].rows["review"]["upheld"].raw = "99"
    with pytest.raises(sub.SubmissionError, match="发布更正须写明更正说明"):
        sub.correct(store=store, unit=U, year=Y, report=fixed, note="  ", by="li")
    second = sub.correct(
        store=store, unit=U, year=Y, report=fixed, note="表四复议维持数有误，更正为99", by="li"
    )
    assert (second.version, second.correction_note, second.published) == (
        2,
        "表四复议维持数有误，更正为99",
        True,
    )
    third = sub.correct(store=store, unit=U, year=Y, report=fixed, note="再次更正", by="li")
    assert third.version == 3
    versions = sub.list_versions(store=store, unit=U, year=Y)
    assert [(v.version, v.correction_note) for v in versions] == [
        (1, None),
        (2, "表四复议维持数有误，更正为99"),
        (3, "再次更正"),
    ]
    # the first publication is untouched
    assert sub.get_version(store=store, unit=U, year=Y, version=1).report_json == first.report_json
    assert versions[1].report_json["tables"]["appeals"]["rows"]["review"]["upheld"]["raw"] == "99"
    current = sub.get_current(store=store, unit=U, year=Y)
    assert (current.state, current.version, current.published_version) == ("corrected", 3, 3)


def test_published_version_is_immutable_in_the_store(store):  # noqa: F811
    walk(store, until="published")
    from xxgk.store import review as rows

    before = sub.get_version(store=store, unit=U, year=Y, version=1)
    rows.update_draft(store=store, unit=U, year=Y, version=1, report="{}", by="evil", at="x")
    rows.mark_published(store=store, unit=U, year=Y, version=1, by="evil", at="x")
    assert sub.get_version(store=store, unit=U, year=Y, version=1) == before


def test_money_stays_exact(store):  # noqa: F811
    from decimal import Decimal

    report = report_for(unit(U), Y)
    from xxgk.model import Cell

    report.tables["active"].set("fees", "amount", Cell("8827.8344", Decimal("8827.8344")))
    sub.save_draft(store=store, unit=U, year=Y, report=report, by="wang")
    back = sub.get_version(store=store, unit=U, year=Y, version=1).report()
    assert back.tables["active"].value("fees", "amount") == Decimal("8827.8344")


def test_list_submissions_by_unit(store):  # noqa: F811
    walk(store, until="submitted")
    other = "330101"
    sub.save_draft(store=store, unit=other, year=Y, report=report_for(unit(other), Y), by="zhao")
    found = sub.list_submissions(store=store, year=Y)
    assert {k: v.state for k, v in found.items()} == {U: "submitted", other: "draft"}
    assert list(sub.list_submissions(store=store, year=Y, units=[other])) == [other]
    assert sub.list_submissions(store=store, year=2024) == {}
