"""The office scenario's web: three loopback CMS sites (tests/office_sites.py) serving every
report of tests/office_scenario.py — site A (per-unit columns, ``index_N.html`` pages, the
report in the page or as an attachment), site B (one GBK column for ten departments, PubDate
meta tags, DOCX attachments), site C (towns: ``?page=N`` pages, old URLs redirecting, a slow
host). Every unit's column also lists a 年报解读 link (A and B), which is not a report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from office_scenario import (
    CHANGED,
    CITY,
    MISSING,
    NOT_REPORT,
    WRONG_YEAR,
    YEARS,
    UnitSpec,
    generate,
    government_2025,
    published,
    revised,
    summed,
    units,
    usable_children_2025,
)
from office_sites import Route, Site, detail_page, html_body, list_page
from xxgk.api import render
from xxgk.model import Report

FORMAT = {  # 2025 formats that are not the site's default
    "990102": "pdf",
    "990104": "docx",
    "990109": "docx",
}


@dataclass
class World:
    sites: dict[str, Site]
    pages: dict[str, str] = field(default_factory=dict)  # unit → report_page URL
    reports: dict[tuple[str, int], Report] = field(default_factory=dict)
    changed: Report | None = None
    government: Report | None = None
    swap: tuple[str, str, bytes, bytes] | None = None  # (site, path, first bytes, later bytes)

    def apply_swap(self, later: bool = True) -> None:
        """Serve 990115's later (edited) attachment, or (``later=False``) the first one again."""
        assert self.swap is not None
        site, path, first, edited = self.swap
        body = edited if later else first
        self.sites[site].routes[path] = Route(body, content_type=_CTYPES["docx"])

    def close(self) -> None:
        for site in self.sites.values():
            site.close()

    def csv(self) -> str:
        lines = ["code,name,parent,kind,aliases,report_page"]
        for u in units():
            parent = "" if u.code == CITY else CITY
            lines.append(f"{u.code},{u.name},{parent},{u.kind},,{self.pages[u.code]}")
        return "\n".join(lines) + "\n"


_CTYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _format(code: str, year: int, site: str) -> str:
    if year == 2025 and code in FORMAT:
        return FORMAT[code]
    if site == "B" or code in (CHANGED, WRONG_YEAR):
        return "docx"
    if site == "C":
        return "docx" if int(code) % 2 else "html"
    return "html"


def build() -> World:
    reports = generate()
    changed = revised(reports[(CHANGED, 2025)])
    gov = government_2025(summed(usable_children_2025(reports, changed)), reports[(CITY, 2025)])
    reports[(CITY, 2025)] = gov
    world = World({"A": Site(), "B": Site(), "C": Site(delay=0.05)}, reports=reports)
    world.changed, world.government = changed, gov
    shared_b: list[tuple[str, str, str]] = []
    for u in units():
        items = _unit_items(world, u, shared_b)
        if u.site == "B":
            world.pages[u.code] = world.sites["B"].url("/col/col5001/index.html")
        else:
            path = f"/xxgk/{u.code}/ndbg/" if u.site == "A" else f"/zwgk/{u.code}/index.html"
            world.pages[u.code] = world.sites[u.site].url(
                path + ("index.html" if u.site == "A" else "")
            )
            _column(world.sites[u.site], u, path, items)
    _shared_column(world.sites["B"], shared_b)
    return world


def _unit_items(world: World, u: UnitSpec, shared_b: list) -> list[tuple[str, str, str]]:
    items = []
    for year in sorted(YEARS, reverse=True):
        if year == 2025 and u.code == MISSING:
            continue
        report = world.reports[(u.code, year)]
        if year == 2025 and u.code == WRONG_YEAR:
            report = world.reports[(u.code, 2024)]
        date = published(u.code, year)
        title = _title(u, year)
        href = _publish(world, u, year, report, date, title)
        items.append((href, title, date.isoformat()))
        if year == 2025 and u.site != "C":
            items.append(
                (
                    f"/jd/{u.code}.html",
                    f"{u.name}{year}年政府信息公开工作年度报告解读",
                    date.isoformat(),
                )
            )
    if u.site == "B":
        shared_b.extend(items)
    return items


