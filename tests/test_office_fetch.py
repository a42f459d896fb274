"""The fetcher against hostile and awkward loopback sites: endless redirects, a huge
response, a tarpit, 404, intermittent 5xx, a 年报解读 page, GBK, conditional GET, the
User-Agent, per-host politeness — each a clear message naming the URL, the run going on."""

from __future__ import annotations

import random
import time

import pytest

from ledger_support import BACKENDS, make_target
from office_sites import Route, Site, detail_page, html_body, list_page
from xxgk.api import render
from xxgk.office import status
from xxgk.office.fetch import USER_AGENT, Settings, fetch
from xxgk.store import Store
from xxgk.store import archive as arch
from xxgk.store import units as uq
from xxgk.store.units import Unit
from xxgk.synth import make_report

FAST = Settings.impolite(deadline=3.0, timeout=2.0, max_bytes=2 * 1024 * 1024, retries=2)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    targets = make_target(request.param, tmp_path)
    s = Store(next(targets), create=True)
    yield s
    s.close()
    for _ in targets:
        pass


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def report_page(name: str, year: int = 2025) -> bytes:
    r = make_report(random.Random(7), edition="2021", year=year, agency=name)
    return detail_page(
        f"{name}{year}年政府信息公开工作年度报告",
        name,
        "发布日期：2026-01-15",
        html_body(render(r, "html")),
    )


def add_unit(store: Store, code: str, name: str, page: str) -> None:
    uq.put_unit(store=store, unit=Unit(code, name, None, "部门", page))


def column(site: Site, path: str, href: str, text: str) -> str:
    site.routes[path] = list_page("年报", [(href, text, "2026-01-15")], None)
    return site.url(path)


def test_hostile_sites_fail_cleanly_and_the_rest_goes_on(store, site):
    site.routes["/loop"] = Route(loop=True)
    site.routes["/huge.pdf"] = Route(huge=True)
    site.routes["/tarpit"] = Route(tarpit=True)
    site.routes["/good.html"] = report_page("示例市好局")
    cases = {
        "001": ("/loop", "重定向超过"),
        "002": ("/huge.pdf", "响应过大"),
        "003": ("/tarpit", "秒仍未下载完"),
        "004": ("/gone.html", "HTTP 404"),
    }
    for code, (href, _) in cases.items():
        add_unit(
            store,
            code,
            f"示例市{code}局",
            column(site, f"/c{code}/", href, f"示例市{code}局2025年度政府信息公开工作年度报告"),
        )
    add_unit(
        store,
        "005",
        "示例市好局",
        column(site, "/c005/", "/good.html", "示例市好局2025年度政府信息公开工作年度报告"),
    )
    started = time.monotonic()
    got = {i.unit: i for i in fetch(store=store, year=2025, settings=FAST)}
    assert time.monotonic() - started < 15  # the tarpit is cut at the deadline
    for code, (href, words) in cases.items():
        assert got[code].outcome == "failed"
        assert words in got[code].message and got[code].source.endswith(href.split("?")[0]), got[
            code
        ]
    assert got["005"].outcome == "added"
    assert {s.unit: s.status for s in status.status(store=store, year=2025)} == {
        "001": "missing",
        "002": "missing",
        "003": "missing",
        "004": "missing",
        "005": "filed",
    }


def test_dead_host_is_named(store):
    add_unit(store, "001", "示例市甲局", "http://127.0.0.1:9/none/")
    (item,) = fetch(store=store, year=2025, settings=FAST)
    assert item.outcome == "failed" and "网络错误" in item.message and "127.0.0.1:9" in item.source


def test_intermittent_5xx_is_retried(store, site):
    calls = {"n": 0}
    good = report_page("示例市乙局")

    class Flaky(dict):
        def get(self, path, default=None):
            if path == "/flaky.html":
                calls["n"] += 1
                return Route(b"busy", status=503) if calls["n"] == 1 else Route(good)
            return super().get(path, default)

    site.routes = Flaky(site.routes)
    add_unit(
        store,
        "002",
        "示例市乙局",
        column(site, "/c/", "/flaky.html", "示例市乙局2025年政府信息公开工作年度报告"),
    )
    (item,) = fetch(store=store, year=2025, settings=FAST)
    assert item.outcome == "added" and calls["n"] == 2
    statuses = [
        r[0]
        for r in store.all(
            "SELECT http_status FROM fetch_log WHERE url LIKE ? ORDER BY id", ("%flaky%",)
        )
    ]
    assert statuses == [503, 200]