def _title(u: UnitSpec, year: int) -> str:
    if u.site == "C":
        return (
            f"{year}年度政府信息公开工作年度报告"
            if year != 2023
            else f"政府信息公开工作年度报告（{year}）"
        )
    return f"{u.name}{year}年度政府信息公开工作年度报告"


def _publish(
    world: World, u: UnitSpec, year: int, report: Report, date: dt.date, title: str
) -> str:
    site = world.sites[u.site]
    fmt = _format(u.code, year, u.site)
    stem = f"{u.code}{year % 100}"
    if year == 2025 and u.code == NOT_REPORT:
        body = "<p>一图读懂：" + "本镇年度报告解读，" * 5 + "欢迎社会各界监督。</p>"
        return _detail(site, u, year, stem, title, date, body, [])
    files = []
    body = ""
    if fmt == "html":
        body = html_body(render(report, "html", allow_errors=True))
    else:
        path = f"/files/{stem}.{fmt}"
        content = render(report, fmt, allow_errors=True)
        site.routes[path] = Route(content, content_type=_CTYPES[fmt])
        files.append((path, f"{title}.{fmt}"))
        body = f"<p>{u.name}{year}年度政府信息公开工作年度报告全文见附件。</p>"
        if u.code == CHANGED and year == 2025:
            assert world.changed is not None
            world.swap = (u.site, path, content, render(world.changed, "docx"))
    return _detail(site, u, year, stem, title, date, body, files)


def _detail(
    site: Site, u: UnitSpec, year: int, stem: str, title: str, date: dt.date, body: str, files: list
) -> str:
    if u.site == "A":
        path = f"/{u.code}/{date:%Y%m}/t{date:%Y%m%d}_{stem}.shtml"
        site.routes[path] = detail_page(title, u.name, f"发布日期：{date.isoformat()}", body, files)
        return path
    if u.site == "B":
        path = f"/art/{date.year}/{date.month}/{date.day}/art_5001_{stem}.html"
        page = detail_page(
            title,
            u.name,
            f"发布时间：{date:%Y年%m月%d日}",
            body,
            files,
            meta_date=f"{date.isoformat()} 09:30:00",
            charset="gbk",
        )
        site.routes[path] = page
        return path
    path = f"/content/post_{stem}.html"
    site.routes[path] = detail_page(title, u.name, f"发布时间：{date:%Y年%m月%d日}", body, files)
    site.routes[f"/old/post_{stem}.html"] = Route(redirect=path)
    return f"/old/post_{stem}.html"


def _column(site: Site, u: UnitSpec, path: str, items: list[tuple[str, str, str]]) -> None:
    if u.site == "A":  # index.html, index_1.html …, two per page
        pages = [items[i : i + 2] for i in range(0, len(items), 2)]
        for n, chunk in enumerate(pages):
            name = "index.html" if n == 0 else f"index_{n}.html"
            nxt = f"index_{n + 1}.html" if n + 1 < len(pages) else None
            site.routes[path + name] = list_page(f"{u.name} 政府信息公开年报", chunk, nxt)
    else:  # ?page=N
        pages = [items[i : i + 2] for i in range(0, len(items), 2)]
        for n, chunk in enumerate(pages, start=1):
            key = path if n == 1 else f"{path}?page={n}"
            nxt = f"{path}?page={n + 1}" if n < len(pages) else None
            site.routes[key] = list_page("政府信息公开年报", chunk, nxt)


def _shared_column(site: Site, items: list[tuple[str, str, str]]) -> None:
    """All site-B departments in one GBK column, 8 links a page, newest first."""
    items = sorted(items, key=lambda it: it[2], reverse=True)
    pages = [items[i : i + 8] for i in range(0, len(items), 8)]
    for n, chunk in enumerate(pages):
        name = "index.html" if n == 0 else f"index_{n}.html"
        nxt = f"index_{n + 1}.html" if n + 1 < len(pages) else None
        site.routes[f"/col/col5001/{name}"] = list_page(
            "部门政府信息公开年报", chunk, nxt, charset="gbk"
        )