def test_interpretation_link_is_skipped_and_an_interpretation_page_is_not_a_report(store, site):
    site.routes["/jd.html"] = detail_page(
        "解读", "示例市丙局", "发布日期：2026-01-15", "<p>图解</p>"
    )
    site.routes["/fake.html"] = detail_page(
        "年报", "示例市丙局", "发布日期：2026-01-16", "<p>一图读懂本局年报，欢迎监督。</p>"
    )
    site.routes["/c/"] = list_page(
        "年报",
        [
            ("/jd.html", "示例市丙局2025年政府信息公开工作年度报告解读", "2026-01-15"),
            ("/fake.html", "示例市丙局2025年政府信息公开工作年度报告", "2026-01-16"),
        ],
        None,
    )
    add_unit(store, "003", "示例市丙局", site.url("/c/"))
    (item,) = fetch(store=store, year=2025, settings=FAST)
    assert item.source.endswith("/fake.html")
    (s,) = status.status(store=store, year=2025)
    assert s.status == "not_a_report" and s.published == "2026-01-16" and "不是年度报告" in s.note
    assert not any(path == "/jd.html" for path, _ in site.hits)


def test_conditional_get_user_agent_and_archive(store, site):
    site.routes["/r.html"] = report_page("示例市丁局")
    add_unit(
        store,
        "004",
        "示例市丁局",
        column(site, "/c/", "/r.html", "示例市丁局2025年度政府信息公开工作年度报告"),
    )
    assert fetch(store=store, year=2025, settings=FAST)[0].outcome == "added"
    assert fetch(store=store, year=2025, settings=FAST)[0].outcome == "same"
    rows = store.all(
        "SELECT http_status, sha256 FROM fetch_log WHERE url = ? ORDER BY id",
        (site.url("/r.html"),),
    )
    assert [r[0] for r in rows] == [200, 304]
    assert rows[0][1] == rows[1][1] == arch.sha256(site.routes["/r.html"])
    assert arch.get_blob(store=store, digest=rows[0][1]) == site.routes["/r.html"]
    assert {ua for _, ua in site.hits} == {USER_AGENT} and "xxgk" in USER_AGENT
    assert store.one("SELECT count(*) FROM office_report")[0] == 1


def test_gbk_shared_column_with_pagination_and_attachment(store, site):
    r = make_report(random.Random(3), edition="2021", year=2025, agency="示例市戊局")
    site.routes["/f/r.docx"] = Route(render(r, "docx"), content_type="application/octet-stream")
    site.routes["/d.html"] = detail_page(
        "年报",
        "示例市戊局",
        "",
        "<p>全文见附件。</p>",
        [("/f/r.docx", "年报.docx")],
        meta_date="2026-01-20 10:00:00",
        charset="gbk",
    )
    others = [
        (f"/o{i}.html", f"示例市其他{i}局2025年度政府信息公开工作年度报告", "2026-01-21")
        for i in range(3)
    ]
    site.routes["/col/index.html"] = list_page("部门年报", others, "index_1.html", charset="gbk")
    site.routes["/col/index_1.html"] = list_page(
        "部门年报",
        [("/d.html", "示例市戊局2025年度政府信息公开工作年度报告", "2026-01-20")],
        None,
        charset="gbk",
    )
    add_unit(store, "005", "示例市戊局", site.url("/col/index.html"))
    (item,) = fetch(store=store, year=2025, settings=FAST)
    assert item.outcome == "added" and item.source.endswith("/f/r.docx")
    (s,) = status.status(store=store, year=2025)
    assert (s.status, s.published, s.published_from) == ("filed", "2026-01-20", "page")
    assert not any(p.startswith("/o") for p, _ in site.hits)  # another agency's link is never taken


def test_politeness_spaces_requests_to_one_host(store, site):
    for i in range(4):
        site.routes[f"/r{i}.html"] = report_page(f"示例市{i}号局")
        add_unit(
            store,
            f"10{i}",
            f"示例市{i}号局",
            column(
                site, f"/c{i}/", f"/r{i}.html", f"示例市{i}号局2025年度政府信息公开工作年度报告"
            ),
        )
    polite = Settings(per_host=1, delay=0.2, timeout=5, deadline=10, retries=0)
    started = time.monotonic()
    items = fetch(store=store, year=2025, settings=polite)
    elapsed = time.monotonic() - started
    assert {i.outcome for i in items} == {"added"}
    assert elapsed >= 7 * 0.2  # 8 requests to one host, at least 0.2 s apart


def test_a_page_that_becomes_a_report_and_a_report_that_disappears(store, site):
    site.routes["/r.html"] = detail_page(
        "年报", "示例市己局", "发布日期：2026-01-15", "<p>报告正在编制中。</p>"
    )
    add_unit(
        store,
        "006",
        "示例市己局",
        column(site, "/c/", "/r.html", "示例市己局2025年度政府信息公开工作年度报告"),
    )
    fetch(store=store, year=2025, settings=FAST)
    assert status.status(store=store, year=2025)[0].status == "not_a_report"
    site.routes["/r.html"] = report_page("示例市己局")
    assert fetch(store=store, year=2025, settings=FAST)[0].outcome == "added"
    assert status.status(store=store, year=2025)[0].status == "filed"  # not "changed"
    site.routes["/r.html"] = detail_page(
        "年报", "示例市己局", "发布日期：2026-01-15", "<p>已撤下。</p>"
    )
    item = fetch(store=store, year=2025, settings=FAST)[0]
    assert item.outcome == "same" and "保留已收录的报告" in item.message
    assert status.status(store=store, year=2025)[0].status == "filed"
